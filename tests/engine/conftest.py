"""Engine test fixtures: backends, and detection runs cached per backend and force."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.engine.backends import BackendOptions, spark_available
from lantern.engine.detection import Detection, detect

# Ibis 12 and PySpark 4.0 still call APIs that DuckDB 2 and pandas 3 deprecate.
QUIET = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option"),
]
BACKEND_PARAMS = [
    pytest.param("duckdb", marks=QUIET),
    pytest.param(
        "spark",
        marks=[
            pytest.mark.spark,
            # `make test` sets LANTERN_REQUIRE_SPARK so a missing Java fails instead of skipping.
            pytest.mark.skipif(
                not spark_available() and not os.environ.get("LANTERN_REQUIRE_SPARK"),
                reason="needs PySpark and Java",
            ),
            *QUIET,
        ],
    ),
]


@pytest.fixture(params=BACKEND_PARAMS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(autouse=True)
def _no_static_manifest() -> None:
    """The engine needs no Django; this shadows the project-wide fixture that does."""


_RUNS: dict[tuple[str, str], Detection] = {}


@pytest.fixture(scope="session")
def detection_of(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[str, str, Callable[[Path], Path]], Detection]:
    """Run detection once per (force name, backend) in the session and reuse it."""

    def run(force: str, backend: str, write: Callable[[Path], Path]) -> Detection:
        key = (force, backend)
        if key not in _RUNS:
            clean = write(tmp_path_factory.mktemp(f"{force}-{backend}"))
            work = tmp_path_factory.mktemp(f"{force}-{backend}-work")
            _RUNS[key] = detect(clean, options=BackendOptions(name=backend, temp_directory=work))
        return _RUNS[key]

    return run
