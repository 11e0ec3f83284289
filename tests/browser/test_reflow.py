"""Every page type at 320 px, with and without JavaScript: nothing scrolls sideways (WCAG 1.4.10)
and no control is shown that does nothing (a print button needs JavaScript, so without it the
button must not be visible)."""

import pytest

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}
LONG_EMAIL = "aanmeldingen-en-intake-voor-alle-woonlocaties@zorggroep-de-linde-rotterdam.example.nl"
LONG_WEBSITE = "https://www.zorggroep-de-linde-rotterdam.example.nl/wonen-met-zorg/aanmelden/intake"


def page_paths(catalogue) -> dict[str, str]:
    provider = catalogue["provider"]
    residences = catalogue["residences"]
    ids = "&".join(f"id={residence.pk}" for residence in residences)
    return {
        "home": "/",
        "content": "/wat-is-de-wlz/",
        "provider": provider.url,
        "residence": residences[0].url,
        "results": "/zoeken/?plaats=Rotterdam&afstand=25",
        "compare": f"/zoeken/vergelijken/?{ids}",
        "shortlist": "/zoeken/bewaarlijst/",
        "how-we-rank": "/zoeken/zo-rangschikken-wij/",
        "questionnaire": "/vragenlijst/",
        "site-search": "/zoeken-op-site/?q=wlz",
    }


@pytest.fixture
def long_contact_details(catalogue):
    provider = catalogue["provider"]
    provider.email = LONG_EMAIL
    provider.website = LONG_WEBSITE
    provider.save_revision().publish()
    residence = catalogue["residences"][0]
    residence.contact_email = LONG_EMAIL
    residence.save_revision().publish()
    return catalogue


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def narrow_page(request, browser):
    context = browser.new_context(
        viewport=NARROW, locale="nl-NL", java_script_enabled=request.param
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.javascript_enabled = request.param
    yield page
    context.close()


def overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing scrolls sideways)."""
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


def test_no_page_type_scrolls_sideways_at_320_px(narrow_page, site_url, long_contact_details):
    too_wide = {}
    for name, path in page_paths(long_contact_details).items():
        response = narrow_page.goto(site_url + path)
        assert response.status == 200, f"{name}: {path} gave {response.status}"
        excess = overflow(narrow_page)
        if excess > 0:
            too_wide[name] = excess
    assert not too_wide, f"pages wider than 320 px (excess in px): {too_wide}"


def test_print_buttons_show_only_when_they_work(narrow_page, site_url, catalogue):
    enabled = narrow_page.javascript_enabled
    paths = page_paths(catalogue)
    for name in ("residence", "compare", "shortlist"):
        narrow_page.goto(site_url + paths[name])
        buttons = narrow_page.locator("[data-print]")
        for index in range(buttons.count()):
            visible = buttons.nth(index).is_visible()
            assert visible == enabled, f"{name}: print button {visible=}, JavaScript {enabled=}"
