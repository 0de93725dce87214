from dataclasses import asdict

from django.utils import timezone

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import selectors
from ..constants import (
    Beoordelingsmethode,
    Documentsoort,
    Fase,
    PartijRol,
    Regelbesluitsoort,
    Uitsluitingsoordeel,
    Vraagmoment,
)
from ..models import (
    PLANNINGVELDEN,
    Aanbesteding,
    Aanbestedingsdocument,
    Beoordeling,
    Consensusscore,
    Document,
    Documentverzoek,
    Indiening,
    Inschrijving,
    Partij,
    Selectiebrief,
    Vraag,
)
from ..regels import Ernst
from ..scoring import Beslissing


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
        fields = ["id", "aanbesteding", "nota", "fase", "vraag", "antwoord"]


class DocumentvereisteSerializer(serializers.Serializer):
    soort = serializers.ChoiceField(choices=Documentsoort.choices, read_only=True)
    moment = serializers.ChoiceField(
        choices=Vraagmoment.choices,
        read_only=True,
        help_text="bij-aanmelding, op-verzoek (met de levertermijn) of niet.",
    )
    max_maanden = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Hooguit zoveel kalendermaanden oud bij ontvangst (null: geen maximum; bij de "
        "GVA altijd 1 tot en met 24, Aanbestedingswet art. 4.14).",
    )


class DocumentverzoekSerializer(serializers.ModelSerializer):
    """A request of the inkoper to a party for a document; ``uiterlijk_op`` is ``verzocht_op``
    plus the procedure's delivery term (Europe/Amsterdam calendar days)."""

    ontvangen_op = serializers.DateTimeField(
        source="document.ontvangen_op", read_only=True, allow_null=True, default=None
    )
    afgiftedatum = serializers.DateField(
        source="document.afgiftedatum", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Documentverzoek
        fields = [
            "id",
            "partij",
            "soort",
            "fase",
            "toelichting",
            "verzocht_op",
            "uiterlijk_op",
            "document",
            "ontvangen_op",
            "afgiftedatum",
        ]


class AanbestedingSerializer(serializers.ModelSerializer):
    percelen = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    selectie_sluiting = serializers.SerializerMethodField(help_text="Sluiting aanmelding (moment).")
    inschrijving_sluiting = serializers.SerializerMethodField(
        help_text="Sluiting inschrijving (moment)."
    )
    stukken = serializers.SerializerMethodField(help_text="Aanbestedingsstukken, alle versies.")
    documentvereisten = serializers.SerializerMethodField(
        help_text="Per document (GVA, verklaring betalingsgedrag, KvK-uittreksel, VOG): bij de "
        "aanmelding, op verzoek of niet gevraagd, met de maximumleeftijd bij ontvangst."
    )

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
            "gunning_vragen_deadline",
            "sluitingstijd",
            "selectie_sluiting",
            "inschrijving_sluiting",
            "stukken",
            "levertermijn_dagen",
            "documentvereisten",
        ]

    @extend_schema_field(DocumentvereisteSerializer(many=True))
    def get_documentvereisten(self, obj):
        return DocumentvereisteSerializer(selectors.documentvereisten(obj), many=True).data

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
        fields = ["fase", "ingediend_op", "ondanks_open_punten"]


class RegelbesluitSerializer(serializers.Serializer):
    besluit = serializers.ChoiceField(choices=Regelbesluitsoort.choices)
    motivering = serializers.CharField()
    besloten_op = serializers.DateTimeField()


class BevindingSerializer(serializers.Serializer):
    code = serializers.CharField()
    ernst = serializers.ChoiceField(choices=["error", "warning", "info"])
    fase = serializers.ChoiceField(choices=Fase.choices)
    bericht = serializers.CharField()
    partij_id = serializers.IntegerField(allow_null=True)
    besluit = RegelbesluitSerializer(
        allow_null=True,
        help_text="Alleen voor de regio, bij een fout (ernst error): het gemotiveerd besluit van "
        "de inkoper waardoor de fout de toelating en de gunning niet meer tegenhoudt; null: geen "
        "besluit (de fout houdt tegen).",
    )


class InschrijvingSerializer(serializers.ModelSerializer):
    """A registration. Before the opening of a phase the region side gets only that something
    was submitted and when: parties, documents and findings of that phase are left out and the
    phase is listed in ``verzegeld``. The candidate reads its selection decision only as sent
    in its latest decision letter."""

    organisatie_kvk = serializers.CharField(source="organisatie.kvk_nummer", read_only=True)
    organisatie_naam = serializers.CharField(source="organisatie.naam", read_only=True)
    toegelaten = serializers.SerializerMethodField()
    toelating_motivering = serializers.SerializerMethodField()
    indieningen = IndieningSerializer(many=True, read_only=True)
    verzegeld = serializers.SerializerMethodField()
    partijen = serializers.SerializerMethodField()
    documenten = serializers.SerializerMethodField()
    bevindingen = serializers.SerializerMethodField()
    documentverzoeken = serializers.SerializerMethodField()

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
            "toelating_motivering",
            "indieningen",
            "verzegeld",
            "partijen",
            "documenten",
            "bevindingen",
            "documentverzoeken",
        ]

    def _gebruiker(self):
        return self.context["request"].user

    @extend_schema_field(
        serializers.BooleanField(
            allow_null=True,
            help_text="Selectiebeslissing: toegelaten tot de gunningsfase. Voor de regio de "
            "huidige beslissing (null: nog niet genomen); voor de inschrijver zoals verzonden in "
            "de laatste selectiebrief (null: nog niet bekend, nog geen brief verzonden). "
            "Motivering en redenen: selectiebrieven.",
        )
    )
    def get_toegelaten(self, obj):
        return selectors.selectiebesluit_voor(self._gebruiker(), obj).toegelaten

    @extend_schema_field(
        serializers.CharField(
            help_text="De motivering van de selectiebeslissing, zoals bij toegelaten: voor de "
            "regio de huidige, voor de inschrijver die uit de laatste selectiebrief (leeg: nog "
            "niet bekend)."
        )
    )
    def get_toelating_motivering(self, obj):
        return selectors.selectiebesluit_voor(self._gebruiker(), obj).motivering

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

    @extend_schema_field(DocumentverzoekSerializer(many=True))
    def get_documentverzoeken(self, obj):
        """Requests for documents on request: for the registrant, and for the region side once
        the registrations are opened."""
        gebruiker = self._gebruiker()
        if not selectors.mag_inhoud_zien(gebruiker, obj, Fase.SELECTIE):
            return []
        # prefetched with their documents by the viewset's queryset
        return DocumentverzoekSerializer(selectors.verzoeken_met_document(obj), many=True).data

    @extend_schema_field(BevindingSerializer(many=True))
    def get_bevindingen(self, obj):
        gebruiker = self._gebruiker()
        # a list computes them for its whole page at once (``InschrijvingViewSet.list``)
        vooraf = self.context.get("regelcontrole", {}).get(obj.pk)
        lijst, besluiten = vooraf or (
            selectors.controlelijst_voor(obj, timezone.now()),
            selectors.laatste_regelbesluiten(obj),
        )
        if not selectors.is_regiozijde(gebruiker, obj.aanbesteding):
            besluiten = {}
        return [
            BevindingSerializer(
                {
                    **asdict(b),
                    "besluit": besluiten.get((b.code, b.partij_id))
                    if b.ernst == Ernst.ERROR
                    else None,
                }
            ).data
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


# --- selection phase: read models of ``services.selectieoverzichten`` ------------------------


class UitsluitingsgrondToetsSerializer(serializers.Serializer):
    """A ground a party answered "yes" or left open (or ``geen-uea``), with the assessment."""

    code = serializers.CharField()
    naam = serializers.CharField()
    antwoord = serializers.BooleanField(
        allow_null=True, help_text="Antwoord in het UEA: ja (true) of open gelaten (null)."
    )
    toelichting = serializers.CharField(help_text="Toelichting van de partij in het UEA.")
    oordeel = serializers.ChoiceField(
        choices=Uitsluitingsoordeel.choices,
        allow_null=True,
        help_text="Oordeel van de inkoper; null: nog te beoordelen.",
    )
    motivering = serializers.CharField()
    bewijs = serializers.CharField()


class PartijToetsingSerializer(serializers.Serializer):
    """The exclusion grounds of one party that signs a UEA."""

    partij = serializers.IntegerField(source="partij.pk")
    naam = serializers.CharField(source="partij.naam")
    rol = serializers.ChoiceField(source="partij.rol", choices=PartijRol.choices)
    kvk_nummer = serializers.CharField(source="partij.kvk_nummer")
    aantal_nee = serializers.IntegerField(
        help_text="Aantal gronden met “nee” beantwoord: niets te beoordelen."
    )
    gronden = UitsluitingsgrondToetsSerializer(
        many=True, help_text="De gronden die een beoordeling vragen."
    )


class EistoetsingSerializer(serializers.Serializer):
    """A suitability requirement and its check for this registration."""

    eis = serializers.IntegerField(source="eis_id")
    naam = serializers.CharField()
    bewijs_gevraagd = serializers.CharField()
    voldoet = serializers.BooleanField(allow_null=True, help_text="null: nog te toetsen.")
    bewijs = serializers.CharField(help_text="Het bewijs waarop het oordeel rust.")
    reden = serializers.CharField(help_text="Waarom niet is voldaan (bij voldoet = false).")
    bewijsstuk = serializers.CharField(
        help_text="Oorspronkelijke bestandsnaam van het bewijsstuk; leeg: geen bewijsstuk."
    )


class SelectiescoreSerializer(serializers.Serializer):
    criterium = serializers.CharField(source="criterium.code")
    naam = serializers.CharField(source="criterium.naam")
    weging = serializers.DecimalField(
        source="criterium.weging", max_digits=8, decimal_places=2, help_text="Maximum punten."
    )
    schaal_max = serializers.DecimalField(
        source="criterium.schaal_max", max_digits=5, decimal_places=2
    )
    score = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True, help_text="null: nog niet gescoord."
    )
    motivering = serializers.CharField()


class SelectieplaatsSerializer(serializers.Serializer):
    """The place in the ranking on the selection criteria (only with a cap)."""

    max_kandidaten = serializers.IntegerField(
        allow_null=True, help_text="Maximum aantal kandidaten; null: geen maximum."
    )
    rang = serializers.IntegerField(allow_null=True)
    punten = serializers.DecimalField(max_digits=None, decimal_places=2, allow_null=True)
    beslist_door = serializers.ChoiceField(
        choices=[(b.value, b.value) for b in Beslissing],
        allow_null=True,
        help_text="Wat de plaats bepaalde: de eigen uitkomst, de kwaliteitspunten of loting.",
    )
    binnen_maximum = serializers.BooleanField(allow_null=True)
    ontbreekt = serializers.ListField(
        child=serializers.CharField(),
        help_text="Wat nog ontbreekt voordat de rangschikking kan worden gemaakt.",
    )


class WeigeringSerializer(serializers.Serializer):
    code = serializers.CharField()
    bericht = serializers.CharField()


class SelectiebriefVerwijzingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Selectiebrief
        fields = ["id", "toegelaten", "verzonden_op"]


class SelectietoetsingSerializer(serializers.Serializer):
    """The selection of one registration as the page *Selectietoetsing* shows it. ``rang``,
    ``punten`` and ``binnen_maximum`` are null when no ranking is made (no cap, not more
    suitable candidates than the cap, not suitable, or not yet possible: see ``ontbreekt``)."""

    inschrijving = serializers.IntegerField(source="inschrijving.pk")
    aanbesteding = serializers.IntegerField(source="inschrijving.aanbesteding_id")
    inschrijver = serializers.CharField(source="inschrijving.weergavenaam")
    uitsluitingsgronden = PartijToetsingSerializer(source="partijen", many=True)
    geschiktheidseisen = EistoetsingSerializer(source="toetsing.eisen", many=True)
    volledig = serializers.BooleanField(
        source="toetsing.volledig", help_text="Elke grond beoordeeld en elke eis getoetst."
    )
    geschikt = serializers.BooleanField(
        source="toetsing.geschikt", help_text="Volledig, niet uitgesloten en aan elke eis voldaan."
    )
    selectiescores = SelectiescoreSerializer(
        source="scores", many=True, help_text="Alleen bij een maximum aantal kandidaten."
    )
    rangschikking = SelectieplaatsSerializer(source="*")
    toegelaten = serializers.BooleanField(
        source="inschrijving.toegelaten", allow_null=True, help_text="null: nog niet beslist."
    )
    motivering = serializers.CharField(source="inschrijving.selectiemotivering")
    weigeringen = WeigeringSerializer(
        source="toetsing.weigeringen",
        many=True,
        help_text="Waarom toelaten nu (nog) niet kan; leeg: toelaten kan.",
    )
    redenen = serializers.ListField(
        child=serializers.CharField(),
        help_text="Redenen voor afwijzing die uit de toetsing en de rang volgen (zo in de brief).",
    )
    brieven = SelectiebriefVerwijzingSerializer(many=True)


class SelectiebriefSerializer(serializers.ModelSerializer):
    """A sent selection decision letter: the decision, motivation and reasons as sent."""

    redenen = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        read_only=True,
        help_text="De redenen zoals in de brief; null bij een brief van vóór deze registratie "
        "(lees dan de brief).",
    )

    class Meta:
        model = Selectiebrief
        fields = [
            "id",
            "aanbesteding",
            "inschrijving",
            "toegelaten",
            "motivering",
            "redenen",
            "verzonden_op",
        ]


# --- award phase: the ranking (``services.rangschikking_overzicht``) -------------------------


class RekenstapSerializer(serializers.Serializer):
    omschrijving = serializers.CharField()
    berekening = serializers.CharField()
    uitkomst = serializers.DecimalField(
        max_digits=None, decimal_places=None, help_text="Exacte uitkomst van de stap."
    )


class TrekkingSerializer(serializers.Serializer):
    inschrijver = serializers.CharField()
    sha256 = serializers.CharField()


class LotingSerializer(serializers.Serializer):
    seed = serializers.CharField()
    trekkingen = serializers.SerializerMethodField(
        help_text="Per deelnemer SHA-256 van “<seed>|<inschrijver>”, in getrokken volgorde."
    )

    @extend_schema_field(TrekkingSerializer(many=True))
    def get_trekkingen(self, obj):
        return [{"inschrijver": naam, "sha256": sha} for naam, sha in obj.trekkingen]


class ConsensusscoreSerializer(serializers.ModelSerializer):
    criterium = serializers.CharField(source="criterium.code")
    naam = serializers.CharField(source="criterium.naam")

    class Meta:
        model = Consensusscore
        fields = ["criterium", "naam", "score"]


class PlaatsSerializer(serializers.Serializer):
    rang = serializers.IntegerField(source="uitslag.rang")
    inschrijving = serializers.IntegerField(source="inschrijving.pk")
    inschrijver = serializers.CharField(source="uitslag.inschrijver")
    waarde = serializers.DecimalField(
        source="uitslag.waarde",
        max_digits=None,
        decimal_places=2,
        help_text="De beslissende uitkomst (punten of fictieve prijs), afgerond op 2 decimalen.",
    )
    kwaliteitspunten = serializers.DecimalField(
        source="uitslag.kwaliteitspunten", max_digits=None, decimal_places=2
    )
    prijs = serializers.DecimalField(
        source="uitslag.prijs", max_digits=14, decimal_places=2, allow_null=True
    )
    beslist_door = serializers.ChoiceField(
        source="uitslag.beslist_door",
        choices=[(b.value, b.value) for b in Beslissing],
        help_text="Wat de plaats bepaalde: de uitkomst, bij gelijke uitkomst de "
        "kwaliteitspunten, daarna loting.",
    )
    consensusscores = ConsensusscoreSerializer(many=True)
    stappen = RekenstapSerializer(source="uitslag.stappen", many=True)


class RangschikkingSerializer(serializers.Serializer):
    """The ranking from the consensus scores, step by step as on the page *Rangschikking*."""

    aanbesteding = serializers.IntegerField(source="aanbesteding.pk")
    methode = serializers.ChoiceField(
        source="rangschikking.methode", choices=Beoordelingsmethode.choices
    )
    hoogste_wint = serializers.BooleanField(source="rangschikking.hoogste_wint")
    stappen = RekenstapSerializer(
        source="rangschikking.stappen",
        many=True,
        help_text="Stappen die voor alle inschrijvingen gelden (laagste prijs, beste kwaliteit).",
    )
    plaatsen = PlaatsSerializer(many=True)
    lotingen = LotingSerializer(source="rangschikking.lotingen", many=True)


class FoutSerializer(serializers.Serializer):
    code = serializers.CharField()
    detail = serializers.CharField()
