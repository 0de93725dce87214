"""Read helpers for the catalogue pages and API."""

from django.db.models import Prefetch, QuerySet

from .models import Gemeente, Perceel, Product


def percelen_met_producten() -> QuerySet[Perceel]:
    return Perceel.objects.prefetch_related(
        Prefetch("producten", queryset=Product.objects.order_by("volgorde", "naam"))
    )


def producten_per_was_2025() -> list[tuple[str, list[Product]]]:
    """The "was 2025 → 2026" mapping: each 2025 product with the 2026 products that replace it."""
    groepen: dict[str, list[Product]] = {}
    for product in Product.objects.select_related("perceel"):
        groepen.setdefault(product.was_2025, []).append(product)
    return list(groepen.items())


def gemeenten_met_gebiedsteams() -> QuerySet[Gemeente]:
    return Gemeente.objects.select_related("regio").prefetch_related("gebiedsteams")
