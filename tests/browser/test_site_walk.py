"""The issue-16 walk: a visitor goes home → first question → results → residence → shortlist →
compare at 320, 375 and 1280 px, with and without JavaScript, in Dutch and in English.

On every step: the page answers 200, nothing scrolls sideways (scrollWidth <= innerWidth, WCAG
1.4.10), a print button shows only when it works (JavaScript), and in English no Dutch is read
outside elements marked lang="nl" (the word list of tests/pages/test_english_site.py). A
full-page screenshot of each step lands in test-artifacts/<width>-<js>-<lang>-<step>.png.

One browser context per JavaScript setting walks all widths and both languages (the viewport
changes in place), which keeps the 72 steps within about a minute.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.browser.conftest import BASE_DIR, ConsoleWatch
from tests.pages.test_english_site import dutch_words

pytestmark = pytest.mark.browser

ARTIFACTS = BASE_DIR / "test-artifacts"
WIDTHS = (320, 375, 1280)
LANGUAGES = ("nl", "en")
HEIGHT = 800


@pytest.fixture
def walk_catalogue(catalogue):
    """The small catalogue, with a described photo on the first residence (its alt text exists
    only in Dutch, so in English it must be marked as such)."""
    from residences.models import ResidenceGalleryImage
    from search.indexing import rebuild_index
    from tests.factories import ImageFactory

    image = ImageFactory(description="Tekening van een huis met een rode gevel en een tuin")
    ResidenceGalleryImage.objects.create(page=catalogue["residences"][0], image=image)
    rebuild_index()
    return catalogue


def paths(catalogue, language: str) -> dict[str, str]:
    from questionnaire.questions import QUESTIONS

    with translation.override(language):
        return {
            "home": "/" if language == "nl" else "/en/",
            "question": reverse("questionnaire:step", args=[QUESTIONS[0].slug]),
            "results": reverse("search:results") + "?plaats=Rotterdam&afstand=25",
            "residence": catalogue["residences"][0].url,
            "shortlist": reverse("search:shortlist"),
        }


def overflow(page) -> int:
    return page.evaluate(
        "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        " - window.innerWidth"
    )


class Walk:
    def __init__(self, page, javascript: bool):
        self.page = page
        self.javascript = javascript
        self.problems: list[str] = []
        self.where = ""

    def check(self, step: str, width: int, language: str) -> None:
        page, where = self.page, f"{width}-{'js' if self.javascript else 'nojs'}-{language}-{step}"
        self.where = where
        excess = overflow(page)
        if excess > 0:
            self.problems.append(f"{where}: {excess} px wider than the window")
        buttons = page.locator("[data-print]")
        for index in range(buttons.count()):
            if buttons.nth(index).is_visible() != self.javascript:
                self.problems.append(f"{where}: a print button that does nothing is shown")
        if language == "en":
            words = dutch_words(page.content())
            if words:
                self.problems.append(f"{where}: Dutch outside lang=nl: {words[:3]}")
        page.screenshot(path=str(ARTIFACTS / f"{where}.png"), full_page=True)

    def go(self, url: str) -> None:
        response = self.page.goto(url)
        if response is None or response.status != 200:
            status = response.status if response else "no answer"
            self.problems.append(f"{url}: {status}")

    def save(self, scope: str, last: bool = False) -> None:
        """Press a "Bewaren" in `scope` (a real POST; works without JavaScript)."""
        buttons = self.page.locator(f'{scope} form[action*="bewaarlijst/toevoegen"] button')
        if buttons.count():
            with self.page.expect_navigation():
                (buttons.last if last else buttons.first).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "nojs"])
def test_the_walk_at_three_widths_in_two_languages(browser, site_url, walk_catalogue, javascript):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": WIDTHS[0], "height": HEIGHT},
        locale="nl-NL",
        java_script_enabled=javascript,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    console = ConsoleWatch(page)
    walk = Walk(page, javascript)
    try:
        for language in LANGUAGES:
            steps = paths(walk_catalogue, language)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                for step in ("home", "question", "results", "residence"):
                    walk.go(site_url + steps[step])
                    walk.check(step, width, language)
                    if step == "results":
                        walk.save(".search-results", last=True)
                    if step == "residence":
                        walk.save("main")
                walk.go(site_url + steps["shortlist"])
                walk.check("shortlist", width, language)
                compare = page.locator('main a.button[href*="vergelijken"]')
                assert compare.count(), f"{walk.where}: no compare link on the shortlist"
                with page.expect_navigation():
                    compare.first.click()
                walk.check("compare", width, language)
                columns = page.get_by_role("table").first.get_by_role("columnheader")
                assert columns.count() >= 2, f"{walk.where}: fewer than two residences compared"
    finally:
        context.close()
    assert walk.problems == [], "\n".join(walk.problems)
    assert console.unexpected() == []
    shots = sorted(Path(ARTIFACTS).glob(f"*-{'js' if javascript else 'nojs'}-*.png"))
    assert len(shots) >= len(WIDTHS) * len(LANGUAGES) * 6
