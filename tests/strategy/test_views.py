"""The pages: who sees what, versioning of the control strategy, decisions, audit, the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.utils import timezone

from lantern.accounts.roles import Role
from lantern.alerts.models import ScanRun
from lantern.audit.models import AuditRecord
from lantern.cli import main
from lantern.strategy.models import AlertWorkLog, ControlStrategyVersion, StaffingThresholdDecision
from tests.factories import account_make, alert_make, client_signed_in
from tests.strategy.conftest import Force, at

TA = "/strategy/threat-assessment/?year=2025&as_of=2025-12-31"
HEADINGS = (
    "Counter-corruption strategic threat assessment 2025",
    "1. Summary",
    "2. National categories",
    "3. Sources",
    "4. Who the matters concern",
    "5. Monitoring: alerts confirmed",
    "6. Time from first wrongful act to detection",
    "7. Emerging themes",
    "8. Control strategy",
)

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    pdf = pdfium.PdfDocument(io.BytesIO(data))
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    return " ".join(text.split())


def test_head_sees_exact_figures_and_the_read_is_audited(force: Force) -> None:
    client = client_signed_in(force.head)
    response = client.get(TA)
    assert response.status_code == 200
    body = response.content.decode()
    assert "The unit&#x27;s own view" in body or "The unit's own view" in body
    assert 'data-testid="table-by_category"' in body
    assert "fewer than 5" not in body
    assert "style=" not in body  # strict CSP: classes only
    assert AuditRecord.objects.filter(event="strategy.threat_assessment_viewed").exists()


def test_head_can_preview_the_shared_version(force: Force) -> None:
    body = client_signed_in(force.head).get(TA + "&shared=1").content.decode()
    assert "fewer than 5" in body


def test_governance_viewer_sees_only_suppressed_figures(force: Force) -> None:
    client = client_signed_in(account_make(Role.GOVERNANCE))
    body = client.get(TA).content.decode()
    assert "For sharing outside the counter-corruption unit" in body
    assert "fewer than 5" in body
    assert "Edit the control strategy" not in body
    # Asking for the unit's view changes nothing for them.
    unit_view = client.get(TA + "&shared=0").content.decode()
    assert "fewer than 5" in unit_view and "own view" not in unit_view


def test_analyst_cannot_open_the_assessment(force: Force) -> None:
    assert client_signed_in(account_make(Role.ANALYST)).get(TA).status_code == 403


def test_bad_year_or_date_is_not_found(force: Force) -> None:
    client = client_signed_in(force.head)
    assert client.get("/strategy/threat-assessment/?year=abc").status_code == 404
    assert client.get("/strategy/threat-assessment/?year=2025&as_of=2024-01-01").status_code == 404


def test_pdf_is_suppressed_has_the_headings_and_is_audited(force: Force) -> None:
    response = client_signed_in(force.head).get(TA.replace("assessment/", "assessment/pdf/"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for heading in HEADINGS:
        assert heading in text, heading
    assert "fewer than 5" in text
    record = AuditRecord.objects.get(event="strategy.threat_assessment_exported")
    assert record.category == "disclosure" and record.detail["format"] == "pdf"


def test_reading_the_versions_list_and_the_edit_form_is_audited(force: Force) -> None:
    client = client_signed_in(force.head)
    first = {"p__sexual_misconduct__pursue": "Investigate.", "change_note": "First"}
    client.post("/strategy/control-strategy/2025/edit/", first)
    v1 = ControlStrategyVersion.objects.get(year=2025, number=1)
    before = AuditRecord.objects.count()
    page = client.get("/strategy/control-strategy/2025/edit/")
    assert "Investigate." in page.content.decode()  # the current priorities are shown
    record = AuditRecord.objects.filter(seq__gt=before).get(category="consultation")
    assert (record.event, record.actor, record.object_id) == (
        "strategy.control_strategy_viewed",
        force.head.user,
        str(v1.pk),
    )
    assert record.detail == {"year": 2025, "version": 1, "for": "edit"}
    before = AuditRecord.objects.count()
    assert client.get("/strategy/control-strategy/2025/").status_code == 200
    record = AuditRecord.objects.filter(seq__gt=before).get(category="consultation")
    assert (record.event, record.actor, record.object_id) == (
        "strategy.control_strategy_versions_viewed",
        force.head.user,
        "2025",
    )
    assert record.detail == {"year": 2025, "versions": 1}


def test_control_strategy_is_versioned_and_signed_off(force: Force) -> None:
    client = client_signed_in(force.head)
    url = "/strategy/control-strategy/2025/edit/"
    first = {"p__sexual_misconduct__pursue": "Investigate every abuse of position.",
             "change_note": "First draft"}  # fmt: skip
    response = client.post(url, first)
    assert response.status_code == 302
    v1 = ControlStrategyVersion.objects.get(year=2025, number=1)
    assert v1.priorities == {
        "sexual_misconduct": {"pursue": "Investigate every abuse of position."}
    }
    second = {**first, "p__sexual_misconduct__prevent": "Brief every new starter.",
              "change_note": "Prevent added"}  # fmt: skip
    client.post(url, second)
    v2 = ControlStrategyVersion.objects.get(year=2025, number=2)
    v1.refresh_from_db()
    assert "prevent" not in v1.priorities["sexual_misconduct"]  # the older version is unchanged
    assert v2.priorities["sexual_misconduct"]["prevent"] == "Brief every new starter."
    assert client.get(f"/strategy/control-strategy/version/{v1.pk}/").status_code == 200
    client.post(f"/strategy/control-strategy/version/{v2.pk}/sign-off/")
    v2.refresh_from_db()
    assert v2.signed_off_by == force.head.user and v2.signed_off_at is not None
    assert AuditRecord.objects.filter(event="strategy.control_strategy_signed_off").count() == 1
    # The strategy was saved today: an assessment as of today shows it; as of 2025 does not.
    assert "Brief every new starter." not in client.get(TA).content.decode()
    body = client.get(
        f"/strategy/threat-assessment/?year=2025&as_of={timezone.localdate()}"
    ).content
    body = body.decode()
    assert "Brief every new starter." in body and "signed off by the head" in body
    versions = client.get("/strategy/control-strategy/2025/").content.decode()
    assert "Version 1" in versions and "Version 2" in versions


def test_an_empty_strategy_is_refused(force: Force) -> None:
    response = client_signed_in(force.head).post(
        "/strategy/control-strategy/2025/edit/", {"change_note": "nothing"}
    )
    assert response.status_code == 400
    assert ControlStrategyVersion.objects.count() == 0


def test_governance_cannot_edit_the_strategy(force: Force) -> None:
    client = client_signed_in(account_make(Role.GOVERNANCE))
    assert client.get("/strategy/control-strategy/2025/edit/").status_code == 403


def _scores_run() -> ScanRun:
    return ScanRun.objects.create(
        source="scan", loaded_at=at("2026-01-05T09:00"),
        summary={"score_distribution": {"threshold": 6.0, "period_days": 28,
                                        "pair_scores": [12, 9, 8, 7, 6.5, 6, 5, 4, 3]}},
    )  # fmt: skip


def test_demand_page_what_if_and_threshold_decision(force: Force) -> None:
    _scores_run()
    client = client_signed_in(force.head)
    response = client.get("/strategy/demand/?threshold=4")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="what-if-result"' in body and "At 4.0: 2.0 alerts a week" in body
    response = client.post(
        "/strategy/demand/threshold/", {"threshold": "7", "rationale": "What we can staff."}
    )
    assert response.status_code == 302
    decision = StaffingThresholdDecision.objects.get()
    # Pairs >= 7: 12, 9, 8, 7 over 28 days = 1 a week.
    assert (decision.threshold, decision.engine_threshold, decision.weekly_volume) == (7, 6, 1.0)
    assert AuditRecord.objects.filter(event="strategy.threshold_decided").exists()
    body = client.get("/strategy/demand/").content.decode()
    # The exact command that applies the decision (the web never changes the engine).
    assert "<code>lantern scan DATASET --out ALERTS.jsonl --min-pair-score 7.0</code>" in body


def test_demand_without_scores_says_so(force: Force) -> None:
    body = client_signed_in(force.head).get("/strategy/demand/").content.decode()
    assert "does not carry the engine&#x27;s score distribution" in body


def test_analyst_records_time_against_an_alert(db: object) -> None:
    analyst = account_make(Role.ANALYST)
    alert = alert_make()
    client = client_signed_in(analyst)
    response = client.post(
        "/strategy/work/",
        {"alert_id": alert.alert_id, "activity": "triage", "minutes": "45",
         "worked_on": timezone.localdate().isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    entry = AlertWorkLog.objects.get()
    assert (entry.alert, entry.minutes, entry.analyst) == (alert, 45, analyst.user)
    assert AuditRecord.objects.filter(event="strategy.work_recorded").exists()
    bad = client.post("/strategy/work/", {"alert_id": "nope", "activity": "triage",
                                          "minutes": "5", "worked_on": "2025-01-01"})  # fmt: skip
    assert bad.status_code == 400 and "No alert you can see" in bad.content.decode()


def test_cli_writes_html_and_pdf(force: Force, tmp_path: Path) -> None:
    code = main(["report", "threat-assessment", "--year", "2025", "--as-of", "2025-12-31",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 0
    html = (tmp_path / "threat-assessment-2025-as-of-2025-12-31.html").read_text()
    pdf = (tmp_path / "threat-assessment-2025-as-of-2025-12-31.pdf").read_bytes()
    assert "<svg" in html and "fewer than 5" in html
    text = pdf_text(pdf)
    for heading in HEADINGS:
        assert heading in text, heading
    record = AuditRecord.objects.get(event="strategy.threat_assessment_exported")
    assert record.actor is None and record.actor_label == "lantern report"


def test_cli_writes_to_the_current_directory_without_out(
    force: Force, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lantern report threat-assessment --year Y`, as the issue writes it."""
    monkeypatch.chdir(tmp_path)
    assert main(["report", "threat-assessment", "--year", "2025", "--as-of", "2025-12-31"]) == 0
    assert (tmp_path / "threat-assessment-2025-as-of-2025-12-31.pdf").read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "threat-assessment-2025-as-of-2025-12-31.html").exists()


@pytest.mark.parametrize("as_of", ["2024-12-31", "not-a-date"])
def test_cli_refuses_a_bad_date(force: Force, tmp_path: Path, as_of: str) -> None:
    args = ["report", "threat-assessment", "--year", "2025", "--as-of", as_of, "--out"]
    assert main([*args, str(tmp_path)]) == 2


def test_another_context_can_add_a_document_to_lantern_report() -> None:
    import argparse

    from lantern.strategy.commands import register, report_actions

    parser = argparse.ArgumentParser()
    subparsers = parser.add_subparsers(dest="command")
    register(subparsers)
    pack = report_actions(subparsers).add_parser("pack")
    pack.add_argument("--as-of")
    assert parser.parse_args(["report", "pack", "--as-of", "2026-01-01"]).as_of == "2026-01-01"
    assert parser.parse_args(["report", "threat-assessment", "--year", "2026", "--out", "x"]).year


def test_outside_the_unit_the_assessment_is_as_at_the_end_of_a_complete_quarter(
    force: Force,
) -> None:
    """A day apart (15 and 16 May) the governance viewer gets the same document: 31 March."""
    from datetime import date

    client = client_signed_in(account_make(Role.GOVERNANCE))
    pages = [client.get(f"/strategy/threat-assessment/?year=2025&as_of=2025-05-{d}")
             for d in (15, 16)]  # fmt: skip
    for response in pages:
        assert response.context["ta"].as_of == date(2025, 3, 31)
        assert response.context["ta"].period.last == date(2025, 3, 31)
        body = response.content.decode()
        assert 'data-testid="as-of-note"' in body
        assert "15 May 2025" in body or "16 May 2025" in body
        assert "these figures are as at 31 March 2025" in body
    record = AuditRecord.objects.filter(event="strategy.threat_assessment_viewed").latest("seq")
    assert record.detail["as_of"] == "2025-03-31"
    assert record.detail["as_of_requested"] == "2025-05-16"
    # The unit's own view keeps the day asked for.
    head = client_signed_in(force.head).get(
        "/strategy/threat-assessment/?year=2025&as_of=2025-05-15"
    )
    assert head.context["ta"].as_of == date(2025, 5, 15)
    assert 'data-testid="as-of-note"' not in head.content.decode()
    # The head's preview of the shared view and the PDF (for sharing) move back too.
    preview = client_signed_in(force.head).get(
        "/strategy/threat-assessment/?year=2025&as_of=2025-05-15&shared=1"
    )
    assert preview.context["ta"].as_of == date(2025, 3, 31)
    client_signed_in(force.head).get("/strategy/threat-assessment/pdf/?year=2025&as_of=2025-05-15")
    exported = AuditRecord.objects.get(event="strategy.threat_assessment_exported")
    assert exported.detail["as_of"] == "2025-03-31"


def test_a_future_date_is_taken_as_today(force: Force) -> None:
    from lantern.strategy.periods import complete_quarter_end

    today = timezone.localdate()
    head = client_signed_in(force.head)
    response = head.get(f"/strategy/threat-assessment/?year={today.year}&as_of=2999-01-01")
    assert response.context["ta"].as_of == today
    viewer = client_signed_in(account_make(Role.GOVERNANCE))
    shared = viewer.get("/strategy/threat-assessment/?year=2025&as_of=2999-01-01")
    assert shared.context["ta"].as_of == complete_quarter_end(today, today)
    assert shared.context["ta"].as_of < today


def test_cli_takes_a_future_date_as_today_and_the_last_complete_quarter(
    force: Force, tmp_path: Path
) -> None:
    from lantern.strategy.periods import complete_quarter_end

    today = timezone.localdate()
    used = complete_quarter_end(today, today)
    code = main(["report", "threat-assessment", "--year", "2025", "--as-of", "2999-01-01",
                 "--out", str(tmp_path)])  # fmt: skip
    assert code == 0
    assert (tmp_path / f"threat-assessment-2025-as-of-{used:%Y-%m-%d}.pdf").exists()
    record = AuditRecord.objects.get(event="strategy.threat_assessment_exported")
    assert record.detail["as_of_requested"] == today.isoformat()
