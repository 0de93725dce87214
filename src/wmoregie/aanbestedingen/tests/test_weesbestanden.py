"""Orphan files (left by a transaction that never committed) are found and removed; the files
of documents and a young file (its transaction may still run) stay."""

import os
import time
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Documentsoort, PartijRol, Status
from wmoregie.aanbestedingen.models import Document
from wmoregie.audit.models import AuditEntry
from wmoregie.bestandscontrole import eenvoudige_pdf

from .conftest import lokaal
from .factories import AanbestedingFactory


class Afgebroken(Exception):
    pass


def _upload(inschrijving, inschrijver, naam):
    leidend = inschrijving.partijen.get(rol=PartijRol.HOOFDAANNEMER)
    return services.voeg_document_toe(
        inschrijving, SimpleUploadedFile(naam, eenvoudige_pdf(naam)), gebruiker=inschrijver,
        soort=Documentsoort.VERKLARING, partij=leidend,
    )  # fmt: skip


def _maak_oud(pad: Path) -> None:
    uur_geleden = time.time() - 2 * 3600
    os.utime(pad, (uur_geleden, uur_geleden))


@pytest.mark.django_db
def test_files_of_a_transaction_that_never_committed_are_listed_then_removed(
    regio, organisatie, inschrijver, media, capsys
):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    with freeze_time(lokaal(2025, 6, 10)):
        inschrijving = services.schrijf_in(
            aanbesteding, organisatie=organisatie, soort="hoofdaannemer", gebruiker=inschrijver
        )
        bewaard = _upload(inschrijving, inschrijver, "blijft.pdf")
        for naam in ("wees-oud.pdf", "wees-jong.pdf"):  # the file is written, the row never
            with pytest.raises(Afgebroken), transaction.atomic():
                _upload(inschrijving, inschrijver, naam)
                raise Afgebroken
    map_ = Path(bewaard.bestand.path).parent
    bestanden = sorted(map_.iterdir())
    assert len(bestanden) == 3 and Document.objects.count() == 1
    wees = [p for p in bestanden if p != Path(bewaard.bestand.path)]
    _maak_oud(wees[0])
    _maak_oud(Path(bewaard.bestand.path))

    call_command("ruim_weesbestanden")
    uit = capsys.readouterr().out
    assert wees[0].name in uit and "1 weesbestanden gevonden (niets verwijderd)" in uit
    assert all(p.exists() for p in bestanden)

    call_command("ruim_weesbestanden", "--verwijder")
    assert "1 weesbestanden verwijderd" in capsys.readouterr().out
    assert not wees[0].exists()
    assert wees[1].exists()  # younger than an hour: its transaction may still be running
    with Document.objects.get().bestand.open("rb") as bestand:
        assert bestand.read() == eenvoudige_pdf("blijft.pdf")
    regel = AuditEntry.objects.get(actie="bestanden.wees-verwijderd")
    assert regel.gegevens["aantal"] == 1

    call_command("ruim_weesbestanden", "--verwijder", "--ouder-dan-minuten", "0")
    assert not wees[1].exists() and Path(Document.objects.get().bestand.path).exists()
