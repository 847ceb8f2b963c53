"""DEMO ONLY: back-dated history so the threat assessment and demand pages have a past.

The demo force is scanned once, so it has no prior year and no weeks of
triage. ``strategy_demo_seed`` (called by ``lantern demo seed``) adds, for the
demo only and deterministically (a fixed random seed):

* monitoring runs over the last 16 weeks and monthly runs through the prior
  year, each with alerts about members of the demo force, already decided by
  the demo analyst (none is left in the triage queue), some with time recorded;
* intelligence reports through the prior year and this year, recorded through
  ``intelligence_report_create`` and then back-dated;
* investigations opened from some of them through ``investigation_open``, some
  closed through ``case_close``, back-dated;
* the control strategy for this year: version 1 signed off, version 2 a draft.

Every run it creates is labelled ``DEMO_SOURCE``; it runs once (idempotent) and
does nothing when the staff directory is still empty.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.alerts.models import (
    Alert,
    AlertEvidence,
    AlertIndicator,
    AlertStatus,
    DismissalReason,
    ScanRun,
)
from lantern.cases.models import CaseOutcome, Investigation
from lantern.cases.services import case_close, case_iopc_referral_record, investigation_open
from lantern.force.models import StaffMember
from lantern.intelligence.models import IntelligenceReport
from lantern.intelligence.services import intelligence_outcome_record, intelligence_report_create
from lantern.intelligence.vocabulary import Category, Outcome, SourceType
from lantern.strategy.models import AlertWorkLog, WorkActivity
from lantern.strategy.services import control_strategy_save, control_strategy_sign_off

DEMO_SOURCE = "demo history (synthetic, back-dated; lantern.strategy.demo)"
SEED = 2026
INDICATORS = (
    ("return_after_involvement", 2.0),
    ("unexplained_vulnerable_access", 1.5),
    ("unexplained_repeat_access", 1.0),
    ("off_duty_access", 1.5),
    ("device_contact_outside_involvement", 2.0),
    ("personal_connection_lookup", 3.0),
    ("unexplained_breadth", 1.5),
)
# Category weights (prior year, this year): sexual misconduct and disclosure rise.
CATEGORY_WEIGHTS = {
    Category.SEXUAL_MISCONDUCT: (4, 8),
    Category.DISCLOSURE: (3, 5),
    Category.MISUSING_SYSTEMS: (5, 5),
    Category.ASSOCIATION: (3, 3),
    Category.DRUGS: (3, 1),
    Category.THEFT_FRAUD: (2, 2),
    Category.ABUSE_OF_AUTHORITY: (2, 3),
    Category.VULNERABILITY: (1, 2),
}
SOURCE_WEIGHTS = {
    SourceType.MONITORING: 2,
    SourceType.CONFIDENTIAL_LINE: 3,
    SourceType.COLLEAGUE: 4,
    SourceType.PUBLIC_COMPLAINT: 3,
    SourceType.PARTNER_AGENCY: 2,
    SourceType.OTHER_FORCE: 1,
    SourceType.VETTING: 1,
}


@dataclass(frozen=True)
class DemoHistory:
    alerts: int
    intelligence: int
    investigations: int
    strategy_versions: int


def _pick(rng: random.Random, weights: dict[Any, Any], index: int | None = None) -> str:
    keys = list(weights)
    values = [w[index] if index is not None else w for w in weights.values()]
    return str(rng.choices(keys, weights=values)[0])


def _moment(rng: random.Random, day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
        hours=rng.randint(8, 17), minutes=rng.randint(0, 59)
    )


def _alerts_for_run(
    rng: random.Random, run: ScanRun, staff: list[StaffMember], count: int, analyst: User,
    number: list[int], year_index: int,
) -> int:  # fmt: skip
    for _ in range(count):
        number[0] += 1
        member = rng.choice(staff)
        codes = rng.sample(INDICATORS, k=rng.randint(1, 3))
        score = round(rng.uniform(6.0, 9.0) + sum(w for _, w in codes) * rng.uniform(0.5, 2.5), 1)
        category = _pick(rng, {Category.SEXUAL_MISCONDUCT: (3, 5),
                               Category.MISUSING_SYSTEMS: (5, 4)}, year_index)  # fmt: skip
        first = run.loaded_at - timedelta(days=rng.choice([8, 20, 35, 60, 95, 150, 260]))
        # Higher scores are confirmed more often: what the what-if's bands learn from.
        confirmed = rng.random() < min(0.85, 0.08 + (score - 6.0) * 0.05)
        status = (rng.choice([AlertStatus.INTELLIGENCE, AlertStatus.INVESTIGATION])
                  if confirmed else AlertStatus.DISMISSED)  # fmt: skip
        decided_at = run.loaded_at + timedelta(hours=rng.randint(6, 24 * 12))
        indicators = [{"code": c, "summary": f"{c.replace('_', ' ')} (demo history)",
                       "weight": w, "evidence": []} for c, w in codes]  # fmt: skip
        alert = Alert.objects.create(
            alert_id=f"DEMO-HIST-{number[0]:04d}", run=run, staff=member, score=score,
            category=category, indicators=indicators,
            summary="Demo history: a back-dated alert for the threat assessment and demand "
            "pages.",
            first_seen=first, last_seen=run.loaded_at - timedelta(days=1), status=status,
            dismissal_reason="" if confirmed else rng.choice(list(DismissalReason.values)),
            decision_note="Demo history.", decided_by=analyst, decided_at=decided_at,
        )  # fmt: skip
        AlertIndicator.objects.bulk_create(
            AlertIndicator(alert=alert, code=c, weight=w) for c, w in codes
        )
        AlertEvidence.objects.create(
            alert=alert, kind="access", ref_id=f"{alert.alert_id}-E1", at=first,
            description="Record access (demo history)", explained=False,
        )  # fmt: skip
        if rng.random() < 0.75:
            for _ in range(rng.randint(1, 3)):
                AlertWorkLog.objects.create(
                    alert=alert, analyst=analyst, activity=rng.choice(list(WorkActivity.values)),
                    minutes=rng.choice([15, 30, 45, 60, 90, 120]),
                    worked_on=timezone.localdate(decided_at), recorded_at=decided_at,
                )  # fmt: skip
    return count


def _runs(rng: random.Random, staff: list[StaffMember], analyst: User) -> int:
    today = timezone.localdate()
    number, made = [0], 0
    loads: list[tuple[date, int, int]] = []
    for month in range(1, 13):  # the prior year, one run a month
        loads.append((date(today.year - 1, month, 3), rng.randint(2, 5), 0))
    first_weekly = today - timedelta(weeks=16)
    for month in range(1, today.month + 1):  # this year, monthly until the weekly runs
        day = date(today.year, month, 3)
        if day < first_weekly:
            loads.append((day, rng.randint(2, 6), 1))
    for week in range(16, 0, -1):
        loads.append((today - timedelta(weeks=week), rng.randint(0, 2), 1))
    for day, count, year_index in loads:
        run = ScanRun.objects.create(
            source=DEMO_SOURCE, loaded_at=_moment(rng, day), alerts_read=count, alerts_new=count
        )
        made += _alerts_for_run(rng, run, staff, count, analyst, number, year_index)
    return made


def _intelligence(
    rng: random.Random, staff: list[StaffMember], analyst: User, head: User, investigator: User
) -> tuple[int, int]:
    today = timezone.localdate()
    start = date(today.year - 1, 1, 1)
    days = (today - start).days
    reports = cases = 0
    for i in range(70):
        day = start + timedelta(days=int(days * (i + rng.random()) / 70))
        year_index = 0 if day.year < today.year else 1
        categories = [_pick(rng, CATEGORY_WEIGHTS, year_index)]
        if rng.random() < 0.2:
            categories.append(_pick(rng, CATEGORY_WEIGHTS, year_index))
        subject = rng.choice(staff) if rng.random() < 0.85 else None
        report = intelligence_report_create(
            actor=analyst, subjects=[subject] if subject else [],
            subject_description="" if subject else "Unidentified officer (demo history)",
            categories=categories, source_type=_pick(rng, SOURCE_WEIGHTS),
            source_evaluation=rng.choice("123"), intelligence_assessment=rng.choice("ABC"),
            handling="P", sanitised_text="Demo history: back-dated intelligence for the threat "
            "assessment.", origin_reference="DEMO-HISTORY",
        )  # fmt: skip
        created = _moment(rng, day)
        IntelligenceReport.objects.filter(pk=report.pk).update(created_at=created)
        reports += 1
        if subject is not None and rng.random() < 0.3:
            cases += _case(rng, report, subject, categories, head, investigator, created)
        elif day < today - timedelta(days=60):
            intelligence_outcome_record(
                actor=analyst, report=report,
                outcome=rng.choice([Outcome.NO_FURTHER_ACTION, Outcome.FILED,
                                    Outcome.DISSEMINATED]),
                note="Demo history.",
            )  # fmt: skip
    return reports, cases


def _case(
    rng: random.Random, report: IntelligenceReport, subject: StaffMember, categories: list[str],
    head: User, investigator: User, created: datetime,
) -> int:  # fmt: skip
    try:
        case = investigation_open(
            actor=head, subject=subject, categories=categories, origin_report=report,
            summary="Demo history: investigation from back-dated intelligence.",
            investigating_officer=investigator,
        )  # fmt: skip
    except ValidationError:
        return 0  # a conflict of interest: the demo skips it, as the unit would
    opened = created + timedelta(days=rng.randint(3, 20))
    closed: datetime | None = opened + timedelta(days=rng.randint(40, 200))
    if closed is not None and closed > timezone.now() - timedelta(days=1):
        closed = None
    intelligence_outcome_record(
        actor=head, report=report, outcome=Outcome.INVESTIGATION, note="Demo history."
    )
    if closed is not None:
        if case.needs_iopc_referral:
            case_iopc_referral_record(actor=head, case=case, reference="IOPC-DEMO")
        case_close(
            actor=head, case=case,
            outcome=rng.choice([CaseOutcome.NO_CASE, CaseOutcome.MANAGEMENT_ACTION,
                                CaseOutcome.MISCONDUCT, CaseOutcome.GROSS_MISCONDUCT]),
            rationale="Demo history.",
        )  # fmt: skip
    Investigation.objects.filter(pk=case.pk).update(opened_at=opened, closed_at=closed)
    return 1


STRATEGY: dict[str, dict[str, str]] = {
    Category.SEXUAL_MISCONDUCT: {
        "prepare": "Train every supervisor to spot abuse of position; named leads per area.",
        "protect": "Monitor access to vulnerable people's records; act on alerts within 5 days.",
        "prevent": "Brief new starters and partner agencies on reporting routes.",
        "pursue": "Refer every case to the IOPC; pursue criminal charges where the test is met.",
    },
    Category.DISCLOSURE: {
        "protect": "Audit record access monthly in the control rooms.",
        "pursue": "Investigate unexplained look-ups of associates.",
    },
    Category.DRUGS: {"prevent": "Random and intelligence-led testing."},
}


def strategy_demo_seed() -> DemoHistory | None:
    """Create the demo history once; None when it exists or the staff directory is empty."""
    if ScanRun.objects.filter(source=DEMO_SOURCE).exists():
        return None
    staff = list(StaffMember.objects.exclude(account__isnull=False).order_by("staff_id")[:400])
    analyst = User.objects.filter(username="analyst", is_demo=True).first()
    head = User.objects.filter(username="head", is_demo=True).first()
    investigator = User.objects.filter(username="investigator", is_demo=True).first()
    if not staff or analyst is None or head is None or investigator is None:
        return None
    rng = random.Random(SEED)
    with transaction.atomic():
        alerts = _runs(rng, staff, analyst)
        reports, cases = _intelligence(rng, staff, analyst, head, investigator)
        year = timezone.localdate().year
        v1 = control_strategy_save(
            actor=head, year=year, priorities=STRATEGY, change_note="Agreed at the January board"
        )
        control_strategy_sign_off(actor=head, version=v1)
        draft = {**STRATEGY, Category.VULNERABILITY: {
            "prevent": "Welfare checks for staff in financial difficulty."}}  # fmt: skip
        control_strategy_save(
            actor=head, year=year, priorities=draft, change_note="Vulnerability added (draft)"
        )
    return DemoHistory(alerts, reports, cases, 2)
