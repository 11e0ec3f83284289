"""On phones the results come first: the filters fold away behind "Filters (N actief)" when
JavaScript runs, stay open without it, and are always open beside the results on wide screens.
The skip link "Naar de filters" still leads to them."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1280, "height": 900}
RESULTS = "/zoeken/?plaats=Rotterdam&afstand=25&vrij=1"


@pytest.fixture
def open_page(browser):
    contexts = []

    def open_page(viewport, javascript=True):
        context = browser.new_context(
            viewport=viewport, locale="nl-NL", java_script_enabled=javascript
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_on_a_phone_the_filters_fold_away_and_the_results_come_first(
    open_page, site_url, catalogue, axe
):
    page = open_page(PHONE)
    page.goto(site_url + RESULTS)
    summary = page.locator("summary", has_text="Filters (2 actief)")
    expect(summary).to_be_visible()
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_hidden()
    # The results follow the folded filters straight away.
    results = page.get_by_role("heading", name="woonlocaties gevonden").bounding_box()
    assert results["y"] - summary.bounding_box()["y"] < 150
    axe(page)

    summary.click()
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_visible()
    summary.click()
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_hidden()


def test_the_skip_link_opens_the_folded_filters(open_page, site_url, catalogue):
    page = open_page(PHONE)
    page.goto(site_url + RESULTS)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de filters")
    while not skip.evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_visible()
    expect(page.get_by_label("Postcode of plaats")).to_be_visible()


def test_filters_with_an_error_stay_open_on_a_phone(open_page, site_url, catalogue):
    page = open_page(PHONE)
    page.goto(site_url + "/zoeken/?leeftijd=veel")
    expect(page.locator(".filters .error-summary")).to_be_visible()
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_visible()


def test_without_javascript_the_filters_stay_open_on_a_phone(open_page, site_url, catalogue):
    page = open_page(PHONE, javascript=False)
    page.goto(site_url + RESULTS)
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_visible()
    page.get_by_label("Alleen woonlocaties met een vrije plaats").uncheck()
    page.get_by_role("button", name="Filters toepassen").click()
    assert "vrij=" not in page.url
    expect(page.locator("summary", has_text="Filters (1 actief)")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_on_a_wide_screen_the_filters_are_always_open_beside_the_results(
    open_page, site_url, catalogue, axe, javascript
):
    page = open_page(WIDE, javascript=javascript)
    page.goto(site_url + RESULTS)
    expect(page.locator("summary.filters-toggle__summary")).to_be_hidden()
    expect(page.get_by_role("heading", name="Filters", exact=True)).to_be_visible()
    apply = page.get_by_role("button", name="Filters toepassen").bounding_box()
    results = page.get_by_role("heading", name="woonlocaties gevonden").bounding_box()
    assert apply["x"] < results["x"]  # a column to the left
    if javascript:
        axe(page)


def test_turning_a_phone_to_a_wide_screen_opens_the_filters(open_page, site_url, catalogue):
    page = open_page(PHONE)
    page.goto(site_url + RESULTS)
    expect(page.get_by_role("button", name="Filters toepassen")).to_be_hidden()
    page.set_viewport_size(WIDE)
    page.get_by_role("button", name="Filters toepassen").wait_for(state="visible")
