"""The questionnaire filled in together: a professional and their client answer the public
questionnaire's questions in the "we" form; the answers are kept with the client (encrypted),
shown as "Onze wensen" on the client's page, changeable later, and made into a saved search."""

import logging

import pytest
from django.db import connection

from questionnaire.questions import answers_to_criteria
from tests.questionnaire.conftest import FULL_ANSWERS
from tests.workspace.conftest import make_professional, sign_in
from workspace.models import Client, Professional, SavedSearch

# What the professional and the client choose; "voor-wie" is the client already.
TOGETHER_ANSWERS = {**FULL_ANSWERS, "voor-wie": "client"}
# Answers that must never be readable in the database or a log line.
SECRET_ANSWERS = ("3011", "Rotterdam", "VV05", "kleinschalig", "nacht-wakend", "vv-pg")


@pytest.fixture
def kept(professional):
    return Client.objects.create(
        professional=Professional.objects.get(user=professional), label="SV-3"
    )


def base(client_row) -> str:
    return f"/werkruimte/client/{client_row.pk}/"


def step(client_row, slug: str, returning: bool = False) -> str:
    url = f"{base(client_row)}vragenlijst/{slug}/"
    return url + "?terug=controle" if returning else url


def answer_all(browser, client_row) -> list[str]:
    """Start from the client's page and answer every question the flow asks, as a browser."""
    response = browser.get(base(client_row) + "vragenlijst/")
    assert response.status_code == 302
    url = response["Location"]
    asked = []
    while "/vragenlijst/" in url:
        slug = url.rstrip("/").split("/")[-1]
        page = browser.get(url)
        assert page.status_code == 200, slug
        asked.append(slug)
        value = TOGETHER_ANSWERS[slug]
        response = browser.post(url, value if isinstance(value, dict) else {slug: value})
        assert response.status_code == 302, (slug, response.content[:1500])
        url = response["Location"]
    assert url == base(client_row) + "#onze-wensen"
    return asked


def raw_answers_column(client_row) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM workspace_client WHERE id = %s", [client_row.pk])
        return cursor.fetchone()[0]


def test_fill_in_together_keeps_the_answers_with_the_client_and_makes_a_search(
    signed_in, kept, dementia_homes, caplog
):
    page = signed_in.get(base(kept)).content.decode()
    assert "Onze wensen" in page
    assert "Vragenlijst samen invullen" in page

    first = signed_in.get(base(kept) + "vragenlijst/")
    # "For whom" is answered already: the client.
    assert first["Location"] == step(kept, "leeftijd")
    question = signed_in.get(first["Location"]).content.decode()
    assert "Welke leeftijd vullen we in?" in question
    assert "Hoe oud bent u" not in question
    assert "Vragenlijst, samen ingevuld met SV-3" in question

    with caplog.at_level(logging.DEBUG):
        asked = answer_all(signed_in, kept)
    assert asked[0] == "leeftijd"
    assert "wanneer" in asked and "belang-taal" in asked

    kept.refresh_from_db()
    assert kept.answers["plaats"]["query"] == "3011"
    assert kept.answers["woonvorm"] == ["kleinschalig"]
    stored = raw_answers_column(kept)
    for secret in SECRET_ANSWERS:
        assert secret not in stored
        assert secret not in caplog.text

    search = SavedSearch.objects.get(client=kept, from_answers=True)
    assert search.name == "Onze wensen"
    assert search.query == answers_to_criteria(kept.answers).to_query()

    page = signed_in.get(base(kept)).content.decode()
    assert "Onze wensen zijn bewaard" in page
    assert "Waar zoeken we een woonplek?" in page
    assert "Kleinschalig wonen" in page
    assert f'href="{step(kept, "woonvorm", returning=True)}"' in page
    assert "hoort bij deze antwoorden en verandert mee" in page


def test_the_answers_can_be_changed_later_and_the_search_follows(signed_in, kept, dementia_homes):
    answer_all(signed_in, kept)
    search = SavedSearch.objects.get(client=kept, from_answers=True)
    before = search.query

    # The question opens with the stored answer chosen.
    page = signed_in.get(step(kept, "woonvorm", returning=True)).content.decode()
    assert "Welke manier van wonen zoeken we?" in page
    assert 'id="woonvorm-kleinschalig" name="woonvorm" value="kleinschalig" checked' in page
    assert 'value="verpleeghuis" checked' not in page
    assert "Terug naar onze wensen" in page

    response = signed_in.post(
        step(kept, "woonvorm", returning=True), {"woonvorm": ["verpleeghuis"]}
    )
    assert response.status_code == 302
    assert response["Location"] == base(kept) + "#onze-wensen"
    kept.refresh_from_db()
    assert kept.answers["woonvorm"] == ["verpleeghuis"]
    search.refresh_from_db()
    assert search.query != before
    assert search.query == answers_to_criteria(kept.answers).to_query()
    assert SavedSearch.objects.filter(client=kept, from_answers=True).count() == 1

    # Going through all questions again opens the first one with its answer filled in.
    again = signed_in.get(base(kept) + "vragenlijst/")
    assert again["Location"] == step(kept, "leeftijd")
    assert 'value="81"' in signed_in.get(again["Location"]).content.decode()


def test_the_questionnaire_validates_and_branches_as_the_public_one(signed_in, kept):
    # No skipping ahead by URL: back to the first open question.
    response = signed_in.get(step(kept, "wanneer"))
    assert response["Location"] == step(kept, "leeftijd")
    assert signed_in.get(step(kept, "geen-vraag")).status_code == 404

    signed_in.post(step(kept, "leeftijd"), {"leeftijd": "81"})
    response = signed_in.post(step(kept, "doelgroep"), {})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Kies wat past, of kies ‘Ik weet het niet’." in page
    assert 'class="error-summary' in page
    response = signed_in.post(step(kept, "leeftijd"), {"leeftijd": "tweehonderd"})
    assert response.status_code == 200
    kept.refresh_from_db()
    assert kept.answers == {"voor-wie": "client", "leeftijd": 81}
    assert not SavedSearch.objects.filter(client=kept).exists()

    page = signed_in.get(base(kept)).content.decode()
    assert "De vragenlijst is nog niet af." in page
    assert signed_in.get(base(kept) + "vragenlijst/")["Location"] == step(kept, "doelgroep")


def test_only_the_keeper_and_a_colleague_it_is_shared_with_get_the_questionnaire(
    client, professional, colleague, wijkteam, kept
):
    kept.answers = {"voor-wie": "client", "leeftijd": 81}
    kept.save()
    addresses = [base(kept) + "vragenlijst/", step(kept, "leeftijd"), step(kept, "doelgroep")]

    assert client.get(addresses[1])["Location"].startswith("/werkruimte/inloggen/")

    sign_in(client, make_professional("buiten", wijkteam))
    for url in addresses:
        assert client.get(url).status_code == 404
        assert client.post(url, {"doelgroep": ["vv-pg"]}).status_code == 404
    client.logout()

    sign_in(client, colleague)
    assert client.get(addresses[1]).status_code == 404
    kept.colleagues.add(Professional.objects.get(user=colleague))
    assert client.get(addresses[1]).status_code == 200
    response = client.post(addresses[2], {"doelgroep": ["vv-pg"]})
    assert response.status_code == 302
    kept.refresh_from_db()
    assert kept.answers["doelgroep"] == ["vv-pg"]


def test_the_answers_are_in_the_export_and_survive_a_key_rotation(
    signed_in, kept, dementia_homes, settings
):
    from cryptography.fernet import Fernet
    from django.core.management import call_command

    answer_all(signed_in, kept)
    data = signed_in.get(base(kept) + "export/").json()
    assert data["questionnaire_answers"]["woonvorm"] == ["kleinschalig"]
    assert data["questionnaire_answers"]["plaats"]["query"] == "3011"

    before = raw_answers_column(kept)
    new_key = Fernet.generate_key().decode()
    settings.ENQUIRY_ENCRYPTION_KEYS = [new_key, *settings.ENQUIRY_ENCRYPTION_KEYS]
    call_command("rotate_workspace_keys")
    settings.ENQUIRY_ENCRYPTION_KEYS = [new_key]
    assert raw_answers_column(kept) != before
    kept.refresh_from_db()
    assert kept.answers["woonvorm"] == ["kleinschalig"]


def test_every_question_asked_with_u_has_a_we_form():
    """Headings and hints that address the visitor ("u", "uw") have a "we" wording; those
    already neutral stay as they are. The professional never reads "u" to their client."""
    import re

    from django.utils import translation

    from questionnaire.questions import QUESTIONS

    addressed = re.compile(r"\b(u|uw|bent|wilt)\b", re.IGNORECASE)
    with translation.override("nl"):
        for question in QUESTIONS:
            answers = {"voor-wie": "client", "waar": "elders", "plaats": {"label": "Delft"}}
            for text in (question.heading(answers, True), question.hint(answers, True)):
                assert not addressed.search(text), (question.slug, text)


def test_the_export_gives_every_answer_in_the_words_the_clients_page_shows(signed_in, kept):
    import html

    asked = answer_all(signed_in, kept)
    data = signed_in.get(base(kept) + "export/").json()
    page = html.unescape(signed_in.get(base(kept)).content.decode())

    exported = [answer["question"] for answer in data["questionnaire"]]
    assert set(asked) <= set(exported) <= set(data["questionnaire_answers"])
    for answer in data["questionnaire"]:
        assert answer["answer"], answer["question"]
        for line in answer["answer"]:
            assert line in page, (answer["question"], line)
    # The woonvorm code "kleinschalig" reads as words, not as the code.
    woonvorm = next(a for a in data["questionnaire"] if a["question"] == "woonvorm")
    assert woonvorm["answer"] != ["kleinschalig"]
