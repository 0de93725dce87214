"""Layer 3, WMO323: each Prestatie against the toewijzing it claims on (TR307-TR388).

Every case registers the 301 first, then validates the 323 as XML (layers 1-3), so the claims
are valid in themselves and only the rule of the case can fail.
"""

from datetime import date

import pytest

from iwmo.berichten import build
from iwmo.berichten.basis import GeslotenPeriode, Product
from iwmo.retour import beoordeel
from iwmo.validatie import validate
from iwmo.validatie.laag3 import GeheugenHistorie, Variant, registreer

from . import factories
from .test_retour import wmo323_geldig

VANDAAG = date(2026, 1, 5)


def historie_met(**toewijzing):
    """A history with one toewijzing 2025001 of the factory client (factory values overridden)."""
    historie = GeheugenHistorie()
    product = factories.toegewezen_product(**toewijzing)
    registreer(factories.wmo301_bericht(toegewezen_producten=[product]), historie)
    return historie


def declaratie(**prestatie):
    return wmo323_geldig(factories.prestatie(**prestatie))


def april(begin=1, eind=30):
    return GeslotenPeriode(begindatum=date(2025, 4, begin), einddatum=date(2025, 4, eind))


def regels(bericht, historie, variant=Variant.INSPANNINGSGERICHT):
    return [f.rule for f in validate(build(bericht), historie=historie, variant=variant)]


def uren(aantal, **prestatie):
    """A Prestatie of ``aantal`` hours at the factory tariff (within the toewijzing's 3 a week)."""
    bedrag = factories.BedragMetDC(bedrag=aantal * 6550, debet_credit="D")
    return {"geleverd_volume": aantal, "ingediend_bedrag": bedrag} | prestatie


ASPECIFIEK = {"product": Product(categorie="02"), "omvang": None}  # no code: no Omvang (CD080)
BUDGET = {"product": None, "omvang": None, "budget": 500000}  # no product at all

DAGDELEN = {"eenheid": "16", "geleverd_volume": 6, "product_tarief": 13100}  # 78,600 cents
MINUTEN = {"eenheid": "01", "geleverd_volume": 720, "product_tarief": 110, "ingediend_bedrag":
           factories.BedragMetDC(bedrag=79200, debet_credit="D")}  # fmt: skip

# (_case, toewijzing, prestatie, rules broken)
GEVALLEN = [
    ("whole month of the toewijzing", {}, {}, []),
    # TR307: not before the ingangsdatum
    (
        "tr307 claim before the toewijzing starts",
        {"ingangsdatum": date(2025, 5, 1)},
        {},
        ["TR307"],
    ),
    (
        "tr307 claim from the ingangsdatum later in the month",
        {"ingangsdatum": date(2025, 4, 10)},
        {"product_periode": april(10)},
        [],
    ),
    # TR308: not after the einddatum
    (
        "tr308 claim after the toewijzing ended",
        {"ingangsdatum": date(2025, 3, 1), "einddatum": date(2025, 3, 31)},
        {},
        ["TR308"],
    ),
    (
        "tr308 claim up to the einddatum earlier in the month",
        {"einddatum": date(2025, 4, 20)},
        uren(9, product_periode=april(1, 20)),  # weeks 14-16: 9 hours (TR321)
        [],
    ),
    (
        "tr308 toewijzing without einddatum",
        {"einddatum": None, "omvang": factories.Omvang(volume=12, eenheid="04", frequentie="4")},
        {},
        [],
    ),
    # TR339: the category of the toewijzing
    ("tr339 other category", {}, {"product_categorie": "07"}, ["TR339"]),
    ("tr339 toewijzing without product (budget)", BUDGET, {"product_categorie": "07"}, []),
    # TR340: the code of the toewijzing
    ("tr340 other code", {}, {"product_code": "02A02"}, ["TR340"]),
    ("tr340 toewijzing without code (aspecifiek)", ASPECIFIEK, {"product_code": "02A02"}, []),
    # TR341: the unit of the toewijzing (hours may be claimed in minutes)
    ("tr341 dagdelen claimed on hours", {}, DAGDELEN, ["TR341"]),
    ("tr341 minutes claimed on hours", {}, MINUTEN, []),
    (
        "tr341 hours claimed on minutes",
        {"omvang": factories.Omvang(volume=180, eenheid="01", frequentie="2")},
        {},
        ["TR341"],
    ),
    ("tr341 toewijzing without unit (aspecifiek)", ASPECIFIEK, DAGDELEN, []),
    # TR384: not on a deleted toewijzing
    (
        "tr384 deleted toewijzing",
        {"reden_wijziging": "13", "einddatum": date(2025, 4, 1)},
        uren(3, product_periode=april(1, 1)),
        ["TR384"],
    ),
    ("tr384 changed toewijzing", {"reden_wijziging": "02"}, {}, []),
    # TR387: from the first of the month, or the later ingangsdatum in that month
    ("tr387 period starts on the 3rd", {}, {"product_periode": april(3)}, ["TR387"]),
    (
        "tr387 period starts after the ingangsdatum in the month",
        {"ingangsdatum": date(2025, 4, 10)},
        {"product_periode": april(12)},
        ["TR387"],
    ),
    # TR388: up to the last day of the month, or the earlier einddatum in that month
    ("tr388 period ends on the 29th", {}, {"product_periode": april(1, 29)}, ["TR388"]),
    (
        "tr388 period ends before the einddatum in the month",
        {"einddatum": date(2025, 4, 20)},
        uren(9, product_periode=april(1, 15)),
        ["TR388"],
    ),
]


@pytest.mark.parametrize(
    ("toewijzing", "prestatie", "verwacht"),
    [pytest.param(*rest, id=case) for case, *rest in GEVALLEN],
)
def test_prestatie_against_its_toewijzing(toewijzing, prestatie, verwacht):
    historie = historie_met(**toewijzing)

    assert regels(declaratie(**prestatie), historie) == verwacht


@pytest.mark.parametrize(
    ("toewijzing", "prestatie", "code"),
    [
        pytest.param({"ingangsdatum": date(2025, 5, 1)}, {}, "9307", id="tr307"),
        pytest.param(
            {"ingangsdatum": date(2025, 3, 1), "einddatum": date(2025, 3, 31)},
            {},
            "9308",
            id="tr308",
        ),
        pytest.param({}, {"product_categorie": "07"}, "9339", id="tr339"),
        pytest.param({}, {"product_code": "02A02"}, "9340", id="tr340"),
        pytest.param({}, DAGDELEN, "9341", id="tr341"),
        pytest.param(
            {"reden_wijziging": "13", "einddatum": date(2025, 4, 1)},
            uren(3, product_periode=april(1, 1)),
            "9384",
            id="tr384",
        ),
        pytest.param({}, {"product_periode": april(3)}, "9387", id="tr387"),
        pytest.param({}, {"product_periode": april(1, 29)}, "9388", id="tr388"),
    ],
)
def test_the_325_rejects_the_prestatie_with_the_rules_retourcode(toewijzing, prestatie, code):
    historie = historie_met(**toewijzing)

    uitkomst = beoordeel(build(declaratie(**prestatie)), historie=historie, vandaag=VANDAAG)

    antwoord = uitkomst.retour.declaratie_antwoord
    assert antwoord.retour_codes == ["0200"]
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 0
    [client] = antwoord.clienten
    assert [p.retour_codes for p in client.prestaties] == [[code]]
    assert uitkomst.retourcodes.count(code) == 1


def test_the_325_grants_the_other_prestatie_of_the_same_toewijzing():
    goed = factories.prestatie()
    fout = factories.prestatie(
        product_referentie=factories.Referentie(referentie_nummer="P-0002"),
        product_code="02A02",
        geleverd_volume=2,
        ingediend_bedrag=factories.BedragMetDC(bedrag=13100, debet_credit="D"),
    )

    uitkomst = beoordeel(build(wmo323_geldig(goed, fout)), historie=historie_met(), vandaag=VANDAAG)

    antwoord = uitkomst.retour.declaratie_antwoord
    assert antwoord.totaal_toegekend_bedrag.totaal_bedrag == 78600
    [client] = antwoord.clienten
    assert [
        (p.product_referentie.referentie_nummer, p.retour_codes) for p in client.prestaties
    ] == [("P-0002", ["9340"])]


def test_two_broken_rules_give_both_codes_on_the_prestatie():
    historie = historie_met()
    bericht = declaratie(product_categorie="07", product_code="07A01")

    uitkomst = beoordeel(build(bericht), historie=historie, vandaag=VANDAAG)

    [prestatie] = uitkomst.retour.declaratie_antwoord.clienten[0].prestaties
    assert prestatie.retour_codes == ["9339", "9340"]


def test_prestatie_on_a_toewijzing_of_another_client_is_only_tr304():
    historie = historie_met(ingangsdatum=date(2025, 5, 1))
    bericht = declaratie(product_code="02A02")
    bericht.declaratie.clienten[0].bsn = "999900018"

    assert regels(bericht, historie) == ["TR304"]


def test_prestatie_without_toewijzing_is_only_tr338():
    assert regels(declaratie(product_periode=april(3)), GeheugenHistorie()) == ["TR338"]


def test_taakgericht_has_no_toewijzingen_so_only_the_variant_refuses_the_323():
    historie = historie_met(ingangsdatum=date(2025, 5, 1))

    assert regels(declaratie(), historie, Variant.TAAKGERICHT) == ["VARIANT"]


def _volgende_declaratie(referentie_nummer):
    """A claim of May under a new DeclaratieNummer and Identificatie."""
    mei = GeslotenPeriode(begindatum=date(2025, 5, 1), einddatum=date(2025, 5, 31))
    bericht = declaratie(
        product_referentie=factories.Referentie(referentie_nummer=referentie_nummer),
        product_periode=mei,
    )
    bericht.declaratie.declaratie_nummer = "D202505"
    bericht.declaratie.declaratie_periode = mei
    bericht.declaratie.declaratie_dagtekening = date(2025, 6, 2)
    bericht.header.bericht_identificatie.identificatie = "A2025-0002"
    bericht.header.bericht_identificatie.dagtekening = date(2025, 6, 2)
    return bericht


def test_tr314_a_referentienummer_of_an_earlier_claim_is_refused():
    historie = historie_met()
    registreer(declaratie(), historie)  # P-0001 in April

    assert regels(_volgende_declaratie("P-0002"), historie) == []
    assert regels(_volgende_declaratie("P-0001"), historie) == ["TR314"]


def test_tr314_the_325_rejects_the_prestatie_with_8021():
    historie = historie_met()
    registreer(declaratie(), historie)

    uitkomst = beoordeel(build(_volgende_declaratie("P-0001")), historie=historie, vandaag=VANDAAG)

    [prestatie] = uitkomst.retour.declaratie_antwoord.clienten[0].prestaties
    assert prestatie.retour_codes == ["8021"]
