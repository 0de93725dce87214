"""Who takes part in steering and what figures they see.

* contractmanager and inkoper (region): every indicator and meeting of their region, the
  figures of every municipality;
* backoffice (consortium): the meetings about its own agreements, figures of its own work;
* gemeente-medewerker: the indicators of its own municipality and the region's totals, no
  meetings and no client-level rows.

Nothing here shows a client: all figures are counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol
from wmoregie.catalogi.models import Gemeente, Regio
from wmoregie.contracten.models import Overeenkomst

from .indicatoren import Afbakening

REGIOROLLEN = frozenset({Rol.CONTRACTMANAGER, Rol.INKOPER})

# Page access (the scope below narrows what each sees).
STURING_LEZEN = roles(
    Rol.CONTRACTMANAGER,
    Rol.INKOPER,
    Rol.BACKOFFICE,
    Rol.GEMEENTE_MEDEWERKER,
    description="regio, consortium en gemeenten (cijfers zonder cliëntgegevens)",
)
OVERLEG = roles(
    Rol.CONTRACTMANAGER, Rol.INKOPER, Rol.BACKOFFICE, description="deelnemers aan het stuuroverleg"
)
INRICHTEN = roles(Rol.CONTRACTMANAGER, description="contractmanager van de regio")


@dataclass(frozen=True)
class Sturingsscope:
    regios: frozenset[int] = frozenset()  # region roles
    gemeenten: frozenset[int] = frozenset()  # municipality workers
    consortia: frozenset[int] = frozenset()  # back office organisations

    @property
    def neemt_deel(self) -> bool:
        return bool(self.regios or self.consortia)


def scope_van(user) -> Sturingsscope:
    if not user.is_authenticated or not user.is_active:
        return Sturingsscope()
    regios, gemeenten, consortia = set(), set(), set()
    # the assignments as read once per request (``User.toekenningen``)
    for t in user.toekenningen():
        rol, regio, gemeente, organisatie = t.rol, t.regio_id, t.gemeente_id, t.organisatie_id
        if rol in REGIOROLLEN:
            regios.add(regio)
        elif rol == Rol.GEMEENTE_MEDEWERKER:
            gemeenten.add(gemeente)
        elif rol == Rol.BACKOFFICE:
            consortia.add(organisatie)
    return Sturingsscope(frozenset(regios), frozenset(gemeenten), frozenset(consortia))


def overeenkomsten_voor(user):
    """The agreements whose steering the user takes part in."""
    scope = scope_van(user)
    filter_ = Q(pk__in=[])
    if scope.regios:
        filter_ |= Q(regio_id__in=scope.regios)
    if scope.consortia:
        filter_ |= Q(opdrachtnemer_id__in=scope.consortia) | Q(
            combinanten__organisatie_id__in=scope.consortia
        )
    return Overeenkomst.objects.filter(
        pk__in=Overeenkomst.objects.filter(filter_).values("pk")
    ).select_related("regio", "opdrachtnemer")


def regio_van(user) -> Regio | None:
    """The region whose steering the user sees (the first, for a user in several)."""
    scope = scope_van(user)
    ids = set(scope.regios)
    ids |= set(Gemeente.objects.filter(pk__in=scope.gemeenten).values_list("regio_id", flat=True))
    if scope.consortia:
        ids |= set(overeenkomsten_voor(user).values_list("regio_id", flat=True))
    return Regio.objects.filter(pk__in=ids).order_by("pk").first()


def afbakening_voor(user, regio: Regio) -> Afbakening:
    """Region roles and municipalities count the whole region (a municipality is shown its own
    row and the region's total); the back office only the work under its own agreements."""
    scope = scope_van(user)
    if (
        regio.pk in scope.regios
        or Gemeente.objects.filter(pk__in=scope.gemeenten, regio=regio).exists()
    ):
        return Afbakening(regio.pk)
    return Afbakening(
        regio.pk,
        frozenset(overeenkomsten_voor(user).filter(regio=regio).values_list("pk", flat=True)),
    )


def zichtbare_gemeenten(user, regio: Regio):
    """The municipalities whose own row the user sees."""
    scope = scope_van(user)
    gemeenten = Gemeente.objects.filter(regio=regio).order_by("naam")
    if regio.pk in scope.regios or scope.consortia:
        return gemeenten
    return gemeenten.filter(pk__in=scope.gemeenten)


def is_deelnemer(user, overeenkomst) -> bool:
    return overeenkomsten_voor(user).filter(pk=overeenkomst.pk).exists()
