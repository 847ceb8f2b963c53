# ruff: noqa: E501 (a data table reads best one finding a block)
"""The demo force's recommendations, worded from the domain notes (../shared/domain.md).

Report dates are only those the domain notes give; where they give none the
source says so. Action plans, updates and evidence are dated relative to the day
the demo is seeded, so the pack shows every status: on track, at risk, overdue
(derived from a passed due date) and complete. Idempotent: existing references
are left alone.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from lantern.accounts.models import User
from lantern.governance.models import Recommendation
from lantern.governance.services import (
    action_plan_add,
    evidence_link_add,
    plan_update_add,
    recommendation_create,
)

SEED_LETTER = "Seed letter to the force (date: not stated in domain.md)"
BETRAYAL = "HMICFRS, Shining a light on betrayal (September 2019, as given in domain.md)"
VMM_2022 = "HMICFRS inspection of vetting, misconduct and misogyny (2022, as given in domain.md)"

# (reference, kind, source, text, deadline, plans)
# plans: (action, owner, due in days from today, [(days ago, status, text)], [evidence])
DEMO: tuple[tuple[str, str, str, str, date | None, list[tuple[str, str, int, list[tuple[int, str, str]], list[tuple[str, str, str]]]]], ...] = (
    ("R1", "recommendation", VMM_2022,
     "The force should be able to monitor all use of its IT systems, desktop and handheld, "
     "and use what monitoring produces proactively, not only reactively.",
     date(2023, 3, 31), [
        ("Run proactive monitoring of force systems with Lantern and triage every alert weekly.",
         "analyst", -20, [(120, "on_track", "Nightly scan of the force systems in place."),
                          (40, "on_track", "Weekly triage meeting running; queue within target.")],
         [("lantern", "The alert queue", "/alerts/")]),
        ("Extend monitoring to handheld devices (work phones) and their communications.",
         "head", 45, [(60, "on_track", "Work-phone communications added to the data feed."),
                      (10, "at_risk", "MDM supplier export delayed; escalated to ICT.")], []),
    ]),
    ("R2", "recommendation", BETRAYAL,
     "The force should have enough people with the right skills in its counter-corruption unit, "
     "and should first understand the demand that monitoring creates.",
     None, [
        ("Measure the unit's demand and capacity from recorded work and set a threshold it can staff.",
         "head", 60, [(30, "on_track", "Demand figures drawn from Lantern; analysis under way.")], []),
        ("Recruit and train two further counter-corruption analysts.",
         "head", -10, [(90, "on_track", "Posts advertised."),
                       (35, "at_risk", "One candidate withdrew; re-advertising.")], []),
    ]),
    ("R3", "recommendation", SEED_LETTER,
     "Every post should have a required vetting level; every person's held level, grant and "
     "expiry should be known, and nobody should hold a post without the level it needs.",
     None, [
        ("Record required vetting levels for all posts and reconcile them with held clearances.",
         "head", 90, [(20, "not_started", "Awaiting the vetting module.")], []),
    ]),
    ("R4", "recommendation", SEED_LETTER,
     "A standard set of information should pass with a person transferring between forces: "
     "performance, sickness, complaints, business interests, notifiable associations and "
     "corruption intelligence.",
     None, [
        ("Adopt the standard transfer information set and record disciplinary history on arrival.",
         "head", -45, [(100, "on_track", "Information set agreed with regional forces.")], []),
    ]),
    ("AFI1", "afi", SEED_LETTER,
     "The force should review the encrypted apps on police devices and the risk they pose.",
     None, [
        ("Import the MDM app inventory each quarter and review devices carrying risk classes.",
         "analyst", -5, [(95, "on_track", "App catalogue agreed."),
                         (6, "complete", "Two quarterly reviews completed and reported.")],
         [("lantern", "Encrypted-apps reviews", "/devices/"),
          ("document", "Acceptable use policy for mobile devices, v3", "PSD policy library POL-117")]),
    ]),
    ("AFI2", "afi", SEED_LETTER,
     "The force should produce an annual counter-corruption strategic threat assessment and a "
     "control strategy with priorities under Prepare, Protect, Prevent and Pursue.",
     None, [
        ("Produce the annual strategic threat assessment and control strategy for sign-off.",
         "head", 30, [(15, "on_track", "Draft assessment generated from Lantern's records.")], []),
    ]),
    ("AFI3", "afi", SEED_LETTER,
     "The force should build links with organisations that support vulnerable people, so "
     "concerns from victims reach the counter-corruption unit.",
     None, [
        ("Agree information-sharing with the local domestic abuse services and victims' hub.",
         "head", 20, [(50, "on_track", "Partner agreements drafted."),
                      (12, "complete", "Agreements signed; partners using Lantern.")],
         [("lantern", "Partner-agency register", "/partners/")]),
    ]),
)  # fmt: skip


def governance_demo_seed() -> int:
    """Create the demo recommendations (skipping those present); returns how many were new."""
    users = {u.username: u for u in User.objects.filter(username__in=["head", "analyst"])}
    if len(users) < 2:
        raise LookupError(
            "Run `lantern demo seed` first: the plans need the demo head and analyst."
        )
    head, now, today, created = users["head"], timezone.now(), timezone.localdate(), 0
    for reference, kind, source, text, deadline, plans in DEMO:
        if Recommendation.objects.filter(reference=reference).exists():
            continue
        first = max([days for *_, history, _ in plans for days, _, _ in history] + [0]) + 7
        with transaction.atomic():
            rec = recommendation_create(
                actor=head, reference=reference, kind=kind, source_report=source, text=text,
                deadline=deadline, at=now - timedelta(days=first),
            )  # fmt: skip
            for action, owner, due_in, history, evidence in plans:
                plan = action_plan_add(
                    actor=head, recommendation=rec, action=action, owner=users[owner],
                    due_on=today + timedelta(days=due_in), at=now - timedelta(days=first - 1),
                )  # fmt: skip
                for days_ago, status, note in history:
                    plan_update_add(actor=users[owner], plan=plan, status=status, text=note,
                                    at=now - timedelta(days=days_ago))  # fmt: skip
                for kind_, label, target in evidence:
                    evidence_link_add(actor=users[owner], plan=plan, kind=kind_, label=label,
                                      target=target, at=now - timedelta(days=5))  # fmt: skip
        created += 1
    return created
