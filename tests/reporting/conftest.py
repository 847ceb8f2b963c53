from __future__ import annotations

from collections.abc import Iterator

import pytest

from lantern.reporting.rate_limits import LIMITER


@pytest.fixture(autouse=True)
def _fresh_rate_limits(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Each test starts with empty counts; receipt checks are not padded unless a test says so."""
    LIMITER.reset()
    settings.LANTERN_REPORTING_RECEIPT_MIN_SECONDS = 0.0
    yield
    LIMITER.reset()
