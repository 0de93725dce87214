"""The catalogue: who takes part in the region and what it buys."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wmoregie.accounts.validators import validate_kvk_nummer

from .constants import Bekostigingsvariant, Eenheid, Inkooproute, IwmoKanaal, Productcategorie
from .validators import (
    validate_cpv_code,
    validate_gemeentecode,
    validate_nuts3_code,
    validate_postcode,
    validate_productcode,
)


class Regio(models.Model):
    naam = models.CharField(_("naam"), max_length=100, unique=True)
    # The region's contact point in its EU notices (eForms BT-502/503/506, also the touch point
    # for questions and documents): the team that runs the region's procedures.
    contact_naam = models.CharField(
        _("contactpunt aanbestedingen"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld het inkoopteam sociaal domein van de regio."),
    )
    contact_email = models.EmailField(_("e-mail contactpunt"), blank=True)
    contact_telefoon = models.CharField(
        _("telefoon contactpunt"),
        max_length=30,
        blank=True,
        help_text=_("Internationaal, bijvoorbeeld +31 33 469 4911."),
    )
    website = models.URLField(_("website"), blank=True)
    penvoerende_gemeente = models.ForeignKey(
        "Gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penvoerende gemeente"),
        help_text=_(
            "De gemeente die de gezamenlijke inkoop van de regio leidt (in EU-aankondigingen de "
            "leidende aanbestedende dienst)."
        ),
    )

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        super().clean()
        leider = self.penvoerende_gemeente
        if leider is not None and self.pk is not None and leider.regio_id != self.pk:
            raise ValidationError(
                {
                    "penvoerende_gemeente": ValidationError(
                        _("Kies een gemeente van deze regio."), code="penvoerder-buiten-regio"
                    )
                }
            )


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
    # What an EU notice needs of a buyer (eForms BT-501, BT-513, BT-512, BT-507).
    kvk_nummer = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[validate_kvk_nummer],
        help_text=_("Het nummer van de gemeente in het Handelsregister (acht cijfers)."),
    )
    vestigingsplaats = models.CharField(
        _("vestigingsplaats"),
        max_length=100,
        blank=True,
        help_text=_("Leeg: de naam van de gemeente."),
    )
    postcode = models.CharField(
        _("postcode"),
        max_length=7,
        blank=True,
        validators=[validate_postcode],
        help_text=_("De postcode van het gemeentehuis of postadres, bijvoorbeeld 3811 HD."),
    )
    nuts_code = models.CharField(
        _("NUTS-code"),
        max_length=5,
        blank=True,
        validators=[validate_nuts3_code],
        help_text=_("De NUTS-regio (niveau 3) van de gemeente, bijvoorbeeld NL350 (Utrecht)."),
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"

    @property
    def officiele_naam(self) -> str:
        return self.naam if self.naam.lower().startswith("gemeente") else f"Gemeente {self.naam}"


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
    cpv_code = models.CharField(
        _("CPV-code"),
        max_length=8,
        blank=True,
        validators=[validate_cpv_code],
        help_text=_(
            "De hoofdcode uit de Common Procurement Vocabulary waaronder het perceel in "
            "EU-aankondigingen staat; voor sociale diensten een code uit bijlage XIV van "
            "richtlijn 2014/24 (bijv. 85312000)."
        ),
    )

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
