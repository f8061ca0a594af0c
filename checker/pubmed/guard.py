"""The gate every network attempt passes: pacing, the run's time budget, and fail-fast.

One ``Guard`` is shared by the whole client (threads included), so retries and parallel
callers together still respect NCBI's rate limit. After the first connection failure it stays
shut: an offline machine pays one connect timeout, then everything is answered from the cache.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from .errors import Unreachable

# Measured on the client, a window slightly over one second keeps the *server's* count per
# second within the limit despite network jitter.
_WINDOW = 1.1
OUT_OF_TIME = "time budget exhausted"

logger = logging.getLogger(__name__)


class RateLimiter:
    """Sliding window: ``per_second`` starts per second, counted over a ``_WINDOW``-long second."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limit = max(1, int(per_second))
        self._window = _WINDOW * self._limit / per_second
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def wait(self, latest: float) -> bool:
        """Block until a request may start; False (at once) if that would be after ``latest``."""
        with self._lock:
            now = self._clock()
            while True:
                while self._starts and now - self._starts[0] >= self._window:
                    self._starts.popleft()
                if len(self._starts) < self._limit:
                    self._starts.append(now)
                    return True
                ready = self._starts[0] + self._window
                if ready > latest:
                    return False
                self._sleep(ready - now)
                now = self._clock()


class Guard:
    """Admits network attempts while the client is online and within its time budget."""

    def __init__(
        self,
        per_second: float,
        budget: float,
        *,
        offline: bool = False,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._limiter = RateLimiter(per_second, clock, sleep)
        self._budget = budget
        self._clock = clock
        self._sleep = sleep
        self._deadline: float | None = None
        self._shut: str | None = "offline mode: not in the cache" if offline else None
        self._lock = threading.Lock()

    def admit(self) -> None:
        """Wait for a rate-limit slot, or raise ``Unreachable`` if no request may be sent."""
        with self._lock:
            if self._shut:
                raise Unreachable(self._shut)
            if self._deadline is None:
                self._deadline = self._clock() + self._budget
            deadline = self._deadline
        if self._clock() >= deadline or not self._limiter.wait(deadline):
            raise self._out_of_time()

    def pause(self, seconds: float) -> None:
        """Sleep before a retry, unless that would overrun the budget; then admit again."""
        if seconds >= self.remaining():
            raise self._out_of_time()
        self._sleep(seconds)
        self.admit()

    def remaining(self) -> float:
        """Seconds of budget left (all of it before the first request)."""
        if self._deadline is None:
            return self._budget
        return self._deadline - self._clock()

    def clamp(self, timeout: tuple[float, float]) -> tuple[float, float]:
        """Connect/read timeouts cut down so that no request outlives the budget."""
        left = max(self.remaining(), 0.001)
        return (min(timeout[0], left), min(timeout[1], left))

    def shut(self, reason: str) -> None:
        """Send nothing more this run; later lookups are answered from the cache only."""
        with self._lock:
            if self._shut is None:
                self._shut = reason
                logger.warning("%s: using only the cache for the rest of this run", reason)

    def _out_of_time(self) -> Unreachable:
        self.shut(OUT_OF_TIME)
        return Unreachable(OUT_OF_TIME)
