"""Provider editors in the Wagtail admin, in a real browser: logging in, updating availability
(published at once, search index included), editing a page through the regional moderation
workflow, and being refused another provider's pages."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "Lange-zin-als-wachtwoord-2024"
EDITOR_A = "redacteur@delinde.example.nl"
EDITOR_B = "redacteur@hetanker.example.nl"
COORDINATOR = "coordinator@regio.example.nl"
# Tiles from our own origin, as in test_search.py: the test machine has no internet.
LOCAL_TILES = "/static/search/vendor/leaflet/images/layers.png?z={z}&x={x}&y={y}"


@pytest.fixture(autouse=True)
def local_tiles(settings):
    settings.MAP_TILE_URL = LOCAL_TILES


def set_password(user):
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


@pytest.fixture
def providers(site_url):
    """Two onboarded providers, each with its own editor and residences, published and indexed
    through the real publish signals."""
    from residences.onboarding import onboard_provider
    from tests.factories import ResidencePageFactory

    linde = onboard_provider(name="Zorggroep De Linde", editors_emails=[EDITOR_A], publish=True)
    anker = onboard_provider(name="Stichting Het Anker", editors_emails=[EDITOR_B], publish=True)
    rozenhof = ResidencePageFactory(
        parent=linde.provider, title="Huize Rozenhof", places=12, free_places=0, waiting_weeks=20
    )
    baken = ResidencePageFactory(parent=linde.provider, title="Het Baken")
    vuurtoren = ResidencePageFactory(parent=anker.provider, title="De Vuurtoren")
    return {
        "editor_a": set_password(linde.editors[0]),
        "editor_b": set_password(anker.editors[0]),
        "coordinators": linde.coordinator_group,
        "rozenhof": rozenhof,
        "baken": baken,
        "vuurtoren": vuurtoren,
    }


def log_in(page, site_url, username, password=PASSWORD):
    """Log in the way a keyboard user does: type, Tab to the next field, Enter to send."""
    page.goto(site_url + "/admin/login/")
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


def availability_on_public_site(page, site_url, residence):
    """The availability line on the residence page and on its search result (the index)."""
    page.goto(f"{site_url}{residence.url}")
    on_page = page.locator(".availability").inner_text()
    page.goto(f"{site_url}/zoeken/?q={residence.title}")
    card = page.locator(f"#woonlocatie-{residence.pk}")
    expect(card).to_have_count(1)
    return on_page, card.locator(".availability").inner_text()


def test_editor_updates_availability_and_the_public_site_follows(
    page, site_url, providers, axe, screenshot
):
    rozenhof = providers["rozenhof"]
    for shown in availability_on_public_site(page, site_url, rozenhof):
        assert "Wachttijd ongeveer 20 weken" in shown

    log_in(page, site_url, EDITOR_A)
    page.get_by_role("link", name="Beschikbaarheid", exact=True).click()
    page.wait_for_url("**/admin/beschikbaarheid/")
    table = page.get_by_role("table", name="Uw woonlocaties en hun beschikbaarheid")
    expect(table.get_by_role("rowheader")).to_have_text(["Huize Rozenhof", "Het Baken"])
    expect(page.get_by_text("De Vuurtoren")).to_have_count(0)
    expect(page.get_by_label("Zorgaanbieder").locator("option")).to_have_text(
        ["Alle", "Zorggroep De Linde"]
    )
    axe(page)
    screenshot(page, "admin-availability")

    page.get_by_label("Vrije plaatsen nu in Huize Rozenhof").fill("3")
    page.get_by_label("Wachttijd in weken voor Huize Rozenhof").fill("0")
    page.get_by_role("button", name="Bewaren en publiceren").click()
    expect(page.get_by_text("Beschikbaarheid bijgewerkt voor 1 woonlocatie(s).")).to_be_visible()
    expect(page.get_by_label("Vrije plaatsen nu in Huize Rozenhof")).to_have_value("3")

    for shown in availability_on_public_site(page, site_url, rozenhof):
        assert "3 plaatsen vrij" in shown


def submit_intro_for_moderation(page, site_url, residence, intro):
    page.goto(f"{site_url}/admin/pages/{residence.pk}/edit/")
    page.locator("#id_intro").fill(intro)
    footer = page.get_by_role("navigation", name="Acties (footer)")
    # An editor may not publish: the footer offers only the regional workflow.
    expect(footer.locator("button[name=action-publish]")).to_have_count(0)
    footer.get_by_role("button", name="Meer acties").click()
    footer.locator("button[name=action-submit]").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Pagina '{residence.title}' is ter goedkeuring ingediend."
    )


def approve_and_publish(page, site_url, residence):
    page.goto(f"{site_url}/admin/pages/{residence.pk}/edit/")
    footer = page.get_by_role("navigation", name="Acties (footer)")
    footer.get_by_role("button", name="Meer acties").click()
    # "Goedkeuren en publiceren" without the comment dialog.
    footer.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).click()
    page.wait_for_url(f"**/admin/pages/{residence.get_parent().pk}/")


def test_moderated_edit_goes_live_after_approval_and_keeps_newer_availability(
    page, site_url, providers
):
    """The editor's intro waits for the coordinator; availability changed meanwhile goes live
    at once and is not undone when the coordinator publishes the older pending revision."""
    from tests.factories import UserFactory

    rozenhof = providers["rozenhof"]
    old_intro, new_intro = rozenhof.intro, "Kleinschalig wonen met een grote tuin, in Rotterdam."
    log_in(page, site_url, EDITOR_A)
    submit_intro_for_moderation(page, site_url, rozenhof, new_intro)

    page.goto(f"{site_url}/admin/beschikbaarheid/")
    page.get_by_label("Vrije plaatsen nu in Huize Rozenhof").fill("2")
    page.get_by_role("button", name="Bewaren en publiceren").click()
    expect(page.get_by_text("Beschikbaarheid bijgewerkt voor 1 woonlocatie(s).")).to_be_visible()

    page.goto(f"{site_url}{rozenhof.url}")
    expect(page.locator(".lead")).to_have_text(old_intro)
    expect(page.locator(".availability")).to_contain_text("2 plaatsen vrij")

    page.context.clear_cookies()
    set_password(UserFactory(username=COORDINATOR, groups=[providers["coordinators"]]))
    log_in(page, site_url, COORDINATOR)
    expect(page.get_by_role("link", name="Huize Rozenhof").first).to_be_visible()
    approve_and_publish(page, site_url, rozenhof)
    expect(page.get_by_role("status")).to_contain_text("Pagina 'Huize Rozenhof' is gewijzigd.")

    page.goto(f"{site_url}{rozenhof.url}")
    expect(page.locator(".lead")).to_have_text(new_intro)
    for shown in availability_on_public_site(page, site_url, rozenhof):
        assert "2 plaatsen vrij" in shown


def test_editor_is_refused_another_providers_pages(page, site_url, providers):
    vuurtoren, baken = providers["vuurtoren"], providers["baken"]
    log_in(page, site_url, EDITOR_A)

    for address in (
        f"/admin/pages/{vuurtoren.pk}/edit/",
        f"/admin/pages/{vuurtoren.get_parent().pk}/edit/",
        f"/admin/pages/{vuurtoren.pk}/delete/",
    ):
        page.goto(site_url + address)
        assert urlsplit(page.url).path == "/admin/", address
        expect(page.get_by_role("status")).to_contain_text(
            "Sorry, je hebt geen toegang tot dit gedeelte."
        )

    # A hand-made post to the availability screen: accepted for our own residence, refused
    # (Wagtail turns PermissionDenied into a redirect to the dashboard) for provider B's.
    page.goto(f"{site_url}/admin/beschikbaarheid/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()

    def post_availability(residence):
        return page.request.post(
            f"{site_url}/admin/beschikbaarheid/",
            form={
                "csrfmiddlewaretoken": token,
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-residence": str(residence.pk),
                "form-0-free_places": "5",
                "form-0-waiting_weeks": "0",
            },
            headers={"Referer": f"{site_url}/admin/beschikbaarheid/"},
            max_redirects=0,
        )

    accepted = post_availability(baken)
    assert urlsplit(accepted.headers["location"]).path == "/admin/beschikbaarheid/"
    refused = post_availability(vuurtoren)
    assert (refused.status, refused.headers["location"]) == (302, "/admin/")
    baken.refresh_from_db()
    vuurtoren.refresh_from_db()
    assert (baken.free_places, vuurtoren.free_places) == (5, 1)
