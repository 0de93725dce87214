"""Het onveranderlijke auditlog."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _bescherm_logtabellen(using="default", **kwargs) -> None:
    """After every migrate: SQLite rebuilds a table for many schema changes and so drops its
    triggers; this puts the append-only protection back (idempotent)."""
    from django.db import connections

    from .bescherming import BESCHERMDE_TABELLEN, bescherm

    verbinding = connections[using]
    bestaand = set(verbinding.introspection.table_names())
    for tabel in BESCHERMDE_TABELLEN:
        if tabel in bestaand:
            bescherm(verbinding, tabel)


class AuditConfig(AppConfig):
    name = "wmoregie.audit"
    verbose_name = "Audit"
    navigatie = [("Inzage auditlog", "audit:inzage")]

    def ready(self) -> None:
        post_migrate.connect(_bescherm_logtabellen, sender=self)
