"""Forms of contracten. They only parse input; the services decide and store."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wmoregie.accounts.models import Organisatie
from wmoregie.catalogi.models import Perceel

from .constants import Documentsoort, Onderaannemersoort, Opdrachtnemersvorm, OvereenkomstStatus
from .models import Prijsblad
from .validators import parse_artikelnummers

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datum(label, required=True, **kwargs):
    return forms.DateField(label=label, required=required, widget=DATUM, **kwargs)


def _decimaal(label, required=True, decimalen=2, **kwargs):
    return forms.DecimalField(
        label=label,
        required=required,
        decimal_places=decimalen,
        max_digits=14,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        **kwargs,
    )


class OvereenkomstForm(forms.Form):
    nummer = forms.CharField(label=_("Contractnummer"), max_length=40)
    naam = forms.CharField(label=_("Naam"), max_length=200)
    perceel = forms.ModelChoiceField(label=_("Perceel"), queryset=Perceel.objects.all())
    opdrachtnemersvorm = forms.ChoiceField(
        label=_("Vorm van de opdrachtnemer"),
        choices=Opdrachtnemersvorm.choices,
        widget=forms.RadioSelect,
    )
    opdrachtnemer = forms.ModelChoiceField(
        label=_("Opdrachtnemer (hoofdaannemer of de combinatie)"),
        queryset=Organisatie.objects.all(),
    )
    penvoerder = forms.ModelChoiceField(
        label=_("Penvoerder (alleen bij een combinatie)"),
        queryset=Organisatie.objects.all(),
        required=False,
    )
    combinanten = forms.ModelMultipleChoiceField(
        label=_("Overige combinanten (alleen bij een combinatie)"),
        queryset=Organisatie.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ingangsdatum = _datum(_("Ingangsdatum"))
    einddatum = _datum(_("Einddatum (zonder verlenging)"))
    verlengingsopties = forms.CharField(
        label=_("Verlengingsopties in maanden"),
        required=False,
        help_text=_("Gescheiden door komma’s, bijvoorbeeld ‘12, 12’ voor twee keer een jaar."),
    )
    artikelen = forms.CharField(
        label=_("Toepasselijke artikelen van de contractstandaard"),
        required=False,
        help_text=_("Artikelnummers gescheiden door komma’s, bijvoorbeeld ‘3.1, 3.2, 3.9’."),
    )
    weging_personeel = _decimaal(
        _("Weging personele kosten"),
        decimalen=4,
        initial=Decimal("0.8"),
        help_text=_("Een fractie: 0,8 voor 80 %."),
    )
    weging_materieel = _decimaal(
        _("Weging materiële kosten"),
        decimalen=4,
        initial=Decimal("0.2"),
        help_text=_("Een fractie: 0,2 voor 20 %. Samen met de personele kosten precies 1."),
    )
    indexcijfer_personeel = forms.CharField(
        label=_("Indexreeks personele kosten"), initial="OVA", max_length=40
    )
    indexcijfer_materieel = forms.CharField(
        label=_("Indexreeks materiële kosten"), initial="CPI", max_length=40
    )
    waarschuwingstermijn_dagen = forms.IntegerField(
        label=_("Waarschuwen voor het verlopen van documenten (dagen vooraf)"),
        initial=60,
        min_value=0,
        max_value=365,
    )

    def clean_artikelen(self):
        return parse_artikelnummers(self.cleaned_data["artikelen"])

    def clean_verlengingsopties(self):
        tekst = self.cleaned_data["verlengingsopties"]
        delen = [d.strip() for d in tekst.replace(";", ",").split(",") if d.strip()]
        if not all(d.isascii() and d.isdigit() and 1 <= int(d) <= 120 for d in delen):
            raise ValidationError(
                _("Geef elke verlengingsoptie op als een aantal maanden (1 tot 120)."),
                code="verlenging-formaat",
            )
        return [int(d) for d in delen]


class StatusForm(forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"), choices=OvereenkomstStatus.choices)
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, toegestaan: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["naar"].choices = [(s, OvereenkomstStatus(s).label) for s in toegestaan]


class BudgetForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    totaal = _decimaal(_("Jaarbudget (EUR)"), min_value=Decimal(0))
    verdeelsleutel = forms.CharField(
        label=_("Verdeelsleutel"),
        max_length=200,
        initial=_("Aantal inwoners per 1 januari (CBS)"),
    )
    aantal_termijnen = forms.IntegerField(
        label=_("Aantal termijnen per jaar"), initial=12, min_value=1, max_value=52
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = list(gemeenten)
        for gemeente in self.gemeenten:
            self.fields[f"sleutel_{gemeente.code}"] = _decimaal(
                _("Verdeelsleutel %(gemeente)s") % {"gemeente": gemeente},
                decimalen=4,
                min_value=Decimal(0),
            )

    def sleutelvelden(self):
        return [self[f"sleutel_{g.code}"] for g in self.gemeenten]

    def basisvelden(self):
        return [self[naam] for naam in ("jaar", "totaal", "verdeelsleutel", "aantal_termijnen")]

    def sleutelwaarden(self) -> dict:
        return {g: self.cleaned_data[f"sleutel_{g.code}"] for g in self.gemeenten}


class IndexeringForm(forms.Form):
    eerste_contractjaar = forms.BooleanField(
        label=_("Eerste jaar na een nieuwe inkoop: alleen de prognose, geen nacalculatie"),
        required=False,
    )
    personeel_prognose_volgend_jaar = _decimaal(_("Personeel: prognose t+1 (%)"), decimalen=3)
    personeel_prognose_lopend_jaar = _decimaal(
        _("Personeel: prognose t, zoals vorig jaar vastgesteld (%)"), required=False, decimalen=3
    )
    personeel_definitief_lopend_jaar = _decimaal(
        _("Personeel: definitief cijfer t (%)"), required=False, decimalen=3
    )
    materieel_prognose_volgend_jaar = _decimaal(_("Materieel: prognose t+1 (%)"), decimalen=3)
    materieel_prognose_lopend_jaar = _decimaal(
        _("Materieel: prognose t, zoals vorig jaar vastgesteld (%)"), required=False, decimalen=3
    )
    materieel_definitief_lopend_jaar = _decimaal(
        _("Materieel: definitief cijfer t (%)"), required=False, decimalen=3
    )
    bron = forms.CharField(
        label=_("Bron van de indexcijfers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BetalingForm(forms.Form):
    aandeel = forms.ChoiceField(label=_("Gemeente"))
    termijn = forms.IntegerField(label=_("Termijn"), min_value=1, max_value=52)
    bedrag = _decimaal(_("Betaald bedrag (EUR)"), min_value=Decimal(0))
    betaald_op = _datum(_("Betaald op"))

    def __init__(self, *args, aandelen, **kwargs):
        super().__init__(*args, **kwargs)
        self.aandelen = {str(a.pk): a for a in aandelen}
        self.fields["aandeel"].choices = [(pk, str(a.gemeente)) for pk, a in self.aandelen.items()]

    def clean_aandeel(self):
        return self.aandelen[self.cleaned_data["aandeel"]]


NIET_PRODUCTIEF_RIJEN = 6
STANDAARD_NIET_PRODUCTIEF = ["Verlof", "Ziekte", "Scholing", "Reistijd", "Indirecte cliënttijd"]


class PrijsbladForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None)
    kwalificatieniveau = forms.CharField(label=_("Kwalificatieniveau"), max_length=80)
    geldig_vanaf = _datum(_("Geldig vanaf"))
    cao = forms.CharField(label=_("Cao"), max_length=100, initial="Cao Sociaal Werk")
    schaal = forms.CharField(label=_("Salarisschaal"), max_length=20)
    trede = forms.CharField(label=_("Trede"), max_length=20, required=False)
    maandsalaris = _decimaal(_("Bruto maandsalaris (EUR)"), min_value=Decimal(0))
    maanden_per_jaar = _decimaal(_("Maanden per jaar"), initial=12, min_value=Decimal(0))
    vakantietoeslag_percentage = _decimaal(
        _("Vakantietoeslag (%)"), decimalen=3, initial=8, min_value=Decimal(0)
    )
    eindejaarsuitkering_percentage = _decimaal(
        _("Eindejaarsuitkering (%)"), decimalen=3, initial=Decimal("8.33"), min_value=Decimal(0)
    )
    werkgeverslasten_percentage = _decimaal(
        _("Werkgeverslasten (%)"), decimalen=3, min_value=Decimal(0)
    )
    jaaruren_per_fte = _decimaal(
        _("Contracturen per fte per jaar"), initial=1872, min_value=Decimal(1)
    )
    overhead_percentage = _decimaal(_("Overhead (%)"), decimalen=3, min_value=Decimal(0))
    risico_winst_percentage = _decimaal(_("Risico en winst (%)"), decimalen=3, min_value=Decimal(0))
    materiele_kosten_per_uur = _decimaal(
        _("Materiële kosten per uur (EUR)"), initial=0, min_value=Decimal(0)
    )
    eenheid = forms.CharField(label=_("Eenheid van het tarief"), max_length=30, initial="uur")
    uren_per_eenheid = _decimaal(
        _("Uren inzet per eenheid (alleen als de eenheid geen uur is)"),
        decimalen=4,
        initial=1,
        min_value=Decimal(0),
    )
    materiele_kosten_per_eenheid = _decimaal(
        _("Materiële kosten per eenheid (EUR; alleen als de eenheid geen uur is)"),
        initial=0,
        min_value=Decimal(0),
    )
    ontvangen_tarief = _decimaal(
        _("Tarief dat de hoofdaannemer ontvangt (EUR, voor de marge)"),
        required=False,
        min_value=Decimal(0),
    )
    bronnen = forms.CharField(
        label=_("Bronnen en aannames"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = overeenkomst.perceel.producten.all()
        if overeenkomst.is_taakgericht:
            del self.fields["ontvangen_tarief"]  # a fixed budget, no tariff per unit (#15.8)
        for rij in range(1, NIET_PRODUCTIEF_RIJEN + 1):
            standaard = (
                STANDAARD_NIET_PRODUCTIEF[rij - 1] if rij <= len(STANDAARD_NIET_PRODUCTIEF) else ""
            )
            self.fields[f"np_{rij}_omschrijving"] = forms.CharField(
                label=_("Soort niet-productieve tijd %(rij)s") % {"rij": rij},
                required=False,
                max_length=100,
                initial=standaard,
            )
            self.fields[f"np_{rij}_percentage"] = _decimaal(
                _("Percentage van de contracturen (%)"),
                required=False,
                decimalen=3,
                min_value=Decimal(0),
            )
            self.fields[f"np_{rij}_uren"] = _decimaal(
                _("Of: uren per fte per jaar"), required=False, min_value=Decimal(0)
            )
            self.fields[f"np_{rij}_bron"] = forms.CharField(
                label=_("Bron"), required=False, max_length=200
            )

    def basisvelden(self):
        return [self[naam] for naam in self.fields if not naam.startswith("np_")]

    def rijen(self):
        return [
            [self[f"np_{rij}_{deel}"] for deel in ("omschrijving", "percentage", "uren", "bron")]
            for rij in range(1, NIET_PRODUCTIEF_RIJEN + 1)
        ]

    def clean(self):
        data = super().clean()
        regels = []
        for rij in range(1, NIET_PRODUCTIEF_RIJEN + 1):
            omschrijving = (data.get(f"np_{rij}_omschrijving") or "").strip()
            percentage = data.get(f"np_{rij}_percentage")
            uren = data.get(f"np_{rij}_uren")
            if percentage is None and uren is None:
                continue  # an unused row (its suggested label alone does not count)
            if not omschrijving:
                self.add_error(
                    f"np_{rij}_omschrijving",
                    ValidationError(_("Geef deze soort tijd een omschrijving."), code="required"),
                )
            if percentage is not None and uren is not None:
                self.add_error(
                    f"np_{rij}_uren",
                    ValidationError(
                        _("Geef óf een percentage óf een aantal uren op, niet beide."),
                        code="percentage-en-uren",
                    ),
                )
            regels.append((omschrijving, percentage, uren, data.get(f"np_{rij}_bron") or ""))
        data["niet_productieve_tijd"] = regels
        return data

    @classmethod
    def initial_van(cls, prijsblad: Prijsblad) -> dict:
        from .services import PRIJSBLADVELDEN

        initial = {veld: getattr(prijsblad, veld) for veld in PRIJSBLADVELDEN}
        initial.update(product=prijsblad.product, kwalificatieniveau=prijsblad.kwalificatieniveau)
        for rij, regel in enumerate(prijsblad.niet_productieve_tijd.all(), start=1):
            initial[f"np_{rij}_omschrijving"] = regel.omschrijving
            initial[f"np_{rij}_percentage"] = regel.percentage
            initial[f"np_{rij}_uren"] = regel.uren
            initial[f"np_{rij}_bron"] = regel.bron
        return initial


class OnderaannemerForm(forms.Form):
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie (KvK)"),
        queryset=Organisatie.objects.all(),
        help_text=_("Staat de organisatie er niet bij, laat haar dan door de beheerder toevoegen."),
    )
    soort = forms.ChoiceField(
        label=_("Soort onderaannemer"), choices=Onderaannemersoort.choices, widget=forms.RadioSelect
    )
    expertise = forms.CharField(label=_("Expertise"), widget=forms.Textarea(attrs={"rows": 3}))
    producten = forms.ModelMultipleChoiceField(
        label=_("Producten"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    ingangsdatum = _datum(
        _("Ingangsdatum"),
        required=False,
        help_text=_("Bij een derde leeg laten: die is verbonden voor de hele looptijd."),
    )
    einddatum = _datum(_("Einddatum"), required=False)
    is_zzp = forms.BooleanField(
        label=_("Zelfstandige zonder personeel (geen toestemming van de regio nodig)"),
        required=False,
    )

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producten"].queryset = overeenkomst.perceel.producten.all()
        self.fields["organisatie"].label_from_instance = lambda o: f"{o.naam} ({o.kvk_nummer})"

    def clean(self):
        data = super().clean()
        if data.get("soort") != Onderaannemersoort.DERDE and not data.get("ingangsdatum"):
            self.add_error(
                "ingangsdatum",
                ValidationError(
                    _(
                        "Vul de ingangsdatum in; alleen bij een derde volgt die uit de overeenkomst."
                    ),
                    code="required",
                ),
            )
        return data


class DocumentForm(forms.Form):
    soort = forms.ChoiceField(label=_("Soort document"), choices=Documentsoort.choices)
    kenmerk = forms.CharField(label=_("Kenmerk of omschrijving"), max_length=200)
    afgegeven_op = _datum(_("Afgegeven op"))
    geldig_tot = _datum(
        _("Geldig tot"),
        required=False,
        help_text=_("Bij een gedragsverklaring aanbesteden leeg laten: 24 maanden na afgifte."),
    )
    bestand = forms.FileField(
        label=_("Het document zelf (PDF, optioneel)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Alleen PDF, ten hoogste 10 MB."),
    )


class ToestemmingForm(forms.Form):
    besluit = forms.ChoiceField(
        label=_("Besluit van de regio"),
        choices=[
            ("verleend", _("Toestemming verleend")),
            ("geweigerd", _("Toestemming geweigerd")),
        ],
        widget=forms.RadioSelect,
    )
    datum = _datum(_("Datum van de brief"))
    kenmerk = forms.CharField(label=_("Kenmerk van de brief"), max_length=100)


class OnderaanneemcontractForm(forms.Form):
    prijsblad = forms.ModelChoiceField(label=_("Standaardprijsblad (gepubliceerd)"), queryset=None)
    nummer = forms.CharField(label=_("Contractnummer"), max_length=40)
    ingangsdatum = _datum(_("Ingangsdatum"))
    einddatum = _datum(_("Einddatum"))
    ondertekend_op = _datum(_("Ondertekend op"), required=False)

    def __init__(self, *args, prijsbladen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prijsblad"].queryset = prijsbladen
        self.fields["prijsblad"].label_from_instance = lambda p: (
            f"{p.product} — {p.kwalificatieniveau}, versie {p.versie}: € {p.tarief} per {p.eenheid}"
        )


class TariefForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None)
    bedrag = _decimaal(_("Tarief per eenheid (EUR)"), min_value=Decimal(0))
    geldig_van = _datum(_("Geldig van"))
    geldig_tot = _datum(
        _("Geldig tot en met"), required=False, help_text=_("Leeg: zonder einddatum.")
    )
    bron = forms.CharField(
        label=_("Bron of toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, overeenkomst, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = overeenkomst.perceel.producten.exclude(eenheid="")
        self.fields["product"].label_from_instance = lambda p: (
            f"{p.naam} ({p.productcode}), per {p.get_eenheid_display().lower()}"
        )


class TariefIndexeringForm(IndexeringForm):
    jaar = forms.IntegerField(
        label=_("Te indexeren jaar t"),
        min_value=2000,
        max_value=2100,
        help_text=_("De tarieven die op 31 december van dit jaar gelden, gaan naar jaar t+1."),
    )
    field_order = ["jaar"]


class BeeindigingForm(forms.Form):
    einddatum = _datum(_("Laatste dag"))
    reden = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))
    toestemming_op = _datum(
        _("Datum van de toestemmingsbrief van de regio"),
        required=False,
        help_text=_("Alleen nodig om een derde vóór het einde van de overeenkomst te beëindigen."),
    )
    toestemming_kenmerk = forms.CharField(
        label=_("Kenmerk van de toestemmingsbrief"), max_length=100, required=False
    )

    def __init__(self, *args, met_toestemming: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not met_toestemming:  # only the contract manager records the region's consent
            del self.fields["toestemming_op"]
            del self.fields["toestemming_kenmerk"]
