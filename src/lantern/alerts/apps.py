from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "lantern.alerts"
    label = "alerts"
    verbose_name = "Monitoring alerts and their triage"
