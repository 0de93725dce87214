"""The tender log (a procedure's status history) is append-only and hash-chained per
procedure: tampering directly in the database is refused or found, on SQLite and PostgreSQL."""

from django.db import DatabaseError, IntegrityError, connection, transaction

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Status
from wmoregie.aanbestedingen.models import Statuswijziging
from wmoregie.audit.tests.sabotage import fout_van_verificatie, verifieer, zonder_triggers

from .conftest import lokaal
from .factories import AanbestedingFactory, klaar_voor_publicatie

TABEL = "aanbestedingen_statuswijziging"


@pytest.fixture
def geschiedenis(inkoper):
    """Published, taken back with a reason, published again: three entries."""
    aanbesteding = AanbestedingFactory(status=Status.CONCEPT, kenmerk="RA-LOG-1")
    klaar_voor_publicatie(aanbesteding, inkoper)
    services.wijzig_status(
        aanbesteding, Status.SELECTIEFASE, gebruiker=inkoper, nu=lokaal(2025, 6, 2)
    )
    services.wijzig_status(
        aanbesteding,
        Status.CONCEPT,
        gebruiker=inkoper,
        reden="Fout in de leidraad.",
        nu=lokaal(2025, 6, 3),
    )
    services.wijzig_status(
        aanbesteding, Status.SELECTIEFASE, gebruiker=inkoper, nu=lokaal(2025, 6, 4)
    )
    andere = AanbestedingFactory(status=Status.CONCEPT)
    klaar_voor_publicatie(andere, inkoper)
    services.wijzig_status(andere, Status.SELECTIEFASE, gebruiker=inkoper, nu=lokaal(2025, 6, 2))
    return aanbesteding


def test_each_procedure_has_its_own_chain(geschiedenis):
    eigen = list(geschiedenis.statuswijzigingen.order_by("volgnummer"))
    assert [w.volgnummer for w in eigen] == [1, 2, 3]
    assert eigen[1].vorige_hash == eigen[0].hash and eigen[2].vorige_hash == eigen[1].hash
    assert Statuswijziging.objects.exclude(aanbesteding=geschiedenis).get().volgnummer == 1
    assert "In orde" in verifieer()


def test_the_database_refuses_changes_to_the_tender_log(geschiedenis):
    for sql in (
        "UPDATE aanbestedingen_statuswijziging SET reden = 'anders'",
        "DELETE FROM aanbestedingen_statuswijziging WHERE volgnummer = 2",
    ):
        with (
            pytest.raises((DatabaseError, IntegrityError), match="onveranderlijk"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert geschiedenis.statuswijzigingen.get(volgnummer=2).reden == "Fout in de leidraad."


def test_a_changed_reason_is_named(geschiedenis):
    with zonder_triggers(TABEL) as cursor:
        cursor.execute(
            "UPDATE aanbestedingen_statuswijziging SET reden = 'Op verzoek.' WHERE aanbesteding_id = %s AND volgnummer = 2",
            [geschiedenis.pk],
        )
    fout = fout_van_verificatie()
    assert "Statusgeschiedenis van RA-LOG-1: regel 2" in fout
    assert "inhoud is gewijzigd" in fout


def test_a_removed_step_is_named(geschiedenis):
    with zonder_triggers(TABEL) as cursor:
        cursor.execute(
            "DELETE FROM aanbestedingen_statuswijziging WHERE aanbesteding_id = %s AND volgnummer = 2",
            [geschiedenis.pk],
        )
    assert (
        "Statusgeschiedenis van RA-LOG-1: regel 2: ontbreekt (verwijderd)" in fout_van_verificatie()
    )


def test_reordered_steps_are_named(geschiedenis):
    with zonder_triggers(TABEL) as cursor:
        for van, naar in ((1, 100), (2, 1), (100, 2)):
            cursor.execute(
                "UPDATE aanbestedingen_statuswijziging SET volgnummer = %s WHERE aanbesteding_id = %s AND volgnummer = %s",
                [naar, geschiedenis.pk, van],
            )
    assert "Statusgeschiedenis van RA-LOG-1: regel 1" in fout_van_verificatie()


def test_a_removed_last_step_or_an_emptied_log_shows_without_an_anchor(geschiedenis):
    """The last step must lead to the procedure's status, so cutting the tail shows."""
    with zonder_triggers(TABEL) as cursor:
        cursor.execute(
            "DELETE FROM aanbestedingen_statuswijziging WHERE aanbesteding_id = %s AND volgnummer = 3",
            [geschiedenis.pk],
        )
    assert "regel 3: de laatste statuswijziging leidt naar “concept”" in fout_van_verificatie()
    with zonder_triggers(TABEL) as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE aanbestedingen_statuswijziging")
        else:
            cursor.execute("DELETE FROM aanbestedingen_statuswijziging")
    assert "Statusgeschiedenis van RA-LOG-1: regel 1" in fout_van_verificatie()


def test_on_postgresql_truncating_the_tender_log_is_refused(geschiedenis):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE bestaat alleen op PostgreSQL")
    with (
        pytest.raises(DatabaseError, match="onveranderlijk"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE aanbestedingen_statuswijziging")
    assert geschiedenis.statuswijzigingen.count() == 3
