"""A throwaway database of its own for tests that run ``manage.py`` in a subprocess.

On PostgreSQL (``DATABASE_URL`` points there, as in CI) a fresh database beside the test
database; otherwise a SQLite file in the test's temporary folder. With ``gemigreerd=True`` it
starts with every migration applied: a copy of a template that the first such test of the run
migrated (~25 s of CPU each time; four tests asked for it per run).
"""

import fcntl
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SRC = Path(__file__).resolve().parents[2]
#: Templates of earlier runs older than this are removed when a run makes its own.
SJABLOON_LEEFTIJD = 6 * 3600


@dataclass(frozen=True)
class WegwerpDatabase:
    url: str
    tel: Callable[[str], object]  # the first column of the first row of a query
    opruimen: Callable[[], None]
    naam: str = ""  # the PostgreSQL database name ("" on SQLite)


def is_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def wegwerp_database(tmp_path: Path, naam: str, *, gemigreerd: bool = False) -> WegwerpDatabase:
    url = os.environ.get("DATABASE_URL", "")
    if is_postgresql():
        import psycopg

        naam = f"{naam}_{os.getpid()}"
        beheer = url.rsplit("/", 1)[0] + "/postgres"
        sjabloon = f" TEMPLATE {_sjabloon_postgresql(url)}" if gemigreerd else ""
        with psycopg.connect(beheer, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {naam}{sjabloon}")
        eigen = url.rsplit("/", 1)[0] + "/" + naam

        def tel(sql):
            with psycopg.connect(eigen) as conn:
                return conn.execute(sql).fetchone()[0]

        def opruimen():
            with psycopg.connect(beheer, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")

        return WegwerpDatabase(eigen, tel, opruimen, naam)

    pad = tmp_path / f"{naam}.sqlite3"
    if gemigreerd:
        shutil.copyfile(_sjabloon_sqlite(), pad)

    def tel(sql):
        with sqlite3.connect(pad) as conn:
            return conn.execute(sql).fetchone()[0]

    return WegwerpDatabase(f"sqlite:///{pad}", tel, lambda: None)


# --- the migrated template, made once per test run ------------------------------------------


def _run() -> str:
    """The test run: shared by pytest-xdist's workers (``src/conftest.py`` sets it), else this
    process."""
    return os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"p{os.getpid()}"


def _pg_run() -> str:
    return "".join(teken for teken in _run().lower() if teken.isalnum())[:16]


def ruim_sjablonen_op() -> None:
    """Remove this run's templates (at the end of the run, by the process that started it)."""
    for naam in (f"{_run()}.sqlite3", f"{_run()}.lock", f"pg-{_pg_run()}.lock"):
        (_sjabloonmap() / naam).unlink(missing_ok=True)
    url = os.environ.get("DATABASE_URL", "")
    if is_postgresql():
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            for (naam,) in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                (f"wm_sjabloon_%_{_pg_run()}",),
            ).fetchall():
                conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")


def _migreer(url: str) -> None:
    env = os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "wmoregie.conf.test"}
    uitslag = subprocess.run(
        [sys.executable, str(SRC / "manage.py"), "migrate", "--no-input"],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if uitslag.returncode != 0:
        raise RuntimeError(f"migrate van het sjabloon mislukte:\n{uitslag.stdout}{uitslag.stderr}")


def _sjabloonmap() -> Path:
    map_ = Path(tempfile.gettempdir()) / "wmoregie-sjablonen"
    map_.mkdir(exist_ok=True)
    return map_


@contextmanager
def _slot(naam: str) -> Iterator[None]:
    """One process of the run makes the template; the others wait for it (a file lock)."""
    with open(_sjabloonmap() / f"{naam}.lock", "w") as bestand:
        fcntl.flock(bestand, fcntl.LOCK_EX)
        yield


def _sjabloon_sqlite() -> Path:
    pad = _sjabloonmap() / f"{_run()}.sqlite3"
    with _slot(_run()):
        if not pad.exists():
            grens = time.time() - SJABLOON_LEEFTIJD
            for oud in _sjabloonmap().iterdir():
                if oud.stat().st_mtime < grens:
                    oud.unlink(missing_ok=True)
            half = pad.with_suffix(".tmp")
            half.unlink(missing_ok=True)
            _migreer(f"sqlite:///{half}")
            half.replace(pad)  # whole or not at all
    return pad


def _sjabloon_postgresql(url: str) -> str:
    """The name of this run's migrated template database (``wm_sjabloon_<time>_<run>``)."""
    import psycopg

    beheer = url.rsplit("/", 1)[0] + "/postgres"
    run = _pg_run()
    with _slot(f"pg-{run}"), psycopg.connect(beheer, autocommit=True) as conn:
        bestaande = [
            rij[0]
            for rij in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE 'wm\\_sjabloon\\_%'"
            )
        ]
        eigen = [naam for naam in bestaande if naam.endswith(f"_{run}")]
        if eigen:
            return eigen[0]
        grens = int(time.time()) - SJABLOON_LEEFTIJD
        for naam in bestaande:
            if naam.split("_")[2].isdigit() and int(naam.split("_")[2]) < grens:
                conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
        naam = f"wm_sjabloon_{int(time.time())}_{run}"
        half = f"{naam}_half"[:63]
        conn.execute(f"DROP DATABASE IF EXISTS {half} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {half}")
        _migreer(url.rsplit("/", 1)[0] + "/" + half)
        conn.execute(f"ALTER DATABASE {half} RENAME TO {naam}")  # whole or not at all
        return naam
