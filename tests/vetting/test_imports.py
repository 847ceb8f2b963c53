"""HR imports: loss-free, row by row, all or nothing for what is accepted, audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lantern.audit.models import AuditRecord
from lantern.force.models import StaffMember
from lantern.vetting.imports import hr_file_import
from lantern.vetting.models import (
    Clearance,
    HrImport,
    HrRejectedRow,
    ListEntry,
    PersonnelDetail,
    Post,
    Posting,
)
from tests.factories import clearance_make, post_make, posting_make, staff_make

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 1)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _import(kind: str, content: bytes):  # type: ignore[no-untyped-def]
    return hr_file_import(
        actor=None,
        actor_label="test",
        kind=kind,
        file_name=f"{kind}.csv",
        content=content,
        today=TODAY,
    )


def test_people_duplicates_and_impossible_dates_are_rejected_row_by_row() -> None:
    result = _import(
        "people",
        _csv(
            "staff_id,name,date_of_birth,role,rank,team_id,area,joined_on",
            "S1,Ann Able,1980-01-01,detective,constable,T1,A01,2005-01-01",
            "S2,Bob Baker,1981-02-30,detective,constable,T1,A01,2005-01-01",
            "S1,Ann Again,1980-01-01,detective,constable,T1,A01,2005-01-01",
            "S3,Cat Cole,2030-01-01,detective,constable,T1,A01,2005-01-01",
            "S4,Dan Dee,1990-01-01,pcso,staff,T2,A02,",
        ),
    )
    run = result.run
    assert (run.rows_read, run.accepted, run.rejected) == (5, 2, 3)
    assert run.rows_read == run.accepted + run.rejected
    reasons = {(p.row, p.column, p.value): p.reason for p in result.problems}
    assert reasons[(2, "date_of_birth", "1981-02-30")].startswith("not a real date")
    assert reasons[(3, "staff_id", "S1")] == "duplicate person: also on row 1"
    assert reasons[(4, "date_of_birth", "2030-01-01")] == "impossible date: in the future"
    assert str(result.problems[0]).startswith(
        "error: people: people.csv row 2 column date_of_birth"
    )
    assert set(StaffMember.objects.values_list("staff_id", flat=True)) == {"S1", "S4"}
    assert StaffMember.objects.get(staff_id="S1").name == "Ann Able"
    assert PersonnelDetail.objects.get(staff__staff_id="S1").date_of_birth == date(1980, 1, 1)
    kept = HrRejectedRow.objects.filter(run=run).order_by("row")
    assert [r.row for r in kept] == [2, 3, 4]
    assert kept[1].raw["name"] == "Ann Again"
    audit = AuditRecord.objects.get(event="vetting.imported_people")
    assert audit.detail["read"] == 5 and audit.detail["rejected"] == 3


def test_postings_reject_unknown_posts_people_and_impossible_dates() -> None:
    staff = staff_make(staff_id="S10", joined_on=date(2010, 1, 1))
    post_make(post_id="RESP-A01")
    result = _import(
        "postings",
        _csv(
            "staff_id,post_id,started_on,ended_on",
            "S10,RESP-A01,2020-01-01,",
            "S10,NOPE,2020-01-01,",
            "S99,RESP-A01,2020-01-01,",
            "S10,RESP-A01,2019-01-01,2018-01-01",
            "S10,RESP-A01,2009-01-01,2009-06-01",
        ),
    )
    assert (result.run.accepted, result.run.rejected) == (1, 4)
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (2, "post_id", "unknown post"),
        (3, "staff_id", "unknown member of staff"),
        (4, "ended_on", "impossible date: before started_on"),
        (5, "started_on", "impossible date: before the person joined"),
    ]
    assert Posting.objects.get().staff == staff


def test_posts_reject_unknown_levels_and_parse_spelled_out_ones() -> None:
    result = _import(
        "posts",
        _csv(
            "post_id,title,unit,area,high_contact,required_level",
            "P1,DA officer,Public protection,A01,yes,MV",
            "P2,Call handler,Contact,A01,no,NPPV 2 (full)",
            "P3,Odd,Contact,A01,no,NPPV9",
            "P4,Odd,Contact,A01,maybe,RV",
        ),
    )
    assert (result.run.accepted, result.run.rejected) == (2, 2)
    assert Post.objects.get(post_id="P2").required_level == "NPPV2F"
    assert Post.objects.get(post_id="P1").high_contact is True
    assert {p.value for p in result.problems} == {"NPPV9", "maybe"}


def test_a_file_without_a_required_column_is_refused_whole() -> None:
    with pytest.raises(ValidationError, match=r"posts\.csv: missing column required_level"):
        _import("posts", _csv("post_id,title,unit,area,high_contact", "P1,A,B,C,no"))
    assert not Post.objects.exists() and not HrImport.objects.exists()


def test_clearances_compute_expiry_from_configuration_and_supersede_older_ones() -> None:
    staff_make(staff_id="S20")
    result = _import(
        "clearances",
        _csv(
            "staff_id,level,granted_on,expires_on",
            "S20,RV,2010-03-01,",
            "S20,RV,2020-03-01,",
            "S20,MV,2021-01-01,2020-01-01",
            "S20,RV,2027-01-01,",
        ),
    )
    assert (result.run.accepted, result.run.rejected) == (2, 2)
    newest = Clearance.objects.get(granted_on=date(2020, 3, 1))
    assert newest.expires_on == date(2030, 3, 1)  # RV: 10 years
    assert newest.status == "active"
    assert Clearance.objects.get(granted_on=date(2010, 3, 1)).status == "superseded"


def test_a_failure_while_writing_leaves_nothing_behind(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from lantern.vetting import imports

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    monkeypatch.setattr(imports.Post.objects, "update_or_create", broken)
    with pytest.raises(RuntimeError):
        _import(
            "posts", _csv("post_id,title,unit,area,high_contact,required_level", "P1,A,B,C,no,RV")
        )
    assert not HrImport.objects.exists()
    assert not AuditRecord.objects.filter(event="vetting.imported_posts").exists()


def test_leavers_end_clearances_and_postings() -> None:
    staff = staff_make(staff_id="S30")
    posting = posting_make(staff, post_make())
    clearance = clearance_make(staff)
    result = _import(
        "leavers",
        _csv("staff_id,left_on,reason", "S30,2026-05-01,Resigned", "S31,2026-05-01,Resigned"),
    )
    assert (result.run.accepted, result.run.rejected) == (1, 1)
    clearance.refresh_from_db()
    posting.refresh_from_db()
    staff.refresh_from_db()
    assert clearance.status == "left" and clearance.ended_on == date(2026, 5, 1)
    assert "Resigned" in clearance.end_reason
    assert posting.ended_on == date(2026, 5, 1) and staff.left_on == date(2026, 5, 1)
    assert AuditRecord.objects.get(event="vetting.imported_leavers").detail["leavers"] == ["S30"]


def test_a_list_extract_replaces_the_list_it_contains_only_when_every_row_is_valid() -> None:
    header = "list,surname,forenames,date_of_birth,former_force,reason,listed_on"
    _import(
        "lists",
        _csv(
            header,
            "barred,Old,Entry,1970-01-01,X,Y,2020-01-01",
            "advisory,Kept,Entry,1971-01-01,X,Y,2020-01-01",
        ),
    )
    # A rejected row would silently drop a listed person: the whole extract is refused.
    result = _import(
        "lists",
        _csv(
            header,
            "barred,New,Entry,1972-01-01,X,Y,2021-01-01",
            "barred,Old,Entry,1970-02-30,X,Y,2020-01-01",
        ),
    )
    run = result.run
    assert (run.rows_read, run.accepted, run.rejected, run.refused) == (2, 1, 1, True)
    assert "Refused" in result.describe() and "nothing was changed" in result.describe()
    assert set(ListEntry.objects.values_list("surname", flat=True)) == {"Old", "Kept"}
    assert HrRejectedRow.objects.get(run=run).value == "1970-02-30"
    audit = AuditRecord.objects.get(event="vetting.imported_lists", object_id=str(run.pk))
    assert audit.detail["refused"] is True
    clean = _import("lists", _csv(header, "barred,New,Entry,1972-01-01,X,Y,2021-01-01"))
    assert not clean.run.refused and "Refused" not in clean.describe()
    assert set(ListEntry.objects.values_list("surname", flat=True)) == {"New", "Kept"}


def test_a_refused_list_is_said_so_on_the_page_and_by_the_command(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import argparse

    from lantern.accounts.roles import Role
    from lantern.vetting.commands import lists
    from tests.factories import account_make, client_signed_in

    bad = tmp_path / "lists.csv"
    bad.write_bytes(
        _csv(
            "list,surname,forenames,date_of_birth", "barred,A,B,1970-01-01", "wanted,C,D,1970-01-01"
        )
    )
    assert lists(argparse.Namespace(file=str(bad))) == 1
    captured = capsys.readouterr()
    assert "Refused" in captured.out and "refused; nothing was changed" in captured.err
    assert not ListEntry.objects.exists()
    client = client_signed_in(account_make(Role.VETTING_OFFICER))
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post(
        "/vetting/imports/",
        {"kind": "lists", "file": SimpleUploadedFile("lists.csv", bad.read_bytes())},
        follow=True,
    )
    assert b"Refused: a list extract replaces the list only when every row is valid" in page.content
    assert b'data-testid="refused"' in page.content
    assert not ListEntry.objects.exists()


def test_rows_with_more_or_fewer_fields_than_the_header_are_rejected_not_trimmed() -> None:
    result = _import(
        "posts",
        _csv(
            "post_id,title,unit,area,high_contact,required_level",
            "P1,DA officer,Public protection,A01,yes,MV",
            "P2,Call handler,Contact,A01,no,RV,surplus,more",
            "P3,Short,Contact",
        ),
    )
    assert (result.run.rows_read, result.run.accepted, result.run.rejected) == (3, 1, 2)
    extra, short = result.problems
    assert (extra.row, extra.code, extra.value) == (2, "malformed_row", "surplus,more")
    assert extra.reason.startswith("more fields than the header has columns")
    assert (short.row, short.code, short.column) == (3, "malformed_row", "area")
    assert short.reason.startswith("fewer fields than the header has columns")
    assert set(Post.objects.values_list("post_id", flat=True)) == {"P1"}
    kept = HrRejectedRow.objects.get(row=2)
    assert kept.raw["(extra fields)"] == "surplus,more" and kept.raw["required_level"] == "RV"
    # An optional column left off the end is not a malformed row.
    staff_make(staff_id="S40", joined_on=date(2010, 1, 1))
    post_make(post_id="RESP-B01")
    ok = _import(
        "postings", _csv("staff_id,post_id,started_on,ended_on", "S40,RESP-B01,2020-01-01")
    )
    assert (ok.run.accepted, ok.run.rejected) == (1, 0)


def test_a_leaver_dated_in_the_future_is_rejected_and_keeps_their_clearance() -> None:
    staff = staff_make(staff_id="S50")
    clearance = clearance_make(staff)
    result = _import("leavers", _csv("staff_id,left_on", "S50,2026-06-02"))
    assert (result.run.accepted, result.run.rejected) == (0, 1)
    assert result.problems[0].reason == "impossible date: in the future"
    clearance.refresh_from_db()
    staff.refresh_from_db()
    assert clearance.status == "active" and staff.left_on is None
    assert _import("leavers", _csv("staff_id,left_on", "S50,2026-06-01")).run.accepted == 1


def test_demo_hr_export_is_brought_up_to_today_once_and_reimports_idempotently(
    tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    import argparse
    import csv
    from datetime import timedelta

    import numpy as np
    from django.utils import timezone

    from lantern.synth.config import ForceConfig
    from lantern.synth.force import build_staff
    from lantern.synth.hr import hr_export_write
    from lantern.vetting.commands import import_hr
    from lantern.vetting.compliance import compliance_compute
    from lantern.vetting.models import Declaration, HrRecord

    config = ForceConfig(staff=300, days=30, seed=2026)  # exported as of 4 Feb 2026
    hr_export_write(tmp_path, config, build_staff(config, np.random.default_rng(config.seed)))
    hr = tmp_path / "hr"
    today = date(2026, 11, 23)
    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    assert import_hr(argparse.Namespace(directory=str(hr), as_of_today=True)) == 0
    shift = (today - date(2026, 2, 4)).days
    assert f"moved by {shift} days" in capsys.readouterr().out
    runs = {r.kind: r for r in HrImport.objects.all()}
    assert runs["clearances"].date_shift_days == shift and runs["lists"].date_shift_days == 0
    assert runs["clearances"].export_id == "synth-seed2026-staff300-2026-01-05-30d"
    with (hr / "clearances.csv").open(newline="") as f:
        first = next(csv.DictReader(f))
    granted = date.fromisoformat(first["granted_on"]) + timedelta(days=shift)
    assert Clearance.objects.filter(staff__staff_id=first["staff_id"], granted_on=granted).exists()
    assert ListEntry.objects.filter(surname="Hartley", date_of_birth=date(1988, 4, 12)).exists()
    # the designed gap, on the day the demo runs: about 6% expired, not drifting with the date
    force = compliance_compute(as_of=today).force
    assert 0.03 < force.expired / force.holders < 0.09
    assert Clearance.objects.filter(status="superseded").count() >= 5
    assert Clearance.objects.exclude(conditions="").count() >= 3
    counts = [m.objects.count() for m in (Clearance, Posting, HrRecord, Declaration)]
    # a week later, `make demo` imports the same export again: the shift is the first one's
    later = today + timedelta(days=7)
    monkeypatch.setattr(timezone, "localdate", lambda *a: later)
    assert import_hr(argparse.Namespace(directory=str(hr), as_of_today=True)) == 0
    assert f"moved by {shift} days" in capsys.readouterr().out
    assert [m.objects.count() for m in (Clearance, Posting, HrRecord, Declaration)] == counts
