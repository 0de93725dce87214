"""Gebruikers, rollen en hun scope."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wmoregie.accounts"
    verbose_name = "Accounts"
    navigatie = [("Organisaties", "accounts:organisaties")]
