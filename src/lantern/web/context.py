"""The main menu: only the sections the signed-in user's roles may open."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

from lantern.accounts.roles import Role
from lantern.web.access import url_if_allowed


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# Sections in menu order: (label, url name). A section shows only when the
# user's roles pass the same access rule the view itself enforces.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("Home", "web:home"),
    ("Alerts", "alerts:queue"),
    ("Intelligence", "intelligence:register"),
    ("Investigations", "cases:list"),
    ("Safeguarding", "safeguarding:list"),
    ("Reveal approvals", "alerts:reveal_approvals"),
    ("Reporting line", "reporting:inbox"),
    ("Partner agencies", "partners:register"),
    ("Your concerns", "partners:concerns"),
    ("Vetting", "vetting:dashboard"),
    ("Your declarations", "vetting:my_declarations"),
    ("Transferees", "vetting:psd"),
    ("Encrypted apps", "devices:reviews"),
    ("Governance", "governance:index"),
    ("Threat assessment", "strategy:threat_assessment"),
    ("Demand and capacity", "strategy:demand"),
    ("Time spent", "strategy:work"),
    ("Accounts", "accounts:admin_list"),
    ("Audit trail", "audit:search"),
)


def nav_items_for(request: HttpRequest) -> list[NavItem]:
    user = request.user
    if not user.is_authenticated or not user.is_verified():
        return []
    roles: frozenset[Role] = user.roles
    items = []
    for label, name in SECTIONS:
        url = url_if_allowed(name, roles)
        if url is not None:
            items.append(NavItem(label, url, _is_active(request.path, url)))
    return items


def _is_active(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


def navigation(request: HttpRequest) -> dict[str, object]:
    return {"nav_items": nav_items_for(request)}
