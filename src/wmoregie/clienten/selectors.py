"""Reads of client data, limited to the user's roles and scope.

* gemeente-medewerker: the referrals and trajectories of its municipality;
* gebiedsteam-medewerker: those its area team referred;
* backoffice: every referral and trajectory under an agreement of its organisation (as
  contract partner or combinant);
* onderaannemer-medewerker: only the trajectories assigned to its organisation, and only while
  the assignment is open;
* every other role: nothing (aggregates only, in monitoring).

A user with several roles sees the union. Views and the API fetch objects only through these
querysets, so an object outside the scope is a 404: its existence is not revealed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet

from wmoregie.accounts.constants import ROLLEN_MET_CLIENTGEGEVENS, Rol
from wmoregie.catalogi.constants import IwmoKanaal

from .constants import AanmeldingStatus, Antwoordstatus, TrajectStatus
from .models import Aanmelding, Client, Inzet, Traject, Trajectbericht


@dataclass(frozen=True)
class Scope:
    """The scope objects of a user's client-data roles (ids), read once per request."""

    gemeenten: frozenset[int] = frozenset()
    gebiedsteams: frozenset[int] = frozenset()
    consortia: frozenset[int] = frozenset()  # backoffice organisations
    onderaannemers: frozenset[int] = frozenset()  # subcontractor organisations

    @property
    def leeg(self) -> bool:
        return not (self.gemeenten or self.gebiedsteams or self.consortia or self.onderaannemers)


def scope_van(user) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return Scope()
    cache = getattr(user, "_clienten_scope", None)
    if cache is not None:
        return cache
    per_rol: dict[str, set[int]] = {}
    for t in user.toekenningen():
        if t.rol in ROLLEN_MET_CLIENTGEGEVENS:
            per_rol.setdefault(t.rol, set()).add(
                t.gemeente_id or t.gebiedsteam_id or t.organisatie_id
            )
    scope = Scope(
        gemeenten=frozenset(per_rol.get(Rol.GEMEENTE_MEDEWERKER, ())),
        gebiedsteams=frozenset(per_rol.get(Rol.GEBIEDSTEAM_MEDEWERKER, ())),
        consortia=frozenset(per_rol.get(Rol.BACKOFFICE, ())),
        onderaannemers=frozenset(per_rol.get(Rol.ONDERAANNEMER_MEDEWERKER, ())),
    )
    user._clienten_scope = scope
    return scope


def _consortium_filter(scope: Scope, prefix: str) -> Q:
    return Q(**{f"{prefix}overeenkomst__opdrachtnemer_id__in": scope.consortia}) | Q(
        **{f"{prefix}overeenkomst__combinanten__organisatie_id__in": scope.consortia}
    )


def _aanmelding_filter(scope: Scope, prefix: str = "") -> Q:
    """Who sees a referral as gemeente, area team or back office (never empty-true)."""
    filter_ = Q(pk__in=[])
    if scope.gemeenten:
        filter_ |= Q(**{f"{prefix}gemeente_id__in": scope.gemeenten})
    if scope.gebiedsteams:
        filter_ |= Q(**{f"{prefix}gebiedsteam_id__in": scope.gebiedsteams})
    if scope.consortia:
        filter_ |= _consortium_filter(scope, prefix)
    return filter_


def _open_inzet_bij(scope: Scope, traject_ref: str = "pk") -> Exists:
    return Exists(
        Inzet.objects.filter(
            traject_id=OuterRef(traject_ref),
            tot__isnull=True,
            onderaannemer__organisatie_id__in=scope.onderaannemers,
        )
    )


def aanmeldingen_voor(user) -> QuerySet[Aanmelding]:
    """Referrals the user may see: gemeente, area team and back office (not a subcontractor)."""
    scope = scope_van(user)
    qs = Aanmelding.objects.select_related(
        "client",
        "gemeente",
        "gebiedsteam",
        "product__perceel",
        "bron",
        "weigerreden",
        "overeenkomst",
    )
    if not (scope.gemeenten or scope.gebiedsteams or scope.consortia):
        return qs.none()
    ids = Aanmelding.objects.filter(_aanmelding_filter(scope)).values("pk")
    return qs.filter(pk__in=ids)


def trajecten_voor(user) -> QuerySet[Traject]:
    scope = scope_van(user)
    qs = Traject.objects.select_related(
        "client",
        "product__perceel",
        "aanmelding__gemeente",
        "aanmelding__gebiedsteam",
        "aanmelding__product",
        "aanmelding__overeenkomst__opdrachtnemer",
    )
    if scope.leeg:
        return qs.none()
    filter_ = Q(
        pk__in=Traject.objects.filter(_aanmelding_filter(scope, "aanmelding__")).values("pk")
    )
    if scope.onderaannemers:
        filter_ |= Q(_open_inzet_bij(scope))
    return qs.filter(filter_)


def clienten_voor(user) -> QuerySet[Client]:
    """Clients with at least one referral or trajectory the user may see."""
    scope = scope_van(user)
    if scope.leeg:
        return Client.objects.none()
    return Client.objects.select_related("gemeente").filter(
        Q(pk__in=aanmeldingen_voor(user).values("client_id"))
        | Q(pk__in=trajecten_voor(user).values("client_id"))
    )


def is_backoffice_van(user, traject_of_aanmelding) -> bool:
    """Whether the user works in the back office of the trajectory's contract partner."""
    scope = scope_van(user)
    if not scope.consortia:
        return False
    aanmelding = getattr(traject_of_aanmelding, "aanmelding", traject_of_aanmelding)
    overeenkomst = aanmelding.overeenkomst
    if overeenkomst.opdrachtnemer_id in scope.consortia:
        return True
    return overeenkomst.combinanten.filter(organisatie_id__in=scope.consortia).exists()


def is_uitvoerder_van(user, traject: Traject) -> bool:
    """Whether the user's subcontractor has the open assignment of the trajectory."""
    scope = scope_van(user)
    if not scope.onderaannemers:
        return False
    return traject.inzetten.filter(
        tot__isnull=True, onderaannemer__organisatie_id__in=scope.onderaannemers
    ).exists()


def is_gemeente_van(user, traject_of_aanmelding) -> bool:
    aanmelding = getattr(traject_of_aanmelding, "aanmelding", traject_of_aanmelding)
    return aanmelding.gemeente_id in scope_van(user).gemeenten


def open_inzet(traject: Traject) -> Inzet | None:
    return (
        traject.inzetten.filter(tot__isnull=True)
        .select_related("onderaannemer__organisatie")
        .first()
    )


# --- waiting time ---------------------------------------------------------------------------------


def wachttijdnormen() -> dict:
    """product id (None = default) -> norm in days, from the region's configuration."""
    from .models import Wachttijdnorm

    return dict(Wachttijdnorm.objects.values_list("product_id", "dagen"))


def norm_voor(product, normen: dict | None = None) -> int:
    from .constants import STANDAARD_WACHTTIJDNORM_DAGEN

    normen = wachttijdnormen() if normen is None else normen
    return normen.get(product.pk) or normen.get(None) or STANDAARD_WACHTTIJDNORM_DAGEN


def wachttijd(traject_of_aanmelding, peildatum, normen: dict | None = None):
    """The waiting time of a referral (and its trajectory) on ``peildatum``; None when it
    does not wait (refused, withdrawn, request refused, or ended before the start)."""
    from .wachttijd import Wachttijd

    aanmelding = getattr(traject_of_aanmelding, "aanmelding", traject_of_aanmelding)
    traject = (
        getattr(aanmelding, "traject", None)
        if aanmelding.status == AanmeldingStatus.GEACCEPTEERD
        else None
    )
    if aanmelding.status in (AanmeldingStatus.GEWEIGERD, AanmeldingStatus.INGETROKKEN):
        return None
    if (
        traject is not None
        and traject.startdatum is None
        and traject.status in (TrajectStatus.AFGEWEZEN, TrajectStatus.BEEINDIGD)
    ):
        return None
    return Wachttijd(
        aangemeld_op=aanmelding.aangemeld_op,
        startdatum=traject.startdatum if traject is not None else None,
        peildatum=peildatum,
        norm=norm_voor(aanmelding.product, normen),
    )


# --- worklist counts (numbers only, no client data) --------------------------------------------


def nieuwe_aanmeldingen(user) -> QuerySet[Aanmelding]:
    scope = scope_van(user)
    if not scope.consortia:
        return Aanmelding.objects.none()
    return Aanmelding.objects.filter(
        _consortium_filter(scope, ""), status=AanmeldingStatus.AANGEMELD
    ).distinct()


def wachtende_trajecten(user) -> QuerySet[Traject]:
    return trajecten_voor(user).filter(status=TrajectStatus.WACHTEND)


def zonder_uitvoerder(trajecten: QuerySet[Traject]) -> QuerySet[Traject]:
    """Requested or waiting trajectories without a running deployment, also those that never had
    one: the list's filter "zonder uitvoerder" and the back office's worklist count the same way.
    (`exclude(inzetten__tot__isnull=True)` would drop the latter: its outer join makes a missing
    deployment look like an open one.)"""
    open_inzet = Inzet.objects.filter(traject=OuterRef("pk"), tot__isnull=True)
    return trajecten.filter(status__in=[TrajectStatus.AANGEVRAAGD, TrajectStatus.WACHTEND]).exclude(
        Exists(open_inzet)
    )


def afgekeurde_berichten(user) -> QuerySet[Trajectbericht]:
    return Trajectbericht.objects.filter(
        traject__in=trajecten_voor(user).values("pk"),
        antwoordstatus=Antwoordstatus.AFGEKEURD,
    )


def open_verzoeken(user) -> QuerySet[Trajectbericht]:
    """Requests (315/317) to a municipality of the user that works in wmoregie, unanswered."""
    scope = scope_van(user)
    return (
        Trajectbericht.objects.filter(
            berichttype__in=("wmo315", "wmo317"),
            antwoordstatus=Antwoordstatus.GOEDGEKEURD,
            verzoek_afgehandeld=False,
            traject__aanmelding__gemeente_id__in=scope.gemeenten,
            traject__aanmelding__gemeente__iwmo_kanaal=IwmoKanaal.WMOREGIE,
        )
        .select_related(
            "traject__client",
            "traject__product",
            "traject__aanmelding__overeenkomst__opdrachtnemer",
        )
        .order_by("verzonden_op")
    )
