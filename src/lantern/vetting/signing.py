"""Signing and verifying transfer packets with Ed25519.

A packet is an envelope ``{"document": {...}, "signature": {...}}``. The
signature covers the canonical JSON of the document (sorted keys, no spaces,
UTF-8), so any change to any value breaks it. Keys are configuration
(``LANTERN_TRANSFER_SIGNING_KEY``, ``LANTERN_TRANSFER_TRUSTED_KEYS``); the demo
and test settings fall back to two fixed, published demo forces' keys, so that a
packet can move between "this force" and "a neighbouring force" in the demo.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import UserSettingsHolder, settings

ALGORITHM = "Ed25519"
DEMO_SETTINGS_MODULES = frozenset({"lantern.config.settings.demo", "lantern.config.settings.test"})


@dataclass(frozen=True)
class DemoForce:
    code: str
    name: str
    seed_phrase: bytes

    @property
    def private_key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(self.seed_phrase).digest())


# Published on purpose: demo keys sign nothing real.
DEMO_THIS_FORCE = DemoForce("DEMO", "Demo Constabulary", b"lantern demo force signing key")
DEMO_NEIGHBOUR = DemoForce(
    "NEIGHBOUR", "Neighbouring Demo Police", b"lantern neighbouring demo force signing key"
)


class PacketRefused(Exception):
    """A packet that must not be accepted, with the reason in plain words."""


def canonical(document: dict[str, Any]) -> bytes:
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def demo_allowed() -> bool:
    """Whether the loaded settings module (seen through test overrides) is the demo or tests."""
    loaded = getattr(settings, "_wrapped", None)
    while isinstance(loaded, UserSettingsHolder):
        loaded = loaded.default_settings
    return str(getattr(loaded, "SETTINGS_MODULE", "") or "") in DEMO_SETTINGS_MODULES


def public_key_b64(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return base64.b64encode(raw).decode()


def signing_key() -> Ed25519PrivateKey | None:
    """This force's signing key; None when transfers export is not configured."""
    configured = settings.LANTERN_TRANSFER_SIGNING_KEY
    if configured:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(configured))
    if not demo_allowed():
        return None
    # The demo and tests sign as whichever demo force LANTERN_FORCE_CODE names (this force
    # by default, the neighbour when a second instance runs as it).
    neighbour = DEMO_NEIGHBOUR.code == settings.LANTERN_FORCE_CODE
    return (DEMO_NEIGHBOUR if neighbour else DEMO_THIS_FORCE).private_key


def trusted_keys() -> dict[str, Ed25519PublicKey]:
    keys: dict[str, str] = dict(settings.LANTERN_TRANSFER_TRUSTED_KEYS)
    if not keys and demo_allowed():
        keys = {f.code: public_key_b64(f.private_key) for f in (DEMO_THIS_FORCE, DEMO_NEIGHBOUR)}
    return {
        code: Ed25519PublicKey.from_public_bytes(base64.b64decode(value))
        for code, value in keys.items()
    }


def sign(document: dict[str, Any], key: Ed25519PrivateKey, key_id: str) -> dict[str, Any]:
    signature = base64.b64encode(key.sign(canonical(document))).decode()
    return {
        "document": document,
        "signature": {"algorithm": ALGORITHM, "key_id": key_id, "value": signature},
    }


def verify(envelope: Any) -> dict[str, Any]:
    """The document, if the envelope is well formed and signed by a trusted force's key."""
    if not isinstance(envelope, dict) or set(envelope) != {"document", "signature"}:
        raise PacketRefused("Not a transfer packet: expected exactly 'document' and 'signature'.")
    document, signature = envelope["document"], envelope["signature"]
    if not isinstance(document, dict) or not isinstance(signature, dict):
        raise PacketRefused("Not a transfer packet: 'document' and 'signature' must be objects.")
    if signature.get("algorithm") != ALGORITHM:
        raise PacketRefused(f"Signature algorithm {signature.get('algorithm')!r} is not Ed25519.")
    key_id = signature.get("key_id")
    issuer = document.get("issuing_force", {})
    issuer_code = issuer.get("code") if isinstance(issuer, dict) else None
    if key_id != issuer_code:
        raise PacketRefused("The signing key does not belong to the issuing force named inside.")
    key = trusted_keys().get(str(key_id))
    if key is None:
        raise PacketRefused(f"Force {key_id!r} is not among the trusted forces' keys.")
    try:
        key.verify(
            base64.b64decode(str(signature.get("value", "")), validate=True), canonical(document)
        )
    except (InvalidSignature, ValueError):
        raise PacketRefused(
            "The signature does not match: the packet was altered after signing, "
            "or was not signed by that force."
        ) from None
    return document
