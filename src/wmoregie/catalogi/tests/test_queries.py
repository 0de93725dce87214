"""The catalogue pages and API lists need a fixed number of queries, however many lots,
products and municipalities there are (#14 B): never more than 20, and the same for the
shipped catalogue as for one with 20 products more."""

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import (
    OrganisatieFactory,
    RoltoekenningFactory,
    UserFactory,
)
from wmoregie.catalogi.models import Regio

from .factories import GebiedsteamFactory, PerceelFactory, ProductFactory

MAX_QUERIES = 20

PAGINAS = [
    "/catalogus/",
    "/catalogus/gemeenten/",
    "/catalogus/was-2025/",
    "/api/v1/catalogi/regios/",
    "/api/v1/catalogi/gemeenten/",
    "/api/v1/catalogi/gebiedsteams/",
    "/api/v1/catalogi/percelen/",
    "/api/v1/catalogi/producten/",
]


@pytest.mark.parametrize("url", PAGINAS)
@pytest.mark.parametrize("rol", [Rol.CONTRACTMANAGER, Rol.INSCHRIJVER])
def test_a_catalogue_list_costs_the_same_with_20_products_more(
    client, catalogus, django_assert_max_num_queries, url, rol
):
    regio = Regio.objects.first()
    gebruiker = UserFactory()
    if rol == Rol.INSCHRIJVER:
        RoltoekenningFactory(gebruiker=gebruiker, rol=rol, organisatie=OrganisatieFactory())
    else:
        RoltoekenningFactory(gebruiker=gebruiker, rol=rol, regio=regio)
    client.force_login(gebruiker)

    def kost():
        with django_assert_max_num_queries(MAX_QUERIES) as vastgelegd:
            antwoord = client.get(url)
        assert antwoord.status_code == 200
        return len(vastgelegd)

    weinig = kost()
    for _ in range(4):
        perceel = PerceelFactory(regio=regio)
        for _ in range(5):
            ProductFactory(perceel=perceel)
    GebiedsteamFactory(gemeente=regio.gemeenten.first())

    assert kost() == weinig
