"""The data contract in code: reading, validation and the clean output."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from lantern.contract import ingest as ingest_module
from lantern.contract.ingest import TableCounts, ingest_dataset, validate_dataset
from lantern.contract.problems import Problem
from lantern.contract.schema import TABLES
from lantern.contract.sources import DatasetError, MappingError, MissingTableError
from tests.contract.factories import valid_rows, write_csv, write_dataset, write_jsonl


def _errors(problems: list[Problem], code: str) -> list[Problem]:
    return [p for p in problems if p.code == code]


def _assert_counts_add_up(tables: dict[str, TableCounts]) -> None:
    for counts in tables.values():
        assert counts.read == counts.accepted + counts.rejected, counts


def test_valid_dataset_passes_and_counts_add_up(dataset: Path) -> None:
    report = validate_dataset(dataset)
    assert report.ok, [str(p) for p in report.problems]
    assert report.tables["access_events"].read == 4
    assert report.tables["staff"].accepted == 2
    _assert_counts_add_up(report.tables)


def test_clean_output_has_exact_contract_schema(dataset: Path, tmp_path: Path) -> None:
    result = ingest_dataset(dataset, tmp_path / "clean")
    for name, table in TABLES.items():
        path = result.clean_dir / (name if table.large else f"{name}.parquet")
        clean = pq.read_table(path)
        assert clean.column_names == list(table.column_names), name
        for field in table.arrow_schema:
            assert clean.schema.field(field.name).type == field.type, (name, field.name)
    comms = pq.read_table(result.clean_dir / "communications").to_pylist()
    assert {c["counterpart"] for c in comms} == {"+447700900123"}
    persons = {
        p["person_id"]: p for p in pq.read_table(result.clean_dir / "persons.parquet").to_pylist()
    }
    assert persons["P1"]["markers"] == ["domestic_abuse_victim"]
    assert result.rejects_path.exists()


@pytest.mark.parametrize(
    ("table", "column", "value", "code"),
    [
        ("occurrences", "reported_at", "2026-01-01 10:00:00", "timestamp_without_offset"),
        ("occurrences", "reported_at", "2026-01-01T10:00:00", "timestamp_without_offset"),
        ("occurrences", "reported_at", "yesterday", "bad_timestamp"),
        ("occurrences", "reported_at", "2026-02-30T10:00:00Z", "bad_timestamp"),
        ("occurrences", "reported_at", "", "missing_value"),
        ("staff", "joined_on", "01/02/2020", "bad_date"),
        ("staff", "joined_on", "2020-13-01", "bad_date"),
        ("staff", "name", "", "missing_value"),
        ("persons", "birth_year", "nineteen", "bad_integer"),
        ("persons", "birth_year", "19.5", "bad_integer"),
        ("person_contacts", "phone", "banana", "bad_phone"),
        ("person_contacts", "phone", "123", "bad_phone"),
        ("assignments", "released_at", "2026-01-02 02:00", "timestamp_without_offset"),
    ],
)
def test_bad_value_is_reported_with_row_and_column(
    tmp_path: Path, table: str, column: str, value: str, code: str
) -> None:
    rows = valid_rows()
    rows[table][-1][column] = value
    dataset = write_dataset(tmp_path / "dataset", rows)
    report = validate_dataset(dataset, rejects_path=tmp_path / "rejects.jsonl")
    found = _errors(report.problems, code)
    assert len(found) == 1, [str(p) for p in report.problems]
    problem = found[0]
    assert problem.table == table
    assert problem.column == column
    assert problem.row == len(rows[table])  # the last data row (JSONL: the last line)
    assert problem.file.endswith(table + (".jsonl" if table == "persons" else ".csv"))
    assert report.tables[table].rejected == 1
    _assert_counts_add_up(report.tables)
    rejects = [json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text().splitlines()]
    assert [r["code"] for r in rejects] == [code]
    assert (
        rejects[0]["raw"]["person_id" if table.startswith("person") else column] is not None
        or code == "missing_value"
    )


def test_duplicate_event_and_comm_ids_are_rejected_after_the_first(tmp_path: Path) -> None:
    rows = valid_rows()
    rows["access_events"][3]["event_id"] = "E1"  # same date file as E1 (day 2)
    rows["communications"][1]["comm_id"] = "C1"
    report = validate_dataset(write_dataset(tmp_path / "dataset", rows))
    duplicates = _errors(report.problems, "duplicate_key")
    assert {(p.table, p.column, p.value, p.row) for p in duplicates} == {
        ("access_events", "event_id", "E1", 2),
        ("communications", "comm_id", "C1", 2),
    }
    assert report.tables["access_events"].accepted == 3


def test_unknown_enum_value_is_kept_and_counted(tmp_path: Path) -> None:
    rows = valid_rows()
    rows["access_events"][0]["system"] = "niche_mobile"
    rows["staff"][0]["role"] = "special_constable"
    dataset = write_dataset(tmp_path / "dataset", rows)
    result = ingest_dataset(dataset, tmp_path / "clean")
    assert result.tables["access_events"].unknown_enum_values == {"system": {"niche_mobile": 1}}
    assert result.tables["access_events"].rejected == 0
    assert result.tables["staff"].unknown_enum_values == {"role": {"special_constable": 1}}
    warnings = [p for p in result.problems if p.severity == "warning"]
    assert {p.value for p in warnings} == {"niche_mobile", "special_constable"}
    systems = pq.read_table(result.clean_dir / "access_events").column("system").to_pylist()
    assert "niche_mobile" in systems


def test_missing_required_column_rejects_the_table(tmp_path: Path) -> None:
    rows = valid_rows()
    dataset = write_dataset(tmp_path / "dataset", rows)
    columns = [c for c in TABLES["occurrences"].column_names if c != "area"]
    write_csv(dataset / "occurrences.csv", rows["occurrences"], columns)
    report = validate_dataset(dataset)
    missing = _errors(report.problems, "missing_column")
    assert [(p.table, p.column, p.row) for p in missing] == [("occurrences", "area", None)]
    assert report.tables["occurrences"].rejected == report.tables["occurrences"].read == 1


def test_missing_nullable_column_is_fine(tmp_path: Path) -> None:
    rows = valid_rows()
    dataset = write_dataset(tmp_path / "dataset", rows)
    columns = [c for c in TABLES["occurrences"].column_names if c != "closed_at"]
    write_csv(dataset / "occurrences.csv", rows["occurrences"], columns)
    assert validate_dataset(dataset).ok


def test_malformed_csv_rows_are_reported_by_row(dataset: Path) -> None:
    path = dataset / "staff.csv"
    text = path.read_text()
    path.write_text(text + "S3,too,few\n" + "S4,Dan,pcso,staff,T1,A1,2021-01-01,,,,extra,more\n")
    report = validate_dataset(dataset)
    malformed = _errors(report.problems, "malformed_row")
    assert sorted(p.row or 0 for p in malformed) == [3, 4]
    assert report.tables["staff"].read == 4
    assert report.tables["staff"].rejected == 2
    _assert_counts_add_up(report.tables)


def test_rows_after_a_malformed_csv_row_keep_their_numbers(tmp_path: Path) -> None:
    rows = valid_rows()
    dataset = write_dataset(tmp_path / "dataset", rows)
    lines = (dataset / "staff.csv").read_text().splitlines()
    bad = "S9,Bad,pcso,staff,T1,A1,2021-13-01,,,,"  # row 4: bad date
    lines = [lines[0], lines[1], "broken,row", lines[2], bad]
    (dataset / "staff.csv").write_text("\n".join(lines) + "\n")
    report = validate_dataset(dataset)
    by_code = {p.code: p.row for p in report.problems if p.table == "staff"}
    assert by_code == {"malformed_row": 2, "bad_date": 4}


def test_invalid_utf8_is_reported_not_raised(dataset: Path) -> None:
    path = dataset / "person_contacts.csv"
    path.write_bytes(path.read_bytes() + b"P1,\xff\xfe07700900123\n")
    report = validate_dataset(dataset)
    assert report.tables["person_contacts"].rejected == 1
    assert _errors(report.problems, "malformed_row")[0].row == 3


def test_jsonl_line_that_is_not_json_is_reported_by_line(dataset: Path) -> None:
    path = dataset / "persons.jsonl"
    lines = path.read_text().splitlines()
    path.write_text("\n".join([lines[0], "{not json", "", lines[1], "[1, 2]"]) + "\n")
    report = validate_dataset(dataset)
    rows = sorted(p.row or 0 for p in _errors(report.problems, "malformed_row"))
    assert rows == [2, 5]
    assert report.tables["persons"].read == 4
    assert report.tables["persons"].accepted == 2


def test_corrupt_parquet_file_is_reported_and_the_rest_read(dataset: Path) -> None:
    bad = dataset / "access_events" / "date=2026-01-03" / "part-0.parquet"
    bad.parent.mkdir()
    bad.write_bytes(b"PAR1 this is not really parquet")
    report = validate_dataset(dataset)
    problems = _errors(report.problems, "bad_file")
    assert [p.file for p in problems] == [str(bad)]
    assert report.tables["access_events"].accepted == 4


def test_parquet_with_corrupt_data_page_is_named(dataset: Path) -> None:
    path = dataset / "communications.parquet"
    data = bytearray(path.read_bytes())
    for i in range(8, len(data) // 3):  # smash the first data pages, keep the footer
        data[i] = 0xAB
    path.write_bytes(bytes(data))
    report = validate_dataset(dataset)
    assert any(p.code == "bad_file" and p.table == "communications" for p in report.problems)
    _assert_counts_add_up(report.tables)


def test_empty_and_garbage_csv_files_do_not_crash(dataset: Path) -> None:
    (dataset / "duties.parquet").unlink()
    (dataset / "duties.csv").write_bytes(b"")
    (dataset / "staff.csv").write_bytes(os.urandom(2000))
    report = validate_dataset(dataset)
    assert not report.ok
    _assert_counts_add_up(report.tables)


def test_missing_table_raises_naming_the_file(dataset: Path) -> None:
    (dataset / "duties.parquet").unlink()
    with pytest.raises(MissingTableError, match="duties"):
        validate_dataset(dataset)


def test_two_files_for_one_table_is_an_error(dataset: Path) -> None:
    write_jsonl(dataset / "staff.jsonl", valid_rows()["staff"])
    with pytest.raises(DatasetError, match="ambiguous"):
        validate_dataset(dataset)


def test_mapping_renames_force_columns(tmp_path: Path) -> None:
    rows = valid_rows()
    dataset = write_dataset(tmp_path / "dataset", rows)
    renamed = [{("collar_no" if k == "staff_id" else k): v for k, v in r.items()}
               for r in rows["staff"]]  # fmt: skip
    write_csv(dataset / "staff.csv", renamed)
    assert _errors(validate_dataset(dataset).problems, "missing_column")
    mapping = tmp_path / "mapping.json"
    mapping.write_text(json.dumps({"staff": {"collar_no": "staff_id"}}))
    result = ingest_dataset(dataset, tmp_path / "clean", mapping=mapping)
    staff = pq.read_table(result.clean_dir / "staff.parquet").column("staff_id").to_pylist()
    assert sorted(staff) == ["S1", "S2"]


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"nope": {}}), json.dumps({"staff": {"a": "no_such_column"}})],
)
def test_bad_mapping_file_raises_clearly(dataset: Path, tmp_path: Path, content: str) -> None:
    mapping = tmp_path / "mapping.json"
    mapping.write_text(content)
    with pytest.raises(MappingError, match="mapping file"):
        validate_dataset(dataset, mapping)


def test_failure_midway_leaves_no_partial_output(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = ingest_module._write_clean
    calls = []

    def failing(*args: Any, **kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return original(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "_write_clean", failing)
    with pytest.raises(OSError, match="disk full"):
        ingest_dataset(dataset, tmp_path / "clean")
    assert not (tmp_path / "clean").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


def test_ingest_replaces_an_existing_clean_dir(dataset: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "stale.txt").write_text("old")
    ingest_dataset(dataset, clean, rejects_path=tmp_path / "rej.jsonl")
    assert not (clean / "stale.txt").exists()
    assert (tmp_path / "rej.jsonl").exists()


def test_every_format_reads_the_same(tmp_path: Path) -> None:
    results = {}
    for fmt in ("csv", "jsonl", "parquet"):
        formats = dict.fromkeys(TABLES, fmt)
        dataset = write_dataset(tmp_path / fmt, formats=formats)
        result = ingest_dataset(dataset, tmp_path / f"clean-{fmt}")
        assert all(c.rejected == 0 for c in result.tables.values()), result.problems
        results[fmt] = {
            name: pq.read_table(result.clean_dir / (name if table.large else f"{name}.parquet"))
            .sort_by(table.columns[0].name)
            .to_pylist()
            for name, table in TABLES.items()
        }
    assert results["csv"] == results["jsonl"] == results["parquet"]
