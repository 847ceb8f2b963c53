from django.urls import path

from lantern.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.register, name="register"),
    path("new/", views.organisation_new, name="organisation_new"),
    path("<uuid:organisation_id>/", views.organisation_detail, name="organisation"),
    path("<uuid:organisation_id>/change/", views.organisation_edit, name="organisation_edit"),
    path("<uuid:organisation_id>/agreements/new/", views.agreement_new, name="agreement_new"),
    path("<uuid:organisation_id>/engagements/new/", views.engagement_new, name="engagement_new"),
    path("<uuid:organisation_id>/members/", views.member_link, name="member_link"),
    path("concerns/", views.concerns, name="concerns"),
    path("concerns/new/", views.concern_new, name="concern_new"),
    path("concerns/<uuid:report_id>/", views.concern_detail, name="concern"),
    path("concerns/<uuid:report_id>/reply/", views.concern_reply, name="concern_reply"),
]
