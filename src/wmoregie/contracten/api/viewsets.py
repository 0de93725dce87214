"""Read-only API of contracten, with the same role checks and scope as the pages."""

from rest_framework import viewsets

from ..access import IEDEREEN_IN_CONTRACT, REGIO_EN_CONSORTIUM
from ..models import Budget, Onderaanneemcontract, Onderaannemer, Overeenkomst, Prijsblad, Tarief
from ..selectors import (
    budgetten_voor,
    onderaanneemcontracten_voor,
    onderaannemers_voor,
    overeenkomsten_voor,
    prijsbladen_voor,
    tarieven_voor,
)
from . import serializers


class OvereenkomstViewSet(viewsets.ReadOnlyModelViewSet):
    access = REGIO_EN_CONSORTIUM
    queryset = Overeenkomst.objects.none()
    serializer_class = serializers.OvereenkomstSerializer

    def get_queryset(self):
        return overeenkomsten_voor(self.request.user).prefetch_related("statuswijzigingen")


class BudgetViewSet(viewsets.ReadOnlyModelViewSet):
    access = REGIO_EN_CONSORTIUM
    queryset = Budget.objects.none()
    serializer_class = serializers.BudgetSerializer

    def get_queryset(self):
        return budgetten_voor(self.request.user).prefetch_related(
            "aandelen__gemeente", "aandelen__betalingen"
        )


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
