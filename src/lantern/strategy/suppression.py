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


# --- Figures linked across tables ---------------------------------------------
#
# One figure can appear in several tables (the number of investigations is the
# total of three tables and a row of two more), and a row of one table can add
# up to a cell of another (a category's intelligence, alerts and investigations
# make its "this period" figure). Protecting each table alone lets a reader
# subtract across tables. ``protect_linked`` protects every figure of a document
# together: each figure has one key wherever it is shown, and each additive
# relation between figures is a ``LinkedGroup``.


@dataclass(frozen=True)
class LinkedGroup:
    """``total`` = the sum of ``parts``. With ``total_first``, a leak is closed by withholding
    the total (a row adding up to a figure shown elsewhere); otherwise by withholding another
    part, smallest non-zero first (a column adding up to its total)."""

    total: object
    parts: tuple[object, ...]
    total_first: bool = False


def determined(
    values: dict[object, int], groups: Sequence[LinkedGroup], hidden: set[object]
) -> set[object]:
    """The hidden figures a reader can work out exactly from the shown ones and the groups.

    Exact (rational Gaussian elimination): a hidden figure is determined when it is a
    pivot of the reduced system with no free figure in its equation.
    """
    from fractions import Fraction

    order = sorted(hidden, key=repr)
    column = {k: i for i, k in enumerate(order)}
    rows: list[list[Fraction]] = []
    for g in groups:
        row = [Fraction(0)] * len(order)
        for p in g.parts:
            if p in column:
                row[column[p]] += 1
        if g.total in column:
            row[column[g.total]] -= 1
        if any(row):
            rows.append(row)
    pivots: list[int] = []
    r = 0
    for c in range(len(order)):
        pick = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pick is None:
            continue
        rows[r], rows[pick] = rows[pick], rows[r]
        lead = rows[r][c]
        rows[r] = [x / lead for x in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                f = rows[i][c]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    out = set()
    for i, c in enumerate(pivots):
        if all(x == 0 for j, x in enumerate(rows[i]) if j != c):
            out.add(order[c])
    return out


def protect_linked(
    values: dict[object, int],
    groups: Sequence[LinkedGroup],
    threshold: int,
    *,
    unseen: frozenset[object] = frozenset(),
) -> dict[object, str]:
    """Which figures to withhold (and why), so that no small figure can be worked out.

    ``values`` holds every figure by key; ``unseen`` keys are never displayed (a count
    implied by two shown ones, like the alerts not yet decided). Rules, applied until
    nothing changes:

    * a small figure is withheld (primary);
    * in a group whose total is shown, the withheld parts must add up to zero or to at
      least the threshold, and one withheld part never stands alone (subtraction would
      give it);
    * a withheld total is never the only withheld figure of its group;
    * finally no small figure, shown or not, may be determined by all the groups together
      (:func:`determined`); while one is, another figure of its groups is withheld.
    """
    hidden: dict[object, str] = {k: PRIMARY for k, v in values.items() if small(v, threshold)}

    def is_hidden(k: object) -> bool:
        return k in hidden or k in unseen

    def sensitive(k: object) -> bool:
        return k in hidden or small(values[k], threshold)

    def widen(g: LinkedGroup, *, prefer_total: bool) -> object | None:
        shown = [p for p in g.parts if not is_hidden(p)]
        if prefer_total and not is_hidden(g.total):
            return g.total
        if shown:
            non_zero = [p for p in shown if values[p] > 0]
            return min(non_zero or shown, key=lambda p: (values[p], repr(p)))
        return None if is_hidden(g.total) else g.total

    def nearest_shown(key: object) -> object | None:
        """The smallest shown figure in the groups around ``key``, nearest groups first."""
        seen, frontier = {key}, {key}
        while frontier:
            near = [g for g in groups if frontier & {g.total, *g.parts}]
            shown = [m for g in near for m in (*g.parts, g.total) if not is_hidden(m)]
            if shown:
                non_zero = [m for m in shown if values[m] > 0]
                return min(non_zero or shown, key=lambda m: (values[m], repr(m)))
            frontier = {m for g in near for m in (*g.parts, g.total)} - seen
            seen |= frontier
        return None

    def violation(g: LinkedGroup) -> object | None:
        parts_hidden = [p for p in g.parts if is_hidden(p)]
        if is_hidden(g.total):
            if g.total in hidden and not parts_hidden:
                return widen(g, prefer_total=False)
            return None
        if not parts_hidden:
            return None
        total_hidden = sum(values[p] for p in parts_hidden)
        if small(total_hidden, threshold) or (
            len(parts_hidden) == 1 and sensitive(parts_hidden[0])
        ):
            return widen(g, prefer_total=g.total_first)
        return None

    while True:
        changed = False
        for g in groups:
            pick = violation(g)
            if pick is not None:
                hidden[pick] = SECONDARY
                changed = True
        if changed:
            continue
        hidden_all = set(hidden) | set(unseen)
        leaks = sorted(
            (k for k in determined(values, groups, hidden_all) if small(values[k], threshold)),
            key=repr,
        )
        if not leaks:
            break
        pick = nearest_shown(leaks[0])
        if pick is not None:
            hidden[pick] = SECONDARY
            changed = True
        if not changed:  # pragma: no cover - nothing left to withhold around the leak
            break
    return {k: v for k, v in hidden.items() if k not in unseen}
