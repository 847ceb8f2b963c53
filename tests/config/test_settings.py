"""Production settings pass Django's deployment checks; secure defaults hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, settings: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, **env}
    environment.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="lantern.config.settings.production",
        LANTERN_SECRET_KEY="k" * 20 + "Zq9-production-secret-for-the-check-only-x7",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _manage("check", settings="lantern.config.settings.production", LANTERN_SECRET_KEY="")
    assert result.returncode != 0
    assert "LANTERN_SECRET_KEY" in result.stderr


def test_base_settings_are_secure_by_default() -> None:
    from lantern.config.settings import base

    assert base.DEBUG is False
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert base.SESSION_COOKIE_HTTPONLY and base.CSRF_COOKIE_HTTPONLY
    assert base.SECURE_HSTS_SECONDS >= 31_536_000
    assert base.LANTERN_SESSION_IDLE_MINUTES == 15
    assert base.CONTENT_SECURITY_POLICY["DIRECTIVES"]["default-src"] == ["'none'"]


@pytest.mark.django_db
def test_responses_carry_a_strict_content_security_policy(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/account/sign-in/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_argon2_hashes_passwords() -> None:
    from django.contrib.auth.hashers import Argon2PasswordHasher

    encoded = Argon2PasswordHasher().encode("a long enough password", "saltsaltsalt")
    assert encoded.startswith("argon2$argon2id$")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    result = _manage(
        "shell",
        "-v",
        "0",
        "-c",
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0], "
        "c.execute('PRAGMA foreign_keys').fetchone()[0])",
        settings="lantern.config.settings.demo",
        LANTERN_DATA_DIR=str(tmp_path),
    )
    assert result.stdout.split() == ["wal", "1"], result.stderr
