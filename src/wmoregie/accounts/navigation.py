"""The main navigation: one entry per module page, shown to those whose role may open it."""

from dataclasses import dataclass

from django.urls import resolve, reverse

from .access import declared_access_of


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str


# Each module adds its entry here when it has pages.
MODULES: tuple[NavItem, ...] = (NavItem("Catalogus", "catalogi:catalogus"),)


def items_for(user, current_path: str) -> list[dict]:
    items = []
    for item in MODULES:
        url = reverse(item.url_name)
        access = declared_access_of(resolve(url).func)
        if access is None or not access.allows(user):
            continue
        items.append({"label": item.label, "url": url, "actief": current_path.startswith(url)})
    return items
