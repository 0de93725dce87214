"""The yearly cliëntervaringsonderzoek (art. 2.5.1 Wmo 2015): invitations to clients of running
and closed trajectories, and their answers to the standard questions. Answers are client data:
only aggregates (with small cells suppressed) leave the survey."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..sturing.constants import STANDAARD_MINIMUM_AANTAL, Onderzoekstatus, Schaal


class Ervaringsonderzoek(models.Model):
    regio = models.ForeignKey(
        "catalogi.Regio", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Onderzoekstatus.choices,
        default=Onderzoekstatus.CONCEPT,
    )
    minimum_aantal = models.PositiveSmallIntegerField(
        _("kleinste getoonde aantal"),
        default=STANDAARD_MINIMUM_AANTAL,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Aantallen hieronder worden niet getoond (als '.'), om herleidbaarheid te voorkomen."
        ),
    )
    geopend_op = models.DateTimeField(_("geopend op"), null=True, blank=True)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("cliëntervaringsonderzoek")
        verbose_name_plural = _("cliëntervaringsonderzoeken")
        ordering = ["-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "jaar"], name="ervaringsonderzoek_een_per_jaar"
            )
        ]

    def __str__(self) -> str:
        return _("Cliëntervaringsonderzoek %(jaar)s") % {"jaar": self.jaar}


class Uitnodiging(models.Model):
    """One client's invitation for one trajectory, with the code on the letter. Municipality and
    product are copied at invitation, so the results group the way the trajectory was."""

    onderzoek = models.ForeignKey(
        Ervaringsonderzoek, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    traject = models.ForeignKey(
        "clienten.Traject", on_delete=models.PROTECT, related_name="ervaringsuitnodigingen"
    )
    gemeente = models.ForeignKey("catalogi.Gemeente", on_delete=models.PROTECT, related_name="+")
    product = models.ForeignKey("catalogi.Product", on_delete=models.PROTECT, related_name="+")
    afgesloten = models.BooleanField(
        _("traject afgesloten"), help_text=_("Was het traject al beëindigd bij de uitnodiging?")
    )
    code = models.CharField(_("code"), max_length=12, unique=True)
    uitgenodigd_op = models.DateTimeField(_("uitgenodigd op"), default=timezone.now)
    ingevuld_op = models.DateTimeField(_("ingevuld op"), null=True, blank=True)
    met_hulp = models.BooleanField(_("ingevuld met hulp"), null=True, blank=True)

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["onderzoek", "gemeente", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["onderzoek", "traject"], name="uitnodiging_een_per_traject"
            )
        ]

    def __str__(self) -> str:
        return _("Uitnodiging %(id)s") % {"id": self.pk}


class Antwoord(models.Model):
    uitnodiging = models.ForeignKey(
        Uitnodiging, on_delete=models.CASCADE, related_name="antwoorden"
    )
    vraag = models.CharField(_("vraag"), max_length=20)
    waarde = models.CharField(_("antwoord"), max_length=1, choices=Schaal.choices)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["uitnodiging", "vraag"], name="antwoord_een_per_vraag")
        ]

    def __str__(self) -> str:
        return f"{self.vraag}: {self.get_waarde_display()}"
