"""Issue 6: every page ships under 150 KB of CSS and JavaScript together (uncompressed).

Counts what the HTML itself asks for: <link rel="stylesheet" href> and <script src> under
STATIC_URL, resolved through the staticfiles finders to the files on disk. Files a script adds
later on request (Leaflet, when a visitor opens the map) are not part of the page's weight.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from questionnaire.questions import QUESTIONS
from search.indexing import rebuild_index
from tests.factories import ProviderPageFactory, ResidencePageFactory

BUDGET_BYTES = 150 * 1024
LEAFLET = "search/vendor/leaflet/"


class AssetCollector(HTMLParser):
    """Collects the stylesheets and scripts a page loads by itself."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and attributes.get("href"):
            self.urls.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.urls.append(attributes["src"])


def static_assets(html: str) -> list[str]:
    """Paths relative to STATIC_URL of the CSS and JS the page loads, in page order."""
    collector = AssetCollector()
    collector.feed(html)
    paths = []
    for url in collector.urls:
        path = urlsplit(url).path
        if path.startswith(settings.STATIC_URL):
            paths.append(path[len(settings.STATIC_URL) :])
    return paths


def asset_size(relative_path: str) -> int:
    found = finders.find(relative_path)
    assert found, f"{relative_path} is linked from a page but not found by the static finders"
    return Path(found).stat().st_size


@pytest.fixture
def catalogue(home_page):
    provider = ProviderPageFactory(title="Zorggroep Maas")
    residences = [
        ResidencePageFactory(parent=provider, title="De Tuinkamer"),
        ResidencePageFactory(parent=provider, title="Stadshuis Noord", place="Schiedam"),
        ResidencePageFactory(parent=provider, title="Het Baken", free_places=0),
    ]
    rebuild_index()
    return residences


@pytest.fixture
def page_urls(client, demo_pages, catalogue):
    """Every key page type by name, with the shortlist holding the catalogue.

    demo_pages comes first: it adds children to the home page instance it was given.
    """
    for residence in catalogue:
        client.post(reverse("search:shortlist_add"), {"residence": residence.id})
    ids = "&".join(f"id={residence.id}" for residence in catalogue)
    content_page = next(iter(demo_pages.values()))
    return {
        "home": "/",
        "content page": content_page.url,
        "results": reverse("search:results") + "?plaats=Rotterdam&afstand=15",
        "residence detail": catalogue[0].url,
        "compare": f"{reverse('search:compare')}?{ids}",
        "shortlist": reverse("search:shortlist"),
        "questionnaire start": reverse("questionnaire:start"),
        "questionnaire question": reverse("questionnaire:step", args=[QUESTIONS[0].slug]),
        "how we rank": reverse("search:how_we_rank"),
    }


def page_weight(client, url: str) -> tuple[int, list[str]]:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    assets = static_assets(response.content.decode())
    return sum(asset_size(path) for path in assets), assets


def test_every_key_page_ships_under_150_kb_of_css_and_js(client, page_urls):
    too_heavy = []
    for name, url in page_urls.items():
        total, assets = page_weight(client, url)
        assert assets, f"{name} ({url}) loads no CSS or JS at all: is the parser still right?"
        if total >= BUDGET_BYTES:
            too_heavy.append(f"{name} ({url}): {total / 1024:.1f} KB from {', '.join(assets)}")
    assert not too_heavy, (
        f"Over the {BUDGET_BYTES // 1024} KB budget for CSS and JS:\n" + "\n".join(too_heavy)
    )


def test_map_pages_load_leaflet_only_on_request(client, page_urls):
    for name in ("results", "residence detail"):
        response = client.get(page_urls[name])
        html = response.content.decode()
        assets = static_assets(html)
        assert "De Tuinkamer" in html, f"{name} shows no residence, so no map either"
        assert "search/map.js" in assets, f"{name} no longer loads map.js"
        assert not [path for path in assets if path.startswith(LEAFLET)], (
            f"{name} loads Leaflet up front: {assets}"
        )
        # map.js needs the (possibly hashed) file names to fetch Leaflet when asked.
        assert f'data-leaflet-js="{settings.STATIC_URL}{LEAFLET}leaflet.js"' in html
        assert f'data-leaflet-css="{settings.STATIC_URL}{LEAFLET}leaflet.css"' in html


def test_map_controls_stay_hidden_without_javascript(client, page_urls):
    html = client.get(page_urls["results"]).content.decode()
    assert 'class="results-map-wrap map-widget no-print" data-map hidden' in html
    assert 'aria-controls="results-map"' in html
    detail = client.get(page_urls["residence detail"]).content.decode()
    assert '<div class="map-widget" data-map hidden>' in detail
    assert 'aria-controls="detail-map"' in detail
