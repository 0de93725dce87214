from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.accounts.models import Roltoekenning

from .factories import OrganisatieFactory, RoltoekenningFactory, UserFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rol", "scope"),
    [
        (Rol.INKOPER, "regio"),
        (Rol.BEOORDELAAR, "regio"),
        (Rol.CONTRACTMANAGER, "regio"),
        (Rol.GEMEENTE_MEDEWERKER, "gemeente"),
        (Rol.GEBIEDSTEAM_MEDEWERKER, "gebiedsteam"),
        (Rol.BACKOFFICE, "organisatie"),
        (Rol.ONDERAANNEMER_MEDEWERKER, "organisatie"),
        (Rol.INSCHRIJVER, "organisatie"),
    ],
)
def test_every_role_is_bound_to_its_scope(rol, scope):
    toekenning = RoltoekenningFactory(rol=rol)
    toekenning.full_clean()
    assert toekenning.scope == scope
    assert toekenning.scope_object is not None
    assert toekenning.gebruiker.rollen() == {rol}


@pytest.mark.django_db
def test_a_role_without_its_scope_does_not_validate():
    toekenning = Roltoekenning(gebruiker=UserFactory(), rol=Rol.GEMEENTE_MEDEWERKER)
    with pytest.raises(ValidationError) as exc:
        toekenning.full_clean()
    assert exc.value.error_dict["gemeente"][0].code == "scope-ontbreekt"


@pytest.mark.django_db
def test_a_role_with_a_foreign_scope_does_not_validate():
    toekenning = RoltoekenningFactory.build(
        gebruiker=UserFactory(), rol=Rol.INSCHRIJVER, organisatie=OrganisatieFactory()
    )
    toekenning.gemeente = RoltoekenningFactory(rol=Rol.GEMEENTE_MEDEWERKER).gemeente
    with pytest.raises(ValidationError) as exc:
        toekenning.full_clean()
    assert exc.value.error_dict["gemeente"][0].code == "scope-niet-toegestaan"


@pytest.mark.django_db
def test_the_database_refuses_a_role_without_scope():
    with pytest.raises(IntegrityError), transaction.atomic():
        Roltoekenning.objects.create(gebruiker=UserFactory(), rol=Rol.BACKOFFICE)


@pytest.mark.django_db
@pytest.mark.parametrize("kvk", ["1234567", "123456789", "1234567a", ""])
def test_kvk_numbers_have_eight_digits(kvk):
    with pytest.raises(ValidationError) as exc:
        OrganisatieFactory.build(kvk_nummer=kvk).full_clean()
    assert "kvk_nummer" in exc.value.error_dict
