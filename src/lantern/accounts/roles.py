"""The roles a Lantern user may hold. A person may hold several."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    ANALYST = "cc_analyst", "Counter-corruption analyst"
    INVESTIGATOR = "cc_investigator", "Counter-corruption investigator"
    HEAD_OF_PSD = "head_of_psd", "Head of professional standards"
    VETTING_OFFICER = "vetting_officer", "Vetting officer"
    REPORTING_HANDLER = "reporting_handler", "Reporting-line handler"
    PARTNER = "partner_agency", "Partner-agency user"
    GOVERNANCE = "governance_viewer", "Governance viewer (PCC office)"
    AUDITOR = "auditor", "Auditor"
    SYSTEM_ADMIN = "system_admin", "System administrator"
    STAFF = "staff_member", "Member of staff"


ALL_ROLES: frozenset[Role] = frozenset(Role)
