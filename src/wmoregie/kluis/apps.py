"""De kluis: versleutelde opslag van inschrijvingen."""

from django.apps import AppConfig


class KluisConfig(AppConfig):
    name = "wmoregie.kluis"
    verbose_name = "Kluis"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
