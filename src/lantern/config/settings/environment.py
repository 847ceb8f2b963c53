"""The one module that reads the process environment.

Every setting that can come from outside is read here, typed, and handed to
``base``. Nothing else in Lantern calls ``os.environ``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


def _flag(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Environment:
    secret_key: str | None
    database_url: str | None
    allowed_hosts: tuple[str, ...]
    session_idle_minutes: int
    data_dir: str


def read_environment() -> Environment:
    hosts = os.environ.get("LANTERN_ALLOWED_HOSTS", "127.0.0.1,localhost")
    return Environment(
        secret_key=os.environ.get("LANTERN_SECRET_KEY") or None,
        database_url=os.environ.get("DATABASE_URL") or None,
        allowed_hosts=tuple(h.strip() for h in hosts.split(",") if h.strip()),
        session_idle_minutes=int(os.environ.get("LANTERN_SESSION_IDLE_MINUTES", "15")),
        data_dir=os.environ.get("LANTERN_DATA_DIR", "var"),
    )


ENV = read_environment()
SECURE_TRANSPORT = _flag("LANTERN_SECURE_TRANSPORT", True)


# --- Reporting line ---
@dataclass(frozen=True)
class ReportingEnvironment:
    # The key that wraps each report's data key: 32 random bytes, base64 (urlsafe or
    # standard). The line is off until it is set (demo and test settings use a demo key).
    key: str | None
    # Keys retired by a rotation, still able to unwrap older reports (comma separated).
    old_keys: tuple[str, ...]


def read_reporting_environment() -> ReportingEnvironment:
    old = os.environ.get("LANTERN_REPORTING_OLD_KEYS", "")
    return ReportingEnvironment(
        key=os.environ.get("LANTERN_REPORTING_KEY") or None,
        old_keys=tuple(k.strip() for k in old.split(",") if k.strip()),
    )


REPORTING_ENV = read_reporting_environment()


# --- Transfers between forces (lantern.vetting) ---
@dataclass(frozen=True)
class TransferEnvironment:
    force_code: str
    force_name: str
    # Ed25519 private key (32 raw bytes, base64) that signs outgoing packets (export off without).
    signing_key: str | None
    # Trusted forces' public keys: "CODE=base64,CODE=base64".
    trusted_keys: dict[str, str]


def read_transfer_environment() -> TransferEnvironment:
    trusted = {}
    for item in os.environ.get("LANTERN_TRANSFER_TRUSTED_KEYS", "").split(","):
        code, _, key = item.partition("=")
        if code.strip() and key.strip():
            trusted[code.strip()] = key.strip()
    return TransferEnvironment(
        force_code=os.environ.get("LANTERN_FORCE_CODE", "DEMO"),
        force_name=os.environ.get("LANTERN_FORCE_NAME", "Demo Constabulary"),
        signing_key=os.environ.get("LANTERN_TRANSFER_SIGNING_KEY") or None,
        trusted_keys=trusted,
    )
