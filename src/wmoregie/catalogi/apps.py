"""Catalogus: regio, gemeenten, gebiedsteams, percelen en producten."""

from django.apps import AppConfig


class CatalogiConfig(AppConfig):
    name = "wmoregie.catalogi"
    verbose_name = "Catalogi"
    navigatie = [("Catalogus", "catalogi:catalogus")]
