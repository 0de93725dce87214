"""The quarterly reports through the API, read-only: ``GET /api/v1/monitoring/rapporten/``,
``…/rapporten/{id}/`` and ``…/rapporten/{id}/pdf/``. The same roles and scope as the page
(``rapportage/services.py``): region roles every report, a municipality's staff only the
reports of their own municipality; a report outside the scope is a 404. Downloads are
audit-logged as on the page. Asking for a report stays on the page."""

from __future__ import annotations

from django.urls import reverse

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from ..cijfers import lezen
from ..models import Kwartaalrapport, Rapportstatus
from ..rapportage import services
from ..views.rapport import RAPPORTROLLEN


class KwartaalrapportSerializer(serializers.ModelSerializer):
    gemeente = serializers.SerializerMethodField(help_text="CBS-gemeentecode, of ‘regio’.")
    gebied = serializers.CharField(read_only=True)
    status_omschrijving = serializers.CharField(source="get_status_display", read_only=True)
    pdf = serializers.SerializerMethodField(
        help_text="Adres van de PDF zodra het rapport klaar is, anders null."
    )

    class Meta:
        model = Kwartaalrapport
        fields = [
            "id",
            "kwartaal",
            "gemeente",
            "gebied",
            "status",
            "status_omschrijving",
            "fout",
            "peildatum",
            "aangevraagd_op",
            "klaar_op",
            "pdf",
        ]
        read_only_fields = fields

    def get_gemeente(self, rapport) -> str:
        return rapport.gemeente.code if rapport.gemeente_id else "regio"

    def get_pdf(self, rapport) -> str | None:
        if rapport.status != Rapportstatus.KLAAR or not rapport.bestand:
            return None
        pad = reverse("api:v1:monitoring-rapport-pdf", args=[rapport.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(pad) if request else pad


class RapportFoutSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()


@extend_schema_view(
    list=extend_schema(
        summary="Kwartaalrapporten binnen uw scope",
        description="Nieuwste eerst. Een rapport dat te lang wacht of wordt gemaakt, staat als "
        "mislukt (met de reden in ‘fout’) en kan op de pagina opnieuw worden aangevraagd.",
    ),
    retrieve=extend_schema(summary="Eén kwartaalrapport"),
)
class KwartaalrapportViewSet(viewsets.ReadOnlyModelViewSet):
    access = RAPPORTROLLEN
    serializer_class = KwartaalrapportSerializer
    queryset = Kwartaalrapport.objects.none()  # for the schema; get_queryset scopes

    def get_queryset(self):
        scope = lezen.scope_van(self.request.user)
        if not services.mag_rapporteren(scope):
            raise PermissionDenied("U heeft geen toegang tot de kwartaalrapportage.")
        services.markeer_verlopen()
        return services.rapporten_voor(scope)

    @extend_schema(
        summary="De PDF van een kwartaalrapport",
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(
                RapportFoutSerializer, description="Het rapport is niet klaar (rapport-niet-klaar)."
            ),
        },
    )
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        rapport = self.get_object()
        if rapport.status != Rapportstatus.KLAAR or not rapport.bestand:
            return Response(
                {
                    "code": "rapport-niet-klaar",
                    "detail": f"Dit rapport is niet klaar (status: {rapport.get_status_display()}).",
                },
                status=status.HTTP_409_CONFLICT,
            )
        return services.download(rapport, request, via=" (API)")
