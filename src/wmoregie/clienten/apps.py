"""De ene cliëntadministratie: verwijzingen, plannen, toewijzing aan uitvoerders."""

from django.apps import AppConfig


class ClientenConfig(AppConfig):
    name = "wmoregie.clienten"
    verbose_name = "Cliënten"
