"""Fixtures for the questionnaire: a complete set of answers and a client that walks the steps."""

from __future__ import annotations

import pytest
from django.urls import reverse

# Answers a visitor gives by walking every branch to the end (for a relative, with an indication).
FULL_ANSWERS = {
    "voor-wie": "naaste",
    "leeftijd": "81",
    "doelgroep": ["vv-pg"],
    "indicatie": "ja",
    "zorgprofiel": "VV05",
    "woonvorm": ["kleinschalig"],
    "financiering": "zin",
    "waar": "familie",
    "plaats": "3011 AB",
    "afstand": "10",
    "begeleiding-dag": ["aanwezig-24u"],
    "begeleiding-nacht": "nacht-wakend",
    "belang-begeleiding": {"support-aanwezig-24u": "moet", "support-nacht-wakend": "3"},
    "voorzieningen": ["eigen-kamer", "tuin"],
    "dagbesteding": "nee",
    "belang-voorzieningen": {"facilities-eigen-kamer": "moet", "facilities-tuin": "2"},
    "omgeving": ["rustig"],
    "belang-omgeving": {"environment-rustig": "1"},
    "levensovertuiging": [],
    "taal": ["tr"],
    "belang-taal": {"languages-tr": "2"},
    "wanneer": "3-maanden",
}


def step_url(slug: str, returning: bool = False) -> str:
    url = reverse("questionnaire:step", args=[slug])
    return f"{url}?terug=controle" if returning else url


def form_data(value) -> dict:
    """The POST body a browser sends for one answer."""
    if isinstance(value, dict):
        return value
    return {"__value__": value}


class Visitor:
    """A Django test client that answers questions the way a browser submits them."""

    def __init__(self, client):
        self.client = client

    def answer(self, slug: str, value, returning: bool = False):
        if isinstance(value, dict):
            data = value
        else:
            data = {slug: value}
        return self.client.post(step_url(slug, returning), data)

    def complete(self, answers: dict | None = None):
        """Walk the questionnaire from the first question, following the redirects."""
        answers = answers or FULL_ANSWERS
        response = self.client.get(reverse("questionnaire:start"))
        url = step_url("voor-wie")
        visited = []
        while url.startswith(reverse("questionnaire:step", args=["x"])[:-2]):
            slug = url.rstrip("/").split("/")[-1].split("?")[0]
            visited.append(slug)
            response = self.answer(slug, answers[slug])
            assert response.status_code == 302, (slug, response.content[:2000])
            url = response["Location"]
        assert url == reverse("questionnaire:check")
        return visited


@pytest.fixture
def visitor(client, db):
    return Visitor(client)


@pytest.fixture
def full_answers():
    return dict(FULL_ANSWERS)


@pytest.fixture
def django_app_client(db):
    """A second browser: its own cookies, no session shared with `client`."""
    from django.test import Client

    return Client()
