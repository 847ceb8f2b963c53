"""The data contract (version 1) in code: every table and column, with types.

This module is the single source of truth that reading, validation, the clean
output and the synthetic force generator all share. It mirrors
``shared/data-contract.md``; when the contract changes, change it here first.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa

CONTRACT_VERSION = 1


class ColumnType(StrEnum):
    """The contract's column types."""

    ID = "id"
    TS = "ts"
    DATE = "date"
    ENUM = "enum"
    LIST = "list"
    STRING = "string"
    INTEGER = "integer"


@dataclass(frozen=True)
class Column:
    """One column of a contract table.

    ``phone`` marks a string column that holds a telephone number, normalised to
    E.164 on read. ``known_values`` lists the known tokens of an enum column; an
    unknown token is kept and counted, never rejected.
    """

    name: str
    type: ColumnType
    nullable: bool = False
    known_values: frozenset[str] = frozenset()
    phone: bool = False

    @property
    def arrow_type(self) -> pa.DataType:
        """The Arrow type of this column in the clean output."""
        return ARROW_TYPES[self.type]

    @property
    def duckdb_type(self) -> str:
        """The DuckDB type of this column in the clean output."""
        return DUCKDB_TYPES[self.type]


@dataclass(frozen=True)
class Table:
    """One contract table.

    ``unique_key`` names a column whose values must be unique within the
    dataset (duplicates after the first are rejected). ``large`` tables are
    written as a directory of Parquet files in the clean output.
    """

    name: str
    columns: tuple[Column, ...]
    unique_key: str | None = None
    large: bool = False
    required: bool = True

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(f"table {self.name!r} has no column {name!r}")

    @property
    def arrow_schema(self) -> pa.Schema:
        """The exact Arrow schema of this table in the clean output."""
        return pa.schema(
            [pa.field(c.name, c.arrow_type, nullable=c.nullable) for c in self.columns]
        )


ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.ID: pa.string(),
    ColumnType.STRING: pa.string(),
    ColumnType.ENUM: pa.string(),
    ColumnType.TS: pa.timestamp("us", tz="UTC"),
    ColumnType.DATE: pa.date32(),
    ColumnType.INTEGER: pa.int64(),
    ColumnType.LIST: pa.list_(pa.string()),
}

DUCKDB_TYPES: dict[ColumnType, str] = {
    ColumnType.ID: "VARCHAR",
    ColumnType.STRING: "VARCHAR",
    ColumnType.ENUM: "VARCHAR",
    ColumnType.TS: "TIMESTAMPTZ",
    ColumnType.DATE: "DATE",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.LIST: "VARCHAR[]",
}


def _enum(*values: str) -> frozenset[str]:
    return frozenset(values)


STAFF_ROLES = _enum(
    "response_officer", "neighbourhood_officer", "pcso", "detective", "public_protection",
    "custody_officer", "call_handler", "dispatcher", "intelligence_analyst", "supervisor",
    "police_staff", "it_staff", "professional_standards",
)  # fmt: skip
RANKS = _enum(
    "constable", "sergeant", "inspector", "chief_inspector", "superintendent",
    "chief_superintendent", "chief_officer", "staff", "volunteer",
)  # fmt: skip
SEXES = _enum("f", "m", "x", "u")
MARKERS = _enum(
    "domestic_abuse_victim", "sexual_offence_victim", "mental_health", "missing_person",
    "child", "substance_misuse", "sex_worker", "modern_slavery", "self_harm",
)  # fmt: skip
OCCURRENCE_CATEGORIES = _enum(
    "domestic_abuse", "sexual_offence", "stalking_harassment", "missing_person",
    "mental_health", "child_protection", "assault", "theft", "burglary", "criminal_damage",
    "public_order", "asb", "drugs", "fraud", "road_traffic", "concern_for_welfare", "other",
)  # fmt: skip
PERSON_ROLES = _enum(
    "victim", "witness", "suspect", "offender", "reporting_person", "informant", "other"
)
ASSIGNMENT_ROLES = _enum(
    "call_handler", "dispatcher", "attending", "investigating", "supervising",
    "safeguarding", "custody", "review",
)  # fmt: skip
SYSTEMS = _enum("rms", "pnc", "command_control", "intelligence", "custody", "case_file", "other")
ACTIONS = _enum("search", "view", "update", "create", "print", "export")
CHANNELS = _enum("call", "sms", "app_message")
DIRECTIONS = _enum("outbound", "inbound")

ID = ColumnType.ID
TS = ColumnType.TS
DATE = ColumnType.DATE
ENUM = ColumnType.ENUM
LIST = ColumnType.LIST
STRING = ColumnType.STRING
INTEGER = ColumnType.INTEGER

STAFF = Table(
    "staff",
    (
        Column("staff_id", ID),
        Column("name", STRING),
        Column("role", ENUM, known_values=STAFF_ROLES),
        Column("rank", ENUM, known_values=RANKS),
        Column("team_id", ID),
        Column("area", ID),
        Column("joined_on", DATE),
        Column("left_on", DATE, nullable=True),
        Column("home_area", ID, nullable=True),
        Column("person_id", ID, nullable=True),
    ),
    unique_key="staff_id",
)
PERSONS = Table(
    "persons",
    (
        Column("person_id", ID),
        Column("sex", ENUM, nullable=True, known_values=SEXES),
        Column("birth_year", INTEGER, nullable=True),
        Column("home_area", ID, nullable=True),
        Column("markers", LIST, nullable=True, known_values=MARKERS),
    ),
    unique_key="person_id",
)
PERSON_CONTACTS = Table(
    "person_contacts",
    (Column("person_id", ID), Column("phone", STRING, phone=True)),
)
OCCURRENCES = Table(
    "occurrences",
    (
        Column("occurrence_id", ID),
        Column("category", ENUM, known_values=OCCURRENCE_CATEGORIES),
        Column("reported_at", TS),
        Column("closed_at", TS, nullable=True),
        Column("area", ID),
    ),
    unique_key="occurrence_id",
)
OCCURRENCE_PERSONS = Table(
    "occurrence_persons",
    (
        Column("occurrence_id", ID),
        Column("person_id", ID),
        Column("role", ENUM, known_values=PERSON_ROLES),
    ),
)
ASSIGNMENTS = Table(
    "assignments",
    (
        Column("occurrence_id", ID),
        Column("staff_id", ID),
        Column("role", ENUM, known_values=ASSIGNMENT_ROLES),
        Column("assigned_at", TS),
        Column("released_at", TS, nullable=True),
    ),
)
DUTIES = Table(
    "duties",
    (Column("staff_id", ID), Column("start_at", TS), Column("end_at", TS)),
)
ACCESS_EVENTS = Table(
    "access_events",
    (
        Column("event_id", ID),
        Column("ts", TS),
        Column("staff_id", ID),
        Column("system", ENUM, known_values=SYSTEMS),
        Column("action", ENUM, known_values=ACTIONS),
        Column("person_id", ID, nullable=True),
        Column("occurrence_id", ID, nullable=True),
        Column("reason", STRING, nullable=True),
        Column("workstation", ID, nullable=True),
    ),
    unique_key="event_id",
    large=True,
)
COMMUNICATIONS = Table(
    "communications",
    (
        Column("comm_id", ID),
        Column("ts", TS),
        Column("staff_id", ID),
        Column("device_id", ID),
        Column("channel", ENUM, known_values=CHANNELS),
        Column("direction", ENUM, known_values=DIRECTIONS),
        Column("counterpart", STRING, phone=True),
        Column("duration_s", INTEGER, nullable=True),
    ),
    unique_key="comm_id",
    large=True,
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        STAFF, PERSONS, PERSON_CONTACTS, OCCURRENCES, OCCURRENCE_PERSONS,
        ASSIGNMENTS, DUTIES, ACCESS_EVENTS, COMMUNICATIONS,
    )
}  # fmt: skip
