"""Read API of the procurement context, scoped like the pages."""

from django.db.models import Q

from rest_framework import viewsets

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol

from .. import selectors
from ..models import Aanbesteding, Beoordeling, Inschrijving, Vraag
from . import serializers

ALLE = roles(Rol.INKOPER, Rol.BEOORDELAAR, Rol.INSCHRIJVER)


class AanbestedingViewSet(viewsets.ReadOnlyModelViewSet):
    """Procedures: the region side sees its region's, bidders the published ones."""

    access = ALLE
    serializer_class = serializers.AanbestedingSerializer
    queryset = Aanbesteding.objects.none()

    def get_queryset(self):
        return selectors.aanbestedingen_voor(self.request.user).order_by("-publicatie", "id")


class InschrijvingViewSet(viewsets.ReadOnlyModelViewSet):
    """Registrations: a bidder sees only its own; content is sealed until the opening."""

    access = ALLE
    serializer_class = serializers.InschrijvingSerializer
    queryset = Inschrijving.objects.none()

    def get_queryset(self):
        return selectors.inschrijvingen_voor(self.request.user).order_by("id")


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
