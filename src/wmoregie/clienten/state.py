"""What may happen to a referral and a trajectory, and when: a table of actions with pure guards.

Only the services change ``Aanmelding.status`` and ``Traject.status``; they ask :func:`controleer`
first. The guards read a :class:`Trajectstand` (a snapshot the service builds) and never query the
database or the clock. A refusal is a :class:`ActieGeweigerd` with a stable code, the field it
concerns (when there is one) and a Dutch message.

Trajectory::

    per-client lot:  aangevraagd --301--> wachtend --start--> lopend --stop--> beeindigd
                          \\--319--> afgewezen
    taakgericht:     wachtend --start--> lopend --stop--> beeindigd
    (wachtend --stop--> beeindigd: ended before it started)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .constants import AanmeldingStatus, TrajectStatus

T = TrajectStatus


class ActieGeweigerd(Exception):
    def __init__(self, code: str, message: str, veld: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.veld = veld


@dataclass(frozen=True)
class Trajectstand:
    status: str
    taakgericht: bool
    aangemeld_op: date
    vandaag: date
    heeft_uitvoerder: bool = False
    heeft_plan: bool = False
    startdatum: date | None = None
    # The current toewijzing of the municipality (per-client lots only).
    toewijzing_ingang: date | None = None
    toewijzing_einde: date | None = None


# Per action: the statuses in which it may be taken.
ACTIES: dict[str, frozenset[str]] = {
    "uitvoerder": frozenset({T.AANGEVRAAGD, T.WACHTEND, T.LOPEND}),
    "plan": frozenset({T.AANGEVRAAGD, T.WACHTEND, T.LOPEND}),
    "starten": frozenset({T.WACHTEND}),
    "startdatum": frozenset({T.LOPEND}),
    "wijzigen": frozenset({T.WACHTEND, T.LOPEND}),
    "meten": frozenset({T.WACHTEND, T.LOPEND}),
    "beeindigen": frozenset({T.WACHTEND, T.LOPEND}),
    "doorverwijzen": frozenset({T.BEEINDIGD}),
    "toewijzing": frozenset({T.AANGEVRAAGD, T.WACHTEND, T.LOPEND}),
    "afwijzing": frozenset({T.AANGEVRAAGD}),
}

_NIET_NU = {
    "uitvoerder": _("Een uitvoerder kan alleen worden toegewezen aan een open traject."),
    "plan": _("Het plan van een afgesloten traject kan niet meer worden gewijzigd."),
    "starten": _("Alleen een traject dat wacht op de start kan starten."),
    "startdatum": _("Alleen de startdatum van een lopend traject kan worden gecorrigeerd."),
    "wijzigen": _("Alleen een wachtend of lopend traject kan worden gewijzigd."),
    "meten": _("Scores worden vastgelegd zolang het traject loopt."),
    "beeindigen": _("Alleen een wachtend of lopend traject kan worden beëindigd."),
    "doorverwijzen": _("Doorverwijzen kan nadat het traject is beëindigd."),
    "toewijzing": _("Dit traject kan geen toewijzing (meer) krijgen."),
    "afwijzing": _("Alleen een openstaand verzoek om toewijzing kan worden afgewezen."),
}


def mag(actie: str, status: str) -> bool:
    return status in ACTIES[actie]


def controleer(actie: str, stand: Trajectstand, **invoer) -> None:
    """Raise :class:`ActieGeweigerd` when ``actie`` with ``invoer`` is not allowed now."""
    if not mag(actie, stand.status):
        raise ActieGeweigerd(f"{actie}-niet-toegestaan", _NIET_NU[actie])
    bewaker = _BEWAKERS.get(actie)
    if bewaker is not None:
        bewaker(stand, **invoer)


def _datum_niet_in_toekomst(datum: date, stand: Trajectstand, veld: str, wat: str) -> None:
    if datum > stand.vandaag:
        raise ActieGeweigerd(
            "datum-in-toekomst",
            _("De %(wat)s ligt in de toekomst; leg die vast als het zover is.") % {"wat": wat},
            veld,
        )


def _starten(stand: Trajectstand, *, datum: date) -> None:
    if not stand.heeft_uitvoerder:
        raise ActieGeweigerd(
            "geen-uitvoerder",
            _("Wijs eerst een uitvoerder toe: het eigen team of een onderaannemer."),
        )
    _startdatum_past(stand, datum)


def _startdatum(stand: Trajectstand, *, datum: date) -> None:
    """A wrongly recorded start date is corrected: the new date obeys the rules of a start."""
    if datum == stand.startdatum:
        raise ActieGeweigerd(
            "zelfde-startdatum", _("Dit is al de startdatum van het traject."), "datum"
        )
    _startdatum_past(stand, datum)


def _startdatum_past(stand: Trajectstand, datum: date) -> None:
    _datum_niet_in_toekomst(datum, stand, "datum", _("startdatum"))
    if datum < stand.aangemeld_op:
        raise ActieGeweigerd(
            "start-voor-aanmelding",
            _("De startdatum ligt vóór de aanmelding (%(datum)s).")
            % {"datum": stand.aangemeld_op.strftime("%d-%m-%Y")},
            "datum",
        )
    if not stand.taakgericht and stand.toewijzing_ingang is None:
        raise ActieGeweigerd(
            "geen-toewijzing",
            _("Voor dit product is een toewijzing van de gemeente nodig voordat het kan starten."),
        )
    if stand.toewijzing_einde is not None and datum > stand.toewijzing_einde:
        raise ActieGeweigerd(
            "start-na-toewijzing",
            _("De startdatum ligt na het einde van de toewijzing (%(datum)s).")
            % {"datum": stand.toewijzing_einde.strftime("%d-%m-%Y")},
            "datum",
        )


def _beeindigen(stand: Trajectstand, *, datum: date) -> None:
    _datum_niet_in_toekomst(datum, stand, "datum", _("einddatum"))
    if stand.startdatum is not None and datum < stand.startdatum:
        raise ActieGeweigerd(
            "einde-voor-start",
            _("De einddatum ligt vóór de startdatum (%(datum)s).")
            % {"datum": stand.startdatum.strftime("%d-%m-%Y")},
            "datum",
        )
    if stand.startdatum is None and datum < stand.aangemeld_op:
        raise ActieGeweigerd(
            "einde-voor-aanmelding",
            _("De einddatum ligt vóór de aanmelding (%(datum)s).")
            % {"datum": stand.aangemeld_op.strftime("%d-%m-%Y")},
            "datum",
        )


def _meten(stand: Trajectstand, *, datum: date) -> None:
    _datum_niet_in_toekomst(datum, stand, "datum", _("meetdatum"))
    if datum < stand.aangemeld_op:
        raise ActieGeweigerd(
            "meting-voor-aanmelding",
            _("De meetdatum ligt vóór de aanmelding (%(datum)s).")
            % {"datum": stand.aangemeld_op.strftime("%d-%m-%Y")},
            "datum",
        )


def _wijzigen(stand: Trajectstand, *, datum: date) -> None:
    if datum < stand.aangemeld_op:
        raise ActieGeweigerd(
            "wijziging-voor-aanmelding",
            _("De wijziging kan niet ingaan vóór de aanmelding (%(datum)s).")
            % {"datum": stand.aangemeld_op.strftime("%d-%m-%Y")},
            "datum",
        )


_BEWAKERS = {
    "starten": _starten,
    "startdatum": _startdatum,
    "beeindigen": _beeindigen,
    "meten": _meten,
    "wijzigen": _wijzigen,
}


# --- referrals ----------------------------------------------------------------------------------

AANMELDING_ACTIES: dict[str, frozenset[str]] = {
    "accepteren": frozenset({AanmeldingStatus.AANGEMELD}),
    "weigeren": frozenset({AanmeldingStatus.AANGEMELD}),
    "intrekken": frozenset({AanmeldingStatus.AANGEMELD}),
}


def controleer_aanmelding(actie: str, status: str) -> None:
    if status not in AANMELDING_ACTIES[actie]:
        raise ActieGeweigerd(
            f"{actie}-niet-toegestaan",
            _("Over deze aanmelding is al besloten (%(status)s).")
            % {"status": AanmeldingStatus(status).label.lower()},
        )
