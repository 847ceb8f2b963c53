"""Evaluation: does monitoring put the planted wrongdoers where a unit will look?

A counter-corruption unit reviews a handful of alerts a week, so the figures
are about the top of the list, not about an AUC:

- ``staff_recall_at_budget``: share of planted staff among the top 1.5% of
  staff, staff ranked by their highest-scoring alert;
- ``pair_recall_top50``: share of planted (staff, person) pairs named by an
  alert in the top 50 alerts;
- ``precision_top50``: share of the top 50 alerts that are about a planted
  member of staff;
- ``category_accuracy``: of the planted staff found within the budget, the
  share whose highest alert names the truth's category;
- ``days_to_first_alert``: median, over planted staff found within the budget,
  of the days from their first wrongful act to the earliest ``last_seen`` of
  their alerts that ends after it (when a daily scan would have had all the
  evidence that alert rests on).

The same figures are computed for two baselines (see ``baselines.py``).
"""

from __future__ import annotations

import json
import math
import statistics
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

BUDGET_SHARE = 0.015
TOP_ALERTS = 50


class EvaluationError(Exception):
    """The inputs cannot be evaluated (message says which file and why)."""


@dataclass(frozen=True)
class Truth:
    staff_count: int
    categories: dict[str, str]  # planted staff -> category
    scenarios: dict[str, str]
    pairs: frozenset[tuple[str, str]]
    first_act: dict[str, datetime]
    raw: dict[str, Any]


@dataclass(frozen=True)
class Metrics:
    system: str
    alerts: int
    budget: int
    staff_recall_at_budget: float
    pair_recall_top50: float
    precision_top50: float
    category_accuracy: float | None
    days_to_first_alert: float | None
    found: tuple[str, ...]
    curve: tuple[float, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Evaluation:
    truth: Truth
    systems: list[Metrics]


def load_truth(path: Path) -> Truth:
    try:
        raw = json.loads(Path(path).read_text())
        wrongdoers = raw["wrongdoers"]
        staff_count = int(raw["staff"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise EvaluationError(f"truth file {path} is unreadable: {exc}") from exc
    return Truth(
        staff_count=staff_count,
        categories={w["staff_id"]: w["category"] for w in wrongdoers},
        scenarios={w["staff_id"]: w["scenario"] for w in wrongdoers},
        pairs=frozenset((w["staff_id"], p) for w in wrongdoers for p in w["persons"]),
        first_act={w["staff_id"]: _parse(w["first_act"]) for w in wrongdoers if w["first_act"]},
        raw=raw,
    )


def load_alerts(path: Path) -> list[dict[str, Any]]:
    alerts: list[dict[str, Any]] = []
    try:
        with Path(path).open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                alert = json.loads(line)
                if not isinstance(alert, dict) or "staff_id" not in alert or "score" not in alert:
                    raise EvaluationError(f"{path} line {number}: not an alert object")
                alerts.append(alert)
    except (OSError, ValueError) as exc:
        raise EvaluationError(f"alerts file {path} is unreadable: {exc}") from exc
    return alerts


def _parse(value: str | None) -> datetime:
    if not value:
        raise ValueError("empty timestamp")
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _ranked(alerts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(alerts, key=lambda a: (-float(a["score"]), str(a.get("alert_id", ""))))


def score_alerts(system: str, alerts: list[dict[str, Any]], truth: Truth) -> Metrics:
    ranked = _ranked(alerts)
    planted = set(truth.categories)
    budget = max(1, math.ceil(truth.staff_count * BUDGET_SHARE))
    staff_order: list[str] = []
    top_alert: dict[str, dict[str, Any]] = {}
    for alert in ranked:
        staff = alert["staff_id"]
        if staff not in top_alert:
            top_alert[staff] = alert
            staff_order.append(staff)
    found = [s for s in staff_order[:budget] if s in planted]
    top = ranked[:TOP_ALERTS]
    pairs = {(a["staff_id"], a.get("person_id")) for a in top}
    categories_right = [top_alert[s].get("category") == truth.categories[s] for s in found]
    delays = [d for s in found if (d := _delay(s, ranked, truth)) is not None]
    return Metrics(
        system=system,
        alerts=len(alerts),
        budget=budget,
        staff_recall_at_budget=len(found) / len(planted) if planted else 0.0,
        pair_recall_top50=len(pairs & truth.pairs) / len(truth.pairs) if truth.pairs else 0.0,
        precision_top50=sum(a["staff_id"] in planted for a in top) / len(top) if top else 0.0,
        category_accuracy=(sum(categories_right) / len(found)) if found else None,
        days_to_first_alert=statistics.median(delays) if delays else None,
        found=tuple(found),
        curve=_curve(ranked, planted),
    )


def _delay(staff: str, ranked: list[dict[str, Any]], truth: Truth) -> float | None:
    first = truth.first_act.get(staff)
    if first is None:
        return None
    ends = []
    for alert in ranked:
        if alert["staff_id"] != staff or not alert.get("last_seen"):
            continue
        try:
            last = _parse(alert["last_seen"])
        except ValueError:
            continue
        if last >= first:
            ends.append(last)
    if not ends:
        return None
    return round((min(ends) - first).total_seconds() / 86400, 1)


def _curve(ranked: list[dict[str, Any]], planted: set[str], points: int = 300) -> tuple[float, ...]:
    """Recall of planted staff after reviewing the top k alerts, k = 1..points."""
    seen: set[str] = set()
    curve = []
    for alert in ranked[:points]:
        if alert["staff_id"] in planted:
            seen.add(alert["staff_id"])
        curve.append(len(seen) / len(planted) if planted else 0.0)
    return tuple(curve)


def evaluate(
    dataset: Path, truth: Truth, alerts: list[dict[str, Any]], engine_name: str = "engine"
) -> Evaluation:
    """Score ``alerts`` and both baselines computed on ``dataset``."""
    from lantern.contract.ingest import ingest_dataset
    from lantern.synth.baselines import (
        isolation_forest_alerts,
        marker_unlinked_alerts,
    )

    with tempfile.TemporaryDirectory(prefix="lantern-eval-") as tmp:
        clean = ingest_dataset(Path(dataset), Path(tmp) / "clean").clean_dir
        marker = marker_unlinked_alerts(clean)
        forest = isolation_forest_alerts(clean)
    return Evaluation(
        truth,
        [
            score_alerts(engine_name, alerts, truth),
            score_alerts("baseline: marker lookups without a link", marker, truth),
            score_alerts("baseline: isolation forest", forest, truth),
        ],
    )


def evaluate_files(
    dataset: Path, truth_path: Path, alerts_path: Path, plot: Path | None = None
) -> Evaluation:
    if not Path(dataset).is_dir():
        raise EvaluationError(f"dataset {dataset} is not a directory")
    truth = load_truth(truth_path)
    evaluation = evaluate(dataset, truth, load_alerts(alerts_path))
    if plot is not None:
        plot_budget_curves([evaluation], plot)
    return evaluation


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f}%"


def _days(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def format_evaluation(evaluation: Evaluation) -> str:
    truth = evaluation.truth
    lines = [
        f"Planted: {len(truth.categories)} staff, {len(truth.pairs)} (staff, person) pairs; "
        f"budget = top {evaluation.systems[0].budget} of {truth.staff_count} staff (1.5%)",
        "",
        f"{'system':<42}{'alerts':>8}{'recall@budget':>15}{'pairs@50':>10}"
        f"{'prec@50':>9}{'category':>10}{'days':>7}",
    ]
    for m in evaluation.systems:
        lines.append(
            f"{m.system:<42}{m.alerts:>8}{_pct(m.staff_recall_at_budget):>15}"
            f"{_pct(m.pair_recall_top50):>10}{_pct(m.precision_top50):>9}"
            f"{_pct(m.category_accuracy):>10}{_days(m.days_to_first_alert):>7}"
        )
    engine = evaluation.systems[0]
    missed = sorted(set(truth.categories) - set(engine.found))
    if missed:
        lines.append("")
        lines.append(
            "Missed by the engine within the budget: "
            + ", ".join(f"{s} ({truth.scenarios[s]})" for s in missed)
        )
    return "\n".join(lines)


@dataclass(frozen=True)
class SeedSummary:
    evaluations: list[Evaluation]


def evaluate_seeds(
    dataset: Path,
    truth_path: Path,
    *,
    seeds: int,
    plot: Path | None = None,
    work: Path | None = None,
) -> SeedSummary:
    """Generate, scan and evaluate ``seeds`` forces shaped like ``truth_path``'s."""
    if seeds < 1:
        raise EvaluationError("--seeds must be at least 1")
    template = load_truth(truth_path).raw
    try:
        from lantern.engine.scan import run_scan
    except ImportError as exc:
        raise EvaluationError(
            f"--seeds needs the engine (lantern.engine.scan.run_scan), not importable: {exc}"
        ) from exc
    from datetime import date

    from lantern.synth.config import ForceConfig
    from lantern.synth.generate import generate_force

    evaluations = []
    with tempfile.TemporaryDirectory(prefix="lantern-seeds-") as tmp:
        root = Path(work) if work is not None else Path(tmp)
        for seed in range(1, seeds + 1):
            config = ForceConfig(
                staff=int(template["staff"]),
                days=int(template["days"]),
                seed=seed,
                start=date.fromisoformat(template["start"]),
                wrongdoer_share=float(template.get("wrongdoer_share", 0.005)),
            )
            summary = generate_force(root / f"seed-{seed}", config)
            alerts_path = root / f"seed-{seed}" / "alerts.jsonl"
            run_scan(summary.dataset, alerts_path)
            evaluations.append(
                evaluate(summary.dataset, load_truth(summary.truth), load_alerts(alerts_path))
            )
    del dataset
    if plot is not None:
        plot_budget_curves(evaluations, plot)
    return SeedSummary(evaluations)


CURVE_POINTS = (10, 25, 50, 100, 200)


def _recall_after(metrics: list[Metrics], k: int) -> float:
    values = []
    for m in metrics:
        curve = m.curve
        values.append(curve[min(k, len(curve)) - 1] if curve else 0.0)
    return statistics.mean(values)


def _mean_sd(values: list[float | None]) -> str:
    present = [v for v in values if v is not None]
    if not present:
        return "n/a"
    mean = statistics.mean(present)
    sd = statistics.stdev(present) if len(present) > 1 else 0.0
    return f"{mean:.2f} ± {sd:.2f}"


def format_seed_summary(summary: SeedSummary) -> str:
    lines = []
    for index, evaluation in enumerate(summary.evaluations, start=1):
        lines.append(f"== seed {index}")
        lines.append(format_evaluation(evaluation))
        lines.append("")
    lines.append("== budget curve: mean share of planted staff found after k alerts")
    lines.append(f"{'system':<42}" + "".join(f"{'k=' + str(k):>9}" for k in CURVE_POINTS))
    for i, name in enumerate(m.system for m in summary.evaluations[0].systems):
        values = [
            _recall_after([e.systems[i] for e in summary.evaluations], k) for k in CURVE_POINTS
        ]
        lines.append(f"{name:<42}" + "".join(f"{_pct(v):>9}" for v in values))
    lines.append("")
    lines.append(f"== mean ± sd over {len(summary.evaluations)} seeds")
    names = [m.system for m in summary.evaluations[0].systems]
    lines.append(
        f"{'system':<42}{'recall@budget':>16}{'pairs@50':>14}{'prec@50':>14}"
        f"{'category':>14}{'days':>14}"
    )
    for i, name in enumerate(names):
        ms = [e.systems[i] for e in summary.evaluations]
        lines.append(
            f"{name:<42}{_mean_sd([m.staff_recall_at_budget for m in ms]):>16}"
            f"{_mean_sd([m.pair_recall_top50 for m in ms]):>14}"
            f"{_mean_sd([m.precision_top50 for m in ms]):>14}"
            f"{_mean_sd([m.category_accuracy for m in ms]):>14}"
            f"{_mean_sd([m.days_to_first_alert for m in ms]):>14}"
        )
    return "\n".join(lines)


def plot_budget_curves(evaluations: list[Evaluation], path: Path) -> None:
    """Recall of planted staff against alerts reviewed, averaged over evaluations."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(7, 4.5))
    for i, name in enumerate(m.system for m in evaluations[0].systems):
        curves = [e.systems[i].curve for e in evaluations]
        length = max((len(c) for c in curves), default=0)
        if length == 0:
            continue
        padded = [list(c) + [c[-1] if c else 0.0] * (length - len(c)) for c in curves]
        mean = [statistics.mean(col) for col in zip(*padded, strict=True)]
        axes.plot(range(1, length + 1), mean, label=name)
    budget = evaluations[0].systems[0].budget
    axes.axvline(TOP_ALERTS, color="grey", linestyle=":", label=f"top {TOP_ALERTS} alerts")
    axes.set_xlabel("alerts reviewed (highest score first)")
    axes.set_ylabel("share of planted staff found")
    axes.set_ylim(0, 1.02)
    axes.set_title(f"Budget curve ({len(evaluations)} seed(s); staff budget {budget})")
    axes.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=120)
    plt.close(figure)
