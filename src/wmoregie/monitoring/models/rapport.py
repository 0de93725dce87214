"""The quarterly report: one PDF per municipality (or the region) per quarter, made in the
background and kept, so that it can be downloaded later (access-checked, audit-logged)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Rapportstatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in de wachtrij")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


def _rapportpad(rapport, naam: str) -> str:
    return f"monitoring/kwartaalrapporten/{rapport.kwartaal}/{naam}"


class Kwartaalrapport(models.Model):
    kwartaal = models.CharField(_("kwartaal"), max_length=6, help_text=_("Bijvoorbeeld 2026-3."))
    gemeente = models.ForeignKey(
        "catalogi.Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kwartaalrapporten",
        verbose_name=_("gemeente"),
        help_text=_("Leeg: het rapport van de regio."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Rapportstatus.choices, default=Rapportstatus.WACHTRIJ
    )
    peildatum = models.DateField(_("stand op"), null=True, blank=True)
    bestand = models.FileField(_("bestand"), upload_to=_rapportpad, max_length=300, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    fout = models.CharField(_("fout"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("kwartaalrapport")
        verbose_name_plural = _("kwartaalrapporten")
        ordering = ["-aangevraagd_op", "-pk"]

    def __str__(self) -> str:
        return f"Kwartaalrapportage {self.kwartaal} {self.gebied}"

    @property
    def gebied(self) -> str:
        return self.gemeente.naam if self.gemeente_id else "Regio (alle gemeenten)"

    @property
    def in_behandeling(self) -> bool:
        return self.status in (Rapportstatus.WACHTRIJ, Rapportstatus.BEZIG)
