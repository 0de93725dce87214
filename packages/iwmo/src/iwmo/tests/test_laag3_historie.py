"""Layer 3 rules that need the claims, requests and stops kept before (TR319-TR415).

Every scenario is a list of steps against one history: a message that is accepted (and then
registered, as the exchange does) or one that breaks exactly the named rules. The messages are
validated as XML (layers 1-3), so they are valid in themselves. The same scenarios run on the
database history in ``wmoregie.iwmo.tests.test_historie_claims``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import count

import pytest

from iwmo.berichten import build
from iwmo.berichten.basis import (
    BedragMetDC,
    GeslotenPeriode,
    Omvang,
    Product,
    Referentie,
    TotaalBedragMetDC,
)
from iwmo.retour import RETOURCODES, beoordeel
from iwmo.validatie import validate
from iwmo.validatie.laag3 import GeheugenHistorie, Variant, registreer
from iwmo.validatie.volume import kalenderweken, maximaal_over_toewijzing, maximaal_volume

from . import factories
from .test_retour import wmo305_geldig, wmo307_geldig, wmo317_geldig

_NUMMER = count(1)
TARIEF = 6550  # eurocent per hour, the factory's


def _uniek(bericht):
    bericht.header.bericht_identificatie.identificatie = f"T{next(_NUMMER)}"
    return bericht


def maand(m: int) -> GeslotenPeriode:
    eind = {4: 30, 5: 31, 6: 30}[m]
    return GeslotenPeriode(begindatum=date(2025, m, 1), einddatum=date(2025, m, eind))


def prestatie(ref: str, uren: int = 12, m: int = 4, dc: str = "D", vorig: str | None = None):
    return factories.prestatie(
        product_referentie=Referentie(referentie_nummer=ref, vorig_referentie_nummer=vorig),
        product_periode=maand(m),
        geleverd_volume=uren,
        ingediend_bedrag=BedragMetDC(bedrag=uren * TARIEF, debet_credit=dc),
    )


def euros(ref: str, eurocent: int, m: int = 4):
    """A Prestatie in euro's (outputgericht, on a budget)."""
    return factories.prestatie(
        product_referentie=Referentie(referentie_nummer=ref),
        product_periode=maand(m),
        geleverd_volume=eurocent,
        eenheid="83",
        product_tarief=None,
        ingediend_bedrag=BedragMetDC(bedrag=eurocent, debet_credit="D"),
    )


def claim(*prestaties, m: int = 4, dagtekening: date | None = None):
    """A 323 for month ``m`` (sent early the next month) with a new number."""
    bericht = _uniek(factories.wmo323_bericht(*prestaties))
    netto = sum(
        p.ingediend_bedrag.bedrag * (-1 if p.ingediend_bedrag.debet_credit == "C" else 1)
        for p in prestaties
    )
    declaratie = bericht.declaratie
    declaratie.declaratie_nummer = f"D{next(_NUMMER)}"
    declaratie.declaratie_periode = maand(m)
    dagtekening = dagtekening or date(2025, m + 1, 2)
    declaratie.declaratie_dagtekening = dagtekening
    declaratie.totaal_ingediend_bedrag = TotaalBedragMetDC(
        totaal_bedrag=abs(netto), debet_credit="C" if netto < 0 else "D"
    )
    bericht.header.bericht_identificatie.dagtekening = dagtekening
    return bericht


def toewijzing(**product):
    """A 301 with toewijzing 2025001 (factory: 02A01, 3 hours a week, April-December)."""
    return _uniek(
        factories.wmo301_bericht(toegewezen_producten=[factories.toegewezen_product(**product)])
    )


def vot(ref: str, **product):
    return _uniek(factories.wmo315_bericht(referentie_aanbieder=ref, **product))


def vow(ref: str):
    return _uniek(wmo317_geldig(referentie_aanbieder=ref))


def antwoord(ref: str, verzoek_antwoord: str):
    bericht = factories.wmo319_bericht(referentie_aanbieder=ref, verzoek_antwoord=verzoek_antwoord)
    if verzoek_antwoord == "1":
        bericht.antwoord = replace(bericht.antwoord, reden_afwijzing_verzoek="1")
    return _uniek(bericht)


def start():
    return _uniek(wmo305_geldig())


def stop(reden: str = "19", einddatum: date = date(2025, 9, 30)):
    return _uniek(wmo307_geldig(reden_beeindiging=reden, einddatum=einddatum))


class Geheugen:
    """The steps of a scenario against a :class:`GeheugenHistorie`."""

    def __init__(self) -> None:
        self.historie = GeheugenHistorie()

    def regels(self, bericht, variant=Variant.INSPANNINGSGERICHT) -> list[str]:
        return [f.rule for f in validate(build(bericht), historie=self.historie, variant=variant)]

    def registreer(self, bericht, **kwargs) -> None:
        registreer(bericht, self.historie, **kwargs)


def ok(h, bericht, variant=Variant.INSPANNINGSGERICHT):
    """The message is accepted and becomes history."""
    assert h.regels(bericht, variant) == []
    h.registreer(bericht)


def fout(h, bericht, *verwacht, variant=Variant.INSPANNINGSGERICHT):
    assert h.regels(bericht, variant) == list(verwacht)


# --- the scenarios ------------------------------------------------------------------------------


def tr319_claim_period(h):
    ok(h, toewijzing())
    # May claimed in the claim of April (sent in June, so May is not in the future: TR137)
    vooruit = claim(prestatie("P-1", m=5), m=4, dagtekening=date(2025, 6, 2))
    fout(h, vooruit, "TR319")
    ok(h, claim(prestatie("P-1", m=4), m=5))  # April claimed in the claim of May


def tr321_volume_in_the_month(h):
    ok(h, toewijzing())  # 3 hours a week; April 2025 touches weeks 14-18: 15 hours
    fout(h, claim(prestatie("P-1", uren=16)), "TR321")
    ok(h, claim(prestatie("P-1", uren=15)))


def tr321_huishoudelijke_hulp_six_weeks(h):
    hh = {"product": Product(categorie="01", code="01A01")}
    ok(h, toewijzing(**hh))

    def hh_prestatie(ref, uren):
        return replace(prestatie(ref, uren=uren), product_categorie="01", product_code="01A01")

    fout(h, claim(hh_prestatie("P-1", 19)), "TR321")  # 6 x 3 = 18 (IV077)
    ok(h, claim(hh_prestatie("P-1", 18)))


def tr322_total_over_the_toewijzing(h):
    totaal = Omvang(volume=20, eenheid="04", frequentie="6")  # 20 hours in all
    ok(h, toewijzing(omvang=totaal, einddatum=date(2025, 6, 30)))
    ok(h, claim(prestatie("P-1", uren=12, m=4)))
    fout(h, claim(prestatie("P-2", uren=12, m=5), m=5), "TR322")
    ok(h, claim(prestatie("P-2", uren=8, m=5), m=5))


def tr322_a_credited_claim_no_longer_counts(h):
    totaal = Omvang(volume=20, eenheid="04", frequentie="6")
    ok(h, toewijzing(omvang=totaal, einddatum=date(2025, 6, 30)))
    ok(h, claim(prestatie("P-1", uren=12, m=4)))
    # April corrected to 8 hours (credit and new debet), then 12 in May: 20 in all
    ok(h, claim(prestatie("P-2", 12, 4, "C", vorig="P-1"), prestatie("P-3", 8, 4), m=5))
    ok(h, claim(prestatie("P-4", uren=12, m=5), m=6))


def tr369_budget(h):
    budget = {"product": None, "omvang": None, "budget": 100000}  # EUR 1.000
    uit = Variant.OUTPUTGERICHT
    ok(h, toewijzing(**budget), variant=uit)
    ok(h, claim(euros("P-1", 60000)), variant=uit)
    fout(h, claim(euros("P-2", 50000, m=5), m=5), "TR369", variant=uit)
    ok(h, claim(euros("P-2", 40000, m=5), m=5), variant=uit)


def tr323_credit_without_debet(h):
    ok(h, toewijzing())
    ok(h, claim(prestatie("P-1")))
    fout(h, claim(prestatie("P-2", dc="C", vorig="P-9"), m=5), "TR323")
    fout(h, claim(prestatie("P-2", m=5, dc="C", vorig="P-1"), m=5), "TR323")  # other month
    ok(h, claim(prestatie("P-2", dc="C", vorig="P-1"), m=5))


def tr390_credit_twice(h):
    ok(h, toewijzing())
    ok(h, claim(prestatie("P-1")))
    ok(h, claim(prestatie("P-2", dc="C", vorig="P-1"), m=5))
    fout(h, claim(prestatie("P-3", dc="C", vorig="P-1"), m=5), "TR390")


def tr389_debet_twice(h):
    ok(h, toewijzing())
    ok(h, claim(prestatie("P-1")))
    fout(h, claim(prestatie("P-2"), m=5), "TR389")
    ok(h, claim(prestatie("P-2", dc="C", vorig="P-1"), prestatie("P-3"), m=5))  # corrected
    fout(h, claim(prestatie("P-4"), m=6), "TR389")  # P-3 stands


def tr385_delete_a_toewijzing_with_claims(h):
    verwijderd = {"reden_wijziging": "13", "einddatum": date(2025, 4, 1)}  # CS335
    ok(h, toewijzing())
    ok(h, claim(prestatie("P-1")))
    fout(h, toewijzing(**verwijderd), "TR385")
    ok(h, claim(prestatie("P-2", dc="C", vorig="P-1"), m=5))
    ok(h, toewijzing(**verwijderd))


def tr374_request_already_open(h):
    ok(h, vot("VOT-1"))
    fout(h, vot("VOT-2"), "TR374")
    ok(h, antwoord("VOT-1", "2"))  # in onderzoek: still open
    fout(h, vot("VOT-2"), "TR374")
    ok(h, antwoord("VOT-1", "1"))  # afgewezen
    ok(h, vot("VOT-2"))
    ok(h, toewijzing(referentie_aanbieder="VOT-2", product=Product(categorie="07", code="07A02"),
                     omvang=Omvang(volume=4, eenheid="16", frequentie="2"),
                     ingangsdatum=date(2025, 5, 1), einddatum=date(2025, 10, 31)))  # fmt: skip
    ok(h, vow("VOW-1"))  # the VOT got its toewijzing: nothing open


def tr359_tr360_tr365_answers(h):
    ok(h, toewijzing())
    ok(h, vow("VOW-1"))  # the aanbieder's own request, as it sent it
    ok(h, antwoord("VOW-1", "2"))
    fout(h, antwoord("VOW-1", "2"), "TR360")  # "in onderzoek" only once
    ok(h, antwoord("VOW-1", "1"))
    fout(h, antwoord("VOW-1", "1"), "TR365")  # refused already
    ok(h, vot("VOT-1"))
    ok(h, toewijzing(referentie_aanbieder="VOT-1", toewijzing_nummer=2025002,
                     product=Product(categorie="07", code="07A02"),
                     omvang=Omvang(volume=4, eenheid="16", frequentie="2"),
                     ingangsdatum=date(2025, 5, 1), einddatum=date(2025, 10, 31)))  # fmt: skip
    fout(h, antwoord("VOT-1", "1"), "TR359")


def tr413_tr414_tr415_stops(h):
    ok(h, toewijzing())
    ok(h, start())
    ok(h, stop("20", date(2025, 6, 30)))  # tijdelijk beëindigd
    fout(h, stop("20", date(2025, 7, 31)), "TR413")
    fout(h, stop("19", date(2025, 6, 1)), "TR414")
    ok(h, stop("19", date(2025, 9, 30)))  # then definitively
    fout(h, stop("19", date(2025, 10, 1)), "TR415")


SCENARIOS = [
    tr319_claim_period,
    tr321_volume_in_the_month,
    tr321_huishoudelijke_hulp_six_weeks,
    tr322_total_over_the_toewijzing,
    tr322_a_credited_claim_no_longer_counts,
    tr369_budget,
    tr323_credit_without_debet,
    tr390_credit_twice,
    tr389_debet_twice,
    tr385_delete_a_toewijzing_with_claims,
    tr374_request_already_open,
    tr359_tr360_tr365_answers,
    tr413_tr414_tr415_stops,
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_scenario_in_memory(scenario):
    scenario(Geheugen())


# --- the retourcodes ----------------------------------------------------------------------------


def test_each_rule_has_its_official_retourcode():
    assert {
        regel: RETOURCODES[regel]
        for regel in (
            "TR319",
            "TR321",
            "TR322",
            "TR323",
            "TR359",
            "TR360",
            "TR365",
            "TR369",
            "TR374",
            "TR381",
            "TR385",
            "TR389",
            "TR390",
            "TR413",
            "TR414",
            "TR415",
            "TR418",
        )
    } == {
        "TR319": "9319",
        "TR321": "9321",
        "TR322": "9322",
        "TR323": "8017",
        "TR359": "9359",
        "TR360": "9360",
        "TR365": "9365",
        "TR369": "9369",
        "TR374": "9374",
        "TR381": "S329",
        "TR385": "9385",
        "TR389": "9389",
        "TR390": "9390",
        "TR413": "9413",
        "TR414": "9414",
        "TR415": "9415",
        "TR418": "0611",
    }


def _met_claim():
    h = GeheugenHistorie()
    registreer(toewijzing(), h)
    registreer(claim(prestatie("P-1")), h)
    return h


def test_the_325_rejects_a_second_debet_with_9389_and_grants_the_rest():
    h = _met_claim()
    bericht = claim(prestatie("P-2"), prestatie("P-3", uren=3, m=5), m=5)

    uitkomst = beoordeel(build(bericht), historie=h, vandaag=date(2025, 6, 2))

    antwoord_ = uitkomst.retour.declaratie_antwoord
    assert antwoord_.totaal_toegekend_bedrag.totaal_bedrag == 3 * TARIEF
    [client] = antwoord_.clienten
    assert [
        (p.product_referentie.referentie_nummer, p.retour_codes) for p in client.prestaties
    ] == [("P-2", ["9389"])]
    # the approved Prestatie of the claim is history now, the rejected one is not
    assert h.prestatie(factories.AANBIEDER, "P-3") is not None
    assert h.prestatie(factories.AANBIEDER, "P-2") is None


def test_the_325_rejects_a_credit_without_debet_with_8017():
    h = _met_claim()

    uitkomst = beoordeel(
        build(claim(prestatie("P-2", dc="C", vorig="P-9"), m=5)),
        historie=h,
        vandaag=date(2025, 6, 2),
    )

    [client] = uitkomst.retour.declaratie_antwoord.clienten
    assert client.prestaties[0].retour_codes == ["8017"]


def test_the_302_rejects_deleting_a_claimed_toewijzing_with_9385():
    h = _met_claim()
    bericht = toewijzing(reden_wijziging="13", einddatum=date(2025, 4, 1))

    uitkomst = beoordeel(build(bericht), historie=h, vandaag=date(2025, 5, 6))

    assert uitkomst.retourcodes.count("9385") == 1
    [product] = uitkomst.retour.client.toegewezen_producten
    assert product.retour_codes == ["9385"]


def test_the_320_rejects_a_second_in_onderzoek_with_9360():
    h = GeheugenHistorie()
    registreer(vow("VOW-1"), h)
    registreer(antwoord("VOW-1", "2"), h)

    uitkomst = beoordeel(build(antwoord("VOW-1", "2")), historie=h, vandaag=date(2025, 3, 12))

    assert uitkomst.retour.antwoord.retour_codes == ["9360"]


# --- contract data: the tariff (TR418) and the product code list (TR381) ------------------------


def test_tr418_the_tariff_of_the_contract():
    h = Geheugen()
    ok(h, toewijzing())
    ok(h, claim(prestatie("P-1")))  # no tariff known: not checked
    h.historie.zet_contracttarief(
        factories.GEMEENTE, factories.AANBIEDER, "02", "02A01", "04", 6000, date(2025, 1, 1),
        date(2025, 4, 30),
    )  # fmt: skip
    assert "TR418" not in h.regels(claim(prestatie("P-2", m=5), m=5))  # May: none agreed yet
    h.historie.zet_contracttarief(
        factories.GEMEENTE, factories.AANBIEDER, "02", "02A01", "04", TARIEF, date(2025, 5, 1)
    )
    fout(h, claim(prestatie("P-2", m=4), m=5), "TR389", "TR418")  # April: 60,00
    ok(h, claim(prestatie("P-2", m=5), m=5))  # May: 65,50


def test_tr418_the_325_rejects_the_prestatie_with_0611():
    h = _met_claim()
    h.zet_contracttarief(
        factories.GEMEENTE, factories.AANBIEDER, "02", "02A01", "04", 6000, date(2025, 1, 1)
    )

    uitkomst = beoordeel(
        build(claim(prestatie("P-2", m=5), m=5)), historie=h, vandaag=date(2025, 6, 2)
    )

    [bevinding] = [b for b in uitkomst.bevindingen if b.rule == "TR418"]
    assert "€ 65,50" in bevinding.message and "€ 60,00" in bevinding.message
    [client] = uitkomst.retour.declaratie_antwoord.clienten
    assert client.prestaties[0].retour_codes == ["0611"]


@pytest.mark.parametrize(
    ("bericht", "breekt"),
    [
        pytest.param(
            lambda: toewijzing(product=Product(categorie="02", code="02A09")), True, id="301"
        ),
        pytest.param(lambda: toewijzing(), False, id="301-in-de-lijst"),
        pytest.param(lambda: vot("VOT-1"), True, id="315"),  # 07A02 is not in the list
        pytest.param(
            lambda: vot(
                "VOT-1",
                product=Product(categorie="02", code="02A01"),
                omvang=Omvang(volume=3, eenheid="04", frequentie="2"),
            ),
            False,
            id="315-in-de-lijst",
        ),
        pytest.param(
            lambda: claim(replace(prestatie("P-1"), product_categorie="07")),
            True,
            id="323-categorie",
        ),
    ],
)
def test_tr381_the_product_code_list_of_the_region(bericht, breekt):
    h = Geheugen()
    h.historie.zet_productcodes(factories.GEMEENTE, [("02", "02A01"), ("07", "07A01")])
    registreer(toewijzing(), h.historie)

    assert ("TR381" in h.regels(bericht())) is breekt


def test_tr381_without_a_list_nothing_is_checked():
    assert "TR381" not in Geheugen().regels(
        toewijzing(product=Product(categorie="02", code="02A09"))
    )


def test_tr381_the_302_rejects_the_product_with_s329():
    h = GeheugenHistorie()
    h.zet_productcodes(factories.GEMEENTE, [("02", "02A01")])

    uitkomst = beoordeel(
        build(toewijzing(product=Product(categorie="02", code="02A09"))), historie=h,
        vandaag=date(2025, 3, 10),
    )  # fmt: skip

    [product] = uitkomst.retour.client.toegewezen_producten
    assert product.retour_codes == ["S329"]


# --- the volume a toewijzing allows (IV077) ------------------------------------------------------


def test_calendar_weeks_as_iv077_counts_them():
    # 3 hours a week from 07-10-2025 to 30-12-2025: October 4 weeks, November 5, December 5
    assert kalenderweken(date(2025, 10, 7), date(2025, 10, 31)) == 4
    assert kalenderweken(date(2025, 11, 1), date(2025, 11, 30)) == 5
    assert kalenderweken(date(2025, 12, 1), date(2025, 12, 30)) == 5
    assert maximaal_over_toewijzing(
        volume=3, frequentie="2", categorie="02", t_begin=date(2025, 10, 7), t_eind=date(2025, 12, 30)
    ) == 39  # fmt: skip


def test_outputgericht_counts_sundays_and_the_last_week():
    week = {"volume": 300, "frequentie": "2", "categorie": "02", "outputgericht": True}
    juli = {"t_begin": date(2025, 7, 7), "t_eind": date(2025, 9, 5)}
    assert maximaal_volume(**week, **juli, begin=date(2025, 7, 1), eind=date(2025, 7, 31)) == 900
    # August holds the toewijzing's last Sunday (31-08) and it ends on a Friday: one week more
    assert maximaal_volume(**week, **juli, begin=date(2025, 8, 1), eind=date(2025, 8, 31)) == 1800


def test_per_day_per_month_and_in_total():
    t = {"categorie": "02", "t_begin": date(2025, 4, 10), "t_eind": date(2025, 12, 31)}
    april = {"begin": date(2025, 4, 1), "eind": date(2025, 4, 30)}
    assert maximaal_volume(volume=2, frequentie="1", **t, **april) == 42  # 21 days
    assert maximaal_volume(volume=8, frequentie="4", **t, **april) == 8
    assert maximaal_volume(volume=50, frequentie="6", **t, **april) == 50
