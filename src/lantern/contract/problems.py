"""What validation reports: problems located by file, row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem found in a dataset.

    ``row`` is 1-based within ``file``: the data row (header excluded) for CSV
    and Parquet, the line for JSONL. It is None for a problem about the whole
    file or a summary of many rows. An ``error`` rejects the row (or the file);
    a ``warning`` keeps it (an unknown enum value is kept and counted).
    ``code`` is a stable token for the kind of problem: missing_table,
    missing_column, bad_file, malformed_row, missing_value, bad_timestamp,
    timestamp_without_offset, bad_date, bad_integer, bad_phone, duplicate_key,
    unknown_enum.
    """

    severity: Severity
    table: str
    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str
    code: str = "error"

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f" column {self.column}"
        value = "" if self.value is None else f" value {self.value!r}:"
        return f"{self.severity}: {self.table}: {where}:{value} {self.reason}"
