from django.urls import path

from lantern.vetting import views

app_name = "vetting"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("compliance.csv", views.compliance_csv, name="compliance_csv"),
    path("expire/", views.expire, name="expire"),
    path("people/", views.people, name="people"),
    path("people/<int:staff_pk>/", views.person, name="person"),
    path("people/<int:staff_pk>/grant/", views.grant, name="grant"),
    path("clearances/<uuid:clearance_pk>/", views.clearance, name="clearance"),
    path("clearances/<uuid:clearance_pk>/renew/", views.renew, name="renew"),
    path("clearances/<uuid:clearance_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("aftercare/", views.aftercare, name="aftercare"),
    path("aftercare/schedule/", views.aftercare_schedule, name="aftercare_schedule"),
    path("aftercare/<uuid:review_pk>/", views.review, name="review"),
    path("aftercare/revetting/", views.revetting, name="revetting"),
    path("aftercare/revetting/<int:selection_pk>/", views.selection, name="selection"),
    path("declarations/", views.declarations, name="declarations"),
    path("declarations/<uuid:declaration_pk>/", views.declaration, name="declaration"),
    path("my-declarations/", views.my_declarations, name="my_declarations"),
    path("my-declarations/<uuid:declaration_pk>/", views.my_declaration, name="my_declaration"),
    path("imports/", views.imports, name="imports"),
    path("imports/<int:run_pk>/", views.import_detail, name="import_detail"),
    path("transfers/", views.transfers_list, name="transfers"),
    path("transfers/export/", views.transfer_export, name="transfer_export"),
    path("transfers/import/", views.transfer_import, name="transfer_import"),
    path("transfers/out/<uuid:packet_pk>/", views.packet, name="packet"),
    path("transfers/out/<uuid:packet_pk>/packet.json", views.packet_json, name="packet_json"),
    path("transfers/out/<uuid:packet_pk>/packet.pdf", views.packet_pdf, name="packet_pdf"),
    path("transfers/in/<uuid:incoming_pk>/", views.incoming, name="incoming"),
    path("transfers/in/<uuid:incoming_pk>/psd/", views.incoming_psd, name="incoming_psd"),
    path("psd/", views.psd, name="psd"),
]
