"""The documented backup, pg_dump and pg_restore, brings every row back unchanged (#14 C.5).

The procedure is the one in docs/security.md ("Backups"): a custom-format dump of a database
holding the demo, restored into an empty database without ownership, then the audit chains
verified and the append-only guard tried on the copy.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from wmoregie.tests.databases import is_postgresql, wegwerp_database

pytestmark = pytest.mark.skipif(
    not is_postgresql() or shutil.which("pg_dump") is None,
    reason="de pg_dump/pg_restore-proef hoort bij PostgreSQL: zet DATABASE_URL (CI doet dat)",
)

SRC = Path(__file__).resolve().parents[2]


def _manage(url, *args, verwacht=0):
    env = os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "wmoregie.conf.test"}
    uitslag = subprocess.run(
        [sys.executable, str(SRC / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert uitslag.returncode == verwacht, f"{args}:\n{uitslag.stdout}\n{uitslag.stderr}"
    return uitslag.stdout + uitslag.stderr


def _vingerafdruk(url):
    """Per table: the row count and a digest of all rows, in a stable order."""
    with psycopg.connect(url) as conn:
        tabellen = [
            rij[0]
            for rij in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        return {
            tabel: conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{tabel}\" t"  # noqa: S608 - names from the catalogue
            ).fetchone()
            for tabel in tabellen
        }


def test_a_dump_restores_every_row_and_the_guards(tmp_path):
    bron = wegwerp_database(tmp_path, "backup_bron", gemigreerd=True)
    doel = wegwerp_database(tmp_path, "backup_doel")
    dump = tmp_path / "wmoregie.dump"
    try:
        _manage(bron.url, "laad_demo", "--ook-zonder-debug")
        voor = _vingerafdruk(bron.url)
        assert voor["audit_auditentry"][0] > 0, "de demo schrijft auditregels"
        assert voor["clienten_client"][0] > 0, "de demo heeft cliënten"

        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={dump}", bron.url], check=True, timeout=600
        )
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={doel.url}", str(dump)],
            check=True,
            timeout=600,
        )

        assert _vingerafdruk(doel.url) == voor
        assert "In orde" in _manage(doel.url, "verifieer_auditlog")
        _manage(doel.url, "migrate", "--check", "--no-input")

        with psycopg.connect(doel.url) as conn, pytest.raises(psycopg.Error):
            conn.execute("UPDATE audit_auditentry SET omschrijving = 'veranderd'")
    finally:
        bron.opruimen()
        doel.opruimen()
