"""A throwaway database of its own for tests that run ``manage.py`` in a subprocess.

On PostgreSQL (``DATABASE_URL`` points there, as in CI) a fresh database beside the test
database; otherwise a SQLite file in the test's temporary folder.
"""

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WegwerpDatabase:
    url: str
    tel: Callable[[str], object]  # the first column of the first row of a query
    opruimen: Callable[[], None]
    naam: str = ""  # the PostgreSQL database name ("" on SQLite)


def is_postgresql() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


def wegwerp_database(tmp_path: Path, naam: str) -> WegwerpDatabase:
    url = os.environ.get("DATABASE_URL", "")
    if is_postgresql():
        import psycopg

        naam = f"{naam}_{os.getpid()}"
        beheer = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(beheer, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {naam}")
        eigen = url.rsplit("/", 1)[0] + "/" + naam

        def tel(sql):
            with psycopg.connect(eigen) as conn:
                return conn.execute(sql).fetchone()[0]

        def opruimen():
            with psycopg.connect(beheer, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")

        return WegwerpDatabase(eigen, tel, opruimen, naam)

    pad = tmp_path / f"{naam}.sqlite3"

    def tel(sql):
        with sqlite3.connect(pad) as conn:
            return conn.execute(sql).fetchone()[0]

    return WegwerpDatabase(f"sqlite:///{pad}", tel, lambda: None)
