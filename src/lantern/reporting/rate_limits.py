"""Rate limits that never store an address.

Counts live in this process's memory only, under an HMAC of the client address
whose key is random and replaced, with every count, at the start of each window.
Once a window ends nobody (not even this process) can tell which count belonged
to which address, and nothing is written to the database, a file or a log.

Two kinds of limit: per client (slows one sender) and for everyone together
(bounds receipt guessing from many addresses at once, and a flood of reports).
With several processes each keeps its own counts, so the effective limit is the
limit times the number of processes; see docs/reporting-line-security.md.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

from django.conf import settings


@dataclass
class _Window:
    started: float
    key: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    counts: dict[str, int] = field(default_factory=dict)


class RateLimiter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._window = _Window(started=time.monotonic())

    def _current(self) -> _Window:
        now = time.monotonic()
        if now - self._window.started >= settings.LANTERN_REPORTING_RATE_WINDOW_SECONDS:
            self._window = _Window(started=now)  # new key, no counts: the old ones are gone
        return self._window

    def client_key(self, address: str) -> str:
        """A keyed hash of the address, meaningful only within the current window."""
        with self._lock:
            key = self._current().key
        return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()[:32]

    def allow(self, action: str, client: str) -> bool:
        """Count one attempt at ``action``; False once the client or everyone is over the limit."""
        limits = settings.LANTERN_REPORTING_RATE_LIMITS
        with self._lock:
            window = self._current()
            mine, everyone = f"{action}:{client}", f"{action}:*"
            counts = window.counts
            counts[mine] = counts.get(mine, 0) + 1
            counts[everyone] = counts.get(everyone, 0) + 1
            return (
                counts[mine] <= limits[f"{action}_client"]
                and counts[everyone] <= limits[f"{action}_all"]
            )

    def reset(self) -> None:
        with self._lock:
            self._window = _Window(started=time.monotonic())


LIMITER = RateLimiter()
