"""Two simple baselines the engine must beat, computed on the same dataset.

1. ``marker_unlinked``: count each member of staff's lookups of people who carry
   a vulnerability marker and to whom they have no assignment link (no
   assignment on any occurrence the person is linked to). One alert per
   (staff, person) pair, scored by the count.
2. ``isolation_forest``: an isolation forest over per-staff behaviour (volume,
   share of lookups off duty and at night, people looked up, marker lookups
   without a link, work-phone contact off duty and late at night). One alert
   per member of staff, scored by the anomaly score.

Both read the clean output of ``lantern.contract.ingest_dataset``.
"""

# SQL here is fixed text with paths quoted; no input reaches it unescaped.
# ruff: noqa: S608

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import numpy as np

SEXUAL_MARKERS = ("domestic_abuse_victim", "sexual_offence_victim")


def _connect(clean: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name in (
        "staff",
        "persons",
        "occurrence_persons",
        "assignments",
        "duties",
        "person_contacts",
    ):
        path = str(clean / f"{name}.parquet").replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    for name in ("access_events", "communications"):
        path = str(clean / name).replace("'", "''")
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}/*.parquet')")
    con.execute(
        "CREATE TEMP TABLE linked AS SELECT DISTINCT a.staff_id, op.person_id "
        "FROM assignments a JOIN occurrence_persons op USING (occurrence_id)"
    )
    return con


def _iso(value: Any) -> str:
    return str(value).replace(" ", "T").replace("+00", "Z")


def marker_unlinked_alerts(clean: Path) -> list[dict[str, Any]]:
    con = _connect(clean)
    try:
        rows = con.execute(
            "SELECT e.staff_id, e.person_id, count(*) AS n, "
            "CAST(min(e.ts) AS VARCHAR), CAST(max(e.ts) AS VARCHAR), "
            f"list_has_any(p.markers, {list(SEXUAL_MARKERS)}) AS sexual, "
            "list(e.event_id ORDER BY e.ts)[1:20] "
            "FROM access_events e JOIN persons p USING (person_id) "
            "ANTI JOIN linked l ON l.staff_id = e.staff_id AND l.person_id = e.person_id "
            "WHERE len(p.markers) > 0 GROUP BY e.staff_id, e.person_id, p.markers"
        ).fetchall()
    finally:
        con.close()
    return [
        {
            "alert_id": f"baseline-marker-{staff}-{person}",
            "staff_id": staff,
            "person_id": person,
            "score": float(n),
            "category": "sexual_misconduct" if sexual else "misusing_force_systems",
            "indicators": [
                {
                    "code": "marker_unlinked_lookups",
                    "summary": f"{n} lookups",
                    "weight": 1.0,
                    "evidence": evidence,
                }
            ],
            "first_seen": _iso(first),
            "last_seen": _iso(last),
        }
        for staff, person, n, first, last, sexual, evidence in rows
    ]


FEATURES = (
    "events",
    "person_share",
    "off_duty_share",
    "night_share",
    "distinct_people",
    "marker_unlinked",
    "pnc_share",
    "comms",
    "comms_off_duty",
    "comms_late",
)


def staff_features(clean: Path) -> tuple[list[str], np.ndarray, dict[str, tuple[str, str]]]:
    """Per-staff behaviour features (rows in staff order) and each one's time span."""
    con = _connect(clean)
    try:
        con.execute(
            "CREATE TEMP TABLE ev AS SELECT e.staff_id, e.ts, e.person_id, e.system, "
            "d.end_at IS NOT NULL AND e.ts < d.end_at AS on_duty "
            "FROM access_events e ASOF LEFT JOIN duties d "
            "ON e.staff_id = d.staff_id AND e.ts >= d.start_at"
        )
        con.execute(
            "CREATE TEMP TABLE cm AS SELECT c.staff_id, c.ts, "
            "d.end_at IS NOT NULL AND c.ts < d.end_at AS on_duty "
            "FROM communications c ASOF LEFT JOIN duties d "
            "ON c.staff_id = d.staff_id AND c.ts >= d.start_at"
        )
        rows = con.execute(
            "WITH e AS (SELECT staff_id, count(*) AS events, avg((person_id IS NOT NULL)::INT) ps, "
            "avg((NOT on_duty)::INT) off, avg((hour(ts) >= 22 OR hour(ts) < 6)::INT) night, "
            "count(DISTINCT person_id) people, avg((system = 'pnc')::INT) pnc, "
            "CAST(min(ts) AS VARCHAR) f, CAST(max(ts) AS VARCHAR) l FROM ev GROUP BY 1), "
            "m AS (SELECT e.staff_id, count(*) AS n FROM access_events e "
            "JOIN persons p USING (person_id) ANTI JOIN linked l "
            "ON l.staff_id = e.staff_id AND l.person_id = e.person_id "
            "WHERE len(p.markers) > 0 GROUP BY 1), "
            "c AS (SELECT staff_id, count(*) AS n, sum((NOT on_duty)::INT) off, "
            "sum((hour(ts) >= 21 OR hour(ts) < 5)::INT) late FROM cm GROUP BY 1) "
            "SELECT s.staff_id, coalesce(e.events, 0), coalesce(e.ps, 0), coalesce(e.off, 0), "
            "coalesce(e.night, 0), coalesce(e.people, 0), coalesce(m.n, 0), coalesce(e.pnc, 0), "
            "coalesce(c.n, 0), coalesce(c.off, 0), coalesce(c.late, 0), e.f, e.l "
            "FROM staff s LEFT JOIN e USING (staff_id) LEFT JOIN m USING (staff_id) "
            "LEFT JOIN c USING (staff_id) ORDER BY s.staff_id"
        ).fetchall()
    finally:
        con.close()
    ids = [r[0] for r in rows]
    matrix = np.array([[float(v) for v in r[1:11]] for r in rows])
    spans = {r[0]: (r[11], r[12]) for r in rows if r[11] is not None}
    return ids, matrix, spans


def isolation_forest_alerts(clean: Path, *, seed: int = 0) -> list[dict[str, Any]]:
    from sklearn.ensemble import IsolationForest

    ids, matrix, spans = staff_features(clean)
    if not ids:
        return []
    model = IsolationForest(n_estimators=200, random_state=seed)
    model.fit(matrix)
    scores = -model.score_samples(matrix)
    return [
        {
            "alert_id": f"baseline-iforest-{staff}",
            "staff_id": staff,
            "person_id": None,
            "score": float(score),
            "category": "misusing_force_systems",
            "indicators": [
                {
                    "code": "isolation_forest",
                    "summary": "unusual behaviour",
                    "weight": 1.0,
                    "evidence": [],
                }
            ],
            "first_seen": _iso(spans.get(staff, ("", ""))[0]),
            "last_seen": _iso(spans.get(staff, ("", ""))[1]),
        }
        for staff, score in zip(ids, scores, strict=True)
    ]
