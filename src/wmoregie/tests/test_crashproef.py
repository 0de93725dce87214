"""Crash safety (#14 C.4), the small version of ``benchmarks/crash_proef.py``: kill -9 at random
moments during an iWmo ingest (300 messages, 5 kills) and during tender submissions (12
registrations, 5 kills); nothing lost, duplicated or half-written, on SQLite and PostgreSQL
(whichever ``DATABASE_URL`` names). The full run (10,000 messages, 20 kills) prints the figures
of docs/security.md."""

from wmoregie.tests import crashproef
from wmoregie.tests.databases import wegwerp_database


def _controleer(uitslag: crashproef.Uitslag, kills: int) -> None:
    tekst = "\n".join(uitslag.regels())
    assert uitslag.kills == kills, tekst  # every kill fell while the work ran
    assert uitslag.opgeslagen == uitslag.te_verwerken, tekst
    assert (uitslag.verloren, uitslag.dubbel, uitslag.half, uitslag.anders) == (0, 0, 0, 0), tekst
    assert uitslag.in_orde, tekst


def test_kill_9_during_an_ingest_loses_duplicates_and_half_writes_nothing(tmp_path):
    """One message per transaction, as the full run (``iwmo/tests/test_uitwisseling.py`` also
    kills groups of messages and worker pools)."""
    db = wegwerp_database(tmp_path, "crash_ingest", gemigreerd=True)
    try:
        uitslag = crashproef.ingest_proef(
            tmp_path, db.url, berichten=300, kills=5, per_transactie=1, seed=7,
            pauze_ms=5,  # a small batch: slowed down so that five kills fall inside it
        )  # fmt: skip
    finally:
        db.opruimen()
    _controleer(uitslag, 5)
    assert uitslag.vooruit_anders == 0  # a retour ahead of its commit is rewritten byte for byte


def test_kill_9_during_tender_submissions_keeps_each_whole_and_the_chains_valid(tmp_path):
    db = wegwerp_database(tmp_path, "crash_indiening", gemigreerd=True)
    try:
        uitslag = crashproef.indiening_proef(
            tmp_path, db.url, inschrijvingen=12, kills=5, seed=7,
            jitter=0.1,  # 36 steps: the last kill (at step 31) must still find work on a fast machine
        )  # fmt: skip
    finally:
        db.opruimen()
    _controleer(uitslag, 5)
    assert uitslag.keten_fouten == 0 and uitslag.controles == 8  # verifieer_auditlog each time
    assert uitslag.wees_over == 0  # ruim_weesbestanden removed every orphan file, nothing else
