from django.test import RequestFactory

import pytest

from wmoregie.accounts.tests.factories import UserFactory
from wmoregie.audit.models import AppendOnlyError, AuditEntry
from wmoregie.audit.services import record


@pytest.mark.django_db
def test_record_keeps_who_what_and_where():
    gebruiker = UserFactory(username="carla")
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.2.3")
    request.user = gebruiker
    entry = record("client.bekeken", request=request, obj=gebruiker, gegevens={"veld": "bsn"})
    entry.refresh_from_db()
    assert (entry.gebruiker, entry.gebruikersnaam, entry.actie) == (
        gebruiker,
        "carla",
        "client.bekeken",
    )
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(gebruiker.pk))
    assert entry.ip_adres == "10.1.2.3"
    assert entry.gegevens == {"veld": "bsn"}


@pytest.mark.django_db
def test_an_entry_cannot_be_changed_or_deleted():
    entry = record("iets.gedaan")
    entry.actie = "iets anders"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(actie="weg")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).actie == "iets.gedaan"


@pytest.mark.django_db
def test_the_admin_shows_the_log_but_offers_no_changes(client):
    beheerder = UserFactory(is_staff=True, is_superuser=True)
    entry = record("iets.gedaan", gebruiker=beheerder)
    client.force_login(beheerder)
    assert client.get("/beheer/audit/auditentry/").status_code == 200
    assert client.get(f"/beheer/audit/auditentry/{entry.pk}/delete/").status_code == 403
    assert client.post("/beheer/audit/auditentry/add/").status_code == 403


@pytest.mark.django_db
def test_on_postgresql_the_database_refuses_raw_updates():
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip(
            "de databasetrigger bestaat alleen op PostgreSQL; SQLite vertrouwt op het model"
        )
    entry = record("iets.gedaan")
    with (
        pytest.raises(DatabaseError, match="onveranderlijk"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET actie = 'weg' WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).actie == "iets.gedaan"
