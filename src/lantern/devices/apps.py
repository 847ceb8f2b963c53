from django.apps import AppConfig


class DevicesConfig(AppConfig):
    name = "lantern.devices"
    label = "devices"
    verbose_name = "Encrypted-apps review of police devices"
