"""Layer 3, WMO317: the request against the client's toewijzingen (TR349, TR357, TR411, TR412).

Every case registers the 301 first, then validates the 317 as XML (layers 1-3), so the request
is valid in itself and only the rule of the case can fail. The 317 is dated 10-03-2025.
"""

from datetime import date

import pytest

from iwmo.berichten import build, wmo317
from iwmo.berichten.basis import Omvang, Product
from iwmo.retour import beoordeel
from iwmo.validatie import validate
from iwmo.validatie.laag3 import GeheugenHistorie, Variant, registreer

from . import factories
from .test_retour import wmo317_geldig

VANDAAG = date(2026, 1, 5)


def historie_met(*toegewezen_producten):
    """A history with the given toewijzingen of the factory client (default: 2025001, 02A01)."""
    historie = GeheugenHistorie()
    producten = list(toegewezen_producten) or [factories.toegewezen_product()]
    registreer(factories.wmo301_bericht(toegewezen_producten=producten), historie)
    return historie


def regels(bericht, historie, variant=Variant.INSPANNINGSGERICHT):
    return [f.rule for f in validate(build(bericht), historie=historie, variant=variant)]


def dagbesteding(**overrides):
    """A second toewijzing 2025002 (07A02), current on the Dagtekening unless overridden."""
    waarden = {
        "toewijzing_nummer": 2025002,
        "product": Product(categorie="07", code="07A02"),
        "omvang": Omvang(volume=4, eenheid="16", frequentie="2"),
    }
    return factories.toegewezen_product(**(waarden | overrides))


def wijziging(**overrides):
    """A 317 that changes toewijzing 2025001 (TeWijzigenProduct fields overridden)."""
    bericht = wmo317_geldig()
    product = bericht.client.verzoek.te_wijzigen_producten[0]
    for naam, waarde in overrides.items():
        setattr(product, naam, waarde)
    return bericht


def ongewijzigd(bericht, *nummers):
    bericht.client.verzoek.ongewijzigde_producten = [
        wmo317.OngewijzigdProduct(toewijzing_nummer=n) for n in nummers
    ]
    return bericht


ASPECIFIEK = {"product": Product(categorie="02"), "omvang": None}  # no code: no Omvang (CD080)


# TR349
def test_tr349_a_current_toewijzing_left_out_is_refused():
    historie = historie_met(factories.toegewezen_product(), dagbesteding())

    assert regels(wmo317_geldig(), historie) == ["TR349"]


def test_tr349_every_current_toewijzing_listed_passes():
    historie = historie_met(factories.toegewezen_product(), dagbesteding())

    assert regels(ongewijzigd(wmo317_geldig(), 2025002), historie) == []


@pytest.mark.parametrize(
    "tweede",
    [
        pytest.param(
            dagbesteding(ingangsdatum=date(2025, 1, 1), einddatum=date(2025, 3, 9)),
            id="ended before the dagtekening",
        ),
        pytest.param(
            dagbesteding(reden_wijziging="13", einddatum=date(2025, 4, 1)), id="deleted (13)"
        ),
    ],
)
def test_tr349_a_toewijzing_that_is_not_current_need_not_be_listed(tweede):
    historie = historie_met(factories.toegewezen_product(), tweede)

    assert regels(wmo317_geldig(), historie) == []


def test_tr349_a_future_toewijzing_is_current():
    historie = historie_met(factories.toegewezen_product(), dagbesteding())  # starts 01-04-2025

    assert "TR349" in regels(wmo317_geldig(), historie)


def test_tr349_toewijzingen_at_another_aanbieder_need_not_be_listed():
    historie = historie_met()
    elders = factories.wmo301_bericht(toegewezen_producten=[dagbesteding()])
    elders.header.ontvanger = "12345678"
    registreer(elders, historie)

    assert regels(wmo317_geldig(), historie) == []


# TR357
def test_tr357_change_not_in_the_future_from_another_date_is_refused():
    historie = historie_met(factories.toegewezen_product(ingangsdatum=date(2025, 1, 1)))

    assert regels(wijziging(gewenste_ingangsdatum=date(2025, 3, 1)), historie) == ["TR357"]


@pytest.mark.parametrize(
    "gewenst",
    [
        pytest.param(date(2025, 1, 1), id="from the ingangsdatum (whole term)"),
        pytest.param(date(2025, 6, 1), id="in the future"),
    ],
)
def test_tr357_change_from_the_ingangsdatum_or_in_the_future_passes(gewenst):
    historie = historie_met(factories.toegewezen_product(ingangsdatum=date(2025, 1, 1)))

    assert regels(wijziging(gewenste_ingangsdatum=gewenst), historie) == []


# TR411
def test_tr411_toewijzing_with_a_code_and_no_omvang_is_refused():
    assert regels(wijziging(omvang=None), historie_met()) == ["TR411"]


def test_tr411_toewijzing_with_a_code_and_an_omvang_passes():
    assert regels(wijziging(), historie_met()) == []


# TR412
def test_tr412_toewijzing_without_a_code_and_an_omvang_is_refused():
    historie = historie_met(factories.toegewezen_product(**ASPECIFIEK))

    assert regels(wijziging(), historie) == ["TR412"]


def test_tr412_toewijzing_without_a_code_and_no_omvang_passes():
    historie = historie_met(factories.toegewezen_product(**ASPECIFIEK))

    assert regels(wijziging(omvang=None), historie) == []


def test_tr412_does_not_apply_to_a_toewijzing_that_ended_before_2021():
    historie = historie_met(
        factories.toegewezen_product(
            ingangsdatum=date(2020, 1, 1), einddatum=date(2020, 12, 31), **ASPECIFIEK
        )
    )

    assert "TR412" not in regels(wijziging(), historie)  # TR351: not current any more


# retour codes
@pytest.mark.parametrize(
    ("historie", "bericht", "code"),
    [
        pytest.param(
            lambda: historie_met(factories.toegewezen_product(ingangsdatum=date(2025, 1, 1))),
            lambda: wijziging(gewenste_ingangsdatum=date(2025, 3, 1)),
            "9357",
            id="tr357",
        ),
        pytest.param(historie_met, lambda: wijziging(omvang=None), "9411", id="tr411"),
        pytest.param(
            lambda: historie_met(factories.toegewezen_product(**ASPECIFIEK)),
            wijziging,
            "9412",
            id="tr412",
        ),
    ],
)
def test_the_318_has_the_code_on_the_te_wijzigen_product(historie, bericht, code):
    uitkomst = beoordeel(build(bericht()), historie=historie(), vandaag=VANDAAG)

    verzoek = uitkomst.retour.client.verzoek
    assert verzoek.retour_codes == ["0200"]
    assert verzoek.te_wijzigen_producten[0].retour_codes == [code]
    assert uitkomst.retourcodes.count(code) == 1


def test_the_318_has_9349_on_the_verzoek():
    historie = historie_met(factories.toegewezen_product(), dagbesteding())

    uitkomst = beoordeel(build(wmo317_geldig()), historie=historie, vandaag=VANDAAG)

    verzoek = uitkomst.retour.client.verzoek
    assert verzoek.retour_codes == ["9349"]
    assert verzoek.te_wijzigen_producten[0].retour_codes == ["0200"]


def test_taakgericht_has_no_toewijzingen_so_only_the_variant_refuses_the_317():
    historie = historie_met(factories.toegewezen_product(), dagbesteding())

    assert regels(wijziging(omvang=None), historie, Variant.TAAKGERICHT) == ["VARIANT"]


# TR304
def test_tr304_a_request_on_another_clients_toewijzing_gives_8187():
    """The toewijzing exists at this aanbieder, but for another client: 8187, not TR350/TR351."""
    historie = historie_met()  # 2025001 of the factory client
    andere = factories.wmo301_bericht(
        toegewezen_producten=[dagbesteding(toewijzing_nummer=2025009)]
    )
    andere.client.bsn = "999900018"  # another client (elfproef)
    andere.header.bericht_identificatie.identificatie = "G2025-0009"
    registreer(andere, historie)
    bericht = ongewijzigd(wmo317_geldig(), 2025009)

    assert regels(bericht, historie) == ["TR304"]

    uitkomst = beoordeel(build(bericht), historie=historie, vandaag=VANDAAG)
    product = uitkomst.retour.client.verzoek.ongewijzigde_producten[0]
    assert product.retour_codes == ["8187"]


def test_tr304_the_clients_own_toewijzing_passes():
    assert regels(wmo317_geldig(), historie_met()) == []
