"""Subcontracts from the standard template with a published standard price sheet."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..constants import OnderaannemerStatus
from ..models import Onderaanneemcontract, Onderaannemer, Prijsblad


@transaction.atomic
def maak_onderaanneemcontract(
    onderaannemer: Onderaannemer,
    *,
    gebruiker,
    prijsblad: Prijsblad,
    nummer: str,
    ingangsdatum: date,
    einddatum: date,
    ondertekend_op: date | None = None,
) -> Onderaanneemcontract:
    """A subcontract from the standard template with a published standard price sheet."""
    if onderaannemer.status != OnderaannemerStatus.ACTIEF:
        raise ValidationError(
            _(
                "Alleen met een actieve onderaannemer kan een contract worden gesloten "
                "(status nu: %(status)s)."
            ),
            code="onderaannemer-niet-actief",
            params={"status": onderaannemer.get_status_display()},
        )
    if not onderaannemer.producten.filter(pk=prijsblad.product_id).exists():
        raise ValidationError(
            {
                "prijsblad": ValidationError(
                    _("Het prijsblad is voor een product dat deze onderaannemer niet levert."),
                    code="prijsblad-ander-product",
                )
            }
        )
    contract = Onderaanneemcontract(
        onderaannemer=onderaannemer,
        prijsblad=prijsblad,
        nummer=nummer,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        ondertekend_op=ondertekend_op,
        aangemaakt_door=gebruiker,
    )
    contract.full_clean()
    eind_onderaannemer = onderaannemer.einddatum or onderaannemer.overeenkomst.uiterste_einddatum
    if ingangsdatum < onderaannemer.ingangsdatum or einddatum > eind_onderaannemer:
        raise ValidationError(
            {
                "einddatum": ValidationError(
                    _(
                        "Het contract valt buiten de periode van de onderaannemer (%(van)s – %(tot)s)."
                    ),
                    code="contract-buiten-periode",
                    params={
                        "van": onderaannemer.ingangsdatum.strftime("%d-%m-%Y"),
                        "tot": eind_onderaannemer.strftime("%d-%m-%Y"),
                    },
                )
            }
        )
    contract.save()
    record(
        "onderaanneemcontract.aangemaakt",
        gebruiker=gebruiker,
        obj=contract,
        omschrijving=str(contract),
        gegevens={"prijsblad": prijsblad.pk, "tarief": str(prijsblad.tarief)},
    )
    return contract
