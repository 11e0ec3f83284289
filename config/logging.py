"""One JSON object per log line, without personal data.

Query strings of search and questionnaire URLs describe a person's care needs, so they never
reach a log: Django's own request loggers log request.path (no query string), and this formatter
also cuts anything that looks like a query string out of messages written by other code.
Request objects that loggers attach (django.request passes `request=`) are never serialised.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# "?a=b", "?a=b&c=d": a query string inside a message, up to the next space or quote.
QUERY_STRING = re.compile(r"\?[^\s\"']*=[^\s\"']*")

# Attributes every LogRecord has; anything else came in through `extra=`.
STANDARD_ATTRIBUTES = frozenset(
    logging.LogRecord("", 0, "", 0, "", (), None).__dict__.keys()
    | {"message", "asctime", "taskName"}
)

# Extras that may carry personal data or are too large for a log line.
NEVER_LOGGED = frozenset({"request", "server_time", "user", "username", "ip_address"})


def scrub(text: str) -> str:
    return QUERY_STRING.sub("?[weggelaten]", text)


def _plain(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return scrub(value) if isinstance(value, str) else value
    return scrub(str(value))


def access_fields(record: logging.LogRecord) -> dict | None:
    """The fields of a gunicorn access line we keep: no address, query, referrer or user agent."""
    if record.name != "gunicorn.access" or not hasattr(record.args, "get"):
        return None
    atoms = record.args
    return {
        "message": f"{atoms.get('m')} {atoms.get('U')} {atoms.get('s')}",
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "status": _integer(atoms.get("s")),
        "bytes": _integer(atoms.get("B")),
        "duration_ms": _integer(atoms.get("M")),
    }


def _integer(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class JsonFormatter(logging.Formatter):
    """Formats a record as a single-line JSON object."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        access = access_fields(record)
        if access is not None:
            entry.update(access)
            return json.dumps(entry, ensure_ascii=False, default=str)
        entry["message"] = scrub(record.getMessage()).rstrip()
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status"] = status_code
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            entry["method"] = request.method
            entry["path"] = request.path
        for key, value in record.__dict__.items():
            if key in STANDARD_ATTRIBUTES or key in NEVER_LOGGED or key in entry:
                continue
            entry[key] = _plain(value)
        if record.exc_info:
            entry["exception"] = scrub(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


class DropTemplateContext(logging.Filter):
    """Keeps rendered answers out of Django's template debug log.

    At DEBUG level, django.template logs every failed variable lookup with the exception, and
    the exception's text is the whole template context: on the questionnaire's check page and
    "Mijn wensen" page that is the visitor's answers in plain text. The message itself (variable
    and template name) is harmless, so it stays and the exception goes.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info or record.exc_text:
            record.exc_info = None
            record.exc_text = None
        return True


# For every LOGGING setting: the filter above on the template logger.
TEMPLATE_FILTERS = {"drop_template_context": {"()": "config.logging.DropTemplateContext"}}
TEMPLATE_LOGGER = {"filters": ["drop_template_context"]}


def production_logging(level: str = "INFO") -> dict:
    """The LOGGING setting for production: JSON on standard error, which the container collects."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
        "filters": TEMPLATE_FILTERS,
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.template": TEMPLATE_LOGGER,
            # runserver's request lines carry query strings; gunicorn's access log has its own
            # format without them (docker/gunicorn.conf.py).
            "django.server": {"handlers": [], "propagate": False},
            "django.db.backends": {"level": "WARNING"},
        },
    }


def gunicorn_logging(level: str = "INFO") -> dict:
    """gunicorn's logconfig_dict: its error and access logs in the same JSON shape."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
