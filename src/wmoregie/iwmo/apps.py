"""iWmo 3.2-berichtenverkeer met gemeenten."""

from django.apps import AppConfig


class IwmoConfig(AppConfig):
    name = "wmoregie.iwmo"
    verbose_name = "iWmo"
