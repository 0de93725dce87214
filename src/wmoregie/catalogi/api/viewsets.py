"""Read-only API of the catalogue. The catalogue is public information."""

from rest_framework import viewsets

from wmoregie.accounts.access import PUBLIC

from ..models import Gebiedsteam, Gemeente, Perceel, Product, Regio
from . import serializers


class RegioViewSet(viewsets.ReadOnlyModelViewSet):
    access = PUBLIC
    queryset = Regio.objects.order_by("naam")
    serializer_class = serializers.RegioSerializer


class GemeenteViewSet(viewsets.ReadOnlyModelViewSet):
    access = PUBLIC
    queryset = Gemeente.objects.order_by("naam")
    serializer_class = serializers.GemeenteSerializer
    lookup_field = "code"


class GebiedsteamViewSet(viewsets.ReadOnlyModelViewSet):
    access = PUBLIC
    queryset = Gebiedsteam.objects.select_related("gemeente")
    serializer_class = serializers.GebiedsteamSerializer


class PerceelViewSet(viewsets.ReadOnlyModelViewSet):
    access = PUBLIC
    queryset = Perceel.objects.all()
    serializer_class = serializers.PerceelSerializer
    lookup_field = "code"


class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    access = PUBLIC
    queryset = Product.objects.select_related("perceel")
    serializer_class = serializers.ProductSerializer
    lookup_field = "code"
