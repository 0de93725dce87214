"""Het onveranderlijke auditlog."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "wmoregie.audit"
    verbose_name = "Audit"
