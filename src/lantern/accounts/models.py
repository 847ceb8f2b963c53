"""Accounts: people who sign in to Lantern, and the roles they hold."""

from __future__ import annotations

import uuid
from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

from lantern.accounts.roles import Role


class User(AbstractUser):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    failed_sign_ins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    # Demo accounts may have their current code printed by `lantern demo code`.
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["username"]

    @cached_property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(g.role) for g in self.role_grants.all())

    def is_verified(self) -> bool:
        """Whether this request passed the second factor.

        django-otp's middleware replaces this on each request's user; anywhere
        else (a shell, a task) a user counts as not verified.
        """
        return False

    def is_locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > timezone.now()


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="one_grant_per_role"),
        ]

    def __str__(self) -> str:
        return f"{self.user} as {self.get_role_display()}"
