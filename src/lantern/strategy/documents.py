"""The threat assessment as a standalone document: HTML and PDF from one template."""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from lantern.strategy.threat import ThreatAssessment

STYLESHEETS = ("strategy/strategy.css", "strategy/print.css")


def _stylesheet_text(names: tuple[str, ...] = STYLESHEETS) -> str:
    parts = []
    for name in names:
        found = finders.find(name)
        if not found:
            raise FileNotFoundError(f"static file {name} is missing")
        parts.append(Path(str(found)).read_text(encoding="utf-8"))
    return "\n".join(parts)


def threat_assessment_html(assessment: ThreatAssessment) -> str:
    """The document as one self-contained HTML file (its stylesheet embedded)."""
    return render_to_string(
        "strategy/threat_assessment_document.html",
        {
            "ta": assessment,
            "stylesheet": _stylesheet_text(),
            # WeasyPrint draws inline SVG on its own: the chart classes go inside each chart.
            "svg_stylesheet": _stylesheet_text(STYLESHEETS[:1]),
            "document": True,
        },
    )


def threat_assessment_pdf(assessment: ThreatAssessment) -> bytes:
    import weasyprint

    pdf: bytes = weasyprint.HTML(string=threat_assessment_html(assessment)).write_pdf()
    return pdf


def threat_assessment_filename(assessment: ThreatAssessment, extension: str) -> str:
    return f"threat-assessment-{assessment.year}-as-of-{assessment.as_of:%Y-%m-%d}.{extension}"
