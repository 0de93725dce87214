from rest_framework import serializers

from ..models import Gebiedsteam, Gemeente, Perceel, Product, Regio


class RegioSerializer(serializers.ModelSerializer):
    class Meta:
        model = Regio
        fields = [
            "id",
            "naam",
            "contact_naam",
            "contact_email",
            "contact_telefoon",
            "website",
            "penvoerende_gemeente",
        ]


class GemeenteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Gemeente
        fields = [
            "id",
            "code",
            "naam",
            "regio",
            "kvk_nummer",
            "vestigingsplaats",
            "postcode",
            "nuts_code",
        ]


class GebiedsteamSerializer(serializers.ModelSerializer):
    gemeente = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Gebiedsteam
        fields = ["id", "naam", "werkgebied", "gemeente"]


class PerceelSerializer(serializers.ModelSerializer):
    # Explicit, so the schema does not depend on the database's integer range.
    volgorde = serializers.IntegerField(read_only=True)

    class Meta:
        model = Perceel
        fields = [
            "code",
            "naam",
            "omschrijving",
            "bekostigingsvariant",
            "inkooproute",
            "volgorde",
            "cpv_code",
        ]


class ProductSerializer(serializers.ModelSerializer):
    perceel = serializers.SlugRelatedField(slug_field="code", read_only=True)
    volgorde = serializers.IntegerField(read_only=True)

    class Meta:
        model = Product
        fields = [
            "code",
            "naam",
            "omschrijving",
            "was_2025",
            "perceel",
            "productcategorie",
            "productcode",
            "eenheid",
            "volgorde",
        ]
