"""The reporting line on its own host: its own settings and URL map, nothing internal."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "r" * 20 + "Zq9-reporting-host-secret-for-the-test-x7"
SCRIPT = """
from django.test import Client
c = Client()
start = c.get('/')
page = c.get('/report/')
print('start', start.status_code, start['Location'])
print('page', page.status_code, len(page.cookies), '<script' in page.content.decode())
for path in ('/account/sign-in/', '/reporting/', '/partners/', '/audit/', '/api/v1/me'):
    print('internal', path, c.get(path).status_code)
print('new', c.get('/report/new/').status_code)
"""


def _run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "lantern.config.settings.reporting"}
    environment.pop("DATABASE_URL", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_own_host_refuses_to_start_without_its_keys() -> None:
    result = _run("check", LANTERN_SECRET_KEY=SECRET, LANTERN_REPORTING_KEY="")
    assert result.returncode != 0 and "LANTERN_REPORTING_KEY" in result.stderr
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    result = _run("check", LANTERN_SECRET_KEY="", LANTERN_REPORTING_KEY=key)
    assert result.returncode != 0 and "LANTERN_SECRET_KEY" in result.stderr


def test_own_host_serves_only_the_reporter_pages(tmp_path: Path) -> None:
    key = base64.urlsafe_b64encode(os.urandom(32)).decode()
    env = {
        "LANTERN_SECRET_KEY": SECRET,
        "LANTERN_REPORTING_KEY": key,
        "LANTERN_DATA_DIR": str(tmp_path),
        "LANTERN_SECURE_TRANSPORT": "false",
        "LANTERN_ALLOWED_HOSTS": "testserver",
    }
    secure = {**env, "LANTERN_SECURE_TRANSPORT": "true"}
    check = _run("check", "--deploy", "--fail-level", "WARNING", **secure)
    assert check.returncode == 0, check.stdout + check.stderr
    assert _run("migrate", "-v", "0", **env).returncode == 0
    assert _run("collectstatic", "--noinput", "-v", "0", **env).returncode == 0
    result = _run("shell", "-v", "0", "-c", SCRIPT, **env)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "start 302 /report/" in lines
    assert "page 200 0 False" in lines
    assert "new 200" in lines
    for line in lines:
        if line.startswith("internal"):
            assert line.endswith("404"), line


@pytest.mark.parametrize("settings_module", ["lantern.config.settings.production"])
def test_internal_app_says_when_the_line_is_off(settings_module: str) -> None:
    result = _run(
        "check",
        DJANGO_SETTINGS_MODULE=settings_module,
        LANTERN_SECRET_KEY=SECRET,
        LANTERN_REPORTING_KEY="",
    )
    assert result.returncode == 0
    assert "reporting line is off: LANTERN_REPORTING_KEY is not set" in result.stderr
