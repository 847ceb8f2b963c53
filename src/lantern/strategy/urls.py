from django.urls import path

from lantern.strategy import views

app_name = "strategy"
urlpatterns = [
    path("threat-assessment/", views.threat_assessment, name="threat_assessment"),
    path(
        "threat-assessment/pdf/",
        views.threat_assessment_download,
        name="threat_assessment_pdf",
    ),
    path(
        "control-strategy/<int:year>/",
        views.control_strategy_versions_page,
        name="control_strategy_versions",
    ),
    path(
        "control-strategy/<int:year>/edit/",
        views.control_strategy_edit,
        name="control_strategy_edit",
    ),
    path(
        "control-strategy/version/<int:pk>/",
        views.control_strategy_version_page,
        name="control_strategy_version",
    ),
    path(
        "control-strategy/version/<int:pk>/sign-off/",
        views.control_strategy_sign_off,
        name="control_strategy_sign_off",
    ),
    path("demand/", views.demand, name="demand"),
    path("demand/threshold/", views.threshold_set, name="threshold_set"),
    path("work/", views.work, name="work"),
]
