"""Loading an alerts file: evidence from the dataset, idempotent, explanations respected."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lantern.alerts.loading import AlertsFileError, alerts_load
from lantern.alerts.models import Alert, AlertStatus, RecordedExplanation
from lantern.audit.models import AuditRecord
from lantern.force.models import Person, StaffMember
from tests.contract.factories import valid_rows, write_dataset
from tests.factories import account_make

pytestmark = pytest.mark.django_db

ALERT = {
    "alert_id": "alert-1",
    "staff_id": "S1",
    "person_id": "P1",
    "score": 7.5,
    "category": "sexual_misconduct",
    "indicators": [
        {
            "code": "return_after_involvement",
            "summary": "viewed her record 2 times after his part ended",
            "weight": 2.0,
            "evidence": ["E2", "E3"],
        },
        {
            "code": "device_contact_outside_involvement",
            "summary": "1 message to her number",
            "weight": 1.5,
            "evidence": ["C1"],
        },
    ],
    "first_seen": "2026-01-01T10:00:00Z",
    "last_seen": "2026-01-02T23:10:00Z",
}


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    folder = tmp_path / "dataset"
    write_dataset(folder, valid_rows())
    return folder


def _alerts_file(tmp_path: Path, *alerts: dict) -> Path:  # type: ignore[type-arg]
    path = tmp_path / "alerts.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in alerts))
    return path


def test_load_builds_the_evidence_timeline(tmp_path: Path, dataset: Path) -> None:
    run = alerts_load(actor=None, alerts_path=_alerts_file(tmp_path, ALERT), dataset=dataset)
    assert (run.alerts_read, run.alerts_new) == (1, 1)
    alert = Alert.objects.get()
    assert alert.staff.staff_id == "S1"
    assert alert.person is not None and alert.person.markers == ["domestic_abuse_victim"]
    assert StaffMember.objects.count() == 2  # the whole directory, for conflict checks
    assert Person.objects.count() == 1  # only the people alerts concern
    evidence = {e.ref_id: e for e in alert.evidence.all()}
    assert evidence["E3"].explained is False
    assert evidence["E3"].indicator_codes == ["return_after_involvement"]
    assert evidence["E0"].explained is True
    assert evidence["C1"].kind == "communication"
    assert evidence["O1"].kind in {"occurrence", "assignment"}
    assert "this person" not in alert.summary
    assert AuditRecord.objects.filter(event="alerts.loaded").exists()


def test_load_keeps_the_scan_summary_beside_the_alerts_file(tmp_path: Path, dataset: Path) -> None:
    path = _alerts_file(tmp_path, ALERT)
    summary = {"schema": "lantern.scan-summary/1", "score_distribution": {"threshold": 6.0}}
    path.with_name("alerts.summary.json").write_text(json.dumps(summary))
    run = alerts_load(actor=None, alerts_path=path, dataset=dataset)
    assert run.summary["score_distribution"] == {"threshold": 6.0}


def test_the_timeline_shows_the_path_the_engine_recorded(tmp_path: Path, dataset: Path) -> None:
    path = _alerts_file(tmp_path, ALERT)
    row = {"staff_id": "S1", "person_id": "V1", "event_id": "E0", "path": "supervision"}
    path.with_name("alerts.explanations.jsonl").write_text(json.dumps(row) + "\n")
    alerts_load(actor=None, alerts_path=path, dataset=dataset)
    evidence = {e.ref_id: e for e in Alert.objects.get().evidence.all()}
    assert evidence["E0"].explained is True
    assert evidence["E0"].explanation.startswith("supervising a team member")
    assert evidence["E3"].explanation == ""  # cited: the indicator says why it counts


def test_without_the_engine_paths_the_timeline_says_none_was_recorded(
    tmp_path: Path, dataset: Path
) -> None:
    alerts_load(actor=None, alerts_path=_alerts_file(tmp_path, ALERT), dataset=dataset)
    evidence = {e.ref_id: e for e in Alert.objects.get().evidence.all()}
    assert "recorded no explanation path" in evidence["E0"].explanation


def test_role_duty_paths_read_in_plain_words() -> None:
    from lantern.alerts.loading import explanation_words

    words = explanation_words("duty:claimed_open:domestic_abuse")
    assert "open domestic abuse occurrence" in words and "duty of the role" in words
    assert "PNC check" in explanation_words("duty:reasoned_check:pnc")


def test_load_without_a_summary_keeps_an_empty_one(tmp_path: Path, dataset: Path) -> None:
    run = alerts_load(actor=None, alerts_path=_alerts_file(tmp_path, ALERT), dataset=dataset)
    assert run.summary == {}


def test_loading_twice_changes_nothing(tmp_path: Path, dataset: Path) -> None:
    path = _alerts_file(tmp_path, ALERT)
    alerts_load(actor=None, alerts_path=path, dataset=dataset)
    evidence_before = Alert.objects.get().evidence.count()
    run = alerts_load(actor=None, alerts_path=path, dataset=dataset)
    assert run.alerts_new == 0
    assert Alert.objects.count() == 1
    assert Alert.objects.get().evidence.count() == evidence_before


def test_recorded_explanation_suppresses_a_new_alert(tmp_path: Path, dataset: Path) -> None:
    alerts_load(actor=None, alerts_path=_alerts_file(tmp_path, ALERT), dataset=dataset)
    first = Alert.objects.get()
    RecordedExplanation.objects.create(
        staff=first.staff,
        person=first.person,
        reason="Family liaison",
        owner=account_make().user,
        expires_on="2099-01-01",
    )
    repeat = {**ALERT, "alert_id": "alert-2"}
    run = alerts_load(actor=None, alerts_path=_alerts_file(tmp_path, repeat), dataset=dataset)
    assert run.alerts_suppressed == 1
    assert Alert.objects.get(alert_id="alert-2").status == AlertStatus.SUPPRESSED


def test_a_bad_line_is_named(tmp_path: Path, dataset: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    path.write_text(
        json.dumps(ALERT) + "\n" + json.dumps({**ALERT, "first_seen": "2026-01-01T10:00:00"}) + "\n"
    )
    with pytest.raises(AlertsFileError, match="line 2: field 'first_seen'"):
        alerts_load(actor=None, alerts_path=path, dataset=dataset)
    assert not Alert.objects.exists()
