"""Read-only API of contracten, with the same role checks and scope as the pages."""

from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _

from rest_framework import permissions, viewsets

from wmoregie.accounts.access import DeclaredAccessPermission

from ..access import IEDEREEN_IN_CONTRACT, MET_GEMEENTE, REGIO_EN_CONSORTIUM
from ..models import (
    Budget,
    Budgetaandeel,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
    Tarief,
)
from ..selectors import (
    budgetten_inzage,
    budgetten_voor,
    gemeenten_van,
    onderaanneemcontracten_voor,
    onderaannemers_voor,
    overeenkomsten_inzage,
    overeenkomsten_voor,
    prijsbladen_voor,
    tarieven_voor,
)
from . import serializers


class AlleenLezen(permissions.BasePermission):
    """The contracten API only reads: any other method is refused (403) before it is looked at,
    also for a municipality that may read its own budget share (#15.9)."""

    message = _(
        "Via deze API kunt u alleen lezen; wijzigingen gaan via de pagina's van contracten."
    )

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS


class OvereenkomstViewSet(viewsets.ReadOnlyModelViewSet):
    """The agreements of the user's scope; a municipality reads those it pays a budget share
    into (#15.9)."""

    access = MET_GEMEENTE
    permission_classes = [DeclaredAccessPermission, AlleenLezen]
    queryset = Overeenkomst.objects.none()
    serializer_class = serializers.OvereenkomstSerializer

    def get_queryset(self):
        return overeenkomsten_inzage(self.request.user).prefetch_related("statuswijzigingen")


class BudgetViewSet(viewsets.ReadOnlyModelViewSet):
    """Budgets with their split. A municipality (gemeente-medewerker) reads the budgets it has a
    share in, and of those only its own share with instalments and payments (#15.9); the region
    and the contract partner read every share."""

    access = MET_GEMEENTE
    permission_classes = [DeclaredAccessPermission, AlleenLezen]
    queryset = Budget.objects.none()
    serializer_class = serializers.BudgetSerializer

    def get_queryset(self):
        user = self.request.user
        zichtbaar = Q(budget__in=budgetten_voor(user).values("pk")) | Q(
            gemeente_id__in=gemeenten_van(user)
        )
        aandelen = (
            Budgetaandeel.objects.filter(zichtbaar)
            .select_related("gemeente")
            .prefetch_related("betalingen")
        )
        return budgetten_inzage(user).prefetch_related(Prefetch("aandelen", queryset=aandelen))


class OnderaannemerViewSet(viewsets.ReadOnlyModelViewSet):
    access = REGIO_EN_CONSORTIUM
    queryset = Onderaannemer.objects.none()
    serializer_class = serializers.OnderaannemerSerializer

    def get_queryset(self):
        # The register is for region and consortium; a subcontractor reads its contracts.
        return (
            onderaannemers_voor(self.request.user)
            .filter(overeenkomst__in=overeenkomsten_voor(self.request.user))
            .prefetch_related("producten", "documenten")
        )


class PrijsbladViewSet(viewsets.ReadOnlyModelViewSet):
    access = IEDEREEN_IN_CONTRACT
    queryset = Prijsblad.objects.none()
    serializer_class = serializers.PrijsbladSerializer

    def get_queryset(self):
        return prijsbladen_voor(self.request.user)


class OnderaanneemcontractViewSet(viewsets.ReadOnlyModelViewSet):
    access = IEDEREEN_IN_CONTRACT
    queryset = Onderaanneemcontract.objects.none()
    serializer_class = serializers.OnderaanneemcontractSerializer

    def get_queryset(self):
        return onderaanneemcontracten_voor(self.request.user)


class TariefViewSet(viewsets.ReadOnlyModelViewSet):
    """Tariffs per product and unit of inspanningsgericht and outputgericht agreements."""

    access = REGIO_EN_CONSORTIUM
    queryset = Tarief.objects.none()
    serializer_class = serializers.TariefSerializer

    def get_queryset(self):
        return tarieven_voor(self.request.user)
