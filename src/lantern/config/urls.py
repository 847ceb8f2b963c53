"""URL map. Every view declares who may use it (see ``lantern.web.access``)."""

from django.urls import include, path

from lantern.web import views as web_views

urlpatterns = [
    path("", include("lantern.web.urls")),
    path("account/", include("lantern.accounts.urls")),
    path("audit/", include("lantern.audit.urls")),
    path("alerts/", include("lantern.alerts.urls")),
    path("intelligence/", include("lantern.intelligence.urls")),
    path("cases/", include("lantern.cases.urls")),
    path("safeguarding/", include("lantern.safeguarding.urls")),
    path("api/", include("lantern.web.api_urls")),
    path("reporting/", include("lantern.reporting.urls")),
    path("partners/", include("lantern.partners.urls")),
    path("vetting/", include("lantern.vetting.urls")),
    path("devices/", include("lantern.devices.urls")),
    path("governance/", include("lantern.governance.urls")),
    path("strategy/", include("lantern.strategy.urls")),
    # The reporter-facing site; in production it can also run on its own host
    # (lantern.config.settings.reporting, lantern.reporting.site_urls).
    path("report/", include("lantern.reporting.public_urls")),
]

handler400 = web_views.bad_request
handler403 = web_views.permission_denied
handler404 = web_views.page_not_found
handler500 = web_views.server_error
