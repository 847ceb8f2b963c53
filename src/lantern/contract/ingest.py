"""Reading a force's dataset, checking it against the contract, writing it clean.

``ingest_dataset`` is what ``lantern scan`` runs on its input and
``validate_dataset`` what ``lantern validate`` runs: the same code, the second
without keeping the clean output. DuckDB does the work so that a table of tens
of millions of rows is checked in seconds, out of core.
"""

# SQL here is built from quote_identifier() and quote_literal() only, never from raw input.
# ruff: noqa: S608

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from lantern.contract.checks import checked_view_sql
from lantern.contract.phones import phones_to_e164
from lantern.contract.problems import Problem
from lantern.contract.reader import (
    BAD_ROWS_COLUMNS,
    PROGRAMMING_ERRORS,
    LoadedTable,
    find_corrupt_parquet_files,
    load_table,
    quote_identifier,
    quote_literal,
)
from lantern.contract.schema import TABLES, ColumnType, Table
from lantern.contract.sources import SourceFormat, TableSource, load_mapping, locate_table

# Row-level problems kept in memory per (table, column, code); every one of
# them is in the rejects file, the rest are summarised.
EXAMPLES_PER_PROBLEM = 20
# Past this, DuckDB spills to the work folder; with the engine's own 2.5 GB limit (run after
# ingestion, in the same process) a scan stays within 4 GB of memory at 100 million events.
DUCKDB_MEMORY_LIMIT = "2500MB"


@dataclass(frozen=True)
class TableCounts:
    """Rows of one table: read == accepted + rejected always holds."""

    table: str
    read: int
    accepted: int
    rejected: int
    unknown_enum_values: dict[str, dict[str, int]]


@dataclass(frozen=True)
class IngestResult:
    """What ``ingest_dataset`` wrote and found."""

    clean_dir: Path
    rejects_path: Path
    tables: dict[str, TableCounts]
    problems: list[Problem]


@dataclass(frozen=True)
class ValidationReport:
    """What ``validate_dataset`` found."""

    dataset: Path
    tables: dict[str, TableCounts]
    problems: list[Problem]
    rejects_path: Path | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        """True when no row and no file was rejected."""
        return not self.errors and all(c.rejected == 0 for c in self.tables.values())


def ingest_dataset(
    dataset: Path,
    clean_dir: Path,
    *,
    mapping: Path | None = None,
    rejects_path: Path | None = None,
) -> IngestResult:
    """Check ``dataset`` and write its accepted rows, in contract types, to ``clean_dir``.

    Each table becomes ``clean_dir/NAME.parquet`` (a directory ``NAME/`` of
    Parquet files for access_events and communications). Rejected rows go to
    ``rejects_path`` (default ``clean_dir/rejects.jsonl``), one JSON line per
    problem. Output is built in a temporary directory beside ``clean_dir`` and
    renamed into place at the end, so a failure leaves no partial output; an
    existing ``clean_dir`` is replaced.

    Raises ``DatasetError`` (naming the file) when a required table is missing,
    a table is ambiguous, or the mapping file is bad. Malformed files and rows
    are reported as problems, never raised.
    """
    dataset, clean_dir = Path(dataset), Path(clean_dir)
    clean_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{clean_dir.name}.", dir=clean_dir.parent))
    try:
        staging = work / "clean"
        staging.mkdir()
        rejects_tmp = staging / "rejects.jsonl" if rejects_path is None else work / "rejects.jsonl"
        tables, problems = _check_dataset(
            dataset, mapping, work=work, staging=staging, rejects_file=rejects_tmp
        )
        if rejects_path is not None:
            rejects_path = Path(rejects_path)
            rejects_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(rejects_tmp), str(rejects_path))
        _replace_directory(staging, clean_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    final_rejects = rejects_path if rejects_path is not None else clean_dir / "rejects.jsonl"
    return IngestResult(clean_dir, final_rejects, tables, problems)


def validate_dataset(
    dataset: Path,
    mapping: Path | None = None,
    *,
    rejects_path: Path | None = None,
) -> ValidationReport:
    """Check ``dataset`` against the contract without keeping clean output."""
    dataset = Path(dataset)
    with tempfile.TemporaryDirectory(prefix="lantern-validate-") as tmp:
        work = Path(tmp)
        rejects_tmp = work / "rejects.jsonl"
        tables, problems = _check_dataset(
            dataset, mapping, work=work, staging=None, rejects_file=rejects_tmp
        )
        if rejects_path is not None:
            rejects_path = Path(rejects_path)
            rejects_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(rejects_tmp), str(rejects_path))
    return ValidationReport(dataset, tables, problems, rejects_path)


def _replace_directory(new: Path, target: Path) -> None:
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def _connect(work: Path) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(work / "work.duckdb"))
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET temp_directory = {quote_literal(str(work / 'spill'))}")
    con.execute(f"SET memory_limit = {quote_literal(DUCKDB_MEMORY_LIMIT)}")
    con.execute("SET preserve_insertion_order = true")
    return con


def _check_dataset(
    dataset: Path,
    mapping: Path | None,
    *,
    work: Path,
    staging: Path | None,
    rejects_file: Path,
) -> tuple[dict[str, TableCounts], list[Problem]]:
    mapping_by_table = load_mapping(mapping)
    sources = {name: locate_table(dataset, name) for name in TABLES}  # fails early, by name
    tables: dict[str, TableCounts] = {}
    problems: list[Problem] = []
    con = _connect(work)
    try:
        with rejects_file.open("wb") as rejects_out:
            for name, table in TABLES.items():
                outcome = _check_table_safely(
                    con, sources[name], table, mapping_by_table.get(name, {}), work, staging
                )
                tables[name] = outcome.counts
                problems.extend(outcome.problems)
                if outcome.rejects_file is not None and outcome.rejects_file.exists():
                    with outcome.rejects_file.open("rb") as part:
                        shutil.copyfileobj(part, rejects_out)
                    outcome.rejects_file.unlink()
                for problem in outcome.file_problems:
                    rejects_out.write(_problem_line(problem))
    finally:
        con.close()
    return tables, problems


def _problem_line(problem: Problem) -> bytes:
    record = {
        "table": problem.table,
        "file": problem.file,
        "row": problem.row,
        "column": problem.column,
        "value": problem.value,
        "reason": problem.reason,
        "code": problem.code,
        "raw": None,
    }
    return (json.dumps(record, ensure_ascii=False) + "\n").encode()


class _NeedsRowNumbers(Exception):
    """The fast path found a problem; the table must be read with row numbers."""


@dataclass
class _TableOutcome:
    counts: TableCounts
    problems: list[Problem] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    rejects_file: Path | None = None


def _check_table_safely(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    table: Table,
    mapping: dict[str, str],
    work: Path,
    staging: Path | None,
) -> _TableOutcome:
    """Check one table; a file that fails mid-scan is named, skipped and reported.

    A CSV file is first checked on the fast path (streamed, no row numbers);
    only when that finds any problem is it loaded again with row numbers, so
    that every problem can be located.
    """
    if source.format == SourceFormat.CSV:
        try:
            return _check_table(con, source, table, mapping, work, staging, frozenset(), fast=True)
        except PROGRAMMING_ERRORS:
            raise
        except (duckdb.Error, _NeedsRowNumbers):
            pass
    try:
        return _check_table(con, source, table, mapping, work, staging, frozenset())
    except PROGRAMMING_ERRORS:
        raise
    except duckdb.Error as first_error:
        if source.format in (SourceFormat.PARQUET, SourceFormat.PARQUET_DIR):
            corrupt = find_corrupt_parquet_files(source)
            if corrupt:
                try:
                    return _check_table(con, source, table, mapping, work, staging, corrupt)
                except duckdb.Error:
                    pass
        problem = Problem(
            "error", table.name, str(source.path), None, None, None,
            f"table could not be read: {str(first_error).splitlines()[0]}", "bad_file",
        )  # fmt: skip
        _write_empty(table, staging)
        counts = TableCounts(table.name, 0, 0, 0, {})
        return _TableOutcome(counts, [problem], [problem])


def _check_table(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    table: Table,
    mapping: dict[str, str],
    work: Path,
    staging: Path | None,
    skip_files: frozenset[str],
    *,
    fast: bool = False,
) -> _TableOutcome:
    loaded = load_table(con, source, table, mapping, skip_files=skip_files, fast=fast)
    file_problems = list(loaded.problems)
    bad = f"bad_{table.name}"
    con.execute(f"CREATE OR REPLACE TABLE {bad} ({BAD_ROWS_COLUMNS})")
    if loaded.parser_rejects is not None:
        con.execute(f"INSERT INTO {bad} SELECT * FROM {loaded.parser_rejects}")
    read_in_view = _scalar(con, f"SELECT count(*) FROM {loaded.view}")
    file_unreadable = any(p.code == "bad_file" and p.row is None for p in loaded.problems)
    missing = [c.name for c in table.columns if not c.nullable and c.name not in loaded.present]
    if missing and not (file_unreadable and not loaded.present):
        for name in missing:
            source_name = mapping.get(name, name)
            reason = "missing required column"
            if source_name != name:
                reason += f" (mapped from {source_name!r})"
            file_problems.append(
                Problem("error", table.name, str(source.path), None, name, None,
                        reason + f"; all {read_in_view} rows rejected", "missing_column")
            )  # fmt: skip
    if missing:
        _write_empty(table, staging)
        parser_rejected = _scalar(con, f"SELECT count(*) FROM {bad}")
        rejected = read_in_view + parser_rejected + loaded.unreadable_rows
        counts = TableCounts(table.name, rejected, 0, rejected, {})
        rejects_file = _write_rejects(con, table, bad, work)
        row_problems = _row_problems(con, table, bad)
        return _TableOutcome(counts, file_problems + row_problems, file_problems, rejects_file)

    checked = _checked_relation(con, table, loaded)
    if fast:
        # Without row numbers nothing can be located: any problem at all sends
        # the table down the normal path.
        if table.unique_key is not None and _scalar(con, f"SELECT count(*) FROM dup_{table.name}"):
            raise _NeedsRowNumbers
        if _scalar(con, f"SELECT count(*) FROM {checked} WHERE _bad"):
            raise _NeedsRowNumbers
    else:
        con.execute(
            f"INSERT INTO {bad} SELECT _file, _row, _raw, _errors FROM ({checked}) WHERE _bad"
        )
    rejected = _scalar(con, f"SELECT count(*) FROM {bad}") + loaded.unreadable_rows
    read = read_in_view + loaded.unreadable_rows
    if loaded.parser_rejects is not None:
        read += _scalar(con, f"SELECT count(*) FROM {loaded.parser_rejects}")
    accepted = read - rejected
    if staging is not None:
        written = _write_clean(con, table, checked, staging)
        if written != accepted:  # an invariant, not an input problem
            raise RuntimeError(f"{table.name}: wrote {written} rows, expected {accepted}")
    unknown = _unknown_enum_values(con, table, loaded)
    warnings = [
        Problem("warning", table.name, str(source.path), None, column, value,
                f"unknown {column} value in {count} rows (kept)", "unknown_enum")
        for column, values in unknown.items()
        for value, count in sorted(values.items())
    ]  # fmt: skip
    counts = TableCounts(table.name, read, accepted, rejected, unknown)
    rejects_file = _write_rejects(con, table, bad, work)
    row_problems = _row_problems(con, table, bad)
    return _TableOutcome(
        counts, file_problems + row_problems + warnings, file_problems, rejects_file
    )


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _checked_relation(con: duckdb.DuckDBPyConnection, table: Table, loaded: LoadedTable) -> str:
    duplicates = None
    if table.unique_key is not None:
        duplicates = _duplicates_table(con, table, loaded.view)
    phone_maps = {
        column.name: _phone_map(con, table, column.name, loaded.view)
        for column in table.columns
        if column.phone and column.name in loaded.present
    }
    sql = checked_view_sql(
        table,
        loaded.view,
        duplicates=duplicates,
        phone_maps=phone_maps,
        native=frozenset(loaded.native),
    )
    view = f"chk_{table.name}"
    con.execute(f"CREATE OR REPLACE VIEW {view} AS {sql}")
    return view


def _duplicates_table(con: duckdb.DuckDBPyConnection, table: Table, view: str) -> str:
    """Keys seen more than once, with where each was first seen.

    Grouping on a 64-bit hash first keeps this cheap for tens of millions of
    rows; only candidate keys are grouped exactly.
    """
    assert table.unique_key is not None
    key = quote_identifier(table.unique_key)
    name = f"dup_{table.name}"
    con.execute(
        f"CREATE OR REPLACE TABLE {name} AS "
        f"WITH candidates AS (SELECT hash({key}) AS h FROM {view} WHERE {key} IS NOT NULL "
        "GROUP BY h HAVING count(*) > 1), "
        f"rows AS (SELECT {key} AS k, _file, _row FROM {view} "
        f"WHERE hash({key}) IN (SELECT h FROM candidates)) "
        "SELECT k, arg_min(_file, (_file, _row)) AS first_file, "
        "arg_min(_row, (_file, _row)) AS first_row FROM rows GROUP BY k HAVING count(*) > 1"
    )
    return name


def _phone_map(con: duckdb.DuckDBPyConnection, table: Table, column: str, view: str) -> str:
    """A table (raw, e164) over the DISTINCT values of a phone column."""
    name = f"phones_{table.name}_{column}"
    raws = [
        row[0]
        for row in con.execute(
            f"SELECT DISTINCT {quote_identifier(column)} FROM {view} "
            f"WHERE {quote_identifier(column)} IS NOT NULL"
        ).fetchall()
    ]
    mapped = phones_to_e164(raws)
    arrow = pa.table(
        {"raw": pa.array(list(mapped), pa.string()),
         "e164": pa.array(list(mapped.values()), pa.string())}
    )  # fmt: skip
    con.register(f"{name}_arrow", arrow)
    con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM {name}_arrow")
    con.unregister(f"{name}_arrow")
    return name


def _clean_select(table: Table, checked: str) -> str:
    columns = ", ".join(
        f"CAST({quote_identifier(c.name)} AS {c.duckdb_type}) AS {quote_identifier(c.name)}"
        for c in table.columns
    )
    return f"SELECT {columns} FROM {checked} WHERE NOT _bad"


def _write_clean(con: duckdb.DuckDBPyConnection, table: Table, checked: str, staging: Path) -> int:
    select = _clean_select(table, checked)
    if table.large:
        target = staging / table.name
        options = "FORMAT parquet, COMPRESSION zstd, PER_THREAD_OUTPUT true"
    else:
        target = staging / f"{table.name}.parquet"
        options = "FORMAT parquet, COMPRESSION zstd"
    row = con.execute(f"COPY ({select}) TO {quote_literal(str(target))} ({options})").fetchone()
    return int(row[0]) if row else 0


def _write_empty(table: Table, staging: Path | None) -> None:
    if staging is None:
        return
    empty = table.arrow_schema.empty_table()
    if table.large:
        (staging / table.name).mkdir(exist_ok=True)
        pq.write_table(empty, staging / table.name / "data_0.parquet")
    else:
        pq.write_table(empty, staging / f"{table.name}.parquet")


def _unknown_enum_values(
    con: duckdb.DuckDBPyConnection, table: Table, loaded: LoadedTable
) -> dict[str, dict[str, int]]:
    """Counts of values outside each enum's known set, over all rows read."""
    columns = [c for c in table.columns if c.known_values and c.name in loaded.present]
    scalars = [c for c in columns if c.type == ColumnType.ENUM]
    lists = [c for c in columns if c.type == ColumnType.LIST]
    counts: dict[str, dict[str, int]] = {}
    if scalars:
        exprs = ", ".join(
            f"lower({quote_identifier(c.name)}) AS c{i}" for i, c in enumerate(scalars)
        )
        sets = ", ".join(f"(c{i})" for i in range(len(scalars)))
        rows = con.execute(
            f"SELECT {', '.join(f'c{i}' for i in range(len(scalars)))}, count(*) FROM "
            f"(SELECT {exprs} FROM {loaded.view}) GROUP BY GROUPING SETS ({sets})"
        ).fetchall()
        for row in rows:
            for i, column in enumerate(scalars):
                value = row[i]
                if value is not None and value not in column.known_values:
                    counts.setdefault(column.name, {})[value] = int(row[-1])
    for column in lists:
        rows = con.execute(
            f"SELECT v, count(*) FROM (SELECT unnest({quote_identifier(column.name)}) AS v "
            f"FROM {loaded.view}) GROUP BY v"
        ).fetchall()
        for value, count in rows:
            if value is not None and value not in column.known_values:
                counts.setdefault(column.name, {})[value] = int(count)
    return counts


def _write_rejects(con: duckdb.DuckDBPyConnection, table: Table, bad: str, work: Path) -> Path:
    path = work / f"rejects_{table.name}.jsonl"
    con.execute(
        f'COPY (SELECT {quote_literal(table.name)} AS "table", _file AS file, _row AS "row", '
        'e.column AS "column", e.value AS value, e.reason AS reason, e.code AS code, '
        f"_raw AS raw FROM (SELECT _file, _row, _raw, unnest(_errors) AS e FROM {bad}) "
        f'ORDER BY file, "row") TO {quote_literal(str(path))} (FORMAT json)'
    )
    return path


def _row_problems(con: duckdb.DuckDBPyConnection, table: Table, bad: str) -> list[Problem]:
    """The first few rows per (column, code), and a summary line for the rest."""
    exploded = f"(SELECT _file, _row, unnest(_errors) AS e FROM {bad})"
    examples = con.execute(
        f"SELECT _file, _row, e.column, e.value, e.reason, e.code FROM {exploded} "
        "QUALIFY row_number() OVER (PARTITION BY e.column, e.code ORDER BY _file, _row) "
        f"<= {EXAMPLES_PER_PROBLEM} ORDER BY _file, _row"
    ).fetchall()
    problems = [
        Problem("error", table.name, f, r, c, v, reason, code)
        for f, r, c, v, reason, code in examples
    ]
    totals = con.execute(
        f"SELECT e.column, e.code, count(*), min(_file) FROM {exploded} GROUP BY ALL "
        f"HAVING count(*) > {EXAMPLES_PER_PROBLEM} ORDER BY ALL"
    ).fetchall()
    problems.extend(
        Problem("error", table.name, file, None, column, None,
                f"{count - EXAMPLES_PER_PROBLEM} more rows with this problem ({code}); "
                "every one is in the rejects file", code)
        for column, code, count, file in totals
    )  # fmt: skip
    return problems


def problems_by_code(problems: Iterable[Problem]) -> dict[str, int]:
    """How many problems of each code (summaries count once)."""
    result: dict[str, int] = {}
    for problem in problems:
        result[problem.code] = result.get(problem.code, 0) + 1
    return result
