"""Detection over a clean dataset: explain, measure templates, score, assemble.

This is the one place that runs the rules in order on a backend. It reads only
the clean Parquet written by the contract package and returns plain records.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
from ibis.backends import BaseBackend

from lantern.engine.alerts import Alert, alerts_ranked
from lantern.engine.assembly import AssemblyInputs, alerts_assemble
from lantern.engine.backends import (
    BackendOptions,
    backend_connect,
    table_materialise,
    table_release,
)
from lantern.engine.config import EngineConfig, ExplanationConfig
from lantern.engine.evidence import evidence_fetch, person_details, rows_of
from lantern.engine.explanation.paths import (
    NO_PERSON,
    ON_DUTY_PATHS,
    events_examined,
    events_explained,
    events_unsettled,
    pairs_settled,
    pairs_spread,
)
from lantern.engine.explanation.templates import (
    PathCount,
    TemplateMeasure,
    accepted_keys,
    explained_share,
    generic_path,
    template_candidate,
    template_usable,
    templates_measure,
)
from lantern.engine.force import ForceTables, force_tables_read
from lantern.engine.indicators.catalogue import INDICATORS
from lantern.engine.indicators.features import (
    access_flags,
    access_pairs,
    contact_pairs,
    contacts_outside,
)
from lantern.engine.indicators.pairs import (
    pairs_described,
    pairs_joined,
    pairs_weighted,
    pairs_with_peers,
)
from lantern.engine.localtime import LocalClock
from lantern.engine.scoring import (
    breadth_counted,
    pair_alert_levels,
    pairs_alerting,
    staff_alerting,
    staff_scored,
)


@dataclass
class Detection:
    """What one detection run found, and how."""

    alerts: list[Alert]
    explained_share: dict[str, dict[str, float | int]]
    templates: list[TemplateMeasure]
    counts: dict[str, int]
    timings: dict[str, float] = field(default_factory=dict)
    # Threshold, period and the highest pairs' alert levels, for the unit's what-if.
    score_distribution: dict[str, Any] = field(default_factory=dict)
    # The path that explained each explained access of an alerted pair.
    explanations: list[dict[str, Any]] = field(default_factory=list)

    @property
    def alerts_per_indicator(self) -> dict[str, int]:
        counter: Counter[str] = Counter(h.code for a in self.alerts for h in a.indicators)
        return {code: counter.get(code, 0) for code in INDICATORS}

    @property
    def alerts_per_category(self) -> dict[str, int]:
        return dict(sorted(Counter(a.category for a in self.alerts).items()))


# How many of the highest pair alert levels a scan keeps for the what-if.
SCORE_LEVELS_KEPT = 10_000


@dataclass
class Materialised:
    """Intermediate tables the backend keeps for reuse; released before disconnecting."""

    con: BaseBackend
    tables: list[tuple[ir.Table, str]] = field(default_factory=list)

    def keep(self, expr: ir.Table) -> ir.Table:
        name = f"lantern_step_{len(self.tables)}_{uuid.uuid4().hex[:8]}"
        table = table_materialise(self.con, expr, name)
        self.tables.append((table, name))
        return table

    def release(self) -> None:
        for table, name in reversed(self.tables):
            table_release(self.con, table, name)
        self.tables.clear()


@dataclass
class Stopwatch:
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = round(time.perf_counter() - started, 3)


def detect(
    clean_dir: Path, *, options: BackendOptions, config: EngineConfig | None = None
) -> Detection:
    """Run every rule over ``clean_dir`` on the backend ``options`` names."""
    config = config or EngineConfig()
    watch = Stopwatch()
    with watch.stage("connect"):
        con = backend_connect(options)
    kept = Materialised(con)
    try:
        force = force_tables_read(con, clean_dir)
        return _detect_on(force, config, watch, kept)
    finally:
        kept.release()
        _disconnect(con)


def _disconnect(con: BaseBackend) -> None:
    # A Spark session is shared by the process (tests reuse it); DuckDB closes.
    if con.name == "duckdb":
        con.disconnect()


@dataclass(frozen=True)
class Explained:
    """The explanation stage's tables, kept on the backend."""

    spread: ir.Table
    settled: ir.Table
    classified: ir.Table
    examined: ir.Table

    @property
    def residual(self) -> ir.Table:
        return self.examined.filter(self.examined.path_specific.isnull())


def _detect_on(
    force: ForceTables, config: EngineConfig, watch: Stopwatch, kept: Materialised
) -> Detection:
    ecfg, icfg, scfg = config.explanation, config.indicators, config.scoring
    period = _period(force)
    clock = LocalClock.for_period(icfg.timezone, *period)
    with watch.stage("explain"):
        explained = _explain(force, ecfg, kept)
        counts = _path_counts(explained, _roles(force))
    with watch.stage("templates"):
        measures = templates_measure(counts, ecfg)
        accepted = accepted_keys(measures)
    with watch.stage("indicators"):
        residual = explained.residual
        flagged = access_flags(
            residual.mutate(path_generic=generic_path(residual, accepted)), clock, icfg
        )
        outside = kept.keep(contacts_outside(force, ecfg, icfg, clock))
        pairs = pairs_joined(access_pairs(flagged), contact_pairs(outside))
        described = kept.keep(pairs_described(pairs, force, icfg))
    with watch.stage("scoring"):
        staff = kept.keep(staff_scored(described, force, icfg, scfg))
        pairs = kept.keep(pairs_weighted(pairs_with_peers(described, staff), icfg))
        pair_alerts = kept.keep(pairs_alerting(pairs, staff, icfg, scfg))
        staff_alerts = staff_alerting(staff, pair_alerts, scfg)
        pair_rows, staff_rows = rows_of(pair_alerts), rows_of(staff_alerts)
        levels = [r["level"] for r in rows_of(pair_alert_levels(pairs, scfg, SCORE_LEVELS_KEPT))]
    with watch.stage("evidence"):
        evidence = evidence_fetch(flagged, outside, pair_alerts, _breadth_pairs(pairs, staff))
        paths = rows_of(_explanations(force, explained, flagged, pair_alerts))
        persons = person_details(force, (r["person_id"] for r in pair_rows))
        inputs = AssemblyInputs(pair_rows, staff_rows, evidence, persons, clock, icfg)
        alerts = alerts_ranked(alerts_assemble(inputs))
    stats = _counts(counts, pairs, outside, alerts, explained.settled)
    distribution = {
        "threshold": scfg.min_pair_score,
        "period_days": max(1, (period[1] - period[0]).days + 1),
        "measure": "the threshold at which each (staff, person) pair would alert on its own",
        "pair_scores": [round(float(v), 3) for v in levels],
    }
    return Detection(
        alerts,
        explained_share(counts, accepted),
        measures,
        stats,
        watch.timings,
        distribution,
        sorted(paths, key=lambda r: (r["staff_id"], r["person_id"], r["event_id"])),
    )


def _explanations(
    force: ForceTables, explained: Explained, flagged: ir.Table, keys: ir.Table
) -> ir.Table:
    """Each explained access of an alerted pair with the path that explained it.

    Specific paths as found event by event (``assigned``, ``own_occurrence``,
    ``supervision``, ``linked_person``); ``assigned`` for pairs settled whole
    inside one assignment; ``duty:<template>`` for a role duty mined from the
    data. The reviewer's timeline shows these, not a guess made afterwards.
    """
    k = keys.select(k_staff=keys.staff_id, k_person=keys.person_id)
    columns = ("event_id", "staff_id", "person_id")
    c, x = explained.classified, explained.examined
    firm = c.filter(c.path_specific.notnull() & ~c.path_specific.isin(ON_DUTY_PATHS))
    firm = firm.select(*columns, path=firm.path_specific)
    checked = x.filter(x.path_specific.notnull()).select(*columns, path=x.path_specific)
    generic = flagged.filter(flagged.path_generic.notnull())
    generic = generic.select(*columns, path=ibis.literal("duty:") + generic.path_generic)
    e, st = force.access_events, explained.settled
    whole = e.semi_join(st, (e.staff_id == st.staff_id) & (e.person_id == st.person_id))
    whole = whole.select(*columns, path=ibis.literal("assigned"))
    every = ibis.union(firm, checked, generic, whole, distinct=False)
    return every.semi_join(k, (every.staff_id == k.k_staff) & (every.person_id == k.k_person))


def _explain(force: ForceTables, ecfg: ExplanationConfig, kept: Materialised) -> Explained:
    """Settle whole pairs, then explain the rest event by event, then check duty."""
    spread = kept.keep(pairs_spread(force.access_events))
    settled = kept.keep(pairs_settled(spread, force, ecfg))
    unsettled = events_unsettled(force.access_events, settled)
    classified = kept.keep(events_explained(unsettled, force, ecfg))
    examined = kept.keep(_examined(classified, force, ecfg))
    return Explained(spread, settled, classified, examined)


def _period(force: ForceTables) -> tuple[datetime, datetime]:
    """First and last instant in the access and contact tables (now, when both are empty)."""
    bounds: list[Any] = []
    for table in (force.access_events, force.communications):
        row = rows_of(table.aggregate(first=table.ts.min(), last=table.ts.max()))[0]
        bounds += [row["first"], row["last"]]
    instants = [_utc(b) for b in bounds if b is not None]
    if not instants:
        now = datetime.now(UTC)
        return now, now
    return min(instants), max(instants)


def _utc(value: Any) -> datetime:
    instant = value.to_pydatetime() if hasattr(value, "to_pydatetime") else value
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant


def _roles(force: ForceTables) -> dict[str, str]:
    s = force.staff
    return {r["staff_id"]: r["role"] for r in rows_of(s.select("staff_id", "role"))}


def _path_counts(explained: Explained, roles: dict[str, str]) -> list[PathCount]:
    """Accesses per member of staff by specific path, and by template for the rest."""
    spread, settled = explained.spread, explained.settled
    classified, examined = explained.classified, explained.examined
    nobody = spread.filter(spread.person_id.isnull())
    firm = classified.path_specific.notnull() & ~classified.path_specific.isin(ON_DUTY_PATHS)
    explained_rows = ibis.union(
        classified.filter(firm).select("staff_id", "path_specific"),
        examined.filter(examined.path_specific.notnull()).select("staff_id", "path_specific"),
        distinct=False,
    )
    residual = explained.residual
    parts = [
        nobody.group_by("staff_id").aggregate(
            path_specific=ibis.literal(NO_PERSON),
            template=ibis.null("string"),
            usable=ibis.literal(False),
            events=nobody.events.sum(),
        ),
        settled.group_by("staff_id").aggregate(
            path_specific=ibis.literal("assigned"),
            template=ibis.null("string"),
            usable=ibis.literal(False),
            events=settled.events.sum(),
        ),
        explained_rows.group_by(["staff_id", "path_specific"]).aggregate(
            template=ibis.null("string"), usable=ibis.literal(False), events=explained_rows.count()
        ),
        residual.group_by(["staff_id", "template", "usable"]).aggregate(
            path_specific=ibis.null("string"), events=residual.count()
        ),
    ]
    return [
        PathCount(
            staff_id=r["staff_id"],
            role=roles.get(r["staff_id"]) or "unknown",
            path_specific=r["path_specific"],
            template=r["template"],
            usable=bool(r["usable"]),
            events=int(r["events"]),
        )
        for part in parts
        for r in rows_of(part)
    ]


def _examined(classified: ir.Table, force: ForceTables, ecfg: ExplanationConfig) -> ir.Table:
    """Accesses left to examine, with duty status, role and candidate template."""
    examined = events_examined(classified, force.duties)
    s = force.staff.select(r_staff_id=force.staff.staff_id, role=force.staff.role)
    examined = examined.left_join(s, examined.staff_id == s.r_staff_id).drop("r_staff_id")
    return examined.mutate(
        template=ibis.ifelse(
            examined.path_specific.isnull(),
            template_candidate(examined, ecfg),
            ibis.null("string"),
        ),
        usable=template_usable(examined),
    )


def _breadth_pairs(pairs: ir.Table, staff: ir.Table) -> ir.Table:
    alerting = staff.filter(staff.breadth_alerting).select(a_staff=staff.staff_id)
    counted = pairs.filter(breadth_counted(pairs))
    return counted.semi_join(alerting, counted.staff_id == alerting.a_staff).select(
        "staff_id", "person_id"
    )


def _counts(
    counts: list[PathCount],
    pairs: ir.Table,
    outside: ir.Table,
    alerts: list[Alert],
    settled: ir.Table,
) -> dict[str, int]:
    about_person = sum(c.events for c in counts if c.path_specific != NO_PERSON)
    return {
        "access_events": sum(c.events for c in counts),
        "accesses_about_a_person": about_person,
        "accesses_with_no_specific_path": sum(c.events for c in counts if c.path_specific is None),
        "contacts_outside_involvement": int(outside.count().execute()),
        "pairs_with_residual_activity": int(pairs.count().execute()),
        "accesses_settled_as_whole_pairs": int(settled.events.sum().execute() or 0),
        "alerts": len(alerts),
    }
