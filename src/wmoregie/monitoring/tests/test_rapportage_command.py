"""The command ``kwartaalrapportage``: the same stored report as the page, a copy on request,
refusals as a Dutch error without storing anything."""

from io import StringIO

from django.core.management import CommandError, call_command

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.models import Kwartaalrapport, Rapportstatus

from .test_rapportage import pdf_tekst


@pytest.mark.django_db
def test_command_makes_the_municipalitys_report_and_a_copy(cijfers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    uit = StringIO()
    call_command(
        "kwartaalrapportage",
        "--kwartaal",
        "2026-1",
        "--gemeente",
        "0307",
        "--uit",
        str(tmp_path / "kopie"),
        stdout=uit,
    )
    rapport = Kwartaalrapport.objects.get()
    assert rapport.status == Rapportstatus.KLAAR and rapport.gemeente.code == "0307"
    assert "Kwartaalrapportage 2026-1 Amersfoort: klaar" in uit.getvalue()
    kopie = tmp_path / "kopie" / "kwartaalrapportage-2026-1-amersfoort.pdf"
    assert kopie.read_bytes() == rapport.bestand.read()
    tekst = pdf_tekst(kopie.read_bytes())
    assert "Amersfoort 2 0 2 1 1" in tekst and "Regio (alle gemeenten) 3 0 3 1 2" in tekst
    assert AuditEntry.objects.filter(
        actie="monitoring.rapport-aangevraagd", object_id=str(rapport.pk), gebruiker=None
    ).exists()


@pytest.mark.django_db
def test_command_without_municipality_makes_the_regions_report(cijfers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("kwartaalrapportage", "--kwartaal", "2026-1", "--wachtrij", stdout=StringIO())
    rapport = Kwartaalrapport.objects.get()  # no broker: the task ran in this process
    assert rapport.gemeente is None and rapport.status == Rapportstatus.KLAAR
    assert "Soest 1 0 1 0 1" in pdf_tekst(rapport.bestand.read())


@pytest.mark.django_db
@pytest.mark.parametrize(
    "_case, argumenten, melding",
    [
        ("bad quarter", ["--kwartaal", "2026-9"], "bijvoorbeeld 2026-3"),
        ("unknown municipality", ["--kwartaal", "2026-1", "--gemeente", "9999"], "onbekend"),
    ],
)
def test_command_refuses_bad_input(cijfers, _case, argumenten, melding):
    with pytest.raises(CommandError, match=melding):
        call_command("kwartaalrapportage", *argumenten, stdout=StringIO())
    assert not Kwartaalrapport.objects.exists()


@pytest.mark.django_db
def test_command_alle_makes_each_municipality_and_the_region(cijfers, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("kwartaalrapportage", "--kwartaal", "2026-1", "--alle", stdout=StringIO())
    gemaakt = {
        (r.gemeente.code if r.gemeente else None, r.status) for r in Kwartaalrapport.objects.all()
    }
    assert gemaakt == {
        ("0307", Rapportstatus.KLAAR),
        ("0342", Rapportstatus.KLAAR),
        (None, Rapportstatus.KLAAR),
    }
