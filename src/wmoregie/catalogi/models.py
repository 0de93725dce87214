"""The catalogue: who takes part in the region and what it buys."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Bekostigingsvariant, Eenheid, Inkooproute, IwmoKanaal, Productcategorie
from .validators import validate_gemeentecode, validate_productcode


class Regio(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.naam


class Gemeente(models.Model):
    regio = models.ForeignKey(
        Regio, on_delete=models.PROTECT, related_name="gemeenten", verbose_name=_("regio")
    )
    code = models.CharField(
        _("CBS-gemeentecode"),
        max_length=4,
        unique=True,
        validators=[validate_gemeentecode],
        help_text=_("Vier cijfers, volgens de CBS-gemeentelijke indeling (ook gebruikt in iWmo)."),
    )
    naam = models.CharField(_("naam"), max_length=100)
    iwmo_kanaal = models.CharField(
        _("iWmo-uitwisseling"),
        max_length=20,
        choices=IwmoKanaal.choices,
        default=IwmoKanaal.WMOREGIE,
        help_text=_(
            "Werkt de gemeente in wmoregie, of met een eigen systeem dat iWmo-berichten "
            "uitwisselt via de uitwisselmappen?"
        ),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"


class Gebiedsteam(models.Model):
    """A local or area team that does first-line work and refers residents."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="gebiedsteams", verbose_name=_("gemeente")
    )
    naam = models.CharField(_("naam"), max_length=150)
    werkgebied = models.CharField(_("werkgebied"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("gebiedsteam")
        verbose_name_plural = _("gebiedsteams")
        ordering = ["gemeente__naam", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "naam"], name="gebiedsteam_uniek_per_gemeente"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Perceel(models.Model):
    """A lot: a part of the purchase with its own funding variant and procurement route."""

    regio = models.ForeignKey(
        Regio, on_delete=models.PROTECT, related_name="percelen", verbose_name=_("regio")
    )
    code = models.SlugField(_("code"), max_length=50, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    bekostigingsvariant = models.CharField(
        _("bekostigingsvariant"), max_length=20, choices=Bekostigingsvariant.choices
    )
    inkooproute = models.CharField(_("inkooproute"), max_length=40, choices=Inkooproute.choices)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("perceel")
        verbose_name_plural = _("percelen")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam

    @property
    def is_taakgericht(self) -> bool:
        return self.bekostigingsvariant == Bekostigingsvariant.TAAKGERICHT


class Product(models.Model):
    """A product of the 2026 catalogue, with the 2025 product it replaces."""

    perceel = models.ForeignKey(
        Perceel, on_delete=models.PROTECT, related_name="producten", verbose_name=_("perceel")
    )
    code = models.SlugField(_("code"), max_length=80, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    omschrijving = models.TextField(_("omschrijving"))
    was_2025 = models.CharField(
        _("was 2025"),
        max_length=150,
        help_text=_("Het product van 2025 waaruit dit product voortkomt."),
    )
    productcategorie = models.CharField(
        _("iWmo-productcategorie"),
        max_length=2,
        choices=Productcategorie.choices,
        help_text=_("Codelijst WMO020."),
    )
    productcode = models.CharField(
        _("iWmo-productcode"),
        max_length=5,
        validators=[validate_productcode],
        help_text=_(
            "De productcode waaronder de regio dit product in iWmo uitwisselt (1 tot 5 tekens)."
        ),
    )
    eenheid = models.CharField(
        _("eenheid"),
        max_length=2,
        choices=Eenheid.choices,
        blank=True,
        help_text=_("Codelijst WJ756. Alleen bij een perceel dat niet taakgericht is."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("producten")
        ordering = ["perceel__volgorde", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["productcategorie", "productcode"], name="product_iwmo_code_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        super().clean()
        if self.perceel_id is None:
            return
        if self.perceel.is_taakgericht and self.eenheid:
            raise ValidationError(
                {
                    "eenheid": ValidationError(
                        _("Een taakgericht perceel kent geen eenheid per product."),
                        code="eenheid-bij-taakgericht",
                    )
                }
            )
        if not self.perceel.is_taakgericht and not self.eenheid:
            raise ValidationError(
                {
                    "eenheid": ValidationError(
                        _("Kies een eenheid: het perceel is %(variant)s."),
                        code="eenheid-ontbreekt",
                        params={"variant": self.perceel.get_bekostigingsvariant_display().lower()},
                    )
                }
            )
