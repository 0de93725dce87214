"""Reads of contracten, limited to the user's scope.

* contractmanager (region): everything;
* backoffice (its organisation): the agreements where that organisation is the contract partner
  or a combinant, with their budgets, subcontractors, published sheets and subcontracts;
* onderaannemer-medewerker (its organisation): only its own subcontracts and the published
  sheets those use;
* gemeente-medewerker (its municipality): read only, the agreements and budgets it pays into,
  and of each budget only its own share with its instalments and payments (#15.9).

A user with several roles sees the union. Views fetch objects through these querysets, so an
object outside the scope is a 404 — its existence is not revealed.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.db.models import Prefetch, Q, QuerySet

from wmoregie.accounts.constants import Rol

from .berekeningen import Termijn, split_budget, split_in_termijnen
from .constants import Documentsoort, Documentstand, OnderaannemerStatus, PrijsbladStatus
from .models import (
    Budget,
    Budgetaandeel,
    Nalevingsdocument,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
    Tarief,
)


def _organisaties(user, rol: str) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    return [
        t.organisatie_id
        for t in user.toekenningen()
        if t.rol == rol and t.organisatie_id is not None
    ]


def is_contractmanager(user) -> bool:
    return user.is_authenticated and user.is_active and Rol.CONTRACTMANAGER in user.rollen()


def _overeenkomst_filter(user, prefix: str = "") -> Q | None:
    """None: no limit (contractmanager); else a Q on the agreement (never true when empty)."""
    if is_contractmanager(user):
        return None
    organisaties = _organisaties(user, Rol.BACKOFFICE)
    return Q(**{f"{prefix}opdrachtnemer_id__in": organisaties}) | Q(
        **{f"{prefix}combinanten__organisatie_id__in": organisaties}
    )


def overeenkomsten_voor(user) -> QuerySet[Overeenkomst]:
    qs = Overeenkomst.objects.select_related("perceel", "opdrachtnemer", "regio")
    filter_ = _overeenkomst_filter(user)
    if filter_ is not None:
        qs = qs.filter(filter_).distinct()
    return qs.prefetch_related("verlengingsopties", "combinanten__organisatie")


def gemeenten_van(user) -> list[int]:
    """The municipalities whose budget share the user may read (role gemeente-medewerker)."""
    if not user.is_authenticated or not user.is_active:
        return []
    return [
        t.gemeente_id
        for t in user.toekenningen()
        if t.rol == Rol.GEMEENTE_MEDEWERKER and t.gemeente_id is not None
    ]


def overeenkomsten_inzage(user) -> QuerySet[Overeenkomst]:
    """What the user may read: ``overeenkomsten_voor`` plus, for a municipality, the agreements
    with a budget it has a share in."""
    met_aandeel = Overeenkomst.objects.filter(
        budgetten__aandelen__gemeente_id__in=gemeenten_van(user)
    ).values("pk")
    return (
        Overeenkomst.objects.select_related("perceel", "opdrachtnemer", "regio")
        .filter(Q(pk__in=overeenkomsten_voor(user).values("pk")) | Q(pk__in=met_aandeel))
        .prefetch_related("verlengingsopties", "combinanten__organisatie")
    )


def budgetten_inzage(user) -> QuerySet[Budget]:
    """``budgetten_voor`` plus, for a municipality, the budgets it has a share in."""
    met_aandeel = Budget.objects.filter(aandelen__gemeente_id__in=gemeenten_van(user)).values("pk")
    return Budget.objects.select_related("overeenkomst", "indexering", "vorig_budget").filter(
        Q(pk__in=budgetten_voor(user).values("pk")) | Q(pk__in=met_aandeel)
    )


def beheerbare_overeenkomsten(user) -> QuerySet[Overeenkomst]:
    """Where the user may register subcontractors and subcontracts: CM all, backoffice its own."""
    return overeenkomsten_voor(user)


def budgetten_voor(user) -> QuerySet[Budget]:
    qs = Budget.objects.select_related("overeenkomst", "indexering", "vorig_budget")
    filter_ = _overeenkomst_filter(user, "overeenkomst__")
    if filter_ is not None:
        qs = qs.filter(filter_).distinct()
    return qs


def onderaannemers_voor(user) -> QuerySet[Onderaannemer]:
    """CM: all; backoffice: of its agreements; onderaannemer: its own entries."""
    qs = Onderaannemer.objects.select_related("organisatie", "overeenkomst")
    if is_contractmanager(user):
        return qs
    filter_ = _overeenkomst_filter(user, "overeenkomst__") | Q(
        organisatie_id__in=_organisaties(user, Rol.ONDERAANNEMER_MEDEWERKER)
    )
    return qs.filter(filter_).distinct()


def onderaanneemcontracten_voor(user) -> QuerySet[Onderaanneemcontract]:
    qs = Onderaanneemcontract.objects.select_related(
        "onderaannemer__organisatie", "onderaannemer__overeenkomst", "prijsblad__product"
    )
    if is_contractmanager(user):
        return qs
    filter_ = _overeenkomst_filter(user, "onderaannemer__overeenkomst__") | Q(
        onderaannemer__organisatie_id__in=_organisaties(user, Rol.ONDERAANNEMER_MEDEWERKER)
    )
    return qs.filter(filter_).distinct()


def prijsbladen_voor(user) -> QuerySet[Prijsblad]:
    """CM: every version; backoffice: the published sheets (current and retired) of its
    agreements; onderaannemer: only the sheets its own subcontracts use."""
    qs = Prijsblad.objects.select_related("overeenkomst", "product").prefetch_related(
        "niet_productieve_tijd"
    )
    if is_contractmanager(user):
        return qs
    eigen = _overeenkomst_filter(user, "overeenkomst__") & ~Q(status=PrijsbladStatus.CONCEPT)
    via_contract = Q(
        onderaanneemcontracten__onderaannemer__organisatie_id__in=_organisaties(
            user, Rol.ONDERAANNEMER_MEDEWERKER
        )
    )
    return qs.filter(eigen | via_contract).distinct()


def tarieven_voor(user) -> QuerySet[Tarief]:
    """CM: all; backoffice: the tariffs of its agreements; a subcontractor: none."""
    qs = Tarief.objects.select_related(
        "overeenkomst", "product", "vorig_tarief", "indexering"
    ).order_by("overeenkomst", "-geldig_van", "product__volgorde", "product__naam")
    filter_ = _overeenkomst_filter(user, "overeenkomst__")
    if filter_ is not None:
        qs = qs.filter(filter_).distinct()
    return qs


@dataclass(frozen=True)
class Tariefregel:
    tarief: Tarief
    berekening: object | None  # Indexeringsberekening when the tariff came from an indexation


@dataclass(frozen=True)
class Tariefjaar:
    """The tariffs that start in one year, with the indexation that made them (if any)."""

    jaar: int
    regels: list[Tariefregel]
    indexering: object | None  # contracten.Indexering

    @property
    def indexstappen(self):
        """The index steps of the year (the same for every tariff): up to the percentage."""
        for regel in self.regels:
            if regel.berekening is not None:
                return [
                    s
                    for s in regel.berekening.stappen
                    if s.code not in {"bedrag", "nieuw_bedrag_exact", "nieuw_bedrag"}
                ]
        return []


def tarieflijst(overeenkomst: Overeenkomst) -> list[Tariefjaar]:
    """The agreement's tariffs grouped by the year they start in, newest year first; for an
    indexed tariff the calculation from the previous one is recomputed from stored inputs."""
    per_jaar: dict[int, list[Tariefregel]] = {}
    tarieven = overeenkomst.tarieven.select_related(
        "product", "vorig_tarief", "indexering"
    ).order_by("-geldig_van", "product__volgorde", "product__naam")
    for tarief in tarieven:
        per_jaar.setdefault(tarief.geldig_van.year, []).append(
            Tariefregel(tarief=tarief, berekening=tarief.indexberekening())
        )
    return [
        Tariefjaar(
            jaar=jaar,
            regels=regels,
            indexering=next((r.tarief.indexering for r in regels if r.tarief.indexering), None),
        )
        for jaar, regels in per_jaar.items()
    ]


def gepubliceerde_prijsbladen(overeenkomst: Overeenkomst) -> QuerySet[Prijsblad]:
    return overeenkomst.prijsbladen.filter(status=PrijsbladStatus.GEPUBLICEERD).select_related(
        "product"
    )


def register(overeenkomst: Overeenkomst) -> QuerySet[Onderaannemer]:
    """The subcontractor register of one agreement, with products, documents and contracts."""
    return overeenkomst.onderaannemers.select_related("organisatie").prefetch_related(
        "producten",
        Prefetch("documenten", queryset=Nalevingsdocument.objects.order_by("soort", "-geldig_tot")),
        "contracten",
    )


@dataclass(frozen=True)
class Documentregel:
    soort: str
    soort_label: str
    document: Nalevingsdocument | None
    stand: str
    stand_label: str
    dagen_tot_verloop: int | None


def compliance(onderaannemer: Onderaannemer, op: date) -> list[Documentregel]:
    """Per required kind of document the newest one, with how it stands on ``op``."""
    dagen = onderaannemer.overeenkomst.waarschuwingstermijn_dagen
    nieuwste: dict[str, Nalevingsdocument] = {}
    for document in onderaannemer.documenten.all():
        huidig = nieuwste.get(document.soort)
        if huidig is None or (document.geldig_tot or date.max) > (huidig.geldig_tot or date.max):
            nieuwste[document.soort] = document
    regels = []
    for soort in Documentsoort:
        document = nieuwste.get(soort.value)
        stand = document.stand(op, dagen) if document else Documentstand.ONTBREEKT
        regels.append(
            Documentregel(
                soort=soort.value,
                soort_label=soort.label,
                document=document,
                stand=stand,
                stand_label=Documentstand(stand).label,
                dagen_tot_verloop=(document.geldig_tot - op).days
                if document and document.geldig_tot
                else None,
            )
        )
    return regels


@dataclass(frozen=True)
class Waarschuwing:
    onderaannemer: Onderaannemer
    regel: Documentregel


def waarschuwingen(user, op: date) -> list[Waarschuwing]:
    """Documents of active or pending subcontractors that are missing, expired or expire soon."""
    uit = []
    onderaannemers = (
        onderaannemers_voor(user)
        .filter(status__in=[OnderaannemerStatus.ACTIEF, OnderaannemerStatus.AANGEMELD])
        .prefetch_related("documenten")
    )
    for onderaannemer in onderaannemers:
        for regel in compliance(onderaannemer, op):
            if regel.stand != Documentstand.GELDIG:
                uit.append(Waarschuwing(onderaannemer, regel))
    return uit


@dataclass(frozen=True)
class Budgetregel:
    aandeel: Budgetaandeel
    fractie: Decimal  # key ÷ sum of keys, from the calculation package
    bedrag_exact: Decimal  # total × fraction, before the split into whole cents
    termijnen: tuple[Termijn, ...]
    betaald: Decimal
    nog_te_betalen: Decimal

    @property
    def procent(self) -> Decimal:
        return self.fractie * 100


@dataclass(frozen=True)
class Budgetoverzicht:
    regels: list[Budgetregel]
    som: Decimal
    som_sleutel: Decimal
    termijnen_totaal: tuple[Termijn, ...]
    klopt: bool  # the stored split is what the calculation gives today


def budgetoverzicht(budget: Budget) -> Budgetoverzicht:
    """The split per municipality with how it was computed, instalments and what was paid."""
    aandelen = list(budget.aandelen.select_related("gemeente").prefetch_related("betalingen"))
    verdeling = split_budget(budget.totaal, {a.gemeente.code: a.sleutelwaarde for a in aandelen})
    per_code = {a.sleutel: a for a in verdeling.aandelen}
    regels = []
    for aandeel in aandelen:
        berekend = per_code[aandeel.gemeente.code]
        betaald = aandeel.betaald
        regels.append(
            Budgetregel(
                aandeel=aandeel,
                fractie=berekend.aandeel,
                bedrag_exact=berekend.bedrag_exact,
                termijnen=split_in_termijnen(aandeel.bedrag, budget.aantal_termijnen),
                betaald=betaald,
                nog_te_betalen=aandeel.bedrag - betaald,
            )
        )
    return Budgetoverzicht(
        regels=regels,
        som=sum((a.bedrag for a in aandelen), Decimal(0)),
        som_sleutel=verdeling.som_verdeelsleutel,
        termijnen_totaal=split_in_termijnen(budget.totaal, budget.aantal_termijnen),
        klopt=all(per_code[a.gemeente.code].bedrag == a.bedrag for a in aandelen),
    )


def inzetbare_onderaannemers(overeenkomst: Overeenkomst, product, datum: date):
    """The subcontractors that may carry out ``product`` on ``datum`` under ``overeenkomst``:
    active in the register (so with the region's consent where it is needed), registered for
    the product, within their own period, and with a signed subcontract for that product (its
    standard price sheet) that runs on that day."""
    lopend_contract = Onderaanneemcontract.objects.filter(
        onderaannemer_id=models.OuterRef("pk"),
        prijsblad__product=product,
        ondertekend_op__isnull=False,
        ingangsdatum__lte=datum,
        einddatum__gte=datum,
    )
    return (
        overeenkomst.onderaannemers.filter(
            status=OnderaannemerStatus.ACTIEF,
            producten=product,
            ingangsdatum__lte=datum,
        )
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=datum))
        .filter(models.Exists(lopend_contract))
        .select_related("organisatie")
        .order_by("organisatie__naam")
    )
