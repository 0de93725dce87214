"""De ene cliëntadministratie: aanmeldingen, trajecten, plannen, uitvoering en iWmo."""

from django.apps import AppConfig


class ClientenConfig(AppConfig):
    name = "wmoregie.clienten"
    verbose_name = "Cliënten"
    navigatie = [("Cliënten", "clienten:start")]
