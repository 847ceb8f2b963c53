"""Importing a force's HR exports, the HR leaver feed and the national barred/advisory lists.

Loss-free, as for monitoring data: every row is either accepted or rejected
with its reason (file, row, column, value), counts reconcile (read = accepted +
rejected), rejected rows are kept, and what a run accepts is written in one
transaction with its audit record (all or nothing). Problems are reported with
the data contract's :class:`~lantern.contract.problems.Problem`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.contract.problems import Problem
from lantern.force.models import StaffMember
from lantern.force.services import staff_directory_sync
from lantern.vetting.models import (
    Clearance,
    Declaration,
    HrImport,
    HrRecord,
    HrRejectedRow,
    ListEntry,
    PersonnelDetail,
    Post,
    Posting,
)
from lantern.vetting.periods import clearance_expiry_for
from lantern.vetting.vocabulary import (
    ClearanceSource,
    ClearanceStatus,
    DeclarationDecision,
    DeclarationKind,
    ListKind,
    RecordKind,
    level_parse,
)
from lantern.web.dates import day_start

Row = dict[str, str]


class RowRejected(Exception):
    def __init__(self, column: str | None, value: str | None, reason: str, code: str) -> None:
        super().__init__(reason)
        self.column, self.value, self.reason, self.code = column, value, reason, code


@dataclass(frozen=True)
class FileKind:
    name: str
    label: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()


FILE_KINDS: dict[str, FileKind] = {
    k.name: k
    for k in (
        FileKind(
            "people",
            "People (staff_id, name, date of birth...)",
            ("staff_id", "name", "date_of_birth", "role", "rank", "team_id", "area", "joined_on"),
        ),
        FileKind(
            "posts",
            "Posts and the level each needs",
            ("post_id", "title", "unit", "area", "high_contact", "required_level"),
        ),
        FileKind(
            "postings",
            "Postings (who held which post, when)",
            ("staff_id", "post_id", "started_on"),
            ("ended_on",),
        ),
        FileKind(
            "clearances",
            "Clearances held",
            ("staff_id", "level", "granted_on"),
            ("expires_on", "conditions", "decided_by", "rationale"),
        ),
        FileKind(
            "records",
            "Performance, sickness, complaints, misconduct",
            ("staff_id", "kind", "recorded_on", "summary"),
            ("outcome",),
        ),
        FileKind(
            "declarations",
            "Declarations already held by HR",
            ("staff_id", "kind", "description", "submitted_on"),
            ("decision", "conditions", "rationale", "decided_by"),
        ),
        FileKind("leavers", "Leavers (ends clearances)", ("staff_id", "left_on"), ("reason",)),
        FileKind(
            "lists",
            "Police Barred List and Police Advisory List",
            ("list", "surname", "forenames", "date_of_birth"),
            ("former_force", "reason", "listed_on"),
        ),
    )
}
# The order a directory of HR files is imported in: each depends on those before it
# (the leaver feed and the national lists last, when present).
HR_DIRECTORY_ORDER = (
    "people",
    "posts",
    "postings",
    "clearances",
    "records",
    "declarations",
    "leavers",
    "lists",
)


LIST_REFUSED = (
    "Refused: a list extract replaces the list only when every row is valid, so nothing "
    "was changed and the lists stand as they were. Correct the rejected rows and import "
    "the whole extract again."
)


@dataclass
class ImportResult:
    run: HrImport
    problems: list[Problem] = field(default_factory=list)

    def describe(self) -> str:
        r = self.run
        text = (
            f"{r.file_name} ({r.kind}): {r.rows_read} rows read, {r.accepted} accepted, "
            f"{r.rejected} rejected."
        )
        if r.refused:
            text += f" {LIST_REFUSED}"
        return text


# --- Values ---------------------------------------------------------------


def _text(row: Row, column: str, *, required: bool = True) -> str:
    value = (row.get(column) or "").strip()
    if required and not value:
        raise RowRejected(column, value, f"{column} is empty", "missing_value")
    return value


def _date(row: Row, column: str, *, required: bool = True) -> date | None:
    value = (row.get(column) or "").strip()
    if not value:
        if required:
            raise RowRejected(column, value, f"{column} is empty", "missing_value")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowRejected(
            column, value, "not a real date in the form YYYY-MM-DD", "bad_date"
        ) from None


def _not_future(day: date | None, column: str, today: date) -> None:
    if day is not None and day > today:
        raise RowRejected(column, day.isoformat(), "impossible date: in the future", "bad_date")


def _level(row: Row, column: str) -> str:
    value = _text(row, column)
    level = level_parse(value)
    if level is None:
        raise RowRejected(column, value, "unknown vetting level", "unknown_enum")
    return level


def _flag(row: Row, column: str) -> bool:
    value = _text(row, column).lower()
    if value in {"yes", "y", "true", "1"}:
        return True
    if value in {"no", "n", "false", "0"}:
        return False
    raise RowRejected(column, value, "expected yes or no", "unknown_enum")


def _choice(row: Row, column: str, values: Iterable[str], *, default: str = "") -> str:
    value = _text(row, column, required=not default) or default
    if value not in values:
        raise RowRejected(
            column, value, f"unknown value (expected one of {', '.join(values)})", "unknown_enum"
        )
    return value


def _staff(row: Row, staff: dict[str, StaffMember]) -> StaffMember:
    staff_id = _text(row, "staff_id")
    member = staff.get(staff_id)
    if member is None:
        raise RowRejected("staff_id", staff_id, "unknown member of staff", "unknown_key")
    return member


# --- Reading --------------------------------------------------------------


EXTRA = "(extra fields)"


def _read(
    kind: FileKind, file_name: str, content: bytes
) -> tuple[list[Row], dict[int, RowRejected]]:
    """The rows of a file, and the rows (by number) whose shape is wrong: more fields than
    the header has columns, or too few to reach a required column. Nothing is dropped: the
    extra fields are kept in the row under ``(extra fields)``."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(f"{file_name}: not UTF-8 text (byte {exc.start}).") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in kind.columns if c not in header]
    if missing:
        raise ValidationError(
            f"{file_name}: missing column {', '.join(missing)} (a {kind.name} file needs "
            f"{', '.join(kind.columns)}). Nothing was imported."
        )
    reader.fieldnames = header
    rows: list[Row] = []
    malformed: dict[int, RowRejected] = {}
    for number, raw in enumerate(reader, start=1):
        extra = raw.pop(None, None)
        row: Row = {k: (v or "") for k, v in raw.items()}
        if extra:
            row[EXTRA] = ",".join(str(v) for v in extra)
            malformed[number] = RowRejected(
                None,
                row[EXTRA][:500],
                f"more fields than the header has columns ({len(header) + len(extra)} fields, "
                f"{len(header)} columns)",
                "malformed_row",
            )
        else:
            short = [c for c in kind.columns if raw.get(c) is None]
            if short:
                malformed[number] = RowRejected(
                    short[0],
                    None,
                    f"fewer fields than the header has columns (no value for {', '.join(short)})",
                    "malformed_row",
                )
        rows.append(row)
    return rows, malformed


Validator = Callable[[Row, int], Any]
Writer = Callable[[list[Any], HrImport], None]


def _run(
    *,
    actor: User | None,
    actor_label: str,
    kind: FileKind,
    file_name: str,
    rows: list[Row],
    validate: Validator,
    write: Writer,
    detail: Callable[[list[Any]], dict[str, Any]] | None = None,
    malformed: dict[int, RowRejected] | None = None,
    whole_file: bool = False,
    export_id: str = "",
    date_shift_days: int = 0,
) -> ImportResult:
    """Validate every row and write what is accepted, with the rejected rows and the audit
    record, in one transaction. ``whole_file``: any rejected row refuses the file (the run
    and its rejected rows are kept, nothing is written)."""
    accepted: list[Any] = []
    problems: list[Problem] = []
    rejected: list[tuple[int, Row, Problem]] = []
    for number, row in enumerate(rows, start=1):
        try:
            if malformed and number in malformed:
                raise malformed[number]
            accepted.append(validate(row, number))
        except RowRejected as exc:
            problem = Problem(
                "error", kind.name, file_name, number, exc.column, exc.value, exc.reason, exc.code
            )
            problems.append(problem)
            rejected.append((number, row, problem))
    refused = whole_file and bool(rejected)
    with transaction.atomic():
        run = HrImport.objects.create(
            kind=kind.name,
            file_name=file_name[:255],
            rows_read=len(rows),
            accepted=len(accepted),
            rejected=len(rejected),
            imported_by=actor,
            imported_by_label=actor_label[:150],
            refused=refused,
            export_id=export_id[:120],
            date_shift_days=date_shift_days,
        )
        if not refused:
            write(accepted, run)
        HrRejectedRow.objects.bulk_create(
            HrRejectedRow(
                run=run,
                row=n,
                column=p.column or "",
                value=(p.value or "")[:500],
                reason=p.reason[:500],
                raw=row,
            )
            for n, row, p in rejected
        )
        audit_append(
            actor=actor,
            actor_label=actor_label,
            event=f"vetting.imported_{kind.name}",
            category=AuditCategory.COLLECTION,
            object_type="hr_import",
            object_id=str(run.pk),
            reason=file_name[:200],
            detail={
                "read": len(rows),
                "accepted": len(accepted),
                "rejected": len(rejected),
                **({"refused": True} if refused else {}),
                **({"date_shift_days": date_shift_days} if date_shift_days else {}),
                **(detail(accepted) if detail and not refused else {}),
            },
        )
    return ImportResult(run, problems)


def _duplicates(key: Callable[[Row], Any], column: str, label: str) -> Callable[[Row, int], None]:
    """A check that rejects a row whose key was already seen on an earlier row of the file."""
    seen: dict[Any, int] = {}

    def check(row: Row, number: int) -> None:
        k = key(row)
        if k in seen:
            raise RowRejected(
                column,
                (row.get(column) or "").strip(),
                f"duplicate {label}: also on row {seen[k]}",
                "duplicate_key",
            )
        seen[k] = number

    return check


# --- The files ------------------------------------------------------------


def _people(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    duplicate = _duplicates(lambda r: (r.get("staff_id") or "").strip(), "staff_id", "person")

    def validate(row: Row, number: int) -> dict[str, Any]:
        staff_id, name = _text(row, "staff_id"), _text(row, "name")
        born, joined = _date(row, "date_of_birth"), _date(row, "joined_on", required=False)
        _not_future(born, "date_of_birth", today)
        _not_future(joined, "joined_on", today)
        if born and joined and joined <= born:
            raise RowRejected("joined_on", str(joined), "impossible date: before birth", "bad_date")
        duplicate(row, number)
        return {
            "staff_id": staff_id,
            "name": name,
            "date_of_birth": born,
            "role": _text(row, "role"),
            "rank": _text(row, "rank"),
            "team_id": _text(row, "team_id"),
            "area": _text(row, "area"),
            "joined_on": joined,
        }

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        left = dict(
            StaffMember.objects.filter(staff_id__in=[a["staff_id"] for a in accepted])
            .exclude(left_on=None)
            .values_list("staff_id", "left_on")
        )
        synced = staff_directory_sync({**a, "left_on": left.get(a["staff_id"])} for a in accepted)
        existing = {
            p.staff_id: p for p in PersonnelDetail.objects.filter(staff__in=synced.values())
        }
        new, changed = [], []
        for a in accepted:
            member = synced[a["staff_id"]]
            detail = existing.get(member.pk)
            if detail is None:
                new.append(PersonnelDetail(staff=member, date_of_birth=a["date_of_birth"]))
            elif detail.date_of_birth != a["date_of_birth"]:
                detail.date_of_birth = a["date_of_birth"]
                changed.append(detail)
        PersonnelDetail.objects.bulk_create(new, batch_size=1000)
        PersonnelDetail.objects.bulk_update(changed, ["date_of_birth"], batch_size=1000)

    return validate, write


def _posts(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    duplicate = _duplicates(lambda r: (r.get("post_id") or "").strip(), "post_id", "post")

    def validate(row: Row, number: int) -> dict[str, Any]:
        values = {
            "post_id": _text(row, "post_id"),
            "title": _text(row, "title"),
            "unit": _text(row, "unit"),
            "area": _text(row, "area"),
            "high_contact": _flag(row, "high_contact"),
            "required_level": _level(row, "required_level"),
        }
        duplicate(row, number)
        return values

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        for a in accepted:
            Post.objects.update_or_create(post_id=a.pop("post_id"), defaults=a)

    return validate, write


def _staff_map(rows: list[Row]) -> dict[str, StaffMember]:
    ids = {(r.get("staff_id") or "").strip() for r in rows}
    return {s.staff_id: s for s in StaffMember.objects.filter(staff_id__in=ids)}


def _postings(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    staff = _staff_map(rows)
    posts = {p.post_id: p for p in Post.objects.all()}
    duplicate = _duplicates(
        lambda r: tuple((r.get(c) or "").strip() for c in ("staff_id", "post_id", "started_on")),
        "staff_id",
        "posting",
    )

    def validate(row: Row, number: int) -> dict[str, Any]:
        member = _staff(row, staff)
        post_id = _text(row, "post_id")
        if post_id not in posts:
            raise RowRejected("post_id", post_id, "unknown post", "unknown_key")
        started, ended = _date(row, "started_on"), _date(row, "ended_on", required=False)
        assert started is not None
        if ended is not None and ended < started:
            raise RowRejected(
                "ended_on", str(ended), "impossible date: before started_on", "bad_date"
            )
        if member.joined_on and started < member.joined_on:
            raise RowRejected(
                "started_on", str(started), "impossible date: before the person joined", "bad_date"
            )
        duplicate(row, number)
        return {"staff": member, "post": posts[post_id], "started_on": started, "ended_on": ended}

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        for a in accepted:
            Posting.objects.update_or_create(
                staff=a["staff"],
                post=a["post"],
                started_on=a["started_on"],
                defaults={"ended_on": a["ended_on"]},
            )

    return validate, write


def _clearances(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    staff = _staff_map(rows)
    duplicate = _duplicates(
        lambda r: tuple(
            (r.get(c) or "").strip().upper() for c in ("staff_id", "level", "granted_on")
        ),
        "staff_id",
        "clearance",
    )

    def validate(row: Row, number: int) -> dict[str, Any]:
        member, level = _staff(row, staff), _level(row, "level")
        granted = _date(row, "granted_on")
        assert granted is not None
        _not_future(granted, "granted_on", today)
        expires = _date(row, "expires_on", required=False) or clearance_expiry_for(level, granted)
        if expires <= granted:
            raise RowRejected(
                "expires_on", str(expires), "impossible date: not after granted_on", "bad_date"
            )
        duplicate(row, number)
        return {
            "staff": member,
            "level": level,
            "granted_on": granted,
            "expires_on": expires,
            "conditions": _text(row, "conditions", required=False),
            "decided_by_label": _text(row, "decided_by", required=False)[:150] or "HR export",
            "rationale": _text(row, "rationale", required=False)
            or "Recorded in the force's HR system before Lantern.",
        }

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        for a in sorted(accepted, key=lambda a: a["granted_on"]):
            _, created = Clearance.objects.get_or_create(
                staff=a["staff"],
                level=a["level"],
                granted_on=a["granted_on"],
                defaults={**a, "source": ClearanceSource.HR_IMPORT},
            )
            if created:
                Clearance.objects.filter(
                    staff=a["staff"],
                    level=a["level"],
                    status=ClearanceStatus.ACTIVE,
                    granted_on__lt=a["granted_on"],
                ).update(
                    status=ClearanceStatus.SUPERSEDED,
                    ended_on=a["granted_on"],
                    end_reason="Renewed (HR export).",
                )

    return validate, write


def _records(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    staff = _staff_map(rows)

    def validate(row: Row, number: int) -> dict[str, Any]:
        member = _staff(row, staff)
        kind = _choice(row, "kind", RecordKind.values)
        on = _date(row, "recorded_on")
        _not_future(on, "recorded_on", today)
        return {
            "staff": member,
            "kind": kind,
            "recorded_on": on,
            "summary": _text(row, "summary")[:500],
            "outcome": _text(row, "outcome", required=False)[:200],
        }

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        for a in accepted:
            HrRecord.objects.update_or_create(
                staff=a["staff"],
                kind=a["kind"],
                recorded_on=a["recorded_on"],
                summary=a["summary"],
                defaults={"outcome": a["outcome"]},
            )

    return validate, write


def _declarations(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    staff = _staff_map(rows)

    def validate(row: Row, number: int) -> dict[str, Any]:
        member = _staff(row, staff)
        kind = _choice(row, "kind", DeclarationKind.values)
        on = _date(row, "submitted_on")
        assert on is not None
        _not_future(on, "submitted_on", today)
        decision = _choice(
            row, "decision", DeclarationDecision.values, default=DeclarationDecision.PENDING
        )
        rationale = _text(row, "rationale", required=False)
        if decision != DeclarationDecision.PENDING and not rationale:
            raise RowRejected(
                "rationale", "", "a decided declaration needs its rationale", "missing_value"
            )
        return {
            "staff": member,
            "kind": kind,
            "description": _text(row, "description"),
            "submitted_on": on,
            "decision": decision,
            "rationale": rationale,
            "conditions": _text(row, "conditions", required=False),
            "decided_by_label": _text(row, "decided_by", required=False)[:150],
        }

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        for a in accepted:
            at = day_start(a.pop("submitted_on"))
            decided = a["decision"] != DeclarationDecision.PENDING
            Declaration.objects.get_or_create(
                staff=a["staff"],
                kind=a["kind"],
                description=a["description"],
                submitted_at=at,
                defaults={
                    **a,
                    "decided_at": at if decided else None,
                    "decided_by_label": a["decided_by_label"] or ("HR" if decided else ""),
                },
            )

    return validate, write


def _leavers(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    staff = _staff_map(rows)
    duplicate = _duplicates(lambda r: (r.get("staff_id") or "").strip(), "staff_id", "leaver")

    def validate(row: Row, number: int) -> dict[str, Any]:
        member = _staff(row, staff)
        left = _date(row, "left_on")
        assert left is not None
        _not_future(left, "left_on", today)
        if member.joined_on and left < member.joined_on:
            raise RowRejected(
                "left_on", str(left), "impossible date: before the person joined", "bad_date"
            )
        duplicate(row, number)
        return {
            "staff": member,
            "left_on": left,
            "reason": _text(row, "reason", required=False) or "Left the force",
        }

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        for a in accepted:
            member: StaffMember = a["staff"]
            member.left_on = a["left_on"]
            member.save(update_fields=["left_on"])
            Posting.objects.filter(staff=member, ended_on=None).update(ended_on=a["left_on"])
            Posting.objects.filter(staff=member, ended_on__gt=a["left_on"]).update(
                ended_on=a["left_on"]
            )
            Clearance.objects.filter(staff=member, status=ClearanceStatus.ACTIVE).update(
                status=ClearanceStatus.LEFT,
                ended_on=a["left_on"],
                end_reason=f"HR leaver feed: {a['reason']}"[:500],
            )

    return validate, write


def _leavers_detail(accepted: list[dict[str, Any]]) -> dict[str, Any]:
    return {"leavers": [a["staff"].staff_id for a in accepted]}


def _lists(rows: list[Row], today: date) -> tuple[Validator, Writer]:
    def validate(row: Row, number: int) -> dict[str, Any]:
        kind = _choice(row, "list", ListKind.values)
        born = _date(row, "date_of_birth")
        _not_future(born, "date_of_birth", today)
        listed = _date(row, "listed_on", required=False)
        _not_future(listed, "listed_on", today)
        return {
            "kind": kind,
            "surname": _text(row, "surname")[:100],
            "forenames": _text(row, "forenames")[:200],
            "date_of_birth": born,
            "former_force": _text(row, "former_force", required=False)[:120],
            "reason": _text(row, "reason", required=False)[:300],
            "listed_on": listed,
        }

    def write(accepted: list[dict[str, Any]], run: HrImport) -> None:
        # Each extract is the full current list: it replaces the list(s) it contains. Only
        # ever called with every row valid (whole_file): a rejected row must not drop a person.
        ListEntry.objects.filter(kind__in={a["kind"] for a in accepted}).delete()
        ListEntry.objects.bulk_create(ListEntry(run=run, **a) for a in accepted)

    return validate, write


VALIDATORS: dict[str, Callable[[list[Row], date], tuple[Validator, Writer]]] = {
    "people": _people,
    "posts": _posts,
    "postings": _postings,
    "clearances": _clearances,
    "records": _records,
    "declarations": _declarations,
    "leavers": _leavers,
    "lists": _lists,
}


# The columns that date events in this force's own HR export. The national lists are not
# the force's export (their dates of birth must match other forces' packets): never moved.
DATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "people": ("date_of_birth", "joined_on"),
    "postings": ("started_on", "ended_on"),
    "clearances": ("granted_on", "expires_on"),
    "records": ("recorded_on",),
    "declarations": ("submitted_on",),
    "leavers": ("left_on",),
}


def hr_dates_shift(kind: str, rows: list[Row], days: int) -> None:
    """Move every well-formed date in the kind's date columns by ``days``. Anything that is
    not a date (blank, an impossible '2025-02-30') is left as written, so the import still
    reports it exactly as it came."""
    if not days:
        return
    for row in rows:
        for column in DATE_COLUMNS.get(kind, ()):
            value = (row.get(column) or "").strip()
            try:
                day = date.fromisoformat(value) if len(value) == 10 else None
            except ValueError:
                day = None
            if day is not None:
                row[column] = (day + timedelta(days=days)).isoformat()


def hr_export_date_shift(*, export_id: str, exported_as_of: date, today: date) -> int:
    """How many days to move an export's dates so it reads as taken today: fixed at the first
    import of that export, so importing it again on a later day changes nothing."""
    first = HrImport.objects.filter(export_id=export_id).order_by("imported_at", "pk").first()
    return first.date_shift_days if first is not None else (today - exported_as_of).days


def hr_file_import(
    *,
    actor: User | None,
    kind: str,
    file_name: str,
    content: bytes,
    actor_label: str | None = None,
    today: date | None = None,
    export_id: str = "",
    date_shift_days: int = 0,
) -> ImportResult:
    """Import one HR file (or leaver feed, or barred/advisory list extract).

    ``date_shift_days`` moves the export's own dates (``DATE_COLUMNS``) before validation:
    used to bring a synthetic export up to today (``lantern vetting import-hr --as-of-today``).
    """
    if kind not in FILE_KINDS:
        raise ValidationError(f"Unknown kind of file {kind!r}.")
    file_kind = FILE_KINDS[kind]
    rows, malformed = _read(file_kind, file_name, content)
    shift = date_shift_days if kind in DATE_COLUMNS else 0
    hr_dates_shift(kind, rows, shift)
    validate, write = VALIDATORS[kind](rows, today or timezone.localdate())
    label = actor_label or (actor.username if actor else "system")
    detail = _leavers_detail if kind == "leavers" else None
    return _run(
        actor=actor,
        actor_label=label,
        kind=file_kind,
        file_name=file_name,
        rows=rows,
        validate=validate,
        write=write,
        detail=detail,
        malformed=malformed,
        whole_file=kind == "lists",
        export_id=export_id,
        date_shift_days=shift,
    )
