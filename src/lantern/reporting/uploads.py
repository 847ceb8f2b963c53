"""Uploads that never touch the disk in plaintext.

Django writes uploads over ``FILE_UPLOAD_MAX_MEMORY_SIZE`` to temporary files;
a report's attachments must exist unencrypted nowhere but in memory, so views
that take them parse the body with :class:`MemoryOnlyUploadHandler`, after
refusing any body over ``LANTERN_REPORTING_REQUEST_MAX_BYTES`` unread.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import MemoryFileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt, csrf_protect


class MemoryOnlyUploadHandler(MemoryFileUploadHandler):
    """Keeps every upload in memory (the body size is already bounded), never on disk."""

    def handle_raw_input(self, *args: Any, **kwargs: Any) -> None:
        super().handle_raw_input(*args, **kwargs)
        self.activated = True


def body_too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.LANTERN_REPORTING_REQUEST_MAX_BYTES


def uploads_in_memory(
    too_large: Callable[[HttpRequest], HttpResponse],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """For signed-in views with uploads: Django's CSRF check still runs, after the handler swap."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        protected = csrf_protect(view)

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                if body_too_large(request):
                    return too_large(request)
                request.upload_handlers = [MemoryOnlyUploadHandler(request)]
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorate
