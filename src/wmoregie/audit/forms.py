from django import forms
from django.utils.translation import gettext_lazy as _


class InzageForm(forms.Form):
    bsn = forms.CharField(
        label=_("BSN van de cliënt"),
        max_length=11,
        help_text=_("Negen cijfers; spaties en punten mogen."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_bsn(self):
        from wmoregie.clienten.validators import normaliseer_bsn, validate_bsn

        bsn = normaliseer_bsn(self.cleaned_data["bsn"])
        validate_bsn(bsn)
        return bsn
