"""The evaluation harness: metrics, baselines, seeds and the budget curve."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from lantern.synth import evaluate as evaluate_module
from lantern.synth.evaluate import (
    EvaluationError,
    evaluate_files,
    evaluate_seeds,
    format_evaluation,
    format_seed_summary,
    load_truth,
    score_alerts,
)
from tests.synth.conftest import Force


def oracle_alerts(truth: dict[str, Any], noise: int = 0) -> list[dict[str, Any]]:
    """Perfect alerts for the planted wrongdoers, plus ``noise`` low-scored others."""
    alerts = [
        {
            "alert_id": f"A{i}-{p}",
            "staff_id": w["staff_id"],
            "person_id": p,
            "score": 100.0 - i,
            "category": w["category"],
            "indicators": [],
            "first_seen": w["first_act"],
            "last_seen": w["last_act"],
        }
        for i, w in enumerate(truth["wrongdoers"])
        for p in w["persons"]
    ]
    alerts += [
        {
            "alert_id": f"N{i}",
            "staff_id": f"S{200000 + i}",
            "person_id": None,
            "score": 1.0,
            "category": "other",
            "indicators": [],
            "first_seen": None,
            "last_seen": None,
        }
        for i in range(noise)
    ]
    return alerts


def write_alerts(path: Path, alerts: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in alerts))
    return path


def test_perfect_alerts_score_perfectly(force: Force) -> None:
    truth = load_truth(force.summary.truth)
    metrics = score_alerts("oracle", oracle_alerts(force.truth, noise=60), truth)
    planted = len(force.truth["wrongdoers"])
    assert metrics.staff_recall_at_budget == min(1.0, metrics.budget / planted)
    assert metrics.pair_recall_top50 == 1.0
    assert metrics.category_accuracy == 1.0
    assert metrics.precision_top50 == sum(len(w["persons"]) for w in force.truth["wrongdoers"]) / 50
    assert metrics.days_to_first_alert is not None and metrics.days_to_first_alert >= 0
    assert metrics.curve[-1] == 1.0


def test_wrong_categories_and_late_ranks_are_counted(force: Force) -> None:
    truth = load_truth(force.summary.truth)
    alerts = oracle_alerts(force.truth, noise=60)
    for alert in alerts:
        alert["category"] = "other"
        if alert["alert_id"].startswith("A"):
            alert["score"] = 0.5  # below every noise alert
    metrics = score_alerts("late", alerts, truth)
    assert metrics.staff_recall_at_budget == 0.0
    assert metrics.pair_recall_top50 == 0.0
    assert metrics.precision_top50 == 0.0
    assert metrics.category_accuracy is None


def test_evaluate_files_reports_engine_and_both_baselines(force: Force, tmp_path: Path) -> None:
    alerts = write_alerts(tmp_path / "alerts.jsonl", oracle_alerts(force.truth))
    plot = tmp_path / "curve.png"
    evaluation = evaluate_files(force.summary.dataset, force.summary.truth, alerts, plot=plot)
    names = [m.system for m in evaluation.systems]
    assert names[0] == "engine" and len(names) == 3
    marker, forest = evaluation.systems[1], evaluation.systems[2]
    assert marker.alerts > 0 and forest.alerts == force.truth["staff"]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    text = format_evaluation(evaluation)
    assert "isolation forest" in text and "recall@budget" in text


def test_bad_inputs_are_refused_clearly(force: Force, tmp_path: Path) -> None:
    bad = tmp_path / "alerts.jsonl"
    bad.write_text("{not json\n")
    with pytest.raises(EvaluationError, match="alerts file"):
        evaluate_files(force.summary.dataset, force.summary.truth, bad)
    with pytest.raises(EvaluationError, match="truth file"):
        evaluate_files(force.summary.dataset, bad, bad)


def test_seeds_generate_scan_and_summarise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "truth.json"
    template.write_text(
        json.dumps(
            {
                "staff": 120,
                "days": 14,
                "start": "2026-01-05",
                "wrongdoer_share": 0.02,
                "wrongdoers": [],
            }
        )
    )
    scanned = []

    def fake_scan(dataset: Path, out: Path) -> object:
        scanned.append(dataset)
        truth = json.loads((dataset.parent / "truth.json").read_text())
        write_alerts(out, oracle_alerts(truth))
        return None

    engine = types.ModuleType("lantern.engine.scan")
    engine.run_scan = fake_scan  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "lantern.engine.scan", engine)
    summary = evaluate_seeds(
        tmp_path, template, seeds=2, plot=tmp_path / "c.png", work=tmp_path / "work"
    )
    assert len(summary.evaluations) == len(scanned) == 2
    assert scanned[0] != scanned[1]
    assert all(e.systems[0].pair_recall_top50 == 1.0 for e in summary.evaluations)
    assert "mean ± sd over 2 seeds" in format_seed_summary(summary)
    assert (tmp_path / "c.png").exists()


def test_seeds_without_engine_fail_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    template = tmp_path / "truth.json"
    template.write_text(
        json.dumps({"staff": 120, "days": 14, "start": "2026-01-05", "wrongdoers": []})
    )
    monkeypatch.setitem(sys.modules, "lantern.engine.scan", None)
    with pytest.raises(EvaluationError, match="needs the engine"):
        evaluate_seeds(tmp_path, template, seeds=1)
    assert evaluate_module.TOP_ALERTS == 50
