"""The synthetic force's HR export: deterministic per seed, with the gaps the demo needs."""

from __future__ import annotations

import csv
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
