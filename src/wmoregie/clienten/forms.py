"""Forms of the client administration. They parse input; the services decide and store."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Eenheid
from wmoregie.catalogi.models import Gebiedsteam, Gemeente, Product

from .constants import Doelresultaat, Frequentie, Geslacht, RedenAfwijzing, RedenBeeindiging
from .models import Verwijsbron, Weigerreden
from .models.traject import MAX_TOELICHTING_STARTDATUM, MAX_VOLUME

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datum(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DATUM, **kwargs)


def _aantal(label, *, maximum=MAX_VOLUME, **kwargs):
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=maximum,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        **kwargs,
    )


class AanmeldingForm(forms.Form):
    """A referral: the resident, the question and the product asked for."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        help_text=_("Negen cijfers; spaties en punten mogen."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    voorletters = forms.CharField(label=_("Voorletters"), max_length=12, required=False)
    voorvoegsel = forms.CharField(label=_("Voorvoegsel"), max_length=10, required=False)
    achternaam = forms.CharField(label=_("Achternaam"), max_length=200)
    geboortedatum = _datum(_("Geboortedatum"))
    geslacht = forms.ChoiceField(label=_("Geslacht"), choices=Geslacht.choices, initial="0")
    straat = forms.CharField(label=_("Straat"), max_length=24)
    huisnummer = _aantal(_("Huisnummer"), maximum=99999)
    huisletter = forms.CharField(label=_("Huisletter"), max_length=1, required=False)
    huisnummer_toevoeging = forms.CharField(label=_("Toevoeging"), max_length=4, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    woonplaats = forms.CharField(label=_("Woonplaats"), max_length=80)
    telefoon = forms.CharField(
        label=_("Telefoonnummer"), max_length=15, required=False, help_text=_("Alleen cijfers.")
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        help_text=_("De woongemeente: die is verantwoordelijk voor de ondersteuning."),
    )
    gebiedsteam = forms.ModelChoiceField(
        label=_("Gebiedsteam"), queryset=Gebiedsteam.objects.none(), required=False
    )
    product = forms.ModelChoiceField(
        label=_("Gevraagd product"), queryset=Product.objects.select_related("perceel")
    )
    bron = forms.ModelChoiceField(
        label=_("Verwijsbron"), queryset=Verwijsbron.objects.filter(actief=True)
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)
    vraag = forms.CharField(
        label=_("Hulpvraag"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5})
    )

    groepen = [
        (
            _("Cliënt"),
            ["bsn", "voorletters", "voorvoegsel", "achternaam", "geboortedatum", "geslacht"],
        ),
        (
            _("Adres"),
            [
                "straat",
                "huisnummer",
                "huisletter",
                "huisnummer_toevoeging",
                "postcode",
                "woonplaats",
                "telefoon",
                "gemeente",
            ],
        ),
        (_("Vraag"), ["gebiedsteam", "product", "bron", "urgent", "vraag"]),
    ]

    def __init__(self, *args, gemeenten, gebiedsteams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["gebiedsteam"].queryset = gebiedsteams
        if gemeenten.count() == 1:
            self.fields["gemeente"].initial = gemeenten.first()
        if gebiedsteams.count() == 1:
            self.fields["gebiedsteam"].initial = gebiedsteams.first()
            self.fields["gebiedsteam"].required = True


class AanvraagForm(forms.Form):
    """What the provider asks the municipality to assign (WMO315), when accepting a referral
    for a per-client lot."""

    volume = _aantal(_("Omvang"))
    frequentie = forms.ChoiceField(label=_("Per"), choices=Frequentie.choices)
    ingangsdatum = _datum(_("Gewenste ingangsdatum"))
    einddatum = _datum(_("Gewenste einddatum"), required=False)


class WeigerForm(forms.Form):
    reden = forms.ModelChoiceField(
        label=_("Reden"), queryset=Weigerreden.objects.filter(actief=True)
    )
    toelichting = forms.CharField(
        label=_("Onderbouwing"),
        max_length=4000,
        help_text=_(
            "De acceptatieplicht geldt (OW 3.1.1): leg uit waarom u deze cliënt aantoonbaar niet "
            "de juiste ondersteuning kunt bieden. De gemeente en de regio lezen dit."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ToelichtingForm(forms.Form):
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class IdentiteitForm(forms.Form):
    """The back office's decision on a referral with the BSN of a known client."""

    zelfde = forms.TypedChoiceField(
        label=_("Is dit dezelfde persoon?"),
        choices=[
            ("ja", _("Ja, dezelfde persoon: koppel de aanmelding aan de bekende cliënt")),
            ("nee", _("Nee, een andere persoon: het BSN klopt niet, de aanmeldingen vervallen")),
        ],
        coerce=lambda waarde: waarde == "ja",
        widget=forms.RadioSelect,
    )
    toelichting = forms.CharField(
        label=_("Waarop baseert u dit?"),
        max_length=4000,
        help_text=_(
            "Alleen voor het auditlog: de aanmelder ziet dit niet. Noem geen gegevens van de "
            "bekende cliënt."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class UitvoerderForm(forms.Form):
    uitvoerder = forms.ChoiceField(label=_("Uitvoerder"), widget=forms.RadioSelect)
    team = forms.CharField(label=_("Team (bij eigen medewerkers)"), max_length=100, required=False)
    datum = _datum(_("Met ingang van"))

    def __init__(self, *args, onderaannemers, **kwargs):
        super().__init__(*args, **kwargs)
        self.onderaannemers = {str(o.pk): o for o in onderaannemers}
        self.fields["uitvoerder"].choices = [("eigen", _("Eigen medewerkers"))] + [
            (pk, f"{o.organisatie} ({o.get_soort_display().lower()})")
            for pk, o in self.onderaannemers.items()
        ]

    def onderaannemer(self):
        return self.onderaannemers.get(self.cleaned_data["uitvoerder"])


class PlanForm(forms.Form):
    """The plan: intensity, goals per life domain (one line per goal) and review dates."""

    volume = _aantal(_("Intensiteit"))
    eenheid = forms.ChoiceField(label=_("Eenheid"))
    frequentie = forms.ChoiceField(label=_("Per"), choices=Frequentie.choices)
    afspraken = forms.CharField(
        label=_("Afspraken"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    evaluatie_1 = _datum(_("Eerste evaluatie"), required=False)
    evaluatie_2 = _datum(_("Tweede evaluatie"), required=False)

    def __init__(self, *args, eenheden, domeinen, doelen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eenheid"].choices = [(e, Eenheid(e).label) for e in eenheden]
        self.domeinen = list(domeinen)
        bestaand = {d.levensdomein_id: d.omschrijving for d in doelen or []}
        for domein in self.domeinen:
            self.fields[f"doel_{domein.pk}"] = forms.CharField(
                label=_("Doel voor %(domein)s") % {"domein": domein.naam},
                max_length=500,
                required=False,
                initial=bestaand.get(domein.pk, ""),
            )

    def doelvelden(self):
        return [self[f"doel_{d.pk}"] for d in self.domeinen]

    def doelen(self):
        return [
            (domein, self.cleaned_data[f"doel_{domein.pk}"].strip())
            for domein in self.domeinen
            if self.cleaned_data.get(f"doel_{domein.pk}", "").strip()
        ]

    def evaluaties(self):
        return [
            d
            for d in (self.cleaned_data.get("evaluatie_1"), self.cleaned_data.get("evaluatie_2"))
            if d
        ]


class ScoresForm(forms.Form):
    """Scores per life domain on the instrument's scale; empty = not scored this time."""

    datum = _datum(_("Datum"))

    def __init__(self, *args, instrument, domeinen, vorige=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.domeinen = list(domeinen)
        keuzes = [("", _("niet gemeten"))] + [
            (str(waarde), f"{waarde} – {label}") for waarde, label in instrument.scores
        ]
        for domein in self.domeinen:
            self.fields[f"score_{domein.pk}"] = forms.TypedChoiceField(
                label=domein.naam,
                choices=keuzes,
                coerce=int,
                empty_value=None,
                required=False,
                initial=(vorige or {}).get(domein.pk, ""),
            )

    def scorevelden(self):
        return [self[f"score_{d.pk}"] for d in self.domeinen]

    def scores(self):
        return {
            domein: self.cleaned_data[f"score_{domein.pk}"]
            for domein in self.domeinen
            if self.cleaned_data.get(f"score_{domein.pk}") is not None
        }


class StartForm(forms.Form):
    datum = _datum(_("Startdatum"))


class StartdatumForm(forms.Form):
    datum = _datum(_("Juiste startdatum"))
    toelichting = forms.CharField(
        label=_("Waarom klopte de startdatum niet?"),
        max_length=MAX_TOELICHTING_STARTDATUM,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BeeindigForm(forms.Form):
    datum = _datum(_("Einddatum"))
    reden = forms.ChoiceField(label=_("Reden"), choices=RedenBeeindiging.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    vervolgproduct = forms.ModelChoiceField(
        label=_("Doorverwijzen naar (vervolg)"),
        queryset=Product.objects.select_related("perceel"),
        required=False,
        help_text=_(
            "Bijvoorbeeld van Beschermd wonen naar Beschermd thuis: de aanmelding wordt "
            "met de gegevens van dit traject gemaakt."
        ),
    )

    def __init__(self, *args, doelen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.doelen = list(doelen)
        for doel in self.doelen:
            self.fields[f"resultaat_{doel.pk}"] = forms.ChoiceField(
                label=_("Resultaat: %(doel)s") % {"doel": doel.omschrijving},
                choices=[("", "—"), *list(Doelresultaat.choices)],
                required=False,
            )

    def resultaatvelden(self):
        return [self[f"resultaat_{d.pk}"] for d in self.doelen]

    def resultaten(self):
        return {
            doel.pk: self.cleaned_data[f"resultaat_{doel.pk}"]
            for doel in self.doelen
            if self.cleaned_data.get(f"resultaat_{doel.pk}")
        }


class WijzigForm(forms.Form):
    datum = _datum(_("Met ingang van"))
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    volume = _aantal(_("Intensiteit"))
    eenheid = forms.ChoiceField(label=_("Eenheid"))
    frequentie = forms.ChoiceField(label=_("Per"), choices=Frequentie.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, producten, eenheden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producten
        self.fields["eenheid"].choices = [(e, Eenheid(e).label) for e in eenheden]


class DoorverwijsForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Vervolgproduct"), queryset=Product.objects.none())
    vraag = forms.CharField(
        label=_("Hulpvraag (leeg: die van dit traject)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    urgent = forms.BooleanField(label=_("Urgent"), required=False)


class ToekenningForm(forms.Form):
    """The municipality's toewijzing (WMO301)."""

    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    volume = _aantal(_("Omvang"))
    frequentie = forms.ChoiceField(label=_("Per"), choices=Frequentie.choices)
    ingangsdatum = _datum(_("Ingangsdatum"))
    einddatum = _datum(_("Einddatum"), required=False)

    def __init__(self, *args, producten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = producten


class AfwijzingForm(forms.Form):
    reden = forms.ChoiceField(label=_("Reden van afwijzing"), choices=RedenAfwijzing.choices)


class ZoekForm(forms.Form):
    bsn = forms.CharField(label=_("BSN"), max_length=11, required=False)
    naam = forms.CharField(label=_("Achternaam"), max_length=200, required=False)
    geboortedatum = _datum(_("Geboortedatum"), required=False)

    def clean(self):
        data = super().clean()
        if not any(data.get(veld) for veld in ("bsn", "naam", "geboortedatum")):
            raise forms.ValidationError(
                _("Vul een BSN, een achternaam of een geboortedatum in."), code="zoekterm-ontbreekt"
            )
        if data.get("naam") and len(data["naam"].strip()) < 2:
            self.add_error("naam", _("Vul minstens twee letters van de achternaam in."))
        return data


class DeclaratieKeuzeForm(forms.Form):
    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=Gemeente.objects.none())
    maand = forms.DateField(
        label=_("Maand"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
