"""Tampering as a database owner could, and running the check: for the log tests."""

from contextlib import contextmanager

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from wmoregie.audit import bescherming


@contextmanager
def zonder_triggers(tabel="audit_auditentry"):
    """What a table owner can do: switch the protecting triggers off for a while."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending FK checks
            cursor.execute(f"ALTER TABLE {tabel} DISABLE TRIGGER USER")
        else:
            bescherming.hef_op(connection, tabel)
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {tabel} ENABLE TRIGGER USER")
        else:
            bescherming.bescherm(connection, tabel)


def verifieer(*args) -> str:
    uit = []

    class Schrijver:
        def write(self, tekst):
            uit.append(tekst)

        def flush(self):
            pass

    call_command("verifieer_auditlog", *args, stdout=Schrijver(), stderr=Schrijver())
    return "".join(uit)


def fout_van_verificatie(*args) -> str:
    with pytest.raises(CommandError) as fout:
        verifieer(*args)
    assert fout.value.returncode == 1
    return str(fout.value)
