"""Triage: pseudonyms, reveals, decisions that teach Lantern, and the subject never seeing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.accounts.roles import Role
from lantern.alerts.models import AlertStatus, RecordedExplanation, Reveal, RevealStatus
from lantern.audit.models import AuditRecord
from lantern.cases.models import Investigation
from lantern.intelligence.models import IntelligenceReport
from tests.factories import account_make, alert_make, client_signed_in, person_make, staff_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst():  # type: ignore[no-untyped-def]
    return account_make(Role.ANALYST, username="amira")


def test_queue_shows_pseudonyms_highest_score_first(analyst) -> None:  # type: ignore[no-untyped-def]
    low = alert_make(score=2.0)
    high = alert_make(score=9.0)
    response = client_signed_in(analyst).get("/alerts/")
    assert response.status_code == 200
    alerts = list(response.context["page"])
    assert alerts == [high, low]
    body = response.content.decode()
    assert high.staff.pseudonym in body
    assert high.staff.name not in body
    assert AuditRecord.objects.filter(event="alerts.queue_viewed", actor_label="amira").exists()


def test_queue_query_count_does_not_grow_with_alerts(analyst) -> None:  # type: ignore[no-untyped-def]
    client = client_signed_in(analyst)
    for _ in range(3):
        alert_make(person=person_make())
    with CaptureQueriesContext(connection) as few:
        client.get("/alerts/")
    for _ in range(20):
        alert_make(person=person_make())
    with CaptureQueriesContext(connection) as many:
        client.get("/alerts/")
    assert len(many) == len(few)
    assert len(many) <= 25  # session, sign-in, audit append, filter options, count, page


def test_queue_filters_by_indicator_and_area(analyst) -> None:  # type: ignore[no-untyped-def]
    wanted = alert_make(staff_make(area="south"), codes=("off_duty_access",))
    alert_make(staff_make(area="south"), codes=("return_after_involvement",))
    alert_make(staff_make(area="north"), codes=("off_duty_access",))
    response = client_signed_in(analyst).get(
        "/alerts/", {"indicator": "off_duty_access", "area": "south"}
    )
    assert list(response.context["page"]) == [wanted]


def test_alert_view_is_audited_and_shows_evidence(analyst) -> None:  # type: ignore[no-untyped-def]
    alert = alert_make(person=person_make())
    response = client_signed_in(analyst).get(f"/alerts/{alert.pk}/")
    assert response.status_code == 200
    assert b"Record a safeguarding action" in response.content  # a person who may be at risk
    assert AuditRecord.objects.filter(event="alert.viewed", object_id=str(alert.pk)).exists()


def test_reveal_of_a_constable_is_granted_with_a_recorded_reason(analyst) -> None:  # type: ignore[no-untyped-def]
    alert = alert_make()
    client = client_signed_in(analyst)
    client.post(f"/alerts/{alert.pk}/reveal/", {"reason": "Need to check the duty roster with HR."})
    response = client.get(f"/alerts/{alert.pk}/")
    assert alert.staff.name in response.content.decode()
    record = AuditRecord.objects.get(event="staff.revealed")
    assert record.reason == "Need to check the duty roster with HR."
    assert record.category == "disclosure"


def test_reveal_of_a_senior_officer_waits_for_the_head(analyst) -> None:  # type: ignore[no-untyped-def]
    alert = alert_make(staff_make(rank="superintendent"))
    client = client_signed_in(analyst)
    client.post(f"/alerts/{alert.pk}/reveal/", {"reason": "Need the name to check conflicts."})
    assert alert.staff.name not in client.get(f"/alerts/{alert.pk}/").content.decode()
    reveal = Reveal.objects.get()
    assert reveal.status == RevealStatus.AWAITING_APPROVAL
    head = client_signed_in(account_make(Role.HEAD_OF_PSD))
    head.post(f"/alerts/reveals/{reveal.pk}/", {"decision": "approve", "reason": "Justified."})
    assert alert.staff.name in client.get(f"/alerts/{alert.pk}/").content.decode()


def test_legitimate_dismissal_suppresses_repeats_until_revoked(analyst) -> None:  # type: ignore[no-untyped-def]
    from lantern.alerts.loading import _active_explanations

    person = person_make()
    alert = alert_make(person=person)
    client = client_signed_in(analyst)
    response = client.post(
        f"/alerts/{alert.pk}/dismiss/",
        {
            "reason": "legitimate",
            "note": "Family liaison officer for this family until June.",
        },
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.status == AlertStatus.DISMISSED
    explanation = RecordedExplanation.objects.get()
    assert explanation.owner == analyst.user
    assert (alert.staff_id, person.pk) in _active_explanations()
    repeat = alert_make(
        alert.staff, person, status=AlertStatus.SUPPRESSED, suppressed_by=explanation
    )
    client.post(f"/alerts/explanations/{explanation.pk}/revoke/", {"reason": "Liaison ended."})
    repeat.refresh_from_db()
    assert repeat.status == AlertStatus.NEW


def test_dismissal_without_a_note_is_refused(analyst) -> None:  # type: ignore[no-untyped-def]
    alert = alert_make()
    response = client_signed_in(analyst).post(
        f"/alerts/{alert.pk}/dismiss/", {"reason": "legitimate"}
    )
    assert response.status_code == 400
    alert.refresh_from_db()
    assert alert.status == AlertStatus.NEW


def test_escalation_to_intelligence_links_the_alert(analyst) -> None:  # type: ignore[no-untyped-def]
    alert = alert_make()
    response = client_signed_in(analyst).post(
        f"/alerts/{alert.pk}/intelligence/",
        {
            "categories": ["sexual_misconduct", "misusing_force_systems"],
            "source_evaluation": "1",
            "intelligence_assessment": "B",
            "handling": "P",
            "sanitised_text": "Repeated access.",
        },
    )
    assert response.status_code == 302
    report = IntelligenceReport.objects.get()
    assert report.grading == "1BP"
    assert list(report.linked_alerts.all()) == [alert]
    assert list(report.subjects.all()) == [alert.staff]
    alert.refresh_from_db()
    assert alert.status == AlertStatus.INTELLIGENCE


def test_effectiveness_counts_confirmed_over_decided(analyst) -> None:  # type: ignore[no-untyped-def]
    alert_make(codes=("off_duty_access",), status=AlertStatus.INTELLIGENCE)
    alert_make(codes=("off_duty_access",), status=AlertStatus.DISMISSED)
    alert_make(codes=("off_duty_access",), status=AlertStatus.DISMISSED)
    alert_make(codes=("off_duty_access",))
    rows = client_signed_in(analyst).get("/alerts/performance/").context["indicators"]
    (row,) = rows
    assert (row.confirmed, row.dismissed, row.open) == (1, 2, 1)
    assert row.effectiveness == pytest.approx(1 / 3)


def test_the_subject_never_sees_their_own_alert() -> None:
    analyst = account_make(Role.ANALYST)
    own = staff_make(account=analyst.user)
    mine = alert_make(own)
    other = alert_make()
    client = client_signed_in(analyst)
    assert list(client.get("/alerts/").context["page"]) == [other]
    assert client.get(f"/alerts/{mine.pk}/").status_code == 404


def test_investigation_conflict_checks_refuse_the_subjects_team(analyst) -> None:  # type: ignore[no-untyped-def]
    subject = staff_make(team_id="T9")
    colleague = account_make(Role.INVESTIGATOR)
    staff_make(team_id="T9", account=colleague.user)
    alert = alert_make(subject)
    response = client_signed_in(analyst).post(
        f"/alerts/{alert.pk}/investigation/",
        {
            "categories": ["sexual_misconduct"],
            "summary": "Pattern of contact.",
            "investigating_officer": colleague.user.pk,
        },
    )
    assert response.status_code == 400
    assert b"work in the subject" in response.content
    assert not Investigation.objects.exists()


def test_home_shows_what_is_waiting_for_the_unit(analyst) -> None:  # type: ignore[no-untyped-def]
    alert_make()
    alert_make(status=AlertStatus.DISMISSED)
    work = client_signed_in(analyst).get("/").context["figures"].unit_work
    assert (work.open_alerts, work.open_cases, work.reveals_awaiting) == (1, 0, None)


def test_the_alert_page_links_to_recording_time_with_the_alert_filled_in(  # type: ignore[no-untyped-def]
    analyst,
) -> None:
    alert = alert_make()
    page = client_signed_in(analyst).get(f"/alerts/{alert.pk}/").content.decode()
    assert f"/strategy/work/?alert={alert.alert_id}" in page
    form = client_signed_in(analyst).get(f"/strategy/work/?alert={alert.alert_id}").content.decode()
    assert f'value="{alert.alert_id}"' in form


def test_the_category_filter_lists_no_category_from_an_alert_about_the_viewer(  # type: ignore[no-untyped-def]
    analyst,
) -> None:
    from lantern.alerts.selectors import alert_queue_options

    alert_make(staff_make(account=analyst.user), category="theft_and_fraud")
    alert_make(category="sexual_misconduct")
    options = alert_queue_options(viewer=analyst.user)
    assert options["category"] == ["sexual_misconduct"]
