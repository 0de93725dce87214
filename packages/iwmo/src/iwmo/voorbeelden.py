"""Valid example messages of every supported type (``python -m iwmo build-example``).

One coherent, fictitious case in Amersfoort (CBS gemeentecode 0307) with aanbieder AGB
87654321 and client BSN 999993021 (a test BSN that passes the elfproef), with dates in order:

315 verzoek om toewijzing (12-01-2026) -> 301 toewijzing (26-01) -> 305 start (06-02) ->
317 verzoek om wijziging (02-03) -> 323 declaratie februari (04-03) -> 319 antwoord (09-03)
-> 307 stop (05-06).

Every message is assessed in that order against one in-memory history (layers 1-3), and its
retour (302/306/308/316/318/320/325, approved; ``volledig`` so every class is shown with 0200)
is made by :func:`~.retour.beoordeel`. No Django.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from .berichten import build, wmo301, wmo305, wmo307, wmo315, wmo317, wmo319, wmo323
from .berichten.basis import (
    Achternaam,
    Adres,
    BedragMetDC,
    Communicatie,
    Geboortedatum,
    GeslotenPeriode,
    Huis,
    Omvang,
    Product,
    Referentie,
    Telefoon,
    Telefoonnummers,
    TotaalBedragMetDC,
    VerkorteNaam,
    Verwijzer,
    VolledigeNaam,
    maak_header,
)

GEMEENTE = "0307"  # Amersfoort
AANBIEDER = "87654321"
BSN = "999993021"  # test BSN, elfproef OK
GEBOORTEDATUM = Geboortedatum(datum=date(1948, 9, 14))
VERWERKT_OP = date(2026, 6, 30)
"""System date used for the assessment (TR135: no dates after it)."""

_DAGDELEN = 2026001  # ToewijzingNummer dagbesteding
_BEGELEIDING = 2026002  # ToewijzingNummer begeleiding
_INGANG = date(2026, 2, 1)
_EINDE = date(2026, 7, 31)
_START = date(2026, 2, 3)


def _header(cls: type, identificatie: str, dagtekening: date) -> Any:
    van_gemeente = cls in (wmo301.Wmo301Bericht, wmo319.Wmo319Bericht)
    return maak_header(
        cls,
        afzender=GEMEENTE if van_gemeente else AANBIEDER,
        ontvanger=AANBIEDER if van_gemeente else GEMEENTE,
        identificatie=identificatie,
        dagtekening=dagtekening,
    )


def _verkort() -> dict[str, Any]:
    return {
        "bsn": BSN,
        "geboortedatum": GEBOORTEDATUM,
        "geslacht": "2",
        "naam": VerkorteNaam(
            geslachtsnaam=Achternaam(achternaam="Vries", voorvoegsel="de"), voorletters="JH"
        ),
    }


def heenberichten() -> list[Any]:
    """The seven heenberichten of the example case, in processing order."""
    dagbesteding = Product(categorie="07", code="07A01")
    begeleiding = Product(categorie="02", code="02A01")
    w315 = wmo315.Wmo315Bericht(
        header=_header(wmo315.Wmo315Bericht, "V-2026-0042", date(2026, 1, 12)),
        client=wmo315.Client(
            **_verkort(),
            aangevraagde_producten=[
                wmo315.AangevraagdProduct(
                    referentie_aanbieder="VOT-2026-0042",
                    product=dagbesteding,
                    toewijzing_ingangsdatum=_INGANG,
                    toewijzing_einddatum=_EINDE,
                    omvang=Omvang(volume=4, eenheid="16", frequentie="2"),
                    verwijzer=Verwijzer(type="02", naam="Huisartsenpraktijk De Linde"),
                    commentaar="Cliënt wil graag op dinsdag en donderdag komen.",
                )
            ],
        ),
    )
    w301 = wmo301.Wmo301Bericht(
        header=_header(wmo301.Wmo301Bericht, "T-2026-00187", date(2026, 1, 26)),
        client=wmo301.Client(
            bsn=BSN,
            geboortedatum=GEBOORTEDATUM,
            geslacht="2",
            naam=VolledigeNaam(
                geslachtsnaam=Achternaam(achternaam="Vries", voorvoegsel="de"),
                voornamen="Johanna Hendrika",
                voorletters="JH",
                naam_gebruik="1",
            ),
            communicatie=Communicatie(vorm="2"),
            contactgegevens=[
                wmo301.Contact(
                    soort="01",
                    adres=Adres(
                        huis=Huis(huisnummer=14, huisletter="A"),
                        postcode="3811KT",
                        straatnaam="Utrechtseweg",
                        plaatsnaam="Amersfoort",
                        land_code="NL",
                    ),
                    telefoon=Telefoonnummers(
                        telefoon01=Telefoon(telefoonnummer="0334567890", landnummer="0031")
                    ),
                    emailadres="j.devries@example.nl",
                )
            ],
            toegewezen_producten=[
                wmo301.ToegewezenProduct(
                    toewijzing_nummer=_DAGDELEN,
                    referentie_aanbieder="VOT-2026-0042",
                    product=dagbesteding,
                    toewijzingsdatum=date(2026, 1, 23),
                    toewijzingstijd=time(10, 42, 0),
                    ingangsdatum=_INGANG,
                    einddatum=_EINDE,
                    omvang=Omvang(volume=4, eenheid="16", frequentie="2"),
                ),
                wmo301.ToegewezenProduct(
                    toewijzing_nummer=_BEGELEIDING,
                    product=begeleiding,
                    toewijzingsdatum=date(2026, 1, 23),
                    toewijzingstijd=time(10, 42, 0),
                    ingangsdatum=_INGANG,
                    einddatum=_EINDE,
                    omvang=Omvang(volume=3, eenheid="04", frequentie="2"),
                    commentaar="Begeleiding thuis, drie uur per week.",
                ),
            ],
        ),
    )
    w305 = wmo305.Wmo305Bericht(
        header=_header(wmo305.Wmo305Bericht, "S-2026-0311", date(2026, 2, 6)),
        client=wmo305.Client(
            **_verkort(),
            start_producten=[
                wmo305.StartProduct(
                    toewijzing_nummer=nummer,
                    product=product,
                    toewijzing_ingangsdatum=_INGANG,
                    begindatum=_START,
                    status_aanlevering="1",
                )
                for nummer, product in ((_DAGDELEN, dagbesteding), (_BEGELEIDING, begeleiding))
            ],
        ),
    )
    w317 = wmo317.Wmo317Bericht(
        header=_header(wmo317.Wmo317Bericht, "W-2026-0007", date(2026, 3, 2)),
        client=wmo317.Client(
            bsn=BSN,
            verzoek=wmo317.Verzoek(
                referentie_aanbieder="VOW-2026-0007",
                reden_verzoek="1",
                ongewijzigde_producten=[wmo317.OngewijzigdProduct(toewijzing_nummer=_DAGDELEN)],
                te_wijzigen_producten=[
                    wmo317.TeWijzigenProduct(
                        toewijzing_nummer=_BEGELEIDING,
                        gewenste_ingangsdatum=date(2026, 4, 1),
                        einddatum=_EINDE,
                        omvang=Omvang(volume=5, eenheid="04", frequentie="2"),
                    )
                ],
            ),
        ),
    )
    februari = GeslotenPeriode(begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28))
    prestaties = [
        wmo323.Prestatie(
            product_referentie=Referentie(referentie_nummer="P-2026-02-001"),
            toewijzing_nummer=_DAGDELEN,
            product_categorie="07",
            product_code="07A01",
            product_periode=GeslotenPeriode(
                begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28)
            ),
            geleverd_volume=16,
            eenheid="16",
            product_tarief=5230,
            ingediend_bedrag=BedragMetDC(bedrag=16 * 5230, debet_credit="D"),
        ),
        wmo323.Prestatie(
            product_referentie=Referentie(referentie_nummer="P-2026-02-002"),
            toewijzing_nummer=_BEGELEIDING,
            product_categorie="02",
            product_code="02A01",
            product_periode=GeslotenPeriode(
                begindatum=date(2026, 2, 1), einddatum=date(2026, 2, 28)
            ),
            geleverd_volume=12,
            eenheid="04",
            product_tarief=6550,
            ingediend_bedrag=BedragMetDC(bedrag=12 * 6550, debet_credit="D"),
        ),
    ]
    w323 = wmo323.Wmo323Bericht(
        header=_header(wmo323.Wmo323Bericht, "D-2026-0002", date(2026, 3, 4)),
        declaratie=wmo323.Declaratie(
            declaratie_nummer="DEC202602",
            declaratie_periode=februari,
            declaratie_dagtekening=date(2026, 3, 4),
            totaal_ingediend_bedrag=TotaalBedragMetDC(
                totaal_bedrag=sum(p.ingediend_bedrag.bedrag for p in prestaties),
                debet_credit="D",
            ),
            clienten=[wmo323.Client(bsn=BSN, prestaties=prestaties)],
        ),
    )
    w319 = wmo319.Wmo319Bericht(
        header=_header(wmo319.Wmo319Bericht, "A-2026-00044", date(2026, 3, 9)),
        antwoord=wmo319.Antwoord(referentie_aanbieder="VOW-2026-0007", verzoek_antwoord="2"),
    )
    w307 = wmo307.Wmo307Bericht(
        header=_header(wmo307.Wmo307Bericht, "E-2026-0102", date(2026, 6, 5)),
        client=wmo307.Client(
            **_verkort(),
            stop_producten=[
                wmo307.StopProduct(
                    toewijzing_nummer=_DAGDELEN,
                    product=dagbesteding,
                    toewijzing_ingangsdatum=_INGANG,
                    begindatum=_START,
                    reden_beeindiging="19",
                    einddatum=date(2026, 5, 31),
                    status_aanlevering="1",
                )
            ],
        ),
    )
    return [w315, w301, w305, w317, w323, w319, w307]


def voorbeelden() -> dict[str, bytes]:
    """File name (``WMO301.xml`` …) -> XML of every supported message type, retours included.

    Raises ``ValueError`` if an example were not valid or not approved (a bug, tested).
    """
    from .retour import beoordeel
    from .validatie.laag3 import GeheugenHistorie

    historie = GeheugenHistorie()
    uit: dict[str, bytes] = {}
    for bericht in heenberichten():
        xml = build(bericht)
        dagtekening = bericht.header.bericht_identificatie.dagtekening
        uitkomst = beoordeel(
            xml,
            historie=historie,
            vandaag=VERWERKT_OP,
            dagtekening_retour=dagtekening + timedelta(days=1),
            volledig=True,
        )
        if not uitkomst.geldig or uitkomst.xml is None:
            raise ValueError(
                f"Voorbeeld {type(bericht).BERICHT} is ongeldig: "
                + "; ".join(str(b) for b in uitkomst.bevindingen)
            )
        uit[f"{type(bericht).BERICHT.upper()}.xml"] = xml
        uit[f"{type(uitkomst.retour).BERICHT.upper()}.xml"] = uitkomst.xml
    return dict(sorted(uit.items()))
