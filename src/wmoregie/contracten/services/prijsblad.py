"""Price sheets."""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..berekeningen import BerekeningFout
from ..constants import PrijsbladStatus
from ..models import NietProductieveTijdregel, Overeenkomst, Prijsblad
from .fouten import _als_validatiefout


@dataclass(frozen=True)
class NietProductieveTijdInvoer:
    omschrijving: str
    percentage: Decimal | None = None
    uren: Decimal | None = None
    bron: str = ""


PRIJSBLADVELDEN = (
    "geldig_vanaf",
    "cao",
    "schaal",
    "trede",
    "maandsalaris",
    "maanden_per_jaar",
    "vakantietoeslag_percentage",
    "eindejaarsuitkering_percentage",
    "werkgeverslasten_percentage",
    "jaaruren_per_fte",
    "overhead_percentage",
    "risico_winst_percentage",
    "materiele_kosten_per_uur",
    "eenheid",
    "uren_per_eenheid",
    "materiele_kosten_per_eenheid",
    "ontvangen_tarief",
    "bronnen",
)


@transaction.atomic
def maak_prijsblad(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    product,
    kwalificatieniveau: str,
    niet_productieve_tijd: Iterable[NietProductieveTijdInvoer] = (),
    **velden,
) -> Prijsblad:
    """A new concept version of the standard price sheet for a product and qualification level."""
    onbekend = set(velden) - set(PRIJSBLADVELDEN)
    if onbekend:
        raise TypeError(f"onbekende velden: {sorted(onbekend)}")
    if overeenkomst.is_taakgericht and velden.get("ontvangen_tarief") is not None:
        raise ValidationError(
            {
                "ontvangen_tarief": ValidationError(
                    _(
                        "Bij taakgerichte bekostiging ontvangt de hoofdaannemer een vast budget, "
                        "geen tarief per eenheid; laat dit veld leeg. Het prijsblad toont alleen "
                        "het kostprijstarief van de onderaannemer."
                    ),
                    code="ontvangen-tarief-taakgericht",
                )
            }
        )
    if product.perceel_id != overeenkomst.perceel_id:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("Dit product hoort niet bij het perceel van de overeenkomst."),
                    code="product-ander-perceel",
                )
            }
        )
    laatste = (
        Prijsblad.objects.filter(
            overeenkomst=overeenkomst, product=product, kwalificatieniveau=kwalificatieniveau
        )
        .order_by("-versie")
        .values_list("versie", flat=True)
        .first()
    )
    prijsblad = Prijsblad(
        overeenkomst=overeenkomst,
        product=product,
        kwalificatieniveau=kwalificatieniveau,
        versie=(laatste or 0) + 1,
        **velden,
    )
    prijsblad.full_clean()
    prijsblad.save()
    for volgorde, regel in enumerate(niet_productieve_tijd, start=1):
        rij = NietProductieveTijdregel(
            prijsblad=prijsblad,
            volgorde=volgorde,
            omschrijving=regel.omschrijving,
            percentage=regel.percentage,
            uren=regel.uren,
            bron=regel.bron,
        )
        rij.full_clean()
        rij.save()
    try:
        prijsblad.tarief = prijsblad.berekening().tarief
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    prijsblad.save(update_fields=["tarief"])
    record(
        "prijsblad.aangemaakt",
        gebruiker=gebruiker,
        obj=prijsblad,
        omschrijving=str(prijsblad),
        gegevens={"tarief": str(prijsblad.tarief), "versie": prijsblad.versie},
    )
    return prijsblad


@transaction.atomic
def nieuwe_prijsbladversie(prijsblad: Prijsblad, *, gebruiker) -> Prijsblad:
    """A concept copy of ``prijsblad`` with the next version number, to change and publish."""
    return maak_prijsblad(
        prijsblad.overeenkomst,
        gebruiker=gebruiker,
        product=prijsblad.product,
        kwalificatieniveau=prijsblad.kwalificatieniveau,
        niet_productieve_tijd=[
            NietProductieveTijdInvoer(r.omschrijving, r.percentage, r.uren, r.bron)
            for r in prijsblad.niet_productieve_tijd.all()
        ],
        **{veld: getattr(prijsblad, veld) for veld in PRIJSBLADVELDEN},
    )


@transaction.atomic
def publiceer_prijsblad(prijsblad: Prijsblad, *, gebruiker) -> Prijsblad:
    """Publish a concept; the version published before it for the same line is retired."""
    prijsblad = Prijsblad.objects.select_for_update().get(pk=prijsblad.pk)
    if prijsblad.status != PrijsbladStatus.CONCEPT:
        raise ValidationError(
            _("Alleen een concept kan worden gepubliceerd."), code="prijsblad-geen-concept"
        )
    vervallen = list(
        Prijsblad.objects.filter(
            overeenkomst=prijsblad.overeenkomst,
            product=prijsblad.product,
            kwalificatieniveau=prijsblad.kwalificatieniveau,
            status=PrijsbladStatus.GEPUBLICEERD,
        ).values_list("pk", flat=True)
    )
    Prijsblad.objects.filter(pk__in=vervallen).update(status=PrijsbladStatus.VERVALLEN)
    prijsblad.tarief = prijsblad.berekening().tarief
    prijsblad.status = PrijsbladStatus.GEPUBLICEERD
    prijsblad.gepubliceerd_op = timezone.now()
    prijsblad.save(update_fields=["status", "gepubliceerd_op", "tarief"])
    record(
        "prijsblad.gepubliceerd",
        gebruiker=gebruiker,
        obj=prijsblad,
        omschrijving=str(prijsblad),
        gegevens={"tarief": str(prijsblad.tarief), "vervallen": vervallen},
    )
    return prijsblad
