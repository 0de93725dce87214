"""Ingest with worker processes split by aanbieder: the same outcome as one process."""

import fcntl
import os
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
from wmoregie.iwmo.uitwisseling import ingest_alle, mappen, verdeel, verstuur, werk

from .test_uitwisseling import VANDAAG, bestanden

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
    _hub(basis)
    resultaten = ingest_alle(basis, GEMEENTEN, **OPTIES)
    return {g: r.aantallen for g, r in resultaten.items()}, _uitkomst(basis)


def _som(*delen: dict) -> dict[str, Counter]:
    totaal: dict[str, Counter] = {}
    for deel in delen:
        for gemeente, aantallen in deel.items():
            totaal.setdefault(gemeente, Counter()).update(aantallen)
    return totaal


def test_quick_header_scan_reads_code_and_sender_of_a_plain_header_only():
    xml = _vot(A2, G1, "A-1", "VOT-1")

    afzender = b"<wmo315:Afzender>"

    assert uitwisseling._snelle_kop(xml) == ("444", A2)
    assert uitwisseling._snelle_kop(xml.replace(afzender, b"<!-- x -->" + afzender)) is None
    assert uitwisseling._snelle_kop(xml.replace(afzender, b'<wmo315:Afzender a="1">')) is None
    assert uitwisseling._snelle_kop(b"<Bericht") is None


@pytest.mark.django_db
def test_workers_share_the_aanbieders_and_leave_the_rest_to_one_process(tmp_path):
    _hub(tmp_path)

    verdeling = verdeel(tmp_path, GEMEENTEN, 2)

    per_werker = [
        {g: [p.name for p in paden] for g, paden in deel.items()} for deel in verdeling.paden
    ]
    assert verdeling.werker_van == {A1: 0, A2: 1}  # the busiest aanbieder first
    assert verdeling.in_een_proces == {G3}
    assert per_werker == [
        {
            G1: ["01-start.xml", "02-stop.xml", "03-vot.xml", "08-declaratie.xml"],
            G2: ["01-vot-zelfde-ref.xml", "02-vot-zelfde-id.xml", "06-vot-zelfde-id.xml"],
        },
        {
            G1: ["04-vot-a2.xml", "05-vot-a2-opnieuw.xml"],
            G2: ["03-start-a2.xml", "04-commentaar.xml"],  # the comment: read the real way
        },
    ]  # not the broken files and the retour, nor 0312 with its 301: one process, afterwards


@pytest.mark.django_db
@pytest.mark.parametrize("volgorde", [(0, 1), (1, 0)])
def test_workers_give_the_same_outcome_as_one_process_in_any_order(tmp_path, monkeypatch, volgorde):
    """The workers' shares are independent: run one after the other, in either order, they give
    exactly the outcome of one process (the real workers run at the same time: see below)."""
    verwacht = _een_proces(tmp_path / "een")
    _leeg()
    basis = tmp_path / "werkers"
    _hub(basis)
    gedaan = []

    def na_elkaar(verdeling, basis, opties):
        delen = [werk(verdeling, w, basis, **opties) for w in volgorde]
        gedaan.append([sorted(deel) for deel in delen])
        return _som(*delen)

    monkeypatch.setattr(uitwisseling, "_parallel_mogelijk", lambda: True)
    monkeypatch.setattr(uitwisseling, "_draai_werkers", na_elkaar)

    resultaten = ingest_alle(basis, GEMEENTEN, werkers=2, **OPTIES)

    assert ({g: r.aantallen for g, r in resultaten.items()}, _uitkomst(basis)) == verwacht
    assert gedaan == [[[G1], [G1]], [[G2], [G2]]]  # 0312 between the two runs, in one process


@pytest.mark.django_db
def test_a_file_whose_header_names_another_aanbieder_than_the_scan_stays_for_the_rest(tmp_path):
    _hub(tmp_path)
    verdeling = verdeel(tmp_path, GEMEENTEN, 2)
    verdeling.werker_van[A2] = 0  # as if the scan had put A2's files with worker 1 by mistake

    werk(verdeling, 1, tmp_path, **OPTIES)

    assert Bericht.objects.filter(afzender=A2).count() == 0
    assert "04-vot-a2.xml" in bestanden(mappen(tmp_path, G1).inbox)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("per_transactie", [1, 3])
def test_two_worker_processes_give_the_same_outcome_as_one_process(
    tmp_path, monkeypatch, per_transactie
):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes run on PostgreSQL only (SQLite: one process)")
    opties = OPTIES | {"per_transactie": per_transactie}
    _hub(tmp_path / "een")
    een = ingest_alle(tmp_path / "een", GEMEENTEN, **opties)
    verwacht = ({g: r.aantallen for g, r in een.items()}, _uitkomst(tmp_path / "een"))
    _leeg()
    _hub(tmp_path / "twee")
    processen = tmp_path / "processen"
    echt_werk = uitwisseling.werk

    def werk_met_pid(*args, **kwargs):  # runs in the worker (a fork keeps the monkeypatch)
        with open(processen, "a") as bestand:
            bestand.write(f"{os.getpid()}\n")
        return echt_werk(*args, **kwargs)

    monkeypatch.setattr(uitwisseling, "werk", werk_met_pid)

    twee = ingest_alle(tmp_path / "twee", GEMEENTEN, werkers=2, **opties)

    assert ({g: r.aantallen for g, r in twee.items()}, _uitkomst(tmp_path / "twee")) == verwacht
    pids = processen.read_text().split()
    assert len(pids) == 4 and len(set(pids)) == 4 and str(os.getpid()) not in pids  # 2 runs of 2


def test_archiving_waits_for_a_worker_that_archives_into_the_same_folder(tmp_path):
    m = mappen(tmp_path, G1)
    (m.archief / "a.xml").write_bytes(b"eerder")
    for naam in ("a.xml", "a.1.xml"):
        (m.inbox / naam).write_bytes(naam.encode())
    slot = os.open(m.archief, os.O_RDONLY)
    fcntl.flock(slot, fcntl.LOCK_EX)  # another worker is archiving
    draad = threading.Thread(target=uitwisseling._archiveer_alle, args=([m.inbox / "a.xml"], m))
    draad.start()
    time.sleep(0.2)
    assert bestanden(m.inbox) == ["a.1.xml", "a.xml"]  # waits
    os.close(slot)
    draad.join(timeout=5)
    uitwisseling._archiveer_alle([m.inbox / "a.1.xml"], m)

    inhoud = {p.name: p.read_bytes() for p in m.archief.iterdir()}
    assert inhoud == {"a.xml": b"eerder", "a.1.xml": b"a.xml", "a.1.1.xml": b"a.1.xml"}


@pytest.mark.parametrize("naamloos", [True, False])
def test_a_retour_file_appears_whole_and_a_rewrite_replaces_it(tmp_path, monkeypatch, naamloos):
    if not naamloos:  # a system without O_TMPFILE: temporary file and rename
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)

    uitwisseling._schrijf_bestand(tmp_path, "WMO316_a.xml", b"eerste")
    uitwisseling._schrijf_bestand(tmp_path, "WMO316_a.xml", b"tweede")  # the name exists

    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"WMO316_a.xml": b"tweede"}
    assert uitwisseling._schrijf_naamloos(tmp_path, "b.xml", b"", duurzaam=False) is naamloos


@pytest.mark.django_db(transaction=True)
def test_what_a_failing_worker_leaves_is_done_by_the_rest_pass(tmp_path, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("worker processes run on PostgreSQL only (SQLite: one process)")
    _hub(tmp_path / "een")
    ingest_alle(tmp_path / "een", GEMEENTEN, **OPTIES)
    verwacht = _uitkomst(tmp_path / "een")[:2]
    _leeg()
    _hub(tmp_path / "twee")
    echt_werk = uitwisseling.werk

    def werker_1_faalt(verdeling, werker, *args, **kwargs):
        if werker == 1:
            raise RuntimeError("stuk")
        return echt_werk(verdeling, werker, *args, **kwargs)

    monkeypatch.setattr(uitwisseling, "werk", werker_1_faalt)

    ingest_alle(tmp_path / "twee", GEMEENTEN, werkers=2, **OPTIES)

    assert _uitkomst(tmp_path / "twee")[:2] == verwacht  # messages, findings, facts
    assert all(not bestanden(mappen(tmp_path / "twee", g).inbox) for g in GEMEENTEN)
