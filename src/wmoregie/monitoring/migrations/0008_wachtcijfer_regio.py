"""The waiting and duration summaries keep the region's merged rows too (``samenvatting_stromen.REGIO``):
periods summarised before lack them, so every period is stale until refreshed."""

from django.db import migrations


def periodes_verouderd(apps, schema_editor):
    apps.get_model("monitoring", "Cijferperiode").objects.update(vervallen=True)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0007_wachtstand")]

    operations = [migrations.RunPython(periodes_verouderd, migrations.RunPython.noop)]
