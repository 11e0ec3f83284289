"""On phones the results come first: the filters fold away behind "Filters (N actief)" when
JavaScript runs, stay open without it, and are always open beside the results on wide screens.
The skip link "Naar de filters" still leads to them."""

import pytest

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
    assert summary.is_visible()
    assert page.get_by_role("button", name="Filters toepassen").is_hidden()
    # The results follow the folded filters straight away.
    results = page.get_by_role("heading", name="woonlocaties gevonden").bounding_box()
    assert results["y"] - summary.bounding_box()["y"] < 150
    axe(page)

    summary.click()
    assert page.get_by_role("button", name="Filters toepassen").is_visible()
    summary.click()
    assert page.get_by_role("button", name="Filters toepassen").is_hidden()


def test_the_skip_link_opens_the_folded_filters(open_page, site_url, catalogue):
    page = open_page(PHONE)
    page.goto(site_url + RESULTS)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Naar de filters")
    while not skip.evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.get_by_role("button", name="Filters toepassen").is_visible()
    assert page.get_by_label("Postcode of plaats").is_visible()


def test_filters_with_an_error_stay_open_on_a_phone(open_page, site_url, catalogue):
    page = open_page(PHONE)
    page.goto(site_url + "/zoeken/?leeftijd=veel")
    assert page.locator(".filters .error-summary").is_visible()
    assert page.get_by_role("button", name="Filters toepassen").is_visible()


def test_without_javascript_the_filters_stay_open_on_a_phone(open_page, site_url, catalogue):
    page = open_page(PHONE, javascript=False)
    page.goto(site_url + RESULTS)
    assert page.get_by_role("button", name="Filters toepassen").is_visible()
    page.get_by_label("Alleen woonlocaties met een vrije plaats").uncheck()
    page.get_by_role("button", name="Filters toepassen").click()
    assert "vrij=" not in page.url
    assert page.locator("summary", has_text="Filters (1 actief)").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_on_a_wide_screen_the_filters_are_always_open_beside_the_results(
    open_page, site_url, catalogue, axe, javascript
):
    page = open_page(WIDE, javascript=javascript)
    page.goto(site_url + RESULTS)
    assert page.locator("summary.filters-toggle__summary").is_hidden()
    assert page.get_by_role("heading", name="Filters", exact=True).is_visible()
    apply = page.get_by_role("button", name="Filters toepassen").bounding_box()
    results = page.get_by_role("heading", name="woonlocaties gevonden").bounding_box()
    assert apply["x"] < results["x"]  # a column to the left
    if javascript:
        axe(page)


def test_turning_a_phone_to_a_wide_screen_opens_the_filters(open_page, site_url, catalogue):
    page = open_page(PHONE)
    page.goto(site_url + RESULTS)
    assert page.get_by_role("button", name="Filters toepassen").is_hidden()
    page.set_viewport_size(WIDE)
    page.get_by_role("button", name="Filters toepassen").wait_for(state="visible")
