"""Kinds of inspectorate finding and the status of an action plan."""

from __future__ import annotations

from django.db import models


class FindingKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    AREA_FOR_IMPROVEMENT = "afi", "Area for improvement"


class DeclaredStatus(models.TextChoices):
    """What an owner may declare. "Overdue" is never declared: it is derived from dates."""

    NOT_STARTED = "not_started", "Not started"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    COMPLETE = "complete", "Complete"


OVERDUE = "overdue"
STATUS_LABELS: dict[str, str] = {**dict(DeclaredStatus.choices), OVERDUE: "Overdue"}
# Order in summaries: worst first.
STATUS_ORDER: tuple[str, ...] = ("overdue", "at_risk", "not_started", "on_track", "complete")


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    COMPLETE = "complete", "Complete"


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    LANTERN = "lantern", "Lantern record"
