"""Menus, breadcrumbs and the links between the site's parts.

Editors manage the main menu and footer links in NavigationSettings. Until they do, the menu
falls back to the two ways in plus the home page's children that are marked "show in menus",
so a fresh site is never without navigation.

Building a menu costs a query per linked page, and every page shows two menus. So the links
(text and address) are kept in Django's cache per site, language and content version
(pages/signals.py starts a new version whenever published content or the navigation changes);
which link is current is worked out for each request. Template fragments that show other pages
(breadcrumbs, a provider's residences, a residence's provider) use the same version in their
`{% cache %}` keys.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

QUESTIONNAIRE_URL_NAME = "questionnaire:start"
QUESTIONNAIRE_FALLBACK_PATH = "/vragenlijst/"
SEARCH_URL_NAME = "search:results"
SEARCH_FALLBACK_PATH = "/zoeken/"
MENU_CACHE_SECONDS = 24 * 60 * 60
VERSION_KEY = "pages:content-version"


@dataclass(frozen=True)
class MenuLink:
    text: str
    url: str
    current: bool = False
    lang: str = ""  # the text's language when it is not the visitor's (an untranslated label)


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


def home_url() -> str:
    """The home page in the active language ("/" or "/en/")."""
    try:
        return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return "/"


def in_active_language(url: str) -> str:
    """An address on this site as editors write it (the Dutch one, without a language prefix),
    in the active language: "/vragenlijst/" is "/en/vragenlijst/" in English."""
    language = translation.get_language()
    if not url.startswith("/") or url.startswith("//") or language == settings.LANGUAGE_CODE:
        return url
    if translation.get_language_from_path(url):  # written with a language prefix already
        return url
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)


def is_current(url: str, path: str, home: str) -> bool:
    """Whether the link leads to the page shown or a page below it. The search's own pages
    (compare, shortlist, how we rank) sit below the results' address but are not the results,
    so the search link is current on the results page only."""
    if not url.startswith("/"):
        return False
    if url in (home, search_url()):
        return path == url
    return path == url or path.startswith(url.rstrip("/") + "/")


def content_version() -> str:
    """A token that changes whenever a page is published, unpublished, moved or deleted, or the
    navigation or a site is saved (pages/signals.py)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or ""
    return version


def new_content_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def cached_entries(kind: str, request, build) -> list[tuple[str, str]]:
    """What `build(site)` makes for the request's site, kept while the content version lasts.
    Kept per host name, which decides the site: finding the Site costs a query, which only a
    cache miss pays (pages outside Wagtail's tree, like the results, would pay it every time)."""
    if request is None:
        return build(None)
    language = translation.get_language() or ""
    key = ":".join(["pages:menu", kind, request.get_host(), language, content_version()])
    entries = cache.get(key)
    if entries is None:
        entries = build(Site.find_for_request(request))
        cache.set(key, entries, MENU_CACHE_SECONDS)
    return entries


def with_current(entries, request) -> list[MenuLink]:
    """The links, with at most one current: the one that leads closest to the page shown."""
    path = request.path if request else ""
    home = home_url()
    matches = [url for _text, url, _lang in entries if is_current(url, path, home)]
    current = max(matches, key=len) if matches else None
    return [MenuLink(text, url, url == current, lang) for text, url, lang in entries]


def entries_from_stream(stream, request) -> list[tuple[str, str, str]]:
    """(text, address, language of the text when not the visitor's) per link in the stream."""
    entries = []
    for block in stream:
        url = block.value.url(request)
        if url:
            text, language = block.value.label_and_language()
            entries.append((text, url, language))
    return entries


def default_main_entries(request, site: Site | None) -> list[tuple[str, str, str]]:
    entries = [
        (_("Home"), home_url(), ""),
        (_("Stap voor stap kiezen"), questionnaire_url(), ""),
        (_("Direct zoeken"), search_url(), ""),
    ]
    if site is not None:
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        for child in site.root_page.get_children().live().public().in_menu():
            shown = child.localized  # the page's translation, when it has one
            language = language_mark(languages[shown.locale_id])
            entries.append((shown.title, shown.get_url(request=request), language))
    return [entry for entry in entries if entry[1]]


def main_menu(request) -> list[MenuLink]:
    from pages.models import NavigationSettings

    def build(site):
        if site is not None:
            entries = entries_from_stream(NavigationSettings.for_site(site).main_links, request)
            if entries:
                return entries
        return default_main_entries(request, site)

    return with_current(cached_entries("main", request, build), request)


def footer_menu(request) -> list[MenuLink]:
    from pages.models import NavigationSettings

    def build(site):
        if site is None:
            return []
        return entries_from_stream(NavigationSettings.for_site(site).footer_links, request)

    return with_current(cached_entries("footer", request, build), request)


def language_mark(language: str) -> str:
    """The `lang` a text in `language` carries: none when it is the visitor's own language
    (WCAG 3.1.2: only a passage in another language is marked)."""
    return "" if language == translation.get_language() else language


def breadcrumb_items(page: Page | None = None, current: str | None = None, request=None):
    """Home, then each ancestor below it, then the current page (not a link)."""
    if page is not None:
        # Titles and URLs live on the base Page: no query per page type for .specific().
        ancestors = page.get_ancestors(inclusive=True).filter(depth__gte=2)
        # A title in another language than the visitor's (a Dutch-only page) says so.
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        return [
            {
                "title": _("Home") if ancestor.depth == 2 else ancestor.title,
                "url": ancestor.get_url(request=request),
                "lang": "" if ancestor.depth == 2 else language_mark(languages[ancestor.locale_id]),
            }
            for ancestor in ancestors
        ]
    items = [{"title": _("Home"), "url": home_url()}]
    if current:
        items.append({"title": current, "url": ""})
    return items
