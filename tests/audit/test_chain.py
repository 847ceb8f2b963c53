"""The hash chain detects a changed, deleted, inserted and reordered record."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection, transaction

from lantern.audit.models import AuditCategory, AuditRecord
from lantern.audit.services import audit_append, audit_chain_verify
from lantern.cli import main as lantern_main

pytestmark = pytest.mark.django_db


def _append(n: int) -> None:
    for i in range(n):
        audit_append(
            actor=None,
            actor_label="tester",
            event="test.event",
            category=AuditCategory.CONSULTATION,
            object_id=str(i),
            reason=f"reason {i}",
        )


@contextmanager
def _triggers_dropped() -> Iterator[None]:
    """Tamper as a database administrator would: drop the append-only triggers first."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_record_no_update")
            cursor.execute("DROP TRIGGER audit_record_no_delete")
        else:
            cursor.execute("DROP TRIGGER audit_record_append_only ON audit_auditrecord")
    yield  # the test's transaction is rolled back afterwards, restoring the triggers


def test_intact_chain_verifies() -> None:
    _append(5)
    report = audit_chain_verify()
    assert report.intact
    assert report.records_checked == 5


def test_model_refuses_update_and_delete() -> None:
    _append(1)
    record = AuditRecord.objects.get()
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()


def test_database_refuses_update_and_delete_even_bypassing_the_model() -> None:
    _append(1)
    for statement in (
        "UPDATE audit_auditrecord SET reason = 'x'",
        "DELETE FROM audit_auditrecord",
    ):
        with (
            pytest.raises(Exception, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
    assert AuditRecord.objects.count() == 1


def test_changed_record_is_named() -> None:
    _append(5)
    with _triggers_dropped():
        AuditRecord.objects.filter(seq=3).update(reason="nothing to see")
        report = audit_chain_verify()
    assert not report.intact
    assert report.first_broken_seq == 3
    assert "changed" in report.problem


def test_deleted_record_is_named() -> None:
    _append(5)
    with _triggers_dropped():
        AuditRecord.objects.filter(seq=2).delete()
        report = audit_chain_verify()
    assert not report.intact
    assert report.first_broken_seq == 2
    assert "missing" in report.problem


def test_deleted_last_record_is_named() -> None:
    _append(5)
    with _triggers_dropped():
        AuditRecord.objects.filter(seq=5).delete()
        report = audit_chain_verify()
    assert not report.intact
    assert report.first_broken_seq == 5


def test_inserted_record_is_named() -> None:
    """A forged record slotted in after #2, with later records renumbered to make room."""
    _append(4)
    with _triggers_dropped():
        for record in AuditRecord.objects.filter(seq__gt=2).order_by("-seq"):
            AuditRecord.objects.filter(pk=record.pk).update(seq=record.seq + 1)
        original = AuditRecord.objects.get(seq=2)
        AuditRecord.objects.bulk_create(
            [
                AuditRecord(
                    seq=3,
                    at=original.at,
                    actor_label="intruder",
                    event="test.event",
                    category="consultation",
                    prev_hash=original.hash,
                    hash="f" * 64,
                )
            ]
        )
        report = audit_chain_verify()
    assert not report.intact
    assert report.first_broken_seq == 3


def test_reordered_records_are_named() -> None:
    _append(5)
    with _triggers_dropped():
        a = AuditRecord.objects.get(seq=2)
        b = AuditRecord.objects.get(seq=4)
        AuditRecord.objects.filter(pk=a.pk).update(seq=-1)
        AuditRecord.objects.filter(pk=b.pk).update(seq=2)
        AuditRecord.objects.filter(pk=a.pk).update(seq=4)
        report = audit_chain_verify()
    assert not report.intact
    assert report.first_broken_seq == 2


def test_cli_verify_reports_and_exits_non_zero_when_broken(capsys) -> None:  # type: ignore[no-untyped-def]
    _append(3)
    assert lantern_main(["audit", "verify"]) == 0
    assert "intact: 3 records" in capsys.readouterr().out
    with _triggers_dropped():
        AuditRecord.objects.filter(seq=1).update(event="test.other")
        assert lantern_main(["audit", "verify"]) == 1
    assert "BROKEN at record #1" in capsys.readouterr().out


def test_audit_record_is_rolled_back_with_the_change() -> None:
    """The record is written in the caller's transaction: no change, no record."""
    with pytest.raises(RuntimeError), transaction.atomic():
        _append(1)
        raise RuntimeError("the change failed")
    assert AuditRecord.objects.count() == 0
    assert audit_chain_verify().intact
