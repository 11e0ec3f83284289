"""Browser test fixtures: Debian's Chromium driven by Playwright against a live Django server.

Every test in tests/browser/ is a browser test: mark the module with
`pytestmark = pytest.mark.browser` (this conftest also adds the mark to anything collected here,
so a forgotten mark never drags Chromium into the fast `-m "not browser"` runs).

Fixtures, in the order a test usually needs them:

- `site_url`  the live server's base URL (no trailing slash), with the home page, the Dutch
              content pages, navigation and footer in place. Every test starts from the data the
              migrations create (serialized rollback), so tests can add and change data freely.
- `small_catalogue`  one provider with three published residences (tests/factories.py), indexed
              by the real publish signals. Returns {"provider": ..., "residences": [...]}.
- `page`      a fresh Playwright page (1280x900, Dutch browser locale) in its own context.
              Console errors and Content-Security-Policy violations fail the test at teardown;
              call `page.allow_console_errors()` (everything) or
              `page.allow_console_errors("status of 404")` (matching text) where that is expected.
- `axe`       `axe(page)` runs axe-core (node_modules/axe-core, offline) on the current page and
              fails with a readable list unless there are zero WCAG 2.0/2.1/2.2 A/AA violations.
              `axe(page, include="#inhoud")` limits it to part of the page.
- `screenshot` `screenshot(page, "home")` saves test-artifacts/screenshots/home-375.png and
              home-1280.png (full page) and restores the viewport.
- `browser`   the session's Chromium (rarely needed directly).

Example:

    pytestmark = pytest.mark.browser

    def test_results_page_is_accessible(page, site_url, small_catalogue, axe, screenshot):
        page.goto(f"{site_url}/zoeken/?plaats=Rotterdam&afstand=15")
        axe(page)
        screenshot(page, "search-results")
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = BASE_DIR / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make from
    # it are still synchronous and safe. Set only while browsers run, so the flag never leaks
    # into subprocesses that other tests start (manage.py check --deploy refuses it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def ensure_home_page():
    """The migrated home page and default site; rebuilt if an earlier flush removed them."""
    from wagtail.models import Collection, Locale, Page, Site

    from pages.models import HomePage

    home = HomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(language_code="nl")
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Woonvinder", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Site"},
    )
    return home


@pytest.fixture
def site_url(live_server, transactional_db, django_db_serialized_rollback):
    from pages.demo import create_demo_content

    create_demo_content(ensure_home_page())
    return live_server.url


# Tiles from our own origin: the test machine has no internet, and a broken tile would be a
# console error. The map code does not care what the tile image shows.
LOCAL_TILES = "/static/search/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"


@pytest.fixture(autouse=True)
def local_tiles(settings):
    settings.MAP_TILE_URL = LOCAL_TILES


@pytest.fixture
def catalogue(small_catalogue):
    from search.indexing import rebuild_index

    rebuild_index()
    return small_catalogue


@pytest.fixture
def small_catalogue(site_url):
    from tests.factories import ProviderPageFactory, ResidencePageFactory

    provider = ProviderPageFactory(title="Zorggroep De Linde")
    residences = [
        ResidencePageFactory(parent=provider, title="Huize Rozenhof"),
        ResidencePageFactory(
            parent=provider,
            title="De Waterlelie",
            place="Schiedam",
            municipality="Schiedam",
            district="",
            postcode="3111 AA",
            street_address="Broersvest 1",
            latitude=51.9167,
            longitude=4.3989,
            free_places=0,
            waiting_weeks=12,
        ),
        ResidencePageFactory(
            parent=provider,
            title="Het Baken",
            place="Rotterdam",
            district="Kralingen",
            postcode="3062 AA",
            street_address="Oudedijk 10",
            latitude=51.9230,
            longitude=4.5050,
            free_places=2,
            waiting_weeks=0,
        ),
    ]
    return {"provider": provider, "residences": residences}


class ConsoleWatch:
    """Collects console errors, uncaught exceptions and CSP violations of one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.allow_all = False
        self.allowed_fragments: list[str] = []
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def on_console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def allow(self, containing: str | None = None):
        if containing is None:
            self.allow_all = True
        else:
            self.allowed_fragments.append(containing)

    def unexpected(self) -> list[str]:
        if self.allow_all:
            return []
        return [
            error
            for error in self.errors
            if not any(fragment in error for fragment in self.allowed_fragments)
        ]


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="nl-NL")
    context.set_default_timeout(10_000)
    browser_page = context.new_page()
    watch = ConsoleWatch(browser_page)
    # page.allow_console_errors() allows every error; page.allow_console_errors("status of 404")
    # only errors containing that text (a 404 page logs its own status as a console error).
    browser_page.allow_console_errors = watch.allow
    yield browser_page
    context.close()
    unexpected = watch.unexpected()
    if unexpected:
        pytest.fail("The browser reported errors:\n" + "\n".join(unexpected))


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_source():
    if not AXE_SCRIPT.exists():
        message = f"axe-core is missing at {AXE_SCRIPT} (run npm ci)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def axe(axe_source):
    def run(page, include: str | None = None) -> list[dict]:
        # evaluate() runs through the DevTools protocol, so the page's strict CSP (no inline
        # script) stays on while axe checks it.
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate(
            """([include, tags]) => window.axe.run(include || document,
                   {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""",
            [include, WCAG_TAGS],
        )
        violations = result["violations"]
        assert not violations, (
            f"axe-core found {len(violations)} accessibility violation(s) on {page.url}:\n"
            + format_violations(violations)
        )
        return violations

    return run


@pytest.fixture
def screenshot():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> list[Path]:
        original = page.viewport_size or DESKTOP
        paths = []
        for size in (PHONE, DESKTOP):
            page.set_viewport_size(size)
            path = SCREENSHOT_DIR / f"{name}-{size['width']}.png"
            page.screenshot(path=str(path), full_page=True)
            paths.append(path)
        page.set_viewport_size(original)
        return paths

    return take
