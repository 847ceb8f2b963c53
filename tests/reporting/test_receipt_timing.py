"""A wrong receipt looks and takes the same as a right one.

The stated margin: with the configured least time for a receipt check
(``LANTERN_REPORTING_RECEIPT_MIN_SECONDS``, 0.35 s), the medians of the time a
right receipt, a wrong secret for a real lookup id and an unknown lookup id
take differ by less than ``MARGIN_SECONDS`` (30 ms). Without the floor, Argon2id
alone keeps them within ``MARGIN_WITHOUT_FLOOR`` (the right receipt then also
decrypts and renders the conversation).
"""

from __future__ import annotations

import re
import statistics
import time

import pytest
from django.test import Client

from lantern.config.settings import base
from tests.reporting.helpers import receipt_post, report_make

pytestmark = pytest.mark.django_db

MARGIN_SECONDS = 0.030
MARGIN_WITHOUT_FLOOR = 0.060
ROUNDS = 9


def _variants(receipt: str) -> dict[str, str]:
    plain = receipt.replace("-", "")
    wrong_secret = plain[:8] + ("2" if plain[8] != "2" else "3") + plain[9:]
    return {
        "right": receipt,
        "wrong secret": wrong_secret,
        "unknown lookup id": "ZZZZZZZZ" + plain[8:] if plain[:8] != "ZZZZZZZZ" else "Y" * 24,
        "malformed": "not a receipt",
    }


def _timed(client: Client, receipt: str) -> tuple[float, object]:
    from tests.reporting.helpers import form_token

    token = form_token(client, "/report/return/")
    started = time.perf_counter()
    response = client.post("/report/return/", {"receipt": receipt, "form_token": token})
    return time.perf_counter() - started, response


def _medians(settings, floor: float) -> dict[str, float]:  # type: ignore[no-untyped-def]
    settings.LANTERN_REPORTING_RECEIPT_MIN_SECONDS = floor
    settings.LANTERN_REPORTING_RATE_LIMITS = {
        **base.LANTERN_REPORTING_RATE_LIMITS,
        "receipt_client": 1000,
        "receipt_all": 1000,
    }
    client = Client()
    variants = _variants(report_make(client))
    times: dict[str, list[float]] = {name: [] for name in variants}
    _timed(client, variants["right"])  # warm up
    for _ in range(ROUNDS):
        for name, text in variants.items():
            elapsed, response = _timed(client, text)
            assert response.status_code == 200  # type: ignore[attr-defined]
            times[name].append(elapsed)
    return {name: statistics.median(values) for name, values in times.items()}


def test_wrong_and_right_receipts_take_the_same_time(settings) -> None:  # type: ignore[no-untyped-def]
    medians = _medians(settings, base.LANTERN_REPORTING_RECEIPT_MIN_SECONDS)
    spread = max(medians.values()) - min(medians.values())
    print({k: round(v * 1000, 1) for k, v in medians.items()}, "spread ms", round(spread * 1000, 1))
    assert min(medians.values()) >= base.LANTERN_REPORTING_RECEIPT_MIN_SECONDS
    assert spread < MARGIN_SECONDS, medians


def test_argon2_alone_keeps_wrong_receipts_close(settings) -> None:  # type: ignore[no-untyped-def]
    medians = _medians(settings, 0.0)
    right, wrong = medians["right"], medians["wrong secret"]
    print({k: round(v * 1000, 1) for k, v in medians.items()})
    assert abs(medians["unknown lookup id"] - wrong) < MARGIN_WITHOUT_FLOOR, medians
    assert abs(right - wrong) < MARGIN_WITHOUT_FLOOR, medians


def _without_token(body: bytes) -> str:
    return re.sub(r'name="form_token" value="[^"]+"', "", body.decode())


def test_every_wrong_receipt_gets_the_identical_page(client: Client) -> None:
    variants = _variants(report_make(client))
    bodies = {
        name: _without_token(receipt_post(client, text).content)
        for name, text in variants.items()
        if name != "right"
    }
    assert len(set(bodies.values())) == 1, "wrong receipts must be indistinguishable"


def test_right_and_wrong_receipts_share_status_headers_and_layout(client: Client) -> None:
    variants = _variants(report_make(client))
    right = receipt_post(client, variants["right"])
    wrong = receipt_post(client, variants["wrong secret"])
    assert right.status_code == wrong.status_code == 200
    assert sorted(right.headers) == sorted(wrong.headers)
    for header in ("Content-Type", "Cache-Control", "Content-Security-Policy", "Referrer-Policy"):
        assert right[header] == wrong[header]
    assert not right.cookies and not wrong.cookies

    def skeleton(body: bytes) -> list[str]:
        text = re.sub(r"<title>.*?</title>", "", body.decode(), flags=re.S)
        head = text.split("<main", 1)[0]
        footer = text.split("</main>", 1)[1]
        return [head, footer]

    assert skeleton(right.content) == skeleton(wrong.content)
