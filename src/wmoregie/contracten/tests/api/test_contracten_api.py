from datetime import date

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import User
from wmoregie.contracten.constants import PrijsbladStatus
from wmoregie.contracten.models import Onderaanneemcontract

from ..factories import (
    OnderaanneemcontractFactory,
    OnderaannemerFactory,
    OvereenkomstFactory,
    PrijsbladFactory,
    per_client_overeenkomst,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/contracten/"


def _ids(response):
    return {item["id"] for item in response.json()["results"]}


def test_the_api_needs_a_login_and_a_contract_role(client, maak_gebruiker):
    antwoord = client.get(f"{API}prijsbladen/")  # a visitor: asked for a token (#14)
    assert antwoord.status_code == 401 and antwoord["WWW-Authenticate"] == "Bearer"
    client.force_login(maak_gebruiker(Rol.INKOPER))
    for pad in (
        "overeenkomsten/",
        "budgetten/",
        "onderaannemers/",
        "prijsbladen/",
        "onderaanneemcontracten/",
    ):
        assert client.get(f"{API}{pad}").status_code == 403, pad


def test_a_subcontractor_reads_only_its_own_contract_and_sheet_via_the_api(client, maak_gebruiker):
    eigen = OnderaanneemcontractFactory()
    ander = OnderaanneemcontractFactory(
        onderaannemer=OnderaannemerFactory(overeenkomst=eigen.onderaannemer.overeenkomst)
    )
    client.force_login(
        maak_gebruiker(Rol.ONDERAANNEMER_MEDEWERKER, organisatie=eigen.onderaannemer.organisatie)
    )
    assert _ids(client.get(f"{API}onderaanneemcontracten/")) == {eigen.pk}
    assert _ids(client.get(f"{API}prijsbladen/")) == {eigen.prijsblad.pk}
    assert client.get(f"{API}onderaanneemcontracten/{ander.pk}/").status_code == 404
    assert client.get(f"{API}prijsbladen/{ander.prijsblad.pk}/").status_code == 404
    assert client.get(f"{API}overeenkomsten/").status_code == 403
    assert client.get(f"{API}onderaannemers/").status_code == 403


def test_backoffice_reads_its_own_agreement_and_published_sheets_only(client, maak_gebruiker):
    eigen = OvereenkomstFactory()
    ander = OvereenkomstFactory()
    gepubliceerd = PrijsbladFactory(overeenkomst=eigen)
    PrijsbladFactory(overeenkomst=eigen, status=PrijsbladStatus.CONCEPT, kwalificatieniveau="mbo")
    PrijsbladFactory(overeenkomst=ander)
    onderaannemer = OnderaannemerFactory(overeenkomst=eigen)
    OnderaannemerFactory(overeenkomst=ander)
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=eigen.opdrachtnemer))
    assert _ids(client.get(f"{API}overeenkomsten/")) == {eigen.pk}
    assert _ids(client.get(f"{API}prijsbladen/")) == {gepubliceerd.pk}
    assert _ids(client.get(f"{API}onderaannemers/")) == {onderaannemer.pk}


def test_amounts_are_decimal_strings_and_each_step_is_shown(client, contractmanager):
    prijsblad = PrijsbladFactory(overeenkomst=per_client_overeenkomst())
    client.force_login(contractmanager)
    data = client.get(f"{API}prijsbladen/{prijsblad.pk}/").json()
    assert data["tarief"] == "61.67"
    assert data["maandsalaris"] == "3500.00"
    codes = [stap["code"] for stap in data["stappen"]]
    assert codes[0] == "maandsalaris"
    assert codes[-1] == "tarief"
    assert data["stappen"][-1]["waarde"] == "61.67"
    assert data["marge"]["marge"] == "4.33"
    assert data["marge"]["margepercentage"] == "6.56"

    # #15.8: a taakgericht sheet has no margin and no received tariff
    taakgericht = client.get(f"{API}prijsbladen/{PrijsbladFactory().pk}/").json()
    assert taakgericht["marge"] is None and taakgericht["ontvangen_tarief"] is None


def test_the_demo_budget_api_shows_the_split_and_the_indexation_steps(client, demo):
    client.force_login(User.objects.get(username="backoffice"))
    budgetten = client.get(f"{API}budgetten/").json()["results"]
    per_jaar = {b["jaar"]: b for b in budgetten}
    assert set(per_jaar) == {2026, 2027}
    b2026 = per_jaar[2026]
    assert len(b2026["aandelen"]) == 7
    assert {a["betaald"] for a in b2026["aandelen"]} == {"0.00"}
    assert b2026["indexering_stappen"] == []
    b2027 = per_jaar[2027]
    assert b2027["indexering"]["indexpercentage"] == "3.12000000"
    assert b2027["indexering_stappen"][-1]["code"] == "nieuw_bedrag"
    assert b2027["totaal"] == "25522200.00"


def test_the_demo_subcontractor_user_sees_one_contract_via_the_api(client, demo):
    client.force_login(User.objects.get(username="onderaannemer"))
    contracten = client.get(f"{API}onderaanneemcontracten/").json()["results"]
    assert [c["nummer"] for c in contracten] == ["OAC-2026-001"]
    assert contracten[0]["onderaannemer"]["kvk_nummer"] == "90000002"
    ander = Onderaanneemcontract.objects.get(nummer="OAC-2026-002")
    assert client.get(f"{API}prijsbladen/{ander.prijsblad_id}/").status_code == 404


def test_a_municipality_reads_only_its_own_budget_share_via_the_api(client, demo, maak_gebruiker):
    """#15.9: gemeente Amersfoort (the demo user) and gemeente Soest each read the agreement and,
    of each budget, only their own share with instalments and payments; writes are refused."""
    from decimal import Decimal

    from django.test import RequestFactory

    from wmoregie.contracten import services
    from wmoregie.demo import DEMO_WACHTWOORD

    budget = demo.budgetten.get(jaar=2026)
    amersfoort = budget.aandelen.get(gemeente__code="0307")
    soest = budget.aandelen.get(gemeente__code="0342")
    services.registreer_betaling(
        amersfoort,
        gebruiker=None,
        termijn=1,
        bedrag=Decimal("1234.56"),
        betaald_op=date(2026, 1, 31),
    )
    services.registreer_betaling(
        soest, gebruiker=None, termijn=1, bedrag=Decimal("99.00"), betaald_op=date(2026, 1, 30)
    )
    assert client.login(
        request=RequestFactory().post("/"), username="gemeente", password=DEMO_WACHTWOORD
    )

    assert _ids(client.get(f"{API}overeenkomsten/")) == {demo.pk}
    budgetten = client.get(f"{API}budgetten/").json()["results"]
    assert {b["jaar"] for b in budgetten} == {2026, 2027}
    for b in budgetten:
        assert [a["gemeentecode"] for a in b["aandelen"]] == ["0307"]
    data = client.get(f"{API}budgetten/{budget.pk}/").json()
    (aandeel,) = data["aandelen"]
    assert aandeel["bedrag"] == f"{amersfoort.bedrag:.2f}"
    assert aandeel["betaald"] == "1234.56"
    assert aandeel["betalingen"] == [
        {"termijn": 1, "bedrag": "1234.56", "betaald_op": "2026-01-31"}
    ]
    assert len(aandeel["termijnen"]) == budget.aantal_termijnen
    assert sum(Decimal(t["bedrag"]) for t in aandeel["termijnen"]) == amersfoort.bedrag
    assert "99.00" not in client.get(f"{API}budgetten/{budget.pk}/").content.decode()

    # writes are refused, and nothing else of the contract is opened to a municipality
    assert client.post(f"{API}budgetten/", {}).status_code == 403
    assert client.put(f"{API}budgetten/{budget.pk}/", {}).status_code == 403
    assert client.delete(f"{API}overeenkomsten/{demo.pk}/").status_code == 403
    for pad in ("onderaannemers/", "prijsbladen/", "tarieven/", "onderaanneemcontracten/"):
        assert client.get(f"{API}{pad}").status_code == 403, pad

    # a second municipality sees its own share and not Amersfoort's
    client.logout()
    client.force_login(maak_gebruiker(Rol.GEMEENTE_MEDEWERKER, gemeente=soest.gemeente))
    (aandeel,) = client.get(f"{API}budgetten/{budget.pk}/").json()["aandelen"]
    assert aandeel["gemeentecode"] == "0342"
    assert aandeel["betalingen"] == [{"termijn": 1, "bedrag": "99.00", "betaald_op": "2026-01-30"}]
    assert "1234.56" not in client.get(f"{API}budgetten/").content.decode()

    # the contract partner still reads every share
    client.logout()
    client.force_login(User.objects.get(username="backoffice"))
    assert len(client.get(f"{API}budgetten/{budget.pk}/").json()["aandelen"]) == 7


def test_a_municipality_without_a_share_reads_no_budget_via_the_api(client, demo, maak_gebruiker):
    from wmoregie.catalogi.tests.factories import GemeenteFactory

    client.force_login(
        maak_gebruiker(Rol.GEMEENTE_MEDEWERKER, gemeente=GemeenteFactory(code="0999"))
    )
    assert client.get(f"{API}overeenkomsten/").json()["results"] == []
    assert client.get(f"{API}budgetten/").json()["results"] == []
    budget = demo.budgetten.get(jaar=2026)
    assert client.get(f"{API}budgetten/{budget.pk}/").status_code == 404
