"""Selection phase: the assessment of the exclusion grounds and suitability requirements,
and the selection scores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import selectie
from ..constants import UEA_PLICHTIG, Status, Uitsluitingsoordeel
from ..models import (
    Aanbesteding,
    Eistoetsing,
    Geschiktheidseis,
    Inschrijving,
    Partij,
    Selectiecriterium,
    Selectiescore,
    Uitsluitingstoets,
)
from ..validators import validate_upload
from ._helpers import _nu, _vergrendeld


def _toetsing_open(aanbesteding: Aanbesteding) -> None:
    if aanbesteding.status != Status.SELECTIE_BEOORDELING:
        raise ValidationError(
            _(
                "Toetsen kan alleen na het openen van de aanmeldingen en vóór de selectiebeslissing."
            ),
            code="selectie-niet-open",
        )


def uea_plichtige_partijen(inschrijving: Inschrijving) -> list[Partij]:
    """The parties that sign their own UEA: hoofdaannemer or penvoerder, combinanten, derden."""
    return [p for p in inschrijving.partijen.all() if p.rol in UEA_PLICHTIG]


def selectietoetsing(inschrijving: Inschrijving) -> selectie.Toetsing:
    """The exclusion grounds and suitability requirements of a registration, with the checks
    recorded so far."""
    gronden = []
    for partij in uea_plichtige_partijen(inschrijving):
        toetsen = {t.code: t for t in partij.uitsluitingstoetsen.all()}
        for code, naam, antwoord, toelichting in selectie.te_beoordelen_gronden(
            partij.pk, partij.naam, partij.uitsluitingsgronden or []
        ):
            toets = toetsen.get(code)
            gronden.append(
                selectie.Grond(
                    partij_id=partij.pk,
                    partij=f"{partij.naam} ({partij.get_rol_display().lower()})",
                    code=code,
                    naam=naam,
                    antwoord=antwoord,
                    toelichting=toelichting or "",
                    oordeel=toets.oordeel if toets else None,
                    motivering=toets.motivering if toets else "",
                    bewijs=toets.bewijs if toets else "",
                )
            )
    getoetst = {t.eis_id: t for t in inschrijving.eistoetsingen.all()}
    eisen = []
    for eis in inschrijving.aanbesteding.geschiktheidseisen.all():
        toetsing = getoetst.get(eis.pk)
        eisen.append(
            selectie.Eis(
                eis_id=eis.pk,
                naam=eis.naam,
                bewijs_gevraagd=eis.bewijs,
                voldoet=toetsing.voldoet if toetsing else None,
                bewijs=toetsing.bewijs if toetsing else "",
                reden=toetsing.reden if toetsing else "",
                bewijsstuk=toetsing.bestandsnaam if toetsing and toetsing.document else "",
            )
        )
    return selectie.Toetsing(tuple(gronden), tuple(eisen))


@dataclass(frozen=True)
class PartijToetsing:
    """The exclusion grounds of one party that signs a UEA: those that need an assessment (with
    the assessment so far) and how many it answered "no" (nothing to assess)."""

    partij: Partij
    gronden: tuple[selectie.Grond, ...]
    aantal_nee: int


def toetsing_per_partij(
    inschrijving: Inschrijving, toetsing: selectie.Toetsing | None = None
) -> list[PartijToetsing]:
    """The exclusion-ground checks grouped per party that signs a UEA, in party order."""
    toetsing = toetsing or selectietoetsing(inschrijving)
    return [
        PartijToetsing(
            partij=partij,
            gronden=tuple(g for g in toetsing.gronden if g.partij_id == partij.pk),
            aantal_nee=sum(
                1 for a in partij.uitsluitingsgronden or [] if a.get("antwoord") is False
            ),
        )
        for partij in uea_plichtige_partijen(inschrijving)
    ]


@transaction.atomic
def toets_uitsluitingsgrond(
    partij: Partij,
    *,
    code: str,
    oordeel: str,
    motivering: str,
    bewijs: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Uitsluitingstoets:
    """Record the assessment of a ground a party answered "yes" or left open."""
    _toetsing_open(_vergrendeld(partij.inschrijving.aanbesteding_id))
    if partij.rol not in UEA_PLICHTIG:
        raise ValidationError(
            _("Voor deze partij worden geen uitsluitingsgronden getoetst."), code="geen-uea-plicht"
        )
    te_beoordelen = {
        c: a
        for c, _naam, a, _t in selectie.te_beoordelen_gronden(
            partij.pk, partij.naam, partij.uitsluitingsgronden or []
        )
    }
    if code not in te_beoordelen:
        raise ValidationError(
            _("Deze uitsluitingsgrond is met “nee” beantwoord en vraagt geen beoordeling."),
            code="grond-niet-te-beoordelen",
        )
    if oordeel not in Uitsluitingsoordeel.values:
        raise ValidationError(
            {"oordeel": ValidationError(_("Kies een oordeel."), code="oordeel-ontbreekt")}
        )
    if not motivering.strip():
        raise ValidationError(
            {
                "motivering": ValidationError(
                    _("Motiveer het oordeel (toelichting, herstelmaatregelen, bewijs)."),
                    code="motivering-ontbreekt",
                )
            }
        )
    toets, _nieuw = Uitsluitingstoets.objects.update_or_create(
        partij=partij,
        code=code,
        defaults={
            "antwoord": te_beoordelen[code],
            "oordeel": oordeel,
            "motivering": motivering.strip(),
            "bewijs": bewijs.strip(),
            "vastgelegd_op": _nu(nu),
            "vastgelegd_door": gebruiker,
        },
    )
    record(
        "uitsluitingsgrond.beoordeeld",
        gebruiker=gebruiker,
        obj=partij.inschrijving,
        omschrijving=f"{partij.naam}: {code} — {oordeel}",
        gegevens={"partij": partij.pk, "code": code, "oordeel": oordeel},
    )
    return toets


@transaction.atomic
def toets_eis(
    inschrijving: Inschrijving,
    eis: Geschiktheidseis,
    *,
    voldoet: bool,
    bewijs: str,
    reden: str = "",
    document=None,
    gebruiker,
    nu: datetime | None = None,
) -> Eistoetsing:
    """Record whether a registration meets a suitability requirement, with the evidence (text and
    an optional document) and, when it does not, the reason."""
    _toetsing_open(_vergrendeld(inschrijving.aanbesteding_id))
    if eis.aanbesteding_id != inschrijving.aanbesteding_id:
        raise ValidationError(
            _("Deze eis hoort niet bij de aanbesteding."), code="andere-aanbesteding"
        )
    fouten = {}
    if not bewijs.strip():
        fouten["bewijs"] = ValidationError(
            _("Beschrijf het bewijs waarop het oordeel rust."), code="bewijs-ontbreekt"
        )
    if not voldoet and not reden.strip():
        fouten["reden"] = ValidationError(
            _("Geef de reden waarom niet aan de eis is voldaan."), code="reden-ontbreekt"
        )
    if fouten:
        raise ValidationError(fouten)
    inhoudstype = validate_upload(document) if document else None
    toetsing = Eistoetsing.objects.filter(
        inschrijving=inschrijving, eis=eis
    ).first() or Eistoetsing(inschrijving=inschrijving, eis=eis)
    toetsing.voldoet = voldoet
    toetsing.bewijs = bewijs.strip()
    toetsing.reden = "" if voldoet else reden.strip()
    toetsing.vastgelegd_op = _nu(nu)
    toetsing.vastgelegd_door = gebruiker
    if document:
        toetsing.document = document
        toetsing.bestandsnaam = document.name[:255]
    toetsing.save()
    record(
        "geschiktheidseis.getoetst",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=f"{eis.naam}: {'voldoet' if voldoet else 'voldoet niet'}",
        gegevens={
            "eis": eis.pk,
            "voldoet": voldoet,
            "reden": toetsing.reden,
            "document": inhoudstype,
        },
    )
    return toetsing


@transaction.atomic
def geef_selectiescore(
    inschrijving: Inschrijving,
    criterium: Selectiecriterium,
    *,
    score: Decimal | None,
    motivering: str,
    gebruiker,
    nu: datetime | None = None,
) -> Selectiescore:
    _toetsing_open(_vergrendeld(inschrijving.aanbesteding_id))
    if criterium.aanbesteding_id != inschrijving.aanbesteding_id:
        raise ValidationError(
            _("Dit criterium hoort niet bij de aanbesteding."), code="andere-aanbesteding"
        )
    if score is None or not 0 <= score <= criterium.schaal_max:
        raise ValidationError(
            _("Geef een score van 0 tot en met %(max)s.")
            % {"max": f"{criterium.schaal_max.normalize():f}"},
            code="score-buiten-schaal",
        )
    if not motivering.strip():
        raise ValidationError(_("Motiveer de score."), code="motivering-verplicht")
    item, _nieuw = Selectiescore.objects.update_or_create(
        inschrijving=inschrijving,
        criterium=criterium,
        defaults={
            "score": score,
            "motivering": motivering.strip(),
            "vastgelegd_op": _nu(nu),
            "vastgelegd_door": gebruiker,
        },
    )
    record(
        "selectiescore.vastgelegd",
        gebruiker=gebruiker,
        obj=inschrijving,
        gegevens={"criterium": criterium.code, "score": str(score)},
    )
    return item
