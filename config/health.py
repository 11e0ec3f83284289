"""/healthz: is this web process able to serve?

The database decides the status code: without it nothing works (503). The search backend is
reported separately and never turns the answer into 503, because search falls back to the
database backend when Elasticsearch is away; a load balancer should keep sending visitors.
Both checks are the cheapest each system offers, so the endpoint can be polled every few seconds.

The public answer says only statuses and timings: index names, document counts, versions and
error texts help an attacker more than a load balancer. Staff (logged in) and requests made on
this host itself (the container's healthcheck, an operator's curl) see the details.
"""

from __future__ import annotations

import importlib
import ipaddress
import logging
import time

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

SEARCH_STATUSES = {"ok", "degraded", "error"}
# What anyone may see of a check; the rest ("detail") is for staff and this host.
PUBLIC_FIELDS = ("status", "backend", "latency_ms")


def _milliseconds_since(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 1)


def database_health() -> dict:
    start = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any driver error means the same thing here: not available
        logger.warning("Health check: database unavailable (%s)", type(error).__name__)
        return {"status": "error", "latency_ms": _milliseconds_since(start)}
    return {"status": "ok", "latency_ms": _milliseconds_since(start)}


def search_health() -> dict | None:
    """The search backend's own report, or None while the backend offers no health()."""
    try:
        backends = importlib.import_module("search.backends")
    except ImportError:
        return None
    get_backend = getattr(backends, "get_backend", None)
    if get_backend is None:
        return None
    start = time.perf_counter()
    try:
        backend = get_backend()
        if not hasattr(backend, "health"):
            return None
        report = dict(backend.health())
    except Exception as error:  # a broken backend is a finding, not a crash of the health check
        logger.warning("Health check: search backend failed (%s)", type(error).__name__)
        return {
            "status": "error",
            "backend": getattr(settings, "SEARCH_BACKEND", ""),
            "latency_ms": _milliseconds_since(start),
        }
    if report.get("status") not in SEARCH_STATUSES:
        report["status"] = "error"
    report.setdefault("backend", getattr(backend, "name", type(backend).__name__))
    # Backends may time their own probe as "ms"; the endpoint says latency_ms for every check.
    report["latency_ms"] = report.pop("ms", None) or _milliseconds_since(start)
    return report


def shows_details(request: HttpRequest) -> bool:
    """Staff, or a request from this host that no proxy forwarded."""
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff:
        return True
    if "HTTP_X_FORWARDED_FOR" in request.META or "HTTP_FORWARDED" in request.META:
        return False
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def public_report(report: dict) -> dict:
    return {key: report[key] for key in PUBLIC_FIELDS if key in report}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_health()
    checks = {"database": database}
    search = search_health()
    if search is not None:
        checks["search"] = search if shows_details(request) else public_report(search)
    healthy = database["status"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )
