"""Small-number suppression, including against differencing."""

from __future__ import annotations

import random

import pytest

from lantern.strategy.suppression import (
    PRIMARY,
    SECONDARY,
    protect_columns,
    protect_group,
    protect_single,
    rate_shown,
)


def test_small_counts_are_suppressed_zero_and_large_shown() -> None:
    assert protect_single(0, 5, shared=True).text == "0"
    assert protect_single(1, 5, shared=True).text == "fewer than 5"
    assert protect_single(4, 5, shared=True).text == "fewer than 5"
    assert protect_single(5, 5, shared=True).text == "5"
    assert protect_single(3, 5, shared=False).text == "3"  # inside the unit


def test_one_suppressed_cell_takes_a_second_with_it() -> None:
    # 3 alone could be worked out as 20 - 10 - 0 - 7; withholding 7 as well leaves only 3 + 7.
    assert protect_group([3, 10, 0, 7], 5) == {0: PRIMARY, 3: SECONDARY}


def test_two_small_cells_that_sum_below_the_threshold_take_a_third() -> None:
    # 1 + 2 = 3 < 5: their sum would say too much, so the smallest other non-zero goes too.
    assert protect_group([1, 2, 9, 30], 5) == {0: PRIMARY, 1: PRIMARY, 2: SECONDARY}


def test_two_small_cells_that_sum_to_the_threshold_are_enough() -> None:
    assert protect_group([2, 3, 9, 30], 5) == {0: PRIMARY, 1: PRIMARY}


def test_no_small_cell_no_suppression() -> None:
    assert protect_group([0, 5, 9], 5) == {}


def test_table_total_is_suppressed_when_small() -> None:
    cells, total = protect_columns([[1], [2], [0]], [3], 5, shared=True)
    # 1 and 2 are small; with nothing else non-zero, the 0 is withheld too.
    assert [c[0].text for c in cells] == ["fewer than 5", "fewer than 5", "withheld"]
    assert total is not None and total[0].text == "fewer than 5"


def test_rates_only_when_both_sides_are_large() -> None:
    assert rate_shown(10, 20, 5, shared=True)
    assert not rate_shown(2, 20, 5, shared=True)  # 2 confirmed would be exposed
    assert not rate_shown(18, 20, 5, shared=True)  # 2 not confirmed would be exposed
    assert rate_shown(2, 20, 5, shared=False)


@pytest.mark.parametrize("seed", range(200))
def test_no_suppressed_cell_can_be_recovered_from_the_total(seed: int) -> None:
    """For any column: the withheld cells are all of them, or sum to at least the threshold."""
    rng = random.Random(seed)
    threshold = 5
    rows = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 8, 13, 40]) for _ in range(3)] for _ in range(8)]
    totals = [sum(r[c] for r in rows) for c in range(3)]
    cells, total_cells = protect_columns(rows, totals, threshold, shared=True)
    assert total_cells is not None
    for c in range(3):
        hidden = [rows[r][c] for r in range(len(rows)) if not cells[r][c].shown]
        if any(0 < v < threshold for v in (rows[r][c] for r in range(len(rows)))):
            assert hidden, "a small count was shown"
        shown_total = total_cells[c].shown
        if hidden and shown_total:
            # Differencing gives only sum(hidden): it must not pin down any one cell.
            assert len(hidden) >= 2 and sum(hidden) >= threshold
        for r in range(len(rows)):
            if cells[r][c].shown:
                assert not 0 < rows[r][c] < threshold


@pytest.mark.parametrize("seed", range(100))
def test_linked_tables_never_give_a_small_count_away(seed: int) -> None:
    """A table whose rows add up to a figure of a second table (with its own total)."""
    from lantern.strategy.suppression import LinkedGroup, determined, protect_linked

    rng = random.Random(seed)
    threshold = 5
    values: dict[object, int] = {}
    groups: list[LinkedGroup] = []
    rows = [[rng.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 40]) for _ in range(3)] for _ in range(6)]
    for r, cells in enumerate(rows):
        for c, v in enumerate(cells):
            values[("cell", r, c)] = v
        values[("row", r)] = sum(cells)
        groups.append(LinkedGroup(("row", r), tuple(("cell", r, c) for c in range(3)), True))
    for c in range(3):
        values[("total", c)] = sum(r[c] for r in rows)
        groups.append(LinkedGroup(("total", c), tuple(("cell", r, c) for r in range(6))))
    values["all"] = sum(values[("row", r)] for r in range(6))
    groups.append(LinkedGroup("all", tuple(("row", r) for r in range(6))))
    hidden = protect_linked(values, groups, threshold)
    for key, v in values.items():
        if 0 < v < threshold:
            assert key in hidden, f"{key}={v} shown"
    leaked = {k for k in determined(values, groups, set(hidden)) if 0 < values[k] < threshold}
    assert not leaked
    for g in groups:  # differencing within a group gives only a sum of at least the threshold
        if g.total not in hidden:
            parts = [values[p] for p in g.parts if p in hidden]
            assert sum(parts) == 0 or sum(parts) >= threshold


def test_determined_solves_what_a_reader_can_subtract() -> None:
    from lantern.strategy.suppression import LinkedGroup, determined

    values = {"a": 12, "b": 2, "c": 7, "row": 21}
    groups = [LinkedGroup("row", ("a", "b", "c"))]
    assert determined(values, groups, {"b"}) == {"b"}
    assert determined(values, groups, {"b", "row"}) == set()
    assert determined(values, groups, {"b", "c"}) == set()


def test_the_last_complete_quarter() -> None:
    from datetime import date

    from lantern.strategy.periods import complete_quarter_end, quarter_end_on_or_before

    assert quarter_end_on_or_before(date(2025, 5, 15)) == date(2025, 3, 31)
    assert quarter_end_on_or_before(date(2025, 6, 30)) == date(2025, 6, 30)
    assert quarter_end_on_or_before(date(2025, 1, 1)) == date(2024, 12, 31)
    assert quarter_end_on_or_before(date(2025, 10, 1)) == date(2025, 9, 30)
    # A quarter ending today is not complete until the day is over.
    assert complete_quarter_end(date(2025, 6, 30), date(2025, 6, 30)) == date(2025, 3, 31)
    assert complete_quarter_end(date(2025, 6, 30), date(2025, 7, 1)) == date(2025, 6, 30)
    assert complete_quarter_end(date(2999, 1, 1), date(2025, 11, 23)) == date(2025, 9, 30)
