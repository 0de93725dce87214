"""Ingest as tasks in batches per gemeente and aanbieder: the same outcome as one process."""

import fcntl
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from django.db import connection

import pytest
from iwmo.berichten import build
from iwmo.retour import maak_retour
from iwmo.tests import factories
from iwmo.tests.test_retour import wmo305_geldig, wmo307_geldig, wmo323_geldig

from wmoregie.iwmo import uitwisseling
from wmoregie.iwmo.models import Bericht, Bevinding, Feit
from wmoregie.iwmo.uitwisseling import (
    ingest_alle,
    ingest_batch,
    mappen,
    verdeel,
    verdeling,
    verstuur,
)

from .test_uitwisseling import SRC, VANDAAG, bestanden

G1, G2, G3 = "0307", "0310", "0312"
A1, A2 = factories.AANBIEDER, "87000037"
GEMEENTEN = [G1, G3, G2]  # 0312, with a 301 in its inbox, in one process between the others
OPTIES = {"vandaag": VANDAAG, "per_transactie": 3}


def _van(bericht, afzender: str, ontvanger: str, identificatie: str):
    bericht.header.afzender = afzender
    bericht.header.ontvanger = ontvanger
    bericht.header.bericht_identificatie.identificatie = identificatie
    return bericht


def _vot(aanbieder: str, gemeente: str, identificatie: str, referentie: str):
    bericht = factories.wmo315_bericht(referentie_aanbieder=referentie)
    bericht.client.bsn = factories.bsn(sum(map(ord, referentie)))  # own client: no TR374
    return build(_van(bericht, aanbieder, gemeente, identificatie))


def _hub(basis: Path) -> None:
    """Three gemeenten, two aanbieders whose history crosses the gemeenten (TR347 and TR056 per
    aanbieder), resends, a retour, broken files, a header with a comment, and a gemeente with a
    301 in its inbox (whose start depends on it: the name order of that inbox counts; and it
    comes before 0310 in the order of the gemeenten, which decides which A-6 is the first)."""
    verstuur(basis, G1, build(_van(factories.wmo301_bericht(), G1, A1, "G1")), vandaag=VANDAAG)
    verstuur(basis, G2, build(_van(factories.wmo301_bericht(), G2, A2, "G1")), vandaag=VANDAAG)
    met_commentaar = _vot(A2, G2, "A-C", "VOT-C").replace(
        b"<wmo315:Afzender>", b"<!-- aanbieder --><wmo315:Afzender>"
    )
    inboxen = {
        G1: {
            "01-start": build(_van(wmo305_geldig(), A1, G1, "A-S")),
            "02-stop": build(_van(wmo307_geldig(), A1, G1, "A-E")),
            "03-vot": _vot(A1, G1, "A-1", "VOT-1"),
            "04-vot-a2": _vot(A2, G1, "A-2", "VOT-2"),
            "05-vot-a2-opnieuw": _vot(A2, G1, "A-2", "VOT-2"),  # the same file: processed once
            "06-kapot": b"<Bericht",
            "07-retour": maak_retour(build(factories.wmo301_bericht()), vandaag=VANDAAG),
            "08-declaratie": build(_van(wmo323_geldig(), A1, G1, "A-D")),
        },
        G2: {
            "01-vot-zelfde-ref": _vot(A1, G2, "A-3", "VOT-1"),  # TR347 over the gemeenten
            "02-vot-zelfde-id": _vot(A1, G2, "A-1", "VOT-4"),  # TR056 over the gemeenten
            "03-start-a2": build(_van(wmo305_geldig(), A2, G2, "A-S")),
            "04-commentaar": met_commentaar,
            "05-kapot": b"<Bericht",  # the same broken file as in 0307
            "06-vot-zelfde-id": _vot(A1, G2, "A-6", "VOT-7"),  # TR056: after 0312's
        },
        G3: {
            "01-toewijzing": build(_van(factories.wmo301_bericht(), G3, A1, "G3")),
            "02-start": build(_van(wmo305_geldig(), A1, G3, "A-S3")),  # needs 01 first
            "03-vot": _vot(A1, G3, "A-5", "VOT-5"),
            "04-vot-zelfde-id": _vot(A1, G3, "A-6", "VOT-6"),  # before 0310's: this one counts
        },
    }
    for gemeente, inbox in inboxen.items():
        for naam, data in inbox.items():
            (mappen(basis, gemeente).inbox / f"{naam}.xml").write_bytes(data)


def _leeg() -> None:
    Bevinding.objects.all().delete()
    Bericht.objects.exclude(dubbel_van=None).delete()
    Bericht.objects.all().delete()
    Feit.objects.all().delete()


def _uitkomst(basis: Path) -> tuple:
    berichten = sorted(
        (
            b.gemeente,
            b.bestandsnaam,
            b.sleutel,
            b.status,
            (b.dubbel_van.gemeente, b.dubbel_van.bestandsnaam) if b.dubbel_van else None,
            b.retourcodes,
            b.retour_bestandsnaam,
            tuple((f.regel, f.xpath, f.retourcode) for f in b.bevindingen.all()),
        )
        for b in Bericht.objects.all()
    )
    feiten = sorted((f.soort, f.sleutel, str(f.gegevens)) for f in Feit.objects.all())
    mappen_ = {
        g: (bestanden(m.inbox), bestanden(m.outbox), bestanden(m.archief))
        for g in GEMEENTEN
        for m in [mappen(basis, g)]
    }
    return berichten, feiten, mappen_


def _een_proces(basis: Path) -> tuple:
    """Today's ingest: every inbox whole, one after the other, in this process."""
    _hub(basis)
    resultaten = ingest_alle(basis, GEMEENTEN, verdelen=False, **OPTIES)
    return {g: r.aantallen for g, r in resultaten.items()}, _uitkomst(basis)


def test_quick_header_scan_reads_code_and_sender_of_a_plain_header_only():
    xml = _vot(A2, G1, "A-1", "VOT-1")

    afzender = b"<wmo315:Afzender>"

    assert uitwisseling.snelle_kop(xml) == ("444", A2)
    assert uitwisseling.snelle_kop(xml.replace(afzender, b"<!-- x -->" + afzender)) is None
    assert uitwisseling.snelle_kop(xml.replace(afzender, b'<wmo315:Afzender a="1">')) is None
    assert uitwisseling.snelle_kop(b"<Bericht") is None


def _namen(ketens):
    return [[(b.gemeente, b.aanbieders, [p.name for p in b.paden]) for b in k] for k in ketens]


@pytest.mark.django_db
def test_batches_per_gemeente_and_part_of_the_aanbieders_chained_in_the_order_of_the_gemeenten(
    tmp_path,
):
    _hub(tmp_path)

    uit = verdeel(tmp_path, GEMEENTEN)

    assert uit.in_een_proces == {G3}  # its 301: the whole inbox in one task
    assert _namen(uit.ketens([G1, G2], 2)) == [
        [  # the busiest aanbieder first
            (G1, [A1], ["01-start.xml", "02-stop.xml", "03-vot.xml", "08-declaratie.xml"]),
            (G2, [A1], ["01-vot-zelfde-ref.xml", "02-vot-zelfde-id.xml", "06-vot-zelfde-id.xml"]),
        ],
        [
            (G1, [A2], ["04-vot-a2.xml", "05-vot-a2-opnieuw.xml"]),
            (G2, [A2], ["03-start-a2.xml", "04-commentaar.xml"]),  # the comment: read the real way
        ],
    ]  # not the broken files and the retour, nor 0312 with its 301: a task per inbox, afterwards
    assert _namen(uit.ketens([G2], 1)) == [  # one part: one batch per gemeente, in name order
        [(G2, sorted([A1, A2]), ["01-vot-zelfde-ref.xml", "02-vot-zelfde-id.xml", "03-start-a2.xml",
                         "04-commentaar.xml", "06-vot-zelfde-id.xml"])],
    ]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("omgekeerd", [False, True])
def test_batches_give_the_same_outcome_as_one_process_in_any_order(
    tmp_path, monkeypatch, omgekeerd
):
    """The aanbieders' chains are independent: run one after the other (tasks in-process, no
    broker), in either order, they give exactly the outcome of one process (a real worker pool
    runs them at the same time: see below)."""
    verwacht = _een_proces(tmp_path / "een")
    _leeg()
    basis = tmp_path / "batches"
    _hub(basis)
    gedaan = []
    echt = verdeling.ingest_batch

    def batch(basis, gemeente, aanbieders, paden, **opties):
        gedaan.append((gemeente, *aanbieders))
        return echt(basis, gemeente, aanbieders, paden, **opties)

    monkeypatch.setattr(verdeling, "ingest_batch", batch)
    if omgekeerd:
        monkeypatch.setattr(verdeling, "_volgorde", lambda ketens: ketens[::-1])

    resultaten = ingest_alle(basis, GEMEENTEN, verdelen=True, **OPTIES)

    assert ({g: r.aantallen for g, r in resultaten.items()}, _uitkomst(basis)) == verwacht
    per_run = [[(G1, A1), (G1, A2)], [(G2, A1), (G2, A2)]]  # 0312 between them, whole
    assert gedaan == [b for run in per_run for b in (run[::-1] if omgekeerd else run)]


@pytest.mark.django_db
def test_a_file_whose_header_names_another_aanbieder_than_the_scan_stays_for_the_rest(tmp_path):
    _hub(tmp_path)
    m = mappen(tmp_path, G1)

    aantallen = ingest_batch(  # as if the scan had put A2's files in A1's batch by mistake
        tmp_path, G1, [A1], [m.inbox / "04-vot-a2.xml", m.inbox / "gone.xml"], **OPTIES
    )

    assert aantallen == Counter()
    assert Bericht.objects.filter(afzender=A2).count() == 0
    assert "04-vot-a2.xml" in bestanden(m.inbox)


@pytest.mark.django_db
def test_what_a_failing_batch_leaves_is_done_by_the_pass_per_gemeente(tmp_path, monkeypatch):
    verwacht = _een_proces(tmp_path / "een")
    _leeg()
    basis = tmp_path / "twee"
    _hub(basis)
    echt = verdeling.ingest_batch

    def a2_faalt(basis, gemeente, aanbieders, paden, **opties):
        if A2 in aanbieders:
            raise RuntimeError("stuk")
        return echt(basis, gemeente, aanbieders, paden, **opties)

    monkeypatch.setattr(verdeling, "ingest_batch", a2_faalt)

    resultaten = ingest_alle(basis, GEMEENTEN, verdelen=True, **OPTIES)

    assert _uitkomst(basis) == verwacht[1]  # messages, findings, facts, folders
    assert sum(sum(r.aantallen.values()) for r in resultaten.values()) == sum(
        sum(a.values()) for a in verwacht[0].values()
    )


def _database_url() -> str:
    instellingen = connection.settings_dict
    gebruiker = instellingen["USER"] + (
        f":{instellingen['PASSWORD']}" if instellingen["PASSWORD"] else ""
    )
    return f"postgres://{gebruiker}@{instellingen['HOST']}:{instellingen['PORT'] or 5432}/{instellingen['NAME']}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("per_transactie", [1, 3])
def test_a_real_celery_worker_pool_on_redis_gives_the_outcome_of_todays_ingest(
    tmp_path, redis_broker, per_transactie
):
    """The exchange on PostgreSQL with a real Celery worker (two pool processes, started by
    ``iwmo_ingest --werkers 2``) and the local Redis broker: the same outcome as today's ingest
    of the same inbox in one process."""
    if connection.vendor != "postgresql":
        pytest.skip("a worker pool shares the database: PostgreSQL only (SQLite: in-process)")
    opties = OPTIES | {"per_transactie": per_transactie}
    _hub(tmp_path / "een")
    een = ingest_alle(tmp_path / "een", GEMEENTEN, verdelen=False, **opties)
    verwacht = ({g: dict(r.aantallen) for g, r in een.items()}, _uitkomst(tmp_path / "een"))
    _leeg()
    basis = tmp_path / "twee"
    _hub(basis)

    proces = subprocess.run(
        [sys.executable, str(SRC / "manage.py"), "iwmo_ingest", "--map", str(basis),
         "--gemeente", G1, "--gemeente", G3, "--gemeente", G2, "--datum", VANDAAG.isoformat(),
         "--per-transactie", str(per_transactie), "--werkers", "2"],
        env=os.environ | redis_broker | {"DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "wmoregie.conf.test"},
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip

    assert proces.returncode == 0, proces.stderr
    assert _uitkomst(basis) == verwacht[1]
    regels = [regel.split(": ", 1) for regel in proces.stdout.splitlines()]
    gemeld = {sleutel: waarde for sleutel, waarde in regels if sleutel.isdigit()}
    assert gemeld == {g: str(een[g]) for g in GEMEENTEN}
    assert "wmoregie.clienten.services.berichten.koppel_ontvangen" in dict(regels)  # the hook ran


def test_archiving_waits_for_a_worker_that_archives_into_the_same_folder(tmp_path):
    m = mappen(tmp_path, G1)
    (m.archief / "a.xml").write_bytes(b"eerder")
    for naam in ("a.xml", "a.1.xml"):
        (m.inbox / naam).write_bytes(naam.encode())
    slot = os.open(m.archief, os.O_RDONLY)
    fcntl.flock(slot, fcntl.LOCK_EX)  # another worker is archiving
    draad = threading.Thread(target=uitwisseling.archiveer_alle, args=([m.inbox / "a.xml"], m))
    draad.start()
    time.sleep(0.2)
    assert bestanden(m.inbox) == ["a.1.xml", "a.xml"]  # waits
    os.close(slot)
    draad.join(timeout=5)
    uitwisseling.archiveer_alle([m.inbox / "a.1.xml"], m)

    inhoud = {p.name: p.read_bytes() for p in m.archief.iterdir()}
    assert inhoud == {"a.xml": b"eerder", "a.1.xml": b"a.xml", "a.1.1.xml": b"a.1.xml"}


@pytest.mark.parametrize("naamloos", [True, False])
def test_a_retour_file_appears_whole_and_a_rewrite_replaces_it(tmp_path, monkeypatch, naamloos):
    if not naamloos:  # a system without O_TMPFILE: temporary file and rename
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)

    uitwisseling.schrijf_bestand(tmp_path, "WMO316_a.xml", b"eerste")
    uitwisseling.schrijf_bestand(tmp_path, "WMO316_a.xml", b"tweede")  # the name exists

    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"WMO316_a.xml": b"tweede"}
    assert uitwisseling.schrijf_naamloos(tmp_path, "b.xml", b"", duurzaam=False) is naamloos
