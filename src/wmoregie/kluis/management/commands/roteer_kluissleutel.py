"""Rewrap every sealed value and file with the current key (the first of the key ring)."""

import base64
from collections import Counter

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from wmoregie.kluis import sleutels
from wmoregie.kluis.opslag import VerzegeldeOpslag
from wmoregie.kluis.velden import PREFIX, VerzegeldVeld, open_


def verzegelde_velden():
    """(model, field) for every encrypted field of every installed model."""
    for model in apps.get_models():
        for veld in model._meta.concrete_fields:
            if isinstance(veld, VerzegeldVeld):
                yield model, veld


def verzegelde_bestandsvelden():
    for model in apps.get_models():
        for veld in model._meta.concrete_fields:
            if getattr(veld, "storage", None) is not None and isinstance(
                veld.storage, VerzegeldeOpslag
            ):
                yield model, veld


class Command(BaseCommand):
    help = (
        "Verpak de gegevenssleutel van elke versleutelde waarde en elk versleuteld bestand "
        "opnieuw met de eerste sleutel van WMOREGIE_KLUIS_SLEUTELS. Daarna kan een oude "
        "sleutel uit de ring. Met --alleen-tellen verandert er niets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--alleen-tellen",
            action="store_true",
            help="Tel per sleutel hoeveel waarden en bestanden ermee verpakt zijn.",
        )

    def handle(self, *args, alleen_tellen: bool, **options):
        per_sleutel: Counter[str] = Counter()
        herverpakt = 0
        for model, veld in verzegelde_velden():
            herverpakt += self._waarden(model, veld, per_sleutel, alleen_tellen)
        for model, veld in verzegelde_bestandsvelden():
            herverpakt += self._bestanden(model, veld, per_sleutel, alleen_tellen)
        huidige = sleutels.sleutelring().huidige
        for sleutel_id, aantal in sorted(per_sleutel.items()):
            markering = " (huidige)" if sleutel_id == huidige else ""
            self.stdout.write(f"Sleutel {sleutel_id}{markering}: {aantal} waarden en bestanden")
        if not alleen_tellen:
            self.stdout.write(f"Opnieuw verpakt met sleutel {huidige}: {herverpakt}.")

    def _waarden(self, model, veld, per_sleutel, alleen_tellen) -> int:
        tabel, kolom = model._meta.db_table, veld.column
        pk = model._meta.pk.column
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {quote(pk)}, {quote(kolom)} FROM {quote(tabel)} "  # noqa: S608 - names from the model  # nosec B608
                f"WHERE {quote(kolom)} LIKE %s",
                [PREFIX + "%"],
            )
            rijen = cursor.fetchall()
        aantal = 0
        for sleutel, waarde in rijen:
            blob = base64.b64decode(waarde[len(PREFIX) :])
            per_sleutel[sleutels.sleutel_id_van(blob)] += 1
            nieuw = sleutels.herverpak(blob)
            if alleen_tellen or nieuw == blob:
                continue
            nieuwe_waarde = PREFIX + base64.b64encode(nieuw).decode()
            if open_(nieuwe_waarde, veld.kluis_context) != open_(waarde, veld.kluis_context):
                raise sleutels.KluisFout(f"{veld.kluis_context} {sleutel}: herverpakken mislukt")
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {quote(tabel)} SET {quote(kolom)} = %s WHERE {quote(pk)} = %s",  # noqa: S608  # nosec B608
                    [nieuwe_waarde, sleutel],
                )
            aantal += 1
        return aantal

    def _bestanden(self, model, veld, per_sleutel, alleen_tellen) -> int:
        opslag = veld.storage
        aantal = 0
        namen = model._default_manager.exclude(**{veld.name: ""}).values_list(veld.name, flat=True)
        for naam in namen.iterator():
            if not opslag.exists(naam):
                continue
            ruw = opslag.lees_ruw(naam)
            if not ruw.startswith(sleutels.MAGIC):
                # a file from before the vault: seal it now
                if not alleen_tellen:
                    opslag.schrijf_ruw(naam, sleutels.versleutel(ruw, opslag.context))
                    aantal += 1
                continue
            per_sleutel[sleutels.sleutel_id_van(ruw)] += 1
            nieuw = sleutels.herverpak(ruw)
            if not alleen_tellen and nieuw != ruw:
                opslag.schrijf_ruw(naam, nieuw)
                aantal += 1
        return aantal
