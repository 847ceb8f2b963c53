"""Telephone numbers: normalisation to E.164.

Forces record numbers in every format people type (``07700 900123``,
``+44 7700 900123``, ``0044...``). The contract wants E.164; this module is the
one place that decides what a number is. It runs over DISTINCT values only, so
a large communications table costs one parse per number, not per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import phonenumbers

DEFAULT_REGION = "GB"

# Already in E.164 shape: accepted without a full parse (the common case, and
# what makes a large communications table cheap to check).
_E164_SHAPE = re.compile(r"\+[1-9][0-9]{7,14}")


def phone_to_e164(raw: str | None, *, region: str = DEFAULT_REGION) -> str | None:
    """Return ``raw`` in E.164, or None when it is not a possible phone number."""
    if raw is None:
        return None
    text = raw.strip()
    if not text:
        return None
    if _E164_SHAPE.fullmatch(text):
        return text
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phones_to_e164(
    raws: Iterable[str | None], *, region: str = DEFAULT_REGION
) -> dict[str, str | None]:
    """Map each distinct raw value to its E.164 form (None when unparseable)."""
    result: dict[str, str | None] = {}
    for raw in raws:
        if raw is not None and raw not in result:
            result[raw] = phone_to_e164(raw, region=region)
    return result
