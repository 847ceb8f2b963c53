"""National vocabularies for corruption intelligence (see shared/domain.md)."""

from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    INFILTRATION = "infiltration", "Infiltration"
    DISCLOSURE = "disclosure_of_information", "Disclosure of information"
    PERVERTING = "perverting_the_course_of_justice", "Perverting the course of justice"
    SEXUAL_MISCONDUCT = "sexual_misconduct", "Sexual misconduct"
    DRUGS = "controlled_drugs", "Controlled drug use and supply"
    THEFT_FRAUD = "theft_and_fraud", "Theft and fraud"
    MISUSING_SYSTEMS = "misusing_force_systems", "Misusing force systems"
    ABUSE_OF_AUTHORITY = "abuse_of_authority", "Abuse of authority"
    ASSOCIATION = "inappropriate_association", "Inappropriate association"
    VULNERABILITY = "vulnerability", "Vulnerability"
    ASSISTING_OFFENDERS = (
        "assisting_offenders",
        "Committing, inciting, aiding or assisting an offender",
    )
    OTHER = "other", "Other"


class SourceEvaluation(models.TextChoices):
    RELIABLE = "1", "1 – reliable"
    UNTESTED = "2", "2 – untested"
    NOT_RELIABLE = "3", "3 – not reliable"


class IntelligenceAssessment(models.TextChoices):
    A = "A", "A – known directly to the source"
    B = "B", "B – known indirectly but corroborated"
    C = "C", "C – known indirectly"
    D = "D", "D – not known"
    E = "E", "E – suspected to be false"


class Handling(models.TextChoices):
    P = "P", "P – lawful sharing permitted"
    C = "C", "C – lawful sharing permitted subject to conditions"


class SourceType(models.TextChoices):
    MONITORING = "monitoring", "Proactive monitoring"
    CONFIDENTIAL_LINE = "confidential_line", "Confidential reporting line"
    PARTNER_AGENCY = "partner_agency", "Partner agency"
    COLLEAGUE = "colleague", "Colleague"
    PUBLIC_COMPLAINT = "public_complaint", "Public complaint"
    OTHER_FORCE = "other_force", "Another force"
    VETTING = "vetting", "Vetting"


class Outcome(models.TextChoices):
    OPEN = "open", "Open – being developed"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    INVESTIGATION = "investigation", "Investigation opened"
    DISSEMINATED = "disseminated", "Disseminated"
    FILED = "filed", "Filed for future reference"
