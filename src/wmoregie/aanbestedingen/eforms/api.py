"""API of the EU notices: the notice as eForms XML, as the page's download does.

``…/aanbestedingen/{id}/eforms/cn/`` and ``…/can/``, for the inkoper of the procedure's region
(others 404, like the page):

* ``POST`` hands out a version, as the page's button does: the same content is the same
  version, changed content the next version of the same notice (stored and audited). While a
  value eForms needs is missing the answer is 409 with the list (code, message per value).
* ``GET`` reads a version handed out before (the last, or ``?versie=N``) and writes nothing, so
  that a link on another site cannot hand out a notice in the inkoper's name; 404 with code
  ``nog-niet-uitgegeven`` when there is none yet.
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
from wmoregie.invoer import als_id

from .. import selectors
from . import services
from .constants import Soort
from .models import Aankondigingsversie
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


_SOORT = OpenApiParameter(
    "soort",
    str,
    OpenApiParameter.PATH,
    enum=list(Soort.values),
    description="cn: aankondiging van de opdracht (subtype 20); can: aankondiging van de "
    "gegunde opdracht (subtype 33).",
)
_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="De aanbesteding.")
_XML = OpenApiResponse(OpenApiTypes.BINARY, description="De aankondiging als eForms-XML (UBL 2.3).")
_FOUT = inline_serializer(
    "EformsFout", fields={"code": serializers.CharField(), "detail": serializers.CharField()}
)


def _json(gegevens: dict, status_code: int) -> JsonResponse:
    """JSON whatever the client accepts: the reasons must reach it."""
    return JsonResponse(gegevens, status=status_code, json_dumps_params={"ensure_ascii": False})


class AankondigingView(APIView):
    access = roles(Rol.INKOPER)
    renderer_classes = [JSONRenderer, XmlRenderer]

    def _aanbesteding(self, request, id: int, soort: str):
        if soort not in Soort.values:
            raise Http404
        aanbesteding = get_object_or_404(selectors.aanbestedingen_voor(request.user), pk=id)
        if not selectors.is_inkoper_van(request.user, aanbesteding):
            raise Http404
        return aanbesteding

    @extend_schema(
        operation_id="aanbestedingen_eforms_retrieve",
        parameters=[
            _ID,
            _SOORT,
            OpenApiParameter(
                "versie",
                int,
                OpenApiParameter.QUERY,
                required=False,
                description="Een eerder uitgegeven versie (1-99); zonder: de laatste.",
            ),
        ],
        responses={
            (200, "application/xml"): _XML,
            (400, "application/json"): OpenApiResponse(
                _FOUT, description="Geen geldig versienummer."
            ),
            (404, "application/json"): OpenApiResponse(
                _FOUT,
                description="Geen aanbesteding van uw regio, of (code nog-niet-uitgegeven) nog "
                "geen uitgegeven versie van deze aankondiging.",
            ),
        },
    )
    def get(self, request, id: int, soort: str):
        """A version handed out before, unchanged; reading writes nothing."""
        aanbesteding = self._aanbesteding(request, id, soort)
        versies = Aankondigingsversie.objects.filter(
            aankondiging__aanbesteding=aanbesteding, aankondiging__soort=soort
        ).select_related("aankondiging")
        gevraagd = request.query_params.get("versie")
        if gevraagd is not None:
            nummer = als_id(gevraagd)
            if nummer is None or not 1 <= nummer <= 99:
                return _json(
                    {"code": "ongeldige-versie", "detail": "Geef een versienummer van 1 tot 99."},
                    status.HTTP_400_BAD_REQUEST,
                )
            versies = versies.filter(versie=nummer)
        versie = versies.order_by("-versie").first()
        if versie is None:
            return _json(
                {
                    "code": "nog-niet-uitgegeven",
                    "detail": "Deze versie van de aankondiging is niet uitgegeven."
                    if gevraagd
                    else "Deze aankondiging is nog niet uitgegeven.",
                },
                status.HTTP_404_NOT_FOUND,
            )
        return xml_antwoord(versie, aanbesteding)

    @extend_schema(
        operation_id="aanbestedingen_eforms_create",
        parameters=[_ID, _SOORT],
        request=None,
        responses={
            (200, "application/xml"): _XML,
            404: OpenApiResponse(description="Geen aanbesteding van uw regio."),
            (409, "application/json"): OpenApiResponse(
                _ONTBREKEND,
                description="Er ontbreken gegevens die eForms vraagt, of de aanmelding is al "
                "gesloten (aanmelden-gesloten).",
            ),
        },
    )
    def post(self, request, id: int, soort: str):
        """Hand out the notice as it stands: the last version when its content is unchanged,
        else the next one."""
        aanbesteding = self._aanbesteding(request, id, soort)
        try:
            versie = services.geef_uit(aanbesteding, soort, gebruiker=request.user)
        except services.AankondigingOnvolledig as fout:
            return _json(
                {
                    "code": "eforms-onvolledig",
                    "detail": "De aankondiging kan nog niet worden gemaakt.",
                    "ontbrekend": [{"code": o.code, "bericht": o.bericht} for o in fout.ontbrekend],
                },
                status.HTTP_409_CONFLICT,
            )
        return xml_antwoord(versie, aanbesteding)


urlpatterns = [
    path(
        "aanbestedingen/<int:id>/eforms/<str:soort>/",
        AankondigingView.as_view(),
        name="aanbesteding-eforms",
    ),
]
