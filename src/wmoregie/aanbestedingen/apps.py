"""Inkoopprocedure: selectie, gunning, standstill en overeenkomst."""

from django.apps import AppConfig


class AanbestedingenConfig(AppConfig):
    name = "wmoregie.aanbestedingen"
    verbose_name = "Aanbestedingen"
    navigatie = [("Aanbestedingen", "aanbestedingen:overzicht")]
