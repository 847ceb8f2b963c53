"""The reporter-facing pages. Mounted at ``/report/`` on the internal app (demo) and
on the reporting line's own host (``lantern.reporting.site_urls``)."""

from django.urls import path

from lantern.reporting.views import public

app_name = "report"
urlpatterns = [
    path("", public.start, name="start"),
    path("new/", public.report_new, name="new"),
    path("return/", public.report_return, name="return"),
    path("return/reply/", public.report_reply, name="reply"),
    # Anything else under the prefix gets this site's own "not found" page, never
    # the internal app's (which would link to internal pages).
    path("<path:rest>", public.not_found),
]
