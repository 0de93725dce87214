"""Tariffs per product and unit (inspanningsgericht / outputgericht)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..berekeningen import BerekeningFout
from ..constants import OvereenkomstStatus
from ..models import Indexering, Overeenkomst, Tarief
from .budget import Indexcijfers, _nieuwe_indexering
from .fouten import _als_validatiefout


def _controleer_tarieven_mogelijk(overeenkomst: Overeenkomst) -> None:
    if overeenkomst.is_taakgericht:
        raise ValidationError(
            _(
                "Een taakgerichte overeenkomst kent geen tarieven per product; "
                "zij heeft een taakgericht budget."
            ),
            code="tarief-bij-taakgericht",
        )
    if overeenkomst.status == OvereenkomstStatus.BEEINDIGD:
        raise ValidationError(
            _("De overeenkomst is beëindigd; er kunnen geen tarieven bij."),
            code="overeenkomst-beeindigd",
        )


def _vergrendel(overeenkomst: Overeenkomst) -> Overeenkomst:
    """Lock the agreement row: tariff writes of one agreement run one after the other, so two
    concurrent requests cannot both pass the overlap check."""
    return Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)


@transaction.atomic
def stel_tarief_vast(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    product,
    bedrag: Decimal,
    geldig_van: date,
    geldig_tot: date | None = None,
    bron: str = "",
) -> Tarief:
    """A tariff per unit of ``product`` for a period that overlaps no other tariff of it."""
    overeenkomst = _vergrendel(overeenkomst)
    _controleer_tarieven_mogelijk(overeenkomst)
    if product.perceel_id != overeenkomst.perceel_id:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("Dit product hoort niet bij het perceel van de overeenkomst."),
                    code="product-ander-perceel",
                )
            }
        )
    if not product.eenheid:
        raise ValidationError(
            {
                "product": ValidationError(
                    _("Dit product heeft geen eenheid in de catalogus; een tarief kan niet."),
                    code="product-zonder-eenheid",
                )
            }
        )
    tarief = Tarief(
        overeenkomst=overeenkomst,
        product=product,
        eenheid=product.eenheid,
        bedrag=bedrag,
        geldig_van=geldig_van,
        geldig_tot=geldig_tot,
        bron=bron,
        vastgesteld_door=gebruiker,
    )
    tarief.full_clean()
    tarief.save()
    record(
        "tarief.vastgesteld",
        gebruiker=gebruiker,
        obj=tarief,
        omschrijving=f"{overeenkomst.nummer} {product.code}",
        gegevens={
            "product": product.code,
            "eenheid": tarief.eenheid,
            "bedrag": str(tarief.bedrag),
            "geldig_van": geldig_van.isoformat(),
            "geldig_tot": geldig_tot.isoformat() if geldig_tot else None,
        },
    )
    return tarief


@transaction.atomic
def indexeer_tarieven(
    overeenkomst: Overeenkomst, *, jaar: int, cijfers: Indexcijfers, gebruiker
) -> list[Tarief]:
    """Index the tariff list valid on 31 December of ``jaar`` (t) to ``jaar + 1`` (OW art. 3.2).

    Stores the indexation once and per product a new tariff for 1 January – 31 December t+1,
    computed by ``calculate_indexering`` from the old amount (rounded half up to cents per
    tariff). A tariff of t without an end date (or running into t+1) is closed on 31 December t.
    """
    overeenkomst = _vergrendel(overeenkomst)
    _controleer_tarieven_mogelijk(overeenkomst)
    einde_t, begin, einde = date(jaar, 12, 31), date(jaar + 1, 1, 1), date(jaar + 1, 12, 31)
    if Indexering.objects.filter(overeenkomst=overeenkomst, jaar=jaar + 1).exists():
        raise ValidationError(
            _("Er is al een indexering voor %(jaar)s."),
            code="indexering-bestaat",
            params={"jaar": jaar + 1},
        )
    oude = list(
        overeenkomst.tarieven.filter(Tarief.overlap_filter(einde_t, einde_t))
        .select_related("product")
        .order_by("product__volgorde", "product__naam")
    )
    if not oude:
        raise ValidationError(
            {
                "jaar": ValidationError(
                    _("Op 31-12-%(jaar)s geldt geen enkel tarief; er is niets te indexeren."),
                    code="geen-tarieven",
                    params={"jaar": jaar},
                )
            }
        )
    al_volgend_jaar = overeenkomst.tarieven.filter(
        product__in=[t.product for t in oude], geldig_van__gt=einde_t
    )
    if al_volgend_jaar.exists():
        raise ValidationError(
            _("Voor %(product)s is al een tarief vanaf %(jaar)s vastgesteld."),
            code="tarief-volgend-jaar-bestaat",
            params={"product": al_volgend_jaar.first().product, "jaar": jaar + 1},
        )
    indexering = _nieuwe_indexering(overeenkomst, jaar + 1, cijfers, gebruiker)
    try:
        berekeningen = [indexering.bereken(tarief.bedrag) for tarief in oude]
    except BerekeningFout as fout:
        raise _als_validatiefout(fout) from None
    indexering.indexpercentage = berekeningen[0].indexpercentage
    indexering.full_clean()
    indexering.save()
    afgesloten = []
    nieuw = []
    for tarief, berekening in zip(oude, berekeningen, strict=True):
        if tarief.geldig_tot is None or tarief.geldig_tot > einde_t:
            tarief.geldig_tot = einde_t
            tarief.save(update_fields=["geldig_tot"])
            afgesloten.append(tarief.pk)
        volgend = Tarief(
            overeenkomst=overeenkomst,
            product=tarief.product,
            eenheid=tarief.eenheid,
            bedrag=berekening.nieuw_bedrag,
            geldig_van=begin,
            geldig_tot=einde,
            vorig_tarief=tarief,
            indexering=indexering,
            bron=_("Geïndexeerd vanuit %(jaar)s (art. 3.2).") % {"jaar": jaar},
            vastgesteld_door=gebruiker,
        )
        volgend.full_clean()
        volgend.save()
        nieuw.append(volgend)
    record(
        "tarief.geindexeerd",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=f"{overeenkomst.nummer} {jaar} → {jaar + 1}",
        gegevens={
            "indexpercentage": str(indexering.indexpercentage),
            "tarieven": [
                {
                    "product": t.product.code,
                    "van": str(t.vorig_tarief.bedrag),
                    "naar": str(t.bedrag),
                }
                for t in nieuw
            ],
            "afgesloten": afgesloten,
        },
    )
    return nieuw
