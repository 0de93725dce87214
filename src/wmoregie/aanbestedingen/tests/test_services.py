"""Services around parties: removal, uniqueness, the leading party."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Documentsoort, PartijRol, Status
from wmoregie.aanbestedingen.models import Document, Partij
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf

from .conftest import lokaal
from .factories import AanbestedingFactory

PDF = eenvoudige_pdf("x")


@pytest.fixture
def inschrijving(regio, organisatie, inschrijver):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    with freeze_time(lokaal(2025, 6, 10)):
        return services.schrijf_in(
            aanbesteding, organisatie=organisatie, soort="hoofdaannemer", gebruiker=inschrijver
        )


def _partij_met_document(inschrijving, inschrijver):
    partij = services.voeg_partij_toe(
        inschrijving,
        gebruiker=inschrijver,
        rol=PartijRol.DERDE,
        naam="Weg BV",
        kvk_nummer="88888888",
    )
    services.voeg_document_toe(
        inschrijving,
        SimpleUploadedFile("gva.pdf", PDF),
        gebruiker=inschrijver,
        soort=Documentsoort.GVA,
        partij=partij,
        afgiftedatum=lokaal(2025, 1, 1).date(),
    )
    return partij


def test_a_party_is_removed_with_its_files_in_the_selection_phase(
    inschrijving, inschrijver, django_capture_on_commit_callbacks
):
    with freeze_time(lokaal(2025, 6, 12)):
        partij = _partij_met_document(inschrijving, inschrijver)
        bestand = Path(Document.objects.get().bestand.path)
        with pytest.raises(ValidationError) as fout:
            services.verwijder_partij(
                inschrijving.partijen.get(rol=PartijRol.HOOFDAANNEMER), gebruiker=inschrijver
            )
        assert fout.value.code == "leidende-partij"
        assert bestand.exists()
        with django_capture_on_commit_callbacks(execute=True):
            services.verwijder_partij(partij, gebruiker=inschrijver)
    assert not Partij.objects.filter(pk=partij.pk).exists()
    assert not Document.objects.exists()
    assert not bestand.exists()
    regel = AuditEntry.objects.get(actie="partij.verwijderd")
    # by id and role only: the audit log is not encrypted, the party's data is sealed
    assert regel.gegevens["rol"] == PartijRol.DERDE
    assert "88888888" not in str(regel.gegevens) and "Weg BV" not in regel.omschrijving


def test_a_party_cannot_be_removed_after_the_selection_deadline(inschrijving, inschrijver):
    with freeze_time(lokaal(2025, 6, 12)):
        partij = _partij_met_document(inschrijving, inschrijver)
    with freeze_time(lokaal(2025, 6, 30, 12)), pytest.raises(ValidationError) as fout:
        services.verwijder_partij(partij, gebruiker=inschrijver)
    assert fout.value.code == "termijn-verstreken"
    assert Partij.objects.filter(pk=partij.pk).exists()


def test_the_same_kvk_number_twice_in_one_registration_is_refused(inschrijving, inschrijver):
    with freeze_time(lokaal(2025, 6, 12)), pytest.raises(ValidationError) as fout:
        services.voeg_partij_toe(
            inschrijving,
            gebruiker=inschrijver,
            rol=PartijRol.COMBINANT,
            naam="Ik weer",
            kvk_nummer=inschrijving.organisatie.kvk_nummer,
        )
    assert fout.value.error_dict["kvk_nummer"][0].code == "partij-dubbel"


def test_a_leading_role_cannot_be_added_by_hand(inschrijving, inschrijver):
    with freeze_time(lokaal(2025, 6, 12)), pytest.raises(ValidationError) as fout:
        services.voeg_partij_toe(
            inschrijving, gebruiker=inschrijver, rol=PartijRol.PENVOERDER, naam="X"
        )
    assert fout.value.error_dict["rol"][0].code == "rol-ongeldig"
