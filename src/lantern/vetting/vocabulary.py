"""Vetting vocabularies, and the one place that says which level satisfies which.

Levels (see shared/domain.md and the College of Policing APP on vetting):
Recruitment Vetting (RV), Management Vetting (MV), Non-Police Personnel
Vetting NPPV1, NPPV2 abbreviated (2A), NPPV2 full (2F), NPPV3, and the
national security levels CTC, SC and DV (which rest on BPSS).
"""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    RV = "RV", "Recruitment Vetting (RV)"
    MV = "MV", "Management Vetting (MV)"
    NPPV1 = "NPPV1", "NPPV 1"
    NPPV2A = "NPPV2A", "NPPV 2 (abbreviated)"
    NPPV2F = "NPPV2F", "NPPV 2 (full)"
    NPPV3 = "NPPV3", "NPPV 3"
    CTC = "CTC", "Counter-Terrorist Check (CTC)"
    SC = "SC", "Security Check (SC)"
    DV = "DV", "Developed Vetting (DV)"


# The hierarchy, in one place. Two tracks that never substitute for each other:
#  * force vetting: NPPV1 < NPPV2A < NPPV2F = RV < NPPV3 = MV (APP: RV is the
#    police officer's equivalent of NPPV2 full, MV of NPPV3);
#  * national security vetting: CTC < SC < DV. National security clearance is
#    granted on top of force vetting, never instead of it (and vice versa).
LEVEL_TRACK: dict[str, tuple[str, int]] = {
    Level.NPPV1: ("force", 1),
    Level.NPPV2A: ("force", 2),
    Level.NPPV2F: ("force", 3),
    Level.RV: ("force", 3),
    Level.NPPV3: ("force", 4),
    Level.MV: ("force", 4),
    Level.CTC: ("national_security", 1),
    Level.SC: ("national_security", 2),
    Level.DV: ("national_security", 3),
}


def level_satisfies(held: str, required: str) -> bool:
    """Whether a clearance at ``held`` meets a post's requirement of ``required``."""
    if held not in LEVEL_TRACK or required not in LEVEL_TRACK:
        return False
    held_track, held_rank = LEVEL_TRACK[held]
    required_track, required_rank = LEVEL_TRACK[required]
    return held_track == required_track and held_rank >= required_rank


def level_parse(value: str) -> str | None:
    """A level from an HR export, forgiving spacing and case ('NPPV 2 (full)' -> NPPV2F)."""
    cleaned = "".join(ch for ch in value.upper() if ch.isalnum())
    aliases = {
        "NPPV2ABBREVIATED": Level.NPPV2A,
        "NPPV2FULL": Level.NPPV2F,
        "NPPVL1": Level.NPPV1,
        "NPPVL2A": Level.NPPV2A,
        "NPPVL2F": Level.NPPV2F,
        "NPPVL3": Level.NPPV3,
    }
    if cleaned in Level.values:
        return cleaned
    alias = aliases.get(cleaned)
    return str(alias) if alias else None


class ClearanceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    SUPERSEDED = "superseded", "Superseded by a renewal"
    WITHDRAWN = "withdrawn", "Withdrawn"
    EXPIRED = "expired", "Ended on expiry"
    LEFT = "left", "Ended on leaving the force"


class ClearanceSource(models.TextChoices):
    HR_IMPORT = "hr_import", "HR export"
    VETTING_UNIT = "vetting_unit", "Vetting unit decision"


class Compliance(models.TextChoices):
    COMPLIANT = "compliant", "Compliant"
    EXPIRED = "expired", "Expired"
    UNDER_VETTED = "under_vetted", "Below the level the post needs"
    NONE = "none", "No clearance"


class RecordKind(models.TextChoices):
    PERFORMANCE = "performance", "Performance"
    SICKNESS = "sickness", "Sickness"
    COMPLAINT = "complaint", "Complaint"
    MISCONDUCT = "misconduct", "Misconduct outcome"


DISCIPLINARY_KINDS = frozenset({RecordKind.COMPLAINT, RecordKind.MISCONDUCT})


class ReviewKind(models.TextChoices):
    ANNUAL = "annual", "Annual integrity review"
    ADVERSE = "adverse", "Review on adverse information"
    RANDOM = "random", "Randomised re-vetting"


class ReviewOutcome(models.TextChoices):
    NO_CONCERNS = "no_concerns", "No concerns: clearance stands"
    CONDITIONS = "conditions", "Clearance stands with conditions"
    WITHDRAW = "withdraw", "Clearance withdrawn"
    REFERRED = "referred", "Referred to professional standards"


class TriggerSource(models.TextChoices):
    INTELLIGENCE = "intelligence", "Corruption intelligence report"
    INVESTIGATION = "investigation", "Investigation opened"
    ALERT = "alert", "Monitoring alert escalated"


class DeclarationKind(models.TextChoices):
    BUSINESS_INTEREST = "business_interest", "Business interest"
    ASSOCIATION = "notifiable_association", "Notifiable association"


class DeclarationDecision(models.TextChoices):
    PENDING = "pending", "Awaiting review"
    APPROVED = "approved", "Approved"
    CONDITIONS = "approved_with_conditions", "Approved with conditions"
    REFUSED = "refused", "Refused"


class ListKind(models.TextChoices):
    BARRED = "barred", "Police Barred List"
    ADVISORY = "advisory", "Police Advisory List"


class AppointmentStatus(models.TextChoices):
    MAY_PROCEED = "may_proceed", "May proceed (no list match)"
    STOPPED = "stopped", "Stopped: matched a barred or advisory list"
    CHECK_REQUIRED = "check_required", "Check required: no date of birth to check the lists"


class PsdStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting the head of professional standards"
    RECORDED = "recorded", "Recorded by professional standards"
