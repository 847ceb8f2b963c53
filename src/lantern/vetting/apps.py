from django.apps import AppConfig


class VettingConfig(AppConfig):
    name = "lantern.vetting"
    label = "vetting"
    verbose_name = "Vetting and transfers"
