"""A fixed-window request limit per client, kept in the Django cache.

Search and questionnaire saves are cheap to ask for and dear to answer, so one client may only
ask so often. The window is fixed (counts reset at each window boundary): simple, one cache
round trip per request, and good enough to stop a script hammering the site. With several
gunicorn workers or hosts the cache must be shared (Redis via REDIS_URL) for the limit to hold
across them; with the local-memory cache each worker counts on its own.

The client address is hashed before it becomes part of a cache key, so the cache never holds
visitors' IP addresses in clear.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    prefix: str
    requests: int
    seconds: int


def configured_limits() -> list[Limit]:
    """The limits from settings.RATE_LIMITS, longest prefix first so the most specific wins."""
    limits = [
        Limit(prefix, int(requests), int(seconds))
        for prefix, (requests, seconds) in getattr(settings, "RATE_LIMITS", {}).items()
    ]
    return sorted(limits, key=lambda limit: len(limit.prefix), reverse=True)


def _without_language_prefix(path: str) -> str:
    # Should pages ever move under i18n_patterns (/en/zoeken/), the limit still applies.
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def limit_for_path(path: str) -> Limit | None:
    path = _without_language_prefix(path)
    for limit in configured_limits():
        if path.startswith(limit.prefix):
            return limit
    return None


def client_ip(request: HttpRequest) -> str:
    """The visitor's address: REMOTE_ADDR, or the trusted proxy's header when one is configured.

    A forwarding header is only believed when settings say a proxy we run sets it; otherwise any
    visitor could pick a fresh address per request and escape every limit. The right-most entry
    is the one our own proxy appended, so that is the one we take.
    """
    header = getattr(settings, "TRUSTED_PROXY_IP_HEADER", "")
    if header:
        forwarded = request.META.get(header, "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _client_key(request: HttpRequest, limit: Limit, now: float) -> str:
    window = int(now // limit.seconds)
    digest = hashlib.blake2b(
        client_ip(request).encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=12
    ).hexdigest()
    return f"ratelimit:{limit.prefix}:{digest}:{window}"


def hit(request: HttpRequest, limit: Limit, now: float | None = None) -> int:
    """Count this request in the client's current window and return the count so far."""
    now = time.time() if now is None else now
    return count(_client_key(request, limit, now), limit)


def count(key: str, limit: Limit) -> int:
    """Count one hit under `key` (which names the current window) and return the count so far."""
    # add() is atomic on every cache backend: it only sets the key when it is missing.
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this request opens a new window.
        cache.set(key, 1, timeout=limit.seconds + 1)
        return 1


def retry_after(limit: Limit, now: float | None = None) -> int:
    now = time.time() if now is None else now
    return max(1, int(limit.seconds - (now % limit.seconds)))


def too_many_requests(request: HttpRequest, *, wait_seconds: int, reason: str) -> HttpResponse:
    response = render(
        request,
        "429.html",
        {"reason": reason, "wait_minutes": max(1, -(-wait_seconds // 60))},
        status=429,
    )
    response["Retry-After"] = str(wait_seconds)
    response["Cache-Control"] = "no-store"
    return response


def axes_lockout_response(request, original_response=None, credentials=None) -> HttpResponse:
    """django-axes calls this when an admin login is locked out: the same Dutch 429 page."""
    cool_off_hours = getattr(settings, "AXES_COOLOFF_TIME", 1) or 1
    return too_many_requests(request, wait_seconds=int(cool_off_hours * 3600), reason="login")


def axes_client_string(username, ip_address, user_agent, path_info, request) -> str:
    """What axes writes in its log lines: a short pseudonym instead of username and address."""
    material = f"{username}|{ip_address}".encode()
    digest = hashlib.blake2b(
        material, key=settings.SECRET_KEY.encode()[:64], digest_size=6
    ).hexdigest()
    return f"client {digest}"
