"""Every migration applies on an empty database, reverses to zero, and applies again (#14 C.5)."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.db.migrations.loader import MigrationLoader

from wmoregie.tests.databases import wegwerp_database

SRC = Path(__file__).resolve().parents[2]

# The round trip in one process of its own, against its own database: a Django start-up per
# step (fifteen of them) cost about a third of the test's time.
RONDGANG = """
import json, sys

import django

django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

labels = sys.argv[1:]


def toegepast():
    recorder = MigrationRecorder(connection)
    return sorted(f"{app}.{naam}" for app, naam in recorder.applied_migrations() if app in labels)


uit = {}
call_command("migrate", interactive=False, verbosity=0)
uit["eerst"] = toegepast()
# Django unapplies what depends on an app first, so each app can go to zero in turn.
for label in reversed(labels):
    call_command("migrate", label, "zero", interactive=False, verbosity=0)
uit["nul"] = toegepast()
call_command("migrate", interactive=False, verbosity=0)
uit["opnieuw"] = toegepast()
# The schema after the round trip is what the models describe (exits with 1 otherwise).
call_command("makemigrations", check=True, dry_run=True, verbosity=0)
print(json.dumps(uit))
"""


def _eigen_migraties() -> tuple[list[str], list[str]]:
    """Our apps with migrations, and every migration of them on disk as ``app.name``."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = sorted(
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith("wmoregie.") and config.label in loader.migrated_apps
    )
    return labels, sorted(f"{app}.{naam}" for app, naam in loader.disk_migrations if app in labels)


def test_every_migration_applies_reverses_and_applies_again(tmp_path):
    db = wegwerp_database(tmp_path, "migraties")
    labels, op_schijf = _eigen_migraties()
    assert {"audit", "clienten", "aanbestedingen", "iwmo"} <= set(labels)
    env = os.environ | {
        "DATABASE_URL": db.url,
        "DJANGO_SETTINGS_MODULE": "wmoregie.conf.test",
        "PYTHONPATH": str(SRC),
    }
    try:
        uitslag = subprocess.run(
            [sys.executable, "-c", RONDGANG, *labels],
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
    finally:
        db.opruimen()
    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    stappen = json.loads(uitslag.stdout.splitlines()[-1])

    assert stappen["eerst"] == op_schijf
    assert stappen["nul"] == []
    assert stappen["opnieuw"] == stappen["eerst"]
