"""iWmo 3.2-berichtenverkeer met gemeenten."""

from django.apps import AppConfig


class IwmoConfig(AppConfig):
    name = "wmoregie.iwmo"
    verbose_name = "iWmo"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the system checks
