"""Encryption keys, receipts and the in-memory rate limits."""

from __future__ import annotations

import base64
import os
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured

from lantern.reporting import crypto
from lantern.reporting.rate_limits import RateLimiter
from lantern.reporting.receipts import (
    ALPHABET,
    receipt_check,
    receipt_hash,
    receipt_new,
    receipt_parse,
)


def _key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def test_sealed_text_opens_only_in_its_own_row() -> None:
    sealer = crypto.Sealer(crypto.new_data_key(), str(uuid.uuid4()))
    sealed = sealer.seal_text("what happened", purpose="message:1")
    assert sealer.open_text(sealed, purpose="message:1") == "what happened"
    with pytest.raises(crypto.DecryptionFailed):
        sealer.open_text(sealed, purpose="message:2")
    other = crypto.Sealer(sealer.data_key, str(uuid.uuid4()))
    with pytest.raises(crypto.DecryptionFailed):
        other.open_text(sealed, purpose="message:1")
    tampered = sealed[:-1] + bytes([sealed[-1] ^ 1])
    with pytest.raises(crypto.DecryptionFailed):
        sealer.open_text(tampered, purpose="message:1")


def test_the_line_key_can_be_rotated(settings) -> None:  # type: ignore[no-untyped-def]
    old, new = _key(), _key()
    settings.LANTERN_REPORTING_KEY = old
    data_key = crypto.new_data_key()
    wrapped = crypto.wrap_for_line(data_key, context="report:1")
    settings.LANTERN_REPORTING_KEY, settings.LANTERN_REPORTING_OLD_KEYS = new, (old,)
    assert crypto.unwrap_for_line(wrapped, context="report:1") == data_key
    settings.LANTERN_REPORTING_OLD_KEYS = ()
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unwrap_for_line(wrapped, context="report:1")


def test_a_bad_key_is_refused(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_KEY = base64.b64encode(b"short").decode()
    with pytest.raises(ImproperlyConfigured):
        crypto.wrap_for_line(b"x" * 32, context="c")


def test_the_demo_key_only_for_demo_and_test_settings(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_KEY = None
    assert crypto.line_key_configured()  # the test settings
    monkeypatch.setattr(
        crypto, "DEMO_SETTINGS_MODULES", frozenset({"lantern.config.settings.demo"})
    )
    assert not crypto.line_key_configured()
    with pytest.raises(crypto.LineKeyMissing):
        crypto.wrap_for_line(b"x" * 32, context="c")


def test_receipts_have_80_secret_bits_and_parse_forgivingly() -> None:
    receipt = receipt_new()
    text = str(receipt)
    assert len(text) == 29 and all(c in ALPHABET for c in text.replace("-", ""))
    assert len(receipt.secret) * 5 == 80 and len(receipt.lookup) * 5 == 40
    typed = text.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert receipt_parse(typed) == receipt
    assert receipt_parse("too short") is None
    assert receipt_parse("U" * 24) is None


def test_a_receipt_hash_verifies_only_the_right_secret() -> None:
    receipt = receipt_new()
    hashed = receipt_hash(receipt)
    assert receipt.secret.encode() not in hashed.verifier + hashed.salt
    key = receipt_check(
        receipt.secret, salt=hashed.salt, params=hashed.params, verifier=hashed.verifier
    )
    assert key == hashed.reporter_key
    wrong = ("2" if receipt.secret[0] != "2" else "3") + receipt.secret[1:]
    assert (
        receipt_check(wrong, salt=hashed.salt, params=hashed.params, verifier=hashed.verifier)
        is None
    )


def test_rate_limits_count_per_client_and_for_everyone(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_RATE_LIMITS = {"receipt_client": 2, "receipt_all": 3}
    limiter = RateLimiter()
    a, b = limiter.client_key("198.51.100.1"), limiter.client_key("198.51.100.2")
    assert "198.51.100" not in a and a != b
    assert limiter.allow("receipt", a) and limiter.allow("receipt", a)
    assert not limiter.allow("receipt", a)
    assert not limiter.allow("receipt", b)  # everyone together is over the limit


def test_rate_limit_keys_change_every_window(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_RATE_WINDOW_SECONDS = 0
    limiter = RateLimiter()
    assert limiter.client_key("198.51.100.1") != limiter.client_key("198.51.100.1")
