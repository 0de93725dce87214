"""Selection phase: the suitability requirements, the maximum number of candidates and the
selection criteria, published with the selection guideline."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..constants import Status
from ..models import Aanbesteding, Geschiktheidseis, Selectiecriterium
from ._helpers import _vergrendeld


def _definities_open(aanbesteding: Aanbesteding) -> None:
    """Requirements, cap and selection criteria are published with the selection guideline and
    frozen from the selection opening."""
    if aanbesteding.selectie_geopend_op is not None or aanbesteding.status not in (
        Status.CONCEPT,
        Status.SELECTIEFASE,
    ):
        raise ValidationError(
            _(
                "Na het openen van de aanmeldingen liggen de geschiktheidseisen, het maximum "
                "aantal kandidaten en de selectiecriteria vast."
            ),
            code="selectie-eisen-bevroren",
        )


@transaction.atomic
def voeg_geschiktheidseis_toe(
    aanbesteding: Aanbesteding, *, gebruiker, naam: str, bewijs: str
) -> Geschiktheidseis:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _definities_open(aanbesteding)
    if not naam.strip() or not bewijs.strip():
        raise ValidationError(
            _("Geef de eis en het bewijs dat ervoor wordt gevraagd."), code="eis-onvolledig"
        )
    eis = Geschiktheidseis.objects.create(
        aanbesteding=aanbesteding,
        naam=naam.strip(),
        bewijs=bewijs.strip(),
        volgorde=aanbesteding.geschiktheidseisen.count() + 1,
    )
    record(
        "geschiktheidseis.toegevoegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"eis": eis.pk, "naam": eis.naam, "bewijs": eis.bewijs},
    )
    return eis


@transaction.atomic
def verwijder_geschiktheidseis(eis: Geschiktheidseis, *, gebruiker) -> None:
    aanbesteding = _vergrendeld(eis.aanbesteding_id)
    _definities_open(aanbesteding)
    record(
        "geschiktheidseis.verwijderd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"eis": eis.pk, "naam": eis.naam},
    )
    eis.delete()


@transaction.atomic
def stel_max_kandidaten_vast(
    aanbesteding: Aanbesteding, *, gebruiker, max_kandidaten: int | None
) -> Aanbesteding:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _definities_open(aanbesteding)
    if max_kandidaten is not None and max_kandidaten < 1:
        raise ValidationError(
            _("Het maximum aantal kandidaten moet ten minste 1 zijn."), code="maximum-ongeldig"
        )
    aanbesteding.max_kandidaten = max_kandidaten
    aanbesteding.save(update_fields=["max_kandidaten"])
    record(
        "aanbesteding.maximum-kandidaten-vastgesteld",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"max_kandidaten": max_kandidaten},
    )
    return aanbesteding


@transaction.atomic
def voeg_selectiecriterium_toe(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    code: str,
    naam: str,
    weging: Decimal,
    schaal_max: Decimal = Decimal(10),
) -> Selectiecriterium:
    aanbesteding = _vergrendeld(aanbesteding.pk)
    _definities_open(aanbesteding)
    if aanbesteding.selectiecriteria.filter(code=code).exists():
        raise ValidationError(
            _("Er is al een selectiecriterium met deze code."), code="criterium-dubbel"
        )
    criterium = Selectiecriterium(
        aanbesteding=aanbesteding,
        code=code,
        naam=naam.strip(),
        weging=weging,
        schaal_max=schaal_max,
        volgorde=aanbesteding.selectiecriteria.count() + 1,
    )
    if weging is None or weging <= 0 or schaal_max is None or schaal_max <= 0:
        raise ValidationError(
            _("Weging en schaalmaximum moeten groter dan nul zijn."), code="weging-ongeldig"
        )
    criterium.full_clean()
    criterium.save()
    record(
        "selectiecriterium.toegevoegd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": code, "naam": criterium.naam, "weging": str(weging)},
    )
    return criterium


@transaction.atomic
def verwijder_selectiecriterium(criterium: Selectiecriterium, *, gebruiker) -> None:
    aanbesteding = _vergrendeld(criterium.aanbesteding_id)
    _definities_open(aanbesteding)
    record(
        "selectiecriterium.verwijderd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={"code": criterium.code},
    )
    criterium.delete()
