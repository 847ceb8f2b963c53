"""Whatever bytes a force sends, validation reports; it never crashes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.contract.ingest import validate_dataset
from tests.contract.factories import write_dataset

HEADER = b"occurrence_id,category,reported_at,closed_at,area\n"
cell = st.one_of(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.sampled_from(["2026-01-01T00:00:00Z", "", '"', '""', "\r", "theft", "2026-13-40"]),
)
row = st.lists(cell, min_size=0, max_size=7).map(lambda cells: ",".join(cells))


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(row, max_size=6), junk=st.binary(max_size=40))
def test_any_csv_content_is_reported_not_raised(
    tmp_path: Path, rows: list[str], junk: bytes
) -> None:
    dataset = write_dataset(tmp_path / f"d{abs(hash((tuple(rows), junk)))}")
    body = HEADER + "\n".join(rows).encode("utf-8", "surrogatepass") + b"\n" + junk
    (dataset / "occurrences.csv").write_bytes(body)
    report = validate_dataset(dataset)
    for counts in report.tables.values():
        assert counts.read == counts.accepted + counts.rejected


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.text(max_size=30), max_size=6))
def test_any_jsonl_content_is_reported_not_raised(tmp_path: Path, lines: list[str]) -> None:
    dataset = write_dataset(tmp_path / f"j{abs(hash(tuple(lines)))}")
    (dataset / "persons.jsonl").write_text(
        "\n".join(lines) + "\n", encoding="utf-8", errors="replace"
    )
    report = validate_dataset(dataset)
    counts = report.tables["persons"]
    assert counts.read == counts.accepted + counts.rejected
