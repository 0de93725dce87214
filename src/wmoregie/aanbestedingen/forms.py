"""Forms of the procurement pages. They parse input; services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.models import Perceel, Product

from .constants import (
    GVA_MAX_MAANDEN,
    OPVRAAGBARE_DOCUMENTEN,
    TOE_TE_VOEGEN_ROLLEN,
    Aanbestedingsdocumentsoort,
    Beoordelingsmethode,
    Bezwaarsoort,
    Documentsoort,
    Inschrijvingsoort,
    Regelbesluitsoort,
    Uitsluitingsoordeel,
    Vraagmoment,
)
from .models import PLANNINGVELDEN, Aanbesteding, Partij
from .services import UITSLUITINGSGRONDEN_NL


class DatumInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AanbestedingForm(forms.ModelForm):
    percelen = forms.ModelMultipleChoiceField(
        queryset=Perceel.objects.all(), widget=forms.CheckboxSelectMultiple, label=_("Percelen")
    )

    class Meta:
        model = Aanbesteding
        fields = [
            "kenmerk",
            "naam",
            "omschrijving",
            "procedure",
            "percelen",
            *PLANNINGVELDEN,
            "gunning_vragen_deadline",
            "sluitingstijd",
        ]
        widgets = {
            **{veld: DatumInput() for veld in (*PLANNINGVELDEN, "gunning_vragen_deadline")},
            "sluitingstijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "omschrijving": forms.Textarea(attrs={"rows": 3}),
        }


class StatusForm(forms.Form):
    naar = forms.CharField(widget=forms.HiddenInput)
    reden = forms.CharField(
        label=_("Reden"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class InschrijvenForm(forms.Form):
    organisatie = forms.ModelChoiceField(queryset=None, label=_("Organisatie"), empty_label=None)
    soort = forms.ChoiceField(
        label=_("Hoe schrijft u in?"), choices=Inschrijvingsoort.choices, widget=forms.RadioSelect
    )
    combinatienaam = forms.CharField(
        label=_("Naam van de combinatie (alleen bij een combinatie)"),
        required=False,
        max_length=200,
    )

    def __init__(self, *args, organisaties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisatie"].queryset = organisaties

    def clean(self):
        data = super().clean()
        if (
            data.get("soort") == Inschrijvingsoort.COMBINATIE
            and not (data.get("combinatienaam") or "").strip()
        ):
            self.add_error("combinatienaam", _("Geef de naam van de combinatie."))
        return data


class PartijForm(forms.ModelForm):
    rol = forms.ChoiceField(
        label=_("Rol"), choices=[(r.value, r.label) for r in TOE_TE_VOEGEN_ROLLEN]
    )
    percelen = forms.ModelMultipleChoiceField(
        queryset=Perceel.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Percelen"),
    )
    producten = forms.ModelMultipleChoiceField(
        queryset=Product.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Producten"),
    )

    class Meta:
        model = Partij
        fields = [
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
        ]
        widgets = {
            "taakomschrijving": forms.Textarea(attrs={"rows": 3}),
            "expertise": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, aanbesteding, leidend=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["percelen"].queryset = aanbesteding.percelen.all()
        self.fields["producten"].queryset = Product.objects.filter(
            perceel__in=aanbesteding.percelen.all()
        )
        if leidend:
            del self.fields["rol"]
            self.fields["kvk_nummer"].disabled = True

    def validate_unique(self):
        """Uniqueness within the registration is checked by the service."""


class UeaXmlForm(forms.Form):
    bestand = forms.FileField(
        label=_("UEA als XML-bestand (ESPD Response)"),
        help_text=_("Het bestand dat de UEA-dienst exporteert. Hooguit 10 MB."),
    )
    ondertekend = forms.BooleanField(
        label=_("Dit UEA is door de partij zelf ondertekend"), required=False
    )


class DocumentForm(forms.Form):
    SOORTEN = [
        (Documentsoort.UEA.value, _("UEA op papier (PDF), antwoorden hieronder ingevuld")),
        (Documentsoort.GVA.value, Documentsoort.GVA.label),
        (Documentsoort.BETALINGSGEDRAG.value, Documentsoort.BETALINGSGEDRAG.label),
        (Documentsoort.KVK_UITTREKSEL.value, Documentsoort.KVK_UITTREKSEL.label),
        (Documentsoort.VOG.value, Documentsoort.VOG.label),
        (Documentsoort.VERKLARING.value, Documentsoort.VERKLARING.label),
        (Documentsoort.INSCHRIJVING.value, Documentsoort.INSCHRIJVING.label),
    ]
    partij = forms.ModelChoiceField(queryset=None, label=_("Partij"), required=False)
    soort = forms.ChoiceField(label=_("Soort document"), choices=SOORTEN)
    bestand = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, Word, Excel of OpenDocument; hooguit 10 MB.")
    )
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=200)
    afgiftedatum = forms.DateField(
        label=_("Afgiftedatum (bij een GVA, verklaring betalingsgedrag, KvK-uittreksel of VOG)"),
        required=False,
        widget=DatumInput(),
    )
    ondertekend = forms.BooleanField(
        label=_("Ondertekend door de partij zelf (bij een UEA)"), required=False
    )
    van_toepassing = forms.MultipleChoiceField(
        label=_(
            "Uitsluitingsgronden die van toepassing zijn (bij een UEA op papier; niet aangevinkt = nee)"
        ),
        choices=UITSLUITINGSGRONDEN_NL,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, partijen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partij"].queryset = partijen

    def clean(self):
        data = super().clean()
        soort = data.get("soort")
        # the same checks as services.voeg_document_toe, on the field they concern
        if soort in (
            Documentsoort.UEA,
            Documentsoort.VERKLARING,
            *OPVRAAGBARE_DOCUMENTEN,
        ) and not data.get("partij"):
            self.add_error("partij", _("Kies de partij van dit document."))
        if (
            soort in OPVRAAGBARE_DOCUMENTEN
            and "afgiftedatum" not in self.errors
            and not data.get("afgiftedatum")
        ):
            self.add_error("afgiftedatum", _("Geef de datum waarop het document is afgegeven."))
        return data


class DocumentvereistenForm(forms.Form):
    """Per configurable document when it is asked and its maximum age, and the delivery term
    (#15.6). One fieldset per document; the fields are named ``<soort>_moment`` and
    ``<soort>_maanden``."""

    levertermijn_dagen = forms.IntegerField(
        label=_("Levertermijn voor documenten op verzoek (kalenderdagen)"),
        min_value=1,
        max_value=90,
        help_text=_("Het modelinkoopdocument noemt 14 kalenderdagen."),
    )

    def __init__(self, *args, vereisten, **kwargs):
        super().__init__(*args, **kwargs)
        self.soorten = []
        for v in vereisten:
            label = Documentsoort(v.soort).label
            self.fields[f"{v.soort}_moment"] = forms.ChoiceField(
                label=_("Wanneer gevraagd: %(document)s") % {"document": label},
                choices=Vraagmoment.choices,
                initial=v.moment,
                widget=forms.RadioSelect,
            )
            gva = v.soort == Documentsoort.GVA
            self.fields[f"{v.soort}_maanden"] = forms.IntegerField(
                label=_("Hooguit zoveel kalendermaanden oud bij ontvangst: %(document)s")
                % {"document": label},
                min_value=1,
                # Aanbestedingswet 2012, art. 4.14: a GVA is at most two years old
                max_value=GVA_MAX_MAANDEN if gva else 120,
                required=False,
                initial=v.max_maanden,
                help_text=(
                    _(
                        "Verplicht als het document gevraagd wordt: de wet staat hooguit "
                        "%(maanden)s maanden toe."
                    )
                    % {"maanden": GVA_MAX_MAANDEN}
                    if gva
                    else _("Leeg: geen maximumleeftijd (bijvoorbeeld een actuele VOG).")
                ),
            )
            self.soorten.append(v.soort)

    def vereisten(self) -> dict[str, tuple[str, int | None]]:
        return {
            soort: (self.cleaned_data[f"{soort}_moment"], self.cleaned_data[f"{soort}_maanden"])
            for soort in self.soorten
        }

    def per_document(self):
        """(label, moment field, age field) per document, for a fieldset each."""
        return [
            (Documentsoort(s).label, self[f"{s}_moment"], self[f"{s}_maanden"])
            for s in self.soorten
        ]


class DocumentverzoekForm(forms.Form):
    partij = forms.ModelChoiceField(queryset=None, label=_("Partij"))
    soort = forms.ChoiceField(label=_("Document"))
    toelichting = forms.CharField(
        label=_("Toelichting bij het verzoek"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, partijen, soorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partij"].queryset = partijen
        self.fields["partij"].label_from_instance = lambda p: f"{p.naam} ({p.get_rol_display()})"
        self.fields["soort"].choices = [(s, Documentsoort(s).label) for s in soorten]


class VerzochtDocumentForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, Word, Excel of OpenDocument; hooguit 10 MB.")
    )
    afgiftedatum = forms.DateField(
        label=_("Afgiftedatum van het document"),
        widget=DatumInput(),
        help_text=_(
            "De datum waarop het document is afgegeven; daarop wordt de leeftijd getoetst."
        ),
    )


class ToestemmingForm(forms.Form):
    kenmerk = forms.CharField(label=_("Kenmerk van de schriftelijke toestemming"), max_length=100)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


__all__ = [
    "AanbestedingForm",
    "DocumentForm",
    "InschrijvenForm",
    "PartijForm",
    "StatusForm",
    "ToestemmingForm",
    "UeaXmlForm",
]


class VraagForm(forms.Form):
    tekst = forms.CharField(
        label=_("Uw vraag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Alleen de inkoper ziet wie de vraag stelt. Het antwoord wordt zonder uw naam "
            "gepubliceerd voor alle inschrijvers."
        ),
    )


class AntwoordForm(forms.Form):
    vraag_gepubliceerd = forms.CharField(
        label=_("Vraag zoals gepubliceerd (zonder herkenbare gegevens)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    antwoord = forms.CharField(label=_("Antwoord"), widget=forms.Textarea(attrs={"rows": 4}))


class StukForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=Aanbestedingsdocumentsoort.choices)
    bestand = forms.FileField(
        label=_("Bestand"), help_text=_("PDF, Word, Excel of OpenDocument; hooguit 10 MB.")
    )
    toelichting = forms.CharField(label=_("Wat is er gewijzigd"), required=False, max_length=300)


# --- award phase ---------------------------------------------------------------------------------


class CriteriumForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=30)
    naam = forms.CharField(label=_("Naam"), max_length=200)
    weging = forms.DecimalField(
        label=_("Weging (maximum punten)"), min_value=0, max_digits=8, decimal_places=2
    )
    schaal_max = forms.DecimalField(
        label=_("Hoogste score op de schaal"),
        initial=10,
        min_value=0,
        max_digits=5,
        decimal_places=2,
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MethodeForm(forms.Form):
    methode = forms.ChoiceField(
        label=_("Beoordelingsmethode"),
        choices=Beoordelingsmethode.choices,
        widget=forms.RadioSelect,
    )
    waarde_per_punt = forms.DecimalField(
        label=_("Waarde per kwaliteitspunt (euro, bij gunnen op waarde)"),
        required=False,
        max_digits=14,
        decimal_places=2,
    )
    max_prijspunten = forms.DecimalField(
        label=_("Maximum prijspunten (bij relatieve beoordeling)"),
        required=False,
        max_digits=8,
        decimal_places=2,
    )
    max_kwaliteitspunten = forms.DecimalField(
        label=_("Maximum kwaliteitspunten (bij relatieve beoordeling)"),
        required=False,
        max_digits=8,
        decimal_places=2,
    )


class BelangenverklaringForm(forms.Form):
    geen_belangenconflict = forms.TypedChoiceField(
        label=_("Verklaring"),
        choices=[
            ("ja", _("Ik verklaar dat ik geen belangenconflict heb met een van de inschrijvers.")),
            ("nee", _("Ik heb wel een (mogelijk) belangenconflict; ik beoordeel niet.")),
        ],
        coerce=lambda w: w == "ja",
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Toelichting (verplicht bij een belangenconflict)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BezwaarForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort"), choices=Bezwaarsoort.choices)
    inschrijving = forms.ModelChoiceField(queryset=None, label=_("Van inschrijver"), required=False)
    ontvangen_op = forms.DateField(label=_("Ontvangen op"), widget=DatumInput())
    omschrijving = forms.CharField(
        label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, aanbesteding, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inschrijving"].queryset = aanbesteding.inschrijvingen.all()


class DefinitiefForm(forms.Form):
    nummer = forms.CharField(label=_("Contractnummer"), max_length=40)
    einddatum = forms.DateField(label=_("Einddatum (zonder verlenging)"), widget=DatumInput())
    combinatie_kvk = forms.CharField(
        label=_("KvK-nummer van de combinatie als geheel (alleen bij een combinatie)"),
        required=False,
        max_length=8,
    )


# --- selection phase ------------------------------------------------------------------------------


class GeschiktheidseisForm(forms.Form):
    naam = forms.CharField(label=_("Geschiktheidseis"), max_length=300)
    bewijs = forms.CharField(
        label=_("Gevraagd bewijs"),
        max_length=300,
        help_text=_("Bijvoorbeeld: referentieopdracht, kwaliteitscertificaat, verklaring."),
    )


class MaxKandidatenForm(forms.Form):
    max_kandidaten = forms.IntegerField(
        label=_("Maximum aantal kandidaten"),
        min_value=1,
        required=False,
        help_text=_("Leeg laten als er geen maximum geldt."),
    )


class SelectiecriteriumForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=30)
    naam = forms.CharField(label=_("Naam"), max_length=200)
    weging = forms.DecimalField(
        label=_("Weging (maximum punten)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    schaal_max = forms.DecimalField(
        label=_("Hoogste score op de schaal"),
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        initial=10,
    )


class UitsluitingstoetsForm(forms.Form):
    oordeel = forms.ChoiceField(
        label=_("Oordeel"), choices=Uitsluitingsoordeel.choices, widget=forms.RadioSelect
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Beoordeel de toelichting en eventuele herstelmaatregelen (self-cleaning)."),
    )
    bewijs = forms.CharField(
        label=_("Bewijs (optioneel)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class EistoetsingForm(forms.Form):
    voldoet = forms.TypedChoiceField(
        label=_("Uitkomst"),
        choices=[("ja", _("Voldoet")), ("nee", _("Voldoet niet"))],
        coerce=lambda w: w == "ja",
        widget=forms.RadioSelect,
    )
    bewijs = forms.CharField(
        label=_("Bewijs"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is aangeleverd en gecontroleerd (document, vindplaats, bevinding)."),
    )
    reden = forms.CharField(
        label=_("Reden (verplicht bij voldoet niet)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    document = forms.FileField(label=_("Bewijsstuk (optioneel)"), required=False)


class SelectiescoreForm(forms.Form):
    score = forms.DecimalField(label=_("Score"), max_digits=5, decimal_places=2, min_value=0)
    motivering = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 2}))


class SelectiebeslissingForm(forms.Form):
    toegelaten = forms.TypedChoiceField(
        label=_("Beslissing"),
        choices=[("ja", _("Toelaten")), ("nee", _("Afwijzen"))],
        coerce=lambda w: w == "ja",
        widget=forms.RadioSelect,
    )
    motivering = forms.CharField(
        label=_("Motivering (verplicht bij afwijzen)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RegelbesluitForm(forms.Form):
    """The inkoper's reasoned decision on one error-level rule finding."""

    besluit = forms.ChoiceField(
        label=_("Besluit"), choices=Regelbesluitsoort.choices, widget=forms.RadioSelect
    )
    motivering = forms.CharField(
        label=_("Motivering"),
        help_text=_(
            "Bijvoorbeeld: wat de inschrijver binnen welke termijn heeft hersteld, of waarom de "
            "regel hier niet van toepassing is. De motivering komt in de selectiebrief."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IndienenForm(forms.Form):
    """Submitting for the open phase; with open points on the checklist the registrant
    confirms that it submits anyway."""

    ondanks_open_punten = forms.BooleanField(
        label=_("Ik heb de open punten gezien en dien toch in"), required=False
    )
