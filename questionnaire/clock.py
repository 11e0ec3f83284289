"""The questionnaire's one source of "now", so tests can travel in time by patching `now`."""

import time


def now() -> float:
    """Seconds since the epoch."""
    return time.time()
