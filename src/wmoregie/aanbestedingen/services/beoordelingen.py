"""Blind individual assessment and consensus: the declaration of interests, the assessors'
own scores and the agreed score."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record
from wmoregie.invoer import controleer_modelveld, getal_nl

from .. import selectors
from ..models import (
    Aanbesteding,
    Belangenverklaring,
    Beoordeling,
    Consensusscore,
    Gunningscriterium,
    Inschrijving,
)
from ._helpers import _in_beoordeling, _nu, _vergrendeld


@transaction.atomic
def teken_belangenverklaring(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    geen_belangenconflict: bool,
    toelichting: str = "",
    nu: datetime | None = None,
) -> Belangenverklaring:
    """The assessor declares (no) conflict of interest, once per procedure."""
    if not selectors.is_beoordelaar_van(gebruiker, aanbesteding):
        raise ValidationError(
            _("Alleen een beoordelaar van de regio tekent een belangenverklaring."),
            code="geen-beoordelaar",
        )
    if Belangenverklaring.objects.filter(aanbesteding=aanbesteding, beoordelaar=gebruiker).exists():
        raise ValidationError(
            _("U hebt voor deze aanbesteding al een belangenverklaring getekend."),
            code="al-getekend",
        )
    if not geen_belangenconflict and not toelichting.strip():
        raise ValidationError(_("Licht het belangenconflict toe."), code="toelichting-verplicht")
    verklaring = Belangenverklaring.objects.create(
        aanbesteding=aanbesteding,
        beoordelaar=gebruiker,
        geen_belangenconflict=geen_belangenconflict,
        toelichting=toelichting.strip(),
        ondertekend_op=_nu(nu),
    )
    record(
        "belangenverklaring.getekend",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            "geen_belangenconflict": geen_belangenconflict,
            "toelichting": toelichting.strip(),
        },
    )
    return verklaring


def controleer_inzage_rangschikking(aanbesteding: Aanbesteding, *, gebruiker) -> None:
    """Refuse the ranking (page, CSV, API) to an assessor of the region that may not assess:
    the same check as for scoring and the tenders' content (``selectors.mag_gunning_inzien``);
    the inkoper always reads it."""
    if selectors.mag_gunning_inzien(gebruiker, aanbesteding):
        return
    verklaring = selectors.belangenverklaring_van(gebruiker, aanbesteding)
    if verklaring is not None and not verklaring.geen_belangenconflict:
        raise ValidationError(
            _(
                "U hebt voor deze aanbesteding een belangenconflict verklaard: u ziet de "
                "rangschikking daarom niet."
            ),
            code="belangenconflict",
        )
    raise ValidationError(
        _(
            "Teken eerst de belangenverklaring voor deze aanbesteding (zonder belangenconflict): "
            "pas daarna ziet u de rangschikking."
        ),
        code="belangenverklaring-ontbreekt",
    )


def _controleer_score(criterium: Gunningscriterium, score, motivering: str) -> None:
    buiten_schaal = ValidationError(
        _("De score op %(naam)s ligt tussen 0 en %(max)s.")
        % {"naam": criterium.naam, "max": getal_nl(criterium.schaal_max)},
        code="score-buiten-schaal",
    )
    if score is None:
        raise buiten_schaal
    controleer_modelveld(Beoordeling, "score", score)
    if not 0 <= score <= criterium.schaal_max:
        raise buiten_schaal
    if not motivering.strip():
        raise ValidationError(
            _("Motiveer de score op %(naam)s.") % {"naam": criterium.naam},
            code="motivering-verplicht",
        )


def _criterium_van(inschrijving: Inschrijving, criterium: Gunningscriterium) -> None:
    if (
        criterium.aanbesteding_id != inschrijving.aanbesteding_id
        or inschrijving.toegelaten is not True
    ):
        raise ValidationError(
            _("Dit criterium of deze inschrijving hoort niet bij de beoordeling."),
            code="niet-te-beoordelen",
        )


@transaction.atomic
def beoordeel(
    inschrijving: Inschrijving,
    criterium: Gunningscriterium,
    *,
    gebruiker,
    score: Decimal,
    motivering: str,
    nu: datetime | None = None,
) -> Beoordeling:
    """An assessor's own score with motivation; changeable until the consensus on it."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    _in_beoordeling(aanbesteding)
    if not selectors.mag_beoordelen(gebruiker, aanbesteding):
        raise ValidationError(
            _("Teken eerst de belangenverklaring (zonder belangenconflict) voordat u beoordeelt."),
            code="belangenverklaring-ontbreekt",
        )
    _criterium_van(inschrijving, criterium)
    _controleer_score(criterium, score, motivering)
    if Consensusscore.objects.filter(inschrijving=inschrijving, criterium=criterium).exists():
        raise ValidationError(
            _("Over %(naam)s is al consensus vastgesteld; uw score wijzigt niet meer.")
            % {"naam": criterium.naam},
            code="consensus-al-vastgesteld",
        )
    beoordeling, _nieuw = Beoordeling.objects.update_or_create(
        inschrijving=inschrijving,
        criterium=criterium,
        beoordelaar=gebruiker,
        defaults={"score": score, "motivering": motivering.strip(), "vastgelegd_op": _nu(nu)},
    )
    record(
        "beoordeling.vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={"criterium": criterium.code, "score": str(score)},
    )
    return beoordeling


def beoordelaars(aanbesteding: Aanbesteding):
    """The assessors who declared no conflict of interest: all of them score every item."""
    return [
        v.beoordelaar
        for v in aanbesteding.belangenverklaringen.filter(geen_belangenconflict=True)
        .select_related("beoordelaar")
        .order_by("ondertekend_op", "id")
    ]


@transaction.atomic
def stel_consensus_vast(
    inschrijving: Inschrijving,
    criterium: Gunningscriterium,
    *,
    gebruiker,
    score: Decimal,
    motivering: str,
    nu: datetime | None = None,
) -> Consensusscore:
    """The consensus session (inkoper): the agreed score and motivation, after every assessor
    scored; the individual scores are kept with it."""
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    _in_beoordeling(aanbesteding)
    if not selectors.is_inkoper_van(gebruiker, aanbesteding):
        raise ValidationError(_("Alleen de inkoper legt consensus vast."), code="geen-inkoper")
    _criterium_van(inschrijving, criterium)
    _controleer_score(criterium, score, motivering)
    individueel = list(
        Beoordeling.objects.filter(inschrijving=inschrijving, criterium=criterium).select_related(
            "beoordelaar"
        )
    )
    gescoord = {b.beoordelaar_id for b in individueel}
    ontbrekend = [b for b in beoordelaars(aanbesteding) if b.pk not in gescoord]
    if not individueel or ontbrekend:
        raise ValidationError(
            _("Nog niet iedere beoordelaar heeft %(naam)s gescoord: %(wie)s.")
            % {
                "naam": criterium.naam,
                "wie": ", ".join(b.get_full_name() or b.username for b in ontbrekend)
                or _("niemand heeft gescoord"),
            },
            code="beoordelingen-ontbreken",
        )
    consensus, _nieuw = Consensusscore.objects.update_or_create(
        inschrijving=inschrijving,
        criterium=criterium,
        defaults={
            "score": score,
            "motivering": motivering.strip(),
            "spreiding": [
                {"beoordelaar": b.beoordelaar_id, "score": str(b.score)} for b in individueel
            ],
            "vastgesteld_op": _nu(nu),
            "vastgesteld_door": gebruiker,
        },
    )
    record(
        "consensus.vastgesteld",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={
            "criterium": criterium.code,
            "score": str(score),
            "individueel": [str(b.score) for b in individueel],
        },
    )
    return consensus
