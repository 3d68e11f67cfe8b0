"""Client-side rate limiter: never start more calls than an API's quota allows.

The limiter only computes *when* a call may start (`reserve`); waiting is left
to the caller, so the sync client sleeps and the async client awaits on the
same arithmetic.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import Callable

from bob_emploi.francetravail._config import RateLimit


class RateLimiter:
    """A sliding window of the start times of the last `calls` requests.

    Reserving a slot is O(1) and thread-safe: the slot is the later of "now"
    and "one period after the call `calls` places back", which guarantees at
    most `calls` starts in any window of `period` seconds.
    """

    def __init__(self, limit: RateLimit, clock: Callable[[], float] = time.monotonic) -> None:
        if limit.calls < 1 or limit.period <= 0:
            raise ValueError(f"invalid rate limit {limit}")
        self.limit = limit
        self._clock = clock
        self._starts: deque[float] = deque(maxlen=limit.calls)
        self._lock = threading.Lock()

    def reserve(self) -> float:
        """Book the next free slot and return how many seconds to wait for it."""
        with self._lock:
            now = self._clock()
            slot = now
            if len(self._starts) == self.limit.calls:
                slot = max(now, self._starts[0] + self.limit.period)
            self._starts.append(slot)
            return slot - now

    def acquire(self) -> None:
        delay = self.reserve()
        if delay > 0:
            time.sleep(delay)

    async def acquire_async(self) -> None:
        delay = self.reserve()
        if delay > 0:
            await asyncio.sleep(delay)
