"""Award phase: criteria and method (frozen at the award opening), the tendered prices and
the seed of the lot."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.invoer import controleer_modelveld

from ..constants import Beoordelingsmethode, Status
from ..models import Aanbesteding, Gunningscriterium, Inschrijving
from ._helpers import _in_beoordeling, _vergrendeld

#: Statuses in which criteria and method may still change: before the award opening.
VOOR_GUNNINGSOPENING = (
    Status.CONCEPT,
    Status.SELECTIEFASE,
    Status.SELECTIE_BEOORDELING,
    Status.GUNNINGSFASE,
)


def _controleer_niet_bevroren(aanbesteding: Aanbesteding) -> None:
    if (
        aanbesteding.gunning_geopend_op is not None
        or aanbesteding.status not in VOOR_GUNNINGSOPENING
    ):
        raise ValidationError(
            _(
                "De gunningscriteria en de beoordelingsmethode liggen vast sinds de opening van "
                "de inschrijvingen; ze kunnen niet meer worden gewijzigd."
            ),
            code="criteria-bevroren",
        )


def is_taakgericht(aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.percelen.filter(
        bekostigingsvariant=Bekostigingsvariant.TAAKGERICHT
    ).exists()


@transaction.atomic
def stel_beoordelingsmethode_vast(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    methode: str,
    waarde_per_punt: Decimal | None = None,
    max_prijspunten: Decimal | None = None,
    max_kwaliteitspunten: Decimal | None = None,
) -> Aanbesteding:
    """The published scoring method: quality only for a taakgericht lot (fixed budget)."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _controleer_niet_bevroren(aanbesteding)
    if methode not in Beoordelingsmethode.values:
        raise ValidationError(_("Onbekende beoordelingsmethode."), code="methode-onbekend")
    if is_taakgericht(aanbesteding) and methode != Beoordelingsmethode.KWALITEIT:
        raise ValidationError(
            _(
                "Een taakgericht perceel heeft een vast budget: gun alleen op kwaliteit "
                "(methode ‘alleen kwaliteit’)."
            ),
            code="taakgericht-alleen-kwaliteit",
        )
    if methode == Beoordelingsmethode.WAARDE and (waarde_per_punt is None or waarde_per_punt < 0):
        raise ValidationError(
            _("Geef bij gunnen op waarde de waarde per kwaliteitspunt (0 of meer)."),
            code="waarde-per-punt-ontbreekt",
        )
    if methode == Beoordelingsmethode.RELATIEF and (
        max_prijspunten is None
        or max_kwaliteitspunten is None
        or max_prijspunten < 0
        or max_kwaliteitspunten < 0
        or max_prijspunten + max_kwaliteitspunten == 0
    ):
        raise ValidationError(
            _("Geef bij relatieve beoordeling het maximum aan prijs- en kwaliteitspunten."),
            code="maximumpunten-ontbreken",
        )
    aanbesteding.beoordelingsmethode = methode
    aanbesteding.waarde_per_punt = (
        waarde_per_punt if methode == Beoordelingsmethode.WAARDE else None
    )
    relatief = methode == Beoordelingsmethode.RELATIEF
    aanbesteding.max_prijspunten = max_prijspunten if relatief else None
    aanbesteding.max_kwaliteitspunten = max_kwaliteitspunten if relatief else None
    aanbesteding.save()
    record(
        "aanbesteding.methode-vastgesteld",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            "methode": methode,
            "waarde_per_punt": str(aanbesteding.waarde_per_punt),
            "max_prijspunten": str(aanbesteding.max_prijspunten),
            "max_kwaliteitspunten": str(aanbesteding.max_kwaliteitspunten),
        },
    )
    return aanbesteding


@transaction.atomic
def voeg_criterium_toe(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    code: str,
    naam: str,
    weging: Decimal,
    schaal_max: Decimal = Decimal(10),
    omschrijving: str = "",
) -> Gunningscriterium:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _controleer_niet_bevroren(aanbesteding)
    if aanbesteding.criteria.filter(code=code).exists():
        raise ValidationError(
            {"code": ValidationError(_("Deze code bestaat al."), code="criterium-bestaat")}
        )
    criterium = Gunningscriterium(
        aanbesteding=aanbesteding,
        code=code,
        naam=naam,
        omschrijving=omschrijving,
        weging=weging,
        schaal_max=schaal_max,
        volgorde=aanbesteding.criteria.count() + 1,
    )
    if weging is None or weging <= 0 or schaal_max is None or schaal_max <= 0:
        raise ValidationError(
            _("Weging en schaal moeten groter dan nul zijn."), code="weging-niet-positief"
        )
    criterium.full_clean()
    criterium.save()
    record(
        "criterium.toegevoegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": code, "naam": naam, "weging": str(weging), "schaal": str(schaal_max)},
    )
    return criterium


@transaction.atomic
def verwijder_criterium(criterium: Gunningscriterium, *, gebruiker) -> None:
    aanbesteding = _vergrendeld(criterium.aanbesteding_id)
    _controleer_niet_bevroren(aanbesteding)
    record(
        "criterium.verwijderd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": criterium.code, "naam": criterium.naam},
    )
    criterium.delete()


@transaction.atomic
def leg_prijs_vast(inschrijving: Inschrijving, *, gebruiker, prijs: Decimal) -> Inschrijving:
    """The inkoper records the tendered price from the opened price sheet."""
    _in_beoordeling(_vergrendeld(inschrijving.aanbesteding_id))
    if prijs is None or (prijs.is_finite() and prijs <= 0):
        raise ValidationError(
            _("Een prijs moet groter dan nul zijn; verifieer anders de inschrijving."),
            code="prijs-niet-positief",
        )
    controleer_modelveld(Inschrijving, "prijs", prijs, min_value=Decimal("0.01"))
    inschrijving.prijs = prijs
    inschrijving.save(update_fields=["prijs"])
    record(
        "inschrijving.prijs-vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={"prijs": str(prijs)},
    )
    return inschrijving


@transaction.atomic
def stel_loting_seed_vast(aanbesteding: Aanbesteding, *, gebruiker, seed: str) -> Aanbesteding:
    """The seed of the published lot (tie rule), recorded by the inkoper when a lot is needed:
    in the selection (capped ranking) or the award assessment."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status != Status.SELECTIE_BEOORDELING:
        _in_beoordeling(aanbesteding)
    if not seed.strip():
        raise ValidationError(_("Geef de lotingswaarde."), code="seed-leeg")
    lengte = Aanbesteding._meta.get_field("loting_seed").max_length
    if len(seed.strip()) > lengte:
        raise ValidationError(
            {
                "loting_seed": ValidationError(
                    _("De lotingswaarde is hoogstens %(n)s tekens lang.") % {"n": lengte},
                    code="seed-te-lang",
                )
            }
        )
    aanbesteding.loting_seed = seed.strip()
    aanbesteding.save(update_fields=["loting_seed"])
    record(
        "aanbesteding.seed-vastgelegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"seed": seed.strip()},
    )
    return aanbesteding
