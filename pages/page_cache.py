"""A whole-page cache for the Wagtail pages visitors read: home, information, provider and
residence pages.

Rendering a page costs routing, a dozen queries and a template tree; the page is the same for
every visitor except for a few small parts: the language switch and the shortlist button (each
a form with the visitor's CSRF token, the button also knows whether the residence is on the
visitor's list) and flash messages. Templates mark those parts with `{% per_visitor %}`
(pages/templatetags/page_cache_tags.py). While a page is rendered for the cache each such part
becomes a marker; the cached entry is the HTML with markers plus what each marker needs, and
every response, first or cached, renders the parts for its own visitor into the markers.

The page shell (header, footer) is shared the same way, per site, language and current menu
link, on every page: pages/navigation.py renders it with `render_shared` and fills its parts.

A page is stored only if it is safe to give to anyone:
- GET or HEAD, status 200, HTML, not streamed, and no `Cache-Control: private/no-store`;
- the page has no view restrictions (login, password, groups) on it or its ancestors;
- rendering it outside the marked parts neither read the session nor asked for a CSRF token.

A cached page is served without routing, so without Wagtail's `before_serve_page` hooks: the
only such hook that decides who may see a page is Wagtail's view-restriction check, and pages
with restrictions are never stored. A new hook of that kind must make its pages uncacheable
(`page_cache = False` on the page type).

Entries are keyed by host, path and query string, language and date, and hold the site's
content version they were made under. A page type whose text outside its per-visitor parts does
not depend on the query string (`page_cache_query_in_parts = True`: the residence page, whose
back link and "why it fits" follow the search in its address) is kept once, under the key
without the query, and that entry serves every query string. An entry of another version is not
served (pages/signals.py starts a new version whenever a page is published, unpublished, moved
or deleted, and when navigation, site settings, sites, view restrictions or images change). A
shared cache (Redis) sees a new version at once; a per-process cache in another worker serves the
old page for at most `PAGE_CACHE_SECONDS`, which is short when the cache is not shared.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string
from django.urls import get_script_prefix
from django.utils import timezone, translation
from django.utils.autoreload import file_changed
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from wagtail import views as wagtail_views
from wagtail.models import PageViewRestriction

from search.fragments import MARK, marker, pieces, shown
from search.fragments import fill as fill_slots

VERSION_KEY = "site-content:version"
MAX_QUERY_LENGTH = 512
CAPTURE_ATTRIBUTE = "_page_cache_capture"
# What django.middleware.csrf.get_token sets on every call: the response then carries the cookie.
CSRF_USED = "CSRF_COOKIE_NEEDS_UPDATE"


def content_version(request=None) -> str:
    """A token that changes whenever published content changes (see pages/signals.py); read
    once per request."""
    version = getattr(request, "_content_version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or ""
    if request is not None:
        request._content_version = version
    return version


def content_changed(**kwargs) -> None:
    """Signal receiver: every cached page and menu is out of date.

    The version changes at once and again when the change commits. Between the two, other
    requests still read the old content (the change is not committed) and may store it under
    the first new version; the second retires those entries, so no page rendered before the
    commit outlives it. Outside a transaction both happen at once."""
    _new_version()
    # robust: a cache that fails at commit must not stop the other commit callbacks (the
    # search index sync).
    transaction.on_commit(_new_version, robust=True)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


@dataclass
class Capture:
    """The per-visitor parts found while a page renders for the cache: (slot, template, values).
    Slots are search/fragments.py markers, so a page text holding a marker is caught."""

    holes: list[tuple[str, str, dict]] = field(default_factory=list)

    def hole(self, template_name: str, values: dict) -> str:
        slot = f"part{len(self.holes)}"
        self.holes.append((slot, template_name, values))
        return marker(slot)


# Every response renders its per-visitor parts, so the usual ones have a cheaper way than a
# full template render with every context processor:
# - flash messages: nothing to render unless the visitor has a message;
# - parts whose only per-visitor values are the CSRF token and the address of the page (the
#   language switch, the address printed under the page): rendered once per language with
#   markers for those, filled per request. Such a template sees only `csrf_token`,
#   `request.get_full_path`, `request.build_absolute_uri` and its own values.
# - parts marked `query_only=True` show only what the query string asks for (the residence
#   page's back link and "why it fits"): nothing to render when the address has no query string;
MESSAGES_PART = "components/messages.html"
QUERY_ONLY = "query_only"
ADDRESS_PARTS = frozenset({"components/language_switch.html", "components/print_address.html"})
_prepared: dict[tuple, tuple[str, ...]] = {}
_ADDRESS_SLOTS = {"address", "absolute", "csrf"}


class _AddressOnly:
    """The request as a prepared part sees it: only its address, as markers."""

    def get_full_path(self) -> str:
        return marker("address")

    def build_absolute_uri(self) -> str:
        return marker("absolute")


def _prepared_part(request, template_name: str, values: dict) -> str:
    key = (
        template_name,
        translation.get_language(),
        get_script_prefix(),
        tuple(sorted(values.items())),
    )
    split = _prepared.get(key)
    if split is None:
        text = get_template(template_name).render(
            {**values, "request": _AddressOnly(), "csrf_token": marker("csrf")}
        )
        split = pieces(text, tuple(text.split(MARK)[1::2]))
        if split is None or set(split[1::2]) - _ADDRESS_SLOTS:
            return render_to_string(template_name, values, request=request)
        _prepared[key] = split
    slots = set(split[1::2])
    filled = {}
    if "address" in slots:
        filled["address"] = shown(request.get_full_path())
    if "absolute" in slots:
        filled["absolute"] = shown(request.build_absolute_uri())
    if "csrf" in slots:
        filled["csrf"] = shown(get_token(request))
    return fill_slots(split, filled)


@receiver(setting_changed)
@receiver(file_changed)
def _forget_prepared(**kwargs) -> None:
    # Tests change settings; in development a template changes without a restart.
    _prepared.clear()


def render_part(request, template_name: str, values: dict) -> str:
    if request is not None:
        if template_name == MESSAGES_PART and not get_messages(request):
            return ""
        if values.get(QUERY_ONLY) and not request.META.get("QUERY_STRING"):
            return ""
        if template_name in ADDRESS_PARTS:
            return _prepared_part(request, template_name, values)
    return render_to_string(template_name, values, request=request)


def per_visitor(request, template_name: str, values: dict) -> str:
    """What `{% per_visitor %}` puts in the page: a marker while the page is captured for the
    cache, the rendered part otherwise."""
    capture = getattr(request, CAPTURE_ATTRIBUTE, None) if request is not None else None
    if capture is None:
        return render_part(request, template_name, values)
    return mark_safe(capture.hole(template_name, values))


def fill(request, split: tuple[str, ...], holes) -> str:
    """The text with each per-visitor part rendered for this request (or, while an enclosing
    page is captured for the cache, marked in that page)."""
    return fill_slots(
        split, {slot: per_visitor(request, name, values) for slot, name, values in holes}
    )


class SessionWatch:
    """Whether what runs inside reads the session, whatever a middleware read before. On the
    way out the session's flag is restored, plus any read inside, for SessionMiddleware's Vary
    header."""

    def __init__(self, request):
        self.session = getattr(request, "session", None)
        self.read = False

    def __enter__(self):
        self.before = getattr(self.session, "accessed", False)
        if self.session is not None:
            self.session.accessed = False
        return self

    def __exit__(self, *exc_info):
        self.read = getattr(self.session, "accessed", False)
        if self.session is not None:
            self.session.accessed = self.before or self.read
        return False


@dataclass
class Shared:
    """A template rendered alike for every visitor: its text split at the per-visitor parts,
    the parts, and whether it may be kept (rendering it outside those parts read neither the
    session nor a CSRF token). `split` is None when the text itself holds a marker."""

    split: tuple[str, ...] | None
    holes: list[tuple[str, str, dict]]
    storable: bool


def render_shared(request, template_name: str) -> Shared:
    """Render `template_name` with the request's context processors (not the page's context),
    its `{% per_visitor %}` parts as markers."""
    outer = getattr(request, CAPTURE_ATTRIBUTE, None)
    capture = Capture()
    setattr(request, CAPTURE_ATTRIBUTE, capture)
    token_flag = request.META.pop(CSRF_USED, None)
    try:
        with SessionWatch(request) as session:
            text = render_to_string(template_name, request=request)
    finally:
        setattr(request, CAPTURE_ATTRIBUTE, outer)
        token_read = CSRF_USED in request.META
        if token_flag is not None:
            request.META[CSRF_USED] = token_flag
    slots = tuple(slot for slot, _name, _values in capture.holes)
    return Shared(pieces(text, slots), capture.holes, not (session.read or token_read))


def cache_key(request, with_query: bool = True) -> str | None:
    """Where the page for this address, language and day is kept. The content version is not
    part of the key but of the entry (see `lookup`), so a new version replaces the entries.
    Without the query: where a page that serves every query string is kept."""
    query = request.META.get("QUERY_STRING", "") if with_query else ""
    if len(query) > MAX_QUERY_LENGTH:
        return None
    parts = "\n".join(
        [
            request.get_host(),
            request.path,
            query,
            translation.get_language() or "",
            timezone.localdate().isoformat(),
        ]
    )
    return "page:" + hashlib.sha256(parts.encode()).hexdigest()


def lookup(request, key: str | None, bare_key: str) -> dict | None:
    """The entry for this request made under the current content version: the one under
    `bare_key` (no query) if it serves every query string, else the one under `key`. The version
    and both entries come in one round trip to the cache."""
    keys = [bare_key] if key in (None, bare_key) else [bare_key, key]
    if getattr(request, "_content_version", None) is None:
        found = cache.get_many([VERSION_KEY, *keys])
        if found.get(VERSION_KEY):
            request._content_version = found[VERSION_KEY]
    else:
        found = cache.get_many(keys)
    version = content_version(request)
    bare = found.get(bare_key)
    if bare is not None and bare.get("version") == version and bare.get("query_in_parts"):
        return bare
    entry = found.get(key) if key is not None else None
    if entry is None or entry.get("version") != version:
        return None
    return entry


def is_cacheable_request(request) -> bool:
    return (
        getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0
        and request.method in ("GET", "HEAD")
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _storable(response, request, session_read: bool) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    if response.cookies or request.META.get(CSRF_USED):
        return False
    if session_read:
        return False
    page = getattr(request, "page_cache_page", None)
    if page is None or not getattr(page.specific_class, "page_cache", True):
        return False
    return not (_any_view_restrictions(request) and page.get_view_restrictions().exists())


# Whether any page has a view restriction, per content version (a restriction saved or deleted
# starts a new one, again when it commits: see `content_changed`), for at most
# PAGE_CACHE_SECONDS: without a shared cache, another worker's new version does not reach this
# one. Most sites have none, and then a page about to be stored needs no look at its ancestors'
# restrictions. (Wagtail also marks every restricted page's response `no-store`.)
_restrictions_by_version: dict[str, tuple[bool, float]] = {}


def _any_view_restrictions(request) -> bool:
    version = content_version(request)
    now = time.monotonic()
    found, since = _restrictions_by_version.get(version, (None, 0.0))
    if found is None or now - since > settings.PAGE_CACHE_SECONDS:
        found = PageViewRestriction.objects.exists()
        if version:  # "" when the cache could not keep a version: ask every time
            if len(_restrictions_by_version) > 16:
                _restrictions_by_version.clear()
            _restrictions_by_version[version] = (found, now)
    return found


def _response(request, entry) -> HttpResponse:
    response = HttpResponse(fill(request, entry["split"], entry["holes"]))
    response["Content-Type"] = entry["content_type"]
    if entry["vary"]:
        patch_vary_headers(response, entry["vary"])
    return response


def serve(request, path):
    """Wagtail's page view, answered from the cache where it can be."""
    if not is_cacheable_request(request):
        return wagtail_views.serve(request, path)
    key, bare_key = cache_key(request), cache_key(request, with_query=False)
    entry = lookup(request, key, bare_key)
    if entry is not None:
        return _response(request, entry)

    capture = Capture()
    setattr(request, CAPTURE_ATTRIBUTE, capture)
    # Whether rendering the page (outside the per-visitor parts) reads the session.
    try:
        with SessionWatch(request) as session:
            response = wagtail_views.serve(request, path)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
    finally:
        setattr(request, CAPTURE_ATTRIBUTE, None)
    if response.streaming:
        return response
    storable = _storable(response, request, session.read)
    query_in_parts = storable and _query_in_parts(request)
    if not query_in_parts and key is None:
        storable = False
    if not (storable or capture.holes):
        return response

    slots = tuple(slot for slot, _name, _values in capture.holes)
    split = pieces(response.content.decode(response.charset), slots)
    if split is None:
        # The page's own text holds a marker: serve it fresh, without the cache.
        return wagtail_views.serve(request, path)
    if storable:
        vary = [header.strip() for header in response.get("Vary", "").split(",") if header]
        entry = {
            "version": content_version(request),
            "split": split,
            "holes": capture.holes,
            "content_type": response["Content-Type"],
            "vary": vary,
            "query_in_parts": query_in_parts,
        }
        cache.set(bare_key if query_in_parts else key, entry, settings.PAGE_CACHE_SECONDS)
    if capture.holes:
        response.content = fill(request, split, capture.holes)
    return response


def _query_in_parts(request) -> bool:
    page = getattr(request, "page_cache_page", None)
    return page is not None and getattr(page.specific_class, "page_cache_query_in_parts", False)


def remember_page(page, request, serve_args, serve_kwargs) -> None:
    """`before_serve_page` hook: the page being served, for the checks before storing it."""
    request.page_cache_page = page
