"""Importing an MDM app inventory as a dated review, and keeping the app catalogue.

The import is loss-free: every data row is either accepted or kept as rejected
with the column, the value and the reason (read = accepted + rejected), and the
whole review is written in one transaction with its audit record, or not at all.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.contract.problems import Problem
from lantern.devices.models import (
    CatalogueEntry,
    CatalogueVersion,
    DeviceReview,
    InstalledApp,
    RejectedRow,
)
from lantern.devices.vocabulary import Platform, RiskClass
from lantern.force.models import StaffMember

TABLE = "mdm_inventory"
REQUIRED_COLUMNS: tuple[str, ...] = ("device_id", "holder_staff_id", "app_id", "installed_on")
MAX_LENGTHS = {"device_id": 100, "holder_staff_id": 64, "app_id": 200, "app_name": 200,
               "app_version": 60}  # fmt: skip


class InventoryFileError(ValueError):
    """The file as a whole cannot be read as an inventory: nothing is imported."""


@dataclass(frozen=True)
class _Row:
    number: int
    values: dict[str, str]
    installed_on: date


def _file_problem(source: str, reason: str, column: str | None = None) -> InventoryFileError:
    problem = Problem("error", TABLE, source, None, column, None, reason, "bad_file")
    return InventoryFileError(str(problem))


def _check_row(
    source: str, number: int, values: dict[str, str], review_date: date
) -> Problem | _Row:
    def refuse(column: str, reason: str, code: str) -> Problem:
        return Problem("error", TABLE, source, number, column, values.get(column, ""), reason, code)

    for column in REQUIRED_COLUMNS:
        if not values.get(column, "").strip():
            return refuse(column, "a value is required", "missing_value")
    for column, limit in MAX_LENGTHS.items():
        if len(values.get(column, "")) > limit:
            return refuse(column, f"longer than {limit} characters", "too_long")
    try:
        installed = date.fromisoformat(values["installed_on"].strip())
    except ValueError:
        return refuse("installed_on", "not a date in the form YYYY-MM-DD", "bad_date")
    if installed > review_date:
        return refuse("installed_on", f"after the review date {review_date:%Y-%m-%d}", "bad_date")
    return _Row(number, {k: v.strip() for k, v in values.items()}, installed)


def _read(
    source: str, text: str, review_date: date
) -> tuple[list[_Row], list[Problem], dict[int, dict[str, Any]]]:
    """Accepted rows, the problems, and each rejected row as read (by row number)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    header = [h.strip() for h in reader.fieldnames or []]
    if not header:
        raise _file_problem(source, "the file is empty: expected a header row")
    reader.fieldnames = header
    for column in REQUIRED_COLUMNS:
        if column not in header:
            raise _file_problem(source, f"the header has no {column!r} column", column)
    rows: list[_Row] = []
    problems: list[Problem] = []
    first_seen: dict[tuple[str, str], int] = {}
    raw: dict[int, dict[str, Any]] = {}
    for number, record in enumerate(reader, start=1):
        surplus = record.pop(None, None)
        raw[number] = {str(k): v for k, v in record.items()}
        if surplus is not None:  # more fields than the header names
            raw[number]["(extra fields)"] = surplus
            extra = ",".join(str(v) for v in surplus)
            reason = "more fields than the header has columns"
            problems.append(
                Problem("error", TABLE, source, number, None, extra[:300], reason, "malformed_row")
            )
            continue
        values = {k: (v or "") for k, v in record.items()}
        checked = _check_row(source, number, values, review_date)
        if isinstance(checked, Problem):
            problems.append(checked)
            continue
        key = (checked.values["device_id"], checked.values["app_id"])
        if key in first_seen:
            problems.append(Problem("error", TABLE, source, number, "app_id", key[1],
                                    f"the same app on the same device as row {first_seen[key]}",
                                    "duplicate_key"))  # fmt: skip
            continue
        first_seen[key] = number
        rows.append(checked)
        del raw[number]
    return rows, problems, raw


def device_inventory_import(
    *, actor: User | None, source_name: str, text: str, review_date: date
) -> DeviceReview:
    """Import one MDM inventory as the review of ``review_date`` (all or nothing)."""
    if review_date > timezone.localdate():
        raise _file_problem(source_name, f"the review date {review_date:%Y-%m-%d} is in the future")
    if DeviceReview.objects.filter(review_date=review_date).exists():
        raise _file_problem(
            source_name, f"a review dated {review_date:%Y-%m-%d} is already imported"
        )
    rows, problems, raw = _read(source_name, text, review_date)
    numbers = {r.values["holder_staff_id"] for r in rows}
    staff = {s.staff_id: s for s in StaffMember.objects.filter(staff_id__in=numbers)}
    unmatched = numbers - staff.keys()
    with transaction.atomic():
        review = DeviceReview.objects.create(
            review_date=review_date, source_name=source_name[:300],
            rows_read=len(rows) + len(problems), rows_accepted=len(rows),
            rows_rejected=len(problems), holders_unmatched=len(unmatched), imported_by=actor,
        )  # fmt: skip
        InstalledApp.objects.bulk_create(
            (
                InstalledApp(
                    review=review,
                    row=r.number,
                    device_id=r.values["device_id"],
                    holder_number=r.values["holder_staff_id"],
                    holder=staff.get(r.values["holder_staff_id"]),
                    app_id=r.values["app_id"],
                    app_name=r.values.get("app_name", ""),
                    app_version=r.values.get("app_version", ""),
                    installed_on=r.installed_on,
                )
                for r in rows
            ),
            batch_size=1000,
        )
        RejectedRow.objects.bulk_create(
            (
                RejectedRow(
                    review=review,
                    row=p.row or 0,
                    column=p.column or "",
                    value=(p.value or "")[:300],
                    reason=p.reason[:300],
                    raw=raw.get(p.row or 0, {}),
                )
                for p in problems
            ),
            batch_size=1000,
        )
        audit_append(
            actor=actor, event="devices.inventory_imported", category=AuditCategory.COLLECTION,
            object_type="device_review", object_id=str(review.pk),
            detail={"source": source_name[:300], "review_date": review_date.isoformat(),
                    "read": review.rows_read, "accepted": review.rows_accepted,
                    "rejected": review.rows_rejected, "holders_unmatched": len(unmatched)},
        )  # fmt: skip
    return review


def _check_entry(app_id: str, name: str, platform: str, risk_class: str) -> None:
    problems = []
    if not app_id.strip() or " " in app_id.strip():
        problems.append("Give the app's package or bundle identifier, without spaces.")
    if not name.strip():
        problems.append("Give the app's name.")
    if platform not in Platform.values:
        problems.append(f"Unknown platform {platform!r}.")
    if risk_class not in RiskClass.values:
        problems.append(f"Unknown risk class {risk_class!r}.")
    if problems:
        raise ValidationError(problems)


def catalogue_entry_save(
    *,
    actor: User | None,
    app_id: str,
    name: str,
    platform: str,
    risk_class: str,
    notes: str = "",
    reason: str = "",
) -> CatalogueEntry:
    """Add an app to the catalogue or change its entry; each change is a new version."""
    app_id = app_id.strip()
    _check_entry(app_id, name, platform, risk_class)
    with transaction.atomic():
        entry = CatalogueEntry.objects.select_for_update().filter(app_id=app_id).first()
        values = {"name": name.strip(), "platform": platform, "risk_class": risk_class,
                  "notes": notes.strip()}  # fmt: skip
        if entry is None:
            entry = CatalogueEntry.objects.create(app_id=app_id, updated_by=actor, **values)
            before = None
        else:
            before = {k: getattr(entry, k) for k in values}
            if before == values:
                return entry
            for key, value in values.items():
                setattr(entry, key, value)
            entry.version += 1
            entry.updated_by, entry.updated_at = actor, timezone.now()
            entry.save()
        CatalogueVersion.objects.create(
            entry=entry, version=entry.version, changed_by=actor, reason=reason[:300], **values
        )
        audit_append(
            actor=actor, event="devices.catalogue_changed", category=AuditCategory.ALTERATION,
            object_type="app_catalogue_entry", object_id=app_id[:80], reason=reason[:200],
            detail={"version": entry.version, "before": before, "after": values},
        )  # fmt: skip
    return entry
