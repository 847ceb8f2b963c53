"""The contract's per-column checks as DuckDB SQL, and the typed clean values.

Each column gets one *reason* expression (the first thing wrong with its value,
or NULL) and one *typed* expression (its value in the contract type). A row is
rejected when any reason is not NULL; an unknown enum value is not a reason.
"""

# SQL here is built from quote_identifier() and quote_literal() only, never from raw input.
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass

from lantern.contract.reader import quote_identifier, quote_literal
from lantern.contract.schema import Column, ColumnType, Table

_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TIME = r"[0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]{1,9})?)?"
_OFFSET = r"([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)"
TS_WITH_OFFSET = f"{_DATE}[Tt ]{_TIME} ?{_OFFSET}"
TS_WITHOUT_OFFSET = f"({_DATE}[Tt ]{_TIME}|{_DATE})"
INTEGER_TEXT = r"[+-]?[0-9]+(\.0*)?"


@dataclass(frozen=True)
class ColumnCheck:
    """SQL for one column: why its value is bad (or NULL) and its typed value."""

    column: Column
    reason: str
    code: str
    typed: str


def column_check(
    column: Column, value: str, phone_value: str | None = None, *, native: bool = False
) -> ColumnCheck:
    """The check for ``column`` whose text value is the SQL ``value``.

    ``native`` means ``value`` already has the contract type (typed Parquet):
    only a missing value can be wrong with it.
    """
    missing = f"{value} IS NULL"
    branches: list[tuple[str, str, str]] = []  # (condition, reason, code)
    if not column.nullable:
        branches.append((missing, "missing value in required column", "missing_value"))
    typed = value
    if native:
        pass
    elif column.type == ColumnType.TS:
        branches += [
            (
                f"NOT regexp_full_match({value}, {quote_literal(TS_WITH_OFFSET)}) AND "
                f"regexp_full_match({value}, {quote_literal(TS_WITHOUT_OFFSET)})",
                "timestamp without offset (the contract needs Z or +HH:MM)",
                "timestamp_without_offset",
            ),
            (
                f"NOT regexp_full_match({value}, {quote_literal(TS_WITH_OFFSET)}) OR "
                f"TRY_CAST({value} AS TIMESTAMPTZ) IS NULL",
                "bad timestamp",
                "bad_timestamp",
            ),
        ]
        typed = f"TRY_CAST({value} AS TIMESTAMPTZ)"
    elif column.type == ColumnType.DATE:
        branches.append(
            (
                f"NOT regexp_full_match({value}, {quote_literal(_DATE)}) OR "
                f"TRY_CAST({value} AS DATE) IS NULL",
                "bad date (the contract needs YYYY-MM-DD)",
                "bad_date",
            )
        )
        typed = f"TRY_CAST({value} AS DATE)"
    elif column.type == ColumnType.INTEGER:
        branches.append(
            (
                f"NOT regexp_full_match({value}, {quote_literal(INTEGER_TEXT)}) OR "
                f"TRY_CAST({value} AS BIGINT) IS NULL",
                "bad integer",
                "bad_integer",
            )
        )
        typed = f"TRY_CAST({value} AS BIGINT)"
    elif column.type == ColumnType.ENUM:
        typed = f"lower({value})"
    elif column.type == ColumnType.LIST:
        typed = f"CASE WHEN len({value}) = 0 THEN NULL ELSE {value} END"
    if column.phone and phone_value is not None:
        branches.append((f"{phone_value} IS NULL", "unparseable phone number", "bad_phone"))
        typed = phone_value
    guard = f"{value} IS NULL"
    reason = (
        "CASE "
        + " ".join(f"WHEN {cond} THEN {quote_literal(text)}" for cond, text, _ in branches)
        + " END"
    )
    code = (
        "CASE "
        + " ".join(f"WHEN {cond} THEN {quote_literal(code)}" for cond, _, code in branches)
        + " END"
    )
    if not branches:
        reason = code = "CAST(NULL AS VARCHAR)"
    elif column.nullable:
        reason = f"CASE WHEN {guard} THEN NULL ELSE {reason} END"
        code = f"CASE WHEN {guard} THEN NULL ELSE {code} END"
    # A required column's missing-value branch comes first, so later ones see a value.
    return ColumnCheck(column, reason, code, typed)


def checked_view_sql(
    table: Table,
    txt_view: str,
    *,
    duplicates: str | None,
    phone_maps: dict[str, str],
    native: frozenset[str] = frozenset(),
) -> str:
    """SQL selecting typed contract columns plus ``_errors`` for every row read."""
    joins = []
    typed_columns = []
    bad_conditions = ["t._parse_error IS NOT NULL"]
    error_items = [
        "CASE WHEN t._parse_error IS NOT NULL THEN {'column': NULL::VARCHAR, "
        "'value': NULL::VARCHAR, 'reason': t._parse_error, 'code': 'malformed_row'} END"
    ]
    for index, column in enumerate(table.columns):
        value = f"t.{quote_identifier(column.name)}"
        phone_value = None
        if column.name in phone_maps:
            alias = f"p{index}"
            joins.append(f"LEFT JOIN {phone_maps[column.name]} {alias} ON {value} = {alias}.raw")
            phone_value = f"{alias}.e164"
        check = column_check(column, value, phone_value, native=column.name in native)
        typed_columns.append(f"{check.typed} AS {quote_identifier(column.name)}")
        shown = f"CAST({value} AS VARCHAR)"
        if check.reason != "CAST(NULL AS VARCHAR)":
            bad_conditions.append(f"({check.reason}) IS NOT NULL")
        error_items.append(
            f"CASE WHEN t._parse_error IS NULL AND ({check.reason}) IS NOT NULL THEN {{'column': "
            f"{quote_literal(column.name)}, 'value': {shown}, 'reason': {check.reason}, "
            f"'code': {check.code}}} END"
        )
    if duplicates is not None and table.unique_key is not None:
        key = f"t.{quote_identifier(table.unique_key)}"
        joins.append(f"LEFT JOIN {duplicates} d ON {key} = d.k")
        error_items.append(
            "CASE WHEN d.k IS NOT NULL AND NOT (t._file = d.first_file AND t._row = d.first_row) "
            f"THEN {{'column': {quote_literal(table.unique_key)}, 'value': {key}, "
            f"'reason': 'duplicate {table.unique_key} (first at ' || d.first_file || ' row ' "
            "|| d.first_row || ')', 'code': 'duplicate_key'} END"
        )
        bad_conditions.append(
            "coalesce(d.k IS NOT NULL AND NOT (t._file = d.first_file AND t._row = d.first_row), "
            "false)"
        )
    errors = f"list_filter([{', '.join(error_items)}], lambda x: x IS NOT NULL)"
    return (
        f"SELECT t._file, t._row, t._raw, {', '.join(typed_columns)}, {errors} AS _errors, "
        f"coalesce({' OR '.join(bad_conditions)}, false) AS _bad "
        f"FROM {txt_view} t {' '.join(joins)}"
    )
