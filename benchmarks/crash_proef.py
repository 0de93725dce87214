"""Crash safety (#14 C.4): kill -9 at random moments during an iWmo ingest and during tender
submissions, 20 times each; prints what was lost, duplicated and half-written.

    .venv/bin/python benchmarks/crash_proef.py [--berichten 10000] [--kills 20]
                                               [--per-transactie 1] [--inschrijvingen 60]
                                               [--alleen ingest|indiening] [--seed 14]

Into PostgreSQL when DATABASE_URL is set (a fresh database next to it, dropped afterwards),
else a SQLite file in a temporary folder. The harness, the kill points and the checks are in
``src/wmoregie/tests/crashproef.py`` (the test ``test_crashproef.py`` runs a small version of
the same: 300 messages and 5 kills). Exits 1 when anything was lost, duplicated or
half-written. Figures on the reference machine: docs/security.md ("Crash safety").
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.test")

from wmoregie.tests import crashproef  # noqa: E402
from wmoregie.tests.databases import wegwerp_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--berichten", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--per-transactie", type=int, default=1)
    parser.add_argument("--inschrijvingen", type=int, default=60)
    parser.add_argument("--alleen", choices=["ingest", "indiening"])
    parser.add_argument("--seed", type=int, default=14)
    opties = parser.parse_args()

    uitslagen = []
    with tempfile.TemporaryDirectory(prefix="crashproef-") as tijdelijk:
        for proef in ("ingest", "indiening"):
            if opties.alleen not in (None, proef):
                continue
            werkmap = Path(tijdelijk) / proef
            werkmap.mkdir()
            db = wegwerp_database(werkmap, f"crashproef_{proef}")
            try:
                if proef == "ingest":
                    uitslag = crashproef.ingest_proef(
                        werkmap, db.url, berichten=opties.berichten, kills=opties.kills,
                        per_transactie=opties.per_transactie, seed=opties.seed, melden=print,
                    )  # fmt: skip
                else:
                    uitslag = crashproef.indiening_proef(
                        werkmap, db.url, inschrijvingen=opties.inschrijvingen,
                        kills=opties.kills, seed=opties.seed, melden=print,
                    )  # fmt: skip
            finally:
                db.opruimen()
            print("\n".join(uitslag.regels()), flush=True)
            uitslagen.append(uitslag)
    return 0 if all(u.in_orde for u in uitslagen) else 1


if __name__ == "__main__":
    sys.exit(main())
