"""WMO318 Retour verzoek om wijziging (BerichtCode 481): the gemeente's answer to a WMO317.

Structure from our reading of the standard: the 317 with ``RetourCodes`` on Client, Verzoek,
OngewijzigdProduct, TeWijzigenProduct and NieuwProduct.
"""

from __future__ import annotations

from typing import ClassVar

from . import wmo317
from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, model
from .mapping import element
from .retourbasis import RetourHeader, retourklasse

BERICHT = "wmo318"
BERICHTCODE = "481"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)
HEENBERICHT = wmo317.Wmo317Bericht

OngewijzigdProduct = retourklasse(wmo317.OngewijzigdProduct, __name__)
TeWijzigenProduct = retourklasse(wmo317.TeWijzigenProduct, __name__)
NieuwProduct = retourklasse(wmo317.NieuwProduct, __name__)
Verzoek = retourklasse(
    wmo317.Verzoek,
    __name__,
    {
        wmo317.OngewijzigdProduct: OngewijzigdProduct,
        wmo317.TeWijzigenProduct: TeWijzigenProduct,
        wmo317.NieuwProduct: NieuwProduct,
    },
)
Client = retourklasse(wmo317.Client, __name__, {wmo317.Verzoek: Verzoek})


@model
class Wmo318Bericht(Berichttype):
    """WMO318 Retour verzoek om wijziging, gemeente -> aanbieder."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: RetourHeader = element("Header")
    client: Client | None = element("Client", optioneel=True)  # type: ignore[valid-type]
