"""The procedure: create and change it, its status transitions, and the procurement
documents the region places."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit import keten
from wmoregie.audit.services import record

from .. import selectors, state
from ..constants import FASE_VAN_DOCUMENTSOORT, Aanbestedingsdocumentsoort, Fase, Status
from ..models import (
    Aanbesteding,
    Aanbestedingsdocument,
    Statuswijziging,
)
from ..termijnen import Ernst
from ..validators import validate_upload
from ._helpers import _nu, _vergrendeld
from .opening import open_voorstel
from .rangorde import beoordeling_onvolledig, te_beoordelen
from .regelbesluiten import regelfouten_tekst
from .selectiebesluit import _verstuur_selectiebrieven


@transaction.atomic
def maak_aanbesteding(*, gebruiker, regio, percelen, **velden) -> Aanbesteding:
    aanbesteding = Aanbesteding(regio=regio, **velden)
    aanbesteding.full_clean()
    aanbesteding.save()
    aanbesteding.percelen.set(percelen)
    record(
        "aanbesteding.aangemaakt",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=str(aanbesteding),
        gegevens={"percelen": [p.code for p in percelen]},
    )
    return aanbesteding


@transaction.atomic
def wijzig_aanbesteding(
    aanbesteding: Aanbesteding, *, gebruiker, percelen=None, **velden
) -> Aanbesteding:
    """Change name, lots or planning: only while the procedure is a concept."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status != Status.CONCEPT:
        raise ValidationError(
            _("Na publicatie wijzigt de planning niet meer via dit formulier."),
            code="niet-meer-wijzigbaar",
        )
    oud = {veld: str(getattr(aanbesteding, veld)) for veld in velden}
    for veld, waarde in velden.items():
        setattr(aanbesteding, veld, waarde)
    aanbesteding.full_clean()
    aanbesteding.save()
    if percelen is not None:
        aanbesteding.percelen.set(percelen)
    record(
        "aanbesteding.gewijzigd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        gegevens={
            "oud": oud,
            "nieuw": {veld: str(getattr(aanbesteding, veld)) for veld in velden},
        },
    )
    return aanbesteding


#: ``stand_van(voorstel=...)`` not given: read the open proposal.
_NIET_GELEZEN = object()


def stand_van(
    aanbesteding: Aanbesteding,
    nu: datetime | None = None,
    gebruiker=None,
    partijen=None,
    voorstel=_NIET_GELEZEN,
) -> state.Stand:
    """What the guards need, as ``gebruiker`` (the one who would act) stands now.

    ``partijen``: the procedure's parties when the caller read them already
    (``selectors.partijen_van``, a page that shows the rule checks too). ``voorstel``: the open
    opening proposal (or None) when the caller read it already (``open_voorstel``). The counts
    come from the procedure when it was read with ``selectors.met_aantallen``."""
    tenders = (
        te_beoordelen(aanbesteding) if aanbesteding.status == Status.GUNNING_BEOORDELING else None
    )
    if aanbesteding.status not in _OPENBAAR_TE_MAKEN:
        voorstel = None
    elif voorstel is _NIET_GELEZEN:
        voorstel = open_voorstel(aanbesteding)
    # the counts in one query, or none when the caller read them with the procedure
    aantallen = selectors.aantallen_van(aanbesteding)
    return state.Stand(
        status=aanbesteding.status,
        nu=_nu(nu),
        planningfouten=tuple(
            b.bericht for b in aanbesteding.planningcontrole() if b.ernst == Ernst.ERROR
        ),
        aantal_percelen=aanbesteding.percelen.count(),
        aantal_inschrijvingen=aantallen["aantal_inschrijvingen"],
        aantal_zonder_selectiebesluit=aantallen["aantal_zonder_selectiebesluit"],
        aantal_toegelaten=aantallen["aantal_toegelaten"],
        selectie_deadline=aanbesteding.deadline(Fase.SELECTIE),
        inschrijving_deadline=aanbesteding.deadline(Fase.GUNNING),
        voorlopig_gegund_op=(
            timezone.localdate(aanbesteding.voorlopig_gegund_op)
            if aanbesteding.voorlopig_gegund_op
            else None
        ),
        beoordeling_onvolledig=(
            tuple(beoordeling_onvolledig(aanbesteding, tenders))
            if aanbesteding.status == Status.GUNNING_BEOORDELING
            else ()
        ),
        aantal_open_bezwaren=aantallen["aantal_open_bezwaren"],
        opening_voorgesteld_door=voorstel.voorgesteld_door_id if voorstel else None,
        door=gebruiker.pk if gebruiker is not None else None,
        open_regelfouten=_open_regelfouten(aanbesteding, _nu(nu), tenders, partijen),
        ontbreekt_voor_publicatie=(
            tuple(ontbreekt_voor_publicatie(aanbesteding))
            if aanbesteding.status == Status.CONCEPT
            else ()
        ),
        publicatiedatum=aanbesteding.publicatie,
    )


def ontbreekt_voor_publicatie(aanbesteding: Aanbesteding) -> list[str]:
    """The minimum a publication needs: the selection guideline, at least one suitability
    requirement and the award criteria (what is missing, in Dutch; empty: complete)."""
    ontbreekt = []
    if not aanbesteding.stukken.filter(soort=Aanbestedingsdocumentsoort.SELECTIELEIDRAAD).exists():
        ontbreekt.append(_("de selectieleidraad (plaats die bij de stukken)"))
    if not aanbesteding.geschiktheidseisen.exists():
        ontbreekt.append(_("minstens één geschiktheidseis (op de pagina Selectie)"))
    if not aanbesteding.criteria.exists():
        ontbreekt.append(_("de gunningscriteria (op de pagina Gunning)"))
    return ontbreekt


def _open_regelfouten(
    aanbesteding: Aanbesteding, moment: datetime, tenders=None, partijen=None
) -> tuple[str, ...]:
    """Who still has an error-level rule finding without a decision, where it blocks the next
    step: the admitted candidates before the selection decision (selection-phase findings),
    the tenders before the provisional award and the winner before the definitive award (all
    findings)."""
    if aanbesteding.status == Status.SELECTIE_BEOORDELING:
        wie = aanbesteding.inschrijvingen.filter(toegelaten=True).select_related("organisatie")
        fasen = (Fase.SELECTIE,)
    elif aanbesteding.status == Status.GUNNING_BEOORDELING:
        wie = tenders if tenders is not None else te_beoordelen(aanbesteding)
        fasen = tuple(Fase.values)
    elif aanbesteding.status in (Status.VOORLOPIG_GEGUND, Status.OPGESCHORT):
        wie = [aanbesteding.winnaar] if aanbesteding.winnaar_id else []
        fasen = tuple(Fase.values)
    else:
        return ()
    wie = list(wie)
    per_inschrijving = selectors.open_regelfouten_per_inschrijving(wie, moment, fasen, partijen)
    return tuple(
        regelfouten_tekst(inschrijving, fouten)
        for inschrijving in wie
        if (fouten := per_inschrijving[inschrijving.pk])
    )


#: The statuses from which a phase is opened (the four-eyes proposal applies).
_OPENBAAR_TE_MAKEN = (Status.SELECTIEFASE, Status.GUNNINGSFASE)


@transaction.atomic
def wijzig_status(
    aanbesteding: Aanbesteding, naar: str, *, gebruiker, reden: str = "", nu: datetime | None = None
) -> Statuswijziging:
    """Take one transition of ``state.OVERGANGEN``; refused ones raise ``ValidationError``.

    The caller's instance is updated too."""
    gegeven = aanbesteding
    aanbesteding = _vergrendeld(aanbesteding.pk)
    moment = _nu(nu)
    try:
        overgang = state.controleer(stand_van(aanbesteding, moment, gebruiker), naar, reden)
    except state.OvergangGeweigerd as weigering:
        raise ValidationError(weigering.message, code=weigering.code) from weigering
    van = aanbesteding.status
    aanbesteding.status = overgang.naar
    if overgang.code == "aanmeldingen-openen" and aanbesteding.selectie_geopend_op is None:
        aanbesteding.selectie_geopend_op = moment
    if overgang.code == "inschrijvingen-openen" and aanbesteding.gunning_geopend_op is None:
        aanbesteding.gunning_geopend_op = moment
    if overgang.code == "voorlopig-gunnen":
        aanbesteding.voorlopig_gegund_op = moment
    aanbesteding.save()
    for veld in ("status", "selectie_geopend_op", "gunning_geopend_op", "voorlopig_gegund_op"):
        setattr(gegeven, veld, getattr(aanbesteding, veld))
    if overgang.code in state.OPENINGEN:
        _bevestig_voorstel(aanbesteding, gebruiker=gebruiker, moment=moment)
    if overgang.code == "selectiebeslissing-nemen":
        _verstuur_selectiebrieven(aanbesteding, moment=moment)
    wijziging = keten.voeg_toe(
        Statuswijziging(
            aanbesteding=aanbesteding,
            van=van,
            naar=overgang.naar,
            overgang=overgang.code,
            terug=overgang.terug,
            reden=reden.strip(),
            op=moment,
            door=gebruiker,
        )
    )
    record(
        "aanbesteding.status-gewijzigd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"{overgang.code}: {van} → {overgang.naar}",
        gegevens={
            "overgang": overgang.code,
            "van": van,
            "naar": overgang.naar,
            "terug": overgang.terug,
            "reden": reden.strip(),
        },
    )
    return wijziging


def _bevestig_voorstel(aanbesteding: Aanbesteding, *, gebruiker, moment: datetime) -> None:
    voorstel = open_voorstel(aanbesteding)
    voorstel.bevestigd_door = gebruiker
    voorstel.bevestigd_op = moment
    voorstel.save(update_fields=["bevestigd_door", "bevestigd_op"])
    record(
        "opening.bevestigd",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=f"{aanbesteding.kenmerk}: {voorstel.overgang} bevestigd",
        gegevens={
            "overgang": voorstel.overgang,
            "voorstel": voorstel.pk,
            "voorgesteld_door": voorstel.voorgesteld_door.get_username(),
            "voorgesteld_op": voorstel.voorgesteld_op.isoformat(),
        },
    )


@transaction.atomic
def plaats_aanbestedingsdocument(
    aanbesteding: Aanbesteding,
    bestand,
    *,
    soort: str,
    toelichting: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Aanbestedingsdocument:
    """Place a procurement document; the same kind again is the next version."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status in (Status.DEFINITIEF_GEGUND, Status.INGETROKKEN):
        raise ValidationError(
            _("De procedure is afgesloten: er worden geen stukken meer geplaatst."),
            code="procedure-afgesloten",
        )
    inhoudstype = validate_upload(bestand)
    versie = (
        aanbesteding.stukken.filter(soort=soort)
        .order_by("-versie")
        .values_list("versie", flat=True)
        .first()
        or 0
    ) + 1
    stuk = Aanbestedingsdocument(
        aanbesteding=aanbesteding,
        soort=soort,
        fase=FASE_VAN_DOCUMENTSOORT[soort],
        versie=versie,
        bestand=bestand,
        bestandsnaam=bestand.name[:255],
        inhoudstype=inhoudstype,
        grootte=bestand.size,
        toelichting=toelichting,
        geplaatst_op=_nu(nu),
        geplaatst_door=gebruiker,
    )
    stuk.save()
    record(
        "aanbestedingsdocument.geplaatst",
        gebruiker=gebruiker,
        obj=stuk,
        omschrijving=str(stuk),
        gegevens={"soort": soort, "versie": versie},
    )
    return stuk
