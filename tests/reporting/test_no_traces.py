"""After a reporter's visit: no address, no browser details, no plaintext anywhere we keep."""

from __future__ import annotations

import http.client
import logging
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lantern.reporting.models import Report
from tests.reporting.dump import database_dump, holds
from tests.reporting.helpers import (
    REPORT_TEXT,
    conversation_token,
    form_token,
    jpeg_with_exif,
    receipt_post,
    report_post,
)

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"
AGENT = "Mozilla/5.0 (ReporterPhone; UniqueAgentMarker-31337)"
REPLY_TEXT = "Second-Message-Unique-Marker he messaged her again"
CONTACT_NAME = "Contact-Name-Unique-Marker"


def _reporter_session(caplog: pytest.LogCaptureFixture) -> str:
    """A whole visit: report with a photo and contact details, come back, reply, a wrong receipt."""
    caplog.set_level(logging.DEBUG)
    headers = {
        "REMOTE_ADDR": ADDRESS,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_X_FORWARDED_FOR": ADDRESS,
        "HTTP_REFERER": f"https://search.example/?q={ADDRESS}",
    }
    client = Client(**headers)
    photo = SimpleUploadedFile("me.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = report_post(
        client,
        files=[photo],
        contact_choice="confidential",
        contact_name=CONTACT_NAME,
        contact_phone="07700 900456",
    )
    assert response.status_code == 200
    receipt = re.search(r'data-receipt="([A-Z0-9-]+)"', response.content.decode())
    assert receipt
    back = receipt_post(client, receipt.group(1))
    client.post(
        "/report/return/reply/",
        {
            "body": REPLY_TEXT,
            "conversation": conversation_token(back.content),
            "form_token": form_token(client, "/report/return/"),
        },
    )
    receipt_post(client, "0000-0000-0000-0000-0000-0000")
    client.get("/report/no-such-page/")
    return receipt.group(1)


def test_no_address_or_user_agent_in_the_database_or_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    _reporter_session(caplog)
    dump = database_dump()
    for trace in (ADDRESS, "UniqueAgentMarker", "search.example"):
        assert not holds(dump, trace), f"{trace} found in the database"
        assert trace not in caplog.text, f"{trace} found in the logs"


def test_no_plaintext_in_a_database_dump(caplog: pytest.LogCaptureFixture) -> None:
    receipt = _reporter_session(caplog)
    dump = database_dump()
    assert Report.objects.count() == 1
    for secret in (
        REPORT_TEXT[:40],
        "Exampleton",
        REPLY_TEXT,
        CONTACT_NAME,
        "900456",
        "PhoneMakerUnique",
        "me.jpg",
        receipt.replace("-", "")[8:],
    ):
        assert not holds(dump, secret), f"{secret!r} is in the database dump in clear"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(sys.platform != "linux", reason="binds a second loopback address")
def test_a_real_server_keeps_no_address_in_its_logs_or_database(tmp_path: Path) -> None:
    """runserver (the demo settings with plain static files) on 127.0.0.1; the reporter
    connects from 127.0.0.57."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "lantern.config.settings.test"}
    env.update(LANTERN_DATA_DIR=str(tmp_path))
    env.pop("DATABASE_URL", None)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v", "0"], cwd=root, env=env, check=True)
    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--skip-checks"],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def request(method: str, path: str, body: str = "") -> str:
            conn = http.client.HTTPConnection(
                "127.0.0.1", port, timeout=10, source_address=("127.0.0.57", 0)
            )
            headers = {"User-Agent": AGENT, "Content-Type": "application/x-www-form-urlencoded"}
            conn.request(method, path, body=body.encode(), headers=headers)
            text = conn.getresponse().read().decode()
            conn.close()
            return text

        from urllib.parse import urlencode

        from tests.reporting.helpers import FIELDS

        page = request("GET", "/report/new/")
        token = re.search(r'name="form_token" value="([^"]+)"', page)
        assert token, page[:3000] + (tmp_path / "server.log").read_text()[-3000:]
        sent = request("POST", "/report/new/", urlencode({**FIELDS, "form_token": token.group(1)}))
        assert "Report sent" in sent
        request("GET", "/report/nothing-here/")
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
    traces = (tmp_path / "server.log").read_text()
    for name in os.listdir(tmp_path):
        if name.startswith("lantern.sqlite3"):
            traces += (tmp_path / name).read_bytes().decode("latin-1")
    with sqlite3.connect(tmp_path / "lantern.sqlite3") as db:
        traces += "\n".join(db.iterdump())
        assert db.execute("select count(*) from reporting_report").fetchone()[0] == 1
    assert "nothing-here" in traces  # the log was captured: the 404 is in it
    assert "127.0.0.57" not in traces
    assert "UniqueAgentMarker" not in traces
    assert REPORT_TEXT[:40] not in traces
