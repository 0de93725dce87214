"""Dashboards en exports voor regio en consortium."""

from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "wmoregie.monitoring"
    verbose_name = "Monitoring"
    navigatie = [("Monitoring", "monitoring:overzicht"), ("Sturing", "sturing:start")]

    def ready(self):
        from . import (
            signalen,  # noqa: F401 (connects the receivers)
            signalen_geld_berichten,  # noqa: F401
        )
