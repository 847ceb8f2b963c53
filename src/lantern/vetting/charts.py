"""Geometry for the dashboard's server-rendered SVG charts (a table sits beside each)."""

from __future__ import annotations

from dataclasses import dataclass

from lantern.vetting.compliance import ComplianceReport

ROW_HEIGHT = 32
LABEL_WIDTH = 260
PLOT_WIDTH = 700


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    css: str
    count: int


@dataclass(frozen=True)
class UnitBar:
    unit: str
    y: int
    text_y: int
    segments: list[Segment]
    total_x: float
    total: int


def unit_bars(report: ComplianceReport, soon_days: int = 90) -> dict[str, object]:
    """Per unit, as shares of its post holders (each bar is 100%): compliant (green),
    compliant but expiring soon (grey), non-compliant (red); the count is at the end."""
    units = [report.force, *report.units]
    bars = []
    for i, u in enumerate(units):
        soon = u.expiring.get(soon_days, 0)
        parts = (
            (u.compliant - soon, "lantern-mark--explained"),
            (soon, "lantern-mark--context"),
            (u.non_compliant, "lantern-mark--unexplained"),
        )
        scale = PLOT_WIDTH / (u.holders or 1)
        x = float(LABEL_WIDTH)
        segments = []
        for count, css in parts:
            width = round(count * scale, 1)
            segments.append(Segment(round(x, 1), width, css, count))
            x += width
        y = i * ROW_HEIGHT + 40
        bars.append(UnitBar(u.unit, y, y + 16, segments, round(x + 6, 1), u.holders))
    return {
        "bars": bars,
        "height": len(bars) * ROW_HEIGHT + 50,
        "soon": soon_days,
        "width": LABEL_WIDTH + PLOT_WIDTH + 60,
    }


@dataclass(frozen=True)
class Column:
    label: str
    x: float
    y: float
    height: float
    count: int
    text_x: float


def forecast_columns(report: ComplianceReport) -> dict[str, object]:
    """Renewals falling due per month for the next 12 months."""
    top = max((m.renewals for m in report.forecast), default=0) or 1
    plot_height, step = 180.0, 80
    columns = []
    for i, m in enumerate(report.forecast):
        height = round(m.renewals / top * plot_height, 1)
        x = 40 + i * step
        columns.append(
            Column(
                m.month.strftime("%b %y"),
                x,
                round(20 + plot_height - height, 1),
                height,
                m.renewals,
                x + 25,
            )
        )
    return {
        "columns": columns,
        "label_y": 20 + plot_height + 22,
        "width": 40 + 12 * step,
    }
