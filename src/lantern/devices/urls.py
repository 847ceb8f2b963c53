from django.urls import path

from lantern.devices import views

app_name = "devices"
urlpatterns = [
    path("", views.reviews, name="reviews"),
    path("reviews/<uuid:review_pk>/", views.review, name="review"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("catalogue/<int:entry_pk>/", views.catalogue_entry, name="catalogue_entry"),
]
