from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "lantern.partners"
    label = "partners"
    verbose_name = "Partner agencies"
    default_auto_field = "django.db.models.BigAutoField"
