"""Tokens in forms instead of cookies: nothing is stored in the reporter's browser.

* A **form token** is a random nonce signed with a timestamp. Each reporter form
  carries one; a post must bring back a token this site issued in the last
  ``LANTERN_REPORTING_FORM_MAX_AGE_SECONDS`` and not used before (this process
  remembers used nonces until they would have expired anyway). That is the
  line's defence against cross-site posts and replays, and it stops a double
  click sending a report twice. It is bound to nothing about the reporter.
* A **conversation token** lets a reporter who has just opened their report with
  the receipt send a reply without typing the receipt again. It is signed, names
  the report, and expires after ``LANTERN_REPORTING_CONVERSATION_MAX_AGE_SECONDS``.
  It lets its holder add to the report, not read it.
"""

from __future__ import annotations

import secrets
import threading
import time

from django.conf import settings
from django.core import signing

_FORM_SALT = "lantern.reporting.form"
_CONVERSATION_SALT = "lantern.reporting.conversation"


class _UsedNonces:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, float] = {}

    def first_use(self, nonce: str) -> bool:
        now = time.monotonic()
        max_age = settings.LANTERN_REPORTING_FORM_MAX_AGE_SECONDS
        with self._lock:
            if len(self._seen) > 10_000:
                self._seen = {n: t for n, t in self._seen.items() if now - t < max_age}
            if nonce in self._seen:
                return False
            self._seen[nonce] = now
            return True


_USED = _UsedNonces()


def form_token_new() -> str:
    return signing.TimestampSigner(salt=_FORM_SALT).sign(secrets.token_urlsafe(18))


def form_token_valid(token: str) -> bool:
    """Unused, unexpired and issued here. Using it spends it."""
    try:
        nonce = signing.TimestampSigner(salt=_FORM_SALT).unsign(
            token, max_age=settings.LANTERN_REPORTING_FORM_MAX_AGE_SECONDS
        )
    except signing.BadSignature:
        return False
    return _USED.first_use(nonce)


def conversation_token_new(report_id: object) -> str:
    return signing.dumps({"r": str(report_id)}, salt=_CONVERSATION_SALT, compress=False)


def conversation_token_report(token: str) -> str | None:
    try:
        data = signing.loads(
            token,
            salt=_CONVERSATION_SALT,
            max_age=settings.LANTERN_REPORTING_CONVERSATION_MAX_AGE_SECONDS,
        )
    except signing.BadSignature:
        return None
    report_id = data.get("r") if isinstance(data, dict) else None
    return report_id if isinstance(report_id, str) else None
