"""The sealed vault: a database dump and the media folder taken before the opening hold no
plaintext byte of a submission, on SQLite and PostgreSQL; the region side reads it only after
the four-eyes opening, the bidder always; a key rotation keeps everything readable."""

from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Documentsoort, Inschrijvingsoort, PartijRol, Status
from wmoregie.aanbestedingen.models import Document, Inschrijving, Partij
from wmoregie.bestandscontrole import eenvoudige_pdf
from wmoregie.kluis import sleutels

from .conftest import lokaal, open_met_vier_ogen
from .factories import AanbestedingFactory
from .uea_bouwer import Grond, UeaBouwer

#: Text that occurs only in the submission below (never in fixtures or code lists).
GEHEIM = {
    "combinatienaam": "Combinatie Zonnebloem Kwartel",
    "naam": "Welzijnshuis Kwartelkoning",
    "kvk": "87654321",
    "straat": "Kwartelsteeg 71",
    "email": "kwartel@zonnebloem-geheim.nl",
    "telefoon": "0612398745",
    "contact": "Henrieke Kwartelaar",
    "taak": "Kwartelbegeleiding op dinsdag",
    "expertise": "Kwartelexpertise sinds 1999",
    "uea_naam": "Zorggroep Grutto Geheim",
    "uea_toelichting": "Gruttosurseance opgeheven",
    "bestandsnaam": "kwartel-gva-geheim.pdf",
    "omschrijving": "Kwartelverklaring",
    "pdf": "KWARTELPDFINHOUD",
}
PDF = eenvoudige_pdf("KWARTELPDFINHOUD")


@pytest.fixture
def inzending(regio, organisatie, inschrijver):
    """A combination registers and fills in its parties, a UEA and a document: all before the
    selection deadline, through the services as the pages call them."""
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    with freeze_time(lokaal(2025, 6, 12)):
        inschrijving = services.schrijf_in(
            aanbesteding,
            organisatie=organisatie,
            soort=Inschrijvingsoort.COMBINATIE,
            combinatienaam=GEHEIM["combinatienaam"],
            gebruiker=inschrijver,
        )
        partij = services.voeg_partij_toe(
            inschrijving,
            gebruiker=inschrijver,
            rol=PartijRol.COMBINANT,
            naam=GEHEIM["naam"],
            kvk_nummer=GEHEIM["kvk"],
            straat=GEHEIM["straat"],
            email=GEHEIM["email"],
            telefoon=GEHEIM["telefoon"],
            contactpersoon=GEHEIM["contact"],
            taakomschrijving=GEHEIM["taak"],
            expertise=GEHEIM["expertise"],
        )
        uea = UeaBouwer(
            rol="group-mem",
            naam=GEHEIM["uea_naam"],
            referentie=aanbesteding.kenmerk,
            gronden=[Grond("bankruptcy", "Bankruptcy", True, GEHEIM["uea_toelichting"])],
        )
        services.importeer_uea(
            inschrijving,
            SimpleUploadedFile("uea-grutto.xml", uea.bytes()),
            gebruiker=inschrijver,
        )
        services.voeg_document_toe(
            inschrijving,
            SimpleUploadedFile(GEHEIM["bestandsnaam"], PDF),
            gebruiker=inschrijver,
            soort=Documentsoort.VERKLARING,
            partij=partij,
            omschrijving=GEHEIM["omschrijving"],
        )
        services.dien_in(inschrijving, gebruiker=inschrijver, ondanks_open_punten=True)
    return inschrijving


def _partij(inschrijving, naam=GEHEIM["naam"]) -> Partij:
    """Found in Python: the names are stored encrypted."""
    return next(p for p in Partij.objects.filter(inschrijving=inschrijving) if p.naam == naam)


def _dump_van_de_database() -> bytes:
    """Every row of every table, as a dump would hold it (within this test's transaction)."""
    delen = []
    with connection.cursor() as cursor:
        for tabel in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(tabel)}")  # noqa: S608
            for rij in cursor.fetchall():
                for waarde in rij:
                    delen.append(
                        bytes(waarde)
                        if isinstance(waarde, bytes | memoryview)
                        else str(waarde).encode()
                    )
    if connection.vendor == "sqlite":
        delen.extend(regel.encode() for regel in connection.connection.iterdump())
    return b"\n".join(delen)


def _mediamap(media: Path) -> bytes:
    return b"\n".join(
        bytes(str(pad), "utf-8") + b"\n" + pad.read_bytes()
        for pad in media.rglob("*")
        if pad.is_file()
    )


def test_a_dump_and_the_media_folder_hold_no_plaintext_byte_of_a_submission(inzending, media):
    dump = _dump_van_de_database()
    bestanden = _mediamap(Path(media))
    assert Document.objects.filter(inschrijving=inzending).count() == 2  # the UEA and the PDF
    assert len(bestanden) > 1000
    gevonden = {
        sleutel: waar
        for sleutel, tekst in GEHEIM.items()
        for waar, inhoud in (("database", dump), ("media", bestanden))
        if tekst.encode() in inhoud
    }
    assert gevonden == {}
    # the markers are really in the submission: the application reads them back
    partij = _partij(inzending)
    assert (partij.naam, partij.kvk_nummer, partij.email) == (
        GEHEIM["naam"],
        GEHEIM["kvk"],
        GEHEIM["email"],
    )
    assert Inschrijving.objects.get(pk=inzending.pk).combinatienaam == GEHEIM["combinatienaam"]
    document = Document.objects.get(inschrijving=inzending, soort=Documentsoort.VERKLARING)
    assert document.bestandsnaam == GEHEIM["bestandsnaam"]
    assert document.bestand.open("rb").read() == PDF
    uea = Document.objects.get(inschrijving=inzending, soort=Documentsoort.UEA)
    assert GEHEIM["uea_naam"].encode() in uea.bestand.open("rb").read()
    assert uea.uea_gegevens["ondernemer"]["naam"] == GEHEIM["uea_naam"]


def test_the_region_reads_it_only_after_the_four_eyes_opening(
    client, inzending, inkoper, inschrijver
):
    pagina = f"/aanbestedingen/inschrijvingen/{inzending.pk}/"
    client.force_login(inschrijver)
    assert GEHEIM["naam"] in client.get(pagina).content.decode()  # the bidder: its own
    client.force_login(inkoper)
    assert GEHEIM["naam"] not in client.get(pagina).content.decode()
    open_met_vier_ogen(inzending.aanbesteding, inkoper=inkoper, nu=lokaal(2025, 6, 30, 12, 5))
    inhoud = client.get(pagina).content.decode()
    assert GEHEIM["naam"] in inhoud and GEHEIM["straat"] in inhoud and GEHEIM["kvk"] in inhoud


def test_a_value_in_the_database_opens_only_with_the_key_and_in_its_own_field(inzending):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT naam, email FROM aanbestedingen_partij WHERE id = %s",
            [_partij(inzending).pk],
        )
        naam, email = cursor.fetchone()
    assert naam.startswith("kluis:") and email.startswith("kluis:")
    from wmoregie.kluis.velden import open_

    assert open_(naam, "aanbestedingen.partij.naam") == GEHEIM["naam"]
    with pytest.raises(sleutels.KluisFout):
        open_(naam, "aanbestedingen.partij.email")  # moved to another field: refused
    ander = "ander:" + sleutels.nieuwe_sleutel()
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=ander), pytest.raises(sleutels.KluisFout):
        open_(naam, "aanbestedingen.partij.naam")


def test_key_rotation_rewraps_every_value_and_file(inzending, capsys):
    oud = sleutels.sleutelring().huidige
    nieuw = "2027a:" + sleutels.nieuwe_sleutel()
    ring = f"{nieuw},{settings.WMOREGIE_KLUIS_SLEUTELS}"
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=ring):
        call_command("roteer_kluissleutel")
        uit = capsys.readouterr().out
        assert "Opnieuw verpakt met sleutel 2027a:" in uit
        call_command("roteer_kluissleutel", "--alleen-tellen")
        assert f"Sleutel {oud}" not in capsys.readouterr().out
    # the old key can go: everything opens with the new one alone
    with override_settings(WMOREGIE_KLUIS_SLEUTELS=nieuw):
        assert _partij(inzending).naam == GEHEIM["naam"]
        uea_partij = _partij(inzending, GEHEIM["uea_naam"])
        assert uea_partij.uitsluitingsgronden[0]["toelichting"] == GEHEIM["uea_toelichting"]
        document = Document.objects.get(inschrijving=inzending, soort=Documentsoort.VERKLARING)
        assert document.bestand.open("rb").read() == PDF


def test_the_migration_seals_rows_and_files_stored_before_the_vault(inzending):
    """Rows and files written in plain text before the vault (simulated here with SQL and a
    plain file) are sealed by the data migration, and read the same afterwards."""
    from importlib import import_module

    from django.apps import apps

    migratie = import_module("wmoregie.aanbestedingen.migrations.0010_inschrijvingen_versleuteld")
    partij = _partij(inzending)
    document = Document.objects.get(inschrijving=inzending, soort=Documentsoort.VERKLARING)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE aanbestedingen_partij SET naam = %s, uitsluitingsgronden = %s WHERE id = %s",
            ["Oude Kwartel BV", '[{"code": "bankruptcy", "antwoord": false}]', partij.pk],
        )
    Path(document.bestand.path).write_bytes(PDF)
    assert _partij(inzending, "Oude Kwartel BV").uitsluitingsgronden[0]["code"] == "bankruptcy"

    migratie.versleutel_bestaande(apps, None)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT naam, uitsluitingsgronden FROM aanbestedingen_partij WHERE id = %s", [partij.pk]
        )
        naam, gronden = cursor.fetchone()
    assert naam.startswith("kluis:") and gronden.startswith("kluis:")
    assert Path(document.bestand.path).read_bytes().startswith(sleutels.MAGIC)
    assert _partij(inzending, "Oude Kwartel BV").uitsluitingsgronden == [
        {"code": "bankruptcy", "antwoord": False}
    ]
    assert Document.objects.get(pk=document.pk).bestand.open("rb").read() == PDF
