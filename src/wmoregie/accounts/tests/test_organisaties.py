from django.urls import reverse

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Organisatie
from wmoregie.audit.models import AuditEntry

from .factories import OrganisatieFactory, UserFactory


@pytest.mark.django_db
def test_a_contract_manager_adds_an_organisation_and_it_is_audited(client):
    client.force_login(UserFactory(rol=Rol.CONTRACTMANAGER))
    response = client.post(
        reverse("accounts:organisaties"),
        {"kvk_nummer": "12345678", "naam": "Buurtzorg Eemland", "soort": "aanbieder", "adres": ""},
    )
    assert response.status_code == 302
    organisatie = Organisatie.objects.get(kvk_nummer="12345678")
    assert organisatie.naam == "Buurtzorg Eemland"
    assert AuditEntry.objects.filter(
        actie="organisatie.geregistreerd", object_id=str(organisatie.pk)
    ).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kvk", "melding"),
    [
        ("1234", "acht cijfers"),
        ("12345678", "bestaat al"),
        ("00000000", "geen bestaand KvK-nummer"),
        ("1" * 500, "8 tekens"),
    ],
)
def test_a_bad_or_duplicate_kvk_number_gives_a_dutch_error_and_stores_nothing(client, kvk, melding):
    OrganisatieFactory(kvk_nummer="12345678")
    client.force_login(UserFactory(rol=Rol.INKOPER))
    response = client.post(
        reverse("accounts:organisaties"), {"kvk_nummer": kvk, "naam": "X", "soort": "aanbieder"}
    )
    assert response.status_code == 200
    assert melding in response.content.decode()
    assert Organisatie.objects.count() == 1


@pytest.mark.django_db
def test_bidders_cannot_open_the_organisation_register(client):
    client.force_login(UserFactory(rol=Rol.INSCHRIJVER))
    assert client.get(reverse("accounts:organisaties")).status_code == 403
