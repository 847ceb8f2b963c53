from django.urls import path

from lantern.intelligence import views

app_name = "intelligence"
urlpatterns = [
    path("", views.register, name="register"),
    path("<uuid:report_pk>/", views.detail, name="detail"),
    path("<uuid:report_pk>/actions/", views.action_add, name="action_add"),
    path(
        "<uuid:report_pk>/actions/<int:action_pk>/done/",
        views.action_complete,
        name="action_complete",
    ),
    path("<uuid:report_pk>/outcome/", views.outcome, name="outcome"),
    path("<uuid:report_pk>/investigation/", views.open_investigation, name="open_investigation"),
]
