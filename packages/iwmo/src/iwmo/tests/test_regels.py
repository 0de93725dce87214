"""Layer 2: every official rule has a message that breaks it and one that does not.

The base messages come from ``factories.py`` with the few changes that make them pass every
in-message rule (the factories only promise XSD validity). Each case changes one thing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from iwmo.berichten import build, parse, wmo317, wmo323, wmo325
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
    Verwijzer,
)
from iwmo.retour import maak_retour
from iwmo.validatie import REGELS, Ernst, validate

from . import factories as f

VANDAAG = date(2026, 1, 15)


def _dagtekening(bericht: Any, dag: date) -> Any:
    bericht.header.bericht_identificatie.dagtekening = dag
    return bericht


def basis(soort: str) -> Any:
    """A message of ``soort`` that passes every layer-2 rule."""
    if soort == "wmo301":
        return f.wmo301_bericht()
    if soort == "wmo301v":
        bericht = f.wmo301_bericht_volledig()
        bericht.client.communicatie = Communicatie(vorm="1", taal="Pools")
        bericht.client.relaties[0].contact.soort = "04"
        return bericht
    if soort == "wmo305":
        return _dagtekening(f.wmo305_bericht(), date(2025, 4, 10))
    if soort == "wmo307":
        return _dagtekening(f.wmo307_bericht(), date(2025, 10, 3))
    if soort == "wmo315":
        return f.wmo315_bericht()
    if soort == "wmo317":
        bericht = f.wmo317_bericht()
        bericht.client.verzoek.te_wijzigen_producten[0].einddatum = date(2025, 12, 31)
        return bericht
    if soort == "wmo319":
        return f.wmo319_bericht()
    if soort == "wmo323":
        return _dagtekening(f.wmo323_bericht(), date(2025, 5, 2))
    if soort == "wmo325":
        return _antwoord_met_afwijzing()
    raise ValueError(soort)


def _antwoord_met_afwijzing() -> Any:
    """The 325 on the base 323, with its Prestatie rejected (8021) and the rest granted."""
    declaratie = basis("wmo323")
    bericht = parse(maak_retour(build(declaratie), vandaag=date(2025, 5, 6)))
    client = declaratie.declaratie.clienten[0]
    velden = {
        v.name: getattr(client.prestaties[0], v.name)
        for v in dataclasses.fields(client.prestaties[0])
    }
    prestatie = wmo325.Prestatie(**velden, retour_codes=["8021"])
    bericht.declaratie_antwoord.clienten = [
        wmo325.Client(bsn=client.bsn, prestaties=[prestatie], retour_codes=["0200"])
    ]
    bericht.declaratie_antwoord.retour_codes = ["0200"]
    return bericht


# --- small helpers to change one thing ---------------------------------------------------------


def client(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.client, attr, waarde)


def tp(attr: str, waarde: Any, index: int = 0) -> Callable[[Any], None]:
    return lambda b: setattr(b.client.toegewezen_producten[index], attr, waarde)


def ap(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.client.aangevraagde_producten[0], attr, waarde)


def tw(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.client.verzoek.te_wijzigen_producten[0], attr, waarde)


def start(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.client.start_producten[0], attr, waarde)


def stop(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.client.stop_producten[0], attr, waarde)


def prest(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.declaratie.clienten[0].prestaties[0], attr, waarde)


def adres(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.client.contactgegevens[0].adres, attr, waarde)


def samen(*stappen: Callable[[Any], None]) -> Callable[[Any], None]:
    def doe(bericht: Any) -> None:
        for stap in stappen:
            stap(bericht)

    return doe


def header(attr: str, waarde: Any) -> Callable[[Any], None]:
    return lambda b: setattr(b.header, attr, waarde)


def extra_tp(**overrides: Any) -> Callable[[Any], None]:
    return lambda b: b.client.toegewezen_producten.append(
        f.toegewezen_product(**({"toewijzing_nummer": 2025002} | overrides))
    )


def extra_ap(**overrides: Any) -> Callable[[Any], None]:
    def doe(b: Any) -> None:
        kopie = dataclasses.replace(b.client.aangevraagde_producten[0], **overrides)
        b.client.aangevraagde_producten.append(kopie)

    return doe


def nieuw(**overrides: Any) -> Callable[[Any], None]:
    def doe(b: Any) -> None:
        waarden = {
            "product": Product(categorie="02", code="02A05"),
            "gewenste_ingangsdatum": date(2025, 6, 1),
            "einddatum": date(2025, 12, 31),
            "omvang": Omvang(volume=2, eenheid="04", frequentie="2"),
        } | overrides
        b.client.verzoek.nieuwe_producten.append(wmo317.NieuwProduct(**waarden))

    return doe


def extra_prestatie(**overrides: Any) -> Callable[[Any], None]:
    def doe(b: Any) -> None:
        p = f.prestatie(
            **({"product_referentie": Referentie(referentie_nummer="P-0002")} | overrides)
        )
        b.declaratie.clienten[0].prestaties.append(p)
        totaal = sum(
            -x.ingediend_bedrag.bedrag
            if x.ingediend_bedrag.debet_credit == "C"
            else x.ingediend_bedrag.bedrag
            for x in b.declaratie.clienten[0].prestaties
        )
        b.declaratie.totaal_ingediend_bedrag.totaal_bedrag = abs(totaal)
        b.declaratie.totaal_ingediend_bedrag.debet_credit = "C" if totaal < 0 else "D"

    return doe


def credit(vorig: str | None = "P-0099") -> Callable[[Any], None]:
    return extra_prestatie(
        product_referentie=Referentie(referentie_nummer="P-0003", vorig_referentie_nummer=vorig),
        ingediend_bedrag=BedragMetDC(bedrag=78600, debet_credit="C"),
    )


NL_ZONDER_HUIS = Adres(postcode="3811AB", land_code="NL")
BUITENLAND = Adres(huis=Huis(huisnummer=1), postcode="B-1000", land_code="BE")
BUDGET = {"omvang": None, "budget": 250000, "product": Product(categorie="15")}

# (rule, base, change that BREAKS the rule)
BREKEN: list[tuple[str, str, Callable[[Any], None]]] = [
    ("CS025", "wmo301", header("bericht_versie", 4)),
    ("CS015", "wmo305", header("bericht_subversie", 1)),
    ("TR135", "wmo319", lambda b: _dagtekening(b, date(2026, 1, 16))),
    (
        "TR135",
        "wmo323",
        lambda b: setattr(b.declaratie, "declaratie_dagtekening", date(2026, 2, 1)),
    ),
    ("TR378", "wmo301", header("afzender", "0001")),
    ("CS025", "wmo325", header("bericht_versie", 4)),
    ("CS015", "wmo325", header("bericht_subversie", 1)),
    ("CS002", "wmo325", lambda b: setattr(b.declaratie_antwoord.clienten[0], "bsn", "999900007")),
    (
        "CS325",
        "wmo325",
        lambda b: setattr(
            b.declaratie_antwoord,
            "totaal_toegekend_bedrag",
            TotaalBedragMetDC(totaal_bedrag=0, debet_credit="C"),
        ),
    ),
    ("CD060", "wmo325", lambda b: setattr(_p325(b).ingediend_bedrag, "debet_credit", "C")),
    (
        "TR101",
        "wmo325",
        lambda b: b.declaratie_antwoord.clienten.append(b.declaratie_antwoord.clienten[0]),
    ),
    (
        "TR134",
        "wmo325",
        lambda b: setattr(b.header.declaratie_identificatie, "dagtekening", date(2025, 5, 7)),
    ),
    (
        "TR137",
        "wmo325",
        lambda b: setattr(_p325(b).product_periode, "einddatum", date(2025, 3, 31)),
    ),
    ("TR342", "wmo325", lambda b: setattr(_p325(b), "retour_codes", ["0200"])),
    ("TR378", "wmo305", header("ontvanger", "9999")),
    ("CS002", "wmo301", client("bsn", "123456789")),
    ("CS002", "wmo317", client("bsn", "999900007")),
    ("CS002", "wmo323", lambda b: setattr(b.declaratie.clienten[0], "bsn", "111111111")),
    (
        "CS139",
        "wmo305",
        client("geboortedatum", Geboortedatum(datum=date(1950, 6, 2), datum_gebruik="1")),
    ),
    (
        "CS139",
        "wmo301",
        client("geboortedatum", Geboortedatum(datum=date(1950, 6, 1), datum_gebruik="2")),
    ),
    (
        "CS139",
        "wmo315",
        client("geboortedatum", Geboortedatum(datum=date(1950, 1, 1), datum_gebruik="3")),
    ),
    ("TR002", "wmo307", client("geboortedatum", Geboortedatum(datum=date(1905, 10, 2)))),
    ("TR134", "wmo301", tp("toewijzingsdatum", date(2025, 3, 11))),
    ("TR134", "wmo305", start("begindatum", date(2025, 4, 11))),
    ("TR134", "wmo307", stop("einddatum", date(2025, 10, 4))),
    ("TR134", "wmo315", client("geboortedatum", Geboortedatum(datum=date(2025, 3, 11)))),
    (
        "TR134",
        "wmo323",
        lambda b: setattr(b.declaratie, "declaratie_dagtekening", date(2025, 5, 3)),
    ),
    ("CS318", "wmo301", lambda b: setattr(b.client.naam, "naam_gebruik", "6")),
    ("CS050", "wmo301", lambda b: setattr(b.client.naam, "naam_gebruik", "2")),
    ("CS050", "wmo301v", lambda b: setattr(b.client.relaties[0].naam, "naam_gebruik", "6")),
    ("CD007", "wmo301", client("communicatie", Communicatie(vorm="1"))),
    ("CD007", "wmo301", client("communicatie", Communicatie(vorm="2", taal="Pools"))),
    ("CD025", "wmo301", lambda b: setattr(b.client.contactgegevens[0], "adres", NL_ZONDER_HUIS)),
    ("CD034", "wmo301", adres("postcode", None)),
    ("CS089", "wmo301", adres("postcode", "3811 AB")),
    ("CS089", "wmo301", adres("postcode", "0811AB")),
    ("CD005", "wmo301", adres("land_code", None)),
    (
        "CD009",
        "wmo301",
        lambda b: setattr(
            b.client.contactgegevens[0], "periode", OpenPeriode(begindatum=date(2025, 1, 1))
        ),
    ),
    (
        "TR006",
        "wmo301",
        lambda b: setattr(
            b.client.contactgegevens[0], "adres", Adres(straatnaam="Dorp", plaatsnaam="Leusden")
        ),
    ),
    ("TR061", "wmo301", samen(lambda b: setattr(b.client.contactgegevens[0], "soort", "04"))),
    ("CS003", "wmo301", tp("einddatum", date(2025, 3, 31))),
    ("CS003", "wmo315", ap("toewijzing_einddatum", date(2025, 4, 30))),
    ("CS003", "wmo317", tw("einddatum", date(2025, 5, 31))),
    (
        "CS003",
        "wmo301v",
        lambda b: setattr(
            b.client.relaties[0].contact,
            "periode",
            OpenPeriode(begindatum=date(2025, 2, 1), einddatum=date(2025, 1, 31)),
        ),
    ),
    ("TR018", "wmo307", stop("einddatum", date(2025, 4, 2))),
    ("CD079", "wmo301", tp("product", None)),
    ("CD079", "wmo315", ap("product", None)),
    ("CD079", "wmo317", nieuw(product=None)),
    ("CD075", "wmo301", samen(*(tp(k, v) for k, v in BUDGET.items()), tp("einddatum", None))),
    (
        "CD075",
        "wmo315",
        samen(*(ap(k, v) for k, v in BUDGET.items()), ap("toewijzing_einddatum", None)),
    ),
    ("CD076", "wmo301", tp("einddatum", None)),
    ("CD076", "wmo315", ap("toewijzing_einddatum", None)),
    ("CD076", "wmo317", tw("einddatum", None)),
    ("CD041", "wmo301", tp("omvang", None)),
    ("CD041", "wmo317", nieuw(omvang=None)),
    ("CD077", "wmo301", tp("budget", 1000)),
    ("CD078", "wmo315", ap("budget", 1000)),
    ("CD078", "wmo317", tw("budget", 1000)),
    ("CD080", "wmo301", tp("product", Product(categorie="02"))),
    ("CD095", "wmo315", ap("product", Product(categorie="07"))),
    ("CD096", "wmo317", nieuw(product=Product(categorie="02"))),
    ("CS338", "wmo301", tp("omvang", Omvang(volume=5, eenheid="14", frequentie="1"))),
    ("CS338", "wmo317", tw("omvang", Omvang(volume=5, eenheid="16", frequentie="1"))),
    ("CS343", "wmo315", ap("omvang", Omvang(volume=5, eenheid="84", frequentie="1"))),
    ("CS335", "wmo301", tp("reden_wijziging", "13")),
    ("CS336", "wmo301", tp("reden_wijziging", "01")),
    ("TR302", "wmo301", extra_tp(ingangsdatum=date(2025, 12, 1), einddatum=date(2026, 3, 31))),
    (
        "TR302",
        "wmo301",
        extra_tp(product=Product(categorie="02"), omvang=None, ingangsdatum=date(2025, 6, 1)),
    ),
    ("TR302", "wmo301", extra_tp(product=None, omvang=None, budget=1000)),
    (
        "TR386",
        "wmo315",
        extra_ap(referentie_aanbieder="VOT-2025-18", toewijzing_ingangsdatum=date(2025, 10, 31)),
    ),
    ("TR410", "wmo317", samen(nieuw(), nieuw(gewenste_ingangsdatum=date(2025, 7, 1)))),
    ("CD043", "wmo315", ap("beschikking_nummer", 1234)),
    ("CD043", "wmo315", ap("beschikking_ingangsdatum", date(2025, 1, 1))),
    (
        "CD066",
        "wmo315",
        ap("verwijzer", Verwijzer(type="02", naam="Dokter", zorgverlener_code="01234567")),
    ),
    ("CD067", "wmo315", ap("verwijzer", Verwijzer(type="03"))),
    ("CD068", "wmo315", ap("verwijzer", Verwijzer(type="01", zorgverlener_code="01234567"))),
    (
        "TR383",
        "wmo315",
        extra_ap(
            toewijzing_ingangsdatum=date(2025, 11, 1), toewijzing_einddatum=date(2025, 12, 31)
        ),
    ),
    (
        "TR352",
        "wmo317",
        samen(lambda b: setattr(b.client.verzoek, "te_wijzigen_producten", []), nieuw()),
    ),
    ("TR353", "wmo317", lambda b: setattr(b.client.verzoek, "te_wijzigen_producten", [])),
    ("CS058", "wmo305", start("status_aanlevering", "2")),
    ("CS058", "wmo307", stop("status_aanlevering", "9")),
    ("CD085", "wmo319", lambda b: setattr(b.antwoord, "verzoek_antwoord", "1")),
    ("CD086", "wmo319", lambda b: setattr(b.antwoord, "reden_afwijzing_verzoek", "3")),
    ("CS319", "wmo323", lambda b: setattr(b.declaratie, "declaratie_nummer", "D-2025")),
    (
        "CS100",
        "wmo323",
        prest(
            "product_periode",
            GeslotenPeriode(begindatum=date(2020, 12, 1), einddatum=date(2020, 12, 31)),
        ),
    ),
    (
        "CS340",
        "wmo323",
        lambda b: setattr(b.declaratie.declaratie_periode, "einddatum", date(2025, 4, 29)),
    ),
    (
        "CS340",
        "wmo323",
        lambda b: setattr(b.declaratie.declaratie_periode, "begindatum", date(2025, 4, 2)),
    ),
    (
        "CS337",
        "wmo323",
        prest(
            "product_periode",
            GeslotenPeriode(begindatum=date(2025, 3, 30), einddatum=date(2025, 4, 2)),
        ),
    ),
    (
        "CS325",
        "wmo323",
        samen(
            prest("ingediend_bedrag", BedragMetDC(bedrag=0, debet_credit="C")),
            prest("geleverd_volume", 0),
            lambda b: setattr(b.declaratie.totaal_ingediend_bedrag, "totaal_bedrag", 0),
        ),
    ),
    ("CD060", "wmo323", credit(vorig=None)),
    (
        "CD060",
        "wmo323",
        prest(
            "product_referentie",
            Referentie(referentie_nummer="P-0001", vorig_referentie_nummer="P-0000"),
        ),
    ),
    ("CD087", "wmo323", prest("product_tarief", None)),
    ("CD087", "wmo323", samen(prest("eenheid", "83"), prest("geleverd_volume", 78600))),
    ("CS339", "wmo323", samen(prest("eenheid", "83"), prest("product_tarief", None))),
    ("TR346", "wmo323", prest("geleverd_volume", 13)),
    (
        "TR346",
        "wmo323",
        samen(prest("eenheid", "01"), prest("geleverd_volume", 720), prest("product_tarief", 100)),
    ),
    (
        "TR358",
        "wmo323",
        lambda b: setattr(b.declaratie.totaal_ingediend_bedrag, "totaal_bedrag", 78601),
    ),
    (
        "TR358",
        "wmo323",
        lambda b: setattr(b.declaratie.totaal_ingediend_bedrag, "debet_credit", "C"),
    ),
    (
        "TR137",
        "wmo323",
        prest(
            "product_periode",
            GeslotenPeriode(begindatum=date(2025, 4, 10), einddatum=date(2025, 4, 9)),
        ),
    ),
    ("TR137", "wmo323", lambda b: _dagtekening(b, date(2025, 4, 29))),
    (
        "TR335",
        "wmo323",
        samen(
            prest(
                "product_periode",
                GeslotenPeriode(begindatum=date(2021, 4, 1), einddatum=date(2021, 4, 30)),
            ),
            prest("product_referentie", Referentie(referentie_nummer="P-0001")),
            lambda b: setattr(b.declaratie, "declaratie_dagtekening", date(2026, 5, 2)),
            lambda b: _dagtekening(b, date(2026, 5, 2)),
            lambda b: setattr(
                b.declaratie,
                "declaratie_periode",
                GeslotenPeriode(begindatum=date(2026, 4, 1), einddatum=date(2026, 4, 30)),
            ),
        ),
    ),
    (
        "TR315",
        "wmo323",
        samen(
            credit("P-0099"),
            extra_prestatie(
                product_referentie=Referentie(
                    referentie_nummer="P-0004", vorig_referentie_nummer="P-0099"
                ),
                ingediend_bedrag=BedragMetDC(bedrag=78600, debet_credit="C"),
            ),
        ),
    ),
    ("TR316", "wmo323", credit("P-0001")),
    ("TR416", "wmo323", extra_prestatie()),
    (
        "TR101",
        "wmo301",
        extra_tp(
            toewijzing_nummer=2025001,
            ingangsdatum=date(2026, 1, 1),
            einddatum=None,
            omvang=Omvang(volume=3, eenheid="04", frequentie="4"),
        ),
    ),
    ("TR101", "wmo301", lambda b: b.client.contactgegevens.append(f.woonadres())),
    (
        "TR101",
        "wmo305",
        lambda b: b.client.start_producten.append(dataclasses.replace(b.client.start_producten[0])),
    ),
    (
        "TR101",
        "wmo307",
        lambda b: b.client.stop_producten.append(dataclasses.replace(b.client.stop_producten[0])),
    ),
    (
        "TR101",
        "wmo317",
        lambda b: b.client.verzoek.te_wijzigen_producten.append(
            dataclasses.replace(b.client.verzoek.te_wijzigen_producten[0])
        ),
    ),
    (
        "TR101",
        "wmo323",
        extra_prestatie(
            product_referentie=Referentie(referentie_nummer="P-0001"),
            product_periode=GeslotenPeriode(
                begindatum=date(2025, 4, 1), einddatum=date(2025, 4, 15)
            ),
        ),
    ),
]

# (rule, base, change close to the rule's edge that must NOT break it)
NIET_BREKEN: list[tuple[str, str, Callable[[Any], None]]] = [
    ("TR135", "wmo319", lambda b: _dagtekening(b, VANDAAG)),
    ("CS002", "wmo301", client("bsn", "999900018")),
    (
        "CS139",
        "wmo301",
        client("geboortedatum", Geboortedatum(datum=date(1900, 1, 1), datum_gebruik="3")),
    ),
    (
        "CS139",
        "wmo305",
        client("geboortedatum", Geboortedatum(datum=date(1950, 6, 1), datum_gebruik="1")),
    ),
    (
        "TR002",
        "wmo301",
        client("geboortedatum", Geboortedatum(datum=date(1900, 1, 1), datum_gebruik="3")),
    ),
    ("TR002", "wmo307", client("geboortedatum", Geboortedatum(datum=date(1905, 10, 3)))),
    ("TR134", "wmo301", tp("toewijzingsdatum", date(2025, 3, 10))),
    ("CS050", "wmo301v", lambda b: setattr(b.client.relaties[0].naam, "naam_gebruik", "4")),
    ("CD007", "wmo301", client("communicatie", Communicatie(vorm="2"))),
    ("CD025", "wmo301", lambda b: setattr(b.client.contactgegevens[0], "adres", BUITENLAND)),
    ("CS089", "wmo301", lambda b: setattr(b.client.contactgegevens[0], "adres", BUITENLAND)),
    (
        "CD034",
        "wmo301",
        samen(
            lambda b: setattr(b.client.contactgegevens[0], "soort", "02"),
            adres("postcode", None),
            adres("land_code", None),
            lambda b: setattr(
                b.client.contactgegevens[0],
                "telefoon",
                Telefoonnummers(
                    telefoon01=Telefoon(telefoonnummer="0331234567", landnummer="0031")
                ),
            ),
        ),
    ),
    (
        "TR006",
        "wmo301",
        lambda b: setattr(
            b.client.contactgegevens[0],
            "telefoon",
            Telefoonnummers(telefoon01=Telefoon(telefoonnummer="0331234567", landnummer="0031")),
        ),
    ),
    ("CS003", "wmo301", tp("einddatum", date(2025, 4, 1))),
    ("CD075", "wmo301", samen(*(tp(k, v) for k, v in BUDGET.items()))),
    (
        "CD076",
        "wmo301",
        samen(tp("einddatum", None), tp("omvang", Omvang(volume=3, eenheid="04", frequentie="4"))),
    ),
    ("CD080", "wmo301", samen(tp("product", Product(categorie="02")), tp("omvang", None))),
    (
        "CS338",
        "wmo301",
        samen(
            tp("omvang", Omvang(volume=5, eenheid="14", frequentie="1")),
            tp("einddatum", date(2020, 12, 31)),
            tp("ingangsdatum", date(2020, 1, 1)),
        ),
    ),
    ("CS335", "wmo301", samen(tp("reden_wijziging", "13"), tp("einddatum", date(2025, 4, 1)))),
    ("TR302", "wmo301", extra_tp(ingangsdatum=date(2026, 1, 1), einddatum=date(2026, 3, 31))),
    ("TR302", "wmo301", extra_tp(product=Product(categorie="02", code="02A02"))),
    ("TR302", "wmo301", extra_tp(product=Product(categorie="12"), omvang=None)),
    (
        "TR302",
        "wmo301",
        extra_tp(reden_wijziging="13", ingangsdatum=date(2025, 5, 1), einddatum=date(2025, 5, 1)),
    ),
    (
        "TR386",
        "wmo315",
        extra_ap(
            referentie_aanbieder="VOT-2025-18",
            toewijzing_ingangsdatum=date(2025, 11, 1),
            toewijzing_einddatum=date(2025, 12, 31),
        ),
    ),
    ("CD066", "wmo315", ap("verwijzer", Verwijzer(type="02", zorgverlener_code="01234567"))),
    ("CD068", "wmo315", ap("verwijzer", Verwijzer(type="01"))),
    (
        "TR352",
        "wmo317",
        lambda b: setattr(
            b.client.verzoek,
            "ongewijzigde_producten",
            [wmo317.OngewijzigdProduct(toewijzing_nummer=7)],
        ),
    ),
    ("CS058", "wmo305", start("status_aanlevering", "3")),
    (
        "CD085",
        "wmo319",
        samen(
            lambda b: setattr(b.antwoord, "verzoek_antwoord", "1"),
            lambda b: setattr(b.antwoord, "reden_afwijzing_verzoek", "3"),
        ),
    ),
    ("CD060", "wmo323", credit("P-0099")),
    (
        "CD087",
        "wmo323",
        samen(
            prest("eenheid", "83"), prest("geleverd_volume", 78600), prest("product_tarief", None)
        ),
    ),
    (
        "TR346",
        "wmo323",
        samen(
            prest("eenheid", "01"),
            prest("geleverd_volume", 720),
            prest("product_tarief", 109),
            prest("ingediend_bedrag", BedragMetDC(bedrag=78600, debet_credit="D")),
        ),
    ),
    ("TR358", "wmo323", credit("P-0099")),
    ("TR416", "wmo323", extra_prestatie(product_code="02A02")),
    (
        "CS340",
        "wmo323",
        lambda b: setattr(
            b.declaratie,
            "declaratie_periode",
            GeslotenPeriode(begindatum=date(2024, 2, 1), einddatum=date(2024, 2, 29)),
        ),
    ),
    (
        "TR101",
        "wmo301",
        lambda b: b.client.contactgegevens.append(dataclasses.replace(f.woonadres(), soort="02")),
    ),
]


def _p325(bericht: Any) -> Any:
    return bericht.declaratie_antwoord.clienten[0].prestaties[0]


def _gemaakt(soort: str, wijziging: Callable[[Any], None]) -> Any:
    bericht = basis(soort)
    wijziging(bericht)
    return bericht


@pytest.mark.parametrize(
    "soort",
    ["wmo301", "wmo301v", "wmo305", "wmo307", "wmo315", "wmo317", "wmo319", "wmo323", "wmo325"],
)
def test_base_messages_pass_every_rule(soort):
    assert validate(basis(soort), vandaag=VANDAAG) == []


@pytest.mark.parametrize(
    ("code", "soort", "wijziging"),
    BREKEN,
    ids=[f"{c}-{s}-{i}" for i, (c, s, _) in enumerate(BREKEN)],
)
def test_message_that_breaks_the_rule_gets_its_finding(code, soort, wijziging):
    bericht = _gemaakt(soort, wijziging)

    bevindingen = validate(bericht, vandaag=VANDAAG)

    eigen = [b for b in bevindingen if b.rule == code]
    assert eigen, f"{code} niet gevonden; wel: {[str(b) for b in bevindingen]}"
    for bevinding in eigen:
        assert bevinding.xpath.startswith("/Bericht/")
        assert bevinding.message and bevinding.message[0].isupper()
    # the same finding also comes out of the XML bytes
    assert [str(b) for b in validate(build(bericht), vandaag=VANDAAG)] == [
        str(b) for b in bevindingen
    ]


@pytest.mark.parametrize(
    ("code", "soort", "wijziging"),
    NIET_BREKEN,
    ids=[f"{c}-{s}-{i}" for i, (c, s, _) in enumerate(NIET_BREKEN)],
)
def test_message_at_the_edge_of_the_rule_passes_it(code, soort, wijziging):
    bevindingen = validate(_gemaakt(soort, wijziging), vandaag=VANDAAG)

    assert [str(b) for b in bevindingen if b.rule == code] == []


def test_every_registered_rule_has_a_breaking_case_and_its_messages_are_tested():
    gebroken = {(code, soort.rstrip("v")) for code, soort, _ in BREKEN}
    for code, regel in REGELS.items():
        assert any(c == code for c, _ in gebroken), f"geen test die {code} breekt"
        for bericht in regel.berichten:
            # a rule that applies to a message type runs on that type's base message
            assert validate(basis(bericht), vandaag=VANDAAG) == []


def _301_aan(gemeente: str, dagtekening: date, ingang: date):
    bericht = basis("wmo301")
    bericht.header.afzender = gemeente
    bericht.header.bericht_identificatie.dagtekening = dagtekening
    for product in bericht.client.toegewezen_producten:
        product.toewijzingsdatum = min(product.toewijzingsdatum, dagtekening)
        product.ingangsdatum = ingang
        product.einddatum = None
    return bericht


@pytest.mark.parametrize(
    ("gemeente", "dagtekening", "ingang", "uitslag"),
    [
        ("0307", date(2024, 3, 1), date(2024, 3, 1), None),  # Amersfoort, valid throughout
        ("9999", date(2024, 3, 1), date(2024, 3, 1), Ernst.FOUT),  # never a CBS code
        ("0370", date(2023, 2, 1), date(2021, 6, 1), None),  # Beemster, for what began before 2022
        ("0370", date(2023, 2, 1), date(2022, 6, 1), Ernst.FOUT),  # in Purmerend since 2022
        ("0457", date(2022, 3, 23), date(2022, 3, 23), None),  # Weesp, its last day
        ("0457", date(2022, 3, 24), date(2022, 3, 24), Ernst.FOUT),  # part of Amsterdam
        ("1980", date(2021, 12, 31), date(2021, 12, 1), Ernst.FOUT),  # Dijk en Waard: from 2022
        ("0001", date(2018, 12, 3), date(2018, 12, 1), Ernst.WAARSCHUWING),  # before the overview
    ],
)
def test_tr378_checks_the_cbs_codes_of_the_dates_of_the_message(
    gemeente, dagtekening, ingang, uitslag
):
    bevindingen = validate(_301_aan(gemeente, dagtekening, ingang), vandaag=VANDAAG)

    tr378 = [b for b in bevindingen if b.rule == "TR378"]
    assert [b.severity for b in tr378] == ([uitslag] if uitslag else [])
    assert all(b.xpath == "/Bericht/Header/Afzender" for b in tr378)


def test_cs002_is_not_reported_twice_for_a_bsn_that_already_fails_the_xsd():
    bevindingen = validate(_gemaakt("wmo301", client("bsn", "12345")), vandaag=VANDAAG)

    assert [b.rule for b in bevindingen] == ["RS037"]  # nine digits
    assert bevindingen[0].xpath == "/Bericht/Client/Bsn"


def test_one_message_can_break_several_rules_at_once():
    bericht = basis("wmo301")
    bericht.client.bsn = "123456789"
    bericht.client.toegewezen_producten[0].einddatum = None
    bericht.client.toegewezen_producten[0].toewijzingsdatum = date(2025, 3, 11)

    regels = sorted(b.rule for b in validate(bericht, vandaag=VANDAAG))

    assert regels == ["CD076", "CS002", "TR134"]


def test_tr346_allows_rounding_of_minutes_but_not_more():
    def met_bedrag(bedrag: int) -> list[str]:
        bericht = basis("wmo323")
        p = bericht.declaratie.clienten[0].prestaties[0]
        p.eenheid, p.geleverd_volume, p.product_tarief = "01", 45, 109  # 65.50/h = 109.17 c/min
        p.ingediend_bedrag = BedragMetDC(bedrag=bedrag, debet_credit="D")
        bericht.declaratie.totaal_ingediend_bedrag.totaal_bedrag = bedrag
        return [b.rule for b in validate(bericht, vandaag=VANDAAG)]

    assert met_bedrag(4913) == []  # round(6550 * 45 / 60)
    assert met_bedrag(4905) == []  # 45 * 109
    assert met_bedrag(4930) == ["TR346"]


def test_relatie_and_partner_names_follow_cs050():
    bericht = basis("wmo301v")
    bericht.client.naam = f.volledige_naam(
        partnernaam=Achternaam(achternaam="Smit"), naam_gebruik="3"
    )

    assert validate(bericht, vandaag=VANDAAG) == []


def test_wmo315_aspecifiek_without_code_and_omvang_is_fine():
    bericht = basis("wmo315")
    product = bericht.client.aangevraagde_producten[0]
    product.product, product.omvang = Product(categorie="07"), None

    assert validate(bericht, vandaag=VANDAAG) == []


def test_wmo323_two_clients_with_the_same_bsn_is_a_duplicate_line():
    bericht = basis("wmo323")
    eerste = bericht.declaratie.clienten[0]
    tweede = wmo323.Client(
        bsn=eerste.bsn,
        prestaties=[
            f.prestatie(
                product_referentie=Referentie(referentie_nummer="P-0009"), toewijzing_nummer=2025009
            )
        ],
    )
    bericht.declaratie.clienten.append(tweede)
    bericht.declaratie.totaal_ingediend_bedrag.totaal_bedrag *= 2

    bevindingen = validate(bericht, vandaag=VANDAAG)

    assert [(b.rule, b.xpath) for b in bevindingen] == [
        ("TR101", "/Bericht/Declaratie/Clienten/Client[2]")
    ]


def test_huis_in_wmo301_contact_is_used_for_tr006():
    bericht = basis("wmo301")
    bericht.client.contactgegevens[0].adres = Adres(
        huis=Huis(huisnummer=1), postcode="3811AB", land_code="NL"
    )

    assert validate(bericht, vandaag=VANDAAG) == []


def test_the_elfproef_agrees_with_python_stdnum():
    """CS002's own elfproef (no stdnum import at start-up) gives stdnum's answer, on every
    remainder of 11 and on the numbers the standard's examples use."""
    import random

    from stdnum.nl import bsn as stdnum_bsn

    from iwmo.validatie.regels import _elfproef_klopt

    rng = random.Random(16)
    nummers = [f"{rng.randrange(10**9):09d}" for _ in range(5000)]
    nummers += ["999900006", "999900018", "123456782", "000000000", "111111110", "999999990"]
    for nummer in nummers:
        assert _elfproef_klopt.__wrapped__(nummer) is (stdnum_bsn.checksum(nummer) == 0), nummer
    assert sum(_elfproef_klopt.__wrapped__(n) for n in nummers) > 400  # valid ones are tested too
    assert _elfproef_klopt.__wrapped__("12345") is True  # not nine digits: layer 1's finding
