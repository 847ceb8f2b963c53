"""The reporting line on its own host: only the reporter-facing pages.

Run the same code with ``DJANGO_SETTINGS_MODULE=lantern.config.settings.reporting``
behind its own host name (``LANTERN_ALLOWED_HOSTS``). It has no sessions, no
sign-in, no CSRF cookie (its views are exempt) and no messages: its forms carry
signed tokens instead, so the reporter's browser keeps nothing from it. Every
request on this host is treated as a reporter's (no address, browser details or
cookies kept).

It needs its own ``LANTERN_SECRET_KEY`` (not the internal app's) and the line
key ``LANTERN_REPORTING_KEY``; it refuses to start without either.
"""

from django.core.exceptions import ImproperlyConfigured

from lantern.config.settings.base import *  # noqa: F403
from lantern.config.settings.base import LANTERN_REPORTING_KEY, SECRET_KEY

ROOT_URLCONF = "lantern.reporting.site_urls"
LANTERN_REPORTING_PATH_PREFIX = "/"

MIDDLEWARE = [
    "lantern.reporting.middleware.ReporterTracesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The line's views are exempt (they use form tokens, no cookie); any other
    # POST view added to this host would still be protected.
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "lantern.web.access.AccessPolicyMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
# Never used on this host; distinct names so nothing could be shared with the internal app.
SESSION_COOKIE_NAME = "lantern_report_unused_session"
CSRF_COOKIE_NAME = "lantern_report_unused_csrf"

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set LANTERN_SECRET_KEY to a random value of 50 or more characters.")
if not LANTERN_REPORTING_KEY:
    raise ImproperlyConfigured("Set LANTERN_REPORTING_KEY: the reporting line's own host needs it.")
