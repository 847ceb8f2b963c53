"""Clearance decisions, aftercare (annual, adverse, random) and declarations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord
from lantern.intelligence.services import intelligence_report_create
from lantern.vetting import services
from lantern.vetting.models import AftercareReview, Clearance, Declaration
from lantern.vetting.periods import add_months
from tests.factories import account_make, clearance_make, staff_make

pytestmark = pytest.mark.django_db


def test_renewal_supersedes_and_uses_the_configured_period(settings) -> None:  # type: ignore[no-untyped-def]
    settings.LANTERN_VETTING_RENEWAL_YEARS = {**settings.LANTERN_VETTING_RENEWAL_YEARS, "MV": 5}
    officer = account_make(Role.VETTING_OFFICER).user
    old = clearance_make(staff_make(), "MV")
    today = timezone.localdate()
    new = services.clearance_renew(
        actor=officer, clearance=old, granted_on=today, rationale="Checks clear."
    )
    old.refresh_from_db()
    assert old.status == "superseded" and new.renews == old
    assert new.expires_on == add_months(today, 60)
    assert new.decided_by == officer
    record = AuditRecord.objects.get(event="vetting.clearance_renewed")
    assert record.actor == officer and record.detail["renews"] == str(old.pk)
    with pytest.raises(ValidationError):
        services.clearance_renew(actor=officer, clearance=old, granted_on=today, rationale="x")


def test_nobody_decides_about_their_own_vetting() -> None:
    officer = account_make(Role.VETTING_OFFICER).user
    own = staff_make(account=officer)
    with pytest.raises(ValidationError, match="yourself"):
        services.clearance_grant(
            actor=officer, staff=own, level="RV", granted_on=timezone.localdate(), rationale="Me."
        )
    assert not Clearance.objects.exists()


def test_withdrawal_needs_a_rationale_and_is_audited() -> None:
    officer = account_make(Role.VETTING_OFFICER).user
    clearance = clearance_make(staff_make())
    with pytest.raises(ValidationError):
        services.clearance_withdraw(actor=officer, clearance=clearance, rationale=" ")
    services.clearance_withdraw(actor=officer, clearance=clearance, rationale="Dishonesty.")
    clearance.refresh_from_db()
    assert clearance.status == "withdrawn" and clearance.ended_by == officer
    assert AuditRecord.objects.filter(event="vetting.clearance_withdrawn").count() == 1


def test_expiry_ends_lapsed_clearances_only() -> None:
    today = timezone.localdate()
    lapsed = clearance_make(staff_make(), expires_on=today - timedelta(days=1))
    current = clearance_make(staff_make(), expires_on=today)
    assert services.clearances_expire(actor=None, as_of=today) == 1
    lapsed.refresh_from_db()
    current.refresh_from_db()
    assert (lapsed.status, current.status) == ("expired", "active")


def test_intelligence_about_a_person_triggers_one_review_with_only_fact_and_reference() -> None:
    analyst = account_make(Role.ANALYST).user
    subject = staff_make()
    report = intelligence_report_create(
        actor=analyst,
        subjects=[subject],
        categories=["sexual_misconduct"],
        source_type="colleague",
        source_evaluation="2",
        intelligence_assessment="C",
        handling="P",
        sanitised_text="Secret detail about a victim.",
        restricted_source_details="PC Source",
    )
    review = AftercareReview.objects.get(staff=subject)
    assert review.kind == "adverse" and review.is_open
    trigger = review.triggers.get()
    assert (trigger.source, trigger.reference) == ("intelligence", report.reference)
    # A second item of adverse information joins the same open review.
    services.aftercare_review_trigger(staff=subject, source="investigation", reference="INV-1")
    services.aftercare_review_trigger(staff=subject, source="investigation", reference="INV-1")
    assert AftercareReview.objects.filter(staff=subject).count() == 1
    assert review.triggers.count() == 2
    # What the vetting officer sees: the fact and the reference, never the content.
    from tests.factories import client_signed_in

    page = client_signed_in(account_make(Role.VETTING_OFFICER)).get(
        f"/vetting/aftercare/{review.pk}/"
    )
    assert page.status_code == 200
    assert report.reference.encode() in page.content
    assert b"Secret detail" not in page.content and b"PC Source" not in page.content
    assert AuditRecord.objects.filter(event="vetting.aftercare_triggered").count() == 2


def test_aftercare_withdraw_outcome_withdraws_the_clearance() -> None:
    officer = account_make(Role.VETTING_OFFICER).user
    member = staff_make()
    clearance = clearance_make(member)
    review = services.aftercare_review_trigger(staff=member, source="alert", reference="A1")
    services.aftercare_review_record(
        actor=officer,
        review=review,
        outcome="withdraw",
        rationale="Adverse information substantiated.",
    )
    clearance.refresh_from_db()
    assert clearance.status == "withdrawn"
    with pytest.raises(ValidationError, match="already"):
        services.aftercare_review_record(
            actor=officer, review=review, outcome="no_concerns", rationale="x"
        )


def test_annual_reviews_are_scheduled_once_on_the_anniversary() -> None:
    today = timezone.localdate()
    member = staff_make()
    clearance_make(member, granted_on=today - timedelta(days=400))
    staff_make()  # no clearance: no annual review
    assert services.aftercare_annual_schedule(actor=None, as_of=today) == 1
    review = AftercareReview.objects.get(staff=member)
    assert review.kind == "annual" and today <= review.due_on <= today + timedelta(days=366)
    assert review.due_on.month == (today - timedelta(days=400)).month
    assert services.aftercare_annual_schedule(actor=None, as_of=today) == 0


def test_random_revetting_is_reproducible_and_audited() -> None:
    officer = account_make(Role.VETTING_OFFICER).user
    for _ in range(12):
        clearance_make(staff_make())
    selection = services.revetting_select(actor=officer, count=3, as_of=date.today(), seed="abc")
    assert len(selection.selected) == 3 and len(selection.population) == 12
    assert services.revetting_draw("abc", list(selection.population), 3) == selection.selected
    assert services.revetting_draw("abd", list(selection.population), 3) != selection.selected
    assert AftercareReview.objects.filter(kind="random", selection=selection).count() == 3
    record = AuditRecord.objects.get(event="vetting.revetting_selected")
    assert record.detail["seed"] == "abc" and record.detail["selected"] == selection.selected
    again = services.revetting_select(actor=officer, count=2, as_of=date.today())
    assert len(again.seed) == 32  # a random seed, recorded
    with pytest.raises(ValidationError):
        services.revetting_select(actor=officer, count=99, as_of=date.today())


def test_declarations_are_submitted_by_the_person_and_decided_with_rationale() -> None:
    staff_account = account_make(Role.STAFF)
    member = staff_make(account=staff_account.user)
    declaration = services.declaration_submit(
        actor=staff_account.user, kind="business_interest", description="Director of a bakery"
    )
    assert declaration.staff == member and declaration.decision == "pending"
    officer = account_make(Role.VETTING_OFFICER).user
    with pytest.raises(ValidationError, match="conditions"):
        services.declaration_decide(
            actor=officer,
            declaration=declaration,
            decision="approved_with_conditions",
            rationale="ok",
        )
    services.declaration_decide(
        actor=officer,
        declaration=declaration,
        decision="refused",
        rationale="Conflicts with licensing duties.",
    )
    declaration.refresh_from_db()
    assert declaration.decision == "refused" and declaration.decided_by == officer
    unlinked = account_make(Role.STAFF).user
    with pytest.raises(ValidationError, match="not linked"):
        services.declaration_submit(actor=unlinked, kind="business_interest", description="x")
    assert Declaration.objects.count() == 1


def test_an_escalated_alert_joins_its_intelligence_in_one_review() -> None:
    from lantern.alerts.services import alert_escalate_to_intelligence
    from tests.factories import alert_make

    alert = alert_make()
    analyst = account_make(Role.ANALYST).user
    report = alert_escalate_to_intelligence(
        actor=analyst,
        alert=alert,
        categories=["sexual_misconduct"],
        source_evaluation="2",
        intelligence_assessment="C",
        handling="P",
        sanitised_text="Repeated look-ups.",
    )
    review = AftercareReview.objects.get(staff=alert.staff)
    assert sorted((t.source, t.reference) for t in review.triggers.all()) == [
        ("alert", alert.alert_id),
        ("intelligence", report.reference),
    ]


def test_an_investigation_opened_on_a_subject_triggers_a_review() -> None:
    from lantern.cases.services import investigation_open

    subject = staff_make()
    case = investigation_open(
        actor=account_make(Role.HEAD_OF_PSD).user,
        subject=subject,
        categories=["sexual_misconduct"],
        summary="Abuse of position.",
        investigating_officer=account_make(Role.INVESTIGATOR).user,
    )
    trigger = AftercareReview.objects.get(staff=subject).triggers.get()
    assert (trigger.source, trigger.reference) == ("investigation", case.reference)
