"""Progress as at a date: statuses from dated updates, overdue derived, RAG, services."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.governance.progress import overdue_actions, progress_as_of, rag_summary
from lantern.governance.services import evidence_link_add, plan_update_add
from tests.factories import account_make
from tests.governance.factories import recommendation_with_plans

pytestmark = pytest.mark.django_db


def _statuses(as_of: date) -> dict[str, tuple[str, str]]:
    progress = {r.reference: r for r in progress_as_of(as_of)}
    return {p.action: (p.status, progress["R1"].rag) for p in progress["R1"].plans}


def test_status_as_at_each_date_follows_the_updates_of_that_date() -> None:
    head = account_make(Role.HEAD_OF_PSD).user
    recommendation_with_plans(head, head)
    assert [r.reference for r in progress_as_of(date(2026, 1, 1))] == []
    # 15 Feb: A on track, B not started (no update yet), C not yet agreed.
    assert _statuses(date(2026, 2, 15)) == {"Plan A": ("on_track", "amber"),
                                            "Plan B": ("not_started", "amber")}  # fmt: skip
    # 5 April: A's due date passed before its completion update: overdue (derived).
    assert _statuses(date(2026, 4, 5)) == {"Plan A": ("overdue", "red"),
                                           "Plan B": ("at_risk", "red")}  # fmt: skip
    # 15 May: A complete, B at risk, C agreed (not started).
    assert _statuses(date(2026, 5, 15)) == {"Plan A": ("complete", "amber"),
                                            "Plan B": ("at_risk", "amber"),
                                            "Plan C": ("not_started", "amber")}  # fmt: skip
    # 1 July: B overdue, and R1's deadline has passed unmet.
    july = progress_as_of(date(2026, 7, 1))
    overdue = overdue_actions(july)
    assert [(r.reference, p.action, p.days_overdue) for r, p in overdue] == [("R1", "Plan B", 31)]
    assert dict((c, n) for c, _, n in rag_summary(july)) == {"red": 2, "amber": 0, "green": 0,
                                                            "complete": 0}  # fmt: skip
    r1 = next(r for r in july if r.reference == "R1")
    assert [p.evidence for p in r1.plans] == [0, 1, 0]


def test_green_and_complete() -> None:
    head = account_make(Role.HEAD_OF_PSD).user
    _, (_, b, c) = recommendation_with_plans(head, head)
    plan_update_add(actor=head, plan=b, status="complete", text="Done")
    plan_update_add(actor=head, plan=c, status="on_track", text="Under way")
    today = progress_as_of(date.today())
    assert next(r for r in today if r.reference == "R1").rag == "red"  # deadline passed unmet
    plan_update_add(actor=head, plan=c, status="complete", text="Done")
    assert next(r for r in progress_as_of(date.today()) if r.reference == "R1").rag == "complete"


def test_overdue_cannot_be_declared_and_updates_are_audited() -> None:
    head = account_make(Role.HEAD_OF_PSD).user
    _, (a, *_) = recommendation_with_plans(head, head)
    with pytest.raises(ValidationError, match="overdue is worked out"):
        plan_update_add(actor=head, plan=a, status="overdue", text="late")
    with pytest.raises(ValidationError):
        evidence_link_add(actor=head, plan=a, kind="lantern", label="x", target="https://evil")
    assert (
        AuditRecord.objects.filter(event="governance.plan_updated", object_id=str(a.pk)).count()
        == 2
    )


def test_head_adds_an_update_through_the_page_and_analyst_may_too() -> None:
    from tests.factories import client_signed_in

    head = account_make(Role.HEAD_OF_PSD)
    rec, (a, *_) = recommendation_with_plans(head.user, head.user)
    client = client_signed_in(head)
    response = client.post(f"/governance/plans/{a.pk}/updates/",
                           {"status": "at_risk", "text": "Reopened after audit"})  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/governance/recommendations/{rec.pk}/").content.decode()
    assert "Reopened after audit" in page
    analyst = client_signed_in(account_make(Role.ANALYST))
    assert analyst.post(f"/governance/plans/{a.pk}/updates/",
                        {"status": "on_track", "text": "ok"}).status_code == 302  # fmt: skip
    # Only the head records recommendations and plans.
    assert analyst.get("/governance/recommendations/new/").status_code == 403
    response = client.post("/governance/recommendations/new/", {
        "reference": "R9", "kind": "recommendation", "source_report": "Letter",
        "text": "Do it.", "deadline": "",
    })  # fmt: skip
    assert response.status_code == 302
    owner = head.user.pk
    rec9 = response["Location"].rstrip("/").split("/")[-1]
    response = client.post(f"/governance/recommendations/{rec9}/plans/",
                           {"action": "Act", "owner": owner, "due_on": "2030-01-01"})  # fmt: skip
    assert response.status_code == 302


def test_last_update_is_dated_in_uk_time() -> None:
    """23:30 UTC on 30 June is 00:30 on 1 July in London (BST)."""
    from datetime import UTC, datetime

    head = account_make(Role.HEAD_OF_PSD).user
    _, plans = recommendation_with_plans(head, head)
    plan_update_add(actor=head, plan=plans[2], status="on_track", text="Late night",
                    at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))  # fmt: skip
    progress = {r.reference: r for r in progress_as_of(date(2026, 7, 1))}
    c = next(p for p in progress["R1"].plans if p.action == "Plan C")
    assert c.last_update_on == date(2026, 7, 1)
