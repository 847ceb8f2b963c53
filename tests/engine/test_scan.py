"""``run_scan`` and ``lantern scan`` end to end, on raw contract datasets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lantern.cli import main
from lantern.engine import detection as detection_module
from lantern.engine.alerts import alerts_read
from lantern.engine.scan import (
    explanations_path_for,
    rejects_path_for,
    run_scan,
    summary_path_for,
)
from tests.engine.conftest import QUIET
from tests.engine.force_factory import ForceBuilder, at

pytestmark = QUIET

CATEGORIES = {
    "infiltration",
    "disclosure_of_information",
    "perverting_the_course_of_justice",
    "sexual_misconduct",
    "controlled_drugs",
    "theft_and_fraud",
    "misusing_force_systems",
    "abuse_of_authority",
    "inappropriate_association",
    "vulnerability",
    "assisting_offenders",
    "other",
}


def predator_force() -> ForceBuilder:
    f = ForceBuilder()
    for i in range(4):
        f.staff(f"S{i}")
        f.roster(f"S{i}", range(0, 40))
    f.person("V1", markers=["domestic_abuse_victim"], phones=("07700 900001",))
    f.occurrence("O1", persons={"V1": "victim"})
    f.assign("O1", "S1", start=at(0, 9), end=at(1, 12))
    f.access("S1", at(0, 10), person_id="V1")
    for d in (8, 12, 15, 20, 25):
        f.access("S1", at(d, 22), person_id="V1")
    for d in range(16, 30, 2):
        f.contact("S1", at(d, 22.5), "+44 7700 900001")
    return f


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    """A raw dataset in the contract (Parquet files are valid raw input)."""
    return predator_force().write(tmp_path / "dataset")


def test_scan_writes_contract_alerts_a_summary_and_rejects(dataset: Path, tmp_path: Path):
    out = tmp_path / "out" / "alerts.jsonl"
    summary = run_scan(dataset, out)
    alerts = alerts_read(out)
    assert len(alerts) == summary.alerts == 1
    alert = alerts[0]
    assert set(alert) == {
        "alert_id",
        "staff_id",
        "person_id",
        "score",
        "category",
        "indicators",
        "first_seen",
        "last_seen",
    }
    assert (alert["staff_id"], alert["person_id"]) == ("S1", "V1")
    assert alert["category"] in CATEGORIES
    for indicator in alert["indicators"]:
        assert set(indicator) == {"code", "summary", "weight", "evidence"}
    assert alert["first_seen"].endswith("Z") and alert["first_seen"] <= alert["last_seen"]
    written = json.loads(summary_path_for(out).read_text())
    assert written["schema"] == "lantern.scan-summary/1"
    for counts in written["tables"].values():
        assert counts["read"] == counts["accepted"] + counts["rejected"]
    assert written["explained_share"]["response_officer"]["accesses"] == 6
    assert written["alerts_per_indicator"]["device_contact_outside_involvement"] == 1
    assert rejects_path_for(out).is_file()
    distribution = written["score_distribution"]
    levels = distribution["pair_scores"]
    assert distribution["threshold"] == 6.0 and distribution["period_days"] >= 1
    assert levels == sorted(levels, reverse=True)
    # The alerted pair is there at or above the threshold.
    assert levels and levels[0] >= distribution["threshold"]


def test_scan_writes_the_path_that_explained_each_other_access_of_an_alerted_pair(
    dataset: Path, tmp_path: Path
):
    out = tmp_path / "out" / "alerts.jsonl"
    run_scan(dataset, out)
    (alert,) = alerts_read(out)
    cited = {ref for indicator in alert["indicators"] for ref in indicator["evidence"]}
    lines = explanations_path_for(out).read_text().splitlines()
    rows = [json.loads(line) for line in lines]
    # Only the first look-up, made during his assignment to her occurrence, is explained.
    assert [(r["staff_id"], r["person_id"], r["path"]) for r in rows] == [("S1", "V1", "assigned")]
    assert rows[0]["event_id"] not in cited


def test_alert_ids_are_stable_for_the_same_input(dataset: Path, tmp_path: Path):
    run_scan(dataset, tmp_path / "a.jsonl")
    run_scan(dataset, tmp_path / "b.jsonl")
    assert (tmp_path / "a.jsonl").read_text() == (tmp_path / "b.jsonl").read_text()


def test_a_corrupted_input_file_is_reported_not_crashed_on(dataset: Path, tmp_path: Path):
    (dataset / "communications" / "part-1.parquet").write_bytes(b"PAR1 this is not parquet")
    out = tmp_path / "alerts.jsonl"
    summary = run_scan(dataset, out)
    assert summary.problems >= 1
    assert "part-1.parquet" in rejects_path_for(out).read_text()
    assert out.is_file()  # the rest of the dataset was still scanned


def test_a_failed_run_leaves_no_partial_output(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    out = tmp_path / "alerts.jsonl"

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("lantern.engine.scan.detect", broken)
    with pytest.raises(RuntimeError):
        run_scan(dataset, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]
    assert detection_module.detect is not broken


def test_cli_scan_applies_the_threshold_the_unit_set(
    dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    out = tmp_path / "alerts.jsonl"
    assert main(["scan", str(dataset), "--out", str(out), "--min-pair-score", "1000"]) == 0
    assert "0 alerts written" in capsys.readouterr().out
    written = json.loads(summary_path_for(out).read_text())
    assert written["score_distribution"]["threshold"] == 1000.0
    assert main(["scan", str(dataset), "--out", str(out), "--min-pair-score", "0"]) == 2


def test_cli_scan(dataset: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    out = tmp_path / "alerts.jsonl"
    assert main(["scan", str(dataset), "--out", str(out)]) == 0
    assert "1 alerts written" in capsys.readouterr().out
    assert main(["scan", str(tmp_path / "missing"), "--out", str(out)]) == 2
    (dataset / "staff.parquet").unlink()
    assert main(["scan", str(dataset), "--out", str(out)]) == 2
    assert "staff" in capsys.readouterr().err
