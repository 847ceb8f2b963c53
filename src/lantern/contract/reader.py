"""Reading one table of a dataset into DuckDB as text, whatever its format.

Every format ends up as the same DuckDB view, ``txt_<table>``, with:

- ``_file`` (VARCHAR) and ``_row`` (BIGINT, 1-based within the file: the data
  row for CSV and Parquet, the line for JSONL);
- ``_raw`` (JSON): the row as the force wrote it, for the rejects file;
- ``_parse_error`` (VARCHAR): why the row could not be read at all (JSONL);
- one column per contract column, as trimmed text (VARCHAR, empty -> NULL) or,
  for list columns, VARCHAR[]; NULL when the file has no such column.

Rows the CSV parser itself rejected (wrong number of fields, bad encoding)
never reach the view; they are returned as ``parser_rejects``, a table with the
same shape as the rejected rows that validation writes.
"""

# SQL here is built from quote_identifier() and quote_literal() only, never from raw input.
# ruff: noqa: S608

from __future__ import annotations

import contextlib
import csv
from dataclasses import dataclass, field

import duckdb
import pyarrow.parquet as pq

from lantern.contract.problems import Problem
from lantern.contract.schema import ColumnType, Table
from lantern.contract.sources import SourceFormat, TableSource

# The JSONL reader splits lines on a control character that valid JSON can
# never hold unescaped, so every line arrives whole in one column.
_LINE_DELIMITER = "\x01"

# Errors in Lantern's own SQL, never caused by input: these must surface.
PROGRAMMING_ERRORS = (duckdb.BinderException, duckdb.ParserException, duckdb.CatalogException)

BAD_ROWS_COLUMNS = (
    "_file VARCHAR, _row BIGINT, _raw JSON, "
    '_errors STRUCT("column" VARCHAR, "value" VARCHAR, reason VARCHAR, code VARCHAR)[]'
)


@dataclass
class LoadedTable:
    """The outcome of loading one table's files into DuckDB."""

    view: str
    present: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)
    parser_rejects: str | None = None
    unreadable_rows: int = 0
    native: set[str] = field(default_factory=set)


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _split_list(expression: str) -> str:
    return (
        f"list_filter(list_transform(string_split({expression}, ';'), lambda x: trim(x)), "
        "lambda x: x <> '')"
    )


def _text(expression: str) -> str:
    return f"NULLIF(trim(CAST({expression} AS VARCHAR)), '')"


def _file_problem(source: TableSource, file: str, reason: str, code: str) -> Problem:
    return Problem("error", source.table, file, None, None, None, reason, code)


def load_table(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    table: Table,
    mapping: dict[str, str],
    *,
    skip_files: frozenset[str] = frozenset(),
    fast: bool = False,
) -> LoadedTable:
    """Create ``txt_<table>`` for ``source``; never raises for a malformed file.

    ``fast`` (CSV only) reads the file straight through, strictly and without
    row numbers (``_row`` is NULL): the cheap path for a file with no problem
    at all. A scan of it raises on the first malformed row; callers then load
    it again the normal way.
    """
    if fast and source.format == SourceFormat.CSV:
        return _load_csv_fast(con, source, table, mapping)
    loaders = {
        SourceFormat.CSV: _load_csv,
        SourceFormat.JSONL: _load_jsonl,
        SourceFormat.PARQUET: _load_parquet,
        SourceFormat.PARQUET_DIR: _load_parquet,
    }
    return loaders[source.format](con, source, table, mapping, skip_files)


def _empty_view(con: duckdb.DuckDBPyConnection, table: Table) -> str:
    view = f"txt_{table.name}"
    columns = ", ".join(
        f"CAST(NULL AS {'VARCHAR[]' if c.type == ColumnType.LIST else 'VARCHAR'}) "
        f"AS {quote_identifier(c.name)}"
        for c in table.columns
    )
    con.execute(
        f"CREATE OR REPLACE VIEW {view} AS SELECT CAST(NULL AS VARCHAR) AS _file, "
        f"CAST(NULL AS BIGINT) AS _row, CAST(NULL AS JSON) AS _raw, "
        f"CAST(NULL AS VARCHAR) AS _parse_error, {columns} WHERE false"
    )
    return view


# Parquet types that already are a contract type: passed through unconverted
# (no text round trip), so a typed export is checked only for missing values.
_NATIVE_TYPES: dict[ColumnType, frozenset[str]] = {
    ColumnType.TS: frozenset({"TIMESTAMP WITH TIME ZONE"}),
    ColumnType.DATE: frozenset({"DATE"}),
    ColumnType.INTEGER: frozenset(
        {"BIGINT", "INTEGER", "SMALLINT", "TINYINT", "UINTEGER", "USMALLINT", "UTINYINT"}
    ),
}


def _column_exprs(
    table: Table,
    mapping: dict[str, str],
    source_types: dict[str, str],
    alias: str,
    native: set[str] | None = None,
) -> tuple[list[str], set[str]]:
    """Text expressions for each contract column from typed source columns.

    When ``native`` is given (Parquet), columns whose type already is the
    contract type are passed through and their names added to ``native``.
    """
    exprs: list[str] = []
    present: set[str] = set()
    for column in table.columns:
        source_name = mapping.get(column.name, column.name)
        target = quote_identifier(column.name)
        if source_name not in source_types:
            null_type = "VARCHAR[]" if column.type == ColumnType.LIST else "VARCHAR"
            exprs.append(f"CAST(NULL AS {null_type}) AS {target}")
            continue
        present.add(column.name)
        ref = f"{alias}.{quote_identifier(source_name)}"
        source_type = source_types[source_name].upper()
        if column.type == ColumnType.LIST:
            if source_type.endswith("[]"):
                expr = (
                    f"list_filter(list_transform(CAST({ref} AS VARCHAR[]), lambda x: trim(x)), "
                    "lambda x: x IS NOT NULL AND x <> '')"
                )
            else:
                expr = _split_list(f"CAST({ref} AS VARCHAR)")
        elif native is not None and source_type in _NATIVE_TYPES.get(column.type, ()):
            native.add(column.name)
            expr = f"CAST({ref} AS {column.duckdb_type})"
        elif native is not None and source_type == "VARCHAR" and column.type in _STRINGS:
            expr = f"NULLIF({ref}, '')"
        else:
            expr = _text(ref)
        exprs.append(f"{expr} AS {target}")
    return exprs, present


_STRINGS = frozenset({ColumnType.ID, ColumnType.STRING, ColumnType.ENUM})


def _raw_json(source_types: dict[str, str], alias: str) -> str:
    if not source_types:
        return "CAST('{}' AS JSON)"
    members = ", ".join(
        f"{quote_identifier(name)} := {alias}.{quote_identifier(name)}" for name in source_types
    )
    return f"to_json(struct_pack({members}))"


def _row_numbers_after_rejects(
    con: duckdb.DuckDBPyConnection, loaded_table: str, rejects_table: str, row_offset: int
) -> str:
    """SQL giving (k, _row) for the k-th parsed row, counting rows the parser rejected.

    The parser drops rejected records, so the k-th kept row is record
    ``k + m`` where ``m`` counts rejected records before it. With rejected
    records r_1 < r_2 < ... (1-based), m(k) = #{j : r_j - j < k}; an ASOF join
    on the thresholds g_j = r_j - j finds it.
    """
    con.execute(
        f"CREATE OR REPLACE TABLE {loaded_table}_gaps AS "
        f"SELECT r - j AS g, j FROM (SELECT r, row_number() OVER (ORDER BY r) AS j "
        f"FROM (SELECT DISTINCT line - {row_offset} AS r FROM {rejects_table}))"
    )
    return (
        f"SELECT s.*, s.rowid + 1 + coalesce(gp.j, 0) AS _row FROM {loaded_table} s "
        f"ASOF LEFT JOIN {loaded_table}_gaps gp ON s.rowid + 1 > gp.g"
    )


def _parser_rejects(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    rejects_table: str,
    row_offset: int,
) -> str:
    name = f"parser_rejects_{source.table}"
    con.execute(
        f"CREATE OR REPLACE TABLE {name} AS "
        f"SELECT {quote_literal(str(source.path))} AS _file, line - {row_offset} AS _row, "
        "to_json(first(csv_line)) AS _raw, "
        "[{'column': first(column_name), 'value': NULL::VARCHAR, "
        "'reason': 'unreadable row: ' || first(error_message), 'code': 'malformed_row'}] "
        f"AS _errors FROM {rejects_table} GROUP BY line"
    )
    return name


def _read_csv_into(
    con: duckdb.DuckDBPyConnection, source: TableSource, name: str, options: str
) -> str | None:
    """Load a delimited file into table ``name``; return an error message on failure."""
    path = quote_literal(str(source.path))
    error = None
    # Strict RFC 4180 first; a file the strict parser cannot follow at all
    # (mixed line endings, say) is read leniently rather than refused.
    for strict in ("true", "false"):
        try:
            con.execute(
                # A TEMP table: faster to fill than the on-disk one, and it still
                # spills to temp_directory beyond the memory limit.
                f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM read_csv({path}, {options}, "
                f"strict_mode={strict}, ignore_errors=true, store_rejects=true, "
                f"rejects_table='{name}_rej', rejects_scan='{name}_scan')"
            )
        except PROGRAMMING_ERRORS:
            raise
        except duckdb.Error as exc:
            error = str(exc).splitlines()[0]
            continue
        return None
    return error


def _csv_header(source: TableSource) -> list[str] | Problem:
    """The header row, read by Python so a bad byte later cannot stop the sniffer."""
    try:
        with source.path.open(encoding="utf-8", errors="replace", newline="") as fh:
            header = next(csv.reader(fh), None)
    except (OSError, csv.Error) as exc:
        return _file_problem(source, str(source.path), f"unreadable CSV file: {exc}", "bad_file")
    if not header:
        return _file_problem(source, str(source.path), "CSV file has no header row", "bad_file")
    names = [h.strip().lstrip("\ufeff") for h in header]
    seen: set[str] = set()
    for index, column in enumerate(names):
        if not column or column in seen:
            names[index] = f"_column_{index + 1}"
        seen.add(names[index])
    return names


_CSV_OPTIONS = (
    "header=true, auto_detect=false, delim=',', quote='\"', escape='\"', max_line_size=16777216"
)


def _load_csv_fast(
    con: duckdb.DuckDBPyConnection, source: TableSource, table: Table, mapping: dict[str, str]
) -> LoadedTable:
    header = _csv_header(source)
    if isinstance(header, Problem):
        return LoadedTable(_empty_view(con, table), problems=[header])
    columns = ", ".join(f"{quote_literal(c)}: 'VARCHAR'" for c in header)
    source_types = dict.fromkeys(header, "VARCHAR")
    exprs, present = _column_exprs(table, mapping, source_types, "s")
    path = quote_literal(str(source.path))
    view = f"txt_{table.name}"
    con.execute(
        f"CREATE OR REPLACE VIEW {view} AS SELECT {path} AS _file, CAST(NULL AS BIGINT) AS _row, "
        f"{_raw_json(source_types, 's')} AS _raw, CAST(NULL AS VARCHAR) AS _parse_error, "
        f"{', '.join(exprs)} FROM read_csv({path}, columns={{{columns}}}, {_CSV_OPTIONS}, "
        "strict_mode=true, ignore_errors=false) s"
    )
    return LoadedTable(view, present)


def _load_csv(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    table: Table,
    mapping: dict[str, str],
    skip_files: frozenset[str],
) -> LoadedTable:
    name = f"csv_{table.name}"
    header = _csv_header(source)
    if isinstance(header, Problem):
        return LoadedTable(_empty_view(con, table), problems=[header])
    columns = ", ".join(f"{quote_literal(c)}: 'VARCHAR'" for c in header)
    error = _read_csv_into(
        con,
        source,
        name,
        f"columns={{{columns}}}, {_CSV_OPTIONS}",
    )
    if error is not None:
        problem = _file_problem(
            source, str(source.path), f"unreadable CSV file: {error}", "bad_file"
        )
        return LoadedTable(_empty_view(con, table), problems=[problem])
    source_types = {row[0]: row[1] for row in con.execute(f"DESCRIBE {name}").fetchall()}
    numbered = _row_numbers_after_rejects(con, name, f"{name}_rej", row_offset=1)
    exprs, present = _column_exprs(table, mapping, source_types, "s")
    view = f"txt_{table.name}"
    con.execute(
        f"CREATE OR REPLACE VIEW {view} AS SELECT {quote_literal(str(source.path))} AS _file, "
        f"s._row AS _row, {_raw_json(source_types, 's')} AS _raw, "
        f"CAST(NULL AS VARCHAR) AS _parse_error, {', '.join(exprs)} FROM ({numbered}) s"
    )
    rejects = _parser_rejects(con, source, f"{name}_rej", row_offset=1)
    return LoadedTable(view, present, [], rejects)


def _json_exprs(
    table: Table, mapping: dict[str, str], keys: set[str]
) -> tuple[list[str], set[str]]:
    exprs: list[str] = []
    present: set[str] = set()
    for column in table.columns:
        key = mapping.get(column.name, column.name)
        target = quote_identifier(column.name)
        if key not in keys:
            null_type = "VARCHAR[]" if column.type == ColumnType.LIST else "VARCHAR"
            exprs.append(f"CAST(NULL AS {null_type}) AS {target}")
            continue
        present.add(column.name)
        path = quote_literal('$."' + key.replace('"', '\\"') + '"')
        scalar = f"try(json_extract_string(s.line, {path}))"
        if column.type == ColumnType.LIST:
            kind = f"try(json_type(s.line, {path}))"
            expr = (
                f"CASE WHEN NOT s._ok THEN NULL "
                f"WHEN {kind} = 'ARRAY' THEN list_filter(list_transform("
                f"try(from_json(json_extract(s.line, {path}), '[\"VARCHAR\"]')), "
                "lambda x: trim(x)), "
                "lambda x: x IS NOT NULL AND x <> '') "
                f"WHEN {kind} = 'NULL' THEN NULL ELSE {_split_list(scalar)} END"
            )
        else:
            expr = f"CASE WHEN s._ok THEN {_text(scalar)} END"
        exprs.append(f"{expr} AS {target}")
    return exprs, present


def _load_jsonl(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    table: Table,
    mapping: dict[str, str],
    skip_files: frozenset[str],
) -> LoadedTable:
    name = f"jsonl_{table.name}"
    error = _read_csv_into(
        con,
        source,
        name,
        "columns={'line': 'VARCHAR'}, header=false, "
        f"delim='{_LINE_DELIMITER}', quote='', escape='', auto_detect=false, "
        "max_line_size=16777216",
    )
    if error is not None:
        problem = _file_problem(
            source, str(source.path), f"unreadable JSONL file: {error}", "bad_file"
        )
        return LoadedTable(_empty_view(con, table), problems=[problem])
    numbered = _row_numbers_after_rejects(con, name, f"{name}_rej", row_offset=0)
    lines = f"{name}_lines"
    con.execute(
        f"CREATE OR REPLACE VIEW {lines} AS SELECT line, _row, "
        "coalesce(try(json_type(line)) = 'OBJECT', false) AS _ok "
        f"FROM ({numbered}) WHERE line IS NOT NULL AND trim(line) <> ''"
    )
    keys = {
        row[0]
        for row in con.execute(
            f"SELECT DISTINCT unnest(try(json_keys(line))) FROM {lines} WHERE _ok"
        ).fetchall()
    }
    exprs, present = _json_exprs(table, mapping, keys)
    view = f"txt_{table.name}"
    con.execute(
        f"CREATE OR REPLACE VIEW {view} AS SELECT {quote_literal(str(source.path))} AS _file, "
        "s._row AS _row, CASE WHEN s._ok THEN try(CAST(s.line AS JSON)) ELSE to_json(s.line) END "
        "AS _raw, CASE WHEN NOT s._ok THEN 'not a JSON object' END AS _parse_error, "
        f"{', '.join(exprs)} FROM {lines} s"
    )
    rejects = _parser_rejects(con, source, f"{name}_rej", row_offset=0)
    return LoadedTable(view, present, [], rejects)


def _readable_parquet_files(
    source: TableSource, skip_files: frozenset[str]
) -> tuple[list[str], list[Problem], int]:
    """Files whose Parquet footer reads; problems for the rest."""
    good: list[str] = []
    problems: list[Problem] = []
    unreadable_rows = 0
    for path in source.files:
        name = str(path)
        if name in skip_files:
            rows = 0
            with contextlib.suppress(Exception):  # the row count is best effort
                rows = pq.ParquetFile(path).metadata.num_rows
            unreadable_rows += rows
            problems.append(
                _file_problem(
                    source, name, f"corrupt Parquet file ({rows} rows not read)", "bad_file"
                )
            )
            continue
        try:
            pq.ParquetFile(path).metadata  # noqa: B018 - reads and checks the footer
        except Exception as exc:
            problems.append(
                _file_problem(source, name, f"unreadable Parquet file: {exc}", "bad_file")
            )
            continue
        good.append(name)
    if not source.files:
        problems.append(
            _file_problem(source, str(source.path), "directory holds no Parquet files", "bad_file")
        )
    return good, problems, unreadable_rows


def _load_parquet(
    con: duckdb.DuckDBPyConnection,
    source: TableSource,
    table: Table,
    mapping: dict[str, str],
    skip_files: frozenset[str],
) -> LoadedTable:
    files, problems, unreadable_rows = _readable_parquet_files(source, skip_files)
    if not files:
        return LoadedTable(
            _empty_view(con, table), problems=problems, unreadable_rows=unreadable_rows
        )
    file_list = "[" + ", ".join(quote_literal(f) for f in files) + "]"
    hive = "true" if source.format == SourceFormat.PARQUET_DIR else "false"
    scan = (
        f"read_parquet({file_list}, filename='_file', file_row_number=true, "
        f"hive_partitioning={hive}, union_by_name=true)"
    )
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {scan}").fetchall()
    except PROGRAMMING_ERRORS:
        raise
    except duckdb.Error as exc:
        problems.append(
            _file_problem(
                source,
                str(source.path),
                f"unreadable Parquet: {str(exc).splitlines()[0]}",
                "bad_file",
            )
        )
        return LoadedTable(
            _empty_view(con, table), problems=problems, unreadable_rows=unreadable_rows
        )
    source_types = {
        row[0]: row[1] for row in described if row[0] not in ("_file", "file_row_number")
    }
    native: set[str] = set()
    exprs, present = _column_exprs(table, mapping, source_types, "s", native)
    view = f"txt_{table.name}"
    con.execute(
        f"CREATE OR REPLACE VIEW {view} AS SELECT s._file AS _file, "
        f"s.file_row_number + 1 AS _row, {_raw_json(source_types, 's')} AS _raw, "
        f"CAST(NULL AS VARCHAR) AS _parse_error, {', '.join(exprs)} FROM {scan} s"
    )
    return LoadedTable(view, present, problems, None, unreadable_rows, native)


def find_corrupt_parquet_files(source: TableSource) -> frozenset[str]:
    """Read every file of a Parquet source whole; return those that fail.

    Used only after a scan failed, to name the culprit: a footer can be intact
    while a data page is not.
    """
    bad: set[str] = set()
    for path in source.files:
        try:
            parquet_file = pq.ParquetFile(path)
            for _batch in parquet_file.iter_batches(batch_size=65536):
                pass
        except Exception:
            bad.add(str(path))
    return frozenset(bad)
