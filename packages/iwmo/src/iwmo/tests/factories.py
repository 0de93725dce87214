"""Plain factory functions for valid iWmo 3.2 message models (override any field by keyword)."""

from datetime import date, time

from iwmo.berichten import wmo301, wmo305, wmo307, wmo315, wmo317, wmo319, wmo323
from iwmo.berichten.basis import (
    Achternaam,
    Adres,
    BedragMetDC,
    Communicatie,
    Geboortedatum,
    GeslotenPeriode,
    Huis,
    Omvang,
    OpenPeriode,
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
BSN = "999900006"  # passes the elfproef
DAGTEKENING = date(2025, 3, 10)


def bsn(n: int) -> str:
    """The ``n``-th of a series of test BSNs (999 range, elfproef), one per client: a second
    request of the same client while the first is open is refused (TR374)."""
    for k in (2 * n, 2 * n + 1):  # of two neighbours at most one has check digit 10
        voorloop = f"999{k:05d}"
        controle = sum(int(c) * w for c, w in zip(voorloop, range(9, 1, -1), strict=True)) % 11
        if controle < 10:
            return f"{voorloop}{controle}"
    raise AssertionError("unreachable")  # pragma: no cover


def gemeente_header(berichttype, **overrides):
    values = {
        "afzender": GEMEENTE,
        "ontvanger": AANBIEDER,
        "identificatie": "G2025-0001",
        "dagtekening": DAGTEKENING,
    }
    return maak_header(berichttype, **(values | overrides))


def aanbieder_header(berichttype, **overrides):
    values = {
        "afzender": AANBIEDER,
        "ontvanger": GEMEENTE,
        "identificatie": "A2025-0001",
        "dagtekening": DAGTEKENING,
    }
    return maak_header(berichttype, **(values | overrides))


def volledige_naam(**overrides):
    values = {
        "geslachtsnaam": Achternaam(achternaam="Bakker", voorvoegsel="de"),
        "voornamen": "Anna Maria",
        "voorletters": "AM",
        "naam_gebruik": "1",
    }
    return VolledigeNaam(**(values | overrides))


def verkorte_naam(**overrides):
    values = {
        "geslachtsnaam": Achternaam(achternaam="Bakker", voorvoegsel="de"),
        "voorletters": "AM",
    }
    return VerkorteNaam(**(values | overrides))


def woonadres(**overrides):
    values = {
        "soort": "01",
        "adres": Adres(
            huis=Huis(huisnummer=12, huisletter="b"),
            postcode="3811AB",
            straatnaam="Langestraat",
            plaatsnaam="Amersfoort",
            land_code="NL",
        ),
    }
    return wmo301.Contact(**(values | overrides))


def toegewezen_product(**overrides):
    values = {
        "toewijzing_nummer": 2025001,
        "product": Product(categorie="02", code="02A01"),
        "toewijzingsdatum": date(2025, 3, 7),
        "toewijzingstijd": time(14, 5, 0),
        "ingangsdatum": date(2025, 4, 1),
        "einddatum": date(2025, 12, 31),
        "omvang": Omvang(volume=3, eenheid="04", frequentie="2"),
    }
    return wmo301.ToegewezenProduct(**(values | overrides))


def wmo301_bericht(**client_overrides):
    values = {
        "bsn": BSN,
        "geboortedatum": Geboortedatum(datum=date(1950, 6, 1)),
        "geslacht": "2",
        "naam": volledige_naam(),
        "contactgegevens": [woonadres()],
        "toegewezen_producten": [toegewezen_product()],
    }
    return wmo301.Wmo301Bericht(
        header=gemeente_header(wmo301.Wmo301Bericht),
        client=wmo301.Client(**(values | client_overrides)),
    )


def wmo301_bericht_volledig():
    """Every optional element of a 301 filled in at least once."""
    relatie = wmo301.Relatie(
        nummer="R1",
        volgorde=1,
        soort="03",
        geboortedatum=Geboortedatum(datum=date(1980, 1, 1), datum_gebruik="2"),
        geslacht="1",
        naam=volledige_naam(
            partnernaam=Achternaam(achternaam="Jansen"),
            voornamen="Piet",
            voorletters="P",
            naam_gebruik="2",
        ),
        contact=wmo301.Contact(
            soort="02",
            adres=Adres(
                huis=Huis(
                    huisnummer=3,
                    huisletter="A",
                    huisnummer_toevoeging="bis",
                    aanduiding_woonadres="BY",
                ),
                postcode="1000AA",
                straatnaam="Dam",
                plaatsnaam="Amsterdam",
                land_code="NL",
            ),
            organisatie="Zorgcentrum",
            telefoon=Telefoonnummers(
                telefoon01=Telefoon(telefoonnummer="0331234567", landnummer="0031"),
                telefoon02=Telefoon(telefoonnummer="0612345678", landnummer="0031"),
            ),
            emailadres="piet@example.org",
            periode=OpenPeriode(begindatum=date(2025, 1, 1), einddatum=date(2025, 6, 30)),
        ),
    )
    return wmo301_bericht(
        communicatie=Communicatie(vorm="2", taal="Pools"),
        juridische_status="01",
        wettelijke_vertegenwoordiging="07",
        commentaar="Cliënt liever 's ochtends bellen.",
        relaties=[relatie],
        toegewezen_producten=[
            toegewezen_product(referentie_aanbieder="REF-1", reden_wijziging="02"),
            toegewezen_product(
                toewijzing_nummer=2025002,
                product=Product(categorie="15"),
                omvang=None,
                budget=1250000,
                commentaar="Budget beschermd wonen",
            ),
        ],
    )


def wmo305_bericht(**product_overrides):
    values = {
        "toewijzing_nummer": 2025001,
        "product": Product(categorie="02", code="02A01"),
        "toewijzing_ingangsdatum": date(2025, 4, 1),
        "begindatum": date(2025, 4, 3),
        "status_aanlevering": "1",
    }
    return wmo305.Wmo305Bericht(
        header=aanbieder_header(wmo305.Wmo305Bericht),
        client=wmo305.Client(
            bsn=BSN,
            geboortedatum=Geboortedatum(datum=date(1950, 6, 1)),
            geslacht="2",
            naam=verkorte_naam(),
            start_producten=[wmo305.StartProduct(**(values | product_overrides))],
        ),
    )


def wmo307_bericht(**product_overrides):
    values = {
        "toewijzing_nummer": 2025001,
        "product": Product(categorie="02", code="02A01"),
        "toewijzing_ingangsdatum": date(2025, 4, 1),
        "begindatum": date(2025, 4, 3),
        "reden_beeindiging": "19",
        "einddatum": date(2025, 9, 30),
        "status_aanlevering": "1",
    }
    return wmo307.Wmo307Bericht(
        header=aanbieder_header(wmo307.Wmo307Bericht),
        client=wmo307.Client(
            bsn=BSN,
            geboortedatum=Geboortedatum(datum=date(1950, 6, 1)),
            geslacht="2",
            naam=verkorte_naam(),
            stop_producten=[wmo307.StopProduct(**(values | product_overrides))],
        ),
    )


def wmo315_bericht(**product_overrides):
    values = {
        "referentie_aanbieder": "VOT-2025-17",
        "product": Product(categorie="07", code="07A02"),
        "toewijzing_ingangsdatum": date(2025, 5, 1),
        "toewijzing_einddatum": date(2025, 10, 31),
        "omvang": Omvang(volume=4, eenheid="16", frequentie="2"),
        "verwijzer": Verwijzer(type="02", naam="Huisartsenpraktijk Centrum"),
    }
    return wmo315.Wmo315Bericht(
        header=aanbieder_header(wmo315.Wmo315Bericht),
        client=wmo315.Client(
            bsn=BSN,
            geboortedatum=Geboortedatum(datum=date(1950, 6, 1)),
            geslacht="2",
            naam=verkorte_naam(),
            aangevraagde_producten=[wmo315.AangevraagdProduct(**(values | product_overrides))],
        ),
    )


def wmo317_bericht(**verzoek_overrides):
    values = {
        "referentie_aanbieder": "VOW-2025-3",
        "reden_verzoek": "1",
        "te_wijzigen_producten": [
            wmo317.TeWijzigenProduct(
                toewijzing_nummer=2025001,
                gewenste_ingangsdatum=date(2025, 6, 1),
                omvang=Omvang(volume=5, eenheid="04", frequentie="2"),
            )
        ],
    }
    return wmo317.Wmo317Bericht(
        header=aanbieder_header(wmo317.Wmo317Bericht),
        client=wmo317.Client(bsn=BSN, verzoek=wmo317.Verzoek(**(values | verzoek_overrides))),
    )


def wmo319_bericht(**antwoord_overrides):
    values = {"referentie_aanbieder": "VOW-2025-3", "verzoek_antwoord": "2"}
    return wmo319.Wmo319Bericht(
        header=gemeente_header(wmo319.Wmo319Bericht),
        antwoord=wmo319.Antwoord(**(values | antwoord_overrides)),
    )


def prestatie(**overrides):
    values = {
        "product_referentie": Referentie(referentie_nummer="P-0001"),
        "toewijzing_nummer": 2025001,
        "product_categorie": "02",
        "product_code": "02A01",
        "product_periode": GeslotenPeriode(
            begindatum=date(2025, 4, 1), einddatum=date(2025, 4, 30)
        ),
        "geleverd_volume": 12,
        "eenheid": "04",
        "product_tarief": 6550,
        "ingediend_bedrag": BedragMetDC(bedrag=78600, debet_credit="D"),
    }
    return wmo323.Prestatie(**(values | overrides))


def wmo323_bericht(*prestaties):
    prestaties = list(prestaties) or [prestatie()]
    totaal = sum(p.ingediend_bedrag.bedrag for p in prestaties)
    return wmo323.Wmo323Bericht(
        header=aanbieder_header(wmo323.Wmo323Bericht),
        declaratie=wmo323.Declaratie(
            declaratie_nummer="D202504",
            declaratie_periode=GeslotenPeriode(
                begindatum=date(2025, 4, 1), einddatum=date(2025, 4, 30)
            ),
            declaratie_dagtekening=date(2025, 5, 2),
            totaal_ingediend_bedrag=TotaalBedragMetDC(totaal_bedrag=totaal, debet_credit="D"),
            clienten=[wmo323.Client(bsn=BSN, prestaties=prestaties)],
        ),
    )
