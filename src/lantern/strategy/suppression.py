"""Small-number suppression for figures shared outside the counter-corruption unit.

Rule (see docs/strategy.md):

* **Primary**: a count ``n`` with ``0 < n < threshold`` is shown as "fewer than
  N". Zero is shown: it identifies nobody.
* **Secondary (against differencing)**: the cells of a column add up to a total
  that is shown. If the suppressed cells of a column sum to less than the
  threshold (one suppressed cell alone always does), more cells are withheld,
  smallest non-zero first, until the withheld cells together are at least the
  threshold; the reader can then recover only their sum, never one of them. A
  total that is itself small is suppressed like any cell.
* Rates and medians are shown only when every count behind them would be shown.

Pure Python, no Django: the rule is tested on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PRIMARY = "primary"
SECONDARY = "secondary"


@dataclass(frozen=True)
class Cell:
    """A count as it is displayed: the value (None when withheld) and its text."""

    value: int | None
    text: str
    suppressed: str = ""  # "", PRIMARY or SECONDARY

    @property
    def shown(self) -> bool:
        return self.value is not None


def small(n: int, threshold: int) -> bool:
    return 0 < n < threshold


def label_fewer(threshold: int) -> str:
    return f"fewer than {threshold}"


def withheld_label() -> str:
    return "withheld"


def cell_plain(n: int) -> Cell:
    return Cell(n, f"{n:,}")


def cell_suppressed(kind: str, threshold: int) -> Cell:
    return Cell(None, label_fewer(threshold) if kind == PRIMARY else withheld_label(), kind)


def protect_group(values: Sequence[int], threshold: int) -> dict[int, str]:
    """Which cells of one additive group (a column with a shown total) to withhold, and why."""
    hidden = {i: PRIMARY for i, v in enumerate(values) if small(v, threshold)}
    if not hidden:
        return hidden
    while sum(values[i] for i in hidden) < threshold and len(hidden) < len(values):
        rest = [i for i in range(len(values)) if i not in hidden]
        non_zero = [i for i in rest if values[i] > 0]
        pick = min(non_zero or rest, key=lambda i: (values[i], i))
        hidden[pick] = SECONDARY
    return hidden


def protect_columns(
    rows: Sequence[Sequence[int]], totals: Sequence[int] | None, threshold: int, *, shared: bool
) -> tuple[list[list[Cell]], list[Cell] | None]:
    """Display cells for a table whose columns are additive groups (each with its total).

    With ``shared`` false (inside the unit) every figure is shown as it is.
    """
    width = len(rows[0]) if rows else (len(totals) if totals else 0)
    out = [[cell_plain(v) for v in row] for row in rows]
    out_totals = [cell_plain(t) for t in totals] if totals is not None else None
    if not shared:
        return out, out_totals
    for col in range(width):
        column = [row[col] for row in rows]
        for i, kind in protect_group(column, threshold).items():
            out[i][col] = cell_suppressed(kind, threshold)
        if out_totals is not None and totals is not None and small(totals[col], threshold):
            out_totals[col] = cell_suppressed(PRIMARY, threshold)
    return out, out_totals


def protect_single(n: int, threshold: int, *, shared: bool) -> Cell:
    """A figure standing alone (no total it adds up to)."""
    if shared and small(n, threshold):
        return cell_suppressed(PRIMARY, threshold)
    return cell_plain(n)


def rate_shown(numerator: int, denominator: int, threshold: int, *, shared: bool) -> bool:
    """A share may be shown when neither the count in it nor the count outside it is small."""
    if denominator == 0:
        return False
    if not shared:
        return True
    return not small(numerator, threshold) and not small(denominator - numerator, threshold)
