"""/healthz: the database decides the status code, search is reported beside it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config import health

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_healthz_reports_the_database_with_its_latency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert 0 <= body["checks"]["database"]["latency_ms"] < 1000


@pytest.mark.django_db
def test_healthz_is_never_cached_and_only_answers_get(client):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_healthz_reports_the_search_backend_separately_when_it_offers_health(client):
    if health.search_health() is None:
        pytest.skip("search.backends offers no get_backend().health() yet")
    search = client.get("/healthz").json()["checks"]["search"]
    assert search["status"] in {"ok", "degraded", "error"}
    assert "latency_ms" in search


@pytest.mark.django_db
def test_healthz_stays_200_with_search_degraded_when_elasticsearch_is_unreachable(client, settings):
    if health.search_health() is None:
        pytest.skip("search.backends offers no get_backend().health() yet")
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    response = client.get("/healthz")
    assert response.status_code == 200
    search = response.json()["checks"]["search"]
    assert search["status"] in {"degraded", "error"}
    assert search["backend"]
    assert response.json()["checks"]["database"]["status"] == "ok"


# Runs in its own process: the only honest way to have no database is to point the connection at
# a port where nothing listens, and settings are read once per process.
UNREACHABLE_DATABASE_PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"code": response.status_code, "body": response.json()}))
"""


def test_healthz_answers_503_quickly_when_the_database_is_down():
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        # Port 9 (discard) is closed here: the connection is refused at once.
        "DATABASE_URL": "postgres://woonvinder@127.0.0.1:9/woonvinder",
    }
    result = subprocess.run(
        [sys.executable, "-c", UNREACHABLE_DATABASE_PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["code"] == 503
    assert outcome["body"]["status"] == "error"
    assert outcome["body"]["checks"]["database"]["status"] == "error"
    assert outcome["body"]["checks"]["database"]["latency_ms"] < 3000


# Who sees what -------------------------------------------------------------------------------


@pytest.fixture
def search_with_details(settings):
    """Elasticsearch configured at a closed port: its report carries an error text."""
    if health.search_health() is None:
        pytest.skip("search.backends offers no get_backend().health() yet")
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX = "woonvinder-secret-alias"


@pytest.mark.django_db
def test_the_public_healthz_shows_no_index_names_counts_or_error_texts(client, search_with_details):
    response = client.get("/healthz", REMOTE_ADDR="203.0.113.7")

    search = response.json()["checks"]["search"]
    assert set(search) <= {"status", "backend", "latency_ms"}
    assert "woonvinder-secret-alias" not in response.content.decode()
    assert "127.0.0.1:9" not in response.content.decode()


@pytest.mark.django_db
def test_a_request_forwarded_by_a_proxy_on_this_host_is_public(client, search_with_details):
    response = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")

    assert "detail" not in response.json()["checks"]["search"]


@pytest.mark.django_db
def test_this_host_and_staff_see_the_details(client, search_with_details, django_user_model):
    local = client.get("/healthz", REMOTE_ADDR="127.0.0.1").json()["checks"]["search"]
    staff = django_user_model.objects.create_user("beheer", password="x" * 12, is_staff=True)
    client.force_login(staff)
    remote = client.get("/healthz", REMOTE_ADDR="203.0.113.7").json()["checks"]["search"]

    assert "unreachable" in local["detail"]
    assert "unreachable" in remote["detail"]
