"""Signs a user out after a period without activity (default 15 minutes)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lantern.accounts.services import session_expired_record

LAST_ACTIVITY_KEY = "lantern_last_activity"


class IdleSessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            idle_minutes = settings.LANTERN_SESSION_IDLE_MINUTES
            now = time.time()
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - float(last) > idle_minutes * 60:
                session_expired_record(user=user, idle_minutes=idle_minutes)
                logout(request)
                return redirect(f"{reverse('accounts:sign_in')}?expired=1")
            request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)
