"""The professional's day in Chromium, axe on every workspace page: sign in with a password,
set up the authenticator app from the key on the page, add a client, save a search, shortlist
three, send requests to two on the client's behalf (the provider's intake officer plans a visit
and the client's page shows it), share the link, open it in a fresh browser as the client; a
residence that fits later shows as new. The questionnaire is filled in together ("we" wording)
right after the client is added; its answers become the search "Onze wensen"."""

import re

import pytest
from playwright.sync_api import expect

# The issue asks this loop to pass on SQLite and PostgreSQL: `make test-browser` runs both.
pytestmark = [pytest.mark.browser, pytest.mark.both_databases]

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def professional(site_url):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory
    from workspace.accounts import PROFESSIONAL_GROUP_NAME
    from workspace.models import Organisation, OrganisationKind, Professional

    user = UserFactory(
        username="j.jansen@mee.example.nl",
        email="j.jansen@mee.example.nl",
        groups=[Group.objects.get_or_create(name=PROFESSIONAL_GROUP_NAME)[0]],
    )
    organisation = Organisation.objects.create(name="MEE Rijnmond", kind=OrganisationKind.MEE)
    Professional.objects.create(user=user, organisation=organisation)
    return user


def app_code(secret_text: str) -> str:
    """What an authenticator app shows for the key typed in from the page."""
    import base64
    import time

    from django_otp.oath import TOTP

    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time()
    return str(totp.token()).zfill(6)


def test_the_professionals_day_in_the_browser(
    page, browser, site_url, small_catalogue, professional, axe
):
    page.goto(f"{site_url}/werkruimte/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inloggen")
    axe(page)
    page.get_by_label("E-mailadres").fill(professional.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name="QR-code voor de authenticator-app")).to_be_visible()
    axe(page)
    page.get_by_label("Code").fill(app_code(page.locator("main code").inner_text()))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    expect(page.locator(".recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name="Naar mijn cliënten").click()

    axe(page)
    page.get_by_label("Label voor deze cliënt").fill("JdV-12")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("JdV-12")
    axe(page)

    # The questionnaire, filled in together: the public questions in the "we" form.
    page.get_by_role("link", name="Vragenlijst samen invullen").click()
    heading = page.get_by_role("heading", level=1)
    forward = page.get_by_role("button", name="Verder")
    expect(heading).to_contain_text("Welke leeftijd vullen we in?")
    axe(page)
    page.locator("#leeftijd").fill("81")
    forward.click()
    for question, choice in (
        ("Wat past bij de persoon voor wie we zoeken?", "Ouderen met dementie"),
        ("Is er een Wlz-indicatie?", "Ik weet het niet"),
        ("Welke manier van wonen zoeken we?", "Ik weet het niet"),
        ("Waar zoeken we een woonplek?", "Dat maakt niet uit"),
        ("Welke hulp zoeken we voor overdag?", "Ik weet het niet"),
        ("Welke hulp zoeken we voor ’s nachts?", "Ik weet het niet"),
        ("Wat willen we in of bij de woning hebben?", None),
        ("Zoeken we ook iets te doen voor overdag", "Nee, dat is niet nodig"),
        ("In wat voor buurt zoeken we?", None),
        ("Welk geloof of welke levensovertuiging vinden we belangrijk?", None),
        ("In welke taal willen we praten met de begeleiders?", None),
        ("Wanneer hebben we een woonplek nodig?", "Binnen drie maanden"),
    ):
        expect(heading).to_contain_text(question)
        if choice:
            page.get_by_label(choice, exact=True).check()
        forward.click()
    expect(page.get_by_text("Onze wensen zijn bewaard.")).to_be_visible()
    wishes = page.locator(".saved-search", has_text="Onze wensen")
    expect(wishes).to_contain_text("3 woonlocaties passen nu")
    expect(page.locator(".client-wishes .summary-list")).to_contain_text(
        "Waar zoeken we een woonplek?"
    )
    axe(page)

    page.get_by_label("Naam van de zoekopdracht").fill("Dementie Rotterdam")
    page.get_by_label("Adres van de zoekresultaten").fill(f"{site_url}/zoeken/?doelgroep=vv-pg")
    page.get_by_role("button", name="Bewaren", exact=True).click()
    saved = page.locator(".saved-search", has_text="Dementie Rotterdam")
    expect(saved).to_contain_text("3 woonlocaties passen nu")
    for residence in small_catalogue["residences"]:
        saved.get_by_role("button", name=f"Op de bewaarlijst {residence.title}").click()
    shortlist = page.locator(".client-shortlist li")
    expect(shortlist).to_have_count(3)

    # Ask two of them for an introduction on the client's behalf, as the sender.
    page.get_by_role("link", name="Vraag een kennismaking aan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vraag een kennismaking aan")
    expect(page.get_by_label("E-mailadres")).to_have_value(professional.email)
    expect(page.get_by_label("Uw naam")).to_have_value(re.compile("MEE Rijnmond"))
    axe(page)
    rozenhof, _waterlelie, baken = small_catalogue["residences"]
    page.get_by_label(rozenhof.title).check()
    page.get_by_label(baken.title).check()
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("Ochtend").check()
    page.get_by_label("Wat wilt u de zorgaanbieder vertellen of vragen?").fill(
        "Mijn cliënt wil graag komen kijken, samen met haar dochter."
    )
    page.get_by_role("button", name="Controleer de aanvraag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kloppen de gegevens?")
    expect(page.locator(".summary-list")).to_contain_text("komen kijken, samen met haar dochter")
    axe(page)
    page.get_by_role("button", name="Aanvragen versturen").click()
    expect(page.get_by_text("De 2 aanvragen zijn verstuurd.")).to_be_visible()
    requests = page.locator(".client-requests tbody tr")
    expect(requests).to_have_count(2)
    expect(requests.filter(has_text=rozenhof.title)).to_contain_text("Nieuw")
    axe(page)

    # The provider's intake officer sees both in the inbox and plans a visit at one.
    from residences.onboarding import onboard_provider
    from tests.browser.test_admin import log_in, set_password

    provider = small_catalogue["provider"]
    intake = set_password(
        onboard_provider(
            name=provider.title,
            external_id=provider.external_id,
            editors_emails=["intake@delinde.example.nl"],
        ).editors[0]
    )
    officer = browser.new_context(locale="nl-NL").new_page()
    log_in(officer, site_url, intake.username)
    officer.goto(f"{site_url}/admin/aanvragen/")
    listing = officer.locator("table.listing")
    expect(listing).to_contain_text(rozenhof.title)
    expect(listing).to_contain_text(baken.title)
    listing.locator("tr", has_text=rozenhof.title).locator("a").first.click()
    officer.select_option("#id_status", "kennismaking-gepland")
    officer.get_by_role("button", name="Wijzig de status").click()
    expect(officer.locator("main")).to_contain_text("Kennismaking gepland")
    officer.context.close()
    page.reload()
    expect(requests.filter(has_text=rozenhof.title)).to_contain_text("Kennismaking gepland")
    expect(requests.filter(has_text=baken.title)).to_contain_text("Nieuw")

    page.get_by_role("button", name="Nieuwe link maken").click()
    share_url = page.locator(".share-link code").inner_text()
    assert re.fullmatch(rf"{re.escape(site_url)}/werkruimte/gedeeld/\S+/", share_url)

    # The client opens it on their own device: no account, nothing to change.
    context = browser.new_context(locale="nl-NL")
    client_page = context.new_page()
    client_page.goto(share_url)
    expect(client_page.get_by_role("heading", level=1)).to_have_text(
        "Uw bewaarlijst en zoekopdrachten"
    )
    expect(client_page.locator(".client-shortlist li")).to_have_count(3)
    expect(client_page.get_by_text("JdV-12")).to_have_count(0)
    axe(client_page)
    context.close()

    # Later a residence that fits is published; it shows as new.
    from tests.factories import ResidencePageFactory

    ResidencePageFactory(parent=small_catalogue["provider"], title="Huize Nieuwkomer")
    page.reload()
    expect(saved.locator(".new-since")).to_contain_text("Huize Nieuwkomer")
    expect(wishes.locator(".new-since")).to_contain_text("Huize Nieuwkomer")
    axe(page)
