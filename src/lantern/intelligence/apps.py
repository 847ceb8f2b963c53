from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "lantern.intelligence"
    label = "intelligence"
    verbose_name = "Corruption intelligence reports"
