"""A small region for the client administration's tests: two municipalities (one in wmoregie,
one with its own system), a taakgericht and a per-client lot with their agreements, a
subcontractor with a subcontract, and a user per role."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.test import override_settings

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import OrganisatieFactory, UserFactory
from wmoregie.catalogi.constants import Bekostigingsvariant, Eenheid, IwmoKanaal, Productcategorie
from wmoregie.catalogi.tests.factories import (
    GebiedsteamFactory,
    GemeenteFactory,
    PerceelFactory,
    ProductFactory,
    RegioFactory,
)
from wmoregie.contracten.tests.factories import (
    OnderaanneemcontractFactory,
    OnderaannemerFactory,
    OvereenkomstFactory,
)

from .factories import MeetinstrumentFactory, VerwijsbronFactory, WeigerredenFactory


@dataclass
class Wereld:
    regio: object
    amersfoort: object  # works in wmoregie
    soest: object  # own system, exchange folders
    team_noord: object
    team_soest: object
    begeleiding: object  # taakgericht product
    regulier: object  # second taakgericht product (with a subcontractor)
    respijt: object  # per-client product, unit etmaal
    overeenkomst: object  # taakgericht agreement of the consortium
    respijtovereenkomst: object  # per-client agreement of another provider
    consortium: object
    logeerhuis: object
    onderaannemer: object  # contracten.Onderaannemer for `regulier`
    bron: object
    weigerreden: object
    instrument: object
    gebruikers: dict


@pytest.fixture
def wereld(db) -> Wereld:
    return maak_wereld()


def maak_wereld() -> Wereld:
    """The region itself, for a fixture of any scope (the caller opens the database)."""
    regio = RegioFactory()
    amersfoort = GemeenteFactory(regio=regio, code="0307", naam="Amersfoort")
    soest = GemeenteFactory(
        regio=regio, code="0342", naam="Soest", iwmo_kanaal=IwmoKanaal.UITWISSELMAP
    )
    team_noord = GebiedsteamFactory(gemeente=amersfoort, naam="Gebiedsteam Amersfoort Noord")
    team_soest = GebiedsteamFactory(gemeente=soest, naam="Lokaal team Soest")
    taakgericht = PerceelFactory(regio=regio, bekostigingsvariant=Bekostigingsvariant.TAAKGERICHT)
    per_client = PerceelFactory(
        regio=regio, bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT
    )
    begeleiding = ProductFactory(
        perceel=taakgericht, naam="Praktische begeleiding", productcode="RAB01"
    )
    regulier = ProductFactory(perceel=taakgericht, naam="Begeleiding regulier", productcode="RAB02")
    respijt = ProductFactory(
        perceel=per_client,
        naam="Respijtverblijf",
        productcategorie=Productcategorie.KORTDUREND_VERBLIJF,
        productcode="RAR01",
        eenheid=Eenheid.ETMAAL,
    )
    consortium = OrganisatieFactory(naam="Consortium Eemland", agb_code="98765432")
    logeerhuis = OrganisatieFactory(naam="Logeerhuis", agb_code="87654321")
    overeenkomst = OvereenkomstFactory(regio=regio, perceel=taakgericht, opdrachtnemer=consortium)
    respijtovereenkomst = OvereenkomstFactory(
        regio=regio, perceel=per_client, opdrachtnemer=logeerhuis
    )
    from wmoregie.contracten.models import Tarief

    Tarief.objects.create(
        overeenkomst=respijtovereenkomst,
        product=respijt,
        eenheid=Eenheid.ETMAAL,
        bedrag=Decimal("245.80"),
        geldig_van=date(2026, 1, 1),
    )
    onderaannemer = OnderaannemerFactory(
        overeenkomst=overeenkomst, producten=[regulier], organisatie__naam="Zorgkracht"
    )
    OnderaanneemcontractFactory(onderaannemer=onderaannemer, ondertekend_op=date(2025, 12, 1))
    gebruikers = {
        "gebiedsteam": UserFactory(rol=Rol.GEBIEDSTEAM_MEDEWERKER, rol__gebiedsteam=team_noord),
        "gebiedsteam_soest": UserFactory(
            rol=Rol.GEBIEDSTEAM_MEDEWERKER, rol__gebiedsteam=team_soest
        ),
        "gemeente": UserFactory(rol=Rol.GEMEENTE_MEDEWERKER, rol__gemeente=amersfoort),
        "gemeente_soest": UserFactory(rol=Rol.GEMEENTE_MEDEWERKER, rol__gemeente=soest),
        "backoffice": UserFactory(rol=Rol.BACKOFFICE, rol__organisatie=consortium),
        "logeerhuis": UserFactory(rol=Rol.BACKOFFICE, rol__organisatie=logeerhuis),
        "onderaannemer": UserFactory(
            rol=Rol.ONDERAANNEMER_MEDEWERKER, rol__organisatie=onderaannemer.organisatie
        ),
        "ander_onderaannemer": UserFactory(rol=Rol.ONDERAANNEMER_MEDEWERKER),
        "contractmanager": UserFactory(rol=Rol.CONTRACTMANAGER, rol__regio=regio),
        "inkoper": UserFactory(rol=Rol.INKOPER, rol__regio=regio),
        "beoordelaar": UserFactory(rol=Rol.BEOORDELAAR, rol__regio=regio),
        "inschrijver": UserFactory(rol=Rol.INSCHRIJVER),
        "privacy": UserFactory(rol=Rol.FUNCTIONARIS_GEGEVENSBESCHERMING, rol__regio=regio),
    }
    return Wereld(
        regio=regio,
        amersfoort=amersfoort,
        soest=soest,
        team_noord=team_noord,
        team_soest=team_soest,
        begeleiding=begeleiding,
        regulier=regulier,
        respijt=respijt,
        overeenkomst=overeenkomst,
        respijtovereenkomst=respijtovereenkomst,
        consortium=consortium,
        logeerhuis=logeerhuis,
        onderaannemer=onderaannemer,
        bron=VerwijsbronFactory(),
        weigerreden=WeigerredenFactory(),
        instrument=MeetinstrumentFactory(),
        gebruikers=gebruikers,
    )


@pytest.fixture(scope="module")
def proefregio(django_db_setup, django_db_blocker, tmp_path_factory):
    """The region, built once for the module inside a transaction that is rolled back at its
    end; tests take ``db`` as well, so each runs in a savepoint of that transaction."""
    map_ = tmp_path_factory.mktemp("proefregio")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=map_ / "media", IWMO_UITWISSELMAP=str(map_ / "iwmo")),
        transaction.atomic(),
    ):
        from .proefregio import bouw_proefregio

        yield bouw_proefregio()
        transaction.set_rollback(True)
