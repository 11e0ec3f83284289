"""The "Mijn wensen" page and its JSON download."""

import json
from pathlib import Path

import jsonschema
from django.urls import reverse

from questionnaire import summary

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2] / "questionnaire/schema/mijn-wensen.schema.json"
    ).read_text()
)


def test_json_download_is_an_attachment_and_valid_against_the_schema(visitor, client):
    visitor.complete()
    response = client.get(reverse("questionnaire:summary_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mijn-wensen.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft202012Validator)
    assert data["$schema"] == SCHEMA["$id"] == summary.SCHEMA_ID
    assert {
        "list": "care_profiles",
        "code": "VV05",
        "label": "VV05 Beschermd wonen met intensieve dementiezorg",
    } in data["musts"]
    assert data["wishes"][0]["importance"] == 3
    assert data["location"]["place"] == "3011"
    assert data["urgency"] == {"code": "3-maanden", "label": "Binnen drie maanden"}


def test_schema_rejects_a_full_postcode_field_it_does_not_know(visitor, client):
    visitor.complete()
    data = json.loads(client.get(reverse("questionnaire:summary_json")).content)
    data["location"]["postcode"] = "3011 AB"
    validator = jsonschema.Draft202012Validator(SCHEMA)
    assert not validator.is_valid(data)


def test_summary_page_shows_musts_wishes_place_and_urgency_in_the_visitors_words(visitor, client):
    visitor.complete()
    response = client.get(reverse("questionnaire:summary"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Dit moet er zijn" in html and "Eigen kamer" in html
    assert "Er is altijd iemand in de buurt" in html  # the support words the visitor chose
    assert "Dit is fijn" in html and "Iemand die ’s nachts wakker is in huis" in html
    assert "In de buurt van familie: 3011 (Rotterdam Centrum), tot 10 kilometer" in html
    assert "Binnen drie maanden" in html
    assert "data-print" in html and "Opslaan als PDF" in html


def test_every_step_offers_independent_client_support(visitor, client, home_page):
    from pages.models import SiteSettings

    settings_object = SiteSettings.for_site(home_page.get_site())
    settings_object.support_name = "MEE Testregio"
    settings_object.support_url = "https://mee.example.nl/"
    settings_object.save()
    visitor.answer("voor-wie", "zelf")
    for url in [reverse("questionnaire:start"), reverse("questionnaire:step", args=["leeftijd"])]:
        html = client.get(url).content.decode()
        assert "onafhankelijke cliëntondersteuner helpt u gratis" in html
        assert '<a href="https://mee.example.nl/">Neem contact op met MEE Testregio</a>' in html
