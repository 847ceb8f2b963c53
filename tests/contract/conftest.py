from __future__ import annotations

from pathlib import Path

import pytest

from tests.contract.factories import write_dataset


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return write_dataset(tmp_path / "dataset")
