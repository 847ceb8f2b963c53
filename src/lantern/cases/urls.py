from django.urls import path

from lantern.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<uuid:case_pk>/", views.detail, name="detail"),
    path("<uuid:case_pk>/team/", views.member_add, name="member_add"),
    path("<uuid:case_pk>/tasks/", views.task_add, name="task_add"),
    path("<uuid:case_pk>/tasks/<int:task_pk>/done/", views.task_done, name="task_done"),
    path("<uuid:case_pk>/decisions/", views.decision_add, name="decision_add"),
    path("<uuid:case_pk>/iopc/", views.iopc_referral, name="iopc_referral"),
    path("<uuid:case_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(
        "<uuid:case_pk>/evidence/<uuid:evidence_pk>/",
        views.evidence_download,
        name="evidence_download",
    ),
    path("<uuid:case_pk>/close/", views.close, name="close"),
    path("<uuid:case_pk>/allocate/", views.allocate, name="allocate"),
]
