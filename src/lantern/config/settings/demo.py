"""The demo: production behaviour (no debug pages) served over plain HTTP on loopback."""

from lantern.config.settings.base import *  # noqa: F403
from lantern.config.settings.base import ENV

SECRET_KEY = ENV.secret_key or "demo-only-key-not-secret-" + "x" * 40
# The demo is served on http://127.0.0.1:8000, so cookies cannot be Secure and
# there is no TLS to redirect to. Everything else stays as in production.
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
