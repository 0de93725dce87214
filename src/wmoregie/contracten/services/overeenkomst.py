"""Overeenkomst."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record
from wmoregie.catalogi.models import Perceel

from ..constants import Opdrachtnemersvorm, OvereenkomstStatus
from ..datums import plus_maanden
from ..models import Combinant, Overeenkomst, Statuswijziging, Verlengingsoptie
from ..state import mag_overgaan


@dataclass(frozen=True)
class CombinantInvoer:
    organisatie: object  # accounts.Organisatie
    penvoerder: bool = False


@transaction.atomic
def maak_overeenkomst(
    *,
    gebruiker,
    nummer: str,
    naam: str,
    perceel,
    opdrachtnemersvorm: str,
    opdrachtnemer,
    ingangsdatum: date,
    einddatum: date,
    artikelen: Sequence[str] = (),
    combinanten: Sequence[CombinantInvoer] = (),
    verlengingsopties: Sequence[int] = (),
    weging_personeel: Decimal = Decimal("0.8"),
    weging_materieel: Decimal = Decimal("0.2"),
    indexcijfer_personeel: str = "OVA",
    indexcijfer_materieel: str = "CPI",
    waarschuwingstermijn_dagen: int = 60,
    bron: str = "handmatig",
) -> Overeenkomst:
    """Create an agreement in status *concept*, by hand or from a definitive award (``bron``)."""
    overeenkomst = Overeenkomst(
        nummer=nummer,
        naam=naam,
        regio=perceel.regio,
        perceel=perceel,
        bekostigingsvariant=perceel.bekostigingsvariant,
        opdrachtnemersvorm=opdrachtnemersvorm,
        opdrachtnemer=opdrachtnemer,
        ingangsdatum=ingangsdatum,
        einddatum=einddatum,
        artikelen=list(artikelen),
        weging_personeel=weging_personeel,
        weging_materieel=weging_materieel,
        indexcijfer_personeel=indexcijfer_personeel,
        indexcijfer_materieel=indexcijfer_materieel,
        waarschuwingstermijn_dagen=waarschuwingstermijn_dagen,
    )
    overeenkomst.full_clean()
    _controleer_combinanten(opdrachtnemersvorm, opdrachtnemer, combinanten)
    overeenkomst.save()
    for invoer in combinanten:
        Combinant.objects.create(
            overeenkomst=overeenkomst, organisatie=invoer.organisatie, penvoerder=invoer.penvoerder
        )
    for volgnummer, maanden in enumerate(verlengingsopties, start=1):
        optie = Verlengingsoptie(overeenkomst=overeenkomst, volgnummer=volgnummer, maanden=maanden)
        optie.full_clean()
        optie.save()
    Statuswijziging.objects.create(
        overeenkomst=overeenkomst,
        van="",
        naar=OvereenkomstStatus.CONCEPT,
        gewijzigd_door=gebruiker,
        toelichting=_("Aangemaakt (%(bron)s).") % {"bron": bron},
    )
    record(
        "overeenkomst.aangemaakt",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=str(overeenkomst),
        gegevens={"perceel": perceel.code, "opdrachtnemer": opdrachtnemer.kvk_nummer, "bron": bron},
    )
    return overeenkomst


def _controleer_combinanten(vorm, opdrachtnemer, combinanten: Sequence[CombinantInvoer]) -> None:
    if vorm == Opdrachtnemersvorm.HOOFDAANNEMER:
        if combinanten:
            raise ValidationError(
                {
                    "combinanten": ValidationError(
                        _("Een hoofdaannemer heeft geen combinanten; kies ‘combinatie’."),
                        code="combinanten-bij-hoofdaannemer",
                    )
                }
            )
        return
    organisaties = [c.organisatie.pk for c in combinanten]
    if len(combinanten) < 2:
        raise ValidationError(
            {
                "combinanten": ValidationError(
                    _("Een combinatie bestaat uit ten minste twee combinanten."),
                    code="combinatie-te-klein",
                )
            }
        )
    if len(set(organisaties)) != len(organisaties) or opdrachtnemer.pk in organisaties:
        raise ValidationError(
            {
                "combinanten": ValidationError(
                    _("Elke combinant komt één keer voor en is niet de combinatie zelf."),
                    code="combinant-dubbel",
                )
            }
        )
    if sum(1 for c in combinanten if c.penvoerder) != 1:
        raise ValidationError(
            {
                "penvoerder": ValidationError(
                    _("Een combinatie heeft precies één penvoerder."),
                    code="penvoerder-niet-een",
                )
            }
        )


@transaction.atomic
def leg_contactpersoon_vast(
    overeenkomst: Overeenkomst, *, gebruiker, naam: str, email: str, telefoon: str = ""
) -> Overeenkomst:
    """OW 3.1.5: the contact person of the contractor for this agreement, with a way to reach
    them (an e-mail address, a telephone number optional)."""
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    overeenkomst.contactpersoon_naam = naam.strip()
    overeenkomst.contactpersoon_email = email.strip()
    overeenkomst.contactpersoon_telefoon = telefoon.strip()
    fouten = {}
    if not overeenkomst.contactpersoon_naam:
        fouten["contactpersoon_naam"] = ValidationError(
            _("Vul de naam van de contactpersoon in."), code="contactpersoon-naam-leeg"
        )
    if not overeenkomst.contactpersoon_email:
        fouten["contactpersoon_email"] = ValidationError(
            _("Vul het e-mailadres van de contactpersoon in."), code="contactpersoon-email-leeg"
        )
    if fouten:
        raise ValidationError(fouten)
    overeenkomst.full_clean()
    overeenkomst.save(
        update_fields=["contactpersoon_naam", "contactpersoon_email", "contactpersoon_telefoon"]
    )
    record(
        "overeenkomst.contactpersoon_vastgelegd",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=str(overeenkomst),
    )
    return overeenkomst


#: The statuses in which an agreement holds its lot: the contract partner is bound, even when
#: the agreement is suspended.
BEZETTENDE_STATUSSEN = frozenset({OvereenkomstStatus.ACTIEF, OvereenkomstStatus.OPGESCHORT})


def controleer_een_partner_per_perceel(overeenkomst: Overeenkomst, *, einde: date | None = None):
    """The seed buys ONE hoofdaannemer or combination per lot: refuse a second agreement that
    holds the same lot in an overlapping period (extensions taken up included). The lot's row is
    locked, so two activations cannot pass this check together. On PostgreSQL an exclusion
    constraint (migration 0006) backs this up for the agreed periods."""
    Perceel.objects.select_for_update().get(pk=overeenkomst.perceel_id)
    begin, einde = overeenkomst.ingangsdatum, einde or overeenkomst.huidige_einddatum
    anderen = (
        Overeenkomst.objects.filter(
            perceel_id=overeenkomst.perceel_id,
            status__in=BEZETTENDE_STATUSSEN,
            ingangsdatum__lte=einde,
        )
        .exclude(pk=overeenkomst.pk)
        .select_related("opdrachtnemer", "perceel")
        .prefetch_related("verlengingsopties")
    )
    for andere in anderen:
        if andere.huidige_einddatum >= begin:
            raise ValidationError(
                _(
                    "Voor het perceel %(perceel)s loopt al een overeenkomst met %(partner)s "
                    "(%(nummer)s, %(begin)s tot en met %(einde)s). Per perceel is er één "
                    "hoofdaannemer of combinatie: beëindig die overeenkomst eerst, of kies een "
                    "periode die er niet mee overlapt."
                ),
                code="perceel-al-gecontracteerd",
                params={
                    "perceel": andere.perceel.naam,
                    "partner": andere.opdrachtnemer.naam,
                    "nummer": andere.nummer,
                    "begin": f"{andere.ingangsdatum:%d-%m-%Y}",
                    "einde": f"{andere.huidige_einddatum:%d-%m-%Y}",
                },
            )


@transaction.atomic
def wijzig_status(overeenkomst: Overeenkomst, naar: str, *, gebruiker, toelichting: str = ""):
    overeenkomst = Overeenkomst.objects.select_for_update().get(pk=overeenkomst.pk)
    van = overeenkomst.status
    if not mag_overgaan(van, naar):
        raise ValidationError(
            _("Een overeenkomst met status ‘%(van)s’ kan niet naar ‘%(naar)s’."),
            code="statusovergang-niet-toegestaan",
            params={
                "van": OvereenkomstStatus(van).label,
                "naar": OvereenkomstStatus(naar).label
                if naar in OvereenkomstStatus.values
                else naar,
            },
        )
    if naar in BEZETTENDE_STATUSSEN:
        controleer_een_partner_per_perceel(overeenkomst)
    overeenkomst.status = naar
    overeenkomst.save(update_fields=["status"])
    Statuswijziging.objects.create(
        overeenkomst=overeenkomst,
        van=van,
        naar=naar,
        gewijzigd_door=gebruiker,
        toelichting=toelichting,
    )
    record(
        "overeenkomst.status_gewijzigd",
        gebruiker=gebruiker,
        obj=overeenkomst,
        omschrijving=f"{van} → {naar}",
        gegevens={"van": van, "naar": naar, "toelichting": toelichting},
    )
    return overeenkomst


@transaction.atomic
def benut_verlengingsoptie(optie: Verlengingsoptie, *, gebruiker, op: date) -> Verlengingsoptie:
    optie = Verlengingsoptie.objects.select_for_update().get(pk=optie.pk)
    eerder = optie.overeenkomst.verlengingsopties.filter(volgnummer__lt=optie.volgnummer)
    if optie.benut_op or eerder.filter(benut_op__isnull=True).exists():
        raise ValidationError(
            _("Verlengingsopties worden één voor één en op volgorde benut."),
            code="verlenging-volgorde",
        )
    optie.benut_op = op
    overeenkomst = optie.overeenkomst
    if overeenkomst.status in BEZETTENDE_STATUSSEN:
        benut = sum(o.maanden for o in eerder) + optie.maanden
        controleer_een_partner_per_perceel(
            overeenkomst, einde=plus_maanden(overeenkomst.einddatum, benut)
        )
    optie.save(update_fields=["benut_op"])
    record(
        "overeenkomst.verlengd",
        gebruiker=gebruiker,
        obj=optie.overeenkomst,
        gegevens={"optie": optie.volgnummer, "maanden": optie.maanden},
    )
    return optie
