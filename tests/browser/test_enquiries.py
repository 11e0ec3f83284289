"""Requests to residences in Chromium, axe on every visitor page: a relative who filled in the
questionnaire asks two residences of different providers for a first visit with their wishes;
each provider's editor sees only their own request; one plans a visit; the status page shows
it; the other provider's editor is refused."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_admin import log_in, set_password

# The issue asks this loop to pass on SQLite and PostgreSQL: `make test-browser` runs both.
pytestmark = [pytest.mark.browser, pytest.mark.both_databases]

SECRET_MESSAGE = "Mijn moeder wil graag een tuin en rust."


@pytest.fixture
def two_providers(site_url):
    from residences.onboarding import onboard_provider
    from tests.factories import ResidencePageFactory

    linde = onboard_provider(
        name="Zorggroep De Linde", editors_emails=["intake@delinde.example.nl"], publish=True
    )
    anker = onboard_provider(
        name="Stichting Het Anker", editors_emails=["intake@hetanker.example.nl"], publish=True
    )
    return {
        "rozenhof": ResidencePageFactory(parent=linde.provider, title="Huize Rozenhof"),
        "vuurtoren": ResidencePageFactory(parent=anker.provider, title="De Vuurtoren"),
        "editor_a": set_password(linde.editors[0]),
        "editor_b": set_password(anker.editors[0]),
    }


def resume_answers(page, site_url):
    """The visitor's finished questionnaire, brought back with its own resume link."""
    from django.test import Client

    from questionnaire import crypto, storage
    from questionnaire.views.saving import CODE_PARAMETER
    from tests.questionnaire.conftest import Visitor

    # The answers as the questionnaire stores them, given once through its own pages.
    helper = Client()
    Visitor(helper).complete()
    sealed = helper.session[storage.SESSION_KEY]
    answers = crypto.unseal(sealed, crypto.SESSION_PURPOSE, storage.ANSWERS_TTL_SECONDS)["answers"]
    token = storage.resume_token(storage.State(answers=answers))
    page.goto(f"{site_url}/vragenlijst/hervatten/?{CODE_PARAMETER}={token}")


def answer(page, axe, fields: dict, radios: dict = (), ticks=()):
    axe(page)
    for value in dict(radios).values():
        page.locator(f'input[type=radio][value="{value}"]').check()
    for name, text in fields.items():
        page.locator(f'[name="{name}"]').fill(text)
    for name in ticks:
        page.locator(f'input[type=checkbox][name="{name}"]').check()
    page.get_by_role("button", name="Verder").click()


def test_the_whole_request_loop(page, site_url, two_providers, axe, browser):
    rozenhof, vuurtoren = two_providers["rozenhof"], two_providers["vuurtoren"]
    resume_answers(page, site_url)
    page.goto(f"{site_url}/zoeken/vergelijken/?id={rozenhof.pk}&id={vuurtoren.pk}")
    page.get_by_role("link", name=re.compile("Vraag een kennismaking aan")).click()

    expect(page.locator("h1")).to_have_text("Voor wie")
    # Told once: the questionnaire was filled in for a relative, so that is chosen already.
    expect(page.locator('input[type=radio][value="naaste"]')).to_be_checked()
    answer(page, axe, {}, radios={"role": "naaste"})
    page.get_by_role("button", name="Verder").click()  # nothing filled in: a Dutch error
    expect(page.locator(".error-summary")).to_contain_text("Vul uw naam in.")
    answer(page, axe, {"name": "Ria Jansen", "phone": "06 12345678", "email": "ria@example.org"})
    answer(page, axe, {}, radios={"contact_way": "telefoon", "contact_time": "middag"})
    answer(page, axe, {"message": SECRET_MESSAGE})
    expect(page.get_by_label(
        "Ik geef toestemming om mijn wensen met deze zorgaanbieder(s) te delen"
    )).not_to_be_checked()
    expect(page.locator("#inhoud")).to_contain_text("Eigen kamer")  # the wishes, in full
    answer(page, axe, {}, ticks=["consent"])

    expect(page.locator("h1")).to_have_text("Kloppen uw gegevens?")
    expect(page.locator("#inhoud")).to_contain_text(SECRET_MESSAGE)
    axe(page)
    page.get_by_role("button", name="Verstuur mijn aanvraag").click()
    expect(page.locator("h1")).to_have_text("Uw aanvraag is verstuurd")
    axe(page)
    status_link = page.locator("#status-link").input_value()
    assert "/aanvraag/status/" in status_link

    editor_a = browser.new_context(locale="nl-NL").new_page()
    log_in(editor_a, site_url, two_providers["editor_a"].username)
    editor_a.goto(f"{site_url}/admin/aanvragen/")
    expect(editor_a.locator("table.listing")).to_contain_text("Huize Rozenhof")
    expect(editor_a.locator("table.listing")).not_to_contain_text("De Vuurtoren")
    editor_a.locator("table.listing a").first.click()
    expect(editor_a.locator("main")).to_contain_text(SECRET_MESSAGE)
    expect(editor_a.locator("main")).to_contain_text("Eigen kamer")
    request_url = editor_a.url
    editor_a.select_option("#id_status", "kennismaking-gepland")
    editor_a.get_by_role("button", name="Wijzig de status").click()
    expect(editor_a.locator("main")).to_contain_text("Kennismaking gepland")

    page.goto(status_link)
    expect(page.locator("#inhoud")).to_contain_text("Kennismaking gepland")
    expect(page.locator("#inhoud")).to_contain_text("De Vuurtoren")
    axe(page)

    editor_b = browser.new_context(locale="nl-NL").new_page()
    log_in(editor_b, site_url, two_providers["editor_b"].username)
    response = editor_b.goto(request_url)
    assert response.status == 404
    editor_b.goto(f"{site_url}/admin/aanvragen/")
    expect(editor_b.locator("table.listing")).to_contain_text("De Vuurtoren")
    expect(editor_b.locator("table.listing")).not_to_contain_text("Huize Rozenhof")
    editor_a.context.close()
    editor_b.context.close()
