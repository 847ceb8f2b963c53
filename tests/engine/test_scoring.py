"""Peer statistics: robust, shrunk towards the role, and never divided by zero."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ibis
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from lantern.engine.config import ScoringConfig
from lantern.engine.scoring import robust_peer_z
from tests.engine.conftest import QUIET

pytestmark = QUIET


def peer_rows(tmp_path: Path, rows: list[tuple[str, str, str, int]]) -> dict[str, dict[str, Any]]:
    table = pa.table(
        {
            "staff_id": [r[0] for r in rows],
            "role": [r[1] for r in rows],
            "area": [r[2] for r in rows],
            "n": [r[3] for r in rows],
        }
    )
    pq.write_table(table, tmp_path / "peers.parquet")
    con = ibis.duckdb.connect()
    t = con.read_parquet(tmp_path / "peers.parquet")
    z = robust_peer_z(
        t, ["n"], ["role", "area"], ["role"], ScoringConfig(shrinkage_k=2, mad_floor=1)
    )
    return {r["staff_id"]: r for r in z.to_pyarrow().to_pylist()}


def test_an_outlier_stands_out_and_its_peers_do_not(tmp_path: Path):
    rows = [(f"S{i}", "analyst", "A1", 1 + i % 2) for i in range(9)] + [("X", "analyst", "A1", 30)]
    out = peer_rows(tmp_path, rows)
    assert out["X"]["n_z"] > 10
    assert max(abs(out[f"S{i}"]["n_z"]) for i in range(9)) < 1


def test_a_group_that_all_do_the_job_sets_its_own_normal(tmp_path: Path):
    rows = [(f"P{i}", "public_protection", "A6", 50 + i) for i in range(12)]
    rows += [(f"R{i}", "response_officer", "A6", 1) for i in range(12)]
    out = peer_rows(tmp_path, rows)
    assert max(out[f"P{i}"]["n_z"] for i in range(12)) < 3


def test_a_small_group_borrows_the_role_median(tmp_path: Path):
    rows = [(f"S{i}", "detective", "A1", 2) for i in range(20)]
    rows += [("T1", "detective", "A2", 10), ("T2", "detective", "A2", 10)]
    out = peer_rows(tmp_path, rows)
    # Two detectives in A2 both at 10: shrunk halfway to the role's median of 2.
    assert out["T1"]["n_median"] == pytest.approx(6.0)
    assert out["T1"]["n_z"] > 0
