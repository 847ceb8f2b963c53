"""The pack as PDF: the same template as the page, wrapped with a print stylesheet."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

PRINT_CSS = Path(__file__).with_name("pack_print.css")
# WeasyPrint reports each layout step at INFO; a pack is not worth a dozen log lines.
logging.getLogger("weasyprint").setLevel(logging.WARNING)
logging.getLogger("fontTools").setLevel(logging.WARNING)


def pack_pdf(context: dict[str, Any]) -> bytes:
    import weasyprint

    html = render_to_string(
        "governance/pack_print.html", {**context, "print_css": PRINT_CSS.read_text()}
    )
    return bytes(weasyprint.HTML(string=html).write_pdf())
