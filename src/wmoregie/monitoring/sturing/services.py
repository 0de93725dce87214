"""Business actions of the steering cycle. Each runs atomically and is written to the audit log.
Refusals are a ValidationError with a Dutch message and a stable code."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from ..models import Actie, Agendapunt, Besluit, Indicatornorm, Stuuroverleg, Verplichting
from . import indicatoren
from .constants import ActieStatus, Koers, Verplichtingsoort, Verplichtingstatus
from .scope import is_deelnemer


def _fout(veld: str | None, bericht: str, code: str) -> ValidationError:
    fout = ValidationError(bericht, code=code)
    return ValidationError({veld: fout}) if veld else fout


@transaction.atomic
def stel_norm_vast(indicator, *, jaar: int, streefwaarde, tolerantie, door) -> Indicatornorm:
    """Set (or change) the target and tolerance of an indicator for one year."""
    if tolerantie < 0:
        raise _fout("tolerantie", _("De tolerantie kan niet negatief zijn."), "tolerantie-negatief")
    norm, _nieuw = Indicatornorm.objects.update_or_create(
        indicator=indicator,
        jaar=jaar,
        defaults={"streefwaarde": streefwaarde, "tolerantie": tolerantie},
    )
    record(
        "sturing.norm-vastgesteld",
        gebruiker=door,
        obj=norm,
        omschrijving=f"{indicator.naam} {jaar}: streefwaarde {streefwaarde}, tolerantie {tolerantie}",
    )
    return norm


@transaction.atomic
def plan_overleg(overeenkomst, *, datum: date, titel: str, agenda: list[str], door) -> Stuuroverleg:
    if Stuuroverleg.objects.filter(overeenkomst=overeenkomst, datum=datum).exists():
        raise _fout(
            "datum",
            _("Op deze datum staat al een stuuroverleg over deze overeenkomst."),
            "overleg-bestaat-al",
        )
    overleg = Stuuroverleg.objects.create(
        overeenkomst=overeenkomst, datum=datum, titel=titel, aangemaakt_door=door
    )
    for volgnummer, onderwerp in enumerate((a for a in agenda if a.strip()), start=1):
        Agendapunt.objects.create(
            overleg=overleg, volgnummer=volgnummer, onderwerp=onderwerp.strip()
        )
    record("sturing.overleg-gepland", gebruiker=door, obj=overleg, omschrijving=str(overleg))
    return overleg


@transaction.atomic
def voeg_agendapunt_toe(overleg, *, onderwerp: str, indicator=None, door) -> Agendapunt:
    overleg = Stuuroverleg.objects.select_for_update().get(pk=overleg.pk)
    if overleg.is_bevroren:
        raise _fout(
            None,
            _("De cijfers van dit overleg zijn bevroren: de agenda ligt vast."),
            "agenda-vastgelegd",
        )
    volgende = (overleg.agendapunten.aggregate(m=Max("volgnummer"))["m"] or 0) + 1
    punt = Agendapunt.objects.create(
        overleg=overleg, volgnummer=volgende, onderwerp=onderwerp, indicator=indicator
    )
    record("sturing.agendapunt", gebruiker=door, obj=overleg, omschrijving=str(punt))
    return punt


def momentopname(overleg) -> dict:
    """The figures of the meeting's agreement on the meeting date, as plain JSON."""
    regio = overleg.overeenkomst.regio
    afbakening = indicatoren.Afbakening(regio.pk, frozenset({overleg.overeenkomst_id}))
    namen = dict(regio.gemeenten.values_list("pk", "naam"))
    codes = dict(regio.gemeenten.values_list("pk", "code"))

    def telling(stand, t) -> dict:
        waarde = t.waarde()
        return {
            "waarde": str(waarde) if waarde is not None else None,
            "teller": t.teller,
            "noemer": t.noemer,
            "onderdrukt": t.onderdrukt,
            "tekst": stand.tekst_van(t),
            "koers": stand.koers_van(t),
            "koers_label": str(Koers(stand.koers_van(t)).label),
        }

    regels = []
    for stand in indicatoren.standen(regio.pk, afbakening, overleg.datum.year, overleg.datum):
        regels.append(
            {
                "code": stand.indicator.code,
                "naam": stand.indicator.naam,
                "percentage": stand.is_percentage,
                "streefwaarde": str(stand.streefwaarde) if stand.streefwaarde is not None else None,
                "tolerantie": str(stand.tolerantie) if stand.tolerantie is not None else None,
                "totaal": telling(stand, stand.uitkomst.totaal),
                "gemeenten": [
                    {"code": codes[g], "naam": namen[g], **telling(stand, t)}
                    for g, t in sorted(
                        stand.uitkomst.per_gemeente.items(), key=lambda item: namen[item[0]]
                    )
                ],
            }
        )
    return {
        "peildatum": overleg.datum.isoformat(),
        "jaar": overleg.datum.year,
        "indicatoren": regels,
    }


@transaction.atomic
def bevries(overleg, *, door, vandaag: date | None = None) -> Stuuroverleg:
    """Freeze the figures at the meeting date: once, and not before the meeting's day."""
    origineel = overleg
    overleg = Stuuroverleg.objects.select_for_update().get(pk=overleg.pk)
    vandaag = vandaag or timezone.localdate()
    if overleg.is_bevroren:
        raise _fout(None, _("De cijfers van dit overleg zijn al bevroren."), "al-bevroren")
    if overleg.datum > vandaag:
        raise _fout(
            None,
            _("De cijfers kunnen pas op de dag van het overleg worden bevroren."),
            "overleg-in-de-toekomst",
        )
    overleg.snapshot = momentopname(overleg)
    overleg.bevroren_op = timezone.now()
    overleg.bevroren_door = door
    overleg.save(update_fields=["snapshot", "bevroren_op", "bevroren_door"])
    for veld in ("snapshot", "bevroren_op", "bevroren_door"):
        setattr(origineel, veld, getattr(overleg, veld))
    record("sturing.cijfers-bevroren", gebruiker=door, obj=overleg, omschrijving=str(overleg))
    return overleg


def _vereis_bevroren(overleg) -> None:
    if not Stuuroverleg.objects.filter(pk=overleg.pk, bevroren_op__isnull=False).exists():
        raise _fout(
            None,
            _(
                "Bevries eerst de cijfers: besluiten en acties horen bij de cijfers van het overleg."
            ),
            "niet-bevroren",
        )


@transaction.atomic
def leg_besluit_vast(overleg, *, tekst: str, agendapunt=None, door) -> Besluit:
    _vereis_bevroren(overleg)
    if agendapunt is not None and agendapunt.overleg_id != overleg.pk:
        raise _fout("agendapunt", _("Dit agendapunt hoort niet bij dit overleg."), "ander-overleg")
    besluit = Besluit.objects.create(
        overleg=overleg, agendapunt=agendapunt, tekst=tekst, vastgelegd_door=door
    )
    record("sturing.besluit", gebruiker=door, obj=overleg, omschrijving=tekst)
    return besluit


@transaction.atomic
def maak_actie(
    overleg, *, omschrijving: str, eigenaar, uiterlijk_op: date, besluit=None, door
) -> Actie:
    _vereis_bevroren(overleg)
    if not is_deelnemer(eigenaar, overleg.overeenkomst):
        raise _fout(
            "eigenaar",
            _("De eigenaar moet deelnemen aan de sturing van deze overeenkomst."),
            "eigenaar-geen-deelnemer",
        )
    if uiterlijk_op < overleg.datum:
        raise _fout(
            "uiterlijk_op",
            _("De uiterste datum ligt vóór de datum van het overleg."),
            "uiterlijk-voor-overleg",
        )
    if besluit is not None and besluit.overleg_id != overleg.pk:
        raise _fout("besluit", _("Dit besluit hoort niet bij dit overleg."), "ander-overleg")
    actie = Actie.objects.create(
        overleg=overleg,
        besluit=besluit,
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        uiterlijk_op=uiterlijk_op,
    )
    record(
        "sturing.actie",
        gebruiker=door,
        obj=actie,
        omschrijving=f"{omschrijving} (eigenaar {eigenaar.get_username()}, uiterlijk {uiterlijk_op})",
    )
    return actie


def mag_afronden(user, actie) -> bool:
    from .scope import scope_van

    return (
        actie.eigenaar_id == user.pk
        or actie.overleg.overeenkomst.regio_id in scope_van(user).regios
    )


@transaction.atomic
def rond_actie_af(actie, *, resultaat: str, door, op: date | None = None) -> Actie:
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    if actie.status == ActieStatus.AFGEROND:
        raise _fout(None, _("Deze actie is al afgerond."), "al-afgerond")
    if not resultaat.strip():
        raise _fout(
            "resultaat", _("Schrijf kort op wat de actie heeft opgeleverd."), "resultaat-leeg"
        )
    actie.status = ActieStatus.AFGEROND
    actie.resultaat = resultaat
    actie.afgerond_op = op or timezone.localdate()
    actie.afgerond_door = door
    actie.save(update_fields=["status", "resultaat", "afgerond_op", "afgerond_door"])
    record("sturing.actie-afgerond", gebruiker=door, obj=actie, omschrijving=resultaat)
    return actie


@transaction.atomic
def meld_nagekomen(verplichting, *, op: date, door) -> Verplichting:
    if verplichting.soort != Verplichtingsoort.RAPPORTAGE:
        raise _fout(
            None,
            _(
                "Alleen een rapportageplicht wordt als nagekomen gemeld; de andere volgen uit de cijfers."
            ),
            "verplichting-berekend",
        )
    verplichting.nagekomen_op = op
    verplichting.save(update_fields=["nagekomen_op"])
    record(
        "sturing.verplichting-nagekomen",
        gebruiker=door,
        obj=verplichting,
        omschrijving=str(verplichting),
    )
    return verplichting


def verplichtingstatus(verplichting, *, vandaag: date, stand=None) -> str:
    """A reporting duty: met once reported, open until its due date, not met after it. The
    waiting-time norm and the duty to accept follow their indicator's verdict."""
    if verplichting.soort == Verplichtingsoort.RAPPORTAGE:
        if verplichting.nagekomen_op is not None:
            return Verplichtingstatus.NAGEKOMEN
        if verplichting.termijn >= vandaag:
            return Verplichtingstatus.OPEN
        return Verplichtingstatus.NIET_NAGEKOMEN
    if stand is None:
        return Verplichtingstatus.OPEN
    return {
        Koers.OP_KOERS: Verplichtingstatus.NAGEKOMEN,
        Koers.BINNEN_TOLERANTIE: Verplichtingstatus.AANDACHT,
        Koers.UIT_KOERS: Verplichtingstatus.NIET_NAGEKOMEN,
    }.get(stand.koers, Verplichtingstatus.OPEN)
