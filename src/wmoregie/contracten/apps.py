"""Overeenkomsten, taakgericht budget, prijsbladen en onderaannemers."""

from django.apps import AppConfig


class ContractenConfig(AppConfig):
    name = "wmoregie.contracten"
    verbose_name = "Contracten"
    navigatie = [("Contracten", "contracten:overzicht")]
