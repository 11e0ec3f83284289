"""Structured logs without personal data: no query strings, addresses or request objects."""

import io
import json
import logging
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger as GunicornLogger

from config.logging import JsonFormatter, gunicorn_logging, production_logging

WISHES = "zorgprofiel=VV05&wens=dementie&plaats=Schiedam"


def formatted(records) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in records]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/zoeken/bestaat-niet/", "/vragenlijst/bestaat-niet/"])
def test_a_not_found_search_or_questionnaire_url_is_logged_without_its_query_string(
    client, caplog, path
):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"{path}?{WISHES}")
    assert response.status_code == 404
    entries = formatted(record for record in caplog.records if record.name == "django.request")
    assert entries, "Django logs every 404"
    line = json.dumps(entries)
    assert path in line
    assert "dementie" not in line and "VV05" not in line and "Schiedam" not in line
    assert entries[0]["status"] == 404 and entries[0]["method"] == "GET"


def test_a_query_string_inside_any_message_is_cut_out():
    record = logging.LogRecord(
        "residences", logging.INFO, __file__, 1, "Redirecting %s", (f"/zoeken/?{WISHES}",), None
    )
    entry = formatted([record])[0]
    assert entry["message"] == "Redirecting /zoeken/?[weggelaten]"
    assert set(entry) >= {"time", "level", "logger", "message"}


def test_request_objects_and_identity_extras_are_never_serialised(rf):
    request = rf.get(f"/zoeken/?{WISHES}", REMOTE_ADDR="203.0.113.7")
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Boom", (), None)
    record.request = request
    record.username = "editor@example.nl"
    record.ip_address = "203.0.113.7"
    record.page_id = 42
    entry = formatted([record])[0]
    assert entry["path"] == "/zoeken/"
    assert entry["page_id"] == 42
    line = json.dumps(entry)
    assert "203.0.113.7" not in line and "editor@example.nl" not in line and "VV05" not in line


def test_exceptions_are_one_json_line_with_the_traceback_inside():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.LogRecord(
            "search", logging.ERROR, __file__, 1, "Failed", (), exc_info=sys.exc_info()
        )
    text = JsonFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: kapot" in json.loads(text)["exception"]


def test_gunicorn_access_lines_keep_method_path_status_and_duration_only():
    config = Config()
    config.set("accesslog", "-")
    config.set("logconfig_dict", gunicorn_logging())
    logger = GunicornLogger(config)
    stream = io.StringIO()
    for handler in logger.access_log.handlers:
        handler.setStream(stream)
    response = SimpleNamespace(status="200 OK", sent=5120, headers=[("Content-Type", "text/html")])
    request = SimpleNamespace(headers=[("COOKIE", "sessionid=geheim"), ("USER-AGENT", "Firefox")])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/zoeken/?{WISHES}",
        "PATH_INFO": "/zoeken/",
        "QUERY_STRING": WISHES,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "HTTP_REFERER": f"https://woonvinder.nl/vragenlijst/?{WISHES}",
        "HTTP_USER_AGENT": "Firefox",
    }
    logger.access(response, request, environ, timedelta(milliseconds=37))
    entry = json.loads(stream.getvalue().strip())
    assert entry["logger"] == "gunicorn.access"
    assert {key: entry[key] for key in ("method", "path", "status", "bytes", "duration_ms")} == {
        "method": "GET",
        "path": "/zoeken/",
        "status": 200,
        "bytes": 5120,
        "duration_ms": 37,
    }
    for private in ("dementie", "203.0.113.7", "Firefox", "geheim", "woonvinder.nl"):
        assert private not in stream.getvalue()


def test_production_logging_formats_every_line_as_json():
    configuration = production_logging()
    assert configuration["handlers"]["console"]["formatter"] == "json"
    assert configuration["formatters"]["json"]["()"] == "config.logging.JsonFormatter"
    assert configuration["loggers"]["django.server"] == {"handlers": [], "propagate": False}
