"""Transfers between forces: the standard information set, signed, sanitised, checked.

Export builds the document (schema ``lantern.transfer-packet/1``) from what the
force holds, leaving out what may not lawfully be shared (see docs/vetting.md),
and signs it. Import verifies the signature against the trusted forces' keys
and the schema, refuses anything else with the reason, passes the disciplinary
history to professional standards, and checks the person against the Police
Barred List and Police Advisory List: a match stops the appointment.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Collection
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.force.models import StaffMember
from lantern.intelligence.models import IntelligenceReport
from lantern.intelligence.vocabulary import Outcome as IntelligenceOutcome
from lantern.vetting import signing
from lantern.vetting.models import (
    Clearance,
    Declaration,
    HrRecord,
    IncomingTransfer,
    ListEntry,
    PersonnelDetail,
    TransferPacket,
)
from lantern.vetting.signing import PacketRefused
from lantern.vetting.vocabulary import (
    DISCIPLINARY_KINDS,
    AppointmentStatus,
    DeclarationKind,
    PsdStatus,
    RecordKind,
)

SCHEMA_ID = "lantern.transfer-packet/1"
MAX_PACKET_BYTES = 1_000_000
# Forces are named by code in packets, as their signing keys are (issuing_force.code, key_id).
FORCE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,39}$")
SECTIONS = (
    "performance",
    "sickness",
    "complaints",
    "business_interests",
    "notifiable_associations",
    "corruption_intelligence",
    "vetting",
)
UNDER_DEVELOPMENT = (
    "Under development: contact the issuing force's professional standards department."
)
WITHHELD = (
    "Restricted intelligence source details, source types and origin references (they could "
    "identify a source).",
    "The text of intelligence still being developed (only its category and date are given).",
    "Vetting and declaration decision rationales (internal deliberation and third parties).",
    "Monitoring alerts and their evidence (unassessed; not part of the standard set).",
    "Medical details of sickness absence (dates and durations only).",
)


def split_name(name: str) -> tuple[str, str]:
    """(forenames, surname) of a full name as HR writes it: 'Amelia Jane Smith'."""
    parts = name.split()
    return (" ".join(parts[:-1]), parts[-1]) if len(parts) > 1 else ("", name.strip())


SICKNESS_DURATION = re.compile(r"Absence: (\d{1,3}) working days?")


def _record(r: HrRecord) -> dict[str, str]:
    """One HR record as it travels. Sickness carries its date and duration only: whatever
    else HR wrote (a diagnosis, a reason) is medical detail and stays behind."""
    if r.kind == RecordKind.SICKNESS:
        duration = SICKNESS_DURATION.search(r.summary)
        summary = (
            f"Absence: {int(duration.group(1))} working days"
            if duration
            else "Absence (details withheld)"
        )
        return {
            "kind": r.kind,
            "date": r.recorded_on.isoformat(),
            "summary": summary,
            "outcome": "",
        }
    return {
        "kind": r.kind,
        "date": r.recorded_on.isoformat(),
        "summary": r.summary,
        "outcome": r.outcome,
    }


def _records(staff: StaffMember, kinds: Collection[str]) -> list[dict[str, str]]:
    return [
        _record(r)
        for r in HrRecord.objects.filter(staff=staff, kind__in=kinds).order_by("recorded_on")
    ]


def _declarations(staff: StaffMember, kind: str) -> list[dict[str, str]]:
    return [
        {
            "declared_on": timezone.localtime(d.submitted_at).date().isoformat(),
            "description": d.description,
            "decision": d.decision,
            "conditions": d.conditions,
        }
        for d in Declaration.objects.filter(staff=staff, kind=kind).order_by("submitted_at")
    ]


def _intelligence(staff: StaffMember) -> list[dict[str, Any]]:
    items = []
    for r in IntelligenceReport.objects.filter(subjects=staff).order_by("created_at"):
        developed = r.outcome != IntelligenceOutcome.OPEN
        items.append(
            {
                "reference": r.reference,
                "recorded_on": timezone.localtime(r.created_at).date().isoformat(),
                "categories": list(r.categories),
                "grading": r.grading if developed else "",
                "handling_conditions": r.handling_conditions if developed else "",
                "summary": r.sanitised_text if developed else UNDER_DEVELOPMENT,
                "status": r.outcome,
            }
        )
    return items


def _vetting(staff: StaffMember) -> list[dict[str, str]]:
    return [
        {
            "level": c.level,
            "granted_on": c.granted_on.isoformat(),
            "expires_on": c.expires_on.isoformat(),
            "status": c.status,
            "conditions": c.conditions,
        }
        for c in Clearance.objects.filter(staff=staff).order_by("granted_on")
    ]


def packet_document_build(
    staff: StaffMember, *, receiving_force: str, issuing_code: str, issuing_name: str
) -> dict[str, Any]:
    """The standard information set for one transferee, sanitised (not signed, not audited)."""
    personnel = PersonnelDetail.objects.filter(staff=staff).first()
    born = personnel.date_of_birth if personnel else None
    forenames, surname = split_name(staff.name)
    return {
        "schema": SCHEMA_ID,
        "packet_id": str(uuid.uuid4()),
        "issued_at": timezone.now().isoformat(timespec="seconds"),
        "issuing_force": {"code": issuing_code, "name": issuing_name},
        "receiving_force": receiving_force,
        "subject": {
            "staff_id": staff.staff_id,
            "forenames": forenames,
            "surname": surname,
            "date_of_birth": born.isoformat() if born else None,
            "rank": staff.rank,
            "role": staff.role,
            "joined_on": staff.joined_on.isoformat() if staff.joined_on else None,
        },
        "performance": _records(staff, {RecordKind.PERFORMANCE}),
        "sickness": _records(staff, {RecordKind.SICKNESS}),
        "complaints": _records(staff, DISCIPLINARY_KINDS),
        "business_interests": _declarations(staff, DeclarationKind.BUSINESS_INTEREST),
        "notifiable_associations": _declarations(staff, DeclarationKind.ASSOCIATION),
        "corruption_intelligence": _intelligence(staff),
        "vetting": _vetting(staff),
        "withheld": list(WITHHELD),
    }


def transfer_packet_export(
    *, actor: User, staff: StaffMember, receiving_force: str
) -> TransferPacket:
    """Build, sign and keep the packet for a transferee (a disclosure, audited)."""
    key = signing.signing_key()
    if key is None:
        raise ValidationError("Transfers are off: LANTERN_TRANSFER_SIGNING_KEY is not set.")
    code = receiving_force.strip().upper()
    if not FORCE_CODE.match(code):
        raise ValidationError(
            "Give the receiving force's code (letters, digits, - or _), as its key is known."
        )
    if not split_name(staff.name)[0]:
        raise ValidationError(
            f"The staff directory holds one name only for {staff.staff_id}: a packet needs "
            "forenames and a surname. Correct the HR record first."
        )
    document = packet_document_build(
        staff,
        receiving_force=code,
        issuing_code=settings.LANTERN_FORCE_CODE,
        issuing_name=settings.LANTERN_FORCE_NAME,
    )
    envelope = signing.sign(document, key, settings.LANTERN_FORCE_CODE)
    with transaction.atomic():
        packet = TransferPacket.objects.create(
            id=document["packet_id"],
            staff=staff,
            receiving_force=code,
            envelope=envelope,
            created_by=actor,
        )
        audit_append(
            actor=actor,
            event="vetting.transfer_exported",
            category=AuditCategory.DISCLOSURE,
            object_type="transfer_packet",
            object_id=str(packet.pk),
            reason=f"to {packet.receiving_force}",
            detail={
                "staff_id": staff.staff_id,
                "sections": {s: len(document[s]) for s in SECTIONS},
            },
        )
    return packet


# --- Import -----------------------------------------------------------------

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise PacketRefused(f"Schema {SCHEMA_ID}: {reason}")


# The keys (and their types) of each item of each section, as this force exports them.
_STR, _DAY, _STRINGS = "text", "date", "list of text"
SECTION_ITEMS: dict[str, dict[str, str]] = {
    **{
        s: {"kind": _STR, "date": _DAY, "summary": _STR, "outcome": _STR}
        for s in ("performance", "sickness", "complaints")
    },
    **{
        s: {"declared_on": _DAY, "description": _STR, "decision": _STR, "conditions": _STR}
        for s in ("business_interests", "notifiable_associations")
    },
    "corruption_intelligence": {
        "reference": _STR,
        "recorded_on": _DAY,
        "categories": _STRINGS,
        "grading": _STR,
        "handling_conditions": _STR,
        "summary": _STR,
        "status": _STR,
    },
    "vetting": {
        "level": _STR,
        "granted_on": _DAY,
        "expires_on": _DAY,
        "status": _STR,
        "conditions": _STR,
    },
}


def _is_day(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _has_type(value: Any, kind: str) -> bool:
    if kind == _DAY:
        return _is_day(value)
    if kind == _STRINGS:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)


def _named(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def packet_schema_check(document: dict[str, Any]) -> None:
    """Refuse a document that does not follow the schema, or is addressed to another force,
    naming the first thing wrong."""
    _require(
        document.get("schema") == SCHEMA_ID,
        f"unknown schema {document.get('schema')!r} (expected {SCHEMA_ID!r})",
    )
    required = (
        "packet_id",
        "issued_at",
        "issuing_force",
        "receiving_force",
        "subject",
        *SECTIONS,
        "withheld",
    )
    for key in required:
        _require(key in document, f"'{key}' is missing")
    try:
        uuid.UUID(str(document["packet_id"]))
    except ValueError:
        raise PacketRefused(f"Schema {SCHEMA_ID}: 'packet_id' is not a UUID") from None
    issuer = document["issuing_force"]
    _require(
        isinstance(issuer, dict) and _named(issuer.get("code")) and _named(issuer.get("name")),
        "'issuing_force' must have a code and a name",
    )
    receiving = document["receiving_force"]
    _require(_named(receiving), "'receiving_force' must be a force code")
    if receiving != settings.LANTERN_FORCE_CODE:
        raise PacketRefused(
            f"This packet is addressed to {str(receiving)[:40]!r}, not to this force "
            f"({settings.LANTERN_FORCE_CODE}): ask the issuing force to send it to the right force."
        )
    subject = document["subject"]
    _require(isinstance(subject, dict), "'subject' must be an object")
    for key in ("staff_id", "forenames", "surname", "date_of_birth"):
        _require(key in subject, f"'subject.{key}' is missing")
    for key in ("staff_id", "forenames", "surname"):
        _require(_named(subject[key]), f"'subject.{key}' must be non-empty text")
    born = subject["date_of_birth"]
    _require(
        born is None or (isinstance(born, str) and bool(_DATE.match(born))),
        "'subject.date_of_birth' must be YYYY-MM-DD or null",
    )
    if born:
        try:
            date.fromisoformat(born)
        except ValueError:
            raise PacketRefused(
                f"Schema {SCHEMA_ID}: 'subject.date_of_birth' is not a real date"
            ) from None
    for key in ("rank", "role"):
        _require(isinstance(subject.get(key, ""), str), f"'subject.{key}' must be text")
    joined = subject.get("joined_on")
    _require(joined is None or _is_day(joined), "'subject.joined_on' must be YYYY-MM-DD or null")
    for section in SECTIONS:
        items = document[section]
        _require(isinstance(items, list), f"'{section}' must be a list")
        for number, item in enumerate(items, start=1):
            _require(isinstance(item, dict), f"'{section}' item {number} must be an object")
            for key, kind in SECTION_ITEMS[section].items():
                _require(key in item, f"'{section}' item {number}: '{key}' is missing")
                _require(
                    _has_type(item[key], kind),
                    f"'{section}' item {number}: '{key}' must be {kind}"
                    + (" (YYYY-MM-DD)" if kind == _DAY else ""),
                )
    withheld = document["withheld"]
    _require(
        isinstance(withheld, list) and all(isinstance(w, str) for w in withheld),
        "'withheld' must be a list of text",
    )


def packet_parse(content: bytes) -> dict[str, Any]:
    """The verified document of an uploaded packet, or PacketRefused with the reason."""
    if len(content) > MAX_PACKET_BYTES:
        raise PacketRefused(f"The file is larger than {MAX_PACKET_BYTES:,} bytes.")
    try:
        envelope = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PacketRefused(f"Not a JSON document: {exc}.") from None
    document = signing.verify(envelope)
    packet_schema_check(document)
    return document


def _normal(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalpha())


def _entry(entry: ListEntry) -> dict[str, str]:
    return {
        "list": entry.kind,
        "list_label": entry.get_kind_display(),
        "name": f"{entry.forenames} {entry.surname}",
        "date_of_birth": entry.date_of_birth.isoformat(),
        "former_force": entry.former_force,
        "reason": entry.reason,
    }


def list_matches(forenames: str, surname: str, born: date) -> list[dict[str, str]]:
    """Entries on the barred and advisory lists for this person: same surname, date of birth
    and first forename (names compared without case, spaces or punctuation)."""
    first = _normal(forenames.split()[0]) if forenames.split() else ""
    found = []
    for entry in ListEntry.objects.filter(date_of_birth=born):
        entry_first = entry.forenames.split()[0] if entry.forenames.split() else ""
        if _normal(entry.surname) == _normal(surname) and _normal(entry_first) == first:
            found.append(_entry(entry))
    return found


def list_candidates(surname: str) -> list[dict[str, str]]:
    """Without a date of birth the lists cannot be checked: every entry with the same surname
    (compared without case, spaces or punctuation), for a human to check."""
    wanted = _normal(surname)
    return [_entry(e) for e in ListEntry.objects.all() if _normal(e.surname) == wanted]


def transfer_packet_import(*, actor: User, file_name: str, content: bytes) -> IncomingTransfer:
    """Receive a packet: verify it, check the lists, pass the history to professional standards.

    A match stops the appointment; a packet without a date of birth can never be cleared
    by the system: its appointment needs a human check (the surname-only candidates are
    kept), escalated to the head of professional standards like a match."""
    try:
        document = packet_parse(content)
        if IncomingTransfer.objects.filter(packet_id=document["packet_id"]).exists():
            raise PacketRefused("This packet has already been received (same packet id).")
    except PacketRefused as exc:
        audit_append(
            actor=actor,
            event="vetting.transfer_refused",
            category=AuditCategory.SECURITY,
            object_type="transfer_packet",
            reason=str(exc)[:200],
            detail={"file": file_name[:200], "receiving_force": _addressed_to(content)},
        )
        raise
    subject = document["subject"]
    forenames, surname = subject["forenames"].strip(), subject["surname"].strip()
    born = date.fromisoformat(subject["date_of_birth"]) if subject["date_of_birth"] else None
    matches = list_matches(forenames, surname, born) if born else []
    candidates = [] if born else list_candidates(surname)
    if matches:
        status = AppointmentStatus.STOPPED
    elif born is None:
        status = AppointmentStatus.CHECK_REQUIRED
    else:
        status = AppointmentStatus.MAY_PROCEED
    with transaction.atomic():
        incoming = IncomingTransfer.objects.create(
            packet_id=document["packet_id"],
            issuing_force=str(document["issuing_force"]["code"])[:40],
            subject_name=f"{forenames} {surname}"[:200],
            subject_date_of_birth=born,
            envelope=json.loads(content.decode("utf-8")),
            appointment_status=status,
            list_matches=matches,
            list_candidates=candidates,
            received_by=actor,
        )
        audit_append(
            actor=actor,
            event="vetting.transfer_received",
            category=AuditCategory.COLLECTION,
            object_type="incoming_transfer",
            object_id=str(incoming.pk),
            reason=f"from {incoming.issuing_force}",
            detail={
                "packet_id": incoming.packet_id,
                "receiving_force": document["receiving_force"],
                "list_matches": len(matches),
                "complaints": len(document["complaints"]),
            },
        )
        if matches:
            audit_append(
                actor=actor,
                event="vetting.appointment_stopped",
                category=AuditCategory.SECURITY,
                object_type="incoming_transfer",
                object_id=str(incoming.pk),
                reason="matched the Police Barred List or Police Advisory List; escalated to PSD",
                detail={"lists": sorted({m["list"] for m in matches})},
            )
        elif born is None:
            audit_append(
                actor=actor,
                event="vetting.appointment_check_required",
                category=AuditCategory.SECURITY,
                object_type="incoming_transfer",
                object_id=str(incoming.pk),
                reason="no date of birth: the lists were searched by surname only; a human must "
                "check before appointment; escalated to PSD",
                detail={
                    "surname_candidates": len(candidates),
                    "lists": sorted({c["list"] for c in candidates}),
                },
            )
    return incoming


def _addressed_to(content: bytes) -> str:
    """The receiving force a refused packet names, if it can be read at all (for the audit)."""
    if len(content) > MAX_PACKET_BYTES:
        return ""
    try:
        value = json.loads(content.decode("utf-8"))["document"]["receiving_force"]
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        return ""
    return str(value)[:120]


def transfer_psd_record(*, actor: User, incoming: IncomingTransfer, note: str) -> None:
    """Professional standards records the transferee's disciplinary history as received."""
    if incoming.psd_status == PsdStatus.RECORDED:
        raise ValidationError("Already recorded.")
    if not note.strip():
        raise ValidationError("Write what professional standards recorded or decided.")
    with transaction.atomic():
        incoming.psd_status, incoming.psd_note = PsdStatus.RECORDED, note
        incoming.psd_recorded_by, incoming.psd_recorded_at = actor, timezone.now()
        incoming.save(
            update_fields=["psd_status", "psd_note", "psd_recorded_by", "psd_recorded_at"]
        )
        audit_append(
            actor=actor,
            event="vetting.transfer_psd_recorded",
            category=AuditCategory.ALTERATION,
            object_type="incoming_transfer",
            object_id=str(incoming.pk),
            reason=note[:200],
        )
