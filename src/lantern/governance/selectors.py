"""Reading governance: the unit and the governance viewer (PCC office), audited.

The governance viewer reads aggregates and progress only: the pages built for
that role receive no owner, update text, evidence target or record link, so
they cannot show a name. Exports and PDF packs are audited as disclosures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditCategory
from lantern.audit.services import audit_append
from lantern.governance.devices_summary import DevicesSummary, devices_summary
from lantern.governance.figures import UnitFigures, unit_figures
from lantern.governance.models import Recommendation
from lantern.governance.progress import (
    PlanProgress,
    RecommendationProgress,
    overdue_actions,
    progress_as_of,
    rag_summary,
)
from lantern.governance.suppression import threshold
from lantern.strategy.periods import complete_quarter_end, quarter_note

READERS = frozenset({Role.HEAD_OF_PSD, Role.ANALYST, Role.GOVERNANCE})
UNIT = frozenset({Role.HEAD_OF_PSD, Role.ANALYST})
EXPORT_SCHEMA = "lantern.governance.progress/1"


def _require(viewer: User | None, roles: frozenset[Role]) -> None:
    if viewer is not None and not viewer.roles & roles:
        raise PermissionDenied("Your roles do not include governance.")


def is_unit(viewer: User) -> bool:
    return bool(viewer.roles & UNIT)


def pack_as_of(viewer: User | None, requested: date) -> tuple[date, str]:
    """The date a pack or export is as at, and why it differs from ``requested``.

    Never after today. Outside the unit (the governance viewer, or no user: the command
    line's files, which are for the meeting), the end of the last complete quarter, so two
    packs differ by whole quarters only and a month's or a day's figures cannot be had by
    subtraction. The unit's own packs keep the day asked for (counted to the last complete
    month, ``figures.counting_cutoff``).
    """
    today = timezone.localdate()
    requested = min(requested, today)
    if viewer is not None and is_unit(viewer):
        return requested, ""
    used = complete_quarter_end(requested, today)
    return used, quarter_note(requested, used)


def governance_register(*, viewer: User, as_of: date) -> list[RecommendationProgress]:
    _require(viewer, READERS)
    progress = progress_as_of(as_of)
    audit_append(
        actor=viewer, event="governance.register_viewed", category=AuditCategory.CONSULTATION,
        object_type="governance_register", detail={"as_of": as_of.isoformat()},
    )  # fmt: skip
    return progress


def recommendation_detail(*, viewer: User, recommendation_pk: str) -> Recommendation:
    _require(viewer, UNIT)
    rec = (
        Recommendation.objects.filter(pk=recommendation_pk)
        .prefetch_related("plans__updates__written_by", "plans__evidence", "plans__owner")
        .first()
    )
    if rec is None:
        raise Http404("No such recommendation.")
    audit_append(
        actor=viewer, event="governance.recommendation_viewed",
        category=AuditCategory.CONSULTATION, object_type="recommendation", object_id=str(rec.pk),
    )  # fmt: skip
    return rec


@dataclass(frozen=True)
class Pack:
    as_of: date
    generated_at: Any
    progress: list[RecommendationProgress]
    rag: list[tuple[str, str, int]]
    overdue: list[tuple[RecommendationProgress, PlanProgress]]
    figures: UnitFigures
    devices: DevicesSummary | None
    threshold: int
    requested_as_of: date | None = None
    as_of_note: str = ""  # why ``as_of`` is not the date asked for


def pack_read(*, viewer: User | None, as_of: date, fmt: str) -> Pack:
    """The governance-meeting pack for ``as_of``; ``fmt`` is "html" (read) or "pdf" (disclosed)."""
    _require(viewer, READERS)
    requested = min(as_of, timezone.localdate())
    as_of, note = pack_as_of(viewer, as_of)
    progress = progress_as_of(as_of)
    pack = Pack(
        as_of=as_of, generated_at=timezone.now(), progress=progress, rag=rag_summary(progress),
        overdue=overdue_actions(progress), figures=unit_figures(as_of),
        devices=devices_summary(as_of), threshold=threshold(), requested_as_of=requested,
        as_of_note=note,
    )  # fmt: skip
    audit_append(
        actor=viewer, actor_label=None if viewer else "lantern governance pack",
        event="governance.pack_viewed" if fmt == "html" else "governance.pack_disclosed",
        category=AuditCategory.CONSULTATION if fmt == "html" else AuditCategory.DISCLOSURE,
        object_type="governance_pack",
        detail={"as_of": as_of.isoformat(), "format": fmt,
                "as_of_requested": requested.isoformat()},
    )  # fmt: skip
    return pack


EXPORT_COLUMNS: tuple[str, ...] = (
    "reference", "kind", "source_report", "recommendation", "deadline", "rag", "action",
    "due_on", "status", "last_update_on", "updates", "evidence_items",
)  # fmt: skip


def progress_export(*, viewer: User | None, as_of: date, fmt: str) -> dict[str, Any]:
    """Progress for the inspectorate: no names, no record links; a disclosure."""
    _require(viewer, READERS)
    requested = min(as_of, timezone.localdate())
    as_of, note = pack_as_of(viewer, as_of)
    progress = progress_as_of(as_of)
    recommendations = [
        {
            "reference": r.reference, "kind": r.kind_label, "source_report": r.source_report,
            "recommendation": r.text, "deadline": r.deadline.isoformat() if r.deadline else None,
            "rag": r.rag_label,
            "plans": [
                {"action": p.action, "due_on": p.due_on.isoformat(), "status": p.status_label,
                 "last_update_on": p.last_update_on.isoformat() if p.last_update_on else None,
                 "updates": p.updates, "evidence_items": p.evidence}
                for p in r.plans
            ],
        }
        for r in progress
    ]  # fmt: skip
    audit_append(
        actor=viewer, actor_label=None if viewer else "lantern governance export",
        event="governance.progress_exported", category=AuditCategory.DISCLOSURE,
        object_type="governance_progress",
        detail={"as_of": as_of.isoformat(), "format": fmt, "recommendations": len(progress),
                "as_of_requested": requested.isoformat()},
    )  # fmt: skip
    return {
        "schema": EXPORT_SCHEMA,
        "as_of": as_of.isoformat(),
        "as_of_requested": requested.isoformat(),
        "as_of_note": note,
        "generated_at": timezone.now().isoformat(),
        "recommendations": recommendations,
    }


def export_rows(document: dict[str, Any]) -> list[list[str]]:
    """The export flattened to one row per action plan (a recommendation without one: one row)."""
    rows = [list(EXPORT_COLUMNS)]
    for r in document["recommendations"]:
        head = [r["reference"], r["kind"], r["source_report"], r["recommendation"],
                r["deadline"] or "", r["rag"]]  # fmt: skip
        for p in r["plans"] or [None]:
            tail = ["", "", "", "", "", ""] if p is None else [
                p["action"], p["due_on"], p["status"], p["last_update_on"] or "",
                str(p["updates"]), str(p["evidence_items"])]  # fmt: skip
            rows.append(head + tail)
    return rows
