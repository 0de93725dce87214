"""The back office reports its spend per quarter (the Money dashboard shows it)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from wmoregie.accounts.access import declare_access, roles
from wmoregie.accounts.constants import Rol
from wmoregie.catalogi.models import Gemeente
from wmoregie.clienten.services._basis import vandaag
from wmoregie.forms import pas_fout_toe

from .. import bestedingen

BACKOFFICE = roles(Rol.BACKOFFICE)


class BestedingForm(forms.Form):
    overeenkomst = forms.ModelChoiceField(label=_("Overeenkomst"), queryset=None)
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Gemeente.objects.order_by("naam"), to_field_name="code"
    )
    jaar = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    kwartaal = forms.TypedChoiceField(
        label=_("Kwartaal"), coerce=int, choices=[(k, f"K{k}") for k in range(1, 5)]
    )
    eigen_personeel = forms.DecimalField(
        label=_("Besteed aan eigen personeel (EUR)"), max_digits=14, decimal_places=2
    )
    onderaannemers = forms.DecimalField(
        label=_("Besteed aan onderaannemers (EUR)"), max_digits=14, decimal_places=2
    )

    def __init__(self, *args, gebruiker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overeenkomst"].queryset = bestedingen.overeenkomsten_van(gebruiker)


@declare_access(BACKOFFICE)
def besteding_opgeven(request):
    form = BestedingForm(
        request.POST or None,
        gebruiker=request.user,
        initial={"jaar": vandaag().year, "kwartaal": (vandaag().month - 1) // 3 + 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            opgave = bestedingen.geef_besteding_op(gebruiker=request.user, **form.cleaned_data)
        except ValidationError as fout:
            pas_fout_toe(form, fout)
        else:
            messages.success(request, f"Besteding {opgave} vastgelegd.")
            return redirect("monitoring:geld")
    return render(
        request,
        "monitoring/besteding.html",
        {"form": form, "titel": "Besteding opgeven"},
        status=400 if form.is_bound and form.errors else 200,
    )
