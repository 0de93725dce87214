"""WMO319 Antwoordbericht (BerichtCode 482): the gemeente rejects a VOT/VOW or puts it in onderzoek.

``VerzoekAntwoord`` is WJ760 (1 afgewezen, 2 in onderzoek), ``RedenAfwijzingVerzoek`` WJ759.
"""

from __future__ import annotations

from typing import ClassVar

from .basis import BERICHT_NAMESPACE_TEMPLATE, Berichttype, Header, model
from .mapping import element

BERICHT = "wmo319"
BERICHTCODE = "482"
NAMESPACE = BERICHT_NAMESPACE_TEMPLATE.format(bericht=BERICHT)


@model
class Antwoord(Berichttype):
    """The answer to the request with ``referentie_aanbieder``."""

    referentie_aanbieder: str = element("ReferentieAanbieder")
    verzoek_antwoord: str = element("VerzoekAntwoord")
    reden_afwijzing_verzoek: str | None = element("RedenAfwijzingVerzoek", optioneel=True)


@model
class Wmo319Bericht(Berichttype):
    """WMO319 Antwoordbericht, gemeente -> aanbieder."""

    BERICHT: ClassVar[str] = BERICHT
    BERICHTCODE: ClassVar[str] = BERICHTCODE
    BERICHT_NAMESPACE: ClassVar[str] = NAMESPACE

    header: Header = element("Header")
    antwoord: Antwoord = element("Antwoord")
