"""A real Lantern server in a subprocess, and headless Chromium driven by Playwright.

The server runs the demo settings (production behaviour: no debug pages,
manifest static files, strict CSP) on a fresh SQLite database in a temporary
directory, so browser tests never share state with the unit tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@dataclass(frozen=True)
class LiveServer:
    url: str
    env: dict[str, str]
    secrets: dict[str, str]
    last_step: dict[str, int] = field(default_factory=dict)

    def code(self, username: str) -> str:
        """A TOTP code the server will accept: never a time step already used for this account."""
        import base64

        from django_otp.oath import TOTP

        step = max(int(time.time() // 30), self.last_step.get(username, -1) + 1)
        while step > int(time.time() // 30) + 1:  # the server accepts one step ahead at most
            time.sleep(1)
        self.last_step[username] = step
        totp = TOTP(base64.b32decode(self.secrets[username]), step=30, t0=0, digits=6, drift=0)
        totp.time = step * 30
        return str(totp.token()).zfill(6)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], env: dict[str, str]) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


NEW_ACCOUNT = (
    "from lantern.accounts.services import account_create; "
    "from lantern.accounts.roles import Role; "
    "account_create(actor=None, username='newcomer', full_name='New Comer', "
    "email='n@example.invalid', roles=frozenset({Role.ANALYST}), password='newcomer-password-1')"
)


def _alerts_prepare(data_dir: Path, env: dict[str, str], lantern: str) -> None:
    """A small force with one alert, loaded the way a real run is: `lantern alerts load`."""
    from tests.alerts.test_loading import ALERT
    from tests.contract.factories import valid_rows, write_dataset

    dataset = data_dir / "dataset"
    write_dataset(dataset, valid_rows())
    alerts = data_dir / "alerts.jsonl"
    alerts.write_text(json.dumps(ALERT) + "\n")
    _run([lantern, "alerts", "load", str(alerts), "--dataset", str(dataset)], env)


@pytest.fixture(scope="session")
def live_server_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: `make test` installs Debian's chromium package.")
    data_dir = tmp_path_factory.mktemp("browser-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lantern.config.settings.demo",
        "LANTERN_DATA_DIR": str(data_dir),
    }
    env.pop("DATABASE_URL", None)
    python, lantern = sys.executable, str(Path(sys.executable).with_name("lantern"))
    _run([python, "manage.py", "migrate", "--noinput"], env)
    _run([python, "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    seeded = _run([lantern, "demo", "seed"], env)
    secrets = dict(re.findall(r"^\s+(\w+)\s+.*\s([A-Z2-7]{32})$", seeded, flags=re.M))
    _run([python, "manage.py", "shell", "-v", "0", "-c", NEW_ACCOUNT], env)
    _alerts_prepare(data_dir, env, lantern)
    port = _free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield LiveServer(url, env, secrets)
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class AccessiblePage:
    """A page that fails the test on any WCAG 2.2 A/AA violation or CSP violation."""

    def __init__(self, page: object, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.csp_violations: list[str] = []
        page.on("console", self._console)  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        text = message.text  # type: ignore[attr-defined]
        if "Content Security Policy" in text:
            self.csp_violations.append(text)

    def goto(self, path: str) -> object:
        return self.page.goto(self.base_url + path)  # type: ignore[attr-defined]

    def check(self, name: str) -> None:
        """Run axe-core on the current page; save a screenshot when asked to."""
        results = self.page.evaluate(  # type: ignore[attr-defined]
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        violations = [
            {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
            for v in results["violations"]
        ]
        assert violations == [], f"{name}: {json.dumps(violations, indent=1)}"
        assert self.csp_violations == [], f"{name}: {self.csp_violations}"
        shots = os.environ.get("LANTERN_SCREENSHOTS")
        if shots:
            Path(shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=f"{shots}/{name}.png", full_page=True)  # type: ignore[attr-defined]


@pytest.fixture
def page(browser: object, live_server_process: LiveServer) -> Iterator[AccessiblePage]:
    context = browser.new_context()  # type: ignore[attr-defined]
    context.add_init_script(path=str(AXE))
    yield AccessiblePage(context.new_page(), live_server_process.url)
    context.close()
