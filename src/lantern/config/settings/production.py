"""Production: the base settings, with a secret key that must come from outside."""

from django.core.exceptions import ImproperlyConfigured

from lantern.config.settings.base import *  # noqa: F403
from lantern.config.settings.base import SECRET_KEY

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set LANTERN_SECRET_KEY to a random value of 50 or more characters.")
