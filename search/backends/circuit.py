"""A small circuit breaker: stop calling an engine that keeps failing, try again later.

Process-local and thread-safe. After `failures` consecutive failures the circuit opens for
`reset_seconds`; then one trial call is let through (half-open). Success closes it again; a
failure opens it for another `reset_seconds`. Callers must end every trial they claim with
record_success, record_failure or release_trial, whatever the call raised.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class CircuitBreaker:
    def __init__(
        self,
        failures: int = 3,
        reset_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.failure_threshold = max(1, int(failures))
        self.reset_seconds = float(reset_seconds)
        self._clock = clock
        self._lock = threading.Lock()
        self._consecutive_failures = 0
        self._opened_at: float | None = None
        self._trial_running = False

    @property
    def is_open(self) -> bool:
        """True while calls should not be attempted at all."""
        with self._lock:
            return not self._may_call()

    def allow(self) -> bool:
        """Whether a call may go ahead now; claims the single half-open trial if it is due."""
        with self._lock:
            if not self._may_call():
                return False
            if self._opened_at is not None:
                self._trial_running = True
            return True

    def record_success(self) -> None:
        with self._lock:
            self._consecutive_failures = 0
            self._opened_at = None
            self._trial_running = False

    def record_failure(self) -> None:
        with self._lock:
            self._consecutive_failures += 1
            self._trial_running = False
            if self._opened_at is not None or (
                self._consecutive_failures >= self.failure_threshold
            ):
                self._opened_at = self._clock()

    def release_trial(self) -> None:
        """End a half-open trial without a verdict (the call was interrupted)."""
        with self._lock:
            self._trial_running = False

    def _may_call(self) -> bool:
        if self._opened_at is None:
            return True
        if self._trial_running:
            return False
        return self._clock() - self._opened_at >= self.reset_seconds
