"""The client's data as a PDF (right of access): downloaded over HTTP and read back with pypdf."""

import io

import pytest
from pypdf import PdfReader

from enquiries.models import Status
from tests.workspace.conftest import make_professional, sign_in
from tests.workspace.test_requests_on_behalf import SENDER
from workspace import export_pdf
from workspace.models import Client, Note, Professional, ShortlistItem

NOTE = "Wil graag bij haar zus in Kralingen wonen; Ağaoğlu (Türkçe) spreekt ze thuis. € 0,–"


def pdf_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def kept(professional, provider_a):
    client = Client.objects.create(
        professional=Professional.objects.get(user=professional), label="Zoë-Ş 12"
    )
    Note.objects.create(client=client, text=NOTE)
    ShortlistItem.objects.create(client=client, residence_id=provider_a.residence.pk)
    return client


def test_the_pdf_holds_the_label_notes_shortlist_and_requests_with_their_status(
    signed_in, kept, provider_a, django_capture_on_commit_callbacks
):
    page = signed_in.get(f"/werkruimte/client/{kept.pk}/").content.decode()
    assert f'href="/werkruimte/client/{kept.pk}/export/pdf/"' in page
    signed_in.post(
        f"/werkruimte/client/{kept.pk}/aanvraag/",
        {"residences": [provider_a.residence.pk], **SENDER},
    )
    request = kept.requests.get().enquiry
    request.status = Status.CLOSED
    request.closed_reason = "geen-plek"
    request.save()

    text = pdf_text(signed_in.get(f"/werkruimte/client/{kept.pk}/export/pdf/"))
    assert "Gegevens van cliënt Zoë-Ş 12" in text
    # Text extraction may break a long line; the note's words are all there, in order.
    assert " ".join(NOTE.split()) in " ".join(text.split())
    assert "Bewaarlijst" in text and "Huis A" in text
    assert "Aanvragen" in text and "Afgesloten: geen plek" in text
    assert "Onze wensen (de vragenlijst)" in text and "Nog niet ingevuld." in text


def test_the_questionnaire_answers_are_in_the_pdf(signed_in, kept):
    from questionnaire.kinds import FOR_CLIENT

    kept.answers = {"voor-wie": FOR_CLIENT, "leeftijd": "81"}
    kept.save()
    text = pdf_text(signed_in.get(f"/werkruimte/client/{kept.pk}/export/pdf/"))
    assert "81" in text.split("Onze wensen (de vragenlijst)", 1)[1].split("Zoekopdrachten")[0]


def test_english_headings_under_the_english_address(signed_in, kept):
    text = pdf_text(signed_in.get(f"/en/werkruimte/client/{kept.pk}/export/pdf/"))
    assert "Data of client Zoë-Ş 12" in text
    assert "Saved list" in text and "Notes" in text and "Not filled in yet." in text
    assert "Bewaarlijst" not in text


def test_another_professional_gets_404_and_a_visitor_the_login(client, kept, wijkteam):
    url = f"/werkruimte/client/{kept.pk}/export/pdf/"
    assert client.get(url).status_code == 302
    sign_in(client, make_professional("vreemde", wijkteam))
    response = client.get(url)
    assert response.status_code == 404
    assert not response.content.startswith(b"%PDF")


def test_without_the_unicode_font_the_pdf_still_comes_with_question_marks(
    signed_in, kept, monkeypatch, tmp_path
):
    monkeypatch.setattr(export_pdf, "REGULAR", tmp_path / "missing.ttf")
    text = pdf_text(signed_in.get(f"/werkruimte/client/{kept.pk}/export/pdf/"))
    assert "Tekens die dit lettertype niet kent" in text
    assert "Zo" in text and "Ağaoğlu" not in text and "A?ao?lu" in text
