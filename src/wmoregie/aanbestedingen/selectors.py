"""Reads of the procurement context, scoped to what a user may see."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from wmoregie.accounts.constants import Rol

from . import regels
from .constants import (
    ONGECONFIGUREERDE_DOCUMENTVEREISTEN,
    OPVRAAGBARE_DOCUMENTEN,
    Documentsoort,
    Fase,
    Status,
    Vraagmoment,
)
from .models import (
    Aanbesteding,
    Belangenverklaring,
    Beoordeling,
    Bezwaar,
    Consensusscore,
    Document,
    Documentvereiste,
    Documentverzoek,
    Inschrijving,
    NotaVanInlichtingen,
    Partij,
    Regelbesluit,
    Selectiebrief,
    Vraag,
    belangenverklaringen_versie,
)

REGIOROLLEN = (Rol.INKOPER, Rol.BEOORDELAAR)


def regio_ids(gebruiker, rollen=REGIOROLLEN) -> set[int]:
    if not gebruiker.is_authenticated:
        return set()
    return {
        t.regio_id for t in gebruiker.toekenningen() if t.rol in rollen and t.regio_id is not None
    }


def organisatie_ids(gebruiker) -> set[int]:
    """The organisations a user bids for (role inschrijver)."""
    if not gebruiker.is_authenticated:
        return set()
    return {
        t.organisatie_id
        for t in gebruiker.toekenningen()
        if t.rol == Rol.INSCHRIJVER and t.organisatie_id is not None
    }


def is_inkoper_van(gebruiker, aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.regio_id in regio_ids(gebruiker, (Rol.INKOPER,))


def is_regiozijde(gebruiker, aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.regio_id in regio_ids(gebruiker)


def is_eigen(gebruiker, inschrijving: Inschrijving) -> bool:
    return inschrijving.organisatie_id in organisatie_ids(gebruiker)


def aanbestedingen_voor(gebruiker) -> QuerySet[Aanbesteding]:
    """The region side sees its region's procedures; bidders see the published ones."""
    filter_ = Q(regio_id__in=regio_ids(gebruiker))
    if organisatie_ids(gebruiker):
        filter_ |= ~Q(status=Status.CONCEPT)
    return Aanbesteding.objects.filter(filter_).prefetch_related("percelen").distinct()


#: The counts the transition guards read (``services.stand_van``), by annotation name.
AANTALLEN = (
    "aantal_inschrijvingen",
    "aantal_zonder_selectiebesluit",
    "aantal_toegelaten",
    "aantal_open_bezwaren",
)


def _aantal(rijen):
    """The number of ``rijen`` (a queryset on ``OuterRef("pk")``) as a subquery."""
    return Coalesce(
        Subquery(rijen.order_by().values("aanbesteding").annotate(n=Count("id")).values("n")[:1]),
        0,
    )


def met_aantallen(aanbestedingen: QuerySet[Aanbesteding]) -> QuerySet[Aanbesteding]:
    """The procedures with the counts of :data:`AANTALLEN` annotated: the registrations, those
    without a selection decision, those admitted and the open objections. A page that shows the
    guards reads them with the procedure itself instead of in a query of their own (#14 B)."""
    inschrijvingen = Inschrijving.objects.filter(aanbesteding=OuterRef("pk"))
    return aanbestedingen.annotate(
        aantal_inschrijvingen=_aantal(inschrijvingen),
        aantal_zonder_selectiebesluit=_aantal(inschrijvingen.filter(toegelaten__isnull=True)),
        aantal_toegelaten=_aantal(inschrijvingen.filter(toegelaten=True)),
        aantal_open_bezwaren=_aantal(
            Bezwaar.objects.filter(aanbesteding=OuterRef("pk"), afgehandeld_op__isnull=True)
        ),
    )


def aantallen_van(aanbesteding: Aanbesteding) -> dict[str, int]:
    """The counts of :data:`AANTALLEN` for one procedure: as annotated by
    :func:`met_aantallen` when it was read so, else read now (one query)."""
    if all(hasattr(aanbesteding, naam) for naam in AANTALLEN):
        return {naam: getattr(aanbesteding, naam) for naam in AANTALLEN}
    return met_aantallen(Aanbesteding.objects.filter(pk=aanbesteding.pk)).values(*AANTALLEN).get()


def inschrijvingen_voor(gebruiker) -> QuerySet[Inschrijving]:
    """The region side sees the registrations of its region; a bidder only its own."""
    filter_ = Q(aanbesteding__regio_id__in=regio_ids(gebruiker)) | Q(
        organisatie_id__in=organisatie_ids(gebruiker)
    )
    return (
        Inschrijving.objects.filter(filter_)
        .select_related("aanbesteding", "organisatie")
        .prefetch_related(
            "indieningen",
            Prefetch(
                "partijen",
                queryset=Partij.objects.select_related("toestemming").prefetch_related(
                    "documenten", "percelen", "producten"
                ),
            ),
            "documenten",
            Prefetch("selectiebrieven", queryset=Selectiebrief.objects.defer("html")),
        )
    )


def aanbestedingen_van_regio(gebruiker) -> QuerySet[Aanbesteding]:
    """The procedures of the region side (inkoper or beoordelaar of the region)."""
    return Aanbesteding.objects.filter(regio_id__in=regio_ids(gebruiker))


def selectietoetsingen_voor(gebruiker) -> QuerySet[Inschrijving]:
    """The registrations whose selection checks a user reads, as on the page
    *Selectietoetsing*: the region side's, once the selection phase is opened (before that the
    content is sealed). Never a bidder's: it reads its decision in its letters."""
    return (
        Inschrijving.objects.filter(
            aanbesteding__regio_id__in=regio_ids(gebruiker),
            aanbesteding__selectie_geopend_op__isnull=False,
        )
        .select_related("aanbesteding", "organisatie")
        .prefetch_related(
            "partijen__uitsluitingstoetsen",
            "eistoetsingen",
            "selectiescores",
            "selectiebrieven",
            "aanbesteding__geschiktheidseisen",
            "aanbesteding__selectiecriteria",
        )
    )


def selectiebrieven_voor(gebruiker) -> QuerySet[Selectiebrief]:
    """Selection decision letters (they exist only once sent): the region side reads its
    region's, a bidder only those to its own registrations."""
    return Selectiebrief.objects.filter(
        Q(aanbesteding__regio_id__in=regio_ids(gebruiker))
        | Q(inschrijving__organisatie_id__in=organisatie_ids(gebruiker))
    )


def laatste_selectiebrief(inschrijving: Inschrijving) -> Selectiebrief | None:
    """The latest decision letter sent to this registration (from the prefetch where there is
    one), or None before any letter."""
    return max(
        inschrijving.selectiebrieven.all(), key=lambda b: (b.verzonden_op, b.pk), default=None
    )


@dataclass(frozen=True)
class Selectiebesluit:
    """The selection decision as one user may read it.

    ``zoals_verzonden``: read from the latest letter (the candidate), so ``toegelaten`` None
    means "not yet known" rather than "not yet taken"; ``redenen`` as in that letter (None for
    a letter sent before they were stored, and for the region side)."""

    toegelaten: bool | None
    motivering: str
    zoals_verzonden: bool
    redenen: tuple[str, ...] | None = None
    brief: Selectiebrief | None = None


def selectiebesluit_voor(gebruiker, inschrijving: Inschrijving) -> Selectiebesluit:
    """The region side reads the current decision. Anyone else (the candidate) reads it only
    as sent: decision, motivation and reasons of its latest ``Selectiebrief``; before any
    letter nothing, also once the decision is taken, and a revised decision only with the next
    letter."""
    if is_regiozijde(gebruiker, inschrijving.aanbesteding):
        return Selectiebesluit(
            toegelaten=inschrijving.toegelaten,
            motivering=inschrijving.selectiemotivering,
            zoals_verzonden=False,
        )
    brief = laatste_selectiebrief(inschrijving)
    if brief is None:
        return Selectiebesluit(toegelaten=None, motivering="", zoals_verzonden=True)
    return Selectiebesluit(
        toegelaten=brief.toegelaten,
        motivering=brief.motivering,
        zoals_verzonden=True,
        redenen=tuple(brief.redenen) if brief.redenen is not None else None,
        brief=brief,
    )


def mag_inhoud_zien(gebruiker, inschrijving: Inschrijving, fase: str) -> bool:
    """The bidder always sees its own content; the region side only after the opening, and
    award-phase content only as :func:`mag_gunning_inzien` allows."""
    if is_eigen(gebruiker, inschrijving):
        return True
    aanbesteding = inschrijving.aanbesteding
    if not (is_regiozijde(gebruiker, aanbesteding) and aanbesteding.is_geopend(fase)):
        return False
    if fase == Fase.GUNNING:
        return mag_gunning_inzien(gebruiker, aanbesteding)
    return True


def mag_gunning_inzien(gebruiker, aanbesteding: Aanbesteding) -> bool:
    """The region side's view of the award phase (the tenders' content, the ranking): the
    inkoper of the region; an assessor only as far as it may assess (:func:`mag_beoordelen`:
    the conflict-of-interest declaration signed, without a conflict)."""
    return is_inkoper_van(gebruiker, aanbesteding) or mag_beoordelen(gebruiker, aanbesteding)


def is_beoordelaar_van(gebruiker, aanbesteding: Aanbesteding) -> bool:
    return aanbesteding.regio_id in regio_ids(gebruiker, (Rol.BEOORDELAAR,))


def belangenverklaring_van(gebruiker, aanbesteding: Aanbesteding) -> Belangenverklaring | None:
    """The user's declaration for this procedure. A page asks per registration: the user's
    declarations are read once and remembered on the user instance (one request), until any
    declaration in this process changes."""
    if not gebruiker.is_authenticated:
        return None
    onthouden = getattr(gebruiker, "_belangenverklaringen", None)
    if onthouden is None or onthouden[0] != belangenverklaringen_versie[0]:
        verklaringen = Belangenverklaring.objects.filter(beoordelaar=gebruiker)
        onthouden = (belangenverklaringen_versie[0], {v.aanbesteding_id: v for v in verklaringen})
        gebruiker._belangenverklaringen = onthouden
    return onthouden[1].get(aanbesteding.pk)


def mag_beoordelen(gebruiker, aanbesteding: Aanbesteding) -> bool:
    """An assessor of the region who declared no conflict of interest for this procedure."""
    verklaring = belangenverklaring_van(gebruiker, aanbesteding)
    return (
        is_beoordelaar_van(gebruiker, aanbesteding)
        and verklaring is not None
        and verklaring.geen_belangenconflict
    )


def zichtbare_beoordelingen(gebruiker) -> QuerySet[Beoordeling]:
    """Blind assessment: the inkoper sees every individual score of its region's procedures;
    an assessor sees its own, and another's only once consensus on that item is recorded."""
    met_consensus = Exists(
        Consensusscore.objects.filter(
            inschrijving=OuterRef("inschrijving"), criterium=OuterRef("criterium")
        )
    )
    inkoper = Q(inschrijving__aanbesteding__regio_id__in=regio_ids(gebruiker, (Rol.INKOPER,)))
    beoordelaar = Q(
        inschrijving__aanbesteding__regio_id__in=regio_ids(gebruiker, (Rol.BEOORDELAAR,))
    ) & (Q(beoordelaar_id=gebruiker.pk) | Q(met_consensus=True))
    return (
        Beoordeling.objects.annotate(met_consensus=met_consensus)
        .filter(inkoper | beoordelaar)
        .select_related("criterium", "beoordelaar", "inschrijving__organisatie")
    )


def zichtbare_partijen(gebruiker, inschrijving: Inschrijving) -> list[Partij]:
    return [
        p for p in inschrijving.partijen.all() if mag_inhoud_zien(gebruiker, inschrijving, p.fase)
    ]


def zichtbare_documenten(gebruiker, inschrijving: Inschrijving) -> list[Document]:
    return [
        d for d in inschrijving.documenten.all() if mag_inhoud_zien(gebruiker, inschrijving, d.fase)
    ]


def _document_feit(document: Document) -> regels.DocumentFeit:
    ondernemer = document.uea_gegevens.get("ondernemer", {}) if document.uea_gegevens else {}
    return regels.DocumentFeit(
        soort=document.soort,
        ontvangen_op=document.ontvangen_op,
        afgiftedatum=document.afgiftedatum,
        ondertekend=document.ondertekend,
        uea_kvk=ondernemer.get("kvk_nummer") or None,
        uea_naam=ondernemer.get("naam", ""),
        uea_referentie=(document.uea_gegevens or {}).get("aanbestedingsreferentie", ""),
    )


def _partij_feit(partij: Partij) -> regels.PartijFeit:
    return regels.PartijFeit(
        id=partij.pk,
        rol=partij.rol,
        naam=partij.naam,
        kvk_nummer=partij.kvk_nummer,
        toegevoegd_op=partij.toegevoegd_op,
        toestemming=hasattr(partij, "toestemming"),
        taakomschrijving=partij.taakomschrijving,
        uitsluitingsgronden=tuple(
            (g.get("code", ""), g.get("antwoord")) for g in partij.uitsluitingsgronden or []
        ),
        documenten=tuple(_document_feit(d) for d in partij.documenten.all()),
    )


def _partijen_per_aanbesteding(aanbesteding_ids) -> dict[int, list[Partij]]:
    """Every party of these procedures (in their registrations' order), in two queries."""
    per_aanbesteding: dict[int, list[Partij]] = defaultdict(list)
    for partij in (
        Partij.objects.filter(inschrijving__aanbesteding_id__in=aanbesteding_ids)
        .select_related("toestemming", "inschrijving__organisatie")
        .prefetch_related("documenten")
    ):
        per_aanbesteding[partij.inschrijving.aanbesteding_id].append(partij)
    return per_aanbesteding


def _feiten(
    inschrijving: Inschrijving,
    nu: datetime,
    partijen_van_procedure: list[Partij],
    vereisten: list,
    verzoeken: list,
) -> regels.InschrijvingFeiten:
    aanbesteding = inschrijving.aanbesteding
    elders = [
        regels.Elders(regels.identiteit(p.kvk_nummer, p.naam), p.rol, p.inschrijving.weergavenaam)
        for p in partijen_van_procedure
        if p.inschrijving_id != inschrijving.pk
    ]
    partijen = [p for p in partijen_van_procedure if p.inschrijving_id == inschrijving.pk]
    return regels.InschrijvingFeiten(
        soort=inschrijving.soort,
        nu=nu,
        selectie_deadline=aanbesteding.deadline(Fase.SELECTIE),
        inschrijving_deadline=aanbesteding.deadline(Fase.GUNNING),
        partijen=tuple(_partij_feit(p) for p in partijen),
        elders=tuple(elders),
        kenmerk=aanbesteding.kenmerk,
        vereisten=tuple(regels.Vereiste.van(v.soort, v.moment, v.max_maanden) for v in vereisten),
        verzoeken=tuple(
            regels.VerzoekFeit(
                partij_id=v.partij_id,
                soort=v.soort,
                fase=v.fase,
                verzocht_op=v.verzocht_op,
                uiterlijk_op=v.uiterlijk_op,
                ontvangen_op=v.document.ontvangen_op if v.document_id else None,
                id=v.pk,
            )
            for v in verzoeken
        ),
    )


def _voorgelezen(obj, relatie: str) -> bool:
    return relatie in getattr(obj, "_prefetched_objects_cache", {})


def verzoeken_met_document(inschrijving: Inschrijving):
    """The registration's requests with their documents: as prefetched (the API's list), else in
    one query."""
    if _voorgelezen(inschrijving, "documentverzoeken"):
        return inschrijving.documentverzoeken.all()
    return inschrijving.documentverzoeken.select_related("document")


def documentvereisten(aanbesteding: Aanbesteding) -> list[regels.Vereiste]:
    """How the procedure asks each configurable document (#15.6), in a fixed order; a procedure
    that configured nothing asks the GVA with the registration and nothing else."""
    ingesteld = {v.soort: v for v in aanbesteding.documentvereisten.all()}
    uit = []
    for soort in OPVRAAGBARE_DOCUMENTEN:
        if soort in ingesteld:
            v = ingesteld[soort]
            uit.append(regels.Vereiste.van(soort, v.moment, v.max_maanden))
        else:
            moment, maanden = ONGECONFIGUREERDE_DOCUMENTVEREISTEN[soort]
            uit.append(regels.Vereiste(soort, moment, maanden))
    return uit


def op_verzoek(aanbesteding: Aanbesteding) -> list[str]:
    """The kinds of document the inkoper may ask on request in this procedure."""
    return [v.soort for v in documentvereisten(aanbesteding) if v.moment == Vraagmoment.OP_VERZOEK]


class Procedurelezing(dict):
    """The parties of procedures by procedure id, read once for a page that checks the rules
    more than once; with their document settings and requests when read by
    :func:`partijen_van`."""

    vereisten: dict[int, list] | None = None
    verzoeken: dict[int, list] | None = None


def _documenten_lezen(aanbesteding_ids, inschrijving_ids) -> tuple[dict, dict]:
    """The procedures' document settings and the registrations' requests: one query each."""
    vereisten: dict[int, list] = defaultdict(list)
    for v in Documentvereiste.objects.filter(aanbesteding_id__in=aanbesteding_ids):
        vereisten[v.aanbesteding_id].append(v)
    verzoeken: dict[int, list] = defaultdict(list)
    for v in Documentverzoek.objects.filter(inschrijving_id__in=inschrijving_ids).select_related(
        "document"
    ):
        verzoeken[v.inschrijving_id].append(v)
    return vereisten, verzoeken


def partijen_van(aanbesteding: Aanbesteding) -> Procedurelezing:
    """Every party of one procedure, its document settings and its registrations' requests, for
    a page that checks the rules more than once (``partijen=`` of the functions below)."""
    lezing = Procedurelezing(_partijen_per_aanbesteding([aanbesteding.pk]))
    lezing.vereisten, lezing.verzoeken = _documenten_lezen(
        [aanbesteding.pk], aanbesteding.inschrijvingen.values("pk")
    )
    return lezing


def feiten_per_inschrijving(
    inschrijvingen, nu: datetime, partijen: dict[int, list[Partij]] | None = None
) -> dict[int, regels.InschrijvingFeiten]:
    """The rule facts of many registrations (by pk) in a fixed number of queries: the parties
    of their procedures are read once, not once per registration (or not at all when the
    caller read them already: ``partijen``, from :func:`partijen_van`)."""
    inschrijvingen = list(inschrijvingen)
    aanbesteding_ids = {i.aanbesteding_id for i in inschrijvingen}
    if partijen is None:
        partijen = _partijen_per_aanbesteding(aanbesteding_ids)
    if getattr(partijen, "verzoeken", None) is not None:
        vereisten, verzoeken = partijen.vereisten, partijen.verzoeken
    elif all(_voorgelezen(i, "documentverzoeken") for i in inschrijvingen) and all(
        _voorgelezen(i.aanbesteding, "documentvereisten") for i in inschrijvingen
    ):  # prefetched by the caller (the API's list)
        vereisten = {
            i.aanbesteding_id: i.aanbesteding.documentvereisten.all() for i in inschrijvingen
        }
        verzoeken = {i.pk: i.documentverzoeken.all() for i in inschrijvingen}
    else:
        vereisten, verzoeken = _documenten_lezen(aanbesteding_ids, [i.pk for i in inschrijvingen])
    return {
        i.pk: _feiten(
            i,
            nu,
            partijen.get(i.aanbesteding_id, []),
            vereisten.get(i.aanbesteding_id, []),
            verzoeken.get(i.pk, []),
        )
        for i in inschrijvingen
    }


def feiten_voor(inschrijving: Inschrijving, nu: datetime) -> regels.InschrijvingFeiten:
    return feiten_per_inschrijving([inschrijving], nu)[inschrijving.pk]


def controlelijst_voor(inschrijving: Inschrijving, nu: datetime):
    return regels.controlelijst(feiten_voor(inschrijving, nu))


def controlelijsten_voor(inschrijvingen, nu: datetime, partijen=None) -> dict[int, dict]:
    """:func:`controlelijst_voor` of many registrations (by pk), in a fixed number of queries."""
    return {
        pk: regels.controlelijst(feiten)
        for pk, feiten in feiten_per_inschrijving(inschrijvingen, nu, partijen).items()
    }


@dataclass(frozen=True)
class Regelbevinding:
    """An error-level rule finding of a registration with the inkoper's latest decision on it
    (None: open, it blocks the admission or the award)."""

    bevinding: regels.Bevinding
    besluit: Regelbesluit | None

    @property
    def open(self) -> bool:
        return self.besluit is None


def regelbesluiten_per_inschrijving(
    inschrijvingen,
) -> dict[int, dict[tuple[str, int | None], Regelbesluit]]:
    """The latest decision per finding (code, party) of many registrations, in one query."""
    ids = [i.pk for i in inschrijvingen]
    besluiten: dict[int, dict[tuple[str, int | None], Regelbesluit]] = {pk: {} for pk in ids}
    for besluit in (
        Regelbesluit.objects.filter(inschrijving_id__in=ids)
        .select_related("besloten_door")
        .order_by("inschrijving_id", "besloten_op", "id")
    ):
        besluiten[besluit.inschrijving_id][(besluit.code, besluit.partij_id)] = besluit
    return besluiten


def laatste_regelbesluiten(
    inschrijving: Inschrijving,
) -> dict[tuple[str, int | None], Regelbesluit]:
    """The latest decision per finding (code, party)."""
    return regelbesluiten_per_inschrijving([inschrijving])[inschrijving.pk]


def regelbevindingen(
    inschrijving: Inschrijving, nu: datetime, fasen=(Fase.SELECTIE, Fase.GUNNING)
) -> list[Regelbevinding]:
    """The error-level findings of ``fasen`` now, each with its decision."""
    besluiten = laatste_regelbesluiten(inschrijving)
    return [
        Regelbevinding(b, besluiten.get((b.code, b.partij_id)))
        for b in regels.controleer(feiten_voor(inschrijving, nu))
        if b.ernst == regels.Ernst.ERROR and b.fase in fasen
    ]


def open_regelfouten(
    inschrijving: Inschrijving, nu: datetime, fasen=(Fase.SELECTIE, Fase.GUNNING)
) -> list[regels.Bevinding]:
    """The error-level findings of ``fasen`` without a decision: they block."""
    return open_regelfouten_per_inschrijving([inschrijving], nu, fasen)[inschrijving.pk]


def open_regelfouten_per_inschrijving(
    inschrijvingen, nu: datetime, fasen=(Fase.SELECTIE, Fase.GUNNING), partijen=None
) -> dict[int, list[regels.Bevinding]]:
    """:func:`open_regelfouten` of many registrations (by pk), in a fixed number of queries."""
    inschrijvingen = list(inschrijvingen)
    feiten = feiten_per_inschrijving(inschrijvingen, nu, partijen)
    besluiten = regelbesluiten_per_inschrijving(inschrijvingen)
    return {
        i.pk: regels.blokkerende_fouten(
            regels.controleer(feiten[i.pk]), besluiten[i.pk].keys(), fasen
        )
        for i in inschrijvingen
    }


def uea_documenten(partij: Partij) -> list[Document]:
    return [d for d in partij.documenten.all() if d.soort == Documentsoort.UEA]


def is_deelnemer(gebruiker, aanbesteding: Aanbesteding) -> bool:
    """A bidder with a registration in this procedure."""
    return aanbesteding.inschrijvingen.filter(
        organisatie_id__in=organisatie_ids(gebruiker)
    ).exists()


def vragen_voor(gebruiker, aanbesteding: Aanbesteding) -> QuerySet[Vraag]:
    """The region side sees every question with its asker; a bidder only its own questions."""
    vragen = aanbesteding.vragen.select_related("inschrijving__organisatie", "nota")
    if is_regiozijde(gebruiker, aanbesteding):
        return vragen
    return vragen.filter(inschrijving__organisatie_id__in=organisatie_ids(gebruiker))


def nota_s_voor(gebruiker, aanbesteding: Aanbesteding) -> QuerySet[NotaVanInlichtingen]:
    """Published answers: for the region side and for every registrant."""
    if is_regiozijde(gebruiker, aanbesteding) or is_deelnemer(gebruiker, aanbesteding):
        return aanbesteding.nota_s.prefetch_related("vragen")
    return NotaVanInlichtingen.objects.none()


def stukken_voor(gebruiker, aanbesteding: Aanbesteding):
    """Procurement documents: the region side always; bidders once the procedure is published."""
    if is_regiozijde(gebruiker, aanbesteding) or aanbesteding.status != Status.CONCEPT:
        return aanbesteding.stukken.all()
    return aanbesteding.stukken.none()
