"""Tests: the demo settings with fast password hashing and plain static storage."""

from lantern.config.settings.demo import *  # noqa: F403

# Argon2 is exercised by its own test against the base settings; here it only slows the suite.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
