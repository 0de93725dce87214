"""Ending a subcontractor: within its period, with a reason, audited; a derde early only with
the region's recorded consent."""

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.audit.models import AuditEntry
from wmoregie.contracten import services
from wmoregie.contracten.constants import Onderaannemersoort, OnderaannemerStatus

from .factories import OnderaannemerFactory

pytestmark = pytest.mark.django_db


def test_a_vaste_onderaannemer_is_ended_with_a_reason_and_audited(contractmanager):
    onderaannemer = OnderaannemerFactory()
    services.beeindig_onderaannemer(
        onderaannemer, gebruiker=contractmanager, einddatum=date(2027, 6, 30), reden="Opgeheven."
    )
    onderaannemer.refresh_from_db()
    assert onderaannemer.status == OnderaannemerStatus.BEEINDIGD
    assert onderaannemer.einddatum == date(2027, 6, 30)
    assert onderaannemer.beeindiging_reden == "Opgeheven."
    entry = AuditEntry.objects.get(actie="onderaannemer.beeindigd")
    assert entry.gegevens["einddatum"] == "2027-06-30"


@pytest.mark.parametrize(
    ("einddatum", "reden", "veld", "code"),
    [
        (date(2025, 12, 31), "Reden.", "einddatum", "einde-buiten-periode"),
        (date(2034, 1, 1), "Reden.", "einddatum", "einde-buiten-periode"),
        (date(2027, 1, 1), "  ", "reden", "reden-ontbreekt"),
    ],
)
def test_refused_endings(contractmanager, einddatum, reden, veld, code):
    onderaannemer = OnderaannemerFactory()
    with pytest.raises(ValidationError) as fout:
        services.beeindig_onderaannemer(
            onderaannemer, gebruiker=contractmanager, einddatum=einddatum, reden=reden
        )
    assert fout.value.error_dict[veld][0].code == code
    onderaannemer.refresh_from_db()
    assert onderaannemer.status == OnderaannemerStatus.ACTIEF


def test_an_ended_subcontractor_cannot_be_ended_again(contractmanager):
    onderaannemer = OnderaannemerFactory()
    services.beeindig_onderaannemer(
        onderaannemer, gebruiker=contractmanager, einddatum=date(2027, 1, 1), reden="Reden."
    )
    with pytest.raises(ValidationError) as fout:
        services.beeindig_onderaannemer(
            onderaannemer, gebruiker=contractmanager, einddatum=date(2027, 1, 1), reden="Reden."
        )
    assert fout.value.code == "onderaannemer-niet-beeindigbaar"


def test_a_derde_needs_the_regions_consent_to_end_before_the_agreement(contractmanager):
    derde = OnderaannemerFactory(soort=Onderaannemersoort.DERDE, einddatum=None)
    with pytest.raises(ValidationError) as fout:
        services.beeindig_onderaannemer(
            derde, gebruiker=contractmanager, einddatum=date(2027, 12, 31), reden="Faillissement."
        )
    assert fout.value.error_dict["toestemming_kenmerk"][0].code == "derde-zonder-toestemming"
    services.beeindig_onderaannemer(
        derde,
        gebruiker=contractmanager,
        einddatum=date(2027, 12, 31),
        reden="Faillissement.",
        toestemming_op=date(2027, 11, 1),
        toestemming_kenmerk="RA-2027-0815",
    )
    derde.refresh_from_db()
    assert derde.status == OnderaannemerStatus.BEEINDIGD
    assert derde.beeindiging_toestemming_kenmerk == "RA-2027-0815"


def test_a_derde_may_end_with_the_agreement_without_consent(contractmanager):
    derde = OnderaannemerFactory(soort=Onderaannemersoort.DERDE, einddatum=None)
    services.beeindig_onderaannemer(
        derde, gebruiker=contractmanager, einddatum=date(2029, 12, 31), reden="Einde looptijd."
    )
    derde.refresh_from_db()
    assert derde.status == OnderaannemerStatus.BEEINDIGD
    assert derde.beeindiging_toestemming_op is None


def test_backoffice_ends_on_the_page_but_cannot_record_consent_for_a_derde(client, maak_gebruiker):
    derde = OnderaannemerFactory(soort=Onderaannemersoort.DERDE, einddatum=None)
    vast = OnderaannemerFactory(overeenkomst=derde.overeenkomst)
    client.force_login(maak_gebruiker(Rol.BACKOFFICE, organisatie=derde.overeenkomst.opdrachtnemer))
    url = reverse("contracten:onderaannemer-beeindigen", args=[derde.pk])
    html = client.get(url).content.decode()
    assert "toestemming_kenmerk" not in html
    response = client.post(
        url,
        {
            "einddatum": "2027-12-31",
            "reden": "Stopt.",
            "toestemming_op": "2027-11-01",
            "toestemming_kenmerk": "zelf verzonnen",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "schriftelijke toestemming van de regio" in html
    derde.refresh_from_db()
    assert derde.status == OnderaannemerStatus.ACTIEF

    response = client.post(
        reverse("contracten:onderaannemer-beeindigen", args=[vast.pk]),
        {"einddatum": "2027-06-30", "reden": "Stopt."},
    )
    assert response.status_code == 302
    vast.refresh_from_db()
    assert vast.status == OnderaannemerStatus.BEEINDIGD
    html = client.get(reverse("contracten:onderaannemer", args=[vast.pk])).content.decode()
    assert "Beëindiging" in html and "30-06-2027" in html


def test_the_contract_manager_records_consent_on_the_page(client, contractmanager):
    derde = OnderaannemerFactory(soort=Onderaannemersoort.DERDE, einddatum=None)
    client.force_login(contractmanager)
    response = client.post(
        reverse("contracten:onderaannemer-beeindigen", args=[derde.pk]),
        {
            "einddatum": "2027-12-31",
            "reden": "Faillissement.",
            "toestemming_op": "2027-11-01",
            "toestemming_kenmerk": "RA-2027-0815",
        },
    )
    assert response.status_code == 302
    derde.refresh_from_db()
    assert derde.status == OnderaannemerStatus.BEEINDIGD


def test_other_scopes_cannot_end_a_subcontractor(client, maak_gebruiker):
    onderaannemer = OnderaannemerFactory()
    url = reverse("contracten:onderaannemer-beeindigen", args=[onderaannemer.pk])
    client.force_login(
        maak_gebruiker(
            Rol.BACKOFFICE, organisatie=OnderaannemerFactory().overeenkomst.opdrachtnemer
        )
    )
    assert client.get(url).status_code == 404
    client.force_login(
        maak_gebruiker(Rol.ONDERAANNEMER_MEDEWERKER, organisatie=onderaannemer.organisatie)
    )
    assert client.get(url).status_code == 403
