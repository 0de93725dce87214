"""The procurement pages and API lists need a fixed number of queries, however many
registrations, parties and documents they show (#14 B).

The rule checks of a registration read its parties and those of the whole procedure: a page
with a row per registration reads them once for all rows, not once per row. Each page is
measured per role for a procedure with 3 tenders and for one with 8 (each tender with a
subcontractor and its documents): both cost the same, and never more than 20 queries.
"""

from decimal import Decimal

from django.urls import reverse

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import PartijRol
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory

from .factories import PartijFactory, voldoet_aan_regels
from .gunning_helpers import in_beoordeling, nieuwe_beoordelaar

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


def _procedure(regio, inkoper, aantal, start):
    namen = [f"Zorgaanbieder {start + n}" for n in range(aantal)]
    aanbesteding = in_beoordeling(regio, inkoper, namen=namen)
    for inschrijving in aanbesteding.inschrijvingen.all():
        PartijFactory(inschrijving=inschrijving, rol=PartijRol.VASTE_ONDERAANNEMER)
        voldoet_aan_regels(inschrijving)
    return aanbesteding


@pytest.fixture
def opzet(regio, inkoper):
    """Two procedures of the region in the award assessment (3 and 8 tenders), an assessor
    who signed both declarations and a bidder with a tender in each."""
    weinig = _procedure(regio, inkoper, 3, 0)
    veel = _procedure(regio, inkoper, 8, 10)
    beoordelaar = nieuwe_beoordelaar(regio)
    for aanbesteding in (weinig, veel):
        services.teken_belangenverklaring(
            aanbesteding, gebruiker=beoordelaar, geen_belangenconflict=True
        )
    inschrijver = UserFactory()
    for aanbesteding in (weinig, veel):
        RoltoekenningFactory(
            gebruiker=inschrijver,
            rol=Rol.INSCHRIJVER,
            organisatie=aanbesteding.inschrijvingen.first().organisatie,
        )
    return {
        "weinig": weinig,
        "veel": veel,
        "gebruikers": {"inkoper": inkoper, "beoordelaar": beoordelaar, "inschrijver": inschrijver},
    }


def _kost(client, gebruiker, url, django_assert_max_num_queries):
    client.force_login(gebruiker)
    with django_assert_max_num_queries(MAX_QUERIES) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, url
    return len(vastgelegd)


#: Per page, the roles that open it.
PAGINAS = {
    "aanbestedingen:detail": ("inkoper", "beoordelaar", "inschrijver"),
    "aanbestedingen:selectie-overzicht": ("inkoper", "beoordelaar"),
    "aanbestedingen:gunning": ("inkoper",),
    "aanbestedingen:beoordelen": ("beoordelaar",),
}


@pytest.mark.parametrize("pagina", list(PAGINAS))
def test_a_procedure_page_costs_the_same_for_3_tenders_as_for_8(
    client, opzet, django_assert_max_num_queries, pagina
):
    for rol in PAGINAS[pagina]:
        gebruiker = opzet["gebruikers"][rol]
        weinig = _kost(
            client,
            gebruiker,
            reverse(pagina, args=[opzet["weinig"].pk]),
            django_assert_max_num_queries,
        )
        veel = _kost(
            client,
            gebruiker,
            reverse(pagina, args=[opzet["veel"].pk]),
            django_assert_max_num_queries,
        )
        assert veel == weinig, rol


@pytest.mark.parametrize("rol", ["inkoper", "beoordelaar", "inschrijver"])
def test_a_registration_page_stays_within_the_limit(
    client, opzet, django_assert_max_num_queries, rol
):
    inschrijving = opzet["veel"].inschrijvingen.first()  # the bidder's own
    kosten = {
        _kost(
            client,
            opzet["gebruikers"][rol],
            reverse("aanbestedingen:inschrijving", args=[i.pk]),
            django_assert_max_num_queries,
        )
        for i in (inschrijving, opzet["weinig"].inschrijvingen.first())
    }
    assert len(kosten) == 1


#: Per API list, the roles that read it.
API_LIJSTEN = {
    "aanbestedingen": ("inkoper", "beoordelaar", "inschrijver"),
    "inschrijvingen": ("inkoper", "beoordelaar", "inschrijver"),
    "selectietoetsingen": ("inkoper", "beoordelaar"),
    "beoordelingen": ("inkoper", "beoordelaar"),
    "selectiebrieven": ("inkoper", "inschrijver"),
    "nota-van-inlichtingen": ("inkoper", "inschrijver"),
}


@pytest.mark.parametrize("lijst", list(API_LIJSTEN))
def test_an_api_list_costs_the_same_for_3_rows_as_for_many(
    client, regio, inkoper, django_assert_max_num_queries, lijst
):
    url = f"/api/v1/aanbestedingen/{lijst}/"
    beoordelaar = nieuwe_beoordelaar(regio)
    inschrijver = UserFactory()
    gebruikers = {"inkoper": inkoper, "beoordelaar": beoordelaar, "inschrijver": inschrijver}

    def erbij(aantal, start):
        aanbesteding = _procedure(regio, inkoper, aantal, start)
        services.teken_belangenverklaring(
            aanbesteding, gebruiker=beoordelaar, geen_belangenconflict=True
        )
        for inschrijving in aanbesteding.inschrijvingen.all():
            RoltoekenningFactory(
                gebruiker=inschrijver, rol=Rol.INSCHRIJVER, organisatie=inschrijving.organisatie
            )
            if lijst == "beoordelingen":
                for criterium in aanbesteding.criteria.all():
                    services.beoordeel(
                        inschrijving,
                        criterium,
                        gebruiker=beoordelaar,
                        score=Decimal(7),
                        motivering="Goed.",
                    )

    def kosten():
        return {
            rol: _kost(client, gebruikers[rol], url, django_assert_max_num_queries)
            for rol in API_LIJSTEN[lijst]
        }

    erbij(3, 0)
    weinig = kosten()
    erbij(8, 10)

    assert kosten() == weinig


def test_the_procedure_list_costs_the_same_for_1_procedure_as_for_3(
    client, regio, inkoper, django_assert_max_num_queries
):
    url = reverse("aanbestedingen:overzicht")
    _procedure(regio, inkoper, 1, 0)
    weinig = _kost(client, inkoper, url, django_assert_max_num_queries)
    _procedure(regio, inkoper, 1, 10)
    _procedure(regio, inkoper, 1, 20)

    assert _kost(client, inkoper, url, django_assert_max_num_queries) == weinig


def _schrijvende(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().split(" ", 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]


@pytest.mark.parametrize(
    ("_case", "pagina", "args", "rollen"),
    [
        ("procedure page", "aanbestedingen:detail", (), ("inkoper", "beoordelaar", "inschrijver")),
        ("eforms page", "aanbestedingen:eforms", (), ("inkoper",)),
        ("eforms preview", "aanbestedingen:eforms-voorbeeld", ("cn",), ("inkoper",)),
    ],
)
def test_a_get_of_a_procedure_page_writes_nothing(client, opzet, _case, pagina, args, rollen):
    """A GET reads: the eForms record of a procedure is not created by looking at the page
    (it was, on the first visit), but by the first value recorded or notice handed out."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wmoregie.aanbestedingen.eforms.models import EformsGegevens

    aanbesteding = opzet["weinig"]
    for rol in rollen:
        client.force_login(opzet["gebruikers"][rol])
        with CaptureQueriesContext(connection) as vastgelegd:
            antwoord = client.get(reverse(pagina, args=[aanbesteding.pk, *args]))
        assert antwoord.status_code == 200, rol
        assert _schrijvende(vastgelegd.captured_queries) == [], rol
    assert not EformsGegevens.objects.filter(aanbesteding=aanbesteding).exists()


def test_the_procedure_page_shows_the_eforms_values_once_recorded(client, opzet):
    """The page reads the eForms record with the procedure: once stored, the checklist uses
    it (here: the platform address is no longer reported missing)."""
    from wmoregie.aanbestedingen.eforms import services as eforms_services

    aanbesteding = opzet["weinig"]
    inkoper = opzet["gebruikers"]["inkoper"]
    client.force_login(inkoper)
    url = reverse("aanbestedingen:detail", args=[aanbesteding.pk])
    voor = [o.code for n in client.get(url).context["eforms"] for o in n["lijst"]]

    eforms_services.wijzig_eforms_gegevens(
        aanbesteding, gebruiker=inkoper, platform_url="https://www.tenderned.nl/aankondigingen/1"
    )
    na = [o.code for n in client.get(url).context["eforms"] for o in n["lijst"]]

    assert "platform-ontbreekt" in voor
    assert "platform-ontbreekt" not in na
