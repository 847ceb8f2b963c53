"""The head of professional standards: threat assessment, control strategy, demand, what-if."""

from __future__ import annotations

import json
import sys

import pytest

from tests.browser.conftest import AccessiblePage, LiveServer, _run
from tests.browser.test_alert_to_outcome import _signed_in

pytestmark = pytest.mark.browser

# The engine's scores, as `lantern alerts load` stores them in a run's summary.
SCORES = {"threshold": 6.0, "period_days": 28, "pair_scores": [14, 12, 9, 8, 7, 6.5, 6, 5, 4, 3]}
SCAN_RUN = (
    "import json; from lantern.alerts.models import ScanRun; "
    "ScanRun.objects.create(source='browser test scan', "
    f"summary={{'score_distribution': json.loads({json.dumps(json.dumps(SCORES))})}})"
)


def test_head_assesses_the_threat_and_sets_a_threshold(
    page: AccessiblePage, live_server_process: LiveServer
) -> None:
    python = sys.executable
    _run([python, "manage.py", "shell", "-v", "0", "-c", SCAN_RUN], live_server_process.env)
    p = page.page
    _signed_in(page, live_server_process, "head")
    p.click("nav a:has-text('Threat assessment')")  # type: ignore[attr-defined]
    assert (
        p.locator("h1")
        .inner_text()
        .startswith(  # type: ignore[attr-defined]
            "Counter-corruption strategic threat assessment"
        )
    )
    assert p.locator("svg.lantern-chart").count() >= 5  # type: ignore[attr-defined]
    page.check("strategy-threat-assessment")

    p.click("a:has-text('Edit the control strategy')")  # type: ignore[attr-defined]
    p.fill("#p__sexual_misconduct__pursue", "Refer every abuse of position to the IOPC.")  # type: ignore[attr-defined]
    p.fill("#p__sexual_misconduct__prevent", "Brief partner agencies on the reporting line.")  # type: ignore[attr-defined]
    p.fill("#id_change_note", "Priorities for abuse of position")  # type: ignore[attr-defined]
    page.check("strategy-control-strategy-edit")
    p.click("button:has-text('Save as a new version')")  # type: ignore[attr-defined]
    assert p.locator("text=saved as version").is_visible()  # type: ignore[attr-defined]
    p.click("button:has-text('Sign off version')")  # type: ignore[attr-defined]
    assert "Signed off by Helen Head-of-PSD" in p.locator("[data-testid=sign-off]").inner_text()  # type: ignore[attr-defined]
    page.check("strategy-control-strategy-version")
    p.click("a:has-text('All versions')")  # type: ignore[attr-defined]
    p.click("a:has-text('Back to the threat assessment')")  # type: ignore[attr-defined]
    strategy = p.locator("[data-testid=table-control-strategy]").inner_text()  # type: ignore[attr-defined]
    assert "Refer every abuse of position to the IOPC." in strategy

    p.click("nav a:has-text('Demand and capacity')")  # type: ignore[attr-defined]
    assert p.locator("[data-testid=table-intake]").is_visible()  # type: ignore[attr-defined]
    page.check("strategy-demand")
    p.fill("#id_threshold", "5")  # type: ignore[attr-defined]
    p.click("button:has-text('Show the effect')")  # type: ignore[attr-defined]
    result = p.locator("[data-testid=what-if-result]").inner_text()  # type: ignore[attr-defined]
    # 8 pairs at or above 5 over 28 days: 2 a week.
    assert "At 5.0: 2.0 alerts a week" in result
    assert "(your choice)" in p.locator("[data-testid=table-what-if]").inner_text()  # type: ignore[attr-defined]
    page.check("strategy-demand-what-if")
    p.fill("#id_rationale", "Two analysts can keep up at this level.")  # type: ignore[attr-defined]
    p.click("button:has-text('Record the decision')")  # type: ignore[attr-defined]
    decision = p.locator("[data-testid=staffing-decision]").inner_text()  # type: ignore[attr-defined]
    assert "5.0" in decision and "Two analysts can keep up" in decision
    command = p.locator("[data-testid=apply-threshold]").inner_text()  # type: ignore[attr-defined]
    assert command == "lantern scan DATASET --out ALERTS.jsonl --min-pair-score 5.0"
