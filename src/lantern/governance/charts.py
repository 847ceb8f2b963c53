"""Server-drawn SVG charts for the pack: geometry computed here, drawn by the template.

Each chart sits beside a table with the same figures; suppressed figures are
drawn as an empty bar labelled "<N" (or "–" when withheld to protect another
figure), never at their true size.
"""

from __future__ import annotations

from dataclasses import dataclass

from lantern.governance.figures import UnitFigures
from lantern.governance.suppression import threshold

RAG_FILL = {"red": "#d4351c", "amber": "#f47738", "green": "#00703c", "complete": "#1d70b8"}
SERIES_FILL = ("#1d70b8", "#505a5f", "#d4351c")
CHART_KEYS = ("alerts_raised", "alerts_dismissed", "alerts_escalated")


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    label: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    axis: list[tuple[float, float, str]]  # (x, y, text)


def rag_chart(rag: list[tuple[str, str, int]]) -> Chart:
    """Horizontal bars: recommendations per RAG rating."""
    top = max([n for _, _, n in rag] + [1])
    bars: list[Bar] = []
    axis: list[tuple[float, float, str]] = []
    for i, (code, label, n) in enumerate(rag):
        y = 6 + i * 30
        width = 220 * n / top
        bars.append(Bar(100, y, max(width, 0.5), 22, RAG_FILL[code], str(n), 106 + width, y + 17))
        axis.append((0, y + 17, label))
    return Chart(360, 6 + len(rag) * 30, bars, axis)


def figures_chart(figures: UnitFigures) -> Chart:
    """Grouped vertical bars: alerts raised, dismissed and escalated per quarter."""
    rows = [r for r in figures.rows if r.key in CHART_KEYS]
    values = [c.value or 0 for r in rows for c in r.cells]
    top = max([*values, 1])
    bars: list[Bar] = []
    axis: list[tuple[float, float, str]] = []
    group = 560 / max(len(figures.quarters), 1)
    for qi, quarter in enumerate(figures.quarters):
        x0 = 60 + qi * group
        axis.append((x0 + group / 2 - 24, 230, quarter))
        for si, row in enumerate(rows):
            c = row.cells[qi]
            height = 0.0 if c.suppressed else 180 * (c.value or 0) / top
            x = x0 + 10 + si * (group - 20) / len(rows)
            width = (group - 20) / len(rows) - 4
            label = str(c.value) if not c.suppressed else "–" if c.secondary else f"<{threshold()}"
            bars.append(Bar(x, 200 - height, width, max(height, 0.5), SERIES_FILL[si], label,
                            x + 2, 195 - height))  # fmt: skip
    return Chart(640, 240, bars, axis)
