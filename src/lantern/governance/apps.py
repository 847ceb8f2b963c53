from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "lantern.governance"
    label = "governance"
    verbose_name = "Governance of the inspectorate's recommendations"
