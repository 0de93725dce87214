"""Exchange adapter: folders per gemeente, idempotent ingest, one transaction per message."""

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest
from iwmo.berichten import build, parse
from iwmo.tests import factories
from iwmo.tests.test_retour import wmo305_geldig

from wmoregie.iwmo.models import Bericht, Berichtafspraak, BerichtStatus, Bevinding, Feit
from wmoregie.iwmo.uitwisseling import NietVerzonden, ingest, mappen, verstuur
from wmoregie.tests.databases import wegwerp_database

VANDAAG = date(2026, 1, 5)
G = factories.GEMEENTE
SRC = Path(__file__).resolve().parents[3]


def vot(nummer: int, aanbieder: str = factories.AANBIEDER) -> bytes:
    bericht = factories.wmo315_bericht(referentie_aanbieder=f"VOT-{nummer}")
    bericht.header.bericht_identificatie.identificatie = f"A{nummer}"
    bericht.header.afzender = aanbieder
    bericht.client.bsn = factories.bsn(nummer)  # a client of its own: TR374 stays silent
    return build(bericht)


def in_inbox(basis: Path, naam: str, data: bytes) -> Path:
    pad = mappen(basis, G).inbox / naam
    pad.write_bytes(data)
    return pad


def bestanden(map_: Path) -> list[str]:
    return sorted(p.name for p in map_.iterdir())


@pytest.mark.django_db
def test_valid_message_is_stored_answered_and_archived(tmp_path):
    in_inbox(tmp_path, "vot.xml", vot(1))

    resultaat = ingest(tmp_path, G, vandaag=VANDAAG)

    m = mappen(tmp_path, G)
    assert resultaat.aantallen == {"geaccepteerd": 1}
    assert bestanden(m.inbox) == []
    assert bestanden(m.archief) == ["vot.xml"]
    [bericht] = Bericht.objects.all()
    assert (bericht.berichttype, bericht.status) == ("wmo315", BerichtStatus.GEACCEPTEERD)
    assert bericht.retour_geschreven_op is not None
    [retour] = bestanden(m.outbox)
    assert retour == bericht.retour_bestandsnaam
    assert parse((m.outbox / retour).read_bytes()).header.bericht_code == "445"
    assert Feit.objects.filter(soort="referentie").count() == 1


@pytest.mark.django_db
def test_the_same_file_twice_is_processed_once(tmp_path):
    in_inbox(tmp_path, "a.xml", vot(1))
    ingest(tmp_path, G, vandaag=VANDAAG)
    in_inbox(tmp_path, "a.xml", vot(1))

    resultaat = ingest(tmp_path, G, vandaag=VANDAAG)

    m = mappen(tmp_path, G)
    assert resultaat.aantallen == {"al-verwerkt": 1}
    assert Bericht.objects.count() == 1
    assert len(bestanden(m.outbox)) == 1
    assert bestanden(m.archief) == ["a.1.xml", "a.xml"]


@pytest.mark.django_db
def test_other_content_with_a_used_identificatie_is_a_tr056_duplicate(tmp_path):
    in_inbox(tmp_path, "a.xml", vot(1))
    ingest(tmp_path, G, vandaag=VANDAAG)
    ander = factories.wmo315_bericht(referentie_aanbieder="VOT-ANDERS")
    ander.header.bericht_identificatie.identificatie = "A1"
    in_inbox(tmp_path, "b.xml", build(ander))

    ingest(tmp_path, G, vandaag=VANDAAG)

    eerste, tweede = Bericht.objects.order_by("id")
    assert tweede.dubbel_van == eerste
    assert tweede.status == BerichtStatus.AFGEKEURD
    assert tweede.retourcodes == "9056"
    assert len(bestanden(mappen(tmp_path, G).outbox)) == 2


@pytest.mark.django_db
def test_unreadable_file_is_kept_with_its_finding_and_archived(tmp_path):
    in_inbox(tmp_path, "kapot.xml", b"<?xml version='1.0'?><Bericht")

    resultaat = ingest(tmp_path, G, vandaag=VANDAAG)

    [bericht] = Bericht.objects.all()
    assert resultaat.aantallen == {"onleesbaar": 1}
    assert bericht.sleutel.startswith("sha256:")
    assert bericht.retour_xml is None
    assert [b.regel for b in bericht.bevindingen.all()] == ["XML"]
    assert bestanden(mappen(tmp_path, G).archief) == ["kapot.xml"]


@pytest.mark.django_db
def test_start_is_checked_against_the_toewijzing_we_sent(tmp_path):
    in_inbox(tmp_path, "start.xml", build(wmo305_geldig()))
    ingest(tmp_path, G, vandaag=VANDAAG)
    assert Bericht.objects.get().retourcodes == "0200 9019 0200"  # document order

    verstuur(tmp_path, G, build(factories.wmo301_bericht()), vandaag=VANDAAG)
    start = wmo305_geldig()
    start.header.bericht_identificatie.identificatie = "A2"
    in_inbox(tmp_path, "start2.xml", build(start))
    ingest(tmp_path, G, vandaag=VANDAAG)

    laatste = Bericht.objects.filter(berichttype="wmo305").order_by("-id").first()
    assert laatste.status == BerichtStatus.GEACCEPTEERD
    assert laatste.retourcodes == ""
    assert Feit.objects.filter(soort="levering").count() == 1


@pytest.mark.django_db
def test_invalid_own_message_is_not_sent(tmp_path):
    with pytest.raises(NietVerzonden) as info:
        verstuur(tmp_path, G, build(factories.wmo301_bericht(bsn="999900007")))

    assert [b.rule for b in info.value.bevindingen] == ["CS002"]
    assert Bericht.objects.count() == 0
    assert bestanden(mappen(tmp_path, G).outbox) == []


@pytest.mark.django_db
def test_an_answer_is_sent_only_to_a_request_that_came_in(tmp_path):
    antwoord = factories.wmo319_bericht(referentie_aanbieder="VOT-7")
    with pytest.raises(NietVerzonden) as info:
        verstuur(tmp_path, G, build(antwoord), vandaag=VANDAAG)
    assert [b.rule for b in info.value.bevindingen] == ["TR355"]

    in_inbox(tmp_path, "vot.xml", vot(7))
    ingest(tmp_path, G, vandaag=VANDAAG)
    verzonden = verstuur(tmp_path, G, build(antwoord), vandaag=VANDAAG)

    assert verzonden.berichttype == "wmo319"
    assert bestanden(mappen(tmp_path, G).outbox)[-1].startswith("WMO319_")


@pytest.mark.django_db
def test_taakgericht_lot_refuses_a_vot_and_accepts_a_start_without_toewijzing(tmp_path):
    Berichtafspraak.objects.create(gemeente=G, aanbieder="", variant="taakgericht")
    in_inbox(tmp_path, "1-vot.xml", vot(1))
    start = wmo305_geldig(toewijzing_nummer=None, toewijzing_ingangsdatum=None)
    in_inbox(tmp_path, "2-start.xml", build(start))

    ingest(tmp_path, G, vandaag=VANDAAG)

    vot_bericht, start_bericht = Bericht.objects.order_by("bestandsnaam")
    assert vot_bericht.status == BerichtStatus.AFGEKEURD
    assert vot_bericht.retourcodes == "0001"
    assert Bevinding.objects.filter(bericht=vot_bericht, regel="VARIANT").exists()
    assert start_bericht.status == BerichtStatus.GEACCEPTEERD
    assert start_bericht.variant == "taakgericht"


@pytest.mark.django_db
def test_a_message_that_fails_the_xsd_is_refused_at_intake_with_its_findings_and_no_retour(
    tmp_path,
):
    """IV028/IV032: no retour for control level 1; the message is kept, with why, for whoever
    must act (the admin lists it under its status), and a corrected resend is not a TR056."""
    m = mappen(tmp_path, G)
    goed = build(wmo305_geldig())
    in_inbox(tmp_path, "a.xml", goed.replace(b"<wmo305:Geslacht>2", b"<wmo305:Geslacht>7"))

    ingest(tmp_path, G, vandaag=VANDAAG)

    bericht = Bericht.objects.get()
    assert bericht.status == BerichtStatus.GEWEIGERD
    assert bericht.retour_bestandsnaam == "" and bericht.retour_xml is None
    assert bestanden(m.outbox) == [] and bestanden(m.archief) == ["a.xml"]
    assert "XSD" in {b.regel for b in bericht.bevindingen.all()}

    verstuur(tmp_path, G, build(factories.wmo301_bericht()), vandaag=VANDAAG)
    in_inbox(tmp_path, "b.xml", goed)  # the corrected message, same Identificatie
    ingest(tmp_path, G, vandaag=VANDAAG)

    opnieuw = Bericht.objects.get(bestandsnaam="b.xml")
    assert opnieuw.status == BerichtStatus.GEACCEPTEERD, list(opnieuw.bevindingen.values("regel"))
    assert opnieuw.dubbel_van == bericht  # kept apart from the refused one, but not refused


@pytest.mark.django_db
def test_management_command_processes_every_gemeente_folder(tmp_path):
    in_inbox(tmp_path, "a.xml", vot(1))

    call_command("iwmo_ingest", "--map", str(tmp_path), "--datum", "2026-01-05")

    assert Bericht.objects.count() == 1


@pytest.mark.django_db
def test_with_a_broker_and_no_worker_on_the_queue_the_command_says_what_to_start(
    tmp_path, monkeypatch
):
    from wmoregie.iwmo.management.commands import iwmo_ingest

    in_inbox(tmp_path, "a.xml", vot(1))
    monkeypatch.setattr(iwmo_ingest, "met_broker", lambda: True)
    monkeypatch.setattr(iwmo_ingest, "luisteraars", lambda wachtrij: {})

    with pytest.raises(CommandError, match="Geen Celery-worker luistert naar de wachtrij iwmo"):
        call_command("iwmo_ingest", "--map", str(tmp_path))

    assert Bericht.objects.count() == 0
    assert bestanden(mappen(tmp_path, G).inbox) == ["a.xml"]


# --- kill -9 in the middle of a batch ----------------------------------------------------------


def _manage(url, *args, omgeving=None, **popen):
    env = os.environ | (omgeving or {})
    env |= {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "wmoregie.conf.test"}
    return subprocess.Popen(
        [sys.executable, str(SRC / "manage.py"), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,
    )


def _processen_met(kenmerk: str, *, binnen: float) -> list[int]:
    """The live processes whose command line holds ``kenmerk``, after waiting at most ``binnen``
    seconds for them to be gone (a zombie has an empty command line: it counts as gone)."""
    deadline = time.monotonic() + binnen
    while True:
        levend = []
        for proc in Path("/proc").iterdir():
            if proc.name.isdigit():
                try:
                    if kenmerk.encode() in (proc / "cmdline").read_bytes():
                        levend.append(int(proc.name))
                except OSError:  # ended while we looked
                    continue
        if not levend or time.monotonic() > deadline:
            return levend
        time.sleep(0.01)


@pytest.mark.parametrize(("per_transactie", "werkers"), [(1, 1), (25, 1), (25, 2)])
def test_kill_9_in_the_middle_of_a_batch_loses_and_duplicates_nothing(
    tmp_path, request, per_transactie, werkers
):
    """With ``--werkers 2`` the command starts a Celery worker pool on the local Redis: the kill
    takes the pool with it (nothing moves afterwards) and the rerun finishes the work."""
    omgeving = {}
    if werkers > 1:
        if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
            pytest.skip("a worker pool shares the database: PostgreSQL only (SQLite: in-process)")
        omgeving = request.getfixturevalue("redis_broker")
    db = wegwerp_database(tmp_path, "iwmo_kill", gemigreerd=True)
    url, tel, opruimen = db.url, db.tel, db.opruimen
    try:
        basis = tmp_path / "hub"
        m = mappen(basis, G)
        aantal = 120
        aanbieders = [factories.AANBIEDER, "87000037", "87000074"]  # shared by the workers
        for i in range(aantal):
            in_inbox(basis, f"{i:04d}.xml", vot(i, aanbieders[i % 3]))
        for i in range(0, aantal, 10):  # resends of the same file: processed once
            in_inbox(basis, f"{i:04d}-opnieuw.xml", vot(i, aanbieders[i % 3]))
        in_inbox(basis, "9999-kapot.xml", b"<Bericht")
        totaal = len(bestanden(m.inbox))
        args = ["iwmo_ingest", "--map", str(basis), "--datum", "2026-01-05"]
        args += ["--per-transactie", str(per_transactie), "--werkers", str(werkers)]

        for stop_bij in (15, 70):  # two kills, at different points of the batch
            proces = _manage(url, *args, "--pauze-ms", "15", omgeving=omgeving)
            deadline = time.monotonic() + 60
            while len(bestanden(m.archief)) < stop_bij and time.monotonic() < deadline:
                assert proces.poll() is None, proces.stderr.read().decode()
                time.sleep(0.005)
            proces.send_signal(signal.SIGKILL)
            proces.wait(timeout=10)
            # The kernel kills the worker and then its pool (PDEATHSIG, one after the other): on
            # a busy machine a pool process may still finish the moves of a group it committed.
            # What counts is that they die, and that nothing moves after that.
            assert _processen_met(f"lokaal-{proces.pid}@", binnen=10) == []
            over = bestanden(m.inbox)
            assert 0 < len(over) < totaal  # really in the middle
            time.sleep(0.3)
            assert bestanden(m.inbox) == over  # no worker outlived the command
        laatste = _manage(url, *args, omgeving=omgeving)
        assert laatste.wait(timeout=120) == 0, laatste.stderr.read().decode()

        assert bestanden(m.inbox) == []
        assert len(bestanden(m.archief)) == totaal
        assert tel("SELECT COUNT(*) FROM iwmo_bericht") == aantal + 1
        assert tel("SELECT COUNT(DISTINCT sleutel) FROM iwmo_bericht") == aantal + 1
        assert tel("SELECT COUNT(*) FROM iwmo_bericht WHERE status = 'geaccepteerd'") == aantal
        assert tel("SELECT COUNT(*) FROM iwmo_feit WHERE soort = 'referentie'") == aantal
        assert tel("SELECT COUNT(*) FROM iwmo_bericht WHERE retour_geschreven_op IS NULL") == 1
        uit = bestanden(m.outbox)
        assert len(uit) == aantal and all(naam.startswith("WMO316_") for naam in uit)
    finally:
        opruimen()
        shutil.rmtree(tmp_path / "hub", ignore_errors=True)


@pytest.mark.django_db
def test_database_history_follows_the_whole_flow(tmp_path):
    """Layer 3 on the database: the same verdicts as the in-memory history."""
    from iwmo.tests.test_retour import wmo307_geldig, wmo323_geldig

    verstuur(tmp_path, G, build(factories.wmo301_bericht()), vandaag=VANDAAG)
    berichten = {
        "1-start": wmo305_geldig(),
        "2-start-opnieuw": wmo305_geldig(),  # same key, other Identificatie: TR074
        "3-stop": wmo307_geldig(),
        "4-stop-opnieuw": wmo307_geldig(),  # TR415: a second stop after a definitive one
        "5-vot": factories.wmo315_bericht(),
        "6-vot-zelfde-ref": factories.wmo315_bericht(),  # TR347
        "7-declaratie": wmo323_geldig(),
        "8-declaratie-zelfde-nummer": wmo323_geldig(),  # TR333, and TR314 for its Prestatie
        "9-declaratie-zelfde-prestatie": wmo323_geldig(),  # TR314, and TR389 (same month)
    }
    berichten["9-declaratie-zelfde-prestatie"].declaratie.declaratie_nummer = "D202504B"
    for i, (naam, bericht) in enumerate(berichten.items()):
        bericht.header.bericht_identificatie.identificatie = f"A{i}"
        in_inbox(tmp_path, f"{naam}.xml", build(bericht))

    ingest(tmp_path, G, vandaag=VANDAAG)

    codes = {
        b.bestandsnaam.removesuffix(".xml"): b.retourcodes
        for b in Bericht.objects.exclude(status=BerichtStatus.VERZONDEN)
    }
    assert codes == {
        "1-start": "",
        "2-start-opnieuw": "0200 9074 0200",
        "3-stop": "",
        "4-stop-opnieuw": "0200 9415 0200",
        "5-vot": "",
        "6-vot-zelfde-ref": "0200 9347 0200",
        "7-declaratie": "0200 8001",
        "8-declaratie-zelfde-nummer": "0200 9333",
        "9-declaratie-zelfde-prestatie": "0200 8021 9389 0200 0200",  # the Prestatie rejected
    }


@pytest.mark.django_db
def test_admin_shows_stored_messages_with_findings_and_retour(tmp_path, admin_client):
    vot = factories.wmo315_bericht()
    vot.client.bsn = "999900007"  # elfproef fails: CS002
    in_inbox(tmp_path, "a.xml", build(vot))
    ingest(tmp_path, G, vandaag=VANDAAG)
    bericht = Bericht.objects.get()

    lijst = admin_client.get("/beheer/iwmo/bericht/?status=afgekeurd")
    detail = admin_client.get(f"/beheer/iwmo/bericht/{bericht.pk}/change/")

    assert lijst.status_code == 200 and b"A2025-0001" in lijst.content
    assert detail.status_code == 200
    assert b"CS002" in detail.content and b"wmo316:Bericht" in detail.content


@pytest.mark.django_db
def test_oversized_file_is_refused_stored_truncated_and_archived_whole(tmp_path):
    data = vot(1)
    in_inbox(tmp_path, "groot.xml", data)

    ingest(tmp_path, G, vandaag=VANDAAG, max_bytes=500)

    [bericht] = Bericht.objects.all()
    assert bericht.status == BerichtStatus.ONLEESBAAR
    assert len(bytes(bericht.inhoud)) == 500
    assert "te groot" in bericht.bevindingen.get().melding
    assert (mappen(tmp_path, G).archief / "groot.xml").read_bytes() == data
