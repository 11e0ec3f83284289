"""How often requests may be sent: per visitor address and per residence, counted in Django's
cache (config/ratelimit.py's fixed windows; addresses are hashed before they become keys).

A professional sending on clients' behalf is counted per account instead of per address
(ENQUIRY_LIMIT_PER_PROFESSIONAL): colleagues share an office's address, and one professional
asks for many clients. The per-residence limit holds for everyone."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from config import ratelimit


def address_limit() -> ratelimit.Limit:
    requests, seconds = settings.ENQUIRY_LIMIT_PER_ADDRESS
    return ratelimit.Limit("enquiries:address", requests, seconds)


def counted(name: str, seconds: int, now: float) -> int:
    """Count one hit in this fixed window of `seconds`; returns the hits so far."""
    key = f"enquiries:{name}:{int(now // seconds)}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def window_left(seconds: int, now: float) -> int:
    return max(1, int(seconds - now % seconds))


def wait_seconds(request, residence_ids, *, professional_id: int | None = None) -> int:
    """Count one send; 0 when it is allowed, else how long the sender should wait.

    professional_id: the sending professional's account, counted instead of the address."""
    now = time.time()
    if professional_id is None:
        limit = address_limit()
        if ratelimit.hit(request, limit, now) > limit.requests:
            return ratelimit.retry_after(limit, now)
    else:
        requests, seconds = settings.ENQUIRY_LIMIT_PER_PROFESSIONAL
        if counted(f"professional:{professional_id}", seconds, now) > requests:
            return window_left(seconds, now)
    requests, seconds = settings.ENQUIRY_LIMIT_PER_RESIDENCE
    for residence_id in residence_ids:
        if counted(f"residence:{residence_id}", seconds, now) > requests:
            return window_left(seconds, now)
    return 0
