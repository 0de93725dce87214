from django.utils import timezone

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import selectors
from ..constants import Fase
from ..models import (
    PLANNINGVELDEN,
    Aanbesteding,
    Aanbestedingsdocument,
    Beoordeling,
    Document,
    Indiening,
    Inschrijving,
    Partij,
    Vraag,
)


class StukSerializer(serializers.ModelSerializer):
    class Meta:
        model = Aanbestedingsdocument
        fields = ["id", "soort", "fase", "versie", "bestandsnaam", "toelichting", "geplaatst_op"]


class GepubliceerdeVraagSerializer(serializers.ModelSerializer):
    """A published question and answer: anonymised, the asker is never included."""

    nota = serializers.IntegerField(source="nota.nummer", read_only=True)
    vraag = serializers.CharField(source="vraag_gepubliceerd", read_only=True)

    class Meta:
        model = Vraag
        fields = ["id", "aanbesteding", "nota", "vraag", "antwoord"]


class AanbestedingSerializer(serializers.ModelSerializer):
    percelen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    selectie_sluiting = serializers.SerializerMethodField(help_text="Sluiting aanmelding (moment).")
    inschrijving_sluiting = serializers.SerializerMethodField(
        help_text="Sluiting inschrijving (moment)."
    )
    stukken = serializers.SerializerMethodField(help_text="Aanbestedingsstukken, alle versies.")

    class Meta:
        model = Aanbesteding
        fields = [
            "id",
            "kenmerk",
            "naam",
            "omschrijving",
            "procedure",
            "status",
            "percelen",
            *PLANNINGVELDEN,
            "sluitingstijd",
            "selectie_sluiting",
            "inschrijving_sluiting",
            "stukken",
        ]

    @extend_schema_field(serializers.DateTimeField())
    def get_selectie_sluiting(self, obj):
        return serializers.DateTimeField().to_representation(obj.deadline(Fase.SELECTIE))

    @extend_schema_field(StukSerializer(many=True))
    def get_stukken(self, obj):
        return StukSerializer(
            selectors.stukken_voor(self.context["request"].user, obj), many=True
        ).data

    @extend_schema_field(serializers.DateTimeField())
    def get_inschrijving_sluiting(self, obj):
        return serializers.DateTimeField().to_representation(obj.deadline(Fase.GUNNING))


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = [
            "id",
            "soort",
            "fase",
            "bestandsnaam",
            "inhoudstype",
            "grootte",
            "omschrijving",
            "afgiftedatum",
            "uea_vorm",
            "ondertekend",
            "ontvangen_op",
        ]


class PartijSerializer(serializers.ModelSerializer):
    percelen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    producten = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    documenten = DocumentSerializer(many=True, read_only=True)
    toestemming = serializers.SerializerMethodField(
        help_text="Kenmerk van de schriftelijke toestemming van de inkoper, als die is vastgelegd."
    )

    class Meta:
        model = Partij
        fields = [
            "id",
            "rol",
            "naam",
            "kvk_nummer",
            "straat",
            "postcode",
            "plaats",
            "land",
            "contactpersoon",
            "email",
            "telefoon",
            "taakomschrijving",
            "expertise",
            "percelen",
            "producten",
            "uitsluitingsgronden",
            "fase",
            "toegevoegd_op",
            "toestemming",
            "documenten",
        ]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_toestemming(self, obj):
        toestemming = getattr(obj, "toestemming", None)
        return toestemming.kenmerk if toestemming else None


class IndieningSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indiening
        fields = ["fase", "ingediend_op"]


class BevindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    ernst = serializers.ChoiceField(choices=["error", "warning", "info"])
    fase = serializers.ChoiceField(choices=Fase.choices)
    bericht = serializers.CharField()
    partij_id = serializers.IntegerField(allow_null=True)


class InschrijvingSerializer(serializers.ModelSerializer):
    """A registration. Before the opening of a phase the region side gets only that something
    was submitted and when: parties, documents and findings of that phase are left out and the
    phase is listed in ``verzegeld``."""

    organisatie_kvk = serializers.CharField(source="organisatie.kvk_nummer", read_only=True)
    organisatie_naam = serializers.CharField(source="organisatie.naam", read_only=True)
    indieningen = IndieningSerializer(many=True, read_only=True)
    verzegeld = serializers.SerializerMethodField()
    partijen = serializers.SerializerMethodField()
    documenten = serializers.SerializerMethodField()
    bevindingen = serializers.SerializerMethodField()

    class Meta:
        model = Inschrijving
        fields = [
            "id",
            "aanbesteding",
            "soort",
            "combinatienaam",
            "organisatie_kvk",
            "organisatie_naam",
            "aangemaakt_op",
            "toegelaten",
            "indieningen",
            "verzegeld",
            "partijen",
            "documenten",
            "bevindingen",
        ]

    def _gebruiker(self):
        return self.context["request"].user

    @extend_schema_field(
        serializers.ListField(
            child=serializers.CharField(),
            help_text="Fasen (selectie, gunning) waarvan de inhoud voor u nog verzegeld is.",
        )
    )
    def get_verzegeld(self, obj):
        return [f for f in Fase.values if not selectors.mag_inhoud_zien(self._gebruiker(), obj, f)]

    @extend_schema_field(PartijSerializer(many=True))
    def get_partijen(self, obj):
        return PartijSerializer(
            selectors.zichtbare_partijen(self._gebruiker(), obj), many=True
        ).data

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documenten(self, obj):
        documenten = [
            d for d in selectors.zichtbare_documenten(self._gebruiker(), obj) if d.partij_id is None
        ]
        return DocumentSerializer(documenten, many=True).data

    @extend_schema_field(BevindingSerializer(many=True))
    def get_bevindingen(self, obj):
        gebruiker = self._gebruiker()
        lijst = selectors.controlelijst_voor(obj, timezone.now())
        return [
            BevindingSerializer(b).data
            for fase, punten in lijst.items()
            if selectors.mag_inhoud_zien(gebruiker, obj, fase)
            for punt in punten
            for b in punt.bevindingen
        ]


class BeoordelingSerializer(serializers.ModelSerializer):
    """An individual score. An assessor gets its own, and another's only once consensus on that
    item is recorded (blind assessment); the inkoper gets all."""

    criterium = serializers.CharField(source="criterium.code", read_only=True)
    aanbesteding = serializers.IntegerField(source="inschrijving.aanbesteding_id", read_only=True)
    beoordelaar = serializers.CharField(source="beoordelaar.username", read_only=True)

    class Meta:
        model = Beoordeling
        fields = [
            "id",
            "aanbesteding",
            "inschrijving",
            "criterium",
            "beoordelaar",
            "score",
            "motivering",
            "vastgelegd_op",
        ]
