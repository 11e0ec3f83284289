"""The map on request: Leaflet is only downloaded when a visitor opens the map (issue 6)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LEAFLET = "/static/search/vendor/leaflet/leaflet."


def leaflet_requests(requests: list[str]) -> list[str]:
    return [url for url in requests if LEAFLET in url]


def record_requests(page) -> list[str]:
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return requests


def test_results_page_loads_leaflet_only_when_the_map_is_opened(page, site_url, catalogue, axe):
    requests = record_requests(page)
    page.goto(site_url + "/zoeken/")
    page.wait_for_load_state("networkidle")
    assert leaflet_requests(requests) == []
    map_region = page.locator("#results-map")
    expect(map_region).to_be_hidden()
    axe(page)

    button = page.get_by_role("button", name="Toon op de kaart")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "results-map")
    button.click()

    expect(page.locator("#results-map .leaflet-marker-icon")).to_have_count(3)
    loaded = leaflet_requests(requests)
    assert any(url.endswith("leaflet.js") for url in loaded), loaded
    assert any(url.endswith("leaflet.css") for url in loaded), loaded
    hide = page.get_by_role("button", name="Kaart verbergen")
    expect(hide).to_have_attribute("aria-expanded", "true")
    expect(hide).to_be_focused()
    expect(
        page.get_by_role("region", name="Kaart met de woonlocaties op deze pagina")
    ).to_be_visible()
    axe(page)


def test_hiding_and_reopening_the_map_downloads_nothing_again(page, site_url, catalogue):
    requests = record_requests(page)
    page.goto(site_url + "/zoeken/")
    page.get_by_role("button", name="Toon op de kaart").click()
    expect(page.locator("#results-map .leaflet-marker-icon")).to_have_count(3)

    page.get_by_role("button", name="Kaart verbergen").click()
    expect(page.locator("#results-map")).to_be_hidden()
    show = page.get_by_role("button", name="Toon op de kaart")
    expect(show).to_have_attribute("aria-expanded", "false")

    show.press("Enter")
    expect(page.locator("#results-map")).to_be_visible()
    expect(page.locator("#results-map .leaflet-marker-icon")).to_have_count(3)
    assert len([url for url in leaflet_requests(requests) if url.endswith("leaflet.js")]) == 1


def test_detail_page_map_opens_on_request(page, site_url, catalogue, axe):
    requests = record_requests(page)
    residence = catalogue["residences"][0]
    page.goto(site_url + residence.url)
    page.wait_for_load_state("networkidle")
    assert leaflet_requests(requests) == []

    page.get_by_role("button", name="Toon op de kaart").click()
    expect(page.locator("#detail-map .leaflet-marker-icon")).to_have_count(1)
    expect(page.locator("#detail-map .leaflet-marker-icon")).to_have_attribute(
        "alt", "Huize Rozenhof"
    )
    axe(page)


def test_a_failed_download_says_so_and_the_page_keeps_working(page, site_url, catalogue):
    page.route("**/leaflet.js", lambda route: route.abort())
    page.allow_console_errors("net::ERR_FAILED")
    page.goto(site_url + "/zoeken/")
    page.get_by_role("button", name="Toon op de kaart").click()
    expect(
        page.get_by_role("status").filter(has_text="De kaart kon niet worden geladen")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Toon op de kaart")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(page.locator("#results-map")).to_be_hidden()
    expect(page.get_by_role("link", name="Huize Rozenhof")).to_be_visible()


def test_without_javascript_no_map_control_shows(browser, site_url, catalogue):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "/zoeken/")
    assert page.get_by_role("button", name="Toon op de kaart").count() == 0
    expect(page.get_by_role("heading", name="3 woonlocaties gevonden")).to_be_visible()
    context.close()


def test_english_visitors_get_the_map_button_in_english(page, site_url, catalogue):
    page.goto(site_url + "/en/zoeken/")
    page.get_by_role("button", name="Show on the map").click()
    expect(page.get_by_role("button", name="Hide the map")).to_have_attribute(
        "aria-expanded", "true"
    )
