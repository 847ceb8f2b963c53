from django.apps import AppConfig


class ForceConfig(AppConfig):
    name = "lantern.force"
    label = "force"
    verbose_name = "The force: staff directory and people on record (minimised)"
