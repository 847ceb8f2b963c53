from django.urls import path

from lantern.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("", views.action_list, name="list"),
    path("new/", views.action_new, name="new"),
    path("<uuid:action_pk>/close/", views.action_close, name="close"),
]
