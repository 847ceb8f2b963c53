"""Helpers for reporting-line tests: realistic posts through the reporter-facing site."""

from __future__ import annotations

import io
import re
from typing import Any

from django.test import Client
from PIL import Image

REPORT_TEXT = (
    "Sergeant Example-Unique-Marker-7Q texted a domestic abuse victim from his work phone "
    "at 11pm asking to meet, after her case was closed."
)
FIELDS: dict[str, Any] = {
    "what_happened": REPORT_TEXT,
    "subject_name": "Sgt Robert Exampleton",
    "subject_number": "9921",
    "subject_force": "Northshire Police",
    "when": "Last Friday night",
    "where": "Eastfield",
    "risk_now": "no",
    "risk_details": "",
    "reporter_kind": "staff",
    "contact_choice": "anonymous",
    "contact_name": "",
    "contact_phone": "",
    "contact_email": "",
    "contact_safe": "",
}
_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')
_CONVERSATION = re.compile(r'name="conversation" value="([^"]+)"')
_RECEIPT = re.compile(r'data-receipt="([A-Z0-9-]+)"')


def form_token(client: Client, path: str = "/report/new/") -> str:
    match = _TOKEN.search(client.get(path).content.decode())
    assert match, f"no form token on {path}"
    return match.group(1)


def report_post(client: Client, files: Any = None, **overrides: Any) -> Any:
    data = {**FIELDS, **overrides, "form_token": form_token(client)}
    if files is not None:
        data["attachments"] = files
    return client.post("/report/new/", data, **_meta())


def report_make(client: Client | None = None, **overrides: Any) -> str:
    """Send a report; return its receipt."""
    response = report_post(client or Client(), **overrides)
    assert response.status_code == 200, response.content.decode()[:2000]
    match = _RECEIPT.search(response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1)


def receipt_post(client: Client, receipt: str) -> Any:
    token = form_token(client, "/report/return/")
    return client.post("/report/return/", {"receipt": receipt, "form_token": token}, **_meta())


def conversation_token(page: bytes) -> str:
    match = _CONVERSATION.search(page.decode())
    assert match
    return match.group(1)


def _meta() -> dict[str, str]:
    return {}


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMakerUnique"  # Make
    exif[0x0110] = "ModelUnique-X1"  # Model
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.9)}  # GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), comment=b"CommentUnique")
    return out.getvalue()
