"""Interval tests written as window functions, not range joins.

Whether an event falls inside a duty period or a span of involvement is an
interval test. A range join multiplies rows; Spark also recomputes a shared
sub-query each time it is referenced. Instead, the intervals are interleaved
with the events they test, sorted by time within each key, and a running
maximum of the interval ends says how far the latest-reaching earlier interval
extends: the event is inside an interval exactly when that reach is at or after
its own time. One sort, no row explosion, the same plan on every backend.
"""

from __future__ import annotations

from collections.abc import Sequence

import ibis
import ibis.expr.types as ir

EVENT_ROW = 1
INTERVAL_ROW = 0  # sorts before an event at the same instant: a start is inclusive


def padded(table: ir.Table, like: ir.Table) -> ir.Table:
    """``table`` in ``like``'s columns, order and types; missing columns as typed nulls.

    Types are aligned too: a backend may hand back a cached timestamp without
    its time zone, and a union needs identical schemas.
    """
    schema = like.schema()
    columns = []
    for name in schema.names:
        if name not in table.columns:
            columns.append(ibis.null(schema[name]).name(name))
        elif table[name].type() != schema[name]:
            columns.append(table[name].cast(schema[name]).name(name))
        else:
            columns.append(table[name])
    return table.select(columns)


def interleaved(rows: ir.Table, intervals: ir.Table) -> ir.Table:
    """Rows (marked as events) and intervals (marked as intervals) in one table.

    ``intervals`` must already carry ``ts`` (its start) and its end columns;
    the end columns are null on event rows and the event columns null on
    interval rows.
    """
    row_part = rows.mutate(_row_kind=ibis.literal(EVENT_ROW, type="int8"))
    interval_part = intervals.mutate(_row_kind=ibis.literal(INTERVAL_ROW, type="int8"))
    end_columns = [c for c in interval_part.columns if c not in row_part.columns]
    row_part = row_part.mutate(**{c: ibis.null(interval_part.schema()[c]) for c in end_columns})
    return ibis.union(row_part, padded(interval_part, row_part), distinct=False)


def running_reach(table: ir.Table, keys: Sequence[str], end_columns: Sequence[str]) -> ir.Table:
    """For each event row, the furthest end reached by earlier intervals, per end column.

    Returns the event rows only, with ``reach_<end column>`` added and the end
    columns and row marker dropped.
    """
    window = ibis.cumulative_window(
        group_by=[table[k] for k in keys], order_by=[table.ts, table._row_kind]
    )
    reach = {f"reach_{c}": table[c].max().over(window) for c in end_columns}
    with_reach = table.mutate(**reach)
    events = with_reach.filter(with_reach._row_kind == EVENT_ROW)
    return events.drop("_row_kind", *end_columns)


def merged_intervals(t: ir.Table, keys: Sequence[str], start: str, end: str) -> ir.Table:
    """Overlapping intervals merged per key (gaps and islands): ``keys``, island_start, island_end.

    An interval opens a new island when it starts after every earlier interval
    of the same key has ended. The islands of one key are disjoint.
    """
    order = [t[start], t[end]]
    ordered = ibis.window(group_by=[t[k] for k in keys], order_by=order)
    cumulative = ibis.cumulative_window(group_by=[t[k] for k in keys], order_by=order)
    t = t.mutate(_reach=t[end].max().over(cumulative))
    t = t.mutate(_opens=ibis.ifelse(t[start] > t._reach.lag().over(ordered), 1, 0))
    t = t.mutate(_island=t._opens.sum().over(cumulative))
    return (
        t.group_by([*keys, "_island"])
        .aggregate(island_start=t[start].min(), island_end=t[end].max())
        .drop("_island")
    )
