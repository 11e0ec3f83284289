"""Save and resume without an account: the link restores, refuses changes, and expires."""

import re

import pytest
from django.urls import reverse

from questionnaire import clock, crypto, storage

from .conftest import step_url


def make_link(visitor, client) -> str:
    visitor.complete()
    response = client.post(reverse("questionnaire:save"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return re.search(r'id="bewaar-link"[^>]*>([^<]+)</textarea>', response.content.decode())[1]


def code_of(link: str) -> str:
    return link.split("?code=", 1)[1]


def test_link_restores_the_answers_in_a_new_browser(visitor, client, django_app_client):
    link = make_link(visitor, client)
    response = django_app_client.get(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("questionnaire:check")
    check = django_app_client.get(reverse("questionnaire:check"))
    assert check.status_code == 200
    assert "3011 (Rotterdam Centrum)" in check.content.decode()


def test_pasted_link_in_the_resume_form_works(visitor, client, django_app_client):
    link = make_link(visitor, client)
    response = django_app_client.get(reverse("questionnaire:resume"), {"code": link})
    assert response["Location"] == reverse("questionnaire:check")


def test_changed_link_is_refused_with_a_dutch_message(visitor, client, django_app_client):
    code = code_of(make_link(visitor, client))
    tampered = code[:-6] + ("A" if code[-6] != "A" else "B") + code[-5:]
    response = django_app_client.get(reverse("questionnaire:resume"), {"code": tampered})
    assert response.status_code == 400
    assert "Deze link klopt niet" in response.content.decode()
    assert django_app_client.get(reverse("questionnaire:check"))["Location"] == step_url("voor-wie")


def test_session_token_cannot_be_used_as_a_resume_link(visitor, client, django_app_client):
    visitor.complete()
    session_token = client.session[storage.SESSION_KEY]
    response = django_app_client.get(reverse("questionnaire:resume"), {"code": session_token})
    assert response.status_code == 400


def test_link_expires_after_30_days(visitor, client, django_app_client, monkeypatch):
    code = code_of(make_link(visitor, client))
    made = clock.now()
    monkeypatch.setattr(clock, "now", lambda: made + 29 * 24 * 3600)
    assert storage.restore(code).answers["wanneer"] == "3-maanden"
    monkeypatch.setattr(clock, "now", lambda: made + 30 * 24 * 3600 + 60)
    response = django_app_client.get(reverse("questionnaire:resume"), {"code": code})
    assert response.status_code == 410
    assert "ouder dan 30 dagen" in response.content.decode()


def test_link_made_with_another_secret_key_is_refused(visitor, client, settings):
    code = code_of(make_link(visitor, client))
    settings.SECRET_KEY = "another-secret-key-that-is-long-enough-for-the-test-suite-x"
    with pytest.raises(crypto.TokenInvalid):
        storage.restore(code)


def test_old_secret_key_in_fallbacks_still_opens_links(visitor, client, settings):
    code = code_of(make_link(visitor, client))
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "another-secret-key-that-is-long-enough-for-the-test-suite-x"
    settings.SECRET_KEY_FALLBACKS = [old]
    assert storage.restore(code).answers["voor-wie"] == "naaste"


def test_garbage_codes_are_refused_not_500(client, db):
    for code in ["x", "%%%", "gAAAAA" + "A" * 80, "é" * 10]:
        response = client.get(reverse("questionnaire:resume"), {"code": code})
        assert response.status_code == 400


def test_saving_without_answers_goes_to_the_start(client, db):
    assert client.post(reverse("questionnaire:save"))["Location"] == reverse("questionnaire:start")
