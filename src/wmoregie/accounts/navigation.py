"""The main navigation: one entry per module page, shown to those whose role may open it.

A module adds its entries by setting ``navigatie`` on its AppConfig, as (label, url name)
pairs, e.g. ``navigatie = [("Contracten", "contracten:overzicht")]``. Entries follow the
order of INSTALLED_APPS; each is shown only to users the page's declared access allows.
"""

from django.apps import apps
from django.urls import resolve, reverse

from .access import declared_access_of


def entries() -> list[tuple[str, str]]:
    return [
        entry for config in apps.get_app_configs() for entry in getattr(config, "navigatie", ())
    ]


def items_for(user, current_path: str) -> list[dict]:
    items = []
    for label, url_name in entries():
        url = reverse(url_name)
        access = declared_access_of(resolve(url).func)
        if access is None or not access.allows(user):
            continue
        items.append({"label": label, "url": url, "actief": current_path.startswith(url)})
    return items
