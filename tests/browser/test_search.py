"""Search in a real browser: home, results, detail, shortlist, compare; axe and screenshots."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_search_from_home_to_results_to_detail(page, site_url, catalogue, axe, screenshot):
    page.goto(site_url + "/")
    page.get_by_label("Plaats of postcode").fill("Rotterdam")
    page.get_by_label("Afstand").select_option("15")
    page.locator("form[action='/zoeken/']").get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/zoeken/?*")
    expect(page.get_by_role("heading", name="3 woonlocaties gevonden")).to_be_visible()
    page.get_by_role("button", name="Toon op de kaart").click()
    expect(page.locator("#results-map .leaflet-marker-icon")).to_have_count(3)
    axe(page)
    screenshot(page, "search-results")

    page.get_by_role("link", name="Huize Rozenhof").click()
    expect(page.get_by_role("heading", level=1, name="Huize Rozenhof")).to_be_visible()
    expect(page.get_by_role("heading", name="Waarom dit bij uw zoekopdracht past")).to_be_visible()
    page.get_by_role("button", name="Toon op de kaart").click()
    expect(page.locator("#detail-map .leaflet-marker-icon")).to_have_count(1)
    axe(page)
    screenshot(page, "search-detail")


def test_filters_work_without_javascript(browser, site_url, catalogue):
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    page = context.new_page()
    page.goto(site_url + "/zoeken/")
    expect(page.locator("#results-map")).to_be_hidden()
    page.locator("summary", has_text="Voorzieningen").click()
    page.get_by_label("Tuin", exact=False).first.check()
    page.get_by_role("button", name="Filters toepassen").click()
    assert "voorziening=tuin" in page.url
    expect(page.get_by_role("heading", name="3 woonlocaties gevonden")).to_be_visible()
    context.close()


def test_shortlist_and_compare(page, site_url, catalogue, axe, screenshot):
    page.goto(site_url + "/zoeken/?wens=voorziening:tuin:3&wens=voorziening:lift:1")
    page.get_by_role("button", name="Bewaren: Huize Rozenhof").click()
    expect(page.get_by_text("Huize Rozenhof staat nu op uw bewaarlijst.")).to_be_visible()
    page.get_by_role("button", name="Bewaren: Het Baken").click()
    page.get_by_role("link", name="Uw bewaarlijst").first.click()
    expect(page.get_by_role("heading", name="Huize Rozenhof")).to_be_visible()
    expect(page.get_by_role("button", name="Afdrukken")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Vergelijk naast elkaar").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_count(2)
    expect(table.get_by_role("rowheader", name="Zorgprofielen (Wlz)")).to_be_visible()
    axe(page)
    screenshot(page, "search-compare")


def test_how_we_rank_is_accessible(page, site_url, axe, screenshot):
    page.goto(site_url + "/zoeken/zo-rangschikken-wij/")
    expect(page.get_by_text("Niemand kan betalen voor een hogere plaats.")).to_be_visible()
    axe(page)
    screenshot(page, "search-how-we-rank")
