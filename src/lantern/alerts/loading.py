"""Loading a monitoring run's alerts, with their evidence, into the triage database.

Idempotent: an alert already loaded (same ``alert_id``) is left as it is, with
its decisions. An alert matching an active recorded explanation is loaded as
suppressed, visibly, so revoking the explanation puts it back in the queue.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from lantern.accounts.models import User
from lantern.alerts.evidence_fetch import AlertContext, alert_context_fetch
from lantern.alerts.models import (
    Alert,
    AlertEvidence,
    AlertIndicator,
    AlertStatus,
    EvidenceKind,
    RecordedExplanation,
    ScanRun,
)
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.engine.scan import explanations_path_for, summary_path_for
from lantern.force.services import persons_sync, staff_directory_sync

REQUIRED_FIELDS = (
    "alert_id",
    "staff_id",
    "score",
    "category",
    "indicators",
    "first_seen",
    "last_seen",
)


class AlertsFileError(ValueError):
    """The alerts file does not follow the data contract; names the line and field."""


@dataclass(frozen=True)
class AlertRecord:
    alert_id: str
    staff_id: str
    person_id: str | None
    score: float
    category: str
    indicators: list[dict[str, Any]]
    first_seen: datetime
    last_seen: datetime

    @property
    def evidence_ids(self) -> set[str]:
        return {str(e) for i in self.indicators for e in i.get("evidence", [])}


def _instant(value: Any, line: int, name: str) -> datetime:
    parsed = parse_datetime(str(value)) if value is not None else None
    if parsed is None or parsed.tzinfo is None:
        raise AlertsFileError(
            f"line {line}: field {name!r} is not a timestamp with offset: {value!r}"
        )
    return parsed


def alerts_file_read(path: Path) -> list[AlertRecord]:
    records = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AlertsFileError(f"{path}: line {line_no}: not JSON ({exc.msg})") from exc
            missing = [f for f in REQUIRED_FIELDS if f not in raw]
            if missing:
                raise AlertsFileError(f"{path}: line {line_no}: missing {', '.join(missing)}")
            records.append(AlertRecord(
                alert_id=str(raw["alert_id"]), staff_id=str(raw["staff_id"]),
                person_id=str(raw["person_id"]) if raw.get("person_id") else None,
                score=float(raw["score"]), category=str(raw["category"]),
                indicators=list(raw["indicators"]),
                first_seen=_instant(raw["first_seen"], line_no, "first_seen"),
                last_seen=_instant(raw["last_seen"], line_no, "last_seen"),
            ))  # fmt: skip
    return records


def alerts_load(
    *,
    actor: User | None,
    alerts_path: Path,
    clean_dir: Path | None = None,
    dataset: Path | None = None,
) -> ScanRun:
    """Load ``alerts_path``; evidence comes from ``clean_dir`` (or ``dataset``, ingested first)."""
    records = alerts_file_read(alerts_path)
    known = set(
        Alert.objects.filter(alert_id__in=[r.alert_id for r in records]).values_list(
            "alert_id", flat=True
        )
    )
    fresh = [r for r in records if r.alert_id not in known]
    if not fresh:  # nothing new: no need to read the dataset again
        return _load(actor, alerts_path, records, fresh, None)
    if clean_dir is None:
        if dataset is None:
            raise ValueError("Give the scanned dataset or its clean directory.")
        from lantern.contract.ingest import ingest_dataset

        with tempfile.TemporaryDirectory(prefix="lantern-load-") as work:
            clean = Path(work) / "clean"
            ingest_dataset(dataset, clean)
            return _load(actor, alerts_path, records, fresh, clean)
    return _load(actor, alerts_path, records, fresh, clean_dir)


def _load(
    actor: User | None,
    source: Path,
    records: list[AlertRecord],
    fresh: list[AlertRecord],
    clean: Path | None,
) -> ScanRun:
    ctx = AlertContext()
    if clean is not None:
        ctx = alert_context_fetch(
            clean,
            [(r.staff_id, r.person_id) for r in fresh],
            {e for r in fresh for e in r.evidence_ids},
        )
    with transaction.atomic():
        staff = staff_directory_sync(ctx.staff)
        persons = persons_sync(ctx.persons)
        run = ScanRun.objects.create(
            source=str(source), alerts_read=len(records), summary=_run_summary(source)
        )
        explanations = _active_explanations()
        paths = _explanation_paths(source)
        suppressed = 0
        for record in fresh:
            alert = _alert_create(run, record, staff, persons, explanations)
            suppressed += alert.status == AlertStatus.SUPPRESSED
            AlertEvidence.objects.bulk_create(_timeline(alert, record, ctx, paths))
        run.alerts_new, run.alerts_suppressed = len(fresh), suppressed
        run.save(update_fields=["alerts_new", "alerts_suppressed"])
        audit_append(
            actor=actor,
            event="alerts.loaded",
            category=AuditCategory.COLLECTION,
            object_type="scan_run",
            object_id=str(run.pk),
            reason=str(source)[:200],
            detail={"read": len(records), "new": len(fresh), "suppressed": suppressed},
        )
    return run


def _active_explanations() -> dict[tuple[int, int | None], RecordedExplanation]:
    today = timezone.localdate()
    active = RecordedExplanation.objects.filter(revoked_at__isnull=True, expires_on__gte=today)
    return {(e.staff_id, e.person_id): e for e in active}


def _alert_create(
    run: ScanRun,
    record: AlertRecord,
    staff: dict[str, Any],
    persons: dict[str, Any],
    explanations: dict[tuple[int, int | None], RecordedExplanation],
) -> Alert:
    member = staff.get(record.staff_id)
    if member is None:
        raise AlertsFileError(
            f"alert {record.alert_id}: staff {record.staff_id!r} is not in the staff table"
        )
    person = persons.get(record.person_id) if record.person_id else None
    explanation = explanations.get((member.pk, person.pk if person else None))
    alert = Alert.objects.create(
        alert_id=record.alert_id,
        run=run,
        staff=member,
        person=person,
        score=record.score,
        category=record.category,
        indicators=record.indicators,
        summary=summary_join(str(i.get("summary", "")) for i in record.indicators),
        first_seen=record.first_seen,
        last_seen=record.last_seen,
        status=AlertStatus.SUPPRESSED if explanation else AlertStatus.NEW,
        suppressed_by=explanation,
    )
    weights: dict[str, float] = {}
    for i in record.indicators:
        code = str(i.get("code"))
        weights[code] = max(weights.get(code, 0.0), float(i.get("weight") or 0.0))
    AlertIndicator.objects.bulk_create(
        AlertIndicator(alert=alert, code=c, weight=w) for c, w in weights.items()
    )
    return alert


def _run_summary(alerts_path: Path) -> dict[str, Any]:
    """The scan's run summary beside the alerts file ({} when there is none)."""
    path = summary_path_for(alerts_path)
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return summary if isinstance(summary, dict) else {}


def summary_join(parts: Iterable[str]) -> str:
    """Indicator summaries as one paragraph: sentences run on, fragments get semicolons."""
    text = ""
    for part in (p.strip() for p in parts if p.strip()):
        text += part if not text else (" " if text.endswith(".") else "; ") + part
    return text


def _on_duty(staff_id: str, at: datetime, ctx: AlertContext) -> bool | None:
    periods = [d for d in ctx.duties if d["staff_id"] == staff_id]
    if not periods:
        return None
    return any(d["start_at"] <= at <= d["end_at"] for d in periods)


# How the engine's explanation paths read on the evidence timeline.
PATH_WORDS = {
    "assigned": "assigned to an occurrence involving this person at the time",
    "own_occurrence": (
        "working in an occurrence that involves this person and is assigned to them"
    ),
    "supervision": ("supervising a team member assigned to this person's occurrence (on duty)"),
    "linked_person": ("this person shares an occurrence with someone in their own current work"),
}


def explanation_words(path: str | None) -> str:
    """Plain words for the path the engine recorded (``duty:<template>`` for a role duty)."""
    if path is None:
        return "not cited by any indicator (the scan recorded no explanation path)"
    if path.startswith("duty:"):
        kind, _, detail = path.removeprefix("duty:").partition(":")
        duty = {
            "claimed_open": f"working in an open {detail.replace('_', ' ')} occurrence "
            "that involves this person",
            "reasoned_check": f"a {detail.upper()} check with a reason given",
        }.get(kind, path.removeprefix("duty:"))
        return f"a duty of the role, measured across its staff ({duty}, on duty)"
    return PATH_WORDS.get(path, path.replace("_", " "))


def _explanation_paths(alerts_path: Path) -> dict[str, str]:
    """event_id -> path, from the scan's explanations file ({} when there is none)."""
    path = explanations_path_for(alerts_path)
    paths: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return paths
    for line in lines:
        try:
            row = json.loads(line)
            paths[str(row["event_id"])] = str(row["path"])
        except (ValueError, KeyError, TypeError):
            continue
    return paths


def _timeline(
    alert: Alert, record: AlertRecord, ctx: AlertContext, paths: dict[str, str]
) -> list[AlertEvidence]:
    cited: dict[str, list[str]] = defaultdict(list)
    for indicator in record.indicators:
        for ref in indicator.get("evidence", []):
            cited[str(ref)].append(str(indicator.get("code")))
    items = []
    for a in ctx.accesses:
        if a["staff_id"] != record.staff_id or (
            a["event_id"] not in cited and a["person_id"] != record.person_id
        ):
            continue
        items.append(_access_item(alert, a, cited, ctx, paths))
    for c in ctx.contacts:
        if c["staff_id"] == record.staff_id and (
            c["comm_id"] in cited or (record.person_id and c["person_id"] == record.person_id)
        ):
            items.append(_contact_item(alert, c, cited, ctx))
    items += _context_items(alert, record, ctx)
    return items


def _access_item(
    alert: Alert,
    a: dict[str, Any],
    cited: dict[str, list[str]],
    ctx: AlertContext,
    paths: dict[str, str],
) -> AlertEvidence:
    codes = cited.get(a["event_id"], [])
    claimed = f", working in occurrence {a['occurrence_id']}" if a.get("occurrence_id") else ""
    reason = f", reason given: “{a['reason']}”" if a.get("reason") else ""
    how = "" if codes else explanation_words(paths.get(a["event_id"]))
    return AlertEvidence(
        alert=alert,
        kind=EvidenceKind.ACCESS,
        ref_id=a["event_id"],
        at=a["ts"],
        description=(
            f"{a['action'].title()} on {a['system'].upper()} of person {a['person_id']}"
            f"{claimed}{reason}"
        ),
        explained=not codes,
        explanation=how,
        indicator_codes=codes,
        off_duty=_off(a["staff_id"], a["ts"], ctx),
    )


def _off(staff_id: str, at: datetime, ctx: AlertContext) -> bool | None:
    on = _on_duty(staff_id, at, ctx)
    return None if on is None else not on


def _contact_item(
    alert: Alert, c: dict[str, Any], cited: dict[str, list[str]], ctx: AlertContext
) -> AlertEvidence:
    codes = cited.get(c["comm_id"], [])
    length = f", {c['duration_s']} s" if c.get("duration_s") else ""
    way = "to" if c["direction"] == "outbound" else "from"
    who = f"person {c['person_id']}'s number" if c.get("person_id") else "an unlisted number"
    return AlertEvidence(
        alert=alert,
        kind=EvidenceKind.COMMUNICATION,
        ref_id=c["comm_id"],
        at=c["ts"],
        description=f"{c['channel'].replace('_', ' ').title()} {way} {who}{length}",
        explained=not codes,
        explanation=""
        if codes
        else "within their involvement with this person (not cited by any indicator)",
        indicator_codes=codes,
        off_duty=_off(c["staff_id"], c["ts"], ctx),
    )


def _context_items(alert: Alert, record: AlertRecord, ctx: AlertContext) -> list[AlertEvidence]:
    items = []
    for o in ctx.occurrences:
        if o["person_id"] == record.person_id:
            items.append(AlertEvidence(
                alert=alert, kind=EvidenceKind.OCCURRENCE, ref_id=o["occurrence_id"],
                at=o["reported_at"], until=o["closed_at"],
                description=f"Occurrence {o['occurrence_id']} ({o['category'].replace('_', ' ')}) "
                            f"in {o['area']}; the person is {o['person_role'].replace('_', ' ')}",
            ))  # fmt: skip
    occurrence_ids = {
        o["occurrence_id"] for o in ctx.occurrences if o["person_id"] == record.person_id
    }
    for a in ctx.assignments:
        if a["staff_id"] == record.staff_id and a["occurrence_id"] in occurrence_ids:
            items.append(AlertEvidence(
                alert=alert, kind=EvidenceKind.ASSIGNMENT, ref_id=a["occurrence_id"],
                at=a["assigned_at"], until=a["released_at"],
                description=(
                    f"Assigned as {a['role'].replace('_', ' ')} to occurrence {a['occurrence_id']}"
                ),
            ))  # fmt: skip
    for d in ctx.duties:
        if d["staff_id"] == record.staff_id:
            items.append(AlertEvidence(
                alert=alert, kind=EvidenceKind.DUTY, ref_id=f"{d['start_at']:%Y%m%d%H%M}",
                at=d["start_at"], until=d["end_at"], description="On duty",
            ))  # fmt: skip
    return items
