from django.urls import path

from lantern.alerts import views

app_name = "alerts"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<uuid:alert_pk>/", views.detail, name="detail"),
    path("<uuid:alert_pk>/reveal/", views.reveal, name="reveal"),
    path("<uuid:alert_pk>/dismiss/", views.dismiss, name="dismiss"),
    path(
        "<uuid:alert_pk>/intelligence/", views.escalate_intelligence, name="escalate_intelligence"
    ),
    path(
        "<uuid:alert_pk>/investigation/",
        views.escalate_investigation,
        name="escalate_investigation",
    ),
    path("explanations/", views.explanations, name="explanations"),
    path(
        "explanations/<uuid:explanation_pk>/revoke/",
        views.explanation_revoke,
        name="explanation_revoke",
    ),
    path("performance/", views.performance, name="performance"),
    path("reveals/", views.reveal_approvals, name="reveal_approvals"),
    path("reveals/<int:reveal_pk>/", views.reveal_decide, name="reveal_decide"),
]
