"""How often requests may be sent: per visitor address and per residence, counted in Django's
cache (config/ratelimit.py's fixed windows; addresses are hashed before they become keys)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from config import ratelimit


def address_limit() -> ratelimit.Limit:
    requests, seconds = settings.ENQUIRY_LIMIT_PER_ADDRESS
    return ratelimit.Limit("enquiries:address", requests, seconds)


def residence_hit(residence_id: int, seconds: int, now: float) -> int:
    key = f"enquiries:residence:{residence_id}:{int(now // seconds)}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def wait_seconds(request, residence_ids) -> int:
    """Count one send; 0 when it is allowed, else how long the visitor should wait."""
    now = time.time()
    limit = address_limit()
    if ratelimit.hit(request, limit, now) > limit.requests:
        return ratelimit.retry_after(limit, now)
    requests, seconds = settings.ENQUIRY_LIMIT_PER_RESIDENCE
    for residence_id in residence_ids:
        if residence_hit(residence_id, seconds, now) > requests:
            return max(1, int(seconds - now % seconds))
    return 0
