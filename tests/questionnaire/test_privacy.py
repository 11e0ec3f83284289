"""Answers are health data: after a whole journey they are in no log, no table, no URL.

The only exception by design is the results URL, which carries the search as codes (the four
digits of a postcode, code-list codes), never the visitor's own words or full postcode.
"""

import json
import logging
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse

from questionnaire import storage

# Values only these answers produce; none of them may be stored or logged in readable form.
NEEDLES = [
    "3011 AB",
    "3011",
    "Rotterdam Centrum",
    "VV05",
    "nacht-wakend",
    "eigen-kamer",
    "3-maanden",
]
NEEDLE_PATTERNS = [re.compile(rf"(?<!\d){re.escape(needle)}(?!\d)") for needle in NEEDLES]


def every_row_as_text() -> dict[str, str]:
    text = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            text[table] = "\n".join(repr(row) for row in cursor.fetchall())
    return text


@pytest.fixture
def journey(visitor, client, caplog):
    caplog.set_level(logging.DEBUG)
    for name in list(logging.root.manager.loggerDict):
        logging.getLogger(name).setLevel(logging.DEBUG)
    connection.force_debug_cursor = True  # log every SQL statement with its parameters
    urls = []
    try:
        visitor.complete()
        urls += [step_url for step_url in _step_urls(client)]
        for name in ("check", "summary", "save", "start"):
            response = client.get(reverse(f"questionnaire:{name}"))
            urls += re.findall(r'href="([^"]+)"', response.content.decode())
        client.post(reverse("questionnaire:save"))
        results = client.post(reverse("questionnaire:check"))["Location"]
    finally:
        connection.force_debug_cursor = False
    return {"urls": urls, "results": results, "logs": caplog.text}


def _step_urls(client):
    html = client.get(reverse("questionnaire:check")).content.decode()
    return re.findall(r'href="(/vragenlijst/[^"]+)"', html)


def test_no_answer_in_any_log_line(journey):
    assert "SELECT" in journey["logs"] or "INSERT" in journey["logs"]  # logging did capture
    # Digits count as a whole number only: "3011" inside a timestamp such as 18:06:18.123011 is
    # not an answer.
    for needle, pattern in zip(NEEDLES, NEEDLE_PATTERNS, strict=True):
        assert not pattern.search(journey["logs"]), needle


def test_no_answer_in_any_database_table(journey):
    for table, text in every_row_as_text().items():
        for needle, pattern in zip(NEEDLES, NEEDLE_PATTERNS, strict=True):
            assert not pattern.search(text), (table, needle)


def test_session_row_holds_only_ciphertext(journey, client):
    session = Session.objects.get(session_key=client.session.session_key)
    decoded = json.dumps(session.get_decoded())
    assert session.get_decoded()[storage.SESSION_KEY].startswith("gAAAAA")  # a Fernet token
    for needle in NEEDLES:
        assert needle not in decoded, needle
        assert needle not in session.session_data


def test_no_answer_in_urls_other_than_the_results(journey):
    assert journey["urls"]
    for url in journey["urls"]:
        if url.startswith(reverse("search:results")):
            continue  # the results URL: codes only, checked below
        for needle in NEEDLES:
            assert needle not in url, (url, needle)


def test_results_url_carries_codes_and_only_the_four_digits_of_the_postcode(journey):
    results = journey["results"]
    assert "plaats=3011&" in results
    assert "3011+AB" not in results and "3011%20AB" not in results
    assert "Centrum" not in results


def test_opted_in_demand_signal_stores_codes_municipality_and_week_only(visitor, client):
    from questionnaire.models import DemandSignal

    visitor.complete()
    client.post(reverse("questionnaire:check"), {"meetellen": "ja"})
    signal = DemandSignal.objects.get()
    assert signal.municipality == "Rotterdam"
    assert re.fullmatch(r"\d{4}-W\d{2}", signal.year_week)
    assert "facilities:eigen-kamer" in signal.musts
    row = every_row_as_text()["questionnaire_demandsignal"]
    for needle in ["3011", "Centrum", client.session.session_key]:
        assert needle not in row
    field_names = {field.name for field in DemandSignal._meta.get_fields()}
    assert field_names == {"id", "year_week", "municipality", "musts", "wishes", "match_count"}


def test_without_opt_in_nothing_is_counted(visitor, client):
    from questionnaire.models import DemandSignal

    visitor.complete()
    client.post(reverse("questionnaire:check"))
    assert not DemandSignal.objects.exists()
