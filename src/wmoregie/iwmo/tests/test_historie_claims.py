"""The claim, request and stop rules (TR319-TR418) on the database history.

The scenarios of the library (``iwmo.tests.test_laag3_historie``) run here against
:class:`DatabaseHistorie`: once with a fresh history per step (every answer comes from the
tables) and once with one history for all steps (a batch: the answers come from writes that
are not flushed yet). The contract data come from contracten and catalogi.
"""

from datetime import date
from decimal import Decimal

import pytest
from iwmo.berichten import build
from iwmo.berichten.basis import Product
from iwmo.tests import factories
from iwmo.tests.test_laag3_historie import SCENARIOS, claim, prestatie, toewijzing
from iwmo.validatie import validate
from iwmo.validatie.laag3 import Variant, registreer

from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.tests.factories import GemeenteFactory, PerceelFactory, ProductFactory
from wmoregie.contracten.models import Tarief
from wmoregie.contracten.tests.factories import OvereenkomstFactory
from wmoregie.iwmo.models import Bericht, Feit
from wmoregie.iwmo.uitwisseling import ingest, mappen, verstuur
from wmoregie.iwmo.uitwisseling.historie import DatabaseHistorie

G = factories.GEMEENTE


class Vers:
    """Each step on a fresh DatabaseHistorie, flushed after a registration."""

    def regels(self, bericht, variant=Variant.INSPANNINGSGERICHT) -> list[str]:
        historie = DatabaseHistorie()
        return [f.rule for f in validate(build(bericht), historie=historie, variant=variant)]

    def registreer(self, bericht, **kwargs) -> None:
        historie = DatabaseHistorie()
        registreer(bericht, historie, **kwargs)
        historie.flush()


class Batch:
    """All steps on one DatabaseHistorie, nothing flushed until the end (one batch)."""

    def __init__(self) -> None:
        self.historie = DatabaseHistorie()

    def regels(self, bericht, variant=Variant.INSPANNINGSGERICHT) -> list[str]:
        return [f.rule for f in validate(build(bericht), historie=self.historie, variant=variant)]

    def registreer(self, bericht, **kwargs) -> None:
        registreer(bericht, self.historie, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_scenario_on_the_database(scenario):
    scenario(Vers())


@pytest.mark.django_db
@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.__name__)
def test_scenario_in_one_batch(scenario):
    batch = Batch()

    scenario(batch)

    batch.historie.flush()


@pytest.mark.django_db
def test_an_approved_credit_is_kept_on_its_debet():
    stap = Vers()
    stap.registreer(toewijzing())
    stap.registreer(claim(prestatie("P-1")))
    stap.registreer(claim(prestatie("P-2", dc="C", vorig="P-1"), m=5))

    debet = DatabaseHistorie().prestatie(factories.AANBIEDER, "P-1")

    assert (debet.debet, debet.gecrediteerd, debet.volume) == (True, True, 12)
    assert Feit.objects.get(soort="prestatie", sleutel=f"{factories.AANBIEDER}/P-1").bsn == (
        factories.BSN
    )


# --- contract data from contracten and catalogi --------------------------------------------------


@pytest.fixture
def contract():
    """The region of 0307 with product 02A01 (hours) agreed with the aanbieder at 60,00."""
    gemeente = GemeenteFactory(code=G)
    perceel = PerceelFactory(
        regio=gemeente.regio, bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT
    )
    product = ProductFactory(
        perceel=perceel, productcategorie="02", productcode="02A01", eenheid="04"
    )
    overeenkomst = OvereenkomstFactory(
        regio=gemeente.regio,
        perceel=perceel,
        opdrachtnemer=OrganisatieFactory(agb_code=factories.AANBIEDER),
    )
    return Tarief.objects.create(
        overeenkomst=overeenkomst,
        product=product,
        eenheid="04",
        bedrag=Decimal("60.00"),
        geldig_van=date(2025, 1, 1),
    )


@pytest.mark.django_db
def test_tr418_the_tariff_agreed_in_contracten(contract):
    stap = Vers()
    stap.registreer(toewijzing())

    assert stap.regels(claim(prestatie("P-1"))) == ["TR418"]  # 65,50 claimed
    goed = claim(prestatie("P-1"))
    goed.declaratie.clienten[0].prestaties[0].product_tarief = 6000
    goed.declaratie.clienten[0].prestaties[0].ingediend_bedrag.bedrag = 12 * 6000
    goed.declaratie.totaal_ingediend_bedrag.totaal_bedrag = 12 * 6000
    assert stap.regels(goed) == []


@pytest.mark.django_db
def test_tr418_another_aanbieder_or_a_concept_agreement_is_not_checked(contract):
    stap = Vers()
    stap.registreer(toewijzing())
    contract.overeenkomst.status = "concept"
    contract.overeenkomst.save()

    assert stap.regels(claim(prestatie("P-1"))) == []


@pytest.mark.django_db
def test_tr381_the_product_codes_of_the_regions_catalogue(contract):
    stap = Vers()

    assert stap.regels(toewijzing(product=Product(categorie="02", code="02A09"))) == ["TR381"]
    assert stap.regels(toewijzing(product=Product(categorie="07", code="02A01"))) != []
    assert stap.regels(toewijzing()) == []


@pytest.mark.django_db
def test_the_exchange_answers_a_claim_at_another_tariff_with_0611(tmp_path, contract):
    verstuur(tmp_path, G, build(toewijzing()), vandaag=date(2025, 3, 10))
    bericht = claim(prestatie("P-1"))
    (mappen(tmp_path, G).inbox / "declaratie.xml").write_bytes(build(bericht))

    ingest(tmp_path, G, vandaag=date(2025, 5, 6))

    ontvangen = Bericht.objects.get(bestandsnaam="declaratie.xml")
    assert ontvangen.retourcodes.split().count("0611") == 1
    assert ontvangen.bevindingen.get(regel="TR418").retourcode == "0611"
