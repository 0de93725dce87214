"""A procedure's status history (the tender log) becomes a hash chain per procedure, and the
database refuses changes to it. Existing entries are chained per procedure in (op, id) order,
with the field list fixed here as it was when the chain began (``keten`` version 1)."""

import django.db.models.deletion
from django.db import migrations, models

from wmoregie.audit import bescherming, keten

TABEL = "aanbestedingen_statuswijziging"
VELDEN_V1 = (
    "volgnummer",
    "aanbesteding_id",
    "van",
    "naar",
    "overgang",
    "terug",
    "reden",
    "op",
    "door_id",
)


def _koppel_bestaande(apps, schema_editor):
    bescherming.hef_op(schema_editor.connection, TABEL)  # a migrate in steps may have set it
    Statuswijziging = apps.get_model("aanbestedingen", "Statuswijziging")
    vorige_per_aanbesteding = {}
    for wijziging in Statuswijziging.objects.order_by("aanbesteding_id", "op", "id").iterator():
        volgnummer, vorige = vorige_per_aanbesteding.get(wijziging.aanbesteding_id, (0, keten.BEGIN))
        wijziging.volgnummer = volgnummer + 1
        wijziging.vorige_hash = vorige
        wijziging.hash = keten.bereken_hash(vorige, {v: getattr(wijziging, v) for v in VELDEN_V1})
        Statuswijziging.objects.filter(pk=wijziging.pk).update(
            volgnummer=wijziging.volgnummer, vorige_hash=wijziging.vorige_hash, hash=wijziging.hash
        )
        vorige_per_aanbesteding[wijziging.aanbesteding_id] = (wijziging.volgnummer, wijziging.hash)


def _bescherm(apps, schema_editor):
    bescherming.bescherm(schema_editor.connection, TABEL)


def _hef_op(apps, schema_editor):
    bescherming.hef_op(schema_editor.connection, TABEL)


class Migration(migrations.Migration):
    dependencies = [
        ("aanbestedingen", "0007_eforms_aankondigingen"),
        ("audit", "0004_hash_chain"),
    ]

    operations = [
        migrations.AddField(
            model_name="statuswijziging",
            name="volgnummer",
            field=models.PositiveBigIntegerField(
                editable=False, null=True, verbose_name="volgnummer"
            ),
        ),
        migrations.AddField(
            model_name="statuswijziging",
            name="vorige_hash",
            field=models.CharField(
                default="", editable=False, max_length=64, verbose_name="hash van de vorige regel"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="statuswijziging",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.RunPython(_koppel_bestaande, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="statuswijziging",
            name="volgnummer",
            field=models.PositiveBigIntegerField(editable=False, verbose_name="volgnummer"),
        ),
        migrations.AlterField(
            model_name="statuswijziging",
            name="aanbesteding",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="statuswijzigingen",
                to="aanbestedingen.aanbesteding",
            ),
        ),
        migrations.AddConstraint(
            model_name="statuswijziging",
            constraint=models.UniqueConstraint(
                fields=("aanbesteding", "volgnummer"), name="statuswijziging_volgnummer_uniek"
            ),
        ),
        migrations.RunPython(_bescherm, _hef_op),
    ]
