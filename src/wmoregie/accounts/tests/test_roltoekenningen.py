"""Role grants: audited, also through /beheer/, and nobody grants a role to themselves."""

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from wmoregie.aanbestedingen.tests.factories import InschrijvingFactory
from wmoregie.accounts import roltoekenningen
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Roltoekenning
from wmoregie.audit.models import AuditEntry

from .factories import OrganisatieFactory, RoltoekenningFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder():
    return UserFactory(username="beheer", is_staff=True, is_superuser=True)


def _admin_post(beheerder, gebruiker, rollen=(), bestaand=()):
    """The change form of ``gebruiker`` in /beheer/ with role rows (new and existing)."""
    data = {
        "username": gebruiker.username,
        "first_name": gebruiker.first_name,
        "last_name": gebruiker.last_name,
        "email": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "roltoekenningen-TOTAL_FORMS": str(len(bestaand) + len(rollen)),
        "roltoekenningen-INITIAL_FORMS": str(len(bestaand)),
        "roltoekenningen-MIN_NUM_FORMS": "0",
        "roltoekenningen-MAX_NUM_FORMS": "1000",
    }
    if gebruiker.pk != beheerder.pk:
        data |= {"is_active": "on", "is_staff": "on" if gebruiker.is_staff else ""}
    for i, (toekenning, wijziging) in enumerate(bestaand):
        data |= {
            f"roltoekenningen-{i}-id": str(toekenning.pk),
            f"roltoekenningen-{i}-gebruiker": str(gebruiker.pk),
            f"roltoekenningen-{i}-rol": toekenning.rol,
            f"roltoekenningen-{i}-{toekenning.scope}": str(toekenning.scope_object.pk),
        } | {f"roltoekenningen-{i}-{k}": v for k, v in wijziging.items()}
    for j, (rol, scope, pk) in enumerate(rollen, start=len(bestaand)):
        data |= {
            f"roltoekenningen-{j}-gebruiker": str(gebruiker.pk),
            f"roltoekenningen-{j}-rol": rol,
            f"roltoekenningen-{j}-{scope}": str(pk),
        }
    return data


def test_a_grant_is_audited_with_who_granted_it(beheerder):
    gebruiker = UserFactory(username="iris")
    organisatie = OrganisatieFactory(naam="Zorg BV")
    toekenning = roltoekenningen.ken_rol_toe(
        Roltoekenning(gebruiker=gebruiker, rol=Rol.INSCHRIJVER, organisatie=organisatie),
        door=beheerder,
    )
    assert toekenning.toegekend_door == beheerder and toekenning.toegekend_op is not None
    entry = AuditEntry.objects.get(actie="roltoekenning.toegekend")
    assert entry.gebruiker == beheerder
    assert entry.gegevens == {
        "gebruiker": "iris",
        "rol": "inschrijver",
        "scope": "organisatie",
        "scope_id": organisatie.pk,
        "scope_naam": "Zorg BV",
    }


def test_nobody_grants_changes_or_withdraws_a_role_of_their_own(beheerder):
    organisatie = OrganisatieFactory()
    with pytest.raises(ValidationError) as fout:
        roltoekenningen.ken_rol_toe(
            Roltoekenning(gebruiker=beheerder, rol=Rol.INSCHRIJVER, organisatie=organisatie),
            door=beheerder,
        )
    assert fout.value.code == "eigen-rol"
    eigen = RoltoekenningFactory(gebruiker=beheerder, rol=Rol.INKOPER)
    eigen.rol = Rol.CONTRACTMANAGER
    with pytest.raises(ValidationError):
        roltoekenningen.wijzig_roltoekenning(eigen, door=beheerder)
    with pytest.raises(ValidationError):
        roltoekenningen.trek_rol_in(eigen, door=beheerder)
    assert list(beheerder.roltoekenningen.values_list("rol", flat=True)) == [Rol.INKOPER]
    assert not AuditEntry.objects.filter(actie__startswith="roltoekenning.").exists()


def test_the_database_refuses_a_grant_to_oneself(beheerder):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoltoekenningFactory(gebruiker=beheerder, rol=Rol.INSCHRIJVER, toegekend_door=beheerder)


def test_a_change_and_a_withdrawal_keep_what_it_was(beheerder):
    gebruiker = UserFactory(username="bram")
    toekenning = RoltoekenningFactory(gebruiker=gebruiker, rol=Rol.INKOPER)
    oude_regio = toekenning.regio
    toekenning.rol = Rol.BEOORDELAAR
    roltoekenningen.wijzig_roltoekenning(toekenning, door=beheerder)
    gewijzigd = AuditEntry.objects.get(actie="roltoekenning.gewijzigd")
    assert gewijzigd.gegevens["oud"]["rol"] == "inkoper"
    assert gewijzigd.gegevens["nieuw"]["rol"] == "beoordelaar"
    assert gewijzigd.gegevens["nieuw"]["scope_id"] == oude_regio.pk
    roltoekenningen.trek_rol_in(toekenning, door=beheerder)
    assert not gebruiker.roltoekenningen.exists()
    ingetrokken = AuditEntry.objects.get(actie="roltoekenning.ingetrokken")
    assert ingetrokken.gegevens["rol"] == "beoordelaar"


def test_grants_in_the_admin_are_audited(client, beheerder):
    gebruiker = UserFactory(username="iris")
    organisatie = OrganisatieFactory()
    client.force_login(beheerder)
    antwoord = client.post(
        f"/beheer/accounts/user/{gebruiker.pk}/change/",
        _admin_post(
            beheerder, gebruiker, rollen=[(Rol.INSCHRIJVER, "organisatie", organisatie.pk)]
        ),
    )
    assert antwoord.status_code == 302, antwoord.context["errors"] if antwoord.context else ""
    toekenning = gebruiker.roltoekenningen.get()
    assert (toekenning.rol, toekenning.organisatie, toekenning.toegekend_door) == (
        Rol.INSCHRIJVER,
        organisatie,
        beheerder,
    )
    entry = AuditEntry.objects.get(actie="roltoekenning.toegekend")
    assert (entry.gebruiker, entry.object_id) == (beheerder, str(toekenning.pk))
    assert AuditEntry.objects.filter(actie="gebruiker.gewijzigd-in-beheer").exists()

    # and removed again through the admin
    antwoord = client.post(
        f"/beheer/accounts/user/{gebruiker.pk}/change/",
        _admin_post(beheerder, gebruiker, bestaand=[(toekenning, {"DELETE": "on"})]),
    )
    assert antwoord.status_code == 302
    assert not gebruiker.roltoekenningen.exists()
    assert AuditEntry.objects.filter(actie="roltoekenning.ingetrokken").count() == 1


def test_a_superuser_cannot_make_itself_a_bidder_and_read_a_competitors_submission(
    client, beheerder
):
    concurrent = InschrijvingFactory()
    client.force_login(beheerder)
    antwoord = client.post(
        f"/beheer/accounts/user/{beheerder.pk}/change/",
        _admin_post(
            beheerder,
            beheerder,
            rollen=[(Rol.INSCHRIJVER, "organisatie", concurrent.organisatie_id)],
        ),
    )
    assert antwoord.status_code == 200
    assert "U kunt uzelf geen rol toekennen" in antwoord.content.decode()
    assert not beheerder.roltoekenningen.exists()
    assert not AuditEntry.objects.filter(actie__startswith="roltoekenning.").exists()
    assert client.get(f"/aanbestedingen/inschrijvingen/{concurrent.pk}/").status_code == 403


def test_an_administrator_cannot_raise_its_own_rights(client):
    beheerder = UserFactory(is_staff=True, is_superuser=False)
    beheerder.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_user", "view_user"])
    )
    client.force_login(beheerder)
    data = _admin_post(beheerder, beheerder) | {"is_superuser": "on", "is_staff": "on"}
    client.post(f"/beheer/accounts/user/{beheerder.pk}/change/", data)
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
