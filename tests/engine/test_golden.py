"""Golden files pin the explanation an alert carries, word for word.

A change to an indicator's summary, weight or evidence shows up here as a
diff a reviewer can read. To accept an intended change, regenerate with
``LANTERN_UPDATE_GOLDEN=1`` and review the diff of the golden file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from lantern.engine.detection import Detection
from tests.engine.scenarios import catalogue_write

GOLDEN = Path(__file__).parent / "golden"
PINNED = {
    "predator_alert.json": ("A1", "VA"),
    "breadth_alert.json": ("H0", None),
    "accumulation_alert.json": ("I1", "VI1"),
}


@pytest.mark.parametrize("name", sorted(PINNED))
def test_alert_explanation_matches_golden_file(
    name: str,
    backend: str,
    detection_of: Callable[[str, str, Callable[[Path], Path]], Detection],
):
    detection = detection_of("catalogue", backend, catalogue_write)
    staff_id, person_id = PINNED[name]
    alert = next(a for a in detection.alerts if (a.staff_id, a.person_id) == (staff_id, person_id))
    actual = json.dumps(alert.to_json(), indent=2, ensure_ascii=False) + "\n"
    path = GOLDEN / name
    if os.environ.get("LANTERN_UPDATE_GOLDEN") == "1" and backend == "duckdb":
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
