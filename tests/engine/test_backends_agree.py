"""DuckDB and Spark run the same expressions and must produce the same alerts."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.engine.backends import spark_available
from lantern.engine.detection import Detection
from tests.engine.conftest import QUIET
from tests.engine.scenarios import catalogue_write

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(
        not spark_available() and not os.environ.get("LANTERN_REQUIRE_SPARK"),
        reason="needs PySpark and Java",
    ),
    *QUIET,
]


def as_json(detection: Detection) -> list[str]:
    return [json.dumps(a.to_json(), sort_keys=True) for a in detection.alerts]


def test_duckdb_and_spark_raise_identical_alerts(
    detection_of: Callable[[str, str, Callable[[Path], Path]], Detection],
):
    duck = detection_of("catalogue", "duckdb", catalogue_write)
    spark = detection_of("catalogue", "spark", catalogue_write)
    assert as_json(spark) == as_json(duck)
    assert spark.explained_share == duck.explained_share
    assert spark.templates == duck.templates
    assert spark.counts == duck.counts
    assert spark.explanations == duck.explanations and duck.explanations
    assert spark.score_distribution == duck.score_distribution
