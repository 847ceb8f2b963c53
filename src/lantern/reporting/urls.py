"""The handlers' inbox (internal app, reporting-line handlers only)."""

from django.urls import path

from lantern.reporting.views import inbox

app_name = "reporting"
urlpatterns = [
    path("", inbox.inbox, name="inbox"),
    path("figures/", inbox.figures, name="figures"),
    path("<uuid:report_id>/", inbox.report_detail, name="report"),
    path("<uuid:report_id>/message/", inbox.report_message, name="message"),
    path("<uuid:report_id>/safeguarding/", inbox.report_safeguarding, name="safeguarding"),
    path("<uuid:report_id>/urgent/", inbox.report_urgent, name="urgent"),
    path("<uuid:report_id>/close/", inbox.report_close_view, name="close"),
    path("<uuid:report_id>/contact/", inbox.report_contact, name="contact"),
    path("<uuid:report_id>/intelligence/", inbox.report_convert, name="convert"),
    path(
        "<uuid:report_id>/attachments/<uuid:attachment_id>/",
        inbox.report_attachment,
        name="attachment",
    ),
]
