"""Data the dashboards need that no other context keeps: inhabitants per municipality per
year (for the per-1,000 figures), the consortium's reported spend per quarter (own staff and
subcontractors) and the region's disclosure settings for figures that leave the region."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _bedrag(label):
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )


STANDAARD_DREMPEL = 5  # CBS: counts below 5 are not published
STANDAARD_AFRONDING = 5  # CBS: published counts are multiples of 5


class Inwonertal(models.Model):
    """Inhabitants (and households) of one municipality on 1 January of ``jaar`` (CBS)."""

    gemeente = models.ForeignKey(
        "catalogi.Gemeente",
        on_delete=models.PROTECT,
        related_name="inwonertallen",
        verbose_name=_("gemeente"),
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    inwoners = models.PositiveIntegerField(_("inwoners op 1 januari"))
    huishoudens = models.PositiveIntegerField(_("huishoudens op 1 januari"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("inwonertal")
        verbose_name_plural = _("inwonertallen")
        ordering = ["jaar", "gemeente__code"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="inwonertal_uniek"),
            models.CheckConstraint(name="inwonertal_positief", condition=Q(inwoners__gte=1)),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar}: {self.inwoners}"


class Bestedingsopgave(models.Model):
    """The consortium's reported spend for one municipality in one quarter of a taakgericht
    agreement: on its own staff and on subcontractors (EUR)."""

    overeenkomst = models.ForeignKey(
        "contracten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="bestedingsopgaven",
        verbose_name=_("overeenkomst"),
    )
    gemeente = models.ForeignKey(
        "catalogi.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kwartaal = models.PositiveSmallIntegerField(
        _("kwartaal"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    eigen_personeel = _bedrag(_("besteed aan eigen personeel (EUR)"))
    onderaannemers = _bedrag(_("besteed aan onderaannemers (EUR)"))
    opgegeven_op = models.DateTimeField(_("opgegeven op"), default=timezone.now)
    opgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bestedingsopgave")
        verbose_name_plural = _("bestedingsopgaven")
        ordering = ["overeenkomst", "jaar", "kwartaal", "gemeente__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "gemeente", "jaar", "kwartaal"],
                name="bestedingsopgave_uniek",
            ),
            models.CheckConstraint(
                name="bestedingsopgave_kwartaal", condition=Q(kwartaal__gte=1, kwartaal__lte=4)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente} {self.jaar}-K{self.kwartaal}"


class Cijferinstelling(models.Model):
    """How the region protects small numbers in tables and exports that leave the region."""

    regio = models.OneToOneField(
        "catalogi.Regio",
        on_delete=models.CASCADE,
        related_name="cijferinstelling",
        verbose_name=_("regio"),
    )
    drempel = models.PositiveSmallIntegerField(
        _("drempel kleine aantallen"),
        default=STANDAARD_DREMPEL,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Aantallen kleiner dan dit getal worden niet getoond, maar als ‘.’."),
    )
    afronding = models.PositiveSmallIntegerField(
        _("afronden op een veelvoud van"),
        default=STANDAARD_AFRONDING,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("1: niet afronden. CBS rondt aantallen af op een veelvoud van 5."),
    )

    class Meta:
        verbose_name = _("instelling cijfers")
        verbose_name_plural = _("instellingen cijfers")

    def __str__(self) -> str:
        return f"{self.regio}: drempel {self.drempel}, afronding {self.afronding}"
