"""The client API's lists need a fixed number of queries, however many rows they show, as
the pages do (#14 B): the same for 3 rows as for 30."""

import pytest

from ..test_queries import _trajecten

MAX_QUERIES = 20


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/clienten/trajecten/",
        "/api/v1/clienten/aanmeldingen/",
        "/api/v1/clienten/clienten/?naam=Vries",
    ],
)
def test_an_api_list_costs_the_same_queries_for_three_rows_as_for_thirty(
    wereld, client, django_assert_max_num_queries, url
):
    def kosten():
        per_rol = {}
        for rol in ("backoffice", "gemeente", "gebiedsteam"):
            client.force_login(wereld.gebruikers[rol])
            with django_assert_max_num_queries(MAX_QUERIES) as vastgelegd:
                antwoord = client.get(url)
            assert antwoord.status_code == 200
            per_rol[rol] = len(vastgelegd)
        return per_rol

    _trajecten(wereld, 3)
    weinig = kosten()
    _trajecten(wereld, 27, vanaf=3)

    assert kosten() == weinig
