"""Read serializers of contracten. Amounts are strings with a decimal point (never floats)."""

import re

from django.utils import timezone

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..berekeningen import split_in_termijnen
from ..constants import (
    Documentsoort,
    Onderaannemersoort,
    OnderaannemerStatus,
    Opdrachtnemersvorm,
    OvereenkomstStatus,
    PrijsbladStatus,
)
from ..models import (
    Budget,
    Budgetaandeel,
    Budgetbetaling,
    Combinant,
    Indexering,
    Nalevingsdocument,
    Onderaanneemcontract,
    Onderaannemer,
    Overeenkomst,
    Prijsblad,
    Statuswijziging,
    Tarief,
    Verlengingsoptie,
)


def _keuze(keuzes, **kwargs):
    """A read-only choice field; the schema lists its values as a pattern, not as an enum.

    Several components of the project have a field named ``status`` or ``soort`` with different
    choices, and drf-spectacular turns every enum into a component named after the field, which
    then collide. A pattern is just as checkable and names nothing.
    """

    class Keuze(serializers.ChoiceField):
        pass

    extend_schema_field(
        {
            "type": "string",
            "pattern": "^(" + "|".join(re.escape(k) for k in keuzes.values) + ")$",
            "description": "; ".join(f"`{k}`: {label}" for k, label in keuzes.choices),
        }
    )(Keuze)
    return Keuze(choices=keuzes.choices, read_only=True, **kwargs)


def _exact():
    return serializers.DecimalField(max_digits=None, decimal_places=None, read_only=True)


class StapSerializer(serializers.Serializer):
    """One step of a calculation: the unrounded value, its unit and the arithmetic written out."""

    code = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    waarde = _exact()
    eenheid = serializers.CharField(read_only=True)
    toelichting = serializers.CharField(read_only=True)


class OrganisatieVerwijzingSerializer(serializers.Serializer):
    kvk_nummer = serializers.CharField(read_only=True)
    naam = serializers.CharField(read_only=True)


class CombinantSerializer(serializers.ModelSerializer):
    kvk_nummer = serializers.CharField(source="organisatie.kvk_nummer", read_only=True)
    naam = serializers.CharField(source="organisatie.naam", read_only=True)

    class Meta:
        model = Combinant
        fields = ["kvk_nummer", "naam", "penvoerder"]


class VerlengingsoptieSerializer(serializers.ModelSerializer):
    volgnummer = serializers.IntegerField(read_only=True)
    maanden = serializers.IntegerField(read_only=True)

    class Meta:
        model = Verlengingsoptie
        fields = ["volgnummer", "maanden", "benut_op"]


class StatuswijzigingSerializer(serializers.ModelSerializer):
    van = serializers.CharField(read_only=True, help_text="Leeg bij het aanmaken.")
    naar = _keuze(OvereenkomstStatus)

    class Meta:
        model = Statuswijziging
        fields = ["van", "naar", "gewijzigd_op", "toelichting"]


class OvereenkomstSerializer(serializers.ModelSerializer):
    perceel = serializers.SlugRelatedField(slug_field="code", read_only=True)
    opdrachtnemer = OrganisatieVerwijzingSerializer(read_only=True)
    combinanten = CombinantSerializer(many=True, read_only=True)
    verlengingsopties = VerlengingsoptieSerializer(many=True, read_only=True)
    statusgeschiedenis = StatuswijzigingSerializer(
        source="statuswijzigingen", many=True, read_only=True
    )
    artikelen = serializers.ListField(child=serializers.CharField(), read_only=True)
    huidige_einddatum = serializers.DateField(read_only=True)
    uiterste_einddatum = serializers.DateField(read_only=True)
    waarschuwingstermijn_dagen = serializers.IntegerField(read_only=True)
    opdrachtnemersvorm = _keuze(Opdrachtnemersvorm)
    status = _keuze(OvereenkomstStatus)

    class Meta:
        model = Overeenkomst
        fields = [
            "id",
            "nummer",
            "naam",
            "perceel",
            "bekostigingsvariant",
            "opdrachtnemersvorm",
            "opdrachtnemer",
            "combinanten",
            "ingangsdatum",
            "einddatum",
            "huidige_einddatum",
            "uiterste_einddatum",
            "verlengingsopties",
            "artikelen",
            "weging_personeel",
            "weging_materieel",
            "indexcijfer_personeel",
            "indexcijfer_materieel",
            "waarschuwingstermijn_dagen",
            "contactpersoon_naam",
            "contactpersoon_email",
            "contactpersoon_telefoon",
            "status",
            "statusgeschiedenis",
        ]


class TermijnSerializer(serializers.Serializer):
    nummer = serializers.IntegerField(read_only=True)
    bedrag = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)


class BudgetbetalingSerializer(serializers.ModelSerializer):
    termijn = serializers.IntegerField(read_only=True)

    class Meta:
        model = Budgetbetaling
        fields = ["termijn", "bedrag", "betaald_op"]


class BudgetaandeelSerializer(serializers.ModelSerializer):
    gemeentecode = serializers.CharField(source="gemeente.code", read_only=True)
    gemeente = serializers.CharField(source="gemeente.naam", read_only=True)
    betaald = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        help_text="Realisatie: de som van de vastgelegde betalingen.",
    )
    termijnen = serializers.SerializerMethodField()
    betalingen = BudgetbetalingSerializer(many=True, read_only=True)

    class Meta:
        model = Budgetaandeel
        fields = [
            "gemeentecode",
            "gemeente",
            "sleutelwaarde",
            "bedrag",
            "extra_cent",
            "betaald",
            "termijnen",
            "betalingen",
        ]

    @extend_schema_field(TermijnSerializer(many=True))
    def get_termijnen(self, aandeel) -> list[dict]:
        """The share split into the budget's instalments (whole cents, left-over cents in the first)."""
        return TermijnSerializer(
            split_in_termijnen(aandeel.bedrag, aandeel.budget.aantal_termijnen), many=True
        ).data


class IndexeringSerializer(serializers.ModelSerializer):
    jaar = serializers.IntegerField(read_only=True)

    class Meta:
        model = Indexering
        fields = [
            "jaar",
            "eerste_contractjaar",
            "weging_personeel",
            "weging_materieel",
            "indexcijfer_personeel",
            "indexcijfer_materieel",
            "personeel_prognose_volgend_jaar",
            "personeel_prognose_lopend_jaar",
            "personeel_definitief_lopend_jaar",
            "materieel_prognose_volgend_jaar",
            "materieel_prognose_lopend_jaar",
            "materieel_definitief_lopend_jaar",
            "indexpercentage",
            "bron",
        ]


class BudgetSerializer(serializers.ModelSerializer):
    overeenkomst = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    jaar = serializers.IntegerField(read_only=True)
    aantal_termijnen = serializers.IntegerField(read_only=True)
    aandelen = BudgetaandeelSerializer(
        many=True,
        read_only=True,
        help_text="Per gemeente het aandeel; een gemeente ziet alleen het eigen aandeel.",
    )
    indexering = IndexeringSerializer(read_only=True, allow_null=True)
    indexering_stappen = serializers.SerializerMethodField()

    class Meta:
        model = Budget
        fields = [
            "id",
            "overeenkomst",
            "jaar",
            "totaal",
            "verdeelsleutel",
            "aantal_termijnen",
            "aandelen",
            "indexering",
            "indexering_stappen",
        ]

    @extend_schema_field(StapSerializer(many=True))
    def get_indexering_stappen(self, budget) -> list[dict]:
        """How the amount followed from the previous year's budget; empty when fixed by hand."""
        if not (budget.indexering and budget.vorig_budget):
            return []
        berekening = budget.indexering.bereken(budget.vorig_budget.totaal)
        return StapSerializer(berekening.stappen, many=True).data


class NalevingsdocumentSerializer(serializers.ModelSerializer):
    soort = _keuze(Documentsoort)
    stand = serializers.SerializerMethodField()

    class Meta:
        model = Nalevingsdocument
        fields = ["soort", "kenmerk", "afgegeven_op", "geldig_tot", "stand", "heeft_bestand"]

    heeft_bestand = serializers.SerializerMethodField()

    def get_heeft_bestand(self, document) -> bool:
        """Whether the PDF itself was uploaded (read on the page ``document-bestand``)."""
        return bool(document.bestand)

    def get_stand(self, document) -> str:
        """geldig, verloopt-binnenkort or verlopen, today, by the agreement's warning period."""
        return document.stand(
            timezone.localdate(), document.onderaannemer.overeenkomst.waarschuwingstermijn_dagen
        )


class OnderaannemerSerializer(serializers.ModelSerializer):
    overeenkomst = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    kvk_nummer = serializers.CharField(source="organisatie.kvk_nummer", read_only=True)
    naam = serializers.CharField(source="organisatie.naam", read_only=True)
    producten = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    documenten = NalevingsdocumentSerializer(many=True, read_only=True)
    soort = _keuze(Onderaannemersoort)
    status = _keuze(OnderaannemerStatus)

    class Meta:
        model = Onderaannemer
        fields = [
            "id",
            "overeenkomst",
            "kvk_nummer",
            "naam",
            "soort",
            "status",
            "expertise",
            "producten",
            "ingangsdatum",
            "einddatum",
            "is_zzp",
            "toestemming_vereist",
            "toestemming_op",
            "toestemming_kenmerk",
            "documenten",
        ]


class MargeSerializer(serializers.Serializer):
    marge = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    margepercentage = serializers.DecimalField(max_digits=9, decimal_places=2, read_only=True)
    opslagpercentage = serializers.DecimalField(
        max_digits=9, decimal_places=2, read_only=True, allow_null=True
    )
    is_negatief = serializers.BooleanField(read_only=True)
    stappen = StapSerializer(many=True, read_only=True)


class PrijsbladSerializer(serializers.ModelSerializer):
    overeenkomst = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    versie = serializers.IntegerField(read_only=True)
    stappen = StapSerializer(source="berekening.stappen", many=True, read_only=True)
    marge = MargeSerializer(read_only=True, allow_null=True)
    status = _keuze(PrijsbladStatus)

    class Meta:
        model = Prijsblad
        fields = [
            "id",
            "overeenkomst",
            "product",
            "kwalificatieniveau",
            "versie",
            "status",
            "geldig_vanaf",
            "cao",
            "schaal",
            "trede",
            "maandsalaris",
            "maanden_per_jaar",
            "vakantietoeslag_percentage",
            "eindejaarsuitkering_percentage",
            "werkgeverslasten_percentage",
            "jaaruren_per_fte",
            "overhead_percentage",
            "risico_winst_percentage",
            "materiele_kosten_per_uur",
            "eenheid",
            "uren_per_eenheid",
            "materiele_kosten_per_eenheid",
            "ontvangen_tarief",
            "bronnen",
            "tarief",
            "stappen",
            "marge",
        ]


class OnderaanneemcontractSerializer(serializers.ModelSerializer):
    overeenkomst = serializers.CharField(source="onderaannemer.overeenkomst.nummer", read_only=True)
    onderaannemer = OrganisatieVerwijzingSerializer(
        source="onderaannemer.organisatie", read_only=True
    )
    prijsblad = serializers.PrimaryKeyRelatedField(read_only=True)
    tarief = serializers.DecimalField(
        source="prijsblad.tarief", max_digits=14, decimal_places=2, read_only=True
    )
    eenheid = serializers.CharField(source="prijsblad.eenheid", read_only=True)

    class Meta:
        model = Onderaanneemcontract
        fields = [
            "id",
            "nummer",
            "overeenkomst",
            "onderaannemer",
            "prijsblad",
            "tarief",
            "eenheid",
            "ingangsdatum",
            "einddatum",
            "ondertekend_op",
        ]


class TariefSerializer(serializers.ModelSerializer):
    overeenkomst = serializers.SlugRelatedField(slug_field="nummer", read_only=True)
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    productcode = serializers.CharField(source="product.productcode", read_only=True)
    eenheid = serializers.CharField(
        read_only=True, help_text="iWmo-codelijst WJ756, bijvoorbeeld `14` (etmaal)."
    )
    vorig_tarief = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    indexeringsjaar = serializers.IntegerField(
        source="indexering.jaar", read_only=True, allow_null=True
    )
    indexpercentage = serializers.DecimalField(
        source="indexering.indexpercentage",
        max_digits=14,
        decimal_places=8,
        read_only=True,
        allow_null=True,
    )
    indexering_stappen = serializers.SerializerMethodField()

    class Meta:
        model = Tarief
        fields = [
            "id",
            "overeenkomst",
            "product",
            "productcode",
            "eenheid",
            "bedrag",
            "geldig_van",
            "geldig_tot",
            "vorig_tarief",
            "indexeringsjaar",
            "indexpercentage",
            "indexering_stappen",
            "bron",
        ]

    @extend_schema_field(StapSerializer(many=True))
    def get_indexering_stappen(self, tarief) -> list[dict]:
        """How the amount followed from the previous tariff; empty when fixed by hand."""
        berekening = tarief.indexberekening()
        return StapSerializer(berekening.stappen, many=True).data if berekening else []
