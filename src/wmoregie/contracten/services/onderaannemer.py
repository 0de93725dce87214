"""Subcontractors: the register, consent, ending and compliance documents."""

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..bestanden import controleer_pdf
from ..constants import (
    GVA_GELDIGHEID_MAANDEN,
    Documentsoort,
    Onderaannemersoort,
    OnderaannemerStatus,
    OvereenkomstStatus,
)
from ..datums import plus_maanden
from ..models import Nalevingsdocument, Onderaannemer, Overeenkomst


def toestemming_vereist(overeenkomst: Overeenkomst, *, is_zzp: bool) -> bool:
    """OW art. 3.9: during the term a new subcontractor needs the region's written consent,
    except a self-employed person without staff. Before the term starts (status concept) the
    subcontractors are those named in the procedure and need none."""
    return overeenkomst.status != OvereenkomstStatus.CONCEPT and not is_zzp


@transaction.atomic
def registreer_onderaannemer(
    overeenkomst: Overeenkomst,
    *,
    gebruiker,
    organisatie,
    soort: str,
    expertise: str,
    producten: Iterable,
    ingangsdatum: date | None = None,
    einddatum: date | None = None,
    is_zzp: bool = False,
) -> Onderaannemer:
    producten = list(producten)
    overeenkomst.refresh_from_db(fields=["status"])  # consent depends on the current status
    if overeenkomst.status == OvereenkomstStatus.BEEINDIGD:
        raise ValidationError(
            _("De overeenkomst is beëindigd; er kunnen geen onderaannemers bij."),
            code="overeenkomst-beeindigd",
        )
    if soort == Onderaannemersoort.DERDE:
        if overeenkomst.status != OvereenkomstStatus.CONCEPT:
            raise ValidationError(
                {
                    "soort": ValidationError(
                        _(
                            "Een derde is vanaf de inschrijving bekend en kan tijdens de looptijd "
                            "niet meer worden toegevoegd; registreer een vaste of incidentele "
                            "onderaannemer."
                        ),
                        code="derde-tijdens-looptijd",
                    )
                }
            )
        ingangsdatum, einddatum = overeenkomst.ingangsdatum, None
    if not producten:
        raise ValidationError(
            {"producten": ValidationError(_("Kies ten minste één product."), code="geen-producten")}
        )
    if any(p.perceel_id != overeenkomst.perceel_id for p in producten):
        raise ValidationError(
            {
                "producten": ValidationError(
                    _("Kies alleen producten van het perceel van de overeenkomst."),
                    code="product-ander-perceel",
                )
            }
        )
    vereist = toestemming_vereist(overeenkomst, is_zzp=is_zzp)
    onderaannemer = Onderaannemer(
        overeenkomst=overeenkomst,
        organisatie=organisatie,
        soort=soort,
        expertise=expertise,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        is_zzp=is_zzp,
        toestemming_vereist=vereist,
        status=OnderaannemerStatus.AANGEMELD if vereist else OnderaannemerStatus.ACTIEF,
        aangemeld_op=timezone.localdate(),
    )
    if Onderaannemer.objects.filter(overeenkomst=overeenkomst, organisatie=organisatie).exists():
        raise _al_in_register()
    onderaannemer.full_clean()
    try:
        with transaction.atomic():
            onderaannemer.save()
    except IntegrityError:  # a concurrent registration of the same organisation
        raise _al_in_register() from None
    onderaannemer.producten.set(producten)
    record(
        "onderaannemer.geregistreerd",
        gebruiker=gebruiker,
        obj=onderaannemer,
        omschrijving=str(onderaannemer),
        gegevens={
            "overeenkomst": overeenkomst.nummer,
            "kvk": organisatie.kvk_nummer,
            "soort": soort,
            "toestemming_vereist": vereist,
        },
    )
    return onderaannemer


def _al_in_register() -> ValidationError:
    return ValidationError(
        {
            "organisatie": ValidationError(
                _("Deze organisatie staat al in het register van deze overeenkomst."),
                code="onderaannemer-bestaat",
            )
        }
    )


@transaction.atomic
def besluit_toestemming(
    onderaannemer: Onderaannemer, *, gebruiker, verleend: bool, datum: date, kenmerk: str
) -> Onderaannemer:
    """Record the region's written decision on a subcontractor that needs consent."""
    onderaannemer = Onderaannemer.objects.select_for_update().get(pk=onderaannemer.pk)
    if onderaannemer.status != OnderaannemerStatus.AANGEMELD:
        raise ValidationError(
            _("Over deze onderaannemer is al besloten."), code="toestemming-al-besloten"
        )
    if not kenmerk.strip():
        raise ValidationError(
            {
                "kenmerk": ValidationError(
                    _("Vermeld het kenmerk van de brief waarin de regio besluit."),
                    code="kenmerk-ontbreekt",
                )
            }
        )
    onderaannemer.toestemming_kenmerk = kenmerk.strip()
    onderaannemer.toestemming_vastgelegd_door = gebruiker
    if verleend:
        onderaannemer.toestemming_op = datum
        onderaannemer.status = OnderaannemerStatus.ACTIEF
    else:
        onderaannemer.status = OnderaannemerStatus.GEWEIGERD
    onderaannemer.save()
    record(
        "onderaannemer.toestemming_verleend" if verleend else "onderaannemer.toestemming_geweigerd",
        gebruiker=gebruiker,
        obj=onderaannemer,
        omschrijving=str(onderaannemer),
        gegevens={"kenmerk": kenmerk, "datum": datum.isoformat()},
    )
    return onderaannemer


@transaction.atomic
def beeindig_onderaannemer(
    onderaannemer: Onderaannemer,
    *,
    gebruiker,
    einddatum: date,
    reden: str,
    toestemming_op: date | None = None,
    toestemming_kenmerk: str = "",
) -> Onderaannemer:
    """End a subcontractor on ``einddatum`` for ``reden``.

    The end date lies within the subcontractor's period (at the latest its own end date or the
    agreement's last possible end). A derde is bound for the full term: ending it before the
    agreement's (current) end needs the region's written consent, recorded here with the date
    and reference of the letter.
    """
    onderaannemer = (
        Onderaannemer.objects.select_for_update()
        .select_related("overeenkomst", "organisatie")
        .get(pk=onderaannemer.pk)
    )
    ovk = onderaannemer.overeenkomst
    if not onderaannemer.is_beeindigbaar:
        raise ValidationError(
            _("Een onderaannemer met status ‘%(status)s’ kan niet worden beëindigd."),
            code="onderaannemer-niet-beeindigbaar",
            params={"status": onderaannemer.get_status_display()},
        )
    errors: dict[str, ValidationError] = {}
    if not (reden or "").strip():
        errors["reden"] = ValidationError(
            _("Vermeld de reden van de beëindiging."), code="reden-ontbreekt"
        )
    uiterst = onderaannemer.einddatum or ovk.uiterste_einddatum
    if einddatum < onderaannemer.ingangsdatum or einddatum > uiterst:
        errors["einddatum"] = ValidationError(
            _("De einddatum valt buiten de periode van de onderaannemer (%(van)s – %(tot)s)."),
            code="einde-buiten-periode",
            params={
                "van": onderaannemer.ingangsdatum.strftime("%d-%m-%Y"),
                "tot": uiterst.strftime("%d-%m-%Y"),
            },
        )
    vroegtijdig = (
        onderaannemer.soort == Onderaannemersoort.DERDE and einddatum < ovk.huidige_einddatum
    )
    if vroegtijdig and not (toestemming_op and (toestemming_kenmerk or "").strip()):
        errors["toestemming_kenmerk"] = ValidationError(
            _(
                "Een derde is verbonden voor de hele looptijd (tot %(einde)s). Vóór die datum "
                "beëindigen kan alleen met schriftelijke toestemming van de regio; de "
                "contractmanager legt de datum en het kenmerk van die brief vast."
            ),
            code="derde-zonder-toestemming",
            params={"einde": ovk.huidige_einddatum.strftime("%d-%m-%Y")},
        )
    if errors:
        raise ValidationError(errors)
    onderaannemer.status = OnderaannemerStatus.BEEINDIGD
    onderaannemer.einddatum = einddatum
    onderaannemer.beeindiging_reden = reden.strip()
    onderaannemer.beeindiging_vastgelegd_op = timezone.now()
    onderaannemer.beeindigd_door = gebruiker
    if vroegtijdig:
        onderaannemer.beeindiging_toestemming_op = toestemming_op
        onderaannemer.beeindiging_toestemming_kenmerk = toestemming_kenmerk.strip()
    onderaannemer.full_clean()
    onderaannemer.save()
    record(
        "onderaannemer.beeindigd",
        gebruiker=gebruiker,
        obj=onderaannemer,
        omschrijving=str(onderaannemer),
        gegevens={
            "overeenkomst": ovk.nummer,
            "kvk": onderaannemer.organisatie.kvk_nummer,
            "einddatum": einddatum.isoformat(),
            "reden": onderaannemer.beeindiging_reden,
            "toestemming_op": toestemming_op.isoformat() if vroegtijdig else None,
            "toestemming_kenmerk": onderaannemer.beeindiging_toestemming_kenmerk or None,
        },
    )
    return onderaannemer


@transaction.atomic
def voeg_document_toe(
    onderaannemer: Onderaannemer,
    *,
    gebruiker,
    soort: str,
    kenmerk: str,
    afgegeven_op: date,
    geldig_tot: date | None = None,
    bestand=None,
) -> Nalevingsdocument:
    """A compliance document; a GVA without an end date is usable 24 months after issue.

    ``bestand`` (optional) is the uploaded PDF; it is checked by content (``controleer_pdf``)
    before anything is stored, and a refused file leaves nothing behind.
    """
    if soort == Documentsoort.GEDRAGSVERKLARING and geldig_tot is None and afgegeven_op:
        geldig_tot = plus_maanden(afgegeven_op, GVA_GELDIGHEID_MAANDEN)
    document = Nalevingsdocument(
        onderaannemer=onderaannemer,
        soort=soort,
        kenmerk=kenmerk,
        afgegeven_op=afgegeven_op,
        geldig_tot=geldig_tot,
        toegevoegd_door=gebruiker,
    )
    document.full_clean()
    if bestand is not None:
        document.sha256 = controleer_pdf(bestand)
        document.bestandsnaam = Path(bestand.name).name[:255]
        document.grootte = bestand.size
        document.bestand.save(document.bestandsnaam, bestand, save=False)
    try:
        document.save()
        _record_document(document, gebruiker)
    except Exception:  # nothing of a failed upload stays behind in the storage
        if document.bestand:
            document.bestand.delete(save=False)
        raise
    return document


def _record_document(document: Nalevingsdocument, gebruiker) -> None:
    onderaannemer, soort, geldig_tot = document.onderaannemer, document.soort, document.geldig_tot
    record(
        "nalevingsdocument.toegevoegd",
        gebruiker=gebruiker,
        obj=document,
        omschrijving=str(document),
        gegevens={
            "onderaannemer": onderaannemer.organisatie.kvk_nummer,
            "soort": soort,
            "geldig_tot": geldig_tot.isoformat() if geldig_tot else None,
            "bestand": document.bestandsnaam or None,
            "grootte": document.grootte,
            "sha256": document.sha256 or None,
        },
    )
