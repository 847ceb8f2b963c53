"""Progress on each recommendation as it stood at the end of a date.

Statuses come from the updates written on or before the date; "overdue" is
derived (a plan not complete whose due date has passed), never typed. The RAG
rating of a recommendation: complete when every plan is; red when a plan is
overdue, its deadline has passed unmet, or it has no plan at all; amber when a
plan is at risk or not started; green otherwise.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from lantern.accounts.models import User
from lantern.governance.models import ActionPlan, EvidenceLink, PlanUpdate, Recommendation
from lantern.governance.vocabulary import (
    OVERDUE,
    STATUS_LABELS,
    STATUS_ORDER,
    DeclaredStatus,
    FindingKind,
    Rag,
)
from lantern.web.dates import day_end, local_day


@dataclass(frozen=True)
class PlanProgress:
    pk: str
    action: str
    due_on: date
    status: str
    declared: str
    last_update_on: date | None
    updates: int
    evidence: int
    owner: User
    days_overdue: int

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass(frozen=True)
class RecommendationProgress:
    pk: str
    reference: str
    kind: str
    source_report: str
    text: str
    deadline: date | None
    rag: str
    plans: list[PlanProgress] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return FindingKind(self.kind).label

    @property
    def rag_label(self) -> str:
        return Rag(self.rag).label

    @property
    def status_counts(self) -> list[tuple[str, int]]:
        counts = Counter(p.status for p in self.plans)
        return [(STATUS_LABELS[s], counts[s]) for s in STATUS_ORDER if counts[s]]


def plan_status(declared: str, due_on: date, as_of: date) -> str:
    if declared != DeclaredStatus.COMPLETE and due_on < as_of:
        return OVERDUE
    return declared


def rag_of(plans: list[PlanProgress], deadline: date | None, as_of: date) -> str:
    if plans and all(p.status == DeclaredStatus.COMPLETE for p in plans):
        return Rag.COMPLETE
    if not plans or any(p.status == OVERDUE for p in plans):
        return Rag.RED
    if deadline is not None and deadline < as_of:
        return Rag.RED
    if any(p.status in (DeclaredStatus.AT_RISK, DeclaredStatus.NOT_STARTED) for p in plans):
        return Rag.AMBER
    return Rag.GREEN


def progress_as_of(as_of: date) -> list[RecommendationProgress]:
    cutoff = day_end(as_of)
    plans_by_rec: dict[str, list[PlanProgress]] = {}
    updates: dict[str, list[PlanUpdate]] = {}
    for u in PlanUpdate.objects.filter(at__lte=cutoff).order_by("at", "id"):
        updates.setdefault(str(u.plan_id), []).append(u)
    evidence = Counter(
        str(pk) for pk in EvidenceLink.objects.filter(added_at__lte=cutoff).values_list(
            "plan_id", flat=True
        )
    )  # fmt: skip
    plans = ActionPlan.objects.filter(created_at__lte=cutoff).select_related("owner")
    for plan in plans:
        history = updates.get(str(plan.pk), [])
        declared = history[-1].status if history else DeclaredStatus.NOT_STARTED
        status = plan_status(declared, plan.due_on, as_of)
        plans_by_rec.setdefault(str(plan.recommendation_id), []).append(PlanProgress(
            pk=str(plan.pk), action=plan.action, due_on=plan.due_on, status=status,
            declared=declared, last_update_on=local_day(history[-1].at) if history else None,
            updates=len(history), evidence=evidence[str(plan.pk)], owner=plan.owner,
            days_overdue=(as_of - plan.due_on).days if status == OVERDUE else 0,
        ))  # fmt: skip
    result = []
    for rec in Recommendation.objects.filter(created_at__lte=cutoff):
        own = plans_by_rec.get(str(rec.pk), [])
        result.append(RecommendationProgress(
            pk=str(rec.pk), reference=rec.reference, kind=rec.kind,
            source_report=rec.source_report, text=rec.text, deadline=rec.deadline,
            rag=rag_of(own, rec.deadline, as_of), plans=own,
        ))  # fmt: skip
    return result


def rag_summary(progress: list[RecommendationProgress]) -> list[tuple[str, str, int]]:
    counts = Counter(r.rag for r in progress)
    return [(code, label, counts[code]) for code, label in Rag.choices]


def overdue_actions(
    progress: list[RecommendationProgress],
) -> list[tuple[RecommendationProgress, PlanProgress]]:
    rows = [(r, p) for r in progress for p in r.plans if p.status == OVERDUE]
    return sorted(rows, key=lambda rp: (-rp[1].days_overdue, rp[0].reference))
