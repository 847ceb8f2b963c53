from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lantern.audit"
    label = "audit"
    verbose_name = "Audit trail"
