"""Reads of the other contexts into facts, limited to what the user's role may see in figures.

* region roles (inkoper, beoordelaar, contractmanager): every municipality;
* gemeente-medewerker: its own municipality, plus the region's totals;
* gebiedsteam-medewerker: the municipality of its area team, plus the region's totals;
* backoffice: all work under the agreements of its organisation (as contract partner or
  combinant);
* onderaannemer-medewerker: the trajectories its organisation carried out.

Only counts and sums leave this module's callers: no page or export shows a client-level row.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from wmoregie.aanbestedingen.termijnen import add_working_days
from wmoregie.accounts.constants import Rol
from wmoregie.catalogi.models import Gebiedsteam, Gemeente, Product
from wmoregie.clienten import selectors as clientselectors
from wmoregie.clienten.constants import ANTWOORDTERMIJN_WERKDAGEN, Meetmoment
from wmoregie.clienten.models import (
    Aanmelding,
    Declaratie,
    Doel,
    Inzet,
    Score,
    Toewijzing,
    Traject,
    Trajectbericht,
)
from wmoregie.contracten.models import Budgetaandeel, Budgetbetaling

from ..models import Bestedingsopgave, Cijferinstelling, Inwonertal
from .feiten import (
    AanmeldingFeit,
    BerichtFeit,
    BestedingFeit,
    BudgetFeit,
    DeclaratieFeit,
    DoelFeit,
    Periode,
    ScoreFeit,
    TrajectFeit,
)
from .onderdrukking import Onderdrukking

REGIOROLLEN = frozenset({Rol.INKOPER, Rol.BEOORDELAAR, Rol.CONTRACTMANAGER})


@dataclass(frozen=True)
class Cijferscope:
    alles: bool = False
    gemeenten: frozenset[str] = frozenset()  # CBS codes
    consortia: frozenset[int] = frozenset()  # organisation ids (back office)
    onderaannemers: frozenset[int] = frozenset()  # organisation ids

    @property
    def leeg(self) -> bool:
        return not (self.alles or self.gemeenten or self.consortia or self.onderaannemers)

    @property
    def regio_totaal(self) -> bool:
        """A municipality also sees the region's totals (not the other municipalities)."""
        return not self.alles and bool(self.gemeenten)

    @property
    def ziet_geld(self) -> bool:
        return self.alles or bool(self.gemeenten or self.consortia)


ALLES = Cijferscope(alles=True)


def scope_van(user) -> Cijferscope:
    if not user.is_authenticated or not user.is_active:
        return Cijferscope()
    gemeenten, consortia, onderaannemers, alles = set(), set(), set(), False
    for rol, gemeente, team_gemeente, organisatie in user.roltoekenningen.values_list(
        "rol", "gemeente__code", "gebiedsteam__gemeente__code", "organisatie_id"
    ):
        if rol in REGIOROLLEN:
            alles = True
        elif rol == Rol.GEMEENTE_MEDEWERKER:
            gemeenten.add(gemeente)
        elif rol == Rol.GEBIEDSTEAM_MEDEWERKER:
            gemeenten.add(team_gemeente)
        elif rol == Rol.BACKOFFICE:
            consortia.add(organisatie)
        elif rol == Rol.ONDERAANNEMER_MEDEWERKER:
            onderaannemers.add(organisatie)
    if alles:
        return ALLES
    return Cijferscope(
        gemeenten=frozenset(gemeenten),
        consortia=frozenset(consortia),
        onderaannemers=frozenset(onderaannemers),
    )


@dataclass(frozen=True)
class Filter:
    """The dashboard filters; None/"" is everything the scope allows."""

    periode: Periode
    gemeente: str = ""  # CBS code
    gebiedsteam: int | None = None
    product: int | None = None
    onderaannemer: int | None = None  # organisation id; 0 = own staff

    def zonder_gebied(self) -> Filter:
        return replace(self, gemeente="", gebiedsteam=None)


def _overeenkomst_q(scope: Cijferscope, prefix: str) -> Q:
    return Q(**{f"{prefix}opdrachtnemer_id__in": scope.consortia}) | Q(
        **{f"{prefix}combinanten__organisatie_id__in": scope.consortia}
    )


def _uitgevoerd_door(organisaties, ref: str = "pk") -> Exists:
    return Exists(
        Inzet.objects.filter(
            traject_id=OuterRef(ref), onderaannemer__organisatie_id__in=organisaties
        )
    )


def cellen_in_scope(scope: Cijferscope, filter_: Filter) -> Q:
    """The rows of a municipality × product summary table in ``scope`` and ``filter_``."""
    q = Q()
    if not scope.alles:
        q &= Q(gemeente__in=scope.gemeenten)
    if filter_.gemeente:
        q &= Q(gemeente=filter_.gemeente)
    if filter_.product:
        q &= Q(product_id=filter_.product)
    return q


def trajecten(scope: Cijferscope, filter_: Filter) -> QuerySet[Traject]:
    qs = Traject.objects.all()
    if scope.leeg:
        return qs.none()
    if not scope.alles:
        q = Q(pk__in=[])
        if scope.gemeenten:
            q |= Q(aanmelding__gemeente__code__in=scope.gemeenten)
        if scope.consortia:
            q |= Q(
                pk__in=Traject.objects.filter(
                    _overeenkomst_q(scope, "aanmelding__overeenkomst__")
                ).values("pk")
            )
        if scope.onderaannemers:
            q |= Q(_uitgevoerd_door(scope.onderaannemers))
        qs = qs.filter(q)
    if filter_.gemeente:
        qs = qs.filter(aanmelding__gemeente__code=filter_.gemeente)
    if filter_.gebiedsteam:
        qs = qs.filter(aanmelding__gebiedsteam_id=filter_.gebiedsteam)
    if filter_.product:
        qs = qs.filter(product_id=filter_.product)
    if filter_.onderaannemer is not None:
        if filter_.onderaannemer == 0:
            qs = qs.exclude(inzetten__onderaannemer__isnull=False)
        else:
            qs = qs.filter(_uitgevoerd_door([filter_.onderaannemer]))
    return qs


def traject_feiten(scope: Cijferscope, filter_: Filter) -> list[TrajectFeit]:
    qs = trajecten(scope, filter_)
    uitvoerders = dict(
        Inzet.objects.filter(traject__in=qs.values("pk"))
        .order_by("traject_id", "van", "id")
        .values_list("traject_id", "onderaannemer__organisatie__naam")
    )
    return [
        TrajectFeit(
            traject=r[0],
            client=r[1],
            gemeente=r[2],
            product=r[3],
            aangemeld_op=r[4],
            startdatum=r[5],
            einddatum=r[6],
            gebiedsteam=r[7] or "",
            onderaannemer=uitvoerders.get(r[0]) or "",
            geboortedatum=r[8],
            geslacht=r[9],
            vorig_traject=r[10],
            vorig_product=r[11] or "",
        )
        for r in qs.values_list(
            "pk",
            "client_id",
            "aanmelding__gemeente__code",
            "product__naam",
            "aanmelding__aangemeld_op",
            "startdatum",
            "einddatum",
            "aanmelding__gebiedsteam__naam",
            "client__geboortedatum",
            "client__geslacht",
            "aanmelding__vorig_traject_id",
            "aanmelding__vorig_traject__product__naam",
        ).order_by("pk")
    ]


def aanmeldingen(scope: Cijferscope, filter_: Filter) -> QuerySet[Aanmelding]:
    """Referrals in scope. The back office sees its agreements'; a subcontractor none (it is
    not told about referrals before they are assigned to it)."""
    qs = Aanmelding.objects.all()
    if not scope.alles:
        q = Q(pk__in=[])
        if scope.gemeenten:
            q |= Q(gemeente__code__in=scope.gemeenten)
        if scope.consortia:
            q |= Q(
                pk__in=Aanmelding.objects.filter(_overeenkomst_q(scope, "overeenkomst__")).values(
                    "pk"
                )
            )
        if scope.onderaannemers:
            q |= Q(
                traject__in=trajecten(
                    replace(scope, gemeenten=frozenset(), consortia=frozenset()), filter_
                ).values("pk")
            )
        qs = qs.filter(q)
    if filter_.gemeente:
        qs = qs.filter(gemeente__code=filter_.gemeente)
    if filter_.gebiedsteam:
        qs = qs.filter(gebiedsteam_id=filter_.gebiedsteam)
    if filter_.product:
        qs = qs.filter(product_id=filter_.product)
    if filter_.onderaannemer is not None:
        qs = qs.filter(traject__in=trajecten(scope, filter_).values("pk"))
    return qs


def aanmelding_feiten(scope: Cijferscope, filter_: Filter) -> list[AanmeldingFeit]:
    return [
        AanmeldingFeit(pk, gemeente, product, aangemeld_op, status, reden or "")
        for pk, gemeente, product, aangemeld_op, status, reden in aanmeldingen(
            scope, filter_
        ).values_list(
            "pk", "gemeente__code", "product__naam", "aangemeld_op", "status", "weigerreden__naam"
        )
    ]


def wachttijden(scope: Cijferscope, filter_: Filter, peildatum: date):
    normen = clientselectors.wachttijdnormen()
    uitkomst = []
    for aanmelding in aanmeldingen(scope, filter_).select_related("product", "traject"):
        w = clientselectors.wachttijd(aanmelding, peildatum, normen)
        if w is not None:
            uitkomst.append(w)
    return uitkomst


def wachtende_aanmeldingen(scope: Cijferscope, filter_: Filter, peildatum: date):
    """The referrals in scope still waiting for their start on ``peildatum``: not refused or
    withdrawn, and not accepted, without a trajectory, with a start after ``peildatum``, or
    without a start on a trajectory that is still open."""
    from wmoregie.clienten.constants import AanmeldingStatus, TrajectStatus

    return (
        aanmeldingen(scope, filter_)
        .exclude(status__in=[AanmeldingStatus.GEWEIGERD, AanmeldingStatus.INGETROKKEN])
        .filter(
            ~Q(status=AanmeldingStatus.GEACCEPTEERD)
            | Q(traject__isnull=True)
            | Q(traject__startdatum__gt=peildatum)
            | (
                Q(traject__startdatum__isnull=True)
                & ~Q(traject__status__in=[TrajectStatus.AFGEWEZEN, TrajectStatus.BEEINDIGD])
            )
        )
    )


def tel_wachtend(groepen, peildatum: date) -> tuple[int, int]:
    """(waiting, over the norm) of (aangemeld_op, product id, how many) groups of waiting
    referrals: over the norm when ``max(0, (peildatum - aangemeld_op).days)`` exceeds the
    product's norm."""
    normen = clientselectors.wachttijdnormen()
    norm: dict[int, int] = {}
    wacht = boven = 0
    for aangemeld_op, product, aantal in groepen:
        if product not in norm:
            norm[product] = clientselectors.norm_voor(Product(pk=product), normen)
        wacht += aantal
        if max(0, (peildatum - aangemeld_op).days) > norm[product]:
            boven += aantal
    return wacht, boven


def wachtend(scope: Cijferscope, filter_: Filter, peildatum: date) -> tuple[int, int]:
    """Referrals in scope still waiting for their start on ``peildatum``, and how many of them
    over the norm: the not-started ones of ``wachttijden``, counted without reading the rest."""
    return tel_wachtend(
        wachtende_aanmeldingen(scope, filter_, peildatum)
        .order_by()
        .values("aangemeld_op", "product_id")
        .annotate(aantal=Count("pk"))
        .values_list("aangemeld_op", "product_id", "aantal"),
        peildatum,
    )


def score_feiten(scope: Cijferscope, filter_: Filter) -> tuple[list[ScoreFeit], list[str]]:
    """Start and end scores per life domain of trajectories that ended in the period."""
    qs = trajecten(scope, filter_).filter(
        einddatum__gte=filter_.periode.van, einddatum__lte=filter_.periode.tot
    )
    paren: dict[tuple[int, int], dict[str, int]] = {}
    namen: dict[int, tuple[int, str]] = {}
    for traject, moment, domein, volgorde, naam, waarde in Score.objects.filter(
        meetronde__traject__in=qs.values("pk"),
        meetronde__moment__in=[Meetmoment.START, Meetmoment.EIND],
    ).values_list(
        "meetronde__traject_id",
        "meetronde__moment",
        "levensdomein_id",
        "levensdomein__volgorde",
        "levensdomein__naam",
        "waarde",
    ):
        paren.setdefault((traject, domein), {})[moment] = waarde
        namen[domein] = (volgorde, naam)
    feiten = [
        ScoreFeit(namen[domein][1], m[Meetmoment.START], m[Meetmoment.EIND])
        for (_traject, domein), m in sorted(paren.items())
        if Meetmoment.START in m and Meetmoment.EIND in m
    ]
    return feiten, [naam for _v, naam in sorted(set(namen.values()))]


def doel_feiten(scope: Cijferscope, filter_: Filter) -> list[DoelFeit]:
    qs = trajecten(scope, filter_).filter(
        einddatum__gte=filter_.periode.van, einddatum__lte=filter_.periode.tot
    )
    return [
        DoelFeit(naam, resultaat)
        for naam, resultaat in Doel.objects.filter(plan__traject__in=qs.values("pk"))
        .order_by("levensdomein__volgorde", "id")
        .values_list("levensdomein__naam", "resultaat")
    ]


def _gemeenten_q(scope: Cijferscope, filter_: Filter, veld: str) -> Q:
    q = Q()
    if not scope.alles and scope.gemeenten and not scope.consortia:
        q &= Q(**{f"{veld}__code__in": scope.gemeenten})
    if filter_.gemeente:
        q &= Q(**{f"{veld}__code": filter_.gemeente})
    return q


def _overeenkomsten_q(scope: Cijferscope, prefix: str) -> Q:
    if scope.alles or not scope.consortia:
        return Q()
    return _overeenkomst_q(scope, prefix)


def geld_feiten(scope: Cijferscope, filter_: Filter):
    """Budget shares, instalments paid and reported spend of the budget year of the period's
    end, up to the period's end."""
    if not scope.ziet_geld:
        return [], [], []
    jaar, tot = filter_.periode.tot.year, filter_.periode.tot
    aandelen = Budgetaandeel.objects.filter(
        _gemeenten_q(scope, filter_, "gemeente"),
        _overeenkomsten_q(scope, "budget__overeenkomst__"),
        budget__jaar=jaar,
    ).distinct()
    betaald: dict[int, object] = {}
    for aandeel, bedrag in Budgetbetaling.objects.filter(
        aandeel__in=aandelen.values("pk"), betaald_op__lte=tot
    ).values_list("aandeel_id", "bedrag"):
        betaald[aandeel] = betaald.get(aandeel, 0) + bedrag
    from decimal import Decimal

    budgetten = [
        BudgetFeit(code, bedrag, Decimal(betaald.get(pk, 0)))
        for pk, code, bedrag in aandelen.values_list("pk", "gemeente__code", "bedrag")
    ]
    bestedingen = [
        BestedingFeit(code, eigen, onder)
        for code, eigen, onder in Bestedingsopgave.objects.filter(
            _gemeenten_q(scope, filter_, "gemeente"),
            _overeenkomsten_q(scope, "overeenkomst__"),
            jaar=jaar,
            kwartaal__lte=(tot.month - 1) // 3 + 1,
        )
        .distinct()
        .values_list("gemeente__code", "eigen_personeel", "onderaannemers")
    ]
    declaraties = [
        DeclaratieFeit(code, ingediend, toegekend)
        for code, ingediend, toegekend in Declaratie.objects.filter(
            _gemeenten_q(scope, filter_, "gemeente"),
            _overeenkomsten_q(scope, "overeenkomst__"),
            periode_van__gte=filter_.periode.van,
            periode_van__lte=tot,
        )
        .distinct()
        .values_list("gemeente__code", "ingediend_bedrag", "toegekend_bedrag")
    ]
    return budgetten, bestedingen, declaraties


def bericht_feiten(scope: Cijferscope, filter_: Filter, peildatum: date) -> list[BerichtFeit]:
    qs = Trajectbericht.objects.filter(
        traject__in=trajecten(scope, filter_).values("pk"),
        verzonden_op__date__gte=filter_.periode.van,
        verzonden_op__date__lte=filter_.periode.tot,
    ).values_list(
        "berichttype",
        "traject__aanmelding__gemeente__code",
        "antwoordstatus",
        "retourcodes",
        "verzonden_op",
        "beantwoord_op",
    )
    return [
        BerichtFeit(
            berichttype=soort.upper(),
            gemeente=gemeente,
            antwoordstatus=status,
            retourcodes=tuple(codes.split()),
            verzonden_op=verzonden,
            beantwoord_op=beantwoord,
            te_laat=status == "wacht"
            and add_working_days(timezone.localdate(verzonden), ANTWOORDTERMIJN_WERKDAGEN)
            < peildatum,
        )
        for soort, gemeente, status, codes, verzonden, beantwoord in qs
    ]


def toewijzing_tot_start(scope: Cijferscope, filter_: Filter) -> list[int]:
    """Days from the first toewijzing to the start, of trajectories started in the period."""
    eerste: dict[int, tuple[date, date]] = {}
    for traject, toegewezen, start in (
        Toewijzing.objects.filter(
            traject__in=trajecten(scope, filter_).values("pk"),
            traject__startdatum__gte=filter_.periode.van,
            traject__startdatum__lte=filter_.periode.tot,
        )
        .order_by("traject_id", "toewijzingsdatum")
        .values_list("traject_id", "toewijzingsdatum", "traject__startdatum")
    ):
        eerste.setdefault(traject, (toegewezen, start))
    return [max(0, (start - toegewezen).days) for toegewezen, start in eerste.values()]


def onverwerkte_declaratieberichten(scope: Cijferscope, filter_: Filter) -> int:
    """Received claim messages (323/325) that match no claim in wmoregie."""
    from wmoregie.clienten.services.berichten import onverwerkte_berichten

    qs = onverwerkte_berichten().filter(berichttype__in=["wmo323", "wmo325"])
    if not scope.alles:
        q = Q(pk__in=[])
        if scope.gemeenten:
            q |= Q(gemeente__in=scope.gemeenten)
        if scope.consortia:
            from wmoregie.accounts.models import Organisatie

            agb = list(
                Organisatie.objects.filter(pk__in=scope.consortia)
                .exclude(agb_code="")
                .values_list("agb_code", flat=True)
            )
            q |= Q(afzender__in=agb) | Q(ontvanger__in=agb)
        qs = qs.filter(q) if (scope.gemeenten or scope.consortia) else qs.none()
    if filter_.gemeente:
        qs = qs.filter(gemeente=filter_.gemeente)
    return qs.count()


def inwoners(jaar: int) -> dict[str, int]:
    """CBS code → inhabitants on 1 January of ``jaar``; the latest earlier year when missing."""
    uitkomst: dict[str, int] = {}
    for code, aantal in (
        Inwonertal.objects.filter(jaar__lte=jaar)
        .order_by("jaar")
        .values_list("gemeente__code", "inwoners")
    ):
        uitkomst[code] = aantal
    return uitkomst


def onderdrukking() -> Onderdrukking:
    instelling = Cijferinstelling.objects.first()
    if instelling is None:
        return Onderdrukking()
    return Onderdrukking(drempel=instelling.drempel, afronding=instelling.afronding)


def gemeenten_in_scope(scope: Cijferscope) -> QuerySet[Gemeente]:
    if scope.alles or scope.consortia or scope.onderaannemers:
        return Gemeente.objects.order_by("naam")
    return Gemeente.objects.filter(code__in=scope.gemeenten).order_by("naam")


def gebiedsteams_in_scope(scope: Cijferscope) -> QuerySet[Gebiedsteam]:
    return (
        Gebiedsteam.objects.filter(gemeente__in=gemeenten_in_scope(scope))
        .select_related("gemeente")
        .order_by("gemeente__naam", "naam")
    )
