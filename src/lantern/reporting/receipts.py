"""Receipts: the only thing that connects a reporter to a report.

A receipt is 24 characters of Crockford base32 (no I, L, O or U; case and
hyphens ignored), shown once in six groups of four. The first 8 characters
(40 bits) are a public lookup id, so a receipt check reads one row instead of
trying every hash; the other 16 characters (80 bits) are the secret.

The secret is never stored. Argon2id over it, with a random 16-byte salt per
report, gives 64 bytes: the first 32 are stored as the verifier, the last 32 are
the key that wraps the report's data key for the reporter (so reading replies
needs the receipt, and an offline guess costs a full Argon2id run).

A check against a lookup id that does not exist runs Argon2id all the same, on
a random salt, so the work is the same whether or not the report exists; the
view then pads every receipt check to a fixed least time (see ``views``).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from django.conf import settings

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
LOOKUP_CHARS = 8
SECRET_CHARS = 16
GROUP = 4
SALT_BYTES = 16
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


@dataclass(frozen=True)
class Receipt:
    lookup: str
    secret: str

    def __str__(self) -> str:
        text = self.lookup + self.secret
        return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


@dataclass(frozen=True)
class ReceiptHash:
    salt: bytes
    params: dict[str, int]
    verifier: bytes
    reporter_key: bytes


def receipt_new() -> Receipt:
    pick = secrets.choice
    return Receipt(
        lookup="".join(pick(ALPHABET) for _ in range(LOOKUP_CHARS)),
        secret="".join(pick(ALPHABET) for _ in range(SECRET_CHARS)),
    )


def receipt_parse(text: str) -> Receipt | None:
    """A typed receipt, forgiving case, spaces, hyphens and O/0, I/L/1; None if malformed."""
    cleaned = "".join(c for c in text.upper() if c.isalnum()).translate(_CONFUSABLE)
    if len(cleaned) != LOOKUP_CHARS + SECRET_CHARS or any(c not in ALPHABET for c in cleaned):
        return None
    return Receipt(lookup=cleaned[:LOOKUP_CHARS], secret=cleaned[LOOKUP_CHARS:])


def current_params() -> dict[str, int]:
    configured: dict[str, Any] = settings.LANTERN_REPORTING_RECEIPT_ARGON2
    return {k: int(configured[k]) for k in ("time_cost", "memory_cost", "parallelism")}


def _argon2(secret: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(
        secret.encode("ascii"),
        salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=64,
        type=Type.ID,
    )


def receipt_hash(receipt: Receipt) -> ReceiptHash:
    salt, params = secrets.token_bytes(SALT_BYTES), current_params()
    out = _argon2(receipt.secret, salt, params)
    return ReceiptHash(salt=salt, params=params, verifier=out[:32], reporter_key=out[32:])


def receipt_check(
    secret: str, *, salt: bytes, params: dict[str, int], verifier: bytes
) -> bytes | None:
    """The reporter's key if ``secret`` matches, else None (compared in constant time)."""
    out = _argon2(secret, bytes(salt), params)
    if hmac.compare_digest(out[:32], bytes(verifier)):
        return out[32:]
    return None


def receipt_check_dummy(secret: str) -> None:
    """The same Argon2id work as a real check, for a lookup id that matches nothing."""
    out = _argon2(secret or "0" * SECRET_CHARS, secrets.token_bytes(SALT_BYTES), current_params())
    hmac.compare_digest(out[:32], secrets.token_bytes(32))
