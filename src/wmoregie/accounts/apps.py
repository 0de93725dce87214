"""Gebruikers, rollen en hun scope."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "wmoregie.accounts"
    verbose_name = "Accounts"
    navigatie = [("Organisaties", "accounts:organisaties")]

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from wmoregie.invoer import bewaak_decimalen, bewaak_sqlite_gehele_getallen

        from . import schema  # noqa: F401  (registers the token authentication's OpenAPI form)

        # Integrity guard, not domain logic: no DecimalField value outside its declared range
        # is stored by any model (#14 A.1); see wmoregie.invoer.
        pre_save.connect(bewaak_decimalen, dispatch_uid="wmoregie.invoer.bewaak_decimalen")
        bewaak_sqlite_gehele_getallen()
