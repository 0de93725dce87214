"""Registrations: the open phase, registering, and submitting for a phase."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wmoregie.audit.services import record

from .. import regels, selectors
from ..constants import Fase, Inschrijvingsoort, PartijRol
from ..models import Aanbesteding, Indiening, Inschrijving, Partij
from ._helpers import _label_inschrijving, _nu, _vergrendeld


def open_fase(aanbesteding: Aanbesteding, nu: datetime | None = None) -> str:
    """The phase in which registrants may change or submit now; else ``termijn-verstreken``."""
    fase = aanbesteding.open_fase()
    if fase is None or _nu(nu) >= aanbesteding.deadline(fase):
        raise ValidationError(
            _(
                "Aanmelden en inschrijven zijn nu gesloten: de termijn is verstreken of de "
                "fase is niet open. Er kan niets meer worden ingediend of gewijzigd."
            ),
            code="termijn-verstreken",
        )
    return fase


def open_fase_voor(inschrijving: Inschrijving, nu: datetime | None = None) -> str:
    """The open phase for this registration: the award phase only for admitted candidates.

    Inside a service's transaction the procedure row is locked so the answer holds until commit;
    a page that only shows the answer reads without a lock (PostgreSQL refuses a lock outside one).
    """
    if transaction.get_connection().in_atomic_block:
        aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    else:
        aanbesteding = Aanbesteding.objects.get(pk=inschrijving.aanbesteding_id)
    fase = open_fase(aanbesteding, nu)
    if (
        fase == Fase.GUNNING
        and not Inschrijving.objects.filter(pk=inschrijving.pk, toegelaten=True).exists()
    ):
        raise ValidationError(
            _("Deze aanmelding is niet toegelaten tot de gunningsfase: inschrijven kan niet."),
            code="niet-toegelaten",
        )
    return fase


@transaction.atomic
def schrijf_in(
    aanbesteding: Aanbesteding,
    *,
    organisatie,
    soort: str,
    combinatienaam: str = "",
    gebruiker,
    nu: datetime | None = None,
) -> Inschrijving:
    """Register an organisation (as hoofdaannemer or penvoerder) during the selection phase."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    moment = _nu(nu)
    if open_fase(aanbesteding, moment) != Fase.SELECTIE:
        raise ValidationError(
            _("Aanmelden kan alleen in de selectiefase."), code="aanmelden-gesloten"
        )
    if aanbesteding.inschrijvingen.filter(organisatie=organisatie).exists():
        raise ValidationError(
            _("%(organisatie)s heeft zich voor deze aanbesteding al aangemeld.")
            % {"organisatie": organisatie.naam},
            code="al-aangemeld",
        )
    inschrijving = Inschrijving(
        aanbesteding=aanbesteding,
        organisatie=organisatie,
        soort=soort,
        combinatienaam=combinatienaam.strip() if soort == Inschrijvingsoort.COMBINATIE else "",
        aangemaakt_op=moment,
        aangemaakt_door=gebruiker,
    )
    inschrijving.full_clean()
    inschrijving.save()
    leidend = Partij(
        inschrijving=inschrijving,
        rol=PartijRol.PENVOERDER
        if soort == Inschrijvingsoort.COMBINATIE
        else PartijRol.HOOFDAANNEMER,
        naam=organisatie.naam,
        kvk_nummer=organisatie.kvk_nummer,
        straat=organisatie.adres,
        fase=Fase.SELECTIE,
        toegevoegd_op=moment,
        toegevoegd_door=gebruiker,
    )
    leidend.full_clean()
    leidend.save()
    record(
        "inschrijving.aangemaakt",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=_label_inschrijving(inschrijving),
        gegevens={"aanbesteding": aanbesteding.kenmerk, "soort": soort},
    )
    return inschrijving


@transaction.atomic
def open_punten(inschrijving: Inschrijving, fase: str, nu: datetime) -> list[regels.Bevinding]:
    """What the checklist still has open for a submission in ``fase``: its findings of level
    error or warning — in the selection phase those of the selection rules, in the award phase
    all."""
    fasen = (Fase.SELECTIE,) if fase == Fase.SELECTIE else tuple(Fase.values)
    return [
        b
        for b in regels.controleer(selectors.feiten_voor(inschrijving, nu))
        if b.ernst in (regels.Ernst.ERROR, regels.Ernst.WARNING) and b.fase in fasen
    ]


@transaction.atomic
def dien_in(
    inschrijving: Inschrijving,
    *,
    gebruiker,
    ondanks_open_punten: bool = False,
    nu: datetime | None = None,
) -> Indiening:
    """Submit for the open phase. The time is the server's; after the deadline this is refused.

    While the checklist of the phase has open points the submission is refused
    (``controlelijst-onvolledig``, naming them) unless the registrant confirms it submits anyway
    (``ondanks_open_punten``); that is recorded with the open points."""
    moment = _nu(nu)
    fase = open_fase_voor(inschrijving, moment)
    punten = open_punten(inschrijving, fase, moment)
    if punten and not ondanks_open_punten:
        raise ValidationError(
            ngettext(
                "De controlelijst heeft nog %(aantal)s open punt: %(punten)s Bevestig dat u "
                "toch indient.",
                "De controlelijst heeft nog %(aantal)s open punten: %(punten)s Bevestig dat u "
                "toch indient.",
                len(punten),
            )
            % {"aantal": len(punten), "punten": " ".join(b.bericht for b in punten)},
            code="controlelijst-onvolledig",
        )
    indiening, nieuw = Indiening.objects.update_or_create(
        inschrijving=inschrijving,
        fase=fase,
        defaults={
            "ingediend_op": moment,
            "ingediend_door": gebruiker,
            "ondanks_open_punten": bool(punten),
            "open_punten": [
                {"code": b.code, "ernst": str(b.ernst), "bericht": b.bericht, "partij": b.partij_id}
                for b in punten
            ],
        },
    )
    record(
        "inschrijving.ingediend",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=f"{_label_inschrijving(inschrijving)} — {Fase(fase).label}",
        # codes and party ids only: the messages name what the registrant wrote (sealed)
        gegevens={
            "fase": fase,
            "ingediend_op": moment.isoformat(),
            "opnieuw": not nieuw,
            "ondanks_open_punten": [[b.code, b.partij_id] for b in punten],
        },
    )
    return indiening
