from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "lantern.strategy"
    label = "strategy"
    verbose_name = "Threat assessment, control strategy, demand and capacity"
