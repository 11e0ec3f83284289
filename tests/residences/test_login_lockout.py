"""Wrong passwords lock out the address that types them, never the editor at their own desk."""

import pytest
from django.core.cache import cache
from django.test import Client

PASSWORD = "correct-horse-battery-staple"  # tests/residences/conftest.py gives editors this one
EDITOR_ADDRESS = "198.51.100.7"
ATTACKER_ADDRESS = "203.0.113.9"


@pytest.fixture
def axes_on(settings):
    cache.clear()
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    yield settings
    cache.clear()


def log_in(address, username, password):
    return Client(REMOTE_ADDR=address).post(
        "/admin/login/", {"username": username, "password": password}
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def locked(response) -> bool:
    return response.status_code == 429 and "te vaak een verkeerd wachtwoord" in (
        response.content.decode()
    )


def test_failures_from_other_addresses_do_not_lock_the_editor_out(axes_on, provider_a):
    editor = provider_a.editor.username
    for number in range(1, 6):
        assert not logged_in(log_in(f"192.0.2.{number}", editor, "geraden"))
    for _attempt in range(5):
        log_in(ATTACKER_ADDRESS, editor, "geraden")

    assert locked(log_in(ATTACKER_ADDRESS, editor, PASSWORD))
    assert logged_in(log_in(EDITOR_ADDRESS, editor, PASSWORD))


def test_one_address_guessing_across_many_user_names_is_locked(
    axes_on, provider_a, provider_b, coordinator, superuser
):
    victims = [
        provider_a.editor.username, provider_b.editor.username,
        coordinator.username, superuser.username, "onbekend@example.nl",
    ]
    for username in victims:
        assert not logged_in(log_in(ATTACKER_ADDRESS, username, "Welkom2026!"))

    # The address is locked for every name, even one it never tried.
    assert locked(log_in(ATTACKER_ADDRESS, "nog-een@example.nl", "Welkom2026!"))
    assert locked(log_in(ATTACKER_ADDRESS, provider_a.editor.username, PASSWORD))
    # Each victim still gets in from their own address.
    assert logged_in(log_in(EDITOR_ADDRESS, provider_a.editor.username, PASSWORD))
    assert logged_in(log_in("198.51.100.8", provider_b.editor.username, PASSWORD))


def test_the_editors_own_mistakes_lock_only_their_own_address(axes_on, provider_a):
    editor = provider_a.editor.username
    for _attempt in range(5):
        log_in(EDITOR_ADDRESS, editor, "verkeerd")

    assert locked(log_in(EDITOR_ADDRESS, editor, PASSWORD))
    assert logged_in(log_in("198.51.100.99", editor, PASSWORD))
