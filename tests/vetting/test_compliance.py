"""Compliance: the level hierarchy, statuses, windows, units and the renewal forecast."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lantern.vetting.compliance import compliance_compute
from lantern.vetting.vocabulary import level_parse, level_satisfies
from tests.factories import clearance_make, post_make, posting_make, staff_make

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(
    ("held", "required", "ok"),
    [
        ("RV", "RV", True),
        ("MV", "RV", True),
        ("RV", "MV", False),
        ("NPPV3", "MV", True),
        ("NPPV2F", "RV", True),
        ("NPPV2A", "NPPV2F", False),
        ("NPPV1", "NPPV2A", False),
        ("DV", "SC", True),
        ("SC", "DV", False),
        ("DV", "RV", False),
        ("MV", "CTC", False),
    ],
)
def test_level_hierarchy(held: str, required: str, ok: bool) -> None:
    assert level_satisfies(held, required) is ok


def test_level_parse() -> None:
    assert level_parse("nppv 2 (abbreviated)") == "NPPV2A"
    assert level_parse(" mv ") == "MV"
    assert level_parse("NPPV9") is None


@pytest.mark.django_db
def test_statuses_windows_units_and_forecast() -> None:
    da = post_make("MV", unit="Public protection", high_contact=True)
    response = post_make("RV", unit="Response")

    def holder(post, *levels_and_expiry, **staff):  # type: ignore[no-untyped-def]
        member = staff_make(**staff)
        posting_make(member, post, started_on=TODAY - timedelta(days=100))
        for level, days in levels_and_expiry:
            clearance_make(
                member,
                level,
                granted_on=TODAY - timedelta(days=300),
                expires_on=TODAY + timedelta(days=days),
            )
        return member

    ok = holder(response, ("RV", 1000))
    soon = holder(response, ("RV", 20))
    expired = holder(response, ("RV", -5))
    holder(response)  # no clearance
    under = holder(da, ("RV", 1000))
    holder(da, ("MV", 100))
    left = holder(response, left_on=TODAY - timedelta(days=1))  # a leaver is not in post
    ended = staff_make()
    posting_make(
        ended, response, started_on=TODAY - timedelta(days=900), ended_on=TODAY - timedelta(days=10)
    )

    report = compliance_compute(as_of=TODAY)
    status = {h.staff.pk: h.status for h in report.holders}
    assert status[ok.pk] == "compliant" and status[soon.pk] == "compliant"
    assert status[expired.pk] == "expired" and status[under.pk] == "under_vetted"
    assert left.pk not in status and ended.pk not in status
    f = report.force
    assert (f.holders, f.compliant, f.expired, f.under_vetted, f.none) == (6, 3, 1, 1, 1)
    assert f.expiring == {30: 1, 90: 1, 180: 2}
    assert [h.staff.pk for h in report.expiring_within(30)] == [soon.pk]
    by_unit = {u.unit: u for u in report.units}
    assert (
        by_unit["Response"].non_compliant == 2 and by_unit["Public protection"].non_compliant == 1
    )
    assert report.units[0].unit == "Response"  # most non-compliant first
    assert len(report.forecast) == 12 and report.forecast[0].month == date(2026, 6, 1)
    assert sum(m.renewals for m in report.forecast) == 2  # 20 and 100 days out
    assert report.overdue_renewals == 1


@pytest.mark.django_db
def test_a_clearance_formally_ended_on_expiry_still_counts_as_expired_until_renewed() -> None:
    from lantern.accounts.roles import Role
    from lantern.vetting import services
    from tests.factories import account_make

    officer = account_make(Role.VETTING_OFFICER).user
    post = post_make("RV", unit="Response")
    member = staff_make()
    posting_make(member, post, started_on=TODAY - timedelta(days=400))
    lapsed = clearance_make(
        member, "RV", granted_on=TODAY - timedelta(days=900), expires_on=TODAY - timedelta(days=5)
    )
    assert services.clearances_expire(actor=officer, as_of=TODAY) == 1
    lapsed.refresh_from_db()
    assert lapsed.status == "expired"

    report = compliance_compute(as_of=TODAY)
    (h,) = report.holders
    assert h.status == "expired" and h.best == lapsed
    assert (report.force.expired, report.force.none, report.overdue_renewals) == (1, 0, 1)

    # the formally expired clearance can be renewed; the renewal supersedes it
    renewal = services.clearance_renew(
        actor=officer, clearance=lapsed, granted_on=TODAY - timedelta(days=1), rationale="Clear."
    )
    lapsed.refresh_from_db()
    assert lapsed.status == "superseded" and renewal.renews == lapsed
    report = compliance_compute(as_of=TODAY)
    assert report.holders[0].status == "compliant" and report.overdue_renewals == 0


@pytest.mark.django_db
def test_an_expired_clearance_replaced_by_a_new_grant_no_longer_counts() -> None:
    post = post_make("RV", unit="Response")
    member = staff_make()
    posting_make(member, post, started_on=TODAY - timedelta(days=400))
    clearance_make(
        member,
        "RV",
        status="expired",
        granted_on=TODAY - timedelta(days=900),
        expires_on=TODAY - timedelta(days=5),
    )
    clearance_make(member, "MV", granted_on=TODAY - timedelta(days=2))
    report = compliance_compute(as_of=TODAY)
    assert report.holders[0].status == "compliant" and report.overdue_renewals == 0
