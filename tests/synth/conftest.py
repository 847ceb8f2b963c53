from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from lantern.synth.config import ForceConfig
from lantern.synth.generate import GenerationSummary, generate_force

# Big enough for every scenario (8 wrongdoers, 7 scenarios) and a few weeks of
# aftermath; small enough to generate in a few seconds.
SMALL_FORCE = ForceConfig(staff=400, days=60, seed=11, wrongdoer_share=0.02)


@dataclass
class Force:
    summary: GenerationSummary
    truth: dict[str, Any]
    con: duckdb.DuckDBPyConnection

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        # Through Arrow: DuckDB's own fetchall needs pytz for time zones.
        table = self.con.sql(sql, params=list(params)).to_arrow_table()
        columns = [table.column(i).to_pylist() for i in range(table.num_columns)]
        return list(zip(*columns, strict=True)) if columns else []


@pytest.fixture(scope="session")
def force(tmp_path_factory: pytest.TempPathFactory) -> Force:
    import json

    from lantern.contract.ingest import ingest_dataset

    root = tmp_path_factory.mktemp("force")
    summary = generate_force(root, SMALL_FORCE)
    clean = ingest_dataset(summary.dataset, root / "clean").clean_dir
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name in (
        "staff",
        "persons",
        "person_contacts",
        "occurrences",
        "occurrence_persons",
        "assignments",
        "duties",
    ):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{clean / name}.parquet')")
    for name in ("access_events", "communications"):
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{clean / name}/*.parquet')")
    return Force(summary, json.loads(Path(summary.truth).read_text()), con)
