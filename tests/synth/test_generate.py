"""The synthetic force: shape, determinism, validity, and the planted truth."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from lantern.cli import main
from lantern.contract.ingest import validate_dataset
from lantern.contract.schema import ASSIGNMENT_ROLES, STAFF_ROLES
from lantern.synth.config import ForceConfig
from lantern.synth.generate import generate_force
from lantern.synth.scenarios import SCENARIOS
from tests.synth.conftest import Force

TINY = ForceConfig(staff=120, days=14, seed=5, wrongdoer_share=0.02)


def _digest(dataset: Path) -> dict[str, str]:
    """Content hashes of every table (Parquet compared by content, not bytes)."""
    out = {}
    for path in sorted(dataset.rglob("*")):
        if path.is_dir():
            continue
        if path.suffix == ".parquet":
            data = pq.read_table(path).to_pandas().to_csv().encode()
        else:
            data = path.read_bytes()
        out[str(path.relative_to(dataset))] = hashlib.sha256(data).hexdigest()
    return out


def test_same_seed_same_force_other_seed_other_force(tmp_path: Path) -> None:
    first = generate_force(tmp_path / "a", TINY)
    second = generate_force(tmp_path / "b", TINY)
    assert _digest(first.dataset) == _digest(second.dataset)
    assert first.truth.read_text() == second.truth.read_text()
    other = generate_force(tmp_path / "c", ForceConfig(staff=120, days=14, seed=6))
    assert _digest(other.dataset) != _digest(first.dataset)


def test_truth_is_outside_the_dataset(force: Force) -> None:
    dataset, truth = force.summary.dataset, force.summary.truth
    assert truth.parent == dataset.parent
    assert not any("truth" in p.name for p in dataset.rglob("*"))


def test_generated_dataset_passes_validation(force: Force) -> None:
    report = validate_dataset(force.summary.dataset)
    assert report.ok, [str(p) for p in report.problems[:10]]
    assert not report.warnings
    for counts in report.tables.values():
        assert counts.read == counts.accepted > 0


def test_formats_are_mixed_and_events_partitioned_by_date(force: Force) -> None:
    dataset = force.summary.dataset
    suffixes = {p.suffix for p in dataset.iterdir() if p.is_file()}
    assert {".csv", ".jsonl", ".parquet"} <= suffixes
    partitions = sorted(p.name for p in (dataset / "access_events").iterdir())
    assert partitions[0] == "date=2026-01-05"
    assert len(partitions) >= 60
    rows = force.rows(
        "SELECT count(*) FROM read_parquet(?, hive_partitioning=true) "
        "WHERE CAST(ts AS DATE) <> CAST(date AS DATE)",
        f"{dataset}/access_events/*/*.parquet",
    )
    assert rows == [(0,)]


def test_every_role_and_assignment_role_occurs(force: Force) -> None:
    roles = {r for (r,) in force.rows("SELECT DISTINCT role FROM staff")}
    assert roles == set(STAFF_ROLES)
    assignment_roles = {r for (r,) in force.rows("SELECT DISTINCT role FROM assignments")}
    assert set(ASSIGNMENT_ROLES) - {"review"} <= assignment_roles


def test_attending_officers_are_on_duty_in_the_area(force: Force) -> None:
    rows = force.rows(
        "SELECT count(*), count(*) FILTER (WHERE d.staff_id IS NOT NULL AND s.area = o.area) "
        "FROM assignments a JOIN staff s USING (staff_id) JOIN occurrences o USING (occurrence_id) "
        "LEFT JOIN duties d ON d.staff_id = a.staff_id AND a.assigned_at >= d.start_at "
        "AND a.assigned_at < d.end_at WHERE a.role = 'attending'"
    )
    total, on_duty_in_area = rows[0]
    assert total > 100
    assert on_duty_in_area == total


def test_rhythm_of_demand_and_repeat_victims(force: Force) -> None:
    by_hour = dict(force.rows("SELECT hour(reported_at), count(*) FROM occurrences GROUP BY 1"))
    assert by_hour.get(18, 0) > 2 * by_hour.get(4, 0)
    repeat = force.rows(
        "SELECT count(*) FROM (SELECT person_id FROM occurrence_persons op "
        "JOIN occurrences o USING (occurrence_id) WHERE op.role = 'victim' "
        "AND o.category = 'domestic_abuse' GROUP BY 1 HAVING count(*) > 1)"
    )[0][0]
    assert repeat > 5
    marked = force.rows(
        "SELECT count(*) FROM occurrence_persons op JOIN occurrences o USING (occurrence_id) "
        "JOIN persons p USING (person_id) WHERE o.category = 'domestic_abuse' "
        "AND op.role = 'victim' AND NOT list_contains(p.markers, 'domestic_abuse_victim')"
    )[0][0]
    assert marked == 0


def test_phone_numbers_are_in_national_and_international_formats(force: Force) -> None:
    path = force.summary.dataset / "person_contacts.csv"
    phones = path.read_text().splitlines()[1:]
    assert any(',"0' in p or ",0" in p for p in phones)
    assert any("+44" in p for p in phones)


def test_response_officers_work_rotating_shifts(force: Force) -> None:
    starts = {
        h
        for (h,) in force.rows(
            "SELECT DISTINCT hour(start_at) FROM duties JOIN staff USING (staff_id) "
            "WHERE role = 'response_officer'"
        )
    }
    assert starts == {7, 14, 22}
    weekend = force.rows(
        "SELECT count(*) FROM duties JOIN staff USING (staff_id) "
        "WHERE role = 'intelligence_analyst' AND dayofweek(start_at) IN (0, 6)"
    )[0][0]
    assert weekend == 0


@pytest.mark.parametrize(
    "args",
    [
        ["--staff", "10", "--days", "30", "--seed", "1"],
        ["--staff", "100", "--days", "2", "--seed", "1"],
        ["--staff", "100", "--days", "30", "--seed", "1", "--wrongdoer-share", "0.9"],
        ["--staff", "100", "--days", "30", "--seed", "-1"],
    ],
)
def test_synth_refuses_impossible_parameters(
    tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["synth", str(tmp_path / "out"), "--quiet", *args]) == 2
    assert "lantern synth:" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_synth_command_writes_dataset_and_truth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["synth", str(tmp_path / "out"), "--staff", "60", "--days", "7", "--seed", "2"]
    assert main([*args, "--quiet"]) == 0
    assert (tmp_path / "out" / "dataset" / "staff.csv").exists()
    assert (tmp_path / "out" / "truth.json").exists()
    assert "Truth" in capsys.readouterr().out


def test_every_scenario_is_planted(force: Force) -> None:
    planted = {w["scenario"] for w in force.truth["wrongdoers"]}
    names = {name for name, _ in SCENARIOS}
    # A pursuit that never met a suitable victim is recorded as what it became.
    assert len(planted & names) >= 6
    assert len(force.truth["wrongdoers"]) == 8
    kinds = {lookalike["scenario"] for lookalike in force.truth["lookalikes"]}
    assert kinds == {
        "family_liaison",
        "long_running_safeguarding",
        "multi_victim_investigation",
        "post_closure_court_preparation",
    }
