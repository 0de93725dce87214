"""Status van de aanbesteding: een tabel van overgangen met pure bewakers.

Nothing else writes ``Aanbesteding.status``: ``services.wijzig_status`` asks :func:`controleer`
for the transition, then saves, stores a :class:`~.models.Statuswijziging` and records it in the
audit log. Pure: the guards read a :class:`Stand` (a snapshot the service builds) and never
query the database or the clock.

The status only moves forward, except through the few transitions marked ``terug``: those
need a reason, which is stored and logged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import termijnen
from .constants import Status


class OvergangGeweigerd(Exception):
    """A refused transition: a stable ``code`` and a Dutch ``message``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Stand:
    """What the guards need to know about one procedure at one moment."""

    status: str
    nu: datetime
    planningfouten: tuple[str, ...]  # messages of the planning check with severity error
    aantal_percelen: int
    aantal_inschrijvingen: int
    selectie_deadline: datetime
    inschrijving_deadline: datetime
    voorlopig_gegund_op: date | None = None
    aantal_zonder_selectiebesluit: int = 0
    aantal_toegelaten: int = 0
    #: what is still missing before the provisional award (no criteria, missing consensus)
    beoordeling_onvolledig: tuple[str, ...] = ()
    aantal_open_bezwaren: int = 0
    #: four eyes at an opening: who proposed it (user id; None: not proposed) and who acts now
    opening_voorgesteld_door: int | None = None
    door: int | None = None
    #: error-level rule findings without the inkoper's decision, one sentence per registration:
    #: of the admitted candidates (selection phase), of the tenders (award) or of the winner
    open_regelfouten: tuple[str, ...] = ()
    #: what a publication still lacks (guidance document, requirements, criteria), and the
    #: planned publication date (None: not checked)
    ontbreekt_voor_publicatie: tuple[str, ...] = ()
    publicatiedatum: date | None = None


Bewaker = Callable[[Stand], "OvergangGeweigerd | None"]


def _planning_zonder_fouten(stand: Stand) -> OvergangGeweigerd | None:
    if stand.planningfouten:
        return OvergangGeweigerd(
            "planning-heeft-fouten",
            _("De planning heeft fouten; los die eerst op: %(fouten)s")
            % {"fouten": " ".join(stand.planningfouten)},
        )
    return None


def _heeft_percelen(stand: Stand) -> OvergangGeweigerd | None:
    if stand.aantal_percelen == 0:
        return OvergangGeweigerd(
            "geen-percelen", _("Kies minstens één perceel voordat u publiceert.")
        )
    return None


def _minimum_voor_publicatie(stand: Stand) -> OvergangGeweigerd | None:
    if stand.ontbreekt_voor_publicatie:
        return OvergangGeweigerd(
            "publicatie-onvolledig",
            _("Publiceren kan nog niet; eerst is nodig: %(wat)s.")
            % {"wat": "; ".join(stand.ontbreekt_voor_publicatie)},
        )
    return None


def _niet_voor_publicatiedatum(stand: Stand) -> OvergangGeweigerd | None:
    if stand.publicatiedatum and termijnen.kalenderdag(stand.nu) < stand.publicatiedatum:
        return OvergangGeweigerd(
            "voor-publicatiedatum",
            _("De planning publiceert op %(datum)s; publiceren kan niet eerder.")
            % {"datum": f"{stand.publicatiedatum:%d-%m-%Y}"},
        )
    return None


def _voor_selectie_deadline(stand: Stand) -> OvergangGeweigerd | None:
    if stand.nu >= stand.selectie_deadline:
        return OvergangGeweigerd(
            "deadline-verstreken",
            _("De sluiting van de aanmelding ligt al in het verleden; pas de planning aan."),
        )
    return None


def _na_deadline(attribuut: str, wat: str) -> Bewaker:
    def bewaker(stand: Stand) -> OvergangGeweigerd | None:
        deadline = getattr(stand, attribuut)
        if stand.nu < deadline:
            return OvergangGeweigerd(
                "deadline-niet-verstreken",
                _("%(wat)s kan pas na de sluiting op %(deadline)s.")
                % {"wat": wat, "deadline": f"{deadline:%d-%m-%Y %H:%M}"},
            )
        return None

    return bewaker


def _voor_inschrijving_deadline(stand: Stand) -> OvergangGeweigerd | None:
    if stand.nu >= stand.inschrijving_deadline:
        return OvergangGeweigerd(
            "deadline-verstreken",
            _("De sluiting van de inschrijving is al verstreken; pas de planning aan."),
        )
    return None


def _standstill_voorbij(stand: Stand) -> OvergangGeweigerd | None:
    if stand.voorlopig_gegund_op is None:
        return OvergangGeweigerd(
            "geen-voorlopige-gunning", _("Er is geen voorlopige gunning vastgelegd.")
        )
    einde = termijnen.standstill_end(stand.voorlopig_gegund_op)
    if termijnen.kalenderdag(stand.nu) <= einde:
        return OvergangGeweigerd(
            "standstill-loopt",
            _(
                "De standstill loopt nog tot en met %(einde)s; definitief gunnen kan vanaf %(vanaf)s."
            )
            % {
                "einde": f"{einde:%d-%m-%Y}",
                "vanaf": f"{termijnen.earliest_definitive_award(stand.voorlopig_gegund_op):%d-%m-%Y}",
            },
        )
    return None


def _beoordeling_compleet(stand: Stand) -> OvergangGeweigerd | None:
    if stand.beoordeling_onvolledig:
        return OvergangGeweigerd(
            "beoordeling-onvolledig",
            _("De beoordeling is nog niet af: %(wat)s")
            % {"wat": " ".join(stand.beoordeling_onvolledig)},
        )
    return None


def _een_perceel(stand: Stand) -> OvergangGeweigerd | None:
    # One ranking, one winner and one agreement per procedure: with several lots the award
    # could never be made definitive, so the letters and the standstill do not start.
    if stand.aantal_percelen > 1:
        return OvergangGeweigerd(
            "meerdere-percelen",
            _(
                "Rangschikken en gunnen per perceel kan nog niet: voorlopig gunnen kan alleen "
                "bij een aanbesteding met één perceel."
            ),
        )
    return None


def _geen_open_bezwaar(stand: Stand) -> OvergangGeweigerd | None:
    if stand.aantal_open_bezwaren:
        return OvergangGeweigerd(
            "bezwaar-open",
            _("Er staat nog %(aantal)s bezwaar of kort geding open; handel dat eerst af.")
            % {"aantal": stand.aantal_open_bezwaren},
        )
    return None


def _selectie_beslist(stand: Stand) -> OvergangGeweigerd | None:
    if stand.aantal_zonder_selectiebesluit:
        return OvergangGeweigerd(
            "selectie-onvolledig",
            _("Over %(aantal)s aanmelding(en) is nog niet beslist: toelaten of afwijzen.")
            % {"aantal": stand.aantal_zonder_selectiebesluit},
        )
    if not stand.aantal_toegelaten:
        return OvergangGeweigerd(
            "niemand-toegelaten",
            _("Er is niemand toegelaten tot de gunningsfase; trek de aanbesteding zo nodig in."),
        )
    return None


def _geen_open_regelfouten(stand: Stand) -> OvergangGeweigerd | None:
    if stand.open_regelfouten:
        return OvergangGeweigerd(
            "regelfout-open",
            _(
                "Fouten uit de controle blokkeren deze stap tot er een gemotiveerd besluit over "
                "is vastgelegd: %(fouten)s"
            )
            % {"fouten": " ".join(stand.open_regelfouten)},
        )
    return None


def _zonder_inschrijvingen(stand: Stand) -> OvergangGeweigerd | None:
    if stand.aantal_inschrijvingen:
        return OvergangGeweigerd(
            "heeft-inschrijvingen",
            _(
                "Er zijn al aanmeldingen; de publicatie kan niet meer worden teruggenomen. Trek de aanbesteding zo nodig in."
            ),
        )
    return None


#: Refusal codes of the four-eyes rule: the opening is proposed and confirmed separately.
VIER_OGEN_CODES = ("opening-niet-voorgesteld", "vier-ogen")


def _vier_ogen(stand: Stand) -> OvergangGeweigerd | None:
    """An opening unseals submissions: one inkoper proposes it, a different one confirms."""
    if stand.opening_voorgesteld_door is None:
        return OvergangGeweigerd(
            "opening-niet-voorgesteld",
            _(
                "Openen gaat met vier ogen: een inkoper stelt het openen voor, een andere "
                "inkoper bevestigt het."
            ),
        )
    if stand.opening_voorgesteld_door == stand.door:
        return OvergangGeweigerd(
            "vier-ogen",
            _("U heeft het openen zelf voorgesteld: een andere inkoper moet het bevestigen."),
        )
    return None


@dataclass(frozen=True)
class Overgang:
    code: str
    van: str
    naar: str
    label: str
    bewakers: tuple[Bewaker, ...] = ()
    terug: bool = False  # going back: a reason is required
    reden_verplicht: bool = False
    #: what cannot be undone; set: the step is irreversible and the pages ask to confirm it
    gevolg: str = ""

    @property
    def onomkeerbaar(self) -> bool:
        return bool(self.gevolg)


_NIET_EINDE = (
    Status.CONCEPT,
    Status.SELECTIEFASE,
    Status.SELECTIE_BEOORDELING,
    Status.GUNNINGSFASE,
    Status.GUNNING_BEOORDELING,
    Status.VOORLOPIG_GEGUND,
    Status.OPGESCHORT,
)

OVERGANGEN: tuple[Overgang, ...] = (
    Overgang(
        "publiceren",
        Status.CONCEPT,
        Status.SELECTIEFASE,
        gettext_lazy("Publiceren: aanmelden openstellen"),
        (
            _heeft_percelen,
            _minimum_voor_publicatie,
            _planning_zonder_fouten,
            _niet_voor_publicatiedatum,
            _voor_selectie_deadline,
        ),
        gevolg=gettext_lazy(
            "De aanbesteding wordt openbaar: gegadigden kunnen zich aanmelden en zien de stukken. "
            "Na de eerste aanmelding kan de publicatie niet meer worden teruggenomen."
        ),
    ),
    Overgang(
        "aanmeldingen-openen",
        Status.SELECTIEFASE,
        Status.SELECTIE_BEOORDELING,
        gettext_lazy("Aanmeldingen openen (na sluiting)"),
        (_na_deadline("selectie_deadline", "Het openen van de aanmeldingen"), _vier_ogen),
    ),
    Overgang(
        "selectiebeslissing-nemen",
        Status.SELECTIE_BEOORDELING,
        Status.GUNNINGSFASE,
        gettext_lazy("Selectiebeslissing nemen: inschrijven openstellen"),
        (_selectie_beslist, _geen_open_regelfouten, _voor_inschrijving_deadline),
        gevolg=gettext_lazy(
            "Iedere gegadigde krijgt nu zijn selectiebrief; de termijn voor een kort geding gaat "
            "lopen. Verzonden brieven worden niet teruggenomen."
        ),
    ),
    Overgang(
        "inschrijvingen-openen",
        Status.GUNNINGSFASE,
        Status.GUNNING_BEOORDELING,
        gettext_lazy("Inschrijvingen openen (na sluiting)"),
        (_na_deadline("inschrijving_deadline", "Het openen van de inschrijvingen"), _vier_ogen),
    ),
    Overgang(
        "voorlopig-gunnen",
        Status.GUNNING_BEOORDELING,
        Status.VOORLOPIG_GEGUND,
        gettext_lazy("Voorlopig gunnen: standstill begint"),
        (_beoordeling_compleet, _een_perceel, _geen_open_regelfouten),
        gevolg=gettext_lazy(
            "De gunningsbrieven gaan naar alle inschrijvers (de winnaar en, met scores en "
            "motivering, de anderen) en de standstill van 20 kalenderdagen begint. Verzonden "
            "brieven worden niet teruggenomen."
        ),
    ),
    Overgang(
        "definitief-gunnen",
        Status.VOORLOPIG_GEGUND,
        Status.DEFINITIEF_GEGUND,
        gettext_lazy("Definitief gunnen"),
        (_standstill_voorbij, _geen_open_bezwaar, _geen_open_regelfouten),
        gevolg=gettext_lazy(
            "De opdracht wordt definitief gegund en de overeenkomst met de winnaar wordt "
            "aangemaakt. Dit kan niet worden teruggedraaid."
        ),
    ),
    Overgang(
        "opschorten",
        Status.VOORLOPIG_GEGUND,
        Status.OPGESCHORT,
        gettext_lazy("Opschorten: bezwaar of kort geding"),
        reden_verplicht=True,
    ),
    Overgang(
        "hervatten",
        Status.OPGESCHORT,
        Status.VOORLOPIG_GEGUND,
        gettext_lazy("Hervatten na afhandeling van bezwaar of kort geding"),
        (_geen_open_bezwaar,),
    ),
    # going back: always with a reason
    Overgang(
        "publicatie-terugnemen",
        Status.SELECTIEFASE,
        Status.CONCEPT,
        gettext_lazy("Publicatie terugnemen (terug naar concept)"),
        (_zonder_inschrijvingen,),
        terug=True,
    ),
    Overgang(
        "selectiebeslissing-herzien",
        Status.GUNNINGSFASE,
        Status.SELECTIE_BEOORDELING,
        gettext_lazy("Selectiebeslissing herzien (terug naar beoordeling)"),
        terug=True,
    ),
    Overgang(
        "voorlopige-gunning-intrekken",
        Status.VOORLOPIG_GEGUND,
        Status.GUNNING_BEOORDELING,
        gettext_lazy("Voorlopige gunning intrekken (terug naar beoordeling)"),
        terug=True,
    ),
    Overgang(
        "voorlopige-gunning-intrekken",
        Status.OPGESCHORT,
        Status.GUNNING_BEOORDELING,
        gettext_lazy("Voorlopige gunning intrekken (terug naar beoordeling)"),
        terug=True,
    ),
    *(
        Overgang(
            "intrekken",
            van,
            Status.INGETROKKEN,
            gettext_lazy("Aanbesteding intrekken"),
            reden_verplicht=True,
            gevolg=gettext_lazy(
                "De aanbesteding wordt beëindigd zonder gunning. Dit kan niet worden teruggedraaid."
            ),
        )
        for van in _NIET_EINDE
    ),
)

_PER_PAAR = {(o.van, o.naar): o for o in OVERGANGEN}
#: The transitions that unseal submitted content.
OPENINGEN = ("aanmeldingen-openen", "inschrijvingen-openen")


def overgangen_vanuit(status: str) -> list[Overgang]:
    return [o for o in OVERGANGEN if o.van == status]


def vind_overgang(van: str, naar: str) -> Overgang | None:
    return _PER_PAAR.get((van, naar))


def weigeringen(stand: Stand, overgang: Overgang) -> list[OvergangGeweigerd]:
    """What stands in the way of this transition now (empty: allowed)."""
    return [w for bewaker in overgang.bewakers if (w := bewaker(stand)) is not None]


def controleer(stand: Stand, naar: str, reden: str = "") -> Overgang:
    """The transition from ``stand.status`` to ``naar``, or :class:`OvergangGeweigerd`."""
    overgang = vind_overgang(stand.status, naar)
    if overgang is None:
        raise OvergangGeweigerd(
            "overgang-niet-toegestaan",
            _("Van “%(van)s” naar “%(naar)s” is geen toegestane stap.")
            % {
                "van": Status(stand.status).label,
                "naar": Status(naar).label if naar in Status.values else naar,
            },
        )
    if (overgang.terug or overgang.reden_verplicht) and not reden.strip():
        raise OvergangGeweigerd(
            "reden-verplicht",
            _("Geef een reden: “%(label)s” wordt met reden vastgelegd.")
            % {"label": overgang.label},
        )
    for weigering in weigeringen(stand, overgang):
        raise weigering
    return overgang
