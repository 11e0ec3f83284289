"""How often requests may be sent: per visitor address and per residence, counted in Django's
cache (config/ratelimit.py's fixed windows; addresses are hashed before they become keys).

A professional sending on clients' behalf is counted per account instead of per address
(ENQUIRY_LIMIT_PER_PROFESSIONAL): colleagues share an office's address, and one professional
asks for many clients. The per-residence limit holds for everyone."""

from __future__ import annotations

import time

from django.conf import settings

from config import ratelimit


def address_limit() -> ratelimit.Limit:
    requests, seconds = settings.ENQUIRY_LIMIT_PER_ADDRESS
    return ratelimit.Limit("enquiries:address", requests, seconds)


def exceeded(limit: ratelimit.Limit, name: str, now: float) -> bool:
    """Count one hit for `name` (a residence, a professional) in the current window."""
    key = f"{limit.prefix}:{name}:{int(now // limit.seconds)}"
    return ratelimit.count(key, limit) > limit.requests


def wait_seconds(request, residence_ids, *, professional_id: int | None = None) -> int:
    """Count one send; 0 when it is allowed, else how long the sender should wait.

    professional_id: the sending professional's account, counted instead of the address."""
    now = time.time()
    if professional_id is None:
        limit = address_limit()
        if ratelimit.hit(request, limit, now) > limit.requests:
            return ratelimit.retry_after(limit, now)
    else:
        limit = ratelimit.Limit("enquiries:professional", *settings.ENQUIRY_LIMIT_PER_PROFESSIONAL)
        if exceeded(limit, str(professional_id), now):
            return ratelimit.retry_after(limit, now)
    limit = ratelimit.Limit("enquiries:residence", *settings.ENQUIRY_LIMIT_PER_RESIDENCE)
    for residence_id in residence_ids:
        if exceeded(limit, str(residence_id), now):
            return ratelimit.retry_after(limit, now)
    return 0
