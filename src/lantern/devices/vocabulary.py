"""The risk classes an app on a police device falls into, and the platforms."""

from __future__ import annotations

from django.db import models


class RiskClass(models.TextChoices):
    E2E_MESSAGING = "e2e_messaging", "End-to-end encrypted messaging"
    EPHEMERAL_MESSAGING = "ephemeral_messaging", "Ephemeral messaging"
    SOCIAL = "social", "Social media"
    DATING = "dating", "Dating"
    VPN = "vpn", "VPN"
    OTHER = "other", "Other"


# The classes a review reports as a risk (everything but "other").
RISK_CLASSES: tuple[str, ...] = tuple(c for c in RiskClass.values if c != RiskClass.OTHER)


class Platform(models.TextChoices):
    ANDROID = "android", "Android"
    IOS = "ios", "iOS"
