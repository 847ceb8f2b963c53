"""Geometry for server-rendered SVG charts (drawn with CSS classes, never inline styles).

Each chart is computed from the same display cells as the table beside it, so a
figure withheld from the table is never drawn either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

WIDTH = 800  # columns and lines: drawn across the page
BARS_WIDTH = 480  # horizontal bars: drawn in half the page, beside their table
LABEL_WIDTH = 175
LABEL_CHARS = 27
BAR_AREA = 250
BAR_HEIGHT = 12
ROW_GAP = 10
SERIES = 6  # CSS classes lantern-chart__fill--s0 .. s5


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class Label:
    text: str
    x: float
    y: float


@dataclass(frozen=True)
class LegendItem:
    name: str
    series: int
    x: float
    y: float

    @property
    def text_x(self) -> float:
        return self.x + 16

    @property
    def text_y(self) -> float:
        return self.y + 11


@dataclass
class Chart:
    width: int
    height: int
    description: str
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)  # (series, "x,y x,y ...")
    axis: list[tuple[float, float, float, float]] = field(default_factory=list)


def _legend(names: Sequence[str], y: float, width: float = WIDTH) -> list[LegendItem]:
    """Legend items left to right, wrapping onto a new line when the width is used up."""
    items, x = [], 0.0
    for i, name in enumerate(names):
        step = 28 + 7 * len(name)
        if x and x + step > width:
            x, y = 0.0, y + 18
        items.append(LegendItem(name, i % SERIES, x, y))
        x += step
    return items


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def horizontal_bars(
    description: str,
    row_labels: Sequence[str],
    series_names: Sequence[str],
    values: Sequence[Sequence[int | None]],
    texts: Sequence[Sequence[str]],
) -> Chart:
    """Grouped horizontal bars: one group per row, one bar per series; None draws no bar."""
    legend = _legend(series_names, 4, BARS_WIDTH) if len(series_names) > 1 else []
    top = (legend[-1].y + 24) if legend else 4
    shown = [v for row in values for v in row if v is not None]
    peak = max(shown, default=0) or 1
    group = len(series_names) * (BAR_HEIGHT + 2) + ROW_GAP
    chart = Chart(BARS_WIDTH, int(top + group * len(row_labels) + 4), description)
    chart.legend = legend
    for r, label in enumerate(row_labels):
        y0 = top + r * group
        chart.labels.append(Label(_short(label), 0, y0 + (group - ROW_GAP) / 2 + 4))
        for s, value in enumerate(values[r]):
            y = y0 + s * (BAR_HEIGHT + 2)
            width = 0.0 if value is None else BAR_AREA * value / peak
            chart.bars.append(
                Bar(LABEL_WIDTH, y, round(width, 1), BAR_HEIGHT, s % SERIES, texts[r][s],
                    round(LABEL_WIDTH + width + 6, 1), y + BAR_HEIGHT - 2)
            )  # fmt: skip
    chart.axis.append((LABEL_WIDTH, top - 2, LABEL_WIDTH, chart.height - 2))
    return chart


def columns(
    description: str,
    column_labels: Sequence[str],
    series_names: Sequence[str],
    values: Sequence[Sequence[float]],
    *,
    highlight: int | None = None,
) -> Chart:
    """Stacked vertical columns: one column per label, the series stacked in order."""
    height, top, bottom, left = 260, 30, 40, 40
    plot_h = height - top - bottom
    totals = [sum(col) for col in values]
    peak = max(totals, default=0) or 1
    step = (WIDTH - left) / max(1, len(column_labels))
    chart = Chart(WIDTH, height, description, legend=_legend(series_names, 8))
    for c, label in enumerate(column_labels):
        x = left + c * step + step * 0.15
        y = float(top + plot_h)
        for s, value in enumerate(values[c]):
            h = plot_h * value / peak
            y -= h
            series = s % SERIES if highlight is None else (1 if c == highlight else 0)
            chart.bars.append(Bar(round(x, 1), round(y, 1), round(step * 0.7, 1), round(h, 1),
                                  series, "", 0, 0))  # fmt: skip
        total = totals[c]
        chart.labels.append(Label(f"{total:g}", round(x, 1), round(y - 4, 1)))
        chart.labels.append(Label(label, round(x, 1), height - bottom + 16))
    chart.axis.append((left, top + plot_h, WIDTH, top + plot_h))
    return chart


def lines(
    description: str,
    column_labels: Sequence[str],
    series_names: Sequence[str],
    values: Sequence[Sequence[float]],
) -> Chart:
    """One polyline per series over the columns (values[column][series])."""
    height, top, bottom, left = 240, 30, 40, 40
    plot_h = height - top - bottom
    peak = max((v for col in values for v in col), default=0) or 1
    step = (WIDTH - left - 40) / max(1, len(column_labels) - 1)
    chart = Chart(WIDTH, height, description, legend=_legend(series_names, 8))
    for s in range(len(series_names)):
        points = " ".join(
            f"{left + c * step:.1f},{top + plot_h - plot_h * col[s] / peak:.1f}"
            for c, col in enumerate(values)
        )
        chart.lines.append((s % SERIES, points))
    for c, label in enumerate(column_labels):
        chart.labels.append(Label(label, round(left + c * step - 14, 1), height - bottom + 16))
    chart.labels.append(Label(f"{peak:g}", 0, top + 4))
    chart.labels.append(Label("0", 0, top + plot_h))
    chart.axis.append((left, top + plot_h, WIDTH, top + plot_h))
    chart.axis.append((left, top, left, top + plot_h))
    return chart
