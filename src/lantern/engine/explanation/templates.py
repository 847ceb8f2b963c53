"""Role duties as explanation templates, mined and measured on the force's own data.

Some work touches people with no assignment at all: a public-protection officer
reviews every new domestic abuse occurrence, a response officer checks a
driver on PNC with a reason code. Rather than a hand-written list of what each
role may do, Lantern proposes generic candidate paths and keeps, per role, the
ones the role's staff use widely, measured on the data itself:

- support: the share of the role's active staff who use the template;
- coverage: the share of the role's accesses the template explains.

A template is accepted for a role when both clear configured floors. Candidate
templates (each a token, with a parameter after the colon):

- ``claimed_open:<category>``: the claimed occurrence really involves the
  person and was open at the time (reviews, call handling, case work);
- ``reasoned_check:<system>``: a check with a typed reason (PNC stop checks).

A template only ever explains an access made on duty (or by staff with no
roster); nothing explains a specific member of staff's return to a person
after their own part ended, which is scored whatever the template.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir

from lantern.engine.config import ExplanationConfig
from lantern.engine.explanation.spans import open_end

TEMPLATE_SEPARATOR = "|"
# Templates anchored in a checked link to the person (an open occurrence that
# involves them): these explain an access fully. The others (a typed reason)
# explain a one-off check; the indicators still measure persistence over them.
ANCHORED_TEMPLATE_KINDS: tuple[str, ...] = ("claimed_open",)


def template_candidate(t: ir.Table, cfg: ExplanationConfig) -> ir.StringValue:
    """The candidate template an unexplained access fits, or null."""
    lead = ibis.interval(seconds=int(cfg.lead.total_seconds()))
    grace = ibis.interval(seconds=int(cfg.claimed_open_grace.total_seconds()))
    claim_open = (
        t.claim_involves
        & (t.claim_reported_at - lead <= t.ts)
        & (t.claim_closed_at.fill_null(open_end()) + grace >= t.ts)
    )
    has_reason = t.reason.notnull() & (t.reason.strip().length() > 0)
    return ibis.cases(
        (claim_open.fill_null(False), ibis.literal("claimed_open:") + t.claim_category),
        (has_reason, ibis.literal("reasoned_check:") + t.system),
        else_=ibis.null("string"),
    )


def template_usable(t: ir.Table) -> ir.BooleanValue:
    """Role duties explain only accesses made on duty (or with no roster to tell)."""
    return t.on_duty.isnull() | t.on_duty


@dataclass(frozen=True)
class TemplateMeasure:
    """How much one candidate template is used by one role."""

    role: str
    template: str
    staff_using: int
    role_staff: int
    events: int
    role_events: int
    accepted: bool

    @property
    def support(self) -> float:
        return self.staff_using / self.role_staff if self.role_staff else 0.0

    @property
    def coverage(self) -> float:
        return self.events / self.role_events if self.role_events else 0.0

    @property
    def key(self) -> str:
        return template_key(self.role, self.template)


def template_key(role: str, template: str) -> str:
    return f"{role}{TEMPLATE_SEPARATOR}{template}"


@dataclass(frozen=True)
class PathCount:
    """Accesses of one member of staff by specific path and candidate template."""

    staff_id: str
    role: str
    path_specific: str | None
    template: str | None
    usable: bool
    events: int


def templates_measure(counts: Iterable[PathCount], cfg: ExplanationConfig) -> list[TemplateMeasure]:
    """Support and coverage of every (role, candidate template), and which are accepted."""
    role_staff: dict[str, set[str]] = defaultdict(set)
    role_events: dict[str, int] = defaultdict(int)
    users: dict[tuple[str, str], set[str]] = defaultdict(set)
    uses: dict[tuple[str, str], int] = defaultdict(int)
    for c in counts:
        if c.path_specific == "no_person":
            continue
        role_staff[c.role].add(c.staff_id)
        role_events[c.role] += c.events
        if c.path_specific is None and c.template is not None and c.usable:
            users[(c.role, c.template)].add(c.staff_id)
            uses[(c.role, c.template)] += c.events
    measures = []
    for (role, template), staff in sorted(users.items()):
        measure = TemplateMeasure(
            role=role,
            template=template,
            staff_using=len(staff),
            role_staff=len(role_staff[role]),
            events=uses[(role, template)],
            role_events=role_events[role],
            accepted=False,
        )
        accepted = (
            measure.role_staff >= cfg.template_min_role_staff
            and measure.support >= cfg.template_min_support
            and measure.coverage >= cfg.template_min_coverage
        )
        measures.append(_with_accepted(measure, accepted))
    return measures


def _with_accepted(measure: TemplateMeasure, accepted: bool) -> TemplateMeasure:
    return TemplateMeasure(
        measure.role,
        measure.template,
        measure.staff_using,
        measure.role_staff,
        measure.events,
        measure.role_events,
        accepted,
    )


def accepted_keys(measures: Iterable[TemplateMeasure]) -> list[str]:
    return sorted(m.key for m in measures if m.accepted)


def is_anchored(path_generic: ir.StringValue) -> ir.BooleanValue:
    """True when the role duty explaining an access is anchored in the person's occurrence."""
    anchored = ibis.literal(False)
    for kind in ANCHORED_TEMPLATE_KINDS:
        anchored = anchored | path_generic.startswith(f"{kind}:")
    return anchored.fill_null(False)


def generic_path(t: ir.Table, accepted: list[str]) -> ir.StringValue:
    """The accepted role-duty template explaining the access, or null.

    ``t`` carries ``role``, ``template`` and ``on_duty``.
    """
    if not accepted:
        return ibis.null("string")
    key = t.role + ibis.literal(TEMPLATE_SEPARATOR) + t.template
    fits = t.template.notnull() & key.isin(accepted) & template_usable(t)
    return ibis.ifelse(fits.fill_null(False), t.template, ibis.null("string"))


def explained_share(
    counts: Iterable[PathCount], accepted: Iterable[str]
) -> dict[str, dict[str, float | int]]:
    """Per role: accesses about a person, how many each path explained, and the share."""
    accepted_set = set(accepted)
    per_role: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in counts:
        if c.path_specific == "no_person":
            continue
        role = per_role[c.role]
        role["accesses"] += c.events
        path = _final_path(c, accepted_set)
        role[path or "unexplained"] += c.events
    return {role: _share(paths) for role, paths in sorted(per_role.items())}


def _final_path(c: PathCount, accepted: set[str]) -> str | None:
    if c.path_specific is not None:
        return c.path_specific
    if c.template and c.usable and template_key(c.role, c.template) in accepted:
        return f"role_duty:{c.template}"
    return None


def _share(paths: Mapping[str, int]) -> dict[str, float | int]:
    total = paths.get("accesses", 0)
    explained = total - paths.get("unexplained", 0)
    result: dict[str, float | int] = dict(sorted(paths.items()))
    result["explained_share"] = round(explained / total, 4) if total else 1.0
    return result
