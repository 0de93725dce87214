"""Read API of the procurement context, scoped like the pages."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol

from .. import selectors, services
from ..models import Aanbesteding, Beoordeling, Inschrijving, Selectiebrief, Vraag
from . import serializers

ALLE = roles(Rol.INKOPER, Rol.BEOORDELAAR, Rol.INSCHRIJVER)
#: The roles of the selection and ranking pages (``views_selectie.REGIO``, ``views_gunning.REGIO``).
REGIO = roles(Rol.INKOPER, Rol.BEOORDELAAR)


class AanbestedingViewSet(viewsets.ReadOnlyModelViewSet):
    """Procedures: the region side sees its region's, bidders the published ones."""

    access = ALLE
    serializer_class = serializers.AanbestedingSerializer
    queryset = Aanbesteding.objects.none()

    def get_queryset(self):
        return (
            selectors.aanbestedingen_voor(self.request.user)
            .prefetch_related("stukken", "documentvereisten")
            .order_by("-publicatie", "id")
        )


class InschrijvingViewSet(viewsets.ReadOnlyModelViewSet):
    """Registrations: a bidder sees only its own; content is sealed until the opening."""

    access = ALLE
    serializer_class = serializers.InschrijvingSerializer
    queryset = Inschrijving.objects.none()

    def get_queryset(self):
        return (
            selectors.inschrijvingen_voor(self.request.user)
            .prefetch_related("documentverzoeken__document", "aanbesteding__documentvereisten")
            .order_by("id")
        )

    def list(self, request, *args, **kwargs):
        # the rule checks of the whole page in a fixed number of queries, not per registration
        queryset = self.filter_queryset(self.get_queryset())
        pagina = self.paginate_queryset(queryset)
        rijen = list(queryset) if pagina is None else pagina
        lijsten = selectors.controlelijsten_voor(rijen, timezone.now())
        besluiten = selectors.regelbesluiten_per_inschrijving(rijen)
        context = self.get_serializer_context() | {
            "regelcontrole": {pk: (lijsten[pk], besluiten[pk]) for pk in lijsten}
        }
        serializer = self.get_serializer(rijen, many=True, context=context)
        if pagina is None:
            return Response(serializer.data)
        return self.get_paginated_response(serializer.data)


class NotaVanInlichtingenViewSet(viewsets.ReadOnlyModelViewSet):
    """Published questions and answers, anonymised: for the region side and every registrant."""

    access = ALLE
    serializer_class = serializers.GepubliceerdeVraagSerializer
    queryset = Vraag.objects.none()

    def get_queryset(self):
        gebruiker = self.request.user
        return (
            Vraag.objects.filter(nota__isnull=False)
            .filter(
                Q(aanbesteding__regio_id__in=selectors.regio_ids(gebruiker))
                | Q(
                    aanbesteding__inschrijvingen__organisatie_id__in=selectors.organisatie_ids(
                        gebruiker
                    )
                )
            )
            .select_related("nota")
            .distinct()
            .order_by("aanbesteding_id", "nota__nummer", "id")
        )


class BeoordelingViewSet(viewsets.ReadOnlyModelViewSet):
    """Individual scores, blind: an assessor sees its own until consensus on the item."""

    access = roles(Rol.INKOPER, Rol.BEOORDELAAR)
    serializer_class = serializers.BeoordelingSerializer
    queryset = Beoordeling.objects.none()

    def get_queryset(self):
        return selectors.zichtbare_beoordelingen(self.request.user).order_by("id")


class SelectietoetsingViewSet(viewsets.ReadOnlyModelViewSet):
    """The selection of each registration, as the page *Selectietoetsing*: exclusion grounds per
    party that signs a UEA, suitability requirements with their evidence, with a cap the
    selection scores and the rank, and the decision with its reasons. For the region side, from
    the selection opening; the id is the registration's. A bidder reads its decision in
    ``selectiebrieven``."""

    access = REGIO
    serializer_class = serializers.SelectietoetsingSerializer
    queryset = Inschrijving.objects.none()

    def get_queryset(self):
        return selectors.selectietoetsingen_voor(self.request.user).order_by(
            "aanbesteding_id", "id"
        )

    def list(self, request, *args, **kwargs):
        pagina = self.paginate_queryset(self.get_queryset())
        serializer = self.get_serializer(services.selectieoverzichten(pagina), many=True)
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        [overzicht] = services.selectieoverzichten([self.get_object()])
        return Response(self.get_serializer(overzicht).data)


class SelectiebriefViewSet(viewsets.ReadOnlyModelViewSet):
    """Selection decision letters, once sent: the decision, motivation and reasons as sent. The
    region side reads its region's; a bidder only the letters to its own registrations."""

    access = ALLE
    serializer_class = serializers.SelectiebriefSerializer
    queryset = Selectiebrief.objects.none()

    def get_queryset(self):
        return selectors.selectiebrieven_voor(self.request.user).order_by(
            "aanbesteding_id", "-verzonden_op", "id"
        )


class RangschikkingViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The ranking of a procedure (id: the procedure's), step by step as the page
    *Rangschikking* and its CSV: only once every tender has a consensus score on every
    criterion (and a price where the method asks one); before that 409. Only consensus scores,
    never individual ones (blind assessment). An assessor reads it only after signing the
    conflict-of-interest declaration without a conflict; before that 403."""

    access = REGIO
    serializer_class = serializers.RangschikkingSerializer
    queryset = Aanbesteding.objects.none()

    def get_queryset(self):
        return selectors.aanbestedingen_van_regio(self.request.user).order_by("id")

    @extend_schema(
        responses={
            200: serializers.RangschikkingSerializer,
            403: OpenApiResponse(
                serializers.FoutSerializer,
                description="Een beoordelaar zonder getekende belangenverklaring "
                "(belangenverklaring-ontbreekt) of met een verklaard belangenconflict "
                "(belangenconflict) ziet de rangschikking niet.",
            ),
            409: OpenApiResponse(
                serializers.FoutSerializer,
                description="De rangschikking kan nog niet worden gemaakt "
                "(beoordeling-onvolledig, rangschikking-onmogelijk).",
            ),
        }
    )
    def retrieve(self, request, *args, **kwargs):
        aanbesteding = self.get_object()
        try:
            services.controleer_inzage_rangschikking(aanbesteding, gebruiker=request.user)
        except ValidationError as fout:
            return Response(
                {"code": fout.code, "detail": " ".join(fout.messages)},
                status=status.HTTP_403_FORBIDDEN,
            )
        try:
            overzicht = services.rangschikking_overzicht(aanbesteding)
        except ValidationError as fout:
            return Response(
                {"code": fout.code, "detail": " ".join(fout.messages)},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(overzicht).data)
