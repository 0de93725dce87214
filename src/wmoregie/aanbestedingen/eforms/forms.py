"""Forms of the notices page: they parse input; the services decide."""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from wmoregie.catalogi.models import Gemeente, Perceel, Regio

from .constants import Omvang, Selectiesoort
from .models import EformsGegevens

_BEDRAG_NL = re.compile(r"\d{1,3}(\.\d{3})*(,\d{1,2})?|\d+(,\d{1,2})?")
_BEDRAG = re.compile(r"\d+(\.\d{1,2})?")


class BedragField(forms.CharField):
    """An amount in euro, in Dutch notation (24.750.000,00) or plain (24750000.00)."""

    def to_python(self, value):
        tekst = (super().to_python(value) or "").replace("€", "").replace(" ", "").strip()
        if not tekst:
            return None
        if _BEDRAG_NL.fullmatch(tekst):
            tekst = tekst.replace(".", "").replace(",", ".")
        elif not _BEDRAG.fullmatch(tekst):
            raise ValidationError(
                "Voer een bedrag in euro in, bijvoorbeeld 24.750.000,00.", code="bedrag-formaat"
            )
        try:
            bedrag = Decimal(tekst)
        except InvalidOperation:
            raise ValidationError("Voer een bedrag in euro in.", code="bedrag-formaat") from None
        if not bedrag.is_finite() or bedrag >= Decimal("1e12"):
            raise ValidationError("Dit bedrag is te groot.", code="bedrag-te-groot")
        return bedrag


class ProcedureForm(forms.ModelForm):
    platform_url = forms.URLField(
        label="Adres van de aanbestedingsstukken",
        required=False,
        assume_scheme="https",
        help_text=EformsGegevens._meta.get_field("platform_url").help_text,
    )
    geraamde_waarde = BedragField(
        label="Geraamde waarde (euro, excl. btw, over de hele looptijd)", required=False
    )

    class Meta:
        model = EformsGegevens
        fields = ["platform_url", "geraamde_waarde", "looptijd_maanden"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        waarde = self.instance.geraamde_waarde
        if waarde is not None and not self.is_bound:
            self.initial["geraamde_waarde"] = (
                f"{waarde:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
            )


class PerceelForm(forms.ModelForm):
    class Meta:
        model = Perceel
        fields = ["cpv_code"]


class GemeenteForm(forms.ModelForm):
    class Meta:
        model = Gemeente
        fields = ["kvk_nummer", "vestigingsplaats", "postcode", "nuts_code"]


class ContactpuntForm(forms.ModelForm):
    website = forms.URLField(label="Website", required=False, assume_scheme="https")

    class Meta:
        model = Regio
        fields = [
            "contact_naam",
            "contact_email",
            "contact_telefoon",
            "website",
            "penvoerende_gemeente",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penvoerende_gemeente"].queryset = self.instance.gemeenten.order_by("naam")


class SelectiesoortenForm(forms.Form):
    """One choice per selection requirement or criterion (BT-809)."""

    def __init__(self, *args, criteria: list[tuple[str, str]], huidig: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for sleutel, naam in criteria:
            self.fields[sleutel] = forms.ChoiceField(
                label=naam,
                choices=[("", "— kies —"), *Selectiesoort.choices],
                initial=huidig.get(sleutel, ""),
            )


class PartijgegevensForm(forms.Form):
    omvang = forms.ChoiceField(label="Omvang", choices=[("", "— kies —"), *Omvang.choices])
    nuts = forms.CharField(
        label="NUTS-regio (niveau 3)",
        max_length=5,
        required=False,
        help_text="Bijvoorbeeld NL350 (provincie Utrecht). Leeg voor een partij buiten de EER.",
    )
