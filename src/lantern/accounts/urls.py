from django.urls import path

from lantern.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.second_factor, name="second_factor"),
    path("sign-in/enrol/", views.enrol, name="enrol"),
    path("sign-in/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("admin/", views.admin_list, name="admin_list"),
    path("admin/new/", views.admin_create, name="admin_create"),
    path("admin/<uuid:user_id>/", views.admin_detail, name="admin_detail"),
]
