"""'Bewaren' on a long results page brings the person back to the card they saved, with focus on
its button and the message in the status region, not at the top of the page."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_saving_returns_to_the_saved_card(browser, site_url, catalogue, javascript):
    context = browser.new_context(
        viewport={"width": 375, "height": 500}, locale="nl-NL", java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(f"{site_url}/zoeken/?plaats=Rotterdam&afstand=50")
    last = page.locator(".result-card").last
    card_id = last.get_attribute("id")
    last.get_by_role("button", name="Bewaren").click()
    page.wait_for_load_state()

    assert page.url.endswith(f"#{card_id}")
    assert page.locator(f"#{card_id}").is_visible()
    assert page.evaluate("() => window.scrollY") > 0  # not thrown back to the top
    assert "staat nu op uw bewaarlijst" in page.locator(".messages[role=status]").inner_text()
    if javascript:
        page.wait_for_function(
            "id => document.activeElement.closest('.result-card')?.id === id", arg=card_id
        )
    context.close()
