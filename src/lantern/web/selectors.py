"""What each role's home page shows: only figures that role may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lantern.accounts.models import User
from lantern.accounts.roles import Role
from lantern.audit.models import AuditRecord


@dataclass(frozen=True)
class AccountHealth:
    active: int
    locked: int
    without_second_factor: int
    sign_in_failures_today: int


@dataclass(frozen=True)
class AuditSummary:
    records: int
    last_at: object


@dataclass(frozen=True)
class UnitWork:
    open_alerts: int
    open_safeguarding: int
    open_cases: int
    reveals_awaiting: int | None


@dataclass(frozen=True)
class HomeFigures:
    recovery_codes_left: int
    account_health: AccountHealth | None
    audit_summary: AuditSummary | None
    unit_work: UnitWork | None = None


def home_figures(*, viewer: User) -> HomeFigures:
    roles = viewer.roles
    return HomeFigures(
        recovery_codes_left=StaticToken.objects.filter(device__user=viewer).count(),
        account_health=_account_health() if Role.SYSTEM_ADMIN in roles else None,
        audit_summary=_audit_summary() if Role.AUDITOR in roles else None,
        unit_work=_unit_work(viewer) if roles & {Role.ANALYST, Role.HEAD_OF_PSD} else None,
    )


def _unit_work(viewer: User) -> UnitWork:
    """What is waiting for the unit, counted through the same scoped selectors as the pages."""
    from lantern.alerts.models import AlertStatus
    from lantern.alerts.selectors import alerts_visible, reveals_awaiting_approval
    from lantern.cases.selectors import cases_visible
    from lantern.safeguarding.selectors import safeguarding_visible

    head = Role.HEAD_OF_PSD in viewer.roles
    return UnitWork(
        open_alerts=alerts_visible(viewer=viewer).filter(status=AlertStatus.NEW).count(),
        open_safeguarding=safeguarding_visible(viewer=viewer)
        .filter(closed_at__isnull=True)
        .count(),
        open_cases=cases_visible(viewer=viewer).filter(closed_at__isnull=True).count(),
        reveals_awaiting=reveals_awaiting_approval(viewer=viewer).count() if head else None,
    )


def _account_health() -> AccountHealth:
    active = User.objects.filter(is_active=True)
    enrolled = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return AccountHealth(
        active=active.count(),
        locked=active.filter(locked_until__gt=timezone.now()).count(),
        without_second_factor=active.exclude(pk__in=enrolled).count(),
        sign_in_failures_today=AuditRecord.objects.filter(
            event__in=["auth.sign_in_failed", "auth.second_factor_failed"], at__gte=today
        ).count(),
    )


def _audit_summary() -> AuditSummary:
    last = AuditRecord.objects.order_by("-seq").first()
    return AuditSummary(records=AuditRecord.objects.count(), last_at=last.at if last else None)
