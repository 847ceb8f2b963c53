"""What an indicator is: a permanent id, a version, and a docstring saying why.

An indicator's ``code`` never changes meaning; a change to what it measures or
how it weighs it bumps ``version``. The docstring of the weight function is the
indicator's documentation: what it detects and why that matters.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from inspect import cleandoc
from typing import Literal

import ibis.expr.types as ir

from lantern.engine.config import IndicatorConfig

Scope = Literal["pair", "staff"]
Source = Literal["access", "contact", "staff"]
WeightRule = Callable[[ir.Table, IndicatorConfig], ir.FloatingValue]


@dataclass(frozen=True)
class Indicator:
    """One detection rule.

    ``evidence_flag`` names the per-event flag column whose true rows are this
    indicator's evidence (None: all the pair's rows from ``source``).
    ``family`` groups indicators that read the same kind of evidence: an
    alert is corroborated when indicators of two families agree;
    ``corroborates`` says how many families one indicator stands for (a
    personal link matched from HR records is evidence independent of the
    audit trail, so it counts twice).
    ``weight`` is an Ibis expression over the pair table (None for the
    staff-level indicators, which scoring computes).
    """

    code: str
    version: int
    title: str
    family: str
    scope: Scope
    source: Source
    evidence_flag: str | None
    weight: WeightRule | None
    doc: str
    corroborates: int = 1


def indicator(
    *,
    code: str,
    version: int,
    title: str,
    family: str,
    source: Source,
    evidence_flag: str | None,
    scope: Scope = "pair",
    corroborates: int = 1,
) -> Callable[[WeightRule], Indicator]:
    """Declare an indicator from its weight rule (whose docstring documents it)."""

    def declare(rule: WeightRule) -> Indicator:
        doc = cleandoc(rule.__doc__ or "")
        if not doc:
            raise ValueError(f"indicator {code} needs a docstring saying what it detects and why")
        return Indicator(
            code, version, title, family, scope, source, evidence_flag, rule, doc, corroborates
        )

    return declare
