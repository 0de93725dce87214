"""API of the EU notices: the notice as eForms XML, as the page's download does.

``GET /api/v1/aanbestedingen/aanbestedingen/{id}/eforms/cn/`` and ``…/can/``: for the inkoper of
the procedure's region (others 404, like the page). A download hands out a version: the same
content is the same version, changed content the next version of the same notice. While a value
eForms needs is missing the answer is 409 with the list (code, message per missing value).
"""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.views import APIView

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol

from .. import selectors
from . import services
from .constants import Soort
from .views import xml_antwoord


class XmlRenderer(BaseRenderer):
    """Lets a client ask for ``application/xml``; the notice itself is sent as it was stored."""

    media_type = "application/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else b""


_ONTBREKEND = inline_serializer(
    "EformsOnvolledig",
    fields={
        "code": serializers.CharField(),
        "detail": serializers.CharField(),
        "ontbrekend": inline_serializer(
            "EformsOntbrekend",
            fields={"code": serializers.CharField(), "bericht": serializers.CharField()},
            many=True,
        ),
    },
)


class AankondigingView(APIView):
    access = roles(Rol.INKOPER)
    renderer_classes = [JSONRenderer, XmlRenderer]

    @extend_schema(
        operation_id="aanbestedingen_eforms_retrieve",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="De aanbesteding."),
            OpenApiParameter(
                "soort",
                str,
                OpenApiParameter.PATH,
                enum=list(Soort.values),
                description="cn: aankondiging van de opdracht (subtype 20); can: aankondiging "
                "van de gegunde opdracht (subtype 33).",
            ),
        ],
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.BINARY, description="De aankondiging als eForms-XML (UBL 2.3)."
            ),
            404: OpenApiResponse(description="Geen aanbesteding van uw regio."),
            (409, "application/json"): OpenApiResponse(
                _ONTBREKEND,
                description="Er ontbreken gegevens die eForms vraagt, of de aanmelding is al "
                "gesloten (aanmelden-gesloten).",
            ),
        },
    )
    def get(self, request, id: int, soort: str):
        if soort not in Soort.values:
            raise Http404
        aanbesteding = get_object_or_404(selectors.aanbestedingen_voor(request.user), pk=id)
        if not selectors.is_inkoper_van(request.user, aanbesteding):
            raise Http404
        try:
            versie = services.geef_uit(aanbesteding, soort, gebruiker=request.user)
        except services.AankondigingOnvolledig as fout:
            # JSON whatever the client accepts: the reasons must reach it
            return JsonResponse(
                {
                    "code": "eforms-onvolledig",
                    "detail": "De aankondiging kan nog niet worden gemaakt.",
                    "ontbrekend": [{"code": o.code, "bericht": o.bericht} for o in fout.ontbrekend],
                },
                status=status.HTTP_409_CONFLICT,
                json_dumps_params={"ensure_ascii": False},
            )
        return xml_antwoord(versie, aanbesteding)


urlpatterns = [
    path(
        "aanbestedingen/<int:id>/eforms/<str:soort>/",
        AankondigingView.as_view(),
        name="aanbesteding-eforms",
    ),
]
