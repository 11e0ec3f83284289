"""The site shell in a real browser: home and its two ways in, content pages, site search,
the 404 page, the language switch, keyboard use, small screens and print."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_is_accessible_and_offers_both_ways_in(page, site_url, axe, screenshot):
    response = page.goto(site_url + "/")

    assert response.status == 200
    assert page.get_by_role("heading", level=1).count() == 1
    expect(page.get_by_role("link", name="Start de vragen")).to_be_visible()
    expect(page.get_by_label("Plaats of postcode")).to_be_visible()
    axe(page)
    screenshot(page, "home")


def test_questionnaire_way_in_leads_to_the_questionnaire(page, site_url):
    from pages.navigation import questionnaire_url

    page.allow_console_errors()
    page.goto(site_url + "/")
    page.get_by_role("link", name="Start de vragen").click()

    assert urlsplit(page.url).path == questionnaire_url()


def test_direct_search_sends_place_and_distance_to_the_results(page, site_url):
    from pages.navigation import search_url

    # Only the hand-over is tested here; the results page has its own tests (tests/browser/).
    page.allow_console_errors()
    page.goto(site_url + "/")
    page.get_by_label("Plaats of postcode").fill("Rotterdam")
    page.get_by_label("Afstand").select_option("25")
    page.get_by_role("button", name="Zoeken").first.click()
    page.wait_for_url(re.compile(r"plaats="))

    address = urlsplit(page.url)
    assert address.path == search_url()
    assert parse_qs(address.query) == {"plaats": ["Rotterdam"], "afstand": ["25"]}


def test_content_page_is_accessible_and_its_faq_opens_by_keyboard(
    page, site_url, axe, screenshot
):
    page.goto(site_url + "/wat-is-de-wlz/")

    expect(page.get_by_role("heading", level=1, name="Wat is de Wlz?")).to_be_visible()
    expect(page.get_by_role("navigation", name="Kruimelpad")).to_be_visible()
    question = page.locator("summary", has_text="Moet ik verhuizen")
    question.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Nee, dat hoeft niet altijd.")).to_be_visible()
    axe(page)
    screenshot(page, "content-page")


def test_site_search_finds_information_pages(page, site_url, axe, screenshot):
    page.goto(site_url + "/")
    page.get_by_label("Zoek informatie op deze website").fill("pgb")
    page.get_by_label("Zoek informatie op deze website").press("Enter")
    page.wait_for_url(re.compile(r"/zoeken-op-site/\?q=pgb"))

    results = page.locator(".search-results h3 a")
    assert "Zorg in Natura, VPT, MPT en pgb" in results.all_inner_texts()
    axe(page)
    screenshot(page, "site-search")


def test_unknown_page_shows_the_404_page_with_a_way_back(page, site_url, axe, screenshot):
    page.allow_console_errors("status of 404")
    response = page.goto(site_url + "/bestaat-niet/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Deze pagina bestaat niet (meer)"
    page.get_by_role("link", name="Ga naar de startpagina").click()
    assert urlsplit(page.url).path == "/"
    page.go_back()
    axe(page)
    screenshot(page, "404")


def test_language_switch_keeps_the_page_and_its_query(page, site_url, axe):
    page.goto(site_url + "/zoeken-op-site/?q=wlz")

    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()

    address = urlsplit(page.url)
    assert (address.path, address.query) == ("/en/zoeken-op-site/", "q=wlz")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Skip to content")).to_have_count(1)
    axe(page)
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    address = urlsplit(page.url)
    assert (address.path, address.query) == ("/zoeken-op-site/", "q=wlz")


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, site_url):
    page.goto(site_url + "/wat-is-de-wlz/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Naar de inhoud")
    assert skip_link.evaluate("element => element === document.activeElement")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('main') !== null")


def test_keyboard_focus_is_clearly_visible(page, site_url):
    page.goto(site_url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")

    style = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return {width: parseFloat(style.outlineWidth), outline: style.outlineStyle,
                    shadow: style.boxShadow};
        }"""
    )
    assert style["outline"] != "none"
    assert style["width"] >= 3
    assert style["shadow"] != "none"


@pytest.mark.parametrize("path", ["/", "/wat-is-de-wlz/", "/zoeken-op-site/?q=zorg"])
def test_pages_fit_a_320_pixel_screen_without_sideways_scrolling(page, site_url, path):
    # 320 CSS pixels is what a 640px window shows at 200% zoom (WCAG 1.4.10 reflow).
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + path)

    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    assert page.get_by_role("link", name="Naar de inhoud").count() == 1


def test_tap_targets_in_the_header_are_at_least_44_pixels(page, site_url):
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(site_url + "/")

    targets = page.locator(".site-nav__link, .language-switch__button, .button")
    heights = [targets.nth(index).bounding_box()["height"] for index in range(targets.count())]
    assert heights and min(heights) >= 44


def test_printing_leaves_out_navigation_and_shows_the_page_address(page, site_url):
    page.goto(site_url + "/privacy/")
    page.emulate_media(media="print")

    expect(page.locator(".site-header")).not_to_be_visible()
    expect(page.locator(".site-footer")).not_to_be_visible()
    expect(page.locator(".print-url")).to_be_visible()
    assert site_url + "/privacy/" in page.locator(".print-url").inner_text()
