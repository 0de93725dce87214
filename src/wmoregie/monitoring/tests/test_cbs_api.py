"""The CBS-comparable figures through the API and the page, scoped like the dashboards, with
the small-cell suppression applied (hand-computed from tests/conftest.py: in 2026-1 Amersfoort
has 2 clients and Soest 1; the region 3)."""

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.models import Cijferinstelling

pytestmark = pytest.mark.django_db

URL = "/api/v1/monitoring/cbs/"


def vraag(client, gebruiker, **params):
    client.force_login(gebruiker)
    return client.get(URL, params)


def test_small_numbers_are_suppressed_by_default(client, cijfers):
    antwoord = vraag(
        client, cijfers.gebruikers["contractmanager"], gemeente="0307", halfjaar="2026-1"
    )
    assert antwoord.status_code == 200
    data = antwoord.json()
    assert data["gemeentenaam"] == "Amersfoort"
    assert data["inwoners"] == 160_000
    assert data["clienten"] == {"waarde": None, "onderdrukt": True, "weergave": "."}
    assert data["clienten_per_1000_inwoners"]["weergave"] == "."
    assert data["onderdrukking"] == {"drempel": 5, "afronding": 5, "teken": "."}
    assert AuditEntry.objects.filter(actie="monitoring.cbs-opgevraagd").exists()


def test_configured_threshold_publishes_the_counts(client, cijfers):
    Cijferinstelling.objects.create(regio=cijfers.regio, drempel=1, afronding=1)
    data = vraag(
        client, cijfers.gebruikers["contractmanager"], gemeente="0307", halfjaar="2026-1"
    ).json()
    assert data["clienten"] == {"waarde": 2, "onderdrukt": False, "weergave": "2"}
    assert data["clienten_per_1000_inwoners"]["waarde"] == 0  # 2 / 160,000 × 1,000 = 0.0125
    producten = next(u for u in data["uitsplitsingen"] if u["titel"] == "Per product")
    assert [(r["label"], r["clienten"]["waarde"]) for r in producten["rijen"]] == [
        ("Praktische begeleiding", 2)
    ]
    geslacht = next(u for u in data["uitsplitsingen"] if u["titel"] == "Per geslacht")
    assert [r["clienten"]["waarde"] for r in geslacht["rijen"]] == [1, 1, 0]
    regio = vraag(
        client, cijfers.gebruikers["contractmanager"], gemeente="regio", halfjaar="2026-1"
    ).json()
    assert (regio["clienten"]["waarde"], regio["inwoners"]) == (3, 207_000)


@pytest.mark.parametrize(
    "_case, rol, gemeente, verwacht",
    [
        ("region sees every municipality", "contractmanager", "0342", 200),
        ("inkoper sees aggregates", "inkoper", "0342", 200),
        ("municipality its own", "gemeente", "0307", 200),
        ("municipality the region totals", "gemeente", "regio", 200),
        ("municipality not another", "gemeente", "0342", 403),
        ("area team its municipality", "gebiedsteam", "0307", 200),
        ("area team not another", "gebiedsteam", "0342", 403),
        ("back office its own work", "backoffice", "0342", 200),
        ("subcontractor its own work", "onderaannemer", "0342", 200),
        ("tenderer none", "inschrijver", "0307", 403),
        ("privacy officer none", "privacy", "0307", 403),
    ],
)
def test_scope_matrix(client, cijfers, _case, rol, gemeente, verwacht):
    antwoord = vraag(client, cijfers.gebruikers[rol], gemeente=gemeente, halfjaar="2026-1")
    assert antwoord.status_code == verwacht
    if verwacht == 403 and rol == "gemeente":
        assert antwoord.json()["code"] == "gemeente-buiten-scope"


def test_subcontractor_counts_only_its_own_clients(client, cijfers):
    Cijferinstelling.objects.create(regio=cijfers.regio, drempel=1, afronding=1)
    eigen = vraag(client, cijfers.gebruikers["onderaannemer"], gemeente="0307", halfjaar="2026-1")
    assert eigen.json()["clienten"]["waarde"] == 0  # it works for nobody in Amersfoort
    ander = vraag(
        client, cijfers.gebruikers["ander_onderaannemer"], gemeente="0342", halfjaar="2026-1"
    )
    assert ander.json()["clienten"]["waarde"] == 0


@pytest.mark.parametrize(
    "_case, params, code",
    [
        ("bad half year", {"gemeente": "0307", "halfjaar": "2026-3"}, "halfjaar-ongeldig"),
        ("no half year", {"gemeente": "0307"}, "halfjaar-ongeldig"),
        ("unknown municipality", {"gemeente": "9999", "halfjaar": "2026-1"}, "gemeente-onbekend"),
    ],
)
def test_bad_input(client, cijfers, _case, params, code):
    antwoord = vraag(client, cijfers.gebruikers["contractmanager"], **params)
    assert antwoord.status_code == 400
    assert antwoord.json()["code"] == code
    assert antwoord.json()["detail"]


def test_anonymous_is_asked_to_authenticate(client, cijfers):
    antwoord = client.get(URL, {"gemeente": "0307", "halfjaar": "2026-1"})
    assert antwoord.status_code == 401 and antwoord["WWW-Authenticate"] == "Bearer"


def test_cbs_page_shows_dots_and_the_region(client, cijfers):
    client.force_login(cijfers.gebruikers["gemeente"])
    html = client.get("/monitoring/cbs/", {"halfjaar": "2026-1"}).content.decode()
    assert "Regio (alle gemeenten)" in html
    assert '<th scope="row">Soest</th>' not in html
    assert '<td class="getal">.</td>' in html
    assert client.get("/monitoring/cbs/", {"halfjaar": "2026"}).status_code == 400
