"""The synthetic force's HR export: deterministic per seed, with the gaps the demo needs."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import numpy as np

from lantern.synth.config import ForceConfig
from lantern.synth.force import build_staff
from lantern.synth.hr import hr_export_write


def _write(out: Path, seed: int) -> Path:
    config = ForceConfig(staff=300, days=30, seed=seed)
    hr_export_write(out, config, build_staff(config, np.random.default_rng(seed)))
    return out / "hr"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as f:
        return list(csv.DictReader(f))


def test_deterministic_per_seed_and_beside_the_dataset(tmp_path: Path) -> None:
    a, b, c = _write(tmp_path / "a", 3), _write(tmp_path / "b", 3), _write(tmp_path / "c", 4)
    names = sorted(p.name for p in a.iterdir())
    assert names == [
        "clearances.csv",
        "declarations.csv",
        "leavers.csv",
        "lists.csv",
        "manifest.json",
        "people.csv",
        "postings.csv",
        "posts.csv",
        "records.csv",
    ]
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert (a / "clearances.csv").read_bytes() != (c / "clearances.csv").read_bytes()
    assert not (tmp_path / "a" / "dataset").exists()


def test_realistic_gaps(tmp_path: Path) -> None:
    hr = _write(tmp_path, 2026)
    people = {r["staff_id"] for r in _rows(hr / "people.csv")}
    cleared = {r["staff_id"] for r in _rows(hr / "clearances.csv")}
    missing = len(people - cleared) / len(people)
    assert 0.01 < missing < 0.10
    posts = {r["post_id"]: r for r in _rows(hr / "posts.csv")}
    assert any(p["high_contact"] == "yes" and p["required_level"] == "MV" for p in posts.values())
    levels = [r["level"] for r in _rows(hr / "clearances.csv")]
    assert "NPPV9" in levels  # one bad row for the import to report
    assert len(_rows(hr / "declarations.csv")) > 5 and len(_rows(hr / "leavers.csv")) >= 1


def test_manifest_dates_the_export_and_the_record_has_texture(tmp_path: Path) -> None:
    hr = _write(tmp_path, 2026)
    manifest = json.loads((hr / "manifest.json").read_text())
    assert manifest["as_of"] == "2026-02-04"  # ForceConfig start 5 Jan 2026 + 30 days
    assert manifest["export_id"] == "synth-seed2026-staff300-2026-01-05-30d"
    posts = {r["post_id"]: r for r in _rows(hr / "posts.csv")}
    (ct,) = [p for p in posts.values() if p["required_level"] == "SC"]
    assert ct["title"].startswith("Counter-terrorism liaison officer")
    in_ct = {r["staff_id"] for r in _rows(hr / "postings.csv") if r["post_id"] == ct["post_id"]}
    assert len(in_ct) == 3
    clearances = _rows(hr / "clearances.csv")
    held = {(r["staff_id"], r["level"]) for r in clearances}
    assert all((s, "RV") in held for s in in_ct)  # SC rests on force vetting
    assert sum(1 for r in clearances if r["conditions"]) >= 3
    # renewal history: the same person and level granted twice, the earlier ending
    # when the later was granted
    by_key: dict[tuple[str, str], list[dict[str, str]]] = {}
    for r in clearances:
        by_key.setdefault((r["staff_id"], r["level"]), []).append(r)
    renewed = [rows for rows in by_key.values() if len(rows) > 1]
    assert len(renewed) >= 5
    for rows in renewed:
        older, newer = sorted(rows, key=lambda r: r["granted_on"])[-2:]
        assert older["expires_on"] == newer["granted_on"]
    assert all(date.fromisoformat(r["granted_on"]) < date(2026, 2, 4) for r in clearances)
    # people without any clearance still have HR records
    people = {r["staff_id"] for r in _rows(hr / "people.csv")}
    uncleared = people - {r["staff_id"] for r in clearances}
    recorded = {r["staff_id"] for r in _rows(hr / "records.csv")}
    assert uncleared and uncleared <= recorded
