"""The force's clean tables as Ibis tables: the only input the rules read.

The contract package writes one clean, typed Parquet file (or directory of
files, for the large tables) per table. This module opens them on a backend
and keeps exactly the contract's columns, whatever else a file carries (hive
partition columns, for instance).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import ibis
import ibis.expr.types as ir
import pyarrow as pa
from ibis.backends import BaseBackend

from lantern.contract.schema import TABLES


@dataclass(frozen=True)
class ForceTables:
    """One force's data, one Ibis table per contract table."""

    staff: ir.Table
    persons: ir.Table
    person_contacts: ir.Table
    occurrences: ir.Table
    occurrence_persons: ir.Table
    assignments: ir.Table
    duties: ir.Table
    access_events: ir.Table
    communications: ir.Table


def clean_table_files(clean_dir: Path, table: str) -> list[Path]:
    """The Parquet files holding ``table`` in a clean directory."""
    single = clean_dir / f"{table}.parquet"
    if single.is_file():
        return [single]
    directory = clean_dir / table
    if directory.is_dir():
        return sorted(p for p in directory.rglob("*.parquet") if p.is_file())
    return []


def force_tables_read(con: BaseBackend, clean_dir: Path, *, prefix: str = "lantern") -> ForceTables:
    """Open every contract table of ``clean_dir`` on ``con``."""
    tables = {name: _table_read(con, clean_dir, name, prefix) for name in TABLES}
    return ForceTables(**tables)


def _table_read(con: BaseBackend, clean_dir: Path, name: str, prefix: str) -> ir.Table:
    spec = TABLES[name]
    files = clean_table_files(clean_dir, name)
    if not files:
        return ibis.memtable(spec.arrow_schema.empty_table())
    table = con.read_parquet(
        _parquet_source(con, clean_dir, name, files), table_name=f"{prefix}_{name}"
    )
    columns = [_column_typed(table, field) for field in spec.arrow_schema]
    return table.select(columns)


def _parquet_source(
    con: BaseBackend, clean_dir: Path, name: str, files: list[Path]
) -> str | list[str]:
    """DuckDB takes the list of files; Spark reads a directory (and its partitions) itself."""
    directory = clean_dir / name
    if con.name == "pyspark" and directory.is_dir():
        return str(directory)
    return [str(p) for p in files] if len(files) > 1 else str(files[0])


def _column_typed(table: ir.Table, field: pa.Field) -> ir.Value:
    """The column as the contract types it (a missing nullable column reads as null)."""
    wanted = ibis.dtype(field.type)
    if field.name not in table.columns:
        return ibis.null(wanted).name(field.name)
    column = table[field.name]
    if column.type() == wanted:
        return column
    return column.cast(wanted).name(field.name)
