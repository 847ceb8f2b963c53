from django.urls import path

from lantern.accounts.roles import ALL_ROLES, Role
from lantern.web.access import AccessRule, declare
from lantern.web.api import api

# Each API path's rule; a path not listed is open to any signed-in,
# second-factor-verified user (the selectors behind it still scope what it returns).
_UNIT = AccessRule(roles=frozenset({Role.ANALYST, Role.HEAD_OF_PSD}))
_INTELLIGENCE = AccessRule(roles=frozenset({Role.ANALYST, Role.HEAD_OF_PSD, Role.INVESTIGATOR}))
API_RULES: dict[str, AccessRule] = {
    "alerts": _UNIT,
    "alerts/<alert_id>": _UNIT,
    "intelligence": _INTELLIGENCE,
    "intelligence/<report_id>": _INTELLIGENCE,
    "cases": _INTELLIGENCE,
    "cases/<case_id>": _INTELLIGENCE,
}
DEFAULT_API_RULE = AccessRule(roles=ALL_ROLES)

_api_patterns, _, _api_namespace = api.urls
for _pattern in _api_patterns:
    if _pattern.callback is not None:
        declare(_pattern.callback, API_RULES.get(str(_pattern.pattern), DEFAULT_API_RULE))

urlpatterns = [path("v1/", (_api_patterns, _api_namespace, _api_namespace))]
