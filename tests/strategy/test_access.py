"""Who may open each page of the strategy app (the full role-by-URL walk is in tests/web)."""

from __future__ import annotations

import pytest
from django.urls import resolve

from lantern.accounts.roles import Role
from lantern.web.access import access_rule_of
from tests.web.test_access_matrix import ALL_PATTERNS

HEAD, GOV, ANALYST = Role.HEAD_OF_PSD, Role.GOVERNANCE, Role.ANALYST
EXPECTED = {
    "/strategy/threat-assessment/": {HEAD, GOV},
    "/strategy/threat-assessment/pdf/": {HEAD, GOV},
    "/strategy/control-strategy/2026/": {HEAD},
    "/strategy/control-strategy/2026/edit/": {HEAD},
    "/strategy/control-strategy/version/1/": {HEAD},
    "/strategy/control-strategy/version/1/sign-off/": {HEAD},
    "/strategy/demand/": {HEAD},
    "/strategy/demand/threshold/": {HEAD},
    "/strategy/work/": {ANALYST, HEAD},
}


def test_every_strategy_url_is_in_the_access_matrix() -> None:
    routes = {"/" + route for route, _ in ALL_PATTERNS if route.startswith("strategy/")}
    assert len(routes) == len(EXPECTED)


@pytest.mark.parametrize("url", list(EXPECTED))
def test_declared_roles(url: str) -> None:
    rule = access_rule_of(resolve(url).func)
    assert rule is not None and not rule.public
    assert set(rule.roles) == EXPECTED[url]
