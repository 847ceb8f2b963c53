from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_static_manifest(settings):  # type: ignore[no-untyped-def]
    """Templates resolve static names without a collected manifest."""
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
