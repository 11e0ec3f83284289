"""Sessions as production keeps them with Redis ("cached_db"): every session is written to the
database, reads come from Redis, and neither holds a readable answer."""

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from questionnaire import storage

pytestmark = pytest.mark.django_db

STEP = "/vragenlijst/vraag/voor-wie/"
FORGET = reverse("questionnaire:forget")


@pytest.fixture
def redis_sessions(settings, redis_cache):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return redis_cache


def session_queries(client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    return html, [query["sql"] for query in queries if "django_session" in query["sql"]]


def test_a_visitor_with_answers_reads_a_step_without_a_session_query(client, redis_sessions):
    assert client.post(STEP, {"voor-wie": "naaste"}).status_code == 302

    html, queries = session_queries(client, STEP)

    assert 'value="naaste" checked' in html
    assert queries == []


def test_each_answer_is_written_to_the_database(client, redis_sessions):
    client.post(STEP, {"voor-wie": "naaste"})
    key = client.cookies["sessionid"].value
    before = Session.objects.get(session_key=key).session_data

    client.post(STEP, {"voor-wie": "zelf"})

    assert Session.objects.get(session_key=key).session_data != before


def test_answers_outlive_an_emptied_cache(client, redis_sessions):
    client.post(STEP, {"voor-wie": "naaste"})

    redis_sessions.clear()
    html, queries = session_queries(client, STEP)

    assert 'value="naaste" checked' in html
    assert len(queries) == 1  # read from the database, and kept in the cache again
    assert session_queries(client, STEP)[1] == []


def test_the_database_and_redis_hold_only_ciphertext(client, redis_sessions):
    client.post(STEP, {"voor-wie": "naaste"})
    key = client.cookies["sessionid"].value

    row = Session.objects.get(session_key=key)
    cached = redis_sessions.get(KEY_PREFIX + key)
    raw = redis_sessions._cache.get_client().get(redis_sessions.make_key(KEY_PREFIX + key))

    assert cached == row.get_decoded()
    assert cached[storage.SESSION_KEY].startswith("gAAAAA")  # a Fernet token
    for text in (row.session_data.encode(), raw):
        assert b"naaste" not in text


def test_forgetting_removes_the_answers_from_redis_too(client, redis_sessions):
    client.post(STEP, {"voor-wie": "naaste"})
    key = client.cookies["sessionid"].value
    assert redis_sessions.get(KEY_PREFIX + key)

    assert client.post(FORGET).status_code == 302

    assert redis_sessions.get(KEY_PREFIX + key) is None
    assert not Session.objects.filter(session_key=key).exists()
    assert 'checked' not in client.get(STEP).content.decode()
