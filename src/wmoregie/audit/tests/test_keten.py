"""The hash chain of the audit log: appending, and finding the first break after tampering
directly in the database (on SQLite and, with DATABASE_URL, on PostgreSQL)."""

import itertools
import json
from datetime import UTC, datetime

from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test import RequestFactory

import pytest

from wmoregie.accounts.tests.factories import UserFactory
from wmoregie.audit import keten
from wmoregie.audit.models import AuditEntry
from wmoregie.audit.services import record

from .sabotage import fout_van_verificatie, verifieer, zonder_triggers


@pytest.fixture
def vijf_regels(db):
    gebruiker = UserFactory(username="carla")
    request = RequestFactory().get("/", REMOTE_ADDR="2001:DB8:0:0:0:0:0:1")
    request.user = gebruiker
    regels = [
        record(
            f"ding.{i}",
            request=request,
            obj=gebruiker,
            omschrijving=f"regel {i} — ë",
            gegevens={"getal": 1e20 if i == 2 else i, "lijst": [0.1, True, None, "x"]},
            rol="Inkoper",
            organisatie="Regio",
            betreft_client=1000 + i,
        )
        for i in range(1, 6)
    ]
    return regels


def test_entries_form_a_chain_in_order(vijf_regels):
    rijen = list(AuditEntry.objects.order_by("volgnummer"))
    assert [r.volgnummer for r in rijen] == [1, 2, 3, 4, 5]
    assert rijen[0].vorige_hash == keten.BEGIN
    for vorige, huidige in itertools.pairwise(rijen):
        assert huidige.vorige_hash == vorige.hash
    # As read back from the database (IPv6 normalised, 1e20 from jsonb), the hash still holds.
    assert all(r.berekende_hash() == r.hash for r in rijen)
    assert rijen[0].ip_adres == "2001:db8::1"
    assert "Auditlog: 5 regels in orde; laatste regel 5" in verifieer()


def test_the_hash_covers_the_nen7513_fields_and_every_other_field(vijf_regels):
    regel = AuditEntry.objects.get(volgnummer=3)
    for veld, waarde in [
        ("rol", "Beoordelaar"),
        ("organisatie", "Andere"),
        ("betreft_client", 99),
        ("gegevens", {"getal": 3.5}),
        ("tijdstip", datetime(2020, 1, 1, tzinfo=UTC)),
        ("gebruiker_id", None),
    ]:
        origineel = getattr(regel, veld)
        setattr(regel, veld, waarde)
        assert regel.berekende_hash() != regel.hash, veld
        setattr(regel, veld, origineel)
    assert regel.berekende_hash() == regel.hash


def test_numbers_and_strings_never_share_an_encoding():
    assert keten.bereken_hash(keten.BEGIN, {"a": 1}) == keten.bereken_hash(keten.BEGIN, {"a": 1.0})
    assert keten.bereken_hash(keten.BEGIN, {"a": 1}) != keten.bereken_hash(keten.BEGIN, {"a": "1"})
    assert keten.bereken_hash(keten.BEGIN, {"a": 1}) != keten.bereken_hash(
        keten.BEGIN, {"a": "n:1"}
    )
    assert keten.bereken_hash(keten.BEGIN, {"a": True}) != keten.bereken_hash(keten.BEGIN, {"a": 1})


def test_the_database_refuses_update_and_delete_on_every_backend(vijf_regels):
    for sql in (
        "UPDATE audit_auditentry SET actie = 'weg' WHERE volgnummer = 2",
        "DELETE FROM audit_auditentry WHERE volgnummer = 2",
        "DELETE FROM audit_auditentry",
    ):
        with (
            pytest.raises((DatabaseError, IntegrityError), match="onveranderlijk"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEntry.objects.count() == 5
    assert AuditEntry.objects.get(volgnummer=2).actie == "ding.2"


def test_on_postgresql_truncate_is_refused(vijf_regels):
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE bestaat alleen op PostgreSQL (op SQLite weigert DELETE FROM)")
    with (
        pytest.raises(DatabaseError, match="onveranderlijk"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own pending FK checks
        cursor.execute("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.count() == 5


def test_a_changed_entry_is_named(vijf_regels):
    with zonder_triggers() as cursor:
        cursor.execute("UPDATE audit_auditentry SET omschrijving = 'anders' WHERE volgnummer = 3")
    fout = fout_van_verificatie()
    assert "Auditlog" in fout
    assert "regel 3" in fout
    assert "inhoud is gewijzigd" in fout


def test_a_removed_entry_is_named(vijf_regels):
    with zonder_triggers() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE volgnummer = 2")
    fout = fout_van_verificatie()
    assert "Auditlog: regel 2: ontbreekt (verwijderd)" in fout


def test_reordered_entries_are_named(vijf_regels):
    with zonder_triggers() as cursor:
        cursor.execute("UPDATE audit_auditentry SET volgnummer = 1000 WHERE volgnummer = 3")
        cursor.execute("UPDATE audit_auditentry SET volgnummer = 3 WHERE volgnummer = 4")
        cursor.execute("UPDATE audit_auditentry SET volgnummer = 4 WHERE volgnummer = 1000")
    assert "regel 3" in fout_van_verificatie()


def test_a_changed_timestamp_reorders_nothing_unseen(vijf_regels):
    with zonder_triggers() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET tijdstip = %s WHERE volgnummer = 4",
            [datetime(2000, 1, 1, tzinfo=UTC)],
        )
    assert "regel 4" in fout_van_verificatie()


def test_removed_last_entries_and_an_emptied_log_are_caught_by_the_anchor(vijf_regels, tmp_path):
    anker = tmp_path / "anker.json"
    verifieer("--anker-bestand", str(anker))
    assert json.loads(anker.read_text())["audit_auditentry"]["volgnummer"] == 5
    with zonder_triggers() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE volgnummer >= 4")
    assert "In orde" in verifieer()  # without the anchor the shortened chain looks whole
    fout = fout_van_verificatie("--anker-bestand", str(anker))
    assert "regel 5: ontbreekt: het log eindigt bij regel 3" in fout
    with zonder_triggers() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE audit_auditentry")
        else:
            cursor.execute("DELETE FROM audit_auditentry")
    assert "het log eindigt bij regel 0" in fout_van_verificatie("--anker-bestand", str(anker))


def test_a_rewritten_chain_is_caught_by_the_anchor(vijf_regels, tmp_path):
    """Someone who changes entry 2 and recomputes every hash after it keeps the chain whole;
    the anchor kept outside the database still differs."""
    anker = tmp_path / "anker.json"
    verifieer("--anker-bestand", str(anker))
    rijen = list(AuditEntry.objects.order_by("volgnummer"))
    rijen[1].omschrijving = "vervalst"
    vorige = rijen[0].hash
    with zonder_triggers() as cursor:
        for rij in rijen[1:]:
            rij.vorige_hash = vorige
            rij.hash = rij.berekende_hash()
            cursor.execute(
                "UPDATE audit_auditentry SET omschrijving = %s, vorige_hash = %s, hash = %s WHERE id = %s",
                [rij.omschrijving, rij.vorige_hash, rij.hash, rij.pk],
            )
            vorige = rij.hash
    assert "In orde" in verifieer()
    fout = fout_van_verificatie("--anker-bestand", str(anker))
    assert f"regel 5 (id {rijen[4].pk}): wijkt af van het bewaarde anker" in fout


def test_a_good_check_moves_the_anchor_on(vijf_regels, tmp_path):
    anker = tmp_path / "anker.json"
    verifieer("--anker-bestand", str(anker))
    record("nog.een")
    verifieer("--anker-bestand", str(anker))
    assert json.loads(anker.read_text())["audit_auditentry"]["volgnummer"] == 6


def test_an_unreadable_anchor_file_stops_with_a_message(db, tmp_path):
    anker = tmp_path / "anker.json"
    anker.write_text("{niet: json")
    assert "niet te lezen" in fout_van_verificatie("--anker-bestand", str(anker))
    anker.write_text('{"audit_auditentry": {"volgnummer": "vijf"}}')
    assert "verwachte vorm" in fout_van_verificatie("--anker-bestand", str(anker))


def test_a_fork_is_refused_by_the_database(vijf_regels):
    """Two writers that both read entry 5 as the last cannot both store entry 6."""
    laatste = AuditEntry.objects.get(volgnummer=5)
    eerste = AuditEntry(actie="a", volgnummer=6, vorige_hash=laatste.hash)
    eerste.hash = eerste.berekende_hash()
    eerste.save(force_insert=True)
    tweede = AuditEntry(actie="b", volgnummer=6, vorige_hash=laatste.hash)
    tweede.hash = tweede.berekende_hash()
    with pytest.raises(IntegrityError), transaction.atomic():
        tweede.save(force_insert=True)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain_on_postgresql():
    """Eight writers at once, each holding its transaction open a moment after recording:
    the advisory lock makes them queue, so the chain has no fork and no gap."""
    if connection.vendor != "postgresql":
        pytest.skip("gelijktijdige schrijvers met eigen verbindingen: PostgreSQL")
    import threading
    import time

    from django.db import connections

    fouten = []

    def schrijver(n):
        try:
            for i in range(5):
                with transaction.atomic():
                    record(f"gelijktijdig.{n}.{i}")
                    time.sleep(0.005)
        except Exception as fout:  # reported below
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=schrijver, args=(n,)) for n in range(8)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert fouten == []
    assert sorted(AuditEntry.objects.values_list("volgnummer", flat=True)) == list(range(1, 41))
    assert "Auditlog: 40 regels in orde" in verifieer()
