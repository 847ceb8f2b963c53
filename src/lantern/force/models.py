"""The force's staff directory and the members of the public alerts concern.

Loaded from the same dataset the engine scans. Members of the public are held
minimised: an opaque id, sex, birth year, home district and markers; no names.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models

# Ranks in order of seniority, as in the data contract.
RANK_ORDER: tuple[str, ...] = (
    "volunteer",
    "staff",
    "constable",
    "sergeant",
    "inspector",
    "chief_inspector",
    "superintendent",
    "chief_superintendent",
    "chief_officer",
)

PSEUDONYM_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ"


def rank_level(rank: str) -> int:
    return RANK_ORDER.index(rank) if rank in RANK_ORDER else 0


class StaffMember(models.Model):
    staff_id = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=40)
    rank = models.CharField(max_length=40)
    team_id = models.CharField(max_length=64, db_index=True)
    area = models.CharField(max_length=64, db_index=True)
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff_member",
    )

    class Meta:
        ordering = ["staff_id"]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        """A stable name for triage that reveals nothing: keyed on the secret key."""
        key = str(settings.SECRET_KEY).encode()
        digest = hmac.new(key, f"staff:{self.staff_id}".encode(), hashlib.sha256).digest()
        letters = "".join(PSEUDONYM_ALPHABET[b % len(PSEUDONYM_ALPHABET)] for b in digest[:4])
        return f"Staff {letters}-{int.from_bytes(digest[4:6], 'big') % 1000:03d}"

    @property
    def role_label(self) -> str:
        return self.role.replace("_", " ")

    @property
    def rank_label(self) -> str:
        return self.rank.replace("_", " ")


class Person(models.Model):
    person_id = models.CharField(max_length=64, unique=True)
    sex = models.CharField(max_length=1, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    home_area = models.CharField(max_length=64, blank=True)
    markers = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["person_id"]

    def __str__(self) -> str:
        return f"Person {self.person_id}"

    @property
    def vulnerable(self) -> bool:
        return bool(self.markers)

    @property
    def marker_labels(self) -> list[str]:
        return [m.replace("_", " ") for m in self.markers]
