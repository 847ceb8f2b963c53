"""A small force whose figures are worked out by hand in the tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.alerts.models import Alert, AlertEvidence, AlertIndicator, AlertStatus, ScanRun
from lantern.cases.models import CaseOutcome, Investigation
from lantern.force.models import StaffMember
from lantern.intelligence.models import IntelligenceReport
from lantern.reporting.models import Channel, Report
from tests.factories import Account, account_make, staff_make


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def alert_add(
    run: ScanRun,
    name: str,
    staff: StaffMember,
    *,
    score: float,
    category: str,
    status: str = AlertStatus.NEW,
    decided_at: str | None = None,
    first_seen: str = "2025-01-01",
    codes: tuple[str, ...] = ("return_after_involvement",),
) -> Alert:
    alert = Alert.objects.create(
        alert_id=name, run=run, staff=staff, score=score, category=category, indicators=[],
        summary=name, first_seen=at(first_seen), last_seen=run.loaded_at, status=status,
        decided_at=at(decided_at) if decided_at else None,
    )  # fmt: skip
    AlertIndicator.objects.bulk_create(AlertIndicator(alert=alert, code=c, weight=1) for c in codes)
    return alert


def intelligence_add(
    owner: User, ref: str, categories: list[str], source: str, created: str, subjects: tuple = ()
) -> IntelligenceReport:
    report = IntelligenceReport.objects.create(
        reference=ref, categories=categories, source_type=source, source_evaluation="2",
        intelligence_assessment="C", handling="P", sanitised_text="text", review_due="2026-01-01",
        created_by=owner, created_at=at(created),
    )  # fmt: skip
    report.subjects.set(subjects)
    return report


def report_add(channel: str, received: str) -> Report:
    return Report.objects.create(
        reference=f"CRL-{received}-{channel[:3]}", channel=channel, received_at=at(received),
        content_sealed=b"x", key_for_line=b"x",
    )  # fmt: skip


@dataclass
class Force:
    head: Account
    s1: StaffMember
    s2: StaffMember
    alerts: dict[str, Alert]


@pytest.fixture
def force(db: object) -> Force:
    """The 2025 threat-assessment dataset (see test_threat.py for the hand-worked figures)."""
    head = account_make(Role.HEAD_OF_PSD)
    investigator = account_make(Role.INVESTIGATOR)
    s1 = staff_make(rank="constable", role="response_officer", team_id="T1", area="north")
    s2 = staff_make(rank="sergeant", role="detective", team_id="T2", area="south")
    intelligence_add(
        head.user, "INT-1", ["sexual_misconduct"], "public_complaint", "2025-03-01", (s1,)
    )
    both = ["sexual_misconduct", "disclosure_of_information"]
    intelligence_add(head.user, "INT-2", both, "colleague", "2025-06-01", (s2,))
    intelligence_add(head.user, "INT-3", ["theft_and_fraud"], "other_force", "2025-09-01")
    intelligence_add(head.user, "INT-0", ["disclosure_of_information"], "colleague", "2024-05-01")
    run = ScanRun.objects.create(source="t", loaded_at=at("2025-04-01T00:00"))
    a1 = alert_add(run, "a1", s1, score=12, category="sexual_misconduct",
                   status=AlertStatus.INVESTIGATION, decided_at="2025-04-10")  # fmt: skip
    a2 = alert_add(run, "a2", s1, score=7, category="misusing_force_systems",
                   status=AlertStatus.DISMISSED, decided_at="2025-04-05",
                   first_seen="2025-03-22", codes=("unexplained_breadth",))  # fmt: skip
    a3 = alert_add(run, "a3", s2, score=8, category="sexual_misconduct",
                   status=AlertStatus.INTELLIGENCE, decided_at="2026-01-15")  # fmt: skip
    AlertEvidence.objects.create(alert=a1, kind="access", ref_id="e1", at=at("2025-01-01"),
                                 description="x")  # fmt: skip
    AlertEvidence.objects.create(alert=a1, kind="access", ref_id="e2", at=at("2025-02-01"),
                                 description="x")  # fmt: skip
    AlertEvidence.objects.create(alert=a1, kind="duty", ref_id="d0", at=at("2024-06-01"),
                                 description="duty periods are context, not acts")  # fmt: skip
    AlertEvidence.objects.create(alert=a3, kind="communication", ref_id="e3",
                                 at=at("2024-12-02"), description="x")  # fmt: skip
    Investigation.objects.create(
        reference="INV-1", subject=s1, categories=["sexual_misconduct"], summary="x",
        origin_alert=a1, investigating_officer=investigator.user, opened_by=head.user,
        opened_at=at("2025-04-10"), outcome=CaseOutcome.MISCONDUCT, closed_at=at("2025-11-01"),
    )  # fmt: skip
    report_add(Channel.PUBLIC, "2025-05-01")
    report_add(Channel.PARTNER_AGENCY, "2025-07-01")
    return Force(head, s1, s2, {"a1": a1, "a2": a2, "a3": a3})
