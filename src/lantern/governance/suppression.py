"""Small-number suppression for the governance pack: the threat assessment's rule.

One rule for every figure that leaves the unit (``lantern.strategy.suppression``,
documented in docs/strategy.md): a count from 1 to
``LANTERN_SMALL_NUMBER_THRESHOLD - 1`` is shown as "fewer than N" (zero is
shown: it identifies nobody); where cells add up to a shown total, more cells
are withheld, smallest first, until the withheld cells together reach the
threshold, so subtraction recovers only their sum. The pack adds one guard of
its own (``lantern.governance.figures``): the current quarter counts only to the
end of the last complete month, so two packs produced days apart agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from lantern.strategy.suppression import PRIMARY, label_fewer, protect_group, small, withheld_label


@dataclass(frozen=True)
class Cell:
    value: int | None  # None when suppressed: the true value never leaves this module
    suppressed: bool
    secondary: bool = False

    def __str__(self) -> str:
        if self.suppressed:
            return withheld_label() if self.secondary else label_fewer(threshold())
        return str(self.value)


def threshold() -> int:
    return int(settings.LANTERN_SMALL_NUMBER_THRESHOLD)


def cell(value: int) -> Cell:
    """A figure standing alone (no total it adds up to)."""
    return Cell(None, True) if small(value, threshold()) else Cell(value, False)


def row_with_total(values: Sequence[int]) -> tuple[list[Cell], Cell]:
    """Cells for a row that adds up to its total, protected against differencing."""
    hidden = protect_group(list(values), threshold())
    cells = [
        Cell(None, True, hidden[i] != PRIMARY) if i in hidden else Cell(v, False)
        for i, v in enumerate(values)
    ]
    return cells, cell(sum(values))
