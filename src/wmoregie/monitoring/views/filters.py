"""The dashboard filters (GET): period, municipality, area team, product, subcontractor; the
choices are limited to the user's scope, a choice outside it is an error, not a silent empty."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.models import Product
from wmoregie.contracten.models import Onderaannemer

from ..cijfers import cbs, lezen
from ..cijfers.feiten import Periode
from ..cijfers.lezen import Cijferscope, Filter

MAX_DAGEN = 5 * 366


class CijferFilterForm(forms.Form):
    van = forms.DateField(
        label=_("Van"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    gemeente = forms.ChoiceField(label=_("Gemeente"), required=False)
    gebiedsteam = forms.TypedChoiceField(
        label=_("Gebiedsteam"), required=False, coerce=int, empty_value=None
    )
    product = forms.TypedChoiceField(
        label=_("Product"), required=False, coerce=int, empty_value=None
    )
    onderaannemer = forms.TypedChoiceField(
        label=_("Uitvoerder"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, scope: Cijferscope, vandaag: date):
        super().__init__(data)
        self.vandaag = vandaag
        gemeenten = list(lezen.gemeenten_in_scope(scope).values_list("code", "naam"))
        self.fields["gemeente"].choices = [("", _("Alle in uw overzicht")), *gemeenten]
        self.fields["gebiedsteam"].choices = [("", _("Alle"))] + [
            (t.pk, f"{t.naam} ({t.gemeente.naam})") for t in lezen.gebiedsteams_in_scope(scope)
        ]
        self.fields["product"].choices = [
            ("", _("Alle")),
            *list(
                Product.objects.order_by("perceel__volgorde", "volgorde", "naam").values_list(
                    "pk", "naam"
                )
            ),
        ]
        self.fields["onderaannemer"].choices = [
            ("", _("Alle")),
            (0, _("Eigen medewerkers")),
            *sorted(
                set(Onderaannemer.objects.values_list("organisatie_id", "organisatie__naam")),
                key=lambda paar: paar[1],
            ),
        ]

    def clean(self):
        data = super().clean()
        van = data.get("van") or date(self.vandaag.year, 1, 1)
        tot = data.get("tot") or self.vandaag
        if tot < van:
            raise ValidationError(
                _("De einddatum ligt voor de begindatum."), code="periode-omgekeerd"
            )
        if (tot - van).days > MAX_DAGEN:
            raise ValidationError(
                _("Kies een periode van ten hoogste vijf jaar."), code="periode-te-lang"
            )
        data["van"], data["tot"] = van, tot
        return data

    def filter(self) -> Filter:
        d = self.cleaned_data
        return Filter(
            periode=Periode(d["van"], d["tot"]),
            gemeente=d.get("gemeente") or "",
            gebiedsteam=d.get("gebiedsteam"),
            product=d.get("product"),
            onderaannemer=d.get("onderaannemer"),
        )


def halfjaar_standaard(vandaag: date) -> str:
    """The last completed half year."""
    if vandaag.month > 6:
        return f"{vandaag.year}-1"
    return f"{vandaag.year - 1}-2"


class HalfjaarForm(forms.Form):
    halfjaar = forms.CharField(
        label=_("Halfjaar"),
        required=False,
        max_length=6,
        help_text=_("Bijvoorbeeld 2026-1 (januari–juni) of 2026-2."),
    )

    def __init__(self, data, *, vandaag: date, scope: Cijferscope | None = None):
        super().__init__(data)
        self.vandaag = vandaag
        if scope is not None:
            # the page shows the region's totals and one municipality at a time (at national
            # scale all of them would be some 1,400 tables)
            gemeenten = list(lezen.gemeenten_in_scope(scope).values_list("code", "naam"))
            self.fields["gemeente"] = forms.ChoiceField(
                label=_("Gemeente"),
                required=False,
                choices=[("", _("Alleen de regio")), *gemeenten],
                help_text=_("De cijfers van de regio, en van de gekozen gemeente."),
            )

    def clean_halfjaar(self):
        waarde = (self.cleaned_data.get("halfjaar") or "").strip() or halfjaar_standaard(
            self.vandaag
        )
        if cbs.halfjaar(waarde) is None:
            raise ValidationError(
                _("Geef het halfjaar als jaar-1 of jaar-2, bijvoorbeeld 2026-1."),
                code="halfjaar-ongeldig",
            )
        return waarde
