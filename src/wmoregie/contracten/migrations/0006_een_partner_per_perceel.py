"""#15.2: one contract partner per lot. On PostgreSQL an exclusion constraint refuses a second
agreement that holds the same lot (status actief or opgeschort) in an overlapping agreed period;
it needs the btree_gist extension for the equality on the lot. Elsewhere (SQLite) this migration
does nothing and the service check (``controleer_een_partner_per_perceel``) stands alone."""

from django.db import migrations

CONSTRAINT = "overeenkomst_een_partner_per_perceel"
CREATE = (
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    f"""ALTER TABLE contracten_overeenkomst ADD CONSTRAINT {CONSTRAINT}
        EXCLUDE USING gist (perceel_id WITH =, daterange(ingangsdatum, einddatum, '[]') WITH &&)
        WHERE (status IN ('actief', 'opgeschort'))""",
)
DROP = (f"ALTER TABLE contracten_overeenkomst DROP CONSTRAINT IF EXISTS {CONSTRAINT}",)


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contracten", "0005_overeenkomst_berichten_start_stop"),
    ]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
