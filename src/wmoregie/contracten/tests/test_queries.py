"""The contract pages and API lists need a fixed number of queries, however many agreements,
subcontractors and price sheets they show (#14 B): never more than 20, and a list costs the
same for a few rows as for many, per role."""

from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.catalogi.tests.factories import RegioFactory

from .factories import OnderaanneemcontractFactory, OnderaannemerFactory, OvereenkomstFactory

pytestmark = pytest.mark.django_db

MAX_QUERIES = 20


@pytest.fixture
def opzet(maak_gebruiker):
    """A region with a consortium and a subcontractor; ``erbij(n)`` adds n agreements of the
    consortium, each with two subcontractors and a subcontract (with its price sheet) of the
    subcontractor."""
    regio = RegioFactory()
    consortium = OrganisatieFactory()
    onderaannemer = OrganisatieFactory()
    gebruikers = {
        "contractmanager": maak_gebruiker(Rol.CONTRACTMANAGER, regio=regio),
        "backoffice": maak_gebruiker(Rol.BACKOFFICE, organisatie=consortium),
        "onderaannemer": maak_gebruiker(Rol.ONDERAANNEMER_MEDEWERKER, organisatie=onderaannemer),
    }

    def erbij(aantal):
        overeenkomsten = []
        for _ in range(aantal):
            overeenkomst = OvereenkomstFactory(regio=regio, opdrachtnemer=consortium)
            OnderaannemerFactory(overeenkomst=overeenkomst)
            OnderaanneemcontractFactory(
                onderaannemer=OnderaannemerFactory(
                    overeenkomst=overeenkomst, organisatie=onderaannemer
                )
            )
            overeenkomsten.append(overeenkomst)
        return overeenkomsten

    return gebruikers, erbij


def _kost(client, gebruiker, url, django_assert_max_num_queries):
    client.force_login(gebruiker)
    with django_assert_max_num_queries(MAX_QUERIES) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200, url
    return len(vastgelegd)


LIJSTEN = {
    reverse("contracten:overzicht"): ("contractmanager", "backoffice", "onderaannemer"),
    "/api/v1/contracten/overeenkomsten/": ("contractmanager", "backoffice"),
    "/api/v1/contracten/budgetten/": ("contractmanager", "backoffice"),
    "/api/v1/contracten/onderaannemers/": ("contractmanager", "backoffice"),
    "/api/v1/contracten/prijsbladen/": ("contractmanager", "backoffice", "onderaannemer"),
    "/api/v1/contracten/tarieven/": ("contractmanager", "backoffice"),
    "/api/v1/contracten/onderaanneemcontracten/": (
        "contractmanager",
        "backoffice",
        "onderaannemer",
    ),
}


@pytest.mark.parametrize("url", list(LIJSTEN))
def test_a_list_costs_the_same_for_2_agreements_as_for_6(
    client, opzet, django_assert_max_num_queries, url
):
    gebruikers, erbij = opzet

    def kosten():
        return {
            rol: _kost(client, gebruikers[rol], url, django_assert_max_num_queries)
            for rol in LIJSTEN[url]
        }

    erbij(2)
    weinig = kosten()
    erbij(4)

    assert kosten() == weinig


PAGINAS = ("overeenkomst", "onderaannemers", "tarieven")


@pytest.mark.parametrize("pagina", PAGINAS)
def test_an_agreement_page_costs_the_same_with_1_subcontractor_as_with_6(
    client, opzet, django_assert_max_num_queries, pagina
):
    gebruikers, erbij = opzet
    [overeenkomst] = erbij(1)
    url = reverse(f"contracten:{pagina}", args=[overeenkomst.pk])
    weinig = _kost(client, gebruikers["contractmanager"], url, django_assert_max_num_queries)
    for _ in range(5):
        OnderaanneemcontractFactory(onderaannemer=OnderaannemerFactory(overeenkomst=overeenkomst))

    assert _kost(client, gebruikers["contractmanager"], url, django_assert_max_num_queries) == (
        weinig
    )


def test_the_demo_pages_stay_within_the_limit(client, demo, django_assert_max_num_queries):
    from wmoregie.accounts.models import User
    from wmoregie.contracten.models import Budget, Onderaannemer, Prijsblad

    cm = User.objects.get(username="contractmanager")
    for url in (
        reverse("contracten:overzicht"),
        reverse("contracten:overeenkomst", args=[demo.pk]),
        reverse("contracten:onderaannemers", args=[demo.pk]),
        reverse("contracten:tarieven", args=[demo.pk]),
        reverse("contracten:budget", args=[Budget.objects.filter(overeenkomst=demo).first().pk]),
        reverse("contracten:prijsblad", args=[Prijsblad.objects.first().pk]),
        reverse("contracten:onderaannemer", args=[Onderaannemer.objects.first().pk]),
    ):
        _kost(client, cm, url, django_assert_max_num_queries)
    for gebruikersnaam in ("backoffice", "gemeente", "onderaannemer"):
        _kost(
            client,
            User.objects.get(username=gebruikersnaam),
            reverse("contracten:overzicht"),
            django_assert_max_num_queries,
        )
