"""#15.10: the agreement records its contact person (OW 3.1.5); its reporting duties with their
due dates are on the agreement page and, when due soon, on the worklist of the home page."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.audit.models import AuditEntry
from wmoregie.contracten.models import Overeenkomst
from wmoregie.monitoring.models import Verplichting

from .factories import OvereenkomstFactory

pytestmark = pytest.mark.django_db


def test_the_contractor_records_its_contact_person_and_bad_input_stores_nothing(
    client, maak_gebruiker
):
    overeenkomst = OvereenkomstFactory()
    backoffice = maak_gebruiker(Rol.BACKOFFICE, organisatie=overeenkomst.opdrachtnemer)
    client.force_login(backoffice)
    url = reverse("contracten:overeenkomst-contactpersoon", args=[overeenkomst.pk])

    fout = client.post(
        url, {"contactpersoon_naam": "", "contactpersoon_email": "geen-adres"}, follow=True
    )
    assert "Vul de naam van de contactpersoon in." in fout.content.decode()
    assert Overeenkomst.objects.get(pk=overeenkomst.pk).contactpersoon_naam == ""

    client.post(
        url,
        {
            "contactpersoon_naam": "Sanne de Vries",
            "contactpersoon_email": "sanne@eemland.example",
            "contactpersoon_telefoon": "033 123 45 67",
        },
    )
    pagina = client.get(reverse("contracten:overeenkomst", args=[overeenkomst.pk])).content.decode()
    assert "Sanne de Vries" in pagina and "sanne@eemland.example" in pagina
    assert AuditEntry.objects.filter(
        actie="overeenkomst.contactpersoon_vastgelegd", gebruiker=backoffice
    ).exists()
    api = client.get(f"/api/v1/contracten/overeenkomsten/{overeenkomst.pk}/").json()
    assert api["contactpersoon_naam"] == "Sanne de Vries"

    # another contractor's back office cannot touch it
    ander = OvereenkomstFactory()
    assert (
        client.post(
            reverse("contracten:overeenkomst-contactpersoon", args=[ander.pk]),
            {"contactpersoon_naam": "X", "contactpersoon_email": "x@example.org"},
        ).status_code
        == 404
    )


def test_reporting_duties_with_due_dates_are_on_the_page_and_the_worklist(client, maak_gebruiker):
    vandaag = timezone.localdate()
    overeenkomst = OvereenkomstFactory()
    ver = OvereenkomstFactory()
    Verplichting.objects.create(
        overeenkomst=overeenkomst,
        soort="rapportage",
        omschrijving="Kwartaalrapportage wachttijden",
        artikel="OW 3.4",
        termijn=vandaag + timedelta(days=10),
    )
    Verplichting.objects.create(
        overeenkomst=overeenkomst,
        soort="rapportage",
        omschrijving="Jaarverslag",
        termijn=vandaag + timedelta(days=200),
    )
    Verplichting.objects.create(
        overeenkomst=ver,
        soort="rapportage",
        omschrijving="Rapportage van een ander",
        termijn=vandaag + timedelta(days=5),
    )
    backoffice = maak_gebruiker(Rol.BACKOFFICE, organisatie=overeenkomst.opdrachtnemer)
    client.force_login(backoffice)

    pagina = client.get(reverse("contracten:overeenkomst", args=[overeenkomst.pk])).content.decode()
    assert "Kwartaalrapportage wachttijden" in pagina and "Jaarverslag" in pagina
    assert f"{vandaag + timedelta(days=10):%d-%m-%Y}" in pagina

    start = client.get("/").content.decode()
    assert (
        f"Rapportage: Kwartaalrapportage wachttijden, uiterlijk {vandaag + timedelta(days=10):%d-%m-%Y}"
        in start
    )
    assert f"{overeenkomst.nummer}; nog 10 dagen" in start
    assert "Jaarverslag" not in start  # not yet due
    assert "Rapportage van een ander" not in start
    assert "1 overeenkomst zonder contactpersoon" in start


def test_the_worklist_says_one_day_and_today_in_dutch(maak_gebruiker):
    from wmoregie.contracten.werkvoorraad import werkvoorraad

    overeenkomst = OvereenkomstFactory(contactpersoon_naam="Sanne")
    for dagen, omschrijving in ((0, "Vandaag"), (1, "Morgen")):
        Verplichting.objects.create(
            overeenkomst=overeenkomst,
            soort="rapportage",
            omschrijving=omschrijving,
            termijn=date(2026, 3, 1) + timedelta(days=dagen),
        )
    taken = werkvoorraad(maak_gebruiker(Rol.CONTRACTMANAGER), vandaag=date(2026, 3, 1))
    assert [t.toelichting for t in taken] == [
        f"{overeenkomst.nummer}; vandaag",
        f"{overeenkomst.nummer}; nog 1 dag",
    ]
    assert all(t.dringend for t in taken)
