"""Response headers and cookie flags: CSP, Permissions-Policy, Referrer-Policy, HSTS, cookies.

The Content-Security-Policy header is django-csp's; these tests read the header a browser gets.
"""

import importlib
import re
import secrets

import pytest

from config.settings.base import tile_origin
from tests.factories import DEFAULT_PASSWORD

PUBLIC_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.fixture
def production_security(settings, monkeypatch):
    """The security settings of config.settings.production, applied to this test."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(50))
    production = importlib.reload(importlib.import_module("config.settings.production"))
    prefixes = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_")
    for name in dir(production):
        if name.startswith(prefixes):
            setattr(settings, name, getattr(production, name))
    return settings


@pytest.mark.django_db
def test_public_pages_get_the_strict_content_security_policy(client):
    # The default MAP_TILE_URL: OpenStreetMap's tile server.
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    for directive, value in PUBLIC_DIRECTIVES.items():
        assert policy[directive] == value, directive
    assert policy["img-src"] == "'self' data: https://tile.openstreetmap.org"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_the_tile_host_in_the_policy_follows_map_tile_url():
    assert tile_origin("https://tiles.example.nl/{z}/{x}/{y}.png") == "https://tiles.example.nl"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == (
        "https://*.tile.example.org"
    )
    assert tile_origin("/static/tiles/{z}/{x}/{y}.png") == ""


@pytest.mark.django_db
def test_public_pages_contain_no_inline_script_for_the_policy_to_block(client):
    html = client.get("/").content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all("src=" in tag or 'type="application/json"' in tag for tag in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handlers are blocked by the CSP"


@pytest.mark.django_db
def test_the_wagtail_admin_gets_its_own_policy_that_still_refuses_other_origins(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self' 'unsafe-inline'"
    assert policy["frame-ancestors"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["object-src"] == "'none'"


@pytest.mark.django_db
def test_every_response_carries_permissions_referrer_and_content_type_policies(client):
    for path in ("/", "/healthz", "/bestaat-niet/"):
        response = client.get(path)
        permissions = response["Permissions-Policy"]
        for feature in ("geolocation", "camera", "microphone", "payment", "usb"):
            assert f"{feature}=()" in permissions
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_production_sends_hsts_and_redirects_plain_http(client, production_security):
    assert client.get("/").status_code == 301
    response = client.get("/", secure=True)
    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_production_health_checks_over_plain_http_are_not_redirected(client, production_security):
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_production_cookies_are_secure_httponly_and_same_site(
    client, production_security, superuser
):
    login_form = client.get("/admin/login/", secure=True)
    logged_in = client.post(
        "/admin/login/",
        {"username": superuser.username, "password": DEFAULT_PASSWORD},
        secure=True,
    )
    language = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    cookies = {
        "csrftoken": login_form.cookies["csrftoken"],
        "sessionid": logged_in.cookies["sessionid"],
        "django_language": language.cookies["django_language"],
    }
    for name, cookie in cookies.items():
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
