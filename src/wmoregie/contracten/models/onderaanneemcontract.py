"""Subcontracts: the standard template with a published standard price sheet."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import PrijsbladStatus
from .onderaannemer import Onderaannemer
from .prijsblad import Prijsblad


class Onderaanneemcontract(models.Model):
    """A subcontract from the standard template, always with a published standard price sheet."""

    onderaannemer = models.ForeignKey(
        Onderaannemer,
        on_delete=models.PROTECT,
        related_name="contracten",
        verbose_name=_("onderaannemer"),
    )
    prijsblad = models.ForeignKey(
        Prijsblad,
        on_delete=models.PROTECT,
        related_name="onderaanneemcontracten",
        verbose_name=_("standaardprijsblad"),
    )
    nummer = models.CharField(_("contractnummer"), max_length=40, unique=True)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"))
    ondertekend_op = models.DateField(_("ondertekend op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("onderaanneemcontract")
        verbose_name_plural = _("onderaanneemcontracten")
        ordering = ["onderaannemer", "-ingangsdatum"]
        constraints = [
            models.CheckConstraint(
                name="onderaanneemcontract_einde_na_begin",
                condition=Q(einddatum__gte=F("ingangsdatum")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} — {self.onderaannemer.organisatie}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.ingangsdatum and self.einddatum and self.einddatum < self.ingangsdatum:
            errors["einddatum"] = ValidationError(
                _("De einddatum ligt vóór de ingangsdatum."), code="einde-voor-begin"
            )
        if self.prijsblad_id and self.onderaannemer_id:
            if self.prijsblad.status != PrijsbladStatus.GEPUBLICEERD:
                errors["prijsblad"] = ValidationError(
                    _(
                        "Een onderaanneemcontract gebruikt altijd een gepubliceerd standaardprijsblad."
                    ),
                    code="prijsblad-niet-gepubliceerd",
                )
            elif self.prijsblad.overeenkomst_id != self.onderaannemer.overeenkomst_id:
                errors["prijsblad"] = ValidationError(
                    _("Het prijsblad hoort bij een andere overeenkomst."),
                    code="prijsblad-andere-overeenkomst",
                )
        if errors:
            raise ValidationError(errors)
