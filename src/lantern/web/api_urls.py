from django.urls import path

from lantern.accounts.roles import ALL_ROLES
from lantern.web.access import AccessRule, declare
from lantern.web.api import api

# Every API operation so far is open to any signed-in, second-factor-verified
# user; routers with narrower rules add their own entries to this map.
API_RULES: dict[str, AccessRule] = {}
DEFAULT_API_RULE = AccessRule(roles=ALL_ROLES)

_api_patterns, _, _api_namespace = api.urls
for _pattern in _api_patterns:
    if _pattern.callback is not None:
        declare(_pattern.callback, API_RULES.get(str(_pattern.pattern), DEFAULT_API_RULE))

urlpatterns = [path("v1/", (_api_patterns, _api_namespace, _api_namespace))]
