"""The header lines up with the content column (issue 16.10): at 1280 px the logo, the breadcrumbs
and the page's heading start at the same x, on a reading page and on a wide page."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "reading"), [("/wat-is-de-wlz/", True), ("/en/over-woonvinder/", True), ("/", False)]
)
def test_the_header_lines_up_with_the_content_column_at_1280_px(page, site_url, path, reading):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path)

    logo = page.locator(".site-header__logo").bounding_box()
    heading = page.locator("main h1").first.bounding_box()

    assert heading["x"] == pytest.approx(logo["x"], abs=1)
    crumbs = page.locator(".breadcrumbs ol")
    if crumbs.count():
        assert crumbs.bounding_box()["x"] == pytest.approx(logo["x"], abs=1)
    if reading:  # a line of reading text keeps its measure
        assert heading["width"] <= 48 * 16 + 1
