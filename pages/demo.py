"""Demo content for the editorial side of the site.

`create_demo_content(home)` is called by the catalogue's `seed_demo` command (and by the browser
test fixtures). It is idempotent: pages that already exist (by slug) are left as editors made
them, and site settings are only filled where they are still empty.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale, Page, Site

from pages import demo_content, demo_content_en
from pages.models import ContentPage, HomePage, NavigationSettings, SiteSettings
from pages.navigation import questionnaire_url, reverse_or_path, search_url

FOOTER_SLUGS = ("over-woonvinder", "toegankelijkheidsverklaring", "privacy")
ENGLISH = "en"
MENU_SLUGS = ("wat-is-de-wlz", "onafhankelijke-clientondersteuning")


@transaction.atomic
def create_demo_content(home: HomePage) -> list[ContentPage]:
    # Links are stored as editors write them: the Dutch addresses, without a language prefix.
    with translation.override(settings.LANGUAGE_CODE):
        return _create_demo_content(home)


def _create_demo_content(home: HomePage) -> list[ContentPage]:
    fill_home(home)
    pages = [ensure_content_page(home, spec) for spec in demo_content.CONTENT_PAGES]
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    fill_site_settings(site)
    fill_navigation(site, home)
    translate_to_english(home, pages)
    return pages


def translate_to_english(home: HomePage, pages: list[ContentPage]) -> None:
    """The English home (the Dutch home's translation, served at /en/) and English versions of
    the pages that have a text in demo_content_en, made as an editor would with "Translate"."""
    locale, _created = Locale.objects.get_or_create(language_code=ENGLISH)
    english_home = translation_of(home, locale)
    if english_home.intro in ("", home.intro):
        english_home.intro = demo_content_en.HOME_INTRO
        english_home.how_it_works = demo_content_en.HOME_HOW_IT_WORKS
        english_home.save_revision().publish()
    for page in pages:
        spec = demo_content_en.CONTENT_PAGES.get(page.slug)
        if spec is None:
            continue
        english = translation_of(page, locale)
        if english.live and english.title != page.title:
            continue  # translated already (by this loader or an editor)
        english.title = spec["title"]
        english.intro = spec["intro"]
        english.search_description = spec["search_description"]
        english.body = json.dumps(with_live_links(spec["body"]))
        english.save_revision().publish()


def translation_of(page: Page, locale: Locale) -> Page:
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    return page.copy_for_translation(locale).specific


def fill_home(home: HomePage) -> None:
    changed = []
    if not home.intro or home.intro == "Vind een woonplek met zorg die bij u past.":
        home.intro = demo_content.HOME_INTRO
        changed.append("intro")
    if not home.how_it_works:
        home.how_it_works = demo_content.HOME_HOW_IT_WORKS
        changed.append("how_it_works")
    if changed:
        home.save_revision().publish()


def ensure_content_page(parent: Page, spec: dict) -> ContentPage:
    existing = ContentPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing
    page = ContentPage(
        title=spec["title"],
        slug=spec["slug"],
        intro=spec["intro"],
        search_description=spec["search_description"],
        show_in_menus=spec["show_in_menus"],
        body=json.dumps(with_live_links(spec["body"])),
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def with_live_links(body: list[dict]) -> list[dict]:
    """The questionnaire and search may live under other paths than the demo texts assume."""
    paths = {"/vragenlijst/": questionnaire_url(), "/zoeken/": search_url()}
    for block in body:
        if block["type"] == "call_to_action":
            url = block["value"].get("link_url", "")
            block["value"]["link_url"] = paths.get(url, url)
    return body


def fill_site_settings(site: Site) -> None:
    settings = SiteSettings.for_site(site)
    if not settings.support_url:
        settings.support_url = demo_content.SUPPORT_URL
    if not settings.footer_text:
        settings.footer_text = (
            "Onafhankelijke informatie over wonen met zorg uit de Wet langdurige zorg."
        )
    if not settings.contact_email:
        settings.contact_email = "info@woonvinder.nl"
    settings.save()


def link(text: str, *, page: Page | None = None, url: str = "") -> dict:
    return {
        "type": "link",
        "value": {"text": text, "link_page": page.pk if page else None, "link_url": url},
    }


def pages_by_slug(home: HomePage, slugs) -> list[Page]:
    found = {page.slug: page for page in home.get_children().live().filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def fill_navigation(site: Site, home: HomePage) -> None:
    navigation = NavigationSettings.for_site(site)
    if not navigation.main_links:
        links = [
            link("Stap voor stap kiezen", url=questionnaire_url()),
            link("Direct zoeken", url=search_url()),
        ]
        links += [link(page.title, page=page) for page in pages_by_slug(home, MENU_SLUGS)]
        links.append(
            link("Bewaarlijst", url=reverse_or_path("search:shortlist", "/zoeken/bewaarlijst/"))
        )
        navigation.main_links = json.dumps(links)
    if not navigation.footer_links:
        footer = [link(page.title, page=page) for page in pages_by_slug(home, FOOTER_SLUGS)]
        ranking = reverse_or_path("search:how_we_rank", "/zoeken/zo-rangschikken-wij/")
        footer.append(link("Zo rangschikken wij", url=ranking))
        footer.append(link("Zoeken op de website", url="/zoeken-op-site/"))
        navigation.footer_links = json.dumps(footer)
    navigation.save()
