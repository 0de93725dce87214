"""``GET /api/v1/monitoring/cbs/?gemeente=0307&halfjaar=2026-1``: the CBS-comparable figures
of one municipality (or ``gemeente=regio``: the region's totals) as JSON, with the small-cell
suppression applied, scoped like the pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from wmoregie.audit.services import record
from wmoregie.catalogi.models import Gemeente

from ..cijfers import cbs, lezen, tabellen
from ..cijfers.onderdrukking import ONDERDRUKT
from ..views.dashboard import CIJFERROLLEN


class CbsCelSerializer(serializers.Serializer):
    waarde = serializers.FloatField(allow_null=True, help_text="Null als de cel is afgeschermd.")
    onderdrukt = serializers.BooleanField()
    weergave = serializers.CharField(help_text="Zoals in een tabel: het getal of ‘.’.")


class CbsRijSerializer(serializers.Serializer):
    label = serializers.CharField()
    clienten = CbsCelSerializer()
    per_1000_inwoners = CbsCelSerializer(allow_null=True)


class CbsUitsplitsingSerializer(serializers.Serializer):
    titel = serializers.CharField()
    rijen = CbsRijSerializer(many=True)


class CbsOnderdrukkingSerializer(serializers.Serializer):
    drempel = serializers.IntegerField()
    afronding = serializers.IntegerField()
    teken = serializers.CharField()


class CbsCijfersSerializer(serializers.Serializer):
    gemeente = serializers.CharField(help_text="CBS-gemeentecode, of ‘regio’.")
    gemeentenaam = serializers.CharField()
    halfjaar = serializers.CharField()
    van = serializers.DateField()
    tot = serializers.DateField()
    inwoners = serializers.IntegerField(allow_null=True)
    clienten = CbsCelSerializer()
    clienten_per_1000_inwoners = CbsCelSerializer(allow_null=True)
    voorzieningen_per_client = CbsCelSerializer()
    uitsplitsingen = CbsUitsplitsingSerializer(many=True)
    onderdrukking = CbsOnderdrukkingSerializer()


class CbsFoutSerializer(serializers.Serializer):
    code = serializers.CharField()
    veld = serializers.CharField()
    detail = serializers.CharField()


def cel(waarde) -> dict | None:
    if waarde is None:
        return None
    if waarde == ONDERDRUKT:
        return {"waarde": None, "onderdrukt": True, "weergave": ONDERDRUKT}
    return {"waarde": waarde, "onderdrukt": False, "weergave": str(waarde)}


def fout(code: str, veld: str, detail: str, status_code: int) -> Response:
    return Response({"code": code, "veld": veld, "detail": detail}, status=status_code)


class CbsCijfersView(APIView):
    access = CIJFERROLLEN

    @extend_schema(
        operation_id="monitoring_cbs",
        summary="CBS-vergelijkbare Wmo-cijfers van een gemeente per halfjaar",
        parameters=[
            OpenApiParameter(
                "gemeente", str, required=True, description="CBS-gemeentecode (0307) of ‘regio’."
            ),
            OpenApiParameter(
                "halfjaar", str, required=True, description="Jaar en helft: 2026-1 of 2026-2."
            ),
        ],
        responses={
            200: CbsCijfersSerializer,
            400: OpenApiResponse(
                CbsFoutSerializer, description="gemeente-onbekend, halfjaar-ongeldig"
            ),
            403: OpenApiResponse(
                CbsFoutSerializer, description="Buiten uw scope (gemeente-buiten-scope)."
            ),
        },
    )
    def get(self, request):
        scope = lezen.scope_van(request.user)
        halfjaar = request.query_params.get("halfjaar", "")
        code = request.query_params.get("gemeente", "")
        periode = cbs.halfjaar(halfjaar)
        if periode is None:
            return fout(
                "halfjaar-ongeldig",
                "halfjaar",
                "Geef het halfjaar als jaar-1 of jaar-2, bijvoorbeeld 2026-1.",
                status.HTTP_400_BAD_REQUEST,
            )
        if code == "regio":
            naam = "Regio (alle gemeenten)"
        else:
            gemeente = Gemeente.objects.filter(code=code).first()
            if gemeente is None:
                return fout(
                    "gemeente-onbekend",
                    "gemeente",
                    "Deze gemeentecode kent wmoregie niet.",
                    status.HTTP_400_BAD_REQUEST,
                )
            if not lezen.gemeenten_in_scope(scope).filter(pk=gemeente.pk).exists():
                return fout(
                    "gemeente-buiten-scope",
                    "gemeente",
                    "De cijfers van deze gemeente horen niet bij uw rol.",
                    status.HTTP_403_FORBIDDEN,
                )
            naam = gemeente.naam
        g = tabellen.cbs_gepubliceerd(scope, code, halfjaar)
        record(
            "monitoring.cbs-opgevraagd",
            request=request,
            omschrijving=f"CBS-cijfers {code} {halfjaar} (API)",
            gegevens={"gemeente": code, "halfjaar": halfjaar},
        )
        data = {
            "gemeente": code,
            "gemeentenaam": naam,
            "halfjaar": halfjaar,
            "van": periode.van,
            "tot": periode.tot,
            "inwoners": g.inwoners,
            "clienten": cel(g.clienten),
            "clienten_per_1000_inwoners": cel(g.clienten_per_1000),
            "voorzieningen_per_client": cel(g.voorzieningen_per_client)
            or {"waarde": None, "onderdrukt": False, "weergave": ""},
            "uitsplitsingen": [
                {
                    "titel": titel,
                    "rijen": [
                        {"label": label, "clienten": cel(c), "per_1000_inwoners": cel(p)}
                        for label, c, p in rijen
                    ],
                }
                for titel, rijen in g.uitsplitsingen
            ],
            "onderdrukking": {"drempel": g.drempel, "afronding": g.afronding, "teken": ONDERDRUKT},
        }
        return Response(CbsCijfersSerializer(data).data)
