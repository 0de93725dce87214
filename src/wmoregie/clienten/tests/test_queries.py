"""The client pages need a fixed number of queries, however many rows they show (#14 B).

A list page shows a page of rows and logs one audit entry per client on it: both must cost
the same few queries for 3 rows as for 25.
"""

from datetime import date

from django.urls import reverse

import pytest

from wmoregie.audit.models import AuditEntry

from .factories import ClientFactory, TrajectFactory

MAX_QUERIES = 20


def _bsns(aantal):
    """Distinct BSNs of the test range (starting 9999) that pass the elfproef."""
    gevonden = []
    for n in range(99990000, 99999999):
        cijfers = str(n)
        som = sum(int(c) * w for c, w in zip(cijfers, range(9, 1, -1), strict=True))
        laatste = som % 11
        if laatste < 10:
            gevonden.append(cijfers + str(laatste))
            if len(gevonden) == aantal:
                return gevonden
    raise AssertionError("te weinig test-BSN's")


def _trajecten(wereld, aantal, vanaf=0):
    return [
        TrajectFactory(
            aanmelding__client=ClientFactory(bsn=bsn, gemeente=wereld.amersfoort),
            aanmelding__overeenkomst=wereld.overeenkomst,
            aanmelding__product=wereld.begeleiding,
            aanmelding__gebiedsteam=wereld.team_noord,
            aanmelding__aangemeld_op=date(2026, 3, 2),
        )
        for bsn in _bsns(vanaf + aantal)[vanaf:]
    ]


def _pagina_kost(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_QUERIES) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(vastgelegd)


ROLLEN = ["backoffice", "gemeente", "gebiedsteam"]


@pytest.mark.parametrize(
    "pagina",
    ["clienten:trajecten", "clienten:aanmeldingen", "clienten:start", "clienten:wachttijden"],
)
def test_a_list_costs_the_same_queries_for_three_rows_as_for_a_full_page(
    wereld, client, django_assert_max_num_queries, pagina
):
    url = reverse(pagina)

    def kosten():
        per_rol = {}
        for rol in ROLLEN:
            client.force_login(wereld.gebruikers[rol])
            per_rol[rol] = _pagina_kost(client, url, django_assert_max_num_queries)
        return per_rol

    _trajecten(wereld, 3)
    weinig = kosten()
    _trajecten(wereld, 27, vanaf=3)

    assert kosten() == weinig


def test_a_list_logs_every_client_it_shows(wereld, client):
    trajecten = _trajecten(wereld, 30)
    client.force_login(wereld.gebruikers["backoffice"])

    client.get(reverse("clienten:trajecten"))

    gelogd = set(
        AuditEntry.objects.filter(actie="traject.lijst-bekeken").values_list(
            "betreft_client", flat=True
        )
    )
    assert len(gelogd) == 25  # one page
    assert gelogd <= {t.client_id for t in trajecten}


@pytest.mark.parametrize("pagina", ["clienten:client", "clienten:traject"])
def test_a_detail_page_stays_within_the_limit(
    wereld, client, django_assert_max_num_queries, pagina
):
    traject = _trajecten(wereld, 1)[0]
    client.force_login(wereld.gebruikers["backoffice"])
    pk = traject.client_id if pagina == "clienten:client" else traject.pk

    with django_assert_max_num_queries(MAX_QUERIES):
        assert client.get(reverse(pagina, args=[pk])).status_code == 200


def test_the_back_office_worklist_counts_what_the_lists_show(wereld, client):
    """The worklist reads the waiting trajectories once for three counts (#14 B); each count
    is the number of rows its link shows."""
    from wmoregie.clienten.models import Inzet
    from wmoregie.clienten.werkvoorraad import werkvoorraad

    _zonder_inzet, gesloten, open_ = _trajecten(wereld, 3)
    Inzet.objects.create(traject=gesloten, van=date(2026, 3, 3), tot=date(2026, 3, 10))
    Inzet.objects.create(traject=open_, van=date(2026, 3, 3))
    backoffice = wereld.gebruikers["backoffice"]
    client.force_login(backoffice)

    taken = {taak.url: taak.aantal for taak in werkvoorraad(backoffice)}
    zonder_url = reverse("clienten:trajecten") + "?zonder_uitvoerder=1"
    getoond = client.get(zonder_url).context["pagina"].paginator.count

    assert getoond > 0  # the closed period's trajectory at least
    assert taken[zonder_url] == getoond
    assert taken[reverse("clienten:trajecten") + "?status=wachtend"] == 3


#: The other main pages of the module, with the roles that open them.
OVERIGE_PAGINAS = {
    "clienten:berichten": ("backoffice",),
    "clienten:berichtafspraken": ("backoffice", "gemeente"),
    "clienten:verzoeken": ("gemeente",),
    "clienten:declaraties": ("backoffice",),
    "clienten:declaraties-gemeente": ("gemeente",),
    "clienten:zoeken": ROLLEN,
    "clienten:aanmelden": ("gemeente", "gebiedsteam"),
}


@pytest.mark.parametrize("pagina", list(OVERIGE_PAGINAS))
def test_the_other_main_pages_stay_within_the_limit(
    wereld, client, django_assert_max_num_queries, pagina
):
    _trajecten(wereld, 5)
    for rol in OVERIGE_PAGINAS[pagina]:
        client.force_login(wereld.gebruikers[rol])
        with django_assert_max_num_queries(MAX_QUERIES, info=f"{pagina} {rol}"):
            antwoord = client.get(reverse(pagina))
        assert antwoord.status_code == 200, (pagina, rol)
