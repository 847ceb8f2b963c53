from django.urls import path

from lantern.governance import views

app_name = "governance"
urlpatterns = [
    path("", views.index, name="index"),
    path("recommendations/new/", views.recommendation_new, name="recommendation_new"),
    path("recommendations/<uuid:recommendation_pk>/", views.recommendation, name="recommendation"),
    path("recommendations/<uuid:recommendation_pk>/plans/", views.plan_add, name="plan_add"),
    path("plans/<uuid:plan_pk>/updates/", views.plan_update, name="plan_update"),
    path("plans/<uuid:plan_pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("pack/", views.pack, name="pack"),
    path("pack.pdf", views.pack_pdf_download, name="pack_pdf"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("export.json", views.export_json, name="export_json"),
]
