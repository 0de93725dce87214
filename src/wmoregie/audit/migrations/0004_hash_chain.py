"""The audit log becomes a hash chain, and the database refuses changes on SQLite too.

Existing entries are chained in id order. The field list is fixed here as it was when the chain
began (version 1 of ``keten``), so this migration gives the same hashes whatever the model
becomes later.
"""

import django.utils.timezone
from django.db import migrations, models

from wmoregie.audit import bescherming, keten

TABEL = "audit_auditentry"
VELDEN_V1 = (
    "volgnummer",
    "tijdstip",
    "gebruiker_id",
    "gebruikersnaam",
    "actie",
    "object_type",
    "object_id",
    "omschrijving",
    "gegevens",
    "ip_adres",
    "rol",
    "organisatie",
    "betreft_client",
)


def _oude_trigger_weg(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS audit_auditentry_append_only ON {TABEL}")
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_auditentry_append_only()")


def _oude_trigger_terug(apps, schema_editor):
    bescherming.hef_op(schema_editor.connection, TABEL)


def _koppel_bestaande(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    vorige = keten.BEGIN
    for volgnummer, entry in enumerate(AuditEntry.objects.order_by("id").iterator(), start=1):
        entry.volgnummer = volgnummer
        entry.vorige_hash = vorige
        entry.hash = keten.bereken_hash(vorige, {v: getattr(entry, v) for v in VELDEN_V1})
        AuditEntry.objects.filter(pk=entry.pk).update(
            volgnummer=entry.volgnummer, vorige_hash=entry.vorige_hash, hash=entry.hash
        )
        vorige = entry.hash


def _bescherm(apps, schema_editor):
    bescherming.bescherm(schema_editor.connection, TABEL)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_nen7513_rol_organisatie_client")]

    operations = [
        migrations.RunPython(_oude_trigger_weg, _oude_trigger_terug),
        migrations.AlterField(
            model_name="auditentry",
            name="tijdstip",
            field=models.DateTimeField(
                db_index=True,
                default=django.utils.timezone.now,
                editable=False,
                verbose_name="tijdstip",
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="volgnummer",
            field=models.PositiveBigIntegerField(
                editable=False, null=True, verbose_name="volgnummer"
            ),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="vorige_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="hash van de vorige regel"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="hash"
            ),
            preserve_default=False,
        ),
        migrations.RunPython(_koppel_bestaande, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="auditentry",
            name="volgnummer",
            field=models.PositiveBigIntegerField(editable=False, verbose_name="volgnummer"),
        ),
        migrations.AddConstraint(
            model_name="auditentry",
            constraint=models.UniqueConstraint(
                fields=("volgnummer",), name="auditentry_volgnummer_uniek"
            ),
        ),
        migrations.RunPython(_bescherm, _oude_trigger_terug),
    ]
