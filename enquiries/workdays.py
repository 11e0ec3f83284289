"""Working days, for "not picked up within five working days". Weekends do not count; public
holidays do (a provider's intake is closed then, but a family waits all the same)."""

from __future__ import annotations

from datetime import date, timedelta

PICKUP_WORKING_DAYS = 5


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`."""
    if end <= start:
        return 0
    days = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days += 1
    return days
