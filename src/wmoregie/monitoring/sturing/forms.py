from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import STANDAARD_MINIMUM_AANTAL, VRAGEN, Schaal


class NormForm(forms.Form):
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    streefwaarde = forms.DecimalField(label=_("Streefwaarde"), max_digits=9, decimal_places=2)
    tolerantie = forms.DecimalField(
        label=_("Tolerantie"),
        max_digits=9,
        decimal_places=2,
        min_value=0,
        help_text=_(
            "Hoeveel de waarde onder de streefwaarde mag liggen voordat de indicator uit koers is."
        ),
    )


class OverlegForm(forms.Form):
    overeenkomst = forms.ModelChoiceField(label=_("Overeenkomst"), queryset=None)
    datum = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    titel = forms.CharField(label=_("Titel"), max_length=200)
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén agendapunt per regel."),
    )

    def __init__(self, *args, overeenkomsten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overeenkomst"].queryset = overeenkomsten


class AgendapuntForm(forms.Form):
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=300)
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, required=False)

    def __init__(self, *args, indicatoren, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicatoren


class BesluitForm(forms.Form):
    tekst = forms.CharField(
        label=_("Besluit"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    agendapunt = forms.ModelChoiceField(label=_("Bij agendapunt"), queryset=None, required=False)

    def __init__(self, *args, agendapunten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agendapunt"].queryset = agendapunten


class ActieForm(forms.Form):
    omschrijving = forms.CharField(label=_("Actie"), max_length=500)
    eigenaar = forms.ModelChoiceField(label=_("Eigenaar"), queryset=None)
    uiterlijk_op = forms.DateField(
        label=_("Uiterlijk op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    besluit = forms.ModelChoiceField(label=_("Bij besluit"), queryset=None, required=False)

    def __init__(self, *args, deelnemers, besluiten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = deelnemers
        self.fields["eigenaar"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["besluit"].queryset = besluiten


class AfrondForm(forms.Form):
    resultaat = forms.CharField(
        label=_("Resultaat"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class NagekomenForm(forms.Form):
    op = forms.DateField(label=_("Nagekomen op"), widget=forms.DateInput(attrs={"type": "date"}))


class OnderzoekForm(forms.Form):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        min_value=2015,
        max_value=2100,
        initial=lambda: timezone.localdate().year,  # this year in Amsterdam, not at start-up
    )
    minimum_aantal = forms.IntegerField(
        label=_("Kleinste getoonde aantal"),
        min_value=1,
        max_value=100,
        initial=STANDAARD_MINIMUM_AANTAL,
        help_text=_("Aantallen hieronder worden getoond als '.'."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Uw code"),
        max_length=20,
        help_text=_("De code staat in de brief die u van de gemeente kreeg."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class VragenlijstForm(forms.Form):
    """The standard questions, each on the five-point scale (plus 'do not know')."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, tekst in VRAGEN:
            self.fields[code] = forms.ChoiceField(
                label=tekst, choices=Schaal.choices, widget=forms.RadioSelect
            )
        self.fields["met_hulp"] = forms.ChoiceField(
            label=_("Heeft iemand u geholpen bij het invullen?"),
            choices=[("nee", _("Nee")), ("ja", _("Ja"))],
            widget=forms.RadioSelect,
            required=False,
        )

    def antwoorden(self) -> dict[str, str]:
        return {code: self.cleaned_data[code] for code, _t in VRAGEN}

    def met_hulp(self) -> bool | None:
        return {"ja": True, "nee": False}.get(self.cleaned_data.get("met_hulp"))
