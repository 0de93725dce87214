"""The privacy officer's API: the audit entries about one client. Only that role; logged."""

from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.exceptions import ValidationError

from wmoregie.invoer import als_id

from .. import inzage
from ..models import AuditEntry
from ..views import PRIVACY
from . import serializers


class InzageViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    access = PRIVACY
    serializer_class = serializers.InzageregelSerializer
    queryset = AuditEntry.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter("client", int, description=_("Id van de cliënt")),
            OpenApiParameter("bsn", str, description=_("Of: het BSN van de cliënt")),
        ],
        description=_(
            "Wie las of wijzigde gegevens van één cliënt: wanneer, in welke rol, voor welke "
            "organisatie, wat en vanaf welk adres; nieuwste eerst. Alleen voor de functionaris "
            "gegevensbescherming; de vraag zelf wordt vastgelegd."
        ),
    )
    def list(self, request, *args, **kwargs):
        client_id = request.query_params.get("client", "").strip()
        bsn = request.query_params.get("bsn", "").strip()
        if client_id and als_id(client_id) is None:
            raise ValidationError({"client": [_("Geef het id van de cliënt (een getal).")]})
        if not (client_id or bsn):
            raise ValidationError({"client": [_("Geef de cliënt op: client=<id> of bsn=<BSN>.")]})
        client = inzage.vind_client(bsn=bsn, client_id=als_id(client_id))
        regels = inzage.regels_over(client) if client else AuditEntry.objects.none()
        pagina = self.paginate_queryset(regels)
        data = self.get_serializer(pagina, many=True).data
        inzage.log_bevraging(
            request,
            client,
            bsn=bsn,
            pagina=self.paginator.page.number if client else 1,
            kanaal="api",
        )
        return self.get_paginated_response(data)
