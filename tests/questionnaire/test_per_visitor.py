"""What is a questionnaire visitor's own stays their own: CSRF tokens, the address in the language
switch, messages and answers."""

import re

import pytest
from django.test import Client
from django.urls import clear_script_prefix, reverse, set_script_prefix

from tests.questionnaire.conftest import step_url

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SWITCH = re.compile(r'class="language-switch__button" href="([^"]*)"')
CHECKED = re.compile(r'value="([^"]+)" checked')
FORGOTTEN = "Uw antwoorden zijn gewist."


def test_a_message_is_shown_once_and_only_to_its_own_visitor(visitor, client):
    other = Client()
    visitor.answer("voor-wie", "zelf")
    other.get(reverse("questionnaire:start"))

    shown = client.post(reverse("questionnaire:forget"), follow=True).content.decode()

    notice = '<div class="messages" role="status"><div class="notice notice--success"><p>'
    assert notice + FORGOTTEN in shown
    for browser in (other, client):
        html = browser.get(reverse("questionnaire:start")).content.decode()
        assert FORGOTTEN not in html
        assert 'class="messages"' not in html


def test_two_visitors_answering_keep_their_own_answers_tokens_and_address():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = step_url("voor-wie")
    for browser, answer in ((first, "zelf"), (second, "naaste")):
        token = TOKEN.findall(browser.get(url).content.decode())[-1]  # the answer form's
        response = browser.post(url, {"voor-wie": answer, "csrfmiddlewaretoken": token})
        assert response.status_code == 302

    first_html = first.get(url).content.decode()
    second_html = second.get(f"{url}?terug=controle").content.decode()

    assert CHECKED.findall(first_html) == ["zelf"]
    assert CHECKED.findall(second_html) == ["naaste"]
    assert SWITCH.findall(first_html) == [f"/en{url}"]
    assert SWITCH.findall(second_html) == [f"/en{url}?terug=controle"]
    assert not set(TOKEN.findall(first_html)) & set(TOKEN.findall(second_html))


def test_the_help_box_and_menu_are_in_each_language(client):
    html = client.get(step_url("voor-wie")).content.decode()
    assert "Hulp nodig bij het kiezen?" in html
    assert 'aria-current="page">Stap voor stap kiezen</a>' in html

    html = client.get("/en" + step_url("voor-wie")).content.decode()
    assert "Hulp nodig bij het kiezen?" not in html
    assert 'aria-current="page">Choose step by step</a>' in html


def test_remembered_links_follow_the_prefix_the_site_is_served_under(client):
    url = step_url("voor-wie")
    plain = client.get(url).content.decode()
    set_script_prefix("/woonvinder/")  # what the WSGI handler does for SCRIPT_NAME
    try:
        prefixed = Client().get(url).content.decode()
    finally:
        clear_script_prefix()

    assert 'action="/vragenlijst/vraag/voor-wie/"' in plain
    assert f'href="{reverse("questionnaire:save")}"' in plain
    assert 'action="/woonvinder/vragenlijst/vraag/voor-wie/"' in prefixed
    assert 'href="/woonvinder/vragenlijst/bewaren/"' in prefixed
    assert 'href="/woonvinder/vragenlijst/"' in prefixed  # back to the start page
