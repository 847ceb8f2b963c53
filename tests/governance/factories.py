"""A small governance dataset with known answers."""

from __future__ import annotations

from datetime import UTC, date, datetime

from lantern.accounts.models import User
from lantern.governance.models import ActionPlan, Recommendation
from lantern.governance.services import (
    action_plan_add,
    evidence_link_add,
    plan_update_add,
    recommendation_create,
)


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=UTC)


def recommendation_with_plans(head: User, owner: User) -> tuple[Recommendation, list[ActionPlan]]:
    """R1 (deadline 2026-06-30) with three plans, each with a known history."""
    rec = recommendation_create(actor=head, reference="R1", kind="recommendation",
                                source_report="Inspection 2025", text="Monitor all IT use.",
                                deadline=date(2026, 6, 30), at=at("2026-01-02"))  # fmt: skip
    a = action_plan_add(actor=head, recommendation=rec, action="Plan A", owner=owner,
                        due_on=date(2026, 3, 31), at=at("2026-01-05"))  # fmt: skip
    plan_update_add(actor=owner, plan=a, status="on_track", text="Going well, per Helen",
                    at=at("2026-02-01"))  # fmt: skip
    plan_update_add(actor=owner, plan=a, status="complete", text="Done", at=at("2026-04-10"))
    b = action_plan_add(actor=head, recommendation=rec, action="Plan B", owner=owner,
                        due_on=date(2026, 5, 31), at=at("2026-01-05"))  # fmt: skip
    plan_update_add(actor=owner, plan=b, status="at_risk", text="Supplier late",
                    at=at("2026-03-01"))  # fmt: skip
    evidence_link_add(actor=owner, plan=b, kind="lantern", label="Queue", target="/alerts/",
                      at=at("2026-03-02"))  # fmt: skip
    c = action_plan_add(actor=head, recommendation=rec, action="Plan C", owner=owner,
                        due_on=date(2026, 12, 31), at=at("2026-05-01"))  # fmt: skip
    recommendation_create(actor=head, reference="AFI1", kind="afi", source_report="Letter",
                          text="Review encrypted apps.", at=at("2026-01-02"))  # fmt: skip
    return rec, [a, b, c]
