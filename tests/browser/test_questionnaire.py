"""The questionnaire by keyboard only (Tab, arrows, Space, Enter) in Chromium, axe on every step."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def active_matches(page, selector: str) -> bool:
    return page.evaluate(
        "s => !!document.activeElement && document.activeElement.matches(s)", selector
    )


def tab_to(page, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        if active_matches(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def pick(page, name: str, value: str) -> None:
    """A radio button: Tab into the group, arrow to the choice, Space to be sure it is on."""
    tab_to(page, f'input[type=radio][name="{name}"]')
    for _ in range(20):
        if active_matches(page, f'input[name="{name}"][value="{value}"]'):
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    assert page.locator(f'input[name="{name}"][value="{value}"]').is_checked()


def tick(page, name: str, value: str) -> None:
    tab_to(page, f'input[type=checkbox][name="{name}"][value="{value}"]')
    page.keyboard.press("Space")
    assert page.locator(f'input[name="{name}"][value="{value}"]').is_checked()


def type_into(page, name: str, text: str) -> None:
    tab_to(page, f'input[name="{name}"]')
    page.keyboard.type(text)


def press_enter_on(page, selector: str) -> None:
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def next_step(page, axe) -> None:
    press_enter_on(page, "button[type=submit]")
    assert "Er is een probleem" not in page.content(), page.url
    on_new_page(page, axe)


def on_new_page(page, axe) -> None:
    axe(page)
    if page.locator("#vraag-titel").count():
        # The questionnaire's script puts focus on the question, so it is read out first.
        assert active_matches(page, "#vraag-titel"), page.url


STEPS = [
    ("voor-wie", lambda page: pick(page, "voor-wie", "zelf")),
    ("leeftijd", lambda page: type_into(page, "leeftijd", "80")),
    ("doelgroep", lambda page: tick(page, "doelgroep", "vv-pg")),
    ("indicatie", lambda page: pick(page, "indicatie", "ja")),
    ("zorgprofiel", lambda page: pick(page, "zorgprofiel", "weet-niet")),
    ("woonvorm", lambda page: tick(page, "woonvorm", "kleinschalig")),
    ("financiering", lambda page: pick(page, "financiering", "weet-niet")),
    ("waar", lambda page: pick(page, "waar", "huidig")),
    ("plaats", lambda page: type_into(page, "plaats", "Rotterdam")),
    ("afstand", lambda page: pick(page, "afstand", "25")),
    ("begeleiding-dag", lambda page: tick(page, "begeleiding-dag", "aanwezig-24u")),
    ("begeleiding-nacht", lambda page: pick(page, "begeleiding-nacht", "nacht-wakend")),
    (
        "belang-begeleiding",
        lambda page: (
            pick(page, "support-aanwezig-24u", "moet"),
            pick(page, "support-nacht-wakend", "3"),
        ),
    ),
    ("voorzieningen", lambda page: tick(page, "voorzieningen", "tuin")),
    ("dagbesteding", lambda page: pick(page, "dagbesteding", "nee")),
    ("belang-voorzieningen", lambda page: pick(page, "facilities-tuin", "2")),
    ("omgeving", lambda page: None),
    ("levensovertuiging", lambda page: None),
    ("taal", lambda page: None),
    ("wanneer", lambda page: pick(page, "wanneer", "3-maanden")),
]


def test_questionnaire_by_keyboard_to_results_without_axe_violations(
    page, site_url, catalogue, axe, screenshot
):
    page.goto(f"{site_url}/vragenlijst/")
    on_new_page(page, axe)
    press_enter_on(page, "a.button")
    on_new_page(page, axe)

    # A missing answer: the error summary takes focus and links to the field.
    press_enter_on(page, "button[type=submit]")
    assert active_matches(page, ".error-summary")
    axe(page)
    screenshot(page, "questionnaire-error")

    for slug, answer in STEPS:
        assert f"/vragenlijst/vraag/{slug}/" in page.url
        answer(page)
        if slug == "belang-begeleiding":
            screenshot(page, "questionnaire-must-or-nice")
        next_step(page, axe)

    assert page.url.endswith("/vragenlijst/controle/")
    screenshot(page, "questionnaire-check")
    tick(page, "meetellen", "ja")
    press_enter_on(page, "button[type=submit]")
    assert "/zoeken/?" in page.url
    assert "plaats=Rotterdam" in page.url
    # The garden was "fijn, belangrijk": a wish with weight 2, not a must.
    assert "wens=voorziening%3Atuin%3A2" in page.url and "voorziening=tuin" not in page.url
    axe(page)
    # "What you asked for" on the results page links back to the check page.
    expect(page.locator("a[href='/vragenlijst/controle/']").first).to_be_attached()


def test_summary_page_is_accessible_and_printable(page, site_url, catalogue, axe, screenshot):
    page.goto(f"{site_url}/vragenlijst/vraag/voor-wie/")
    for _slug, answer in STEPS:
        answer(page)
        next_step(page, axe)
    page.goto(f"{site_url}/vragenlijst/mijn-wensen/")
    axe(page)
    expect(page.get_by_role("button", name="Print of bewaar als PDF")).to_be_visible()
    screenshot(page, "questionnaire-mijn-wensen")


def heading_frame(page) -> dict:
    return page.evaluate(
        """() => {
            const style = getComputedStyle(document.getElementById("vraag-titel"));
            return {outline: style.outlineStyle, shadow: style.boxShadow};
        }"""
    )


def test_focused_headings_show_no_frame_on_screen_or_on_paper(page, site_url, catalogue, axe):
    page.goto(f"{site_url}/vragenlijst/vraag/voor-wie/")
    # The script focuses the question on load; a mouse user sees no frame around it.
    assert active_matches(page, "#vraag-titel")
    assert heading_frame(page) == {"outline": "none", "shadow": "none"}
    for _slug, answer in STEPS:
        answer(page)
        next_step(page, axe)
    page.goto(f"{site_url}/vragenlijst/mijn-wensen/")
    assert active_matches(page, "#vraag-titel")
    assert heading_frame(page) == {"outline": "none", "shadow": "none"}
    page.emulate_media(media="print")
    assert heading_frame(page) == {"outline": "none", "shadow": "none"}
    # Keyboard focus on a control keeps its ring.
    page.emulate_media(media="screen")
    tab_to(page, "a[download]")
    ring = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert ring != "none"
