"""The pages by role (the matrix, including other parties' objects), and the steering cycle and
the survey as the users go through them."""

from datetime import date
from decimal import Decimal

import pytest
from freezegun import freeze_time

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.models import Actie, Besluit, Indicator, Indicatornorm, Stuuroverleg
from wmoregie.monitoring.sturing import ervaring, services
from wmoregie.monitoring.sturing.constants import Berekening

from .conftest import traject

pytestmark = pytest.mark.django_db

ALLE = (
    "contractmanager",
    "inkoper",
    "backoffice",
    "logeerhuis",
    "gemeente",
    "gemeente_soest",
    "gebiedsteam",
    "onderaannemer",
    "beoordelaar",
    "inschrijver",
    "privacy",
    None,
)
GEEN = {
    "gebiedsteam": 403,
    "onderaannemer": 403,
    "beoordelaar": 403,
    "inschrijver": 403,
    "privacy": 403,
    None: 302,
}
LEZEN = {
    "contractmanager": 200,
    "inkoper": 200,
    "backoffice": 200,
    "logeerhuis": 200,
    "gemeente": 200,
    "gemeente_soest": 200,
    **GEEN,
}
OVERLEG = {**LEZEN, "gemeente": 403, "gemeente_soest": 403}
EIGEN_OVERLEG = {**OVERLEG, "logeerhuis": 404}
BRIEVEN = dict.fromkeys(ALLE, 403) | {"gemeente": 200, "gemeente_soest": 200, None: 302}
OPENBAAR = dict.fromkeys(ALLE, 200)


@pytest.fixture
def sturing(wereld):
    cm = wereld.gebruikers["contractmanager"]
    indicator = Indicator.objects.create(
        regio=wereld.regio,
        code="lopend",
        naam="Lopende trajecten",
        berekening=Berekening.LOPENDE_TRAJECTEN,
        verantwoordelijke_rol="contractmanager",
    )
    services.stel_norm_vast(
        indicator, jaar=2026, streefwaarde=Decimal(1), tolerantie=Decimal(0), door=cm
    )
    t = traject(wereld, start=date(2026, 1, 10))
    overleg = services.plan_overleg(
        wereld.overeenkomst,
        datum=date(2026, 3, 31),
        titel="Stuuroverleg maart",
        agenda=["Cijfers"],
        door=cm,
    )
    services.bevries(overleg, door=cm, vandaag=date(2026, 3, 31))
    onderzoek = ervaring.maak_onderzoek(wereld.regio, jaar=2026, minimum_aantal=1, door=cm)
    ervaring.open_onderzoek(onderzoek, door=cm)
    return {"indicator": indicator, "overleg": overleg, "onderzoek": onderzoek, "traject": t}


def _paden(s):
    return [
        ("/monitoring/sturing/", LEZEN),
        (f"/monitoring/sturing/indicatoren/{s['indicator'].pk}/", LEZEN),
        ("/monitoring/sturing/overleggen/", OVERLEG),
        ("/monitoring/sturing/overleggen/nieuw/", OVERLEG),
        (f"/monitoring/sturing/overleggen/{s['overleg'].pk}/", EIGEN_OVERLEG),
        ("/monitoring/ervaring/", LEZEN),
        (f"/monitoring/ervaring/{s['onderzoek'].pk}/resultaten/", LEZEN),
        (f"/monitoring/ervaring/{s['onderzoek'].pk}/uitnodigingen/", BRIEVEN),
        ("/monitoring/ervaring/invullen/", OPENBAAR),
        ("/monitoring/sturing/export/?formaat=csv", LEZEN),
        (f"/monitoring/ervaring/{s['onderzoek'].pk}/export/?formaat=xlsx", LEZEN),
    ]


@freeze_time("2026-04-02 10:00")
def test_who_opens_which_page(client, wereld, sturing):
    achternaam = sturing["traject"].client.achternaam
    for pad, verwacht in _paden(sturing):
        for wie in ALLE:
            client.logout()
            if wie:
                client.force_login(wereld.gebruikers[wie])
            antwoord = client.get(pad)
            assert antwoord.status_code == verwacht[wie], (pad, wie, antwoord.status_code)
            if antwoord.status_code == 200 and "uitnodigingen" not in pad and "xlsx" not in pad:
                assert achternaam not in antwoord.content.decode(), (pad, wie)


@freeze_time("2026-04-02 10:00")
def test_a_municipality_sees_its_own_figures_and_the_region_total(client, wereld, sturing):
    traject(wereld, gemeente=wereld.soest, start=date(2026, 1, 12))
    client.force_login(wereld.gebruikers["gemeente"])
    pagina = client.get("/monitoring/sturing/").content.decode()
    assert ">Regio<" in pagina and ">Amersfoort<" in pagina and "Soest" not in pagina
    detail = client.get(
        f"/monitoring/sturing/indicatoren/{sturing['indicator'].pk}/"
    ).content.decode()
    assert "Amersfoort" in detail and "Soest" not in detail
    assert "Norm vaststellen" not in detail
    resultaten = client.get(
        f"/monitoring/ervaring/{sturing['onderzoek'].pk}/resultaten/"
    ).content.decode()
    assert "Amersfoort" in resultaten and "Soest" not in resultaten

    client.force_login(wereld.gebruikers["contractmanager"])
    detail = client.get(
        f"/monitoring/sturing/indicatoren/{sturing['indicator'].pk}/"
    ).content.decode()
    assert "Amersfoort" in detail and "Soest" in detail and "Norm vaststellen" in detail


def test_the_invitation_letters_are_client_data_of_the_own_municipality(client, wereld, sturing):
    pad = f"/monitoring/ervaring/{sturing['onderzoek'].pk}/uitnodigingen/"
    t = sturing["traject"]
    client.force_login(wereld.gebruikers["gemeente_soest"])
    assert t.client.achternaam not in client.get(pad).content.decode()
    assert not AuditEntry.objects.filter(actie="ervaring.uitnodigingen-ingezien").exists()

    client.force_login(wereld.gebruikers["gemeente"])
    pagina = client.get(pad).content.decode()
    uitnodiging = t.ervaringsuitnodigingen.get()
    assert t.client.achternaam in pagina and uitnodiging.code in pagina
    entry = AuditEntry.objects.get(actie="ervaring.uitnodigingen-ingezien")
    assert entry.betreft_client == t.client_id and entry.gebruiker == wereld.gebruikers["gemeente"]


def test_only_the_contract_manager_sets_a_norm_and_bad_input_stores_nothing(
    client, wereld, sturing
):
    pad = f"/monitoring/sturing/indicatoren/{sturing['indicator'].pk}/norm/"
    goed = {"jaar": "2027", "streefwaarde": "80", "tolerantie": "5"}
    for wie in ("gemeente", "backoffice", "inkoper"):
        client.force_login(wereld.gebruikers[wie])
        assert client.post(pad, goed).status_code == 403, wie
    client.force_login(wereld.gebruikers["contractmanager"])
    fout = client.post(pad, {**goed, "tolerantie": "-1"})
    assert fout.status_code == 400 and "Er is iets niet goed ingevuld" in fout.content.decode()
    assert not Indicatornorm.objects.filter(jaar=2027).exists()
    assert client.post(pad, goed).status_code == 302
    norm = Indicatornorm.objects.get(jaar=2027)
    assert (norm.streefwaarde, norm.tolerantie) == (Decimal(80), Decimal(5))


def test_region_and_consortium_hold_a_meeting_through_the_pages(client, wereld, sturing):
    backoffice = wereld.gebruikers["backoffice"]
    cm = wereld.gebruikers["contractmanager"]
    client.force_login(backoffice)
    antwoord = client.post(
        "/monitoring/sturing/overleggen/nieuw/",
        {
            "overeenkomst": wereld.overeenkomst.pk,
            "datum": "2026-06-30",
            "titel": "Juni",
            "agenda": "Cijfers\nRondvraag",
        },
    )
    overleg = Stuuroverleg.objects.get(titel="Juni")
    assert (
        antwoord.status_code == 302
        and antwoord["Location"] == f"/monitoring/sturing/overleggen/{overleg.pk}/"
    )
    assert list(overleg.agendapunten.values_list("onderwerp", flat=True)) == [
        "Cijfers",
        "Rondvraag",
    ]
    # Another provider's back office does not plan on this agreement, nor see it.
    client.force_login(wereld.gebruikers["logeerhuis"])
    assert (
        client.post(
            "/monitoring/sturing/overleggen/nieuw/",
            {
                "overeenkomst": wereld.overeenkomst.pk,
                "datum": "2026-07-01",
                "titel": "Niet",
                "agenda": "",
            },
        ).status_code
        == 400
    )
    assert (
        client.post(
            f"/monitoring/sturing/overleggen/{overleg.pk}/besluit/", {"tekst": "x"}
        ).status_code
        == 404
    )

    client.force_login(backoffice)
    with freeze_time("2026-06-29 10:00"):
        client.post(f"/monitoring/sturing/overleggen/{overleg.pk}/bevriezen/")
    overleg.refresh_from_db()
    assert not overleg.is_bevroren
    with freeze_time("2026-06-30 10:00"):
        client.post(f"/monitoring/sturing/overleggen/{overleg.pk}/bevriezen/")
    overleg.refresh_from_db()
    assert overleg.snapshot["indicatoren"][0]["totaal"]["teller"] == 1

    assert (
        client.post(
            f"/monitoring/sturing/overleggen/{overleg.pk}/besluit/", {"tekst": "Extra inzet."}
        ).status_code
        == 302
    )
    besluit = Besluit.objects.get(overleg=overleg)
    fout = client.post(
        f"/monitoring/sturing/overleggen/{overleg.pk}/actie/",
        {
            "omschrijving": "Plan",
            "eigenaar": wereld.gebruikers["gemeente"].pk,
            "uiterlijk_op": "2026-07-31",
        },
    )
    assert fout.status_code == 400 and not Actie.objects.exists()
    goed = client.post(
        f"/monitoring/sturing/overleggen/{overleg.pk}/actie/",
        {
            "omschrijving": "Plan",
            "eigenaar": cm.pk,
            "uiterlijk_op": "2026-07-31",
            "besluit": besluit.pk,
        },
    )
    assert goed.status_code == 302
    actie = Actie.objects.get()
    assert (actie.eigenaar, actie.besluit) == (cm, besluit)

    # The owner closes it; a participant who is not the owner (and not the region) may not.
    client.force_login(wereld.gebruikers["backoffice"])
    assert (
        client.post(
            f"/monitoring/sturing/acties/{actie.pk}/afronden/", {"resultaat": "x"}
        ).status_code
        == 403
    )
    client.force_login(cm)
    assert (
        client.post(
            f"/monitoring/sturing/acties/{actie.pk}/afronden/", {"resultaat": "Gedaan."}
        ).status_code
        == 302
    )
    actie.refresh_from_db()
    assert actie.status == "afgerond"


def test_only_the_contract_manager_runs_the_survey(client, wereld):
    client.force_login(wereld.gebruikers["gemeente"])
    assert (
        client.post("/monitoring/ervaring/", {"jaar": "2027", "minimum_aantal": "5"}).status_code
        == 403
    )
    client.force_login(wereld.gebruikers["contractmanager"])
    assert (
        client.post("/monitoring/ervaring/", {"jaar": "2027", "minimum_aantal": "0"}).status_code
        == 400
    )
    assert (
        client.post("/monitoring/ervaring/", {"jaar": "2027", "minimum_aantal": "5"}).status_code
        == 302
    )
    dubbel = client.post("/monitoring/ervaring/", {"jaar": "2027", "minimum_aantal": "5"})
    assert dubbel.status_code == 400 and "bestaat al" in dubbel.content.decode()


def test_the_configuration_is_kept_in_the_admin(client, wereld, sturing, admin_user):
    client.force_login(admin_user)
    for pad in ("doel", "indicator", "verplichting", "ervaringsonderzoek"):
        assert client.get(f"/beheer/monitoring/{pad}/").status_code == 200, pad
    pagina = client.get(f"/beheer/monitoring/indicator/{sturing['indicator'].pk}/change/")
    assert pagina.status_code == 200 and "Lopende trajecten" in pagina.content.decode()


def test_a_new_survey_takes_the_regions_threshold_for_small_numbers(client, wereld):
    from wmoregie.monitoring.models import Cijferinstelling

    Cijferinstelling.objects.create(regio=wereld.regio, drempel=10)
    client.force_login(wereld.gebruikers["contractmanager"])
    pagina = client.get("/monitoring/ervaring/").content.decode()
    assert 'name="minimum_aantal" value="10"' in pagina
