"""Regels voor inschrijvingen: benoemde, geteste controles met een vaste code en Nederlandse melding.

Pure core: the rules read a :class:`InschrijvingFeiten` snapshot (built by
``selectors.feiten_voor``) and never query the database or the clock. Each rule is a function
``(feiten) -> list[Bevinding]`` registered in :data:`REGELS` with its code, its phase and its
source; :func:`controlelijst` runs them all and groups the outcome per phase for the live
checklist. The rules and their sources are listed in ``docs/aanbesteding.md``.

Severity: ``error`` is a violation (or something missing after its deadline); ``warning`` is
something still to be supplied before the deadline; ``info`` explains an exemption.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from django.utils.translation import gettext as _

from .constants import (
    GVA_MAX_MAANDEN,
    LEDEN,
    ONGECONFIGUREERDE_DOCUMENTVEREISTEN,
    Documentsoort,
    Fase,
    Inschrijvingsoort,
    PartijRol,
    Vraagmoment,
)
from .termijnen import add_months, kalenderdag


class Ernst(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Bevinding:
    code: str
    ernst: Ernst
    fase: str
    bericht: str
    partij_id: int | None = None


@dataclass(frozen=True)
class DocumentFeit:
    soort: str
    ontvangen_op: datetime
    afgiftedatum: date | None = None
    ondertekend: bool = False
    uea_kvk: str | None = None  # the KvK-nummer the imported UEA names (XML only)
    uea_naam: str = ""
    uea_referentie: str = ""  # ContractFolderID in the imported UEA (XML only)


@dataclass(frozen=True)
class PartijFeit:
    id: int
    rol: str
    naam: str
    kvk_nummer: str = ""
    toegevoegd_op: datetime | None = None
    toestemming: bool = False
    taakomschrijving: str = ""
    uitsluitingsgronden: tuple[tuple[str, bool | None], ...] = ()  # (code, antwoord)
    documenten: tuple[DocumentFeit, ...] = ()

    def documenten_van(self, soort: str) -> list[DocumentFeit]:
        return [d for d in self.documenten if d.soort == soort]

    @property
    def sleutel(self) -> str:
        return identiteit(self.kvk_nummer, self.naam)


@dataclass(frozen=True)
class Vereiste:
    """How the procedure asks one kind of document (#15.6)."""

    soort: str
    moment: str
    max_maanden: int | None = None

    @classmethod
    def van(cls, soort: str, moment: str, max_maanden: int | None) -> Vereiste:
        """As stored, with the GVA's legal maximum (Aanbestedingswet 2012, art. 4.14: at most
        two years old): a GVA never goes without a maximum age or above 24 months (#15.6)."""
        if soort == Documentsoort.GVA:
            max_maanden = min(max_maanden or GVA_MAX_MAANDEN, GVA_MAX_MAANDEN)
        return cls(soort, moment, max_maanden)


@dataclass(frozen=True)
class VerzoekFeit:
    """A request of the inkoper to one party to deliver a document (#15.6)."""

    partij_id: int
    soort: str
    fase: str
    verzocht_op: date
    uiterlijk_op: date
    ontvangen_op: datetime | None = None  # None: not delivered yet
    id: int = 0  # the request (``Documentverzoek``): part of its findings' codes

    def code(self, wat: str) -> str:
        """The code of a finding on this request, e.g. ``verzoek-vog-te-laat-12``: one per
        request, so a decision on one request never covers a later one (#15.6)."""
        return f"verzoek-{self.soort}-{wat}-{self.id}"


@dataclass(frozen=True)
class Elders:
    """A party in another registration of the same procedure."""

    sleutel: str
    rol: str
    inschrijving: str  # display name of that registration


@dataclass(frozen=True)
class InschrijvingFeiten:
    soort: str
    nu: datetime
    selectie_deadline: datetime
    inschrijving_deadline: datetime
    partijen: tuple[PartijFeit, ...]
    elders: tuple[Elders, ...] = field(default=())
    kenmerk: str = ""  # the procedure's reference, as the UEAs should name it
    vereisten: tuple[Vereiste, ...] = ()  # empty: the procedure configured nothing
    verzoeken: tuple[VerzoekFeit, ...] = ()

    def met_rol(self, *rollen: str) -> list[PartijFeit]:
        return [p for p in self.partijen if p.rol in rollen]

    def vereiste(self, soort: str) -> Vereiste:
        """How this procedure asks ``soort``; unconfigured: the GVA with the registration."""
        for v in self.vereisten:
            if v.soort == soort:
                return v
        moment, maanden = ONGECONFIGUREERDE_DOCUMENTVEREISTEN.get(soort, (Vraagmoment.NIET, None))
        return Vereiste(soort, moment, maanden)

    def partij(self, partij_id: int) -> PartijFeit | None:
        return next((p for p in self.partijen if p.id == partij_id), None)


def identiteit(kvk_nummer: str, naam: str) -> str:
    """Who a party is: its KvK-nummer, or (foreign, no KvK) its name without case or punctuation."""
    if kvk_nummer:
        return f"kvk:{kvk_nummer}"
    zonder_accenten = "".join(
        c for c in unicodedata.normalize("NFKD", naam.lower()) if not unicodedata.combining(c)
    )
    return "naam:" + re.sub(r"[^a-z0-9]+", " ", zonder_accenten).strip()


def _ernst_bij_deadline(feiten: InschrijvingFeiten, deadline: datetime) -> Ernst:
    return Ernst.ERROR if feiten.nu >= deadline else Ernst.WARNING


# --- the rules ---------------------------------------------------------------------------------


def derde_exclusief(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """A derde appears in only one registration of the procedure, in whatever role."""
    result = []
    for derde in feiten.met_rol(PartijRol.DERDE):
        elders = [e for e in feiten.elders if e.sleutel == derde.sleutel]
        for e in elders:
            result.append(
                Bevinding(
                    "derde-exclusief",
                    Ernst.ERROR,
                    Fase.SELECTIE,
                    _(
                        "%(naam)s is derde in deze inschrijving en komt ook voor in de inschrijving "
                        "van %(elders)s (als %(rol)s). Een derde mag aan maar één inschrijving "
                        "verbonden zijn."
                    )
                    % {
                        "naam": derde.naam,
                        "elders": e.inschrijving,
                        "rol": PartijRol(e.rol).label.lower(),
                    },
                    derde.id,
                )
            )
    # a party here that is a derde in another registration
    derden_elders = {e.sleutel: e for e in feiten.elders if e.rol == PartijRol.DERDE}
    for partij in feiten.partijen:
        e = derden_elders.get(partij.sleutel)
        if e is not None and partij.rol != PartijRol.DERDE:
            result.append(
                Bevinding(
                    "derde-exclusief",
                    Ernst.ERROR,
                    Fase.SELECTIE,
                    _(
                        "%(naam)s is derde in de inschrijving van %(elders)s en mag daarom niet "
                        "ook in deze inschrijving voorkomen."
                    )
                    % {"naam": partij.naam, "elders": e.inschrijving},
                    partij.id,
                )
            )
    return result


def derde_eigen_uea(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """Each derde supplies and signs its own UEA."""
    result = []
    for derde in feiten.met_rol(PartijRol.DERDE):
        ueas = derde.documenten_van(Documentsoort.UEA)
        ernst = _ernst_bij_deadline(feiten, feiten.selectie_deadline)
        if not ueas:
            bericht = _("Derde %(naam)s heeft nog geen eigen UEA aangeleverd.")
        elif any(d.uea_kvk and derde.kvk_nummer and d.uea_kvk != derde.kvk_nummer for d in ueas):
            ernst = Ernst.ERROR
            bericht = _(
                "Het UEA bij derde %(naam)s is van een andere onderneming (ander KvK-nummer); "
                "een derde dient een eigen UEA in."
            )
        elif not any(d.ondertekend for d in ueas):
            bericht = _("Het UEA van derde %(naam)s is niet door de derde zelf ondertekend.")
        else:
            continue
        result.append(
            Bevinding(
                "derde-eigen-uea", ernst, Fase.SELECTIE, bericht % {"naam": derde.naam}, derde.id
            )
        )
    return result


def eigen_uitsluitingsgronden(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """Each member of the bidder (hoofdaannemer, penvoerder, combinant) answers the exclusion
    grounds in its own UEA."""
    result = []
    ernst = _ernst_bij_deadline(feiten, feiten.selectie_deadline)
    for lid in feiten.met_rol(*LEDEN):
        open_ = [code for code, antwoord in lid.uitsluitingsgronden if antwoord is None]
        ja = [code for code, antwoord in lid.uitsluitingsgronden if antwoord]
        if not lid.documenten_van(Documentsoort.UEA):
            bericht = _(
                "%(naam)s heeft nog geen eigen UEA met de uitsluitingsgronden aangeleverd."
            ) % {"naam": lid.naam}
        elif not lid.uitsluitingsgronden:
            bericht = _(
                "Bij %(naam)s zijn de antwoorden op de uitsluitingsgronden nog niet ingevuld."
            ) % {"naam": lid.naam}
        elif open_:
            bericht = _(
                "%(naam)s heeft niet alle uitsluitingsgronden beantwoord (open: %(open)s)."
            ) % {"naam": lid.naam, "open": ", ".join(open_)}
        else:
            if ja:
                result.append(
                    Bevinding(
                        "uitsluitingsgrond-van-toepassing",
                        Ernst.WARNING,
                        Fase.SELECTIE,
                        _(
                            "%(naam)s meldt dat een uitsluitingsgrond van toepassing is "
                            "(%(gronden)s): beoordeel de toelichting en eventuele "
                            "herstelmaatregelen."
                        )
                        % {"naam": lid.naam, "gronden": ", ".join(ja)},
                        lid.id,
                    )
                )
            continue
        result.append(Bevinding("eigen-uitsluitingsgronden", ernst, Fase.SELECTIE, bericht, lid.id))
    return result


_GVA_PLICHTIG = (*LEDEN, PartijRol.DERDE, PartijRol.VASTE_ONDERAANNEMER)


def _te_oud(documenten: list[DocumentFeit], vereiste: Vereiste) -> DocumentFeit | None:
    """The age test shared by ``gva-geldig`` and ``documenten-bij-aanmelding``: the newest
    document when none of ``documenten`` was at most the procedure's maximum age on receipt
    (Europe/Amsterdam calendar day), else None. No age test when the procedure does not ask the
    document (a voluntary upload) or set no maximum (#15.6)."""
    if not documenten or vereiste.moment == Vraagmoment.NIET or vereiste.max_maanden is None:
        return None
    if any(
        d.afgiftedatum
        and add_months(d.afgiftedatum, vereiste.max_maanden) >= kalenderdag(d.ontvangen_op)
        for d in documenten
    ):
        return None
    return documenten[-1]


def _te_oud_gegevens(partij: PartijFeit, d: DocumentFeit, vereiste: Vereiste) -> dict:
    return {
        "naam": partij.naam,
        "afgifte": f"{d.afgiftedatum:%d-%m-%Y}" if d.afgiftedatum else "?",
        "ontvangen": f"{kalenderdag(d.ontvangen_op):%d-%m-%Y}",
        "maanden": vereiste.max_maanden,
    }


def gva_geldig(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """A Gedragsverklaring aanbesteden is at most 24 months old on receipt (or the lower maximum
    the procedure set); asked of the bidder, each combinant and each (named) subcontractor.
    Missing is a finding only when the procedure asks it with the registration; no age test
    when the procedure does not ask it at all (#15.6)."""
    result = []
    vereiste = feiten.vereiste(Documentsoort.GVA)
    for partij in feiten.met_rol(*_GVA_PLICHTIG):
        gvas = partij.documenten_van(Documentsoort.GVA)
        if not gvas and vereiste.moment != Vraagmoment.BIJ_AANMELDING:
            continue
        if not gvas:
            result.append(
                Bevinding(
                    "gva-ontbreekt",
                    _ernst_bij_deadline(feiten, feiten.inschrijving_deadline),
                    Fase.GUNNING,
                    _("%(naam)s heeft nog geen Gedragsverklaring aanbesteden aangeleverd.")
                    % {"naam": partij.naam},
                    partij.id,
                )
            )
            continue
        if (g := _te_oud(gvas, vereiste)) is not None:
            result.append(
                Bevinding(
                    "gva-te-oud",
                    Ernst.ERROR,
                    Fase.GUNNING,
                    _(
                        "De Gedragsverklaring aanbesteden van %(naam)s is afgegeven op %(afgifte)s en "
                        "was bij ontvangst op %(ontvangen)s ouder dan %(maanden)s maanden."
                    )
                    % _te_oud_gegevens(partij, g, vereiste),
                    partij.id,
                )
            )
    return result


#: The other documents a procedure may ask (#15.6), of the bidder and each combinant (model
#: procurement document, bijlage 1).
_OVERIGE_OPVRAAGBARE = (
    Documentsoort.BETALINGSGEDRAG,
    Documentsoort.KVK_UITTREKSEL,
    Documentsoort.VOG,
)


def documenten_bij_aanmelding(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """The tax statement, KvK extract and VOG: supplied with the registration by the bidder and
    each combinant when the procedure asks them so, and (however they came) no older than the
    procedure's maximum on receipt (#15.6). The GVA has its own rule (``gva-geldig``)."""
    result = []
    for soort in _OVERIGE_OPVRAAGBARE:
        vereiste = feiten.vereiste(soort)
        label = Documentsoort(soort).label
        for partij in feiten.met_rol(*LEDEN):
            documenten = partij.documenten_van(soort)
            if not documenten:
                if vereiste.moment == Vraagmoment.BIJ_AANMELDING:
                    result.append(
                        Bevinding(
                            f"{soort}-ontbreekt",
                            _ernst_bij_deadline(feiten, feiten.selectie_deadline),
                            Fase.SELECTIE,
                            _("%(naam)s heeft nog geen %(document)s aangeleverd.")
                            % {"naam": partij.naam, "document": label},
                            partij.id,
                        )
                    )
                continue
            if (d := _te_oud(documenten, vereiste)) is None:
                continue
            result.append(
                Bevinding(
                    f"{soort}-te-oud",
                    Ernst.ERROR,
                    Fase.SELECTIE,
                    _(
                        "De %(document)s van %(naam)s is afgegeven op %(afgifte)s en was bij "
                        "ontvangst op %(ontvangen)s ouder dan %(maanden)s maanden."
                    )
                    % (_te_oud_gegevens(partij, d, vereiste) | {"document": label}),
                    partij.id,
                )
            )
    return result


def documentverzoeken(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """A document asked on request arrives within the delivery term (Europe/Amsterdam calendar
    days). Each finding is an error in the phase of the request, so it blocks the admission
    (selection phase) or the award until the document arrived in time or the inkoper records a
    reasoned decision (#15.6): still open (``verzoek-<soort>-open-<verzoek>``; the document must
    be judged first), open after the due date or received late (``verzoek-<soort>-te-laat-
    <verzoek>``). The code names the request, so a decision covers only that request."""
    result = []
    vandaag = kalenderdag(feiten.nu)
    for v in feiten.verzoeken:
        partij = feiten.partij(v.partij_id)
        naam = partij.naam if partij else "?"
        label = Documentsoort(v.soort).label
        termijn = {
            "naam": naam,
            "document": label,
            "verzocht": f"{v.verzocht_op:%d-%m-%Y}",
            "uiterlijk": f"{v.uiterlijk_op:%d-%m-%Y}",
        }
        if v.ontvangen_op is None:
            if vandaag > v.uiterlijk_op:
                code = v.code("te-laat")
                bericht = _(
                    "%(naam)s heeft de %(document)s, gevraagd op %(verzocht)s, niet uiterlijk "
                    "%(uiterlijk)s aangeleverd."
                )
            else:
                code = v.code("open")
                bericht = _(
                    "De inkoper heeft %(naam)s op %(verzocht)s om de %(document)s gevraagd: "
                    "aanleveren uiterlijk %(uiterlijk)s. Zolang het document er niet is, houdt dit "
                    "verzoek %(stap)s tegen."
                )
                termijn["stap"] = (
                    _("de toelating tot de gunningsfase")
                    if v.fase == Fase.SELECTIE
                    else _("de gunning")
                )
        elif kalenderdag(v.ontvangen_op) > v.uiterlijk_op:
            code = v.code("te-laat")
            termijn["ontvangen"] = f"{kalenderdag(v.ontvangen_op):%d-%m-%Y}"
            bericht = _(
                "%(naam)s heeft de %(document)s, gevraagd op %(verzocht)s, pas op %(ontvangen)s "
                "aangeleverd; de termijn liep tot en met %(uiterlijk)s."
            )
        else:
            continue
        result.append(Bevinding(code, Ernst.ERROR, v.fase, bericht % termijn, v.partij_id))
    return result


def _onvolledig(partij: PartijFeit) -> list[str]:
    ontbreekt = []
    if not partij.kvk_nummer:
        ontbreekt.append(_("KvK-nummer"))
    if not partij.taakomschrijving.strip():
        ontbreekt.append(_("rol en taak"))
    return ontbreekt


def derden_bekend_bij_selectie(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """At the selection deadline the derden are known (named, identified, their task given)."""
    result = []
    for derde in feiten.met_rol(PartijRol.DERDE):
        if derde.toegevoegd_op and derde.toegevoegd_op >= feiten.selectie_deadline:
            result.append(
                Bevinding(
                    "derden-bekend-bij-selectie",
                    Ernst.ERROR,
                    Fase.SELECTIE,
                    _(
                        "Derde %(naam)s is pas na de sluiting van de aanmelding genoemd; derden "
                        "moeten bij de aanmelding bekend zijn."
                    )
                    % {"naam": derde.naam},
                    derde.id,
                )
            )
        elif ontbreekt := _onvolledig(derde):
            result.append(
                Bevinding(
                    "derden-bekend-bij-selectie",
                    _ernst_bij_deadline(feiten, feiten.selectie_deadline),
                    Fase.SELECTIE,
                    _("Van derde %(naam)s ontbreekt nog: %(wat)s.")
                    % {"naam": derde.naam, "wat": ", ".join(ontbreekt)},
                    derde.id,
                )
            )
    return result


def vaste_onderaannemers_bekend(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """Vaste onderaannemers: as far as known at selection, all known at the award deadline."""
    result = []
    for partij in feiten.met_rol(PartijRol.VASTE_ONDERAANNEMER):
        if partij.toegevoegd_op and partij.toegevoegd_op >= feiten.inschrijving_deadline:
            result.append(
                Bevinding(
                    "vaste-onderaannemers-bekend-bij-gunning",
                    Ernst.ERROR,
                    Fase.GUNNING,
                    _(
                        "Vaste onderaannemer %(naam)s is pas na de sluiting van de inschrijving "
                        "genoemd."
                    )
                    % {"naam": partij.naam},
                    partij.id,
                )
            )
        elif ontbreekt := _onvolledig(partij):
            result.append(
                Bevinding(
                    "vaste-onderaannemers-bekend-bij-gunning",
                    _ernst_bij_deadline(feiten, feiten.inschrijving_deadline),
                    Fase.GUNNING,
                    _("Van vaste onderaannemer %(naam)s ontbreekt nog: %(wat)s.")
                    % {"naam": partij.naam, "wat": ", ".join(ontbreekt)},
                    partij.id,
                )
            )
    return result


_TOESTEMMING_NODIG = (PartijRol.COMBINANT, PartijRol.DERDE, PartijRol.VASTE_ONDERAANNEMER)


def toestemming_na_selectie(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """After the selection deadline a combinant or subcontractor joins only with the inkoper's
    recorded written consent (IW-E 5.4.1, 5.4.2)."""
    return [
        Bevinding(
            "toestemming-na-selectiedeadline",
            Ernst.ERROR,
            Fase.SELECTIE,
            _(
                "%(naam)s (%(rol)s) is na de sluiting van de aanmelding toegevoegd zonder "
                "vastgelegde schriftelijke toestemming van de inkoper."
            )
            % {"naam": p.naam, "rol": PartijRol(p.rol).label.lower()},
            p.id,
        )
        for p in feiten.met_rol(*_TOESTEMMING_NODIG)
        if p.toegevoegd_op and p.toegevoegd_op >= feiten.selectie_deadline and not p.toestemming
    ]


def incidentele_onderaannemers(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """Incidentele onderaannemers are not required during the procedure and not bound to the
    term: no documents, deadlines or consent are asked here (OW art. 3.9 applies later)."""
    return [
        Bevinding(
            "incidentele-onderaannemer-vrij",
            Ernst.INFO,
            Fase.GUNNING,
            _(
                "%(naam)s is incidentele onderaannemer: niet verplicht in de procedure en niet "
                "gebonden aan de looptijd; inzet tijdens de looptijd volgt art. 3.9 van de overeenkomst."
            )
            % {"naam": p.naam},
            p.id,
        )
        for p in feiten.met_rol(PartijRol.INCIDENTELE_ONDERAANNEMER)
    ]


def uea_kenmerk(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """An imported UEA names this procedure (its ContractFolderID is the procedure's kenmerk)."""
    return [
        Bevinding(
            "uea-ander-kenmerk",
            Ernst.WARNING,
            Fase.SELECTIE,
            _(
                "Het UEA van %(naam)s noemt aanbesteding “%(referentie)s”, niet “%(kenmerk)s”: "
                "controleer of het UEA voor deze aanbesteding is ingevuld."
            )
            % {"naam": p.naam, "referentie": d.uea_referentie, "kenmerk": feiten.kenmerk},
            p.id,
        )
        for p in feiten.partijen
        for d in p.documenten_van(Documentsoort.UEA)
        if d.uea_referentie and feiten.kenmerk and d.uea_referentie != feiten.kenmerk
    ]


def samenstelling(feiten: InschrijvingFeiten) -> list[Bevinding]:
    """A combination has a penvoerder and at least one combinant; a sole bidder has none."""
    combinanten = feiten.met_rol(PartijRol.COMBINANT)
    if feiten.soort == Inschrijvingsoort.COMBINATIE and not combinanten:
        return [
            Bevinding(
                "combinatie-zonder-combinant",
                _ernst_bij_deadline(feiten, feiten.selectie_deadline),
                Fase.SELECTIE,
                _("Een combinatie heeft naast de penvoerder minstens één combinant."),
            )
        ]
    if feiten.soort == Inschrijvingsoort.HOOFDAANNEMER and combinanten:
        return [
            Bevinding(
                "hoofdaannemer-met-combinant",
                Ernst.ERROR,
                Fase.SELECTIE,
                _(
                    "Een inschrijving door één hoofdaannemer heeft geen combinanten; schrijf in "
                    "als combinatie of noem hen als onderaannemer."
                ),
            )
        ]
    return []


@dataclass(frozen=True)
class Regel:
    code: str
    fase: str
    titel: str
    bron: str
    functie: Callable[[InschrijvingFeiten], list[Bevinding]]


REGELS: tuple[Regel, ...] = (
    Regel(
        "samenstelling",
        Fase.SELECTIE,
        "Samenstelling: hoofdaannemer of combinatie met combinanten",
        "IW-E 5.4.2",
        samenstelling,
    ),
    Regel(
        "derde-exclusief",
        Fase.SELECTIE,
        "Een derde is aan maar één inschrijving verbonden",
        "inkoopstrategie van de regio; IW-E 5.4",
        derde_exclusief,
    ),
    Regel(
        "derde-eigen-uea",
        Fase.SELECTIE,
        "Iedere derde ondertekent een eigen UEA",
        "IW-E 3.x, 5.4",
        derde_eigen_uea,
    ),
    Regel(
        "eigen-uitsluitingsgronden",
        Fase.SELECTIE,
        "Iedere combinant levert eigen bewijs over de uitsluitingsgronden",
        "IW-E 5.4.2",
        eigen_uitsluitingsgronden,
    ),
    Regel(
        "uea-kenmerk",
        Fase.SELECTIE,
        "Het UEA is ingevuld voor deze aanbesteding",
        "IW-E 3.x (UEA)",
        uea_kenmerk,
    ),
    Regel(
        "derden-bekend-bij-selectie",
        Fase.SELECTIE,
        "Derden zijn bekend bij de sluiting van de aanmelding",
        "inkoopstrategie van de regio",
        derden_bekend_bij_selectie,
    ),
    Regel(
        "vaste-onderaannemers-bekend-bij-gunning",
        Fase.GUNNING,
        "Vaste onderaannemers: zo ver bekend bij selectie, alle bekend bij de sluiting van de inschrijving",
        "inkoopstrategie van de regio",
        vaste_onderaannemers_bekend,
    ),
    Regel(
        "toestemming-na-selectiedeadline",
        Fase.SELECTIE,
        "Na de sluiting van de aanmelding alleen met schriftelijke toestemming erbij",
        "IW-E 5.4.1, 5.4.2",
        toestemming_na_selectie,
    ),
    Regel(
        "gva-geldig",
        Fase.GUNNING,
        "Gedragsverklaring aanbesteden hooguit 24 maanden (of de gestelde maximumleeftijd) oud "
        "bij ontvangst; bij de aanmelding alleen als de aanbesteding dat vraagt",
        "IW-E lijst van documenten; 5.4.1",
        gva_geldig,
    ),
    Regel(
        "documenten-bij-aanmelding",
        Fase.SELECTIE,
        "Verklaring betalingsgedrag, KvK-uittreksel en VOG: bij de aanmelding als de aanbesteding "
        "dat vraagt, en niet ouder dan de gestelde maximumleeftijd bij ontvangst",
        "Inkoopdocument Wmo, bijlage 1; IW-E uitsluitingsgronden",
        documenten_bij_aanmelding,
    ),
    Regel(
        "documentverzoeken",
        Fase.SELECTIE,
        "Een document op verzoek komt binnen de levertermijn (standaard 14 kalenderdagen); zolang "
        "het er niet is, houdt het verzoek de toelating (of de gunning) tegen",
        "Inkoopdocument Wmo, uitsluitingsgronden (14 kalenderdagen)",
        documentverzoeken,
    ),
    Regel(
        "incidentele-onderaannemer-vrij",
        Fase.GUNNING,
        "Incidentele onderaannemers: niet verplicht, niet gebonden aan de looptijd",
        "inkoopstrategie van de regio; OW art. 3.9",
        incidentele_onderaannemers,
    ),
)


@dataclass(frozen=True)
class Controlepunt:
    regel: Regel
    bevindingen: tuple[Bevinding, ...]

    @property
    def in_orde(self) -> bool:
        return not any(b.ernst in (Ernst.ERROR, Ernst.WARNING) for b in self.bevindingen)


def controleer(feiten: InschrijvingFeiten) -> list[Bevinding]:
    return [b for regel in REGELS for b in regel.functie(feiten)]


def controlelijst(feiten: InschrijvingFeiten) -> dict[str, list[Controlepunt]]:
    """Per phase, each rule with its findings (none: in order)."""
    lijst: dict[str, list[Controlepunt]] = {Fase.SELECTIE: [], Fase.GUNNING: []}
    for regel in REGELS:
        lijst[regel.fase].append(Controlepunt(regel, tuple(regel.functie(feiten))))
    return lijst


def blokkerende_fouten(
    bevindingen: list[Bevinding],
    besloten: Collection[tuple[str, int | None]],
    fasen: Collection[str] = (Fase.SELECTIE, Fase.GUNNING),
) -> list[Bevinding]:
    """The error-level findings of ``fasen`` without a reasoned decision of the inkoper
    (``besloten``: the (code, partij_id) of each finding decided on). They block the admission
    to the award phase (selection-phase findings) and the award (all findings)."""
    return [
        b
        for b in bevindingen
        if b.ernst == Ernst.ERROR and b.fase in fasen and (b.code, b.partij_id) not in besloten
    ]
