"""Menus, breadcrumbs, the page shell that holds them, and the links between the site's parts.

Editors manage the main menu and footer links in NavigationSettings. Until they do, the menu
falls back to the two ways in plus the home page's children that are marked "show in menus",
so a fresh site is never without navigation.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils import translation
from django.utils.autoreload import file_changed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from pages import page_cache
from pages.page_cache import content_version

QUESTIONNAIRE_URL_NAME = "questionnaire:start"
QUESTIONNAIRE_FALLBACK_PATH = "/vragenlijst/"
SEARCH_URL_NAME = "search:results"
SEARCH_FALLBACK_PATH = "/zoeken/"


@dataclass(frozen=True)
class MenuLink:
    text: str
    url: str
    current: bool = False


def reverse_or_path(url_name: str, fallback_path: str) -> str:
    """The URL of a part another app may not have registered yet."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return fallback_path


def questionnaire_url() -> str:
    return reverse_or_path(QUESTIONNAIRE_URL_NAME, QUESTIONNAIRE_FALLBACK_PATH)


def search_url() -> str:
    return reverse_or_path(SEARCH_URL_NAME, SEARCH_FALLBACK_PATH)


def is_current(url: str, path: str) -> bool:
    if not url.startswith("/"):
        return False
    if url == "/":
        return path == "/"
    return path == url or path.startswith(url.rstrip("/") + "/")


# Menus cost a query per linked page and every page shows two of them, plus the editors' site
# settings. They are cached per site, language and content version (pages/page_cache.py), which
# pages/signals.py renews whenever a page is published, unpublished, moved or deleted, or the
# navigation, the settings or a site are saved. Each process also keeps what it used under the
# current version, so a request asks the shared cache only for the version. Where the cache is
# per process (no Redis), other workers follow a change within about MENU_CACHE_SECONDS.
MENU_CACHE_SECONDS = 60
_local = {"version": None, "since": 0.0, "values": {}}


@receiver(file_changed)
def _forget_local_values(**kwargs) -> None:
    # In development a template of the shell changes without a restart.
    _local.update(version=None, values={})


def _local_values(request) -> dict:
    version = content_version(request)
    now = time.monotonic()
    if _local["version"] != version or now - _local["since"] > MENU_CACHE_SECONDS:
        _local.update(version=version, since=now, values={})
    return _local["values"]


def site_id_for(request) -> int | None:
    """The request's site, without a query where Wagtail's site list has only one."""
    values = _local_values(request)
    if "root_paths" not in values:
        values["root_paths"] = Site.get_site_root_paths()
    if len(values["root_paths"]) == 1:
        return values["root_paths"][0].site_id
    site = site_for(request)
    return site.pk if site is not None else None


def cached(kind: str, request, build, language: bool = True):
    """What `build(site)` makes for the request's site, cached while the content version
    lasts."""
    site_id = site_id_for(request)
    if site_id is None:
        return build(None)
    language_code = translation.get_language() if language else ""
    local_key = (kind, site_id, language_code)
    values = _local_values(request)
    if local_key in values:
        return values[local_key]
    key = f"navigation:{kind}:{site_id}:{language_code}:{content_version(request)}"
    value = cache.get(key)
    if value is None:
        value = build(site_for(request))
        cache.set(key, value, MENU_CACHE_SECONDS)
    values[local_key] = value
    return value


def with_current(entries, request) -> list[MenuLink]:
    path = request.path if request else ""
    return [MenuLink(text, url, is_current(url, path)) for text, url in entries]


def entries_from_stream(stream, request) -> list[tuple[str, str]]:
    entries = []
    for block in stream:
        url = block.value.url(request)
        if url:
            # Editors' labels that match a catalogue entry (the ways in) follow the language.
            entries.append((_(block.value["text"]), url))
    return entries


def default_main_entries(request, site: Site | None) -> list[tuple[str, str]]:
    entries = [
        (_("Home"), "/"),
        (_("Stap voor stap kiezen"), questionnaire_url()),
        (_("Direct zoeken"), search_url()),
    ]
    if site is not None:
        root = site.root_page
        for child in root.get_children().live().public().in_menu():
            entries.append((child.title, child.get_url(request=request)))
    return [(text, url) for text, url in entries if url]


def site_for(request) -> Site | None:
    if request is None:
        return Site.objects.filter(is_default_site=True).first()
    return Site.find_for_request(request)


def main_menu(request) -> list[MenuLink]:
    from pages.models import NavigationSettings

    def build(site):
        if site is not None:
            entries = entries_from_stream(NavigationSettings.for_site(site).main_links, request)
            if entries:
                return entries
        return default_main_entries(request, site)

    return with_current(cached("main", request, build), request)


def footer_menu(request) -> list[MenuLink]:
    from pages.models import NavigationSettings

    def build(site):
        if site is None:
            return []
        return entries_from_stream(NavigationSettings.for_site(site).footer_links, request)

    return with_current(cached("footer", request, build), request)


SITE_SETTINGS_FIELDS = (
    "support_name",
    "support_phone",
    "support_url",
    "support_text",
    "contact_email",
    "footer_text",
)


def site_settings(request) -> dict:
    """The editors' site settings (client support, contact, footer) as plain values."""
    from pages.models import SiteSettings

    def build(site):
        if site is None:
            return {}
        values = SiteSettings.for_site(site)
        return {name: getattr(values, name) for name in SITE_SETTINGS_FIELDS}

    return cached("settings", request, build, language=False)


# The page shell (header, footer, the questionnaire's help box) is the same for every visitor of
# a site in a language, except for which menu link is current and for its per-visitor parts (the
# language switch). Each is rendered once per site, language, content version and current links,
# kept with the menus above, and its per-visitor parts are filled in for every response.
def current_links(links: list[MenuLink]) -> tuple[int, ...]:
    return tuple(index for index, link in enumerate(links) if link.current)


def _shell_state(request) -> tuple:
    """What the shell's parts depend on besides content and settings; the same for every part
    of a request in one language."""
    language = translation.get_language()
    states = getattr(request, "_shell_states", None)
    if states is None:
        states = request._shell_states = {}
    if language not in states:
        states[language] = (
            site_id_for(request),
            language,
            get_script_prefix(),
            current_links(main_menu(request)),
            current_links(footer_menu(request)),
        )
    return states[language]


def shell_part(request, template_name: str) -> str:
    """`template_name`, which may depend only on the site, the language, published content and
    settings, and the menus' current links, rendered for this request."""
    if request is None or site_id_for(request) is None:
        return render_to_string(template_name, request=request)
    key = ("shell", template_name, *_shell_state(request))
    values = _local_values(request)
    shared = values.get(key)
    if shared is None:
        shared = page_cache.render_shared(request, template_name)
        if shared.split is None:
            # The text itself holds a marker (an editor's title): render it as it is.
            return render_to_string(template_name, request=request)
        if shared.storable:
            values[key] = shared
    return page_cache.fill(request, shared.split, shared.holes)


def breadcrumb_items(page: Page | None = None, current: str | None = None, request=None):
    """Home, then each ancestor below it, then the current page (not a link)."""
    if page is not None:
        # Titles and URLs live on the base Page: no query per page type for .specific().
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2)
        items = [
            {"title": _("Home") if ancestor.depth == 2 else ancestor.title,
             "url": ancestor.get_url(request=request)}
            for ancestor in ancestors
        ]
        return items
    items = [{"title": _("Home"), "url": "/"}]
    if current:
        items.append({"title": current, "url": ""})
    return items
