"""Finding a dataset's tables on disk, and reading a force's column mapping."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from lantern.contract.schema import TABLES


class DatasetError(Exception):
    """The dataset cannot be read at all (its message names the file)."""


class MissingTableError(DatasetError):
    """A required table has no file in the dataset."""


class MappingError(DatasetError):
    """The column mapping file is unreadable or names unknown tables/columns."""


class SourceFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"
    JSONL = "jsonl"
    PARQUET_DIR = "parquet_dir"


@dataclass(frozen=True)
class TableSource:
    """Where one table of a dataset lives."""

    table: str
    format: SourceFormat
    path: Path
    files: tuple[Path, ...]


def locate_table(dataset: Path, table: str) -> TableSource:
    """Find ``table`` in ``dataset`` as NAME.parquet, NAME.csv, NAME.jsonl or NAME/."""
    if not dataset.is_dir():
        raise DatasetError(f"dataset {dataset} is not a directory")
    candidates: list[TableSource] = []
    for fmt in (SourceFormat.PARQUET, SourceFormat.CSV, SourceFormat.JSONL):
        path = dataset / f"{table}.{fmt.value}"
        if path.is_file():
            candidates.append(TableSource(table, fmt, path, (path,)))
    directory = dataset / table
    if directory.is_dir():
        files = tuple(sorted(p for p in directory.rglob("*.parquet") if p.is_file()))
        candidates.append(TableSource(table, SourceFormat.PARQUET_DIR, directory, files))
    if not candidates:
        raise MissingTableError(
            f"required table {table!r} is missing: expected {dataset / table}.parquet, "
            f"{dataset / table}.csv, {dataset / table}.jsonl or a directory {dataset / table}/"
        )
    if len(candidates) > 1:
        names = ", ".join(str(c.path) for c in candidates)
        raise DatasetError(f"table {table!r} is ambiguous: found {names}; keep exactly one")
    return candidates[0]


def load_mapping(path: Path | None) -> dict[str, dict[str, str]]:
    """Read a mapping file and return, per table, contract column -> force column.

    The file is JSON: ``{"table": {"force_column": "contract_column"}}``.
    """
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MappingError(f"mapping file {path} is unreadable: {exc}") from exc
    if not isinstance(data, dict):
        raise MappingError(f"mapping file {path} must hold a JSON object of tables")
    result: dict[str, dict[str, str]] = {}
    for table, columns in data.items():
        if table not in TABLES:
            raise MappingError(f"mapping file {path} names unknown table {table!r}")
        if not isinstance(columns, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()
        ):
            raise MappingError(
                f"mapping file {path}: {table!r} must map force column names to contract names"
            )
        known = set(TABLES[table].column_names)
        inverse: dict[str, str] = {}
        for force_column, contract_column in columns.items():
            if contract_column not in known:
                raise MappingError(
                    f"mapping file {path}: {table}.{contract_column} is not a contract column"
                )
            if contract_column in inverse:
                raise MappingError(
                    f"mapping file {path}: two columns map to {table}.{contract_column}"
                )
            inverse[contract_column] = force_column
        result[table] = inverse
    return result
