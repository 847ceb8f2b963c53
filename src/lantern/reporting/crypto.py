"""Encryption at rest for the reporting line: a data key per report, wrapped twice.

Each report has its own random 256-bit data key. Everything the reporter or a
handler writes (the report, messages, attachments and their names) is sealed
with it by AES-256-GCM, with the row it belongs to as associated data, so a
ciphertext moved to another row or another report fails to open.

The data key itself is stored only wrapped:

* by the **line key** from configuration (``LANTERN_REPORTING_KEY``), which
  handlers' pages use when a handler opens a report (audited);
* by a key derived from the reporter's **receipt** (see ``receipts``), so the
  reporter can read the replies with the receipt and nothing else.

Contact details get a data key of their own, wrapped by the line key only.
Wrapped keys name the line key that wrapped them (the first 4 bytes of its
SHA-256), so the key can be rotated: the new key wraps new reports and the old
ones, listed in ``LANTERN_REPORTING_OLD_KEYS``, still unwrap older reports.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import UserSettingsHolder, settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32

# Only these settings modules may run without a configured line key. The demo
# key is public (it is in this file): it protects nothing and exists so that the
# demo and the tests work out of the box.
DEMO_SETTINGS_MODULES = frozenset({"lantern.config.settings.demo", "lantern.config.settings.test"})
DEMO_LINE_KEY = hashlib.sha256(b"lantern demo reporting-line key - not secret").digest()


class DecryptionFailed(Exception):
    """A ciphertext did not open: wrong key, wrong row, or tampered with."""


class LineKeyMissing(ImproperlyConfigured):
    """The reporting line has no key configured, so it is off."""


def _decode_key(raw: str) -> bytes:
    text = raw.strip()
    try:
        key = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ImproperlyConfigured("LANTERN_REPORTING_KEY is not valid base64.") from exc
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured("LANTERN_REPORTING_KEY must be 32 random bytes in base64.")
    return key


def _key_id(key: bytes) -> bytes:
    return hashlib.sha256(key).digest()[:4]


def line_key_configured() -> bool:
    """Whether the line can take reports: a key is set, or this is the demo or a test."""
    return bool(settings.LANTERN_REPORTING_KEY) or _demo_allowed()


def _settings_module() -> str:
    """The settings module that was loaded (seen through any test-time overrides)."""
    loaded = getattr(settings, "_wrapped", None)
    while isinstance(loaded, UserSettingsHolder):
        loaded = loaded.default_settings
    return str(getattr(loaded, "SETTINGS_MODULE", "") or "")


def _demo_allowed() -> bool:
    return _settings_module() in DEMO_SETTINGS_MODULES


def _current_line_key() -> bytes:
    configured = settings.LANTERN_REPORTING_KEY
    if configured:
        return _decode_key(configured)
    if _demo_allowed():
        return DEMO_LINE_KEY
    raise LineKeyMissing("The reporting line is off: set LANTERN_REPORTING_KEY.")


def _line_keys() -> dict[bytes, bytes]:
    keys = [_current_line_key()]
    keys += [_decode_key(k) for k in settings.LANTERN_REPORTING_OLD_KEYS]
    return {_key_id(k): k for k in keys}


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def seal(key: bytes, plaintext: bytes, *, context: str) -> bytes:
    """AES-256-GCM: version, nonce, ciphertext and tag; ``context`` is bound as associated data."""
    nonce = secrets.token_bytes(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, context.encode())


def unseal(key: bytes, sealed: bytes, *, context: str) -> bytes:
    if not sealed or sealed[:1] != VERSION:
        raise DecryptionFailed("unknown ciphertext version")
    nonce, body = sealed[1 : 1 + NONCE_BYTES], sealed[1 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, context.encode())
    except InvalidTag as exc:
        raise DecryptionFailed("ciphertext did not authenticate") from exc


def wrap_for_line(data_key: bytes, *, context: str) -> bytes:
    """The data key sealed by the current line key, prefixed with that key's id."""
    line_key = _current_line_key()
    return _key_id(line_key) + seal(line_key, data_key, context=f"wrap:{context}")


def unwrap_for_line(wrapped: bytes, *, context: str) -> bytes:
    key = _line_keys().get(bytes(wrapped[:4]))
    if key is None:
        raise DecryptionFailed("wrapped by a line key that is not configured")
    return unseal(key, bytes(wrapped[4:]), context=f"wrap:{context}")


def wrap_with(kek: bytes, data_key: bytes, *, context: str) -> bytes:
    return seal(kek, data_key, context=f"wrap:{context}")


def unwrap_with(kek: bytes, wrapped: bytes, *, context: str) -> bytes:
    return unseal(kek, bytes(wrapped), context=f"wrap:{context}")


@dataclass(frozen=True)
class Sealer:
    """Seals and opens the fields of one report with its data key."""

    data_key: bytes
    report_id: str

    def seal_text(self, text: str, *, purpose: str) -> bytes:
        return seal(self.data_key, text.encode("utf-8"), context=f"{self.report_id}:{purpose}")

    def open_text(self, sealed: bytes, *, purpose: str) -> str:
        return self.open_bytes(sealed, purpose=purpose).decode("utf-8")

    def seal_bytes(self, data: bytes, *, purpose: str) -> bytes:
        return seal(self.data_key, data, context=f"{self.report_id}:{purpose}")

    def open_bytes(self, sealed: bytes, *, purpose: str) -> bytes:
        return unseal(self.data_key, bytes(sealed), context=f"{self.report_id}:{purpose}")
