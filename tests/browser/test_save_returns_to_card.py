"""'Bewaren' on a long results page brings the person back to the card they saved, with focus on
its button and the message in the status region, not at the top of the page."""

import pytest
from playwright.sync_api import expect

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
    page.wait_for_url(f"**#{card_id}")
    expect(page.locator(f"#{card_id}")).to_be_visible()
    page.wait_for_function("() => window.scrollY > 0")  # not thrown back to the top
    expect(page.locator(".messages[role=status]")).to_contain_text("staat nu op uw bewaarlijst")
    if javascript:
        page.wait_for_function(
            "id => document.activeElement.closest('.result-card')?.id === id", arg=card_id
        )
    context.close()
