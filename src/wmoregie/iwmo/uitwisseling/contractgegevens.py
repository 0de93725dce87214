"""The contract data layer 3 asks about (:class:`iwmo.validatie.laag3.Contractgegevens`),
answered from contracten (the agreed tariffs) and catalogi (the region's product codes).

The library has no contracts; :class:`~.historie.DatabaseHistorie` calls these functions and
caches their answers for a batch. ``None`` means "not known": the rule then stays silent.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Q

from wmoregie.catalogi.models import Product
from wmoregie.contracten.constants import OvereenkomstStatus
from wmoregie.contracten.models import Tarief


def contracttarief(
    gemeente: str, aanbieder: str, categorie: str, code: str, eenheid: str, datum: date
) -> int | None:
    """TR418: the tariff in eurocent per ``eenheid`` that the agreement of ``aanbieder`` (by its
    AGB code) in the region of ``gemeente`` sets for the product on ``datum``."""
    bedrag = (
        Tarief.objects.filter(
            overeenkomst__opdrachtnemer__agb_code=aanbieder,
            overeenkomst__regio__gemeenten__code=gemeente,
            product__productcategorie=categorie,
            product__productcode=code,
            eenheid=eenheid,
            geldig_van__lte=datum,
        )
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=datum))
        .exclude(overeenkomst__status=OvereenkomstStatus.CONCEPT)
        .order_by("-geldig_van")
        .values_list("bedrag", flat=True)
        .first()
    )
    return None if bedrag is None else int((Decimal(bedrag) * 100).to_integral_value())


def productcodes(gemeente: str) -> frozenset[tuple[str, str]] | None:
    """TR381: the (ProductCategorie, ProductCode) pairs of the catalogue of the region of
    ``gemeente``; ``None`` when the region has no catalogue with product codes."""
    paren = frozenset(
        Product.objects.filter(perceel__regio__gemeenten__code=gemeente)
        .exclude(productcode="")
        .values_list("productcategorie", "productcode")
    )
    return paren or None
