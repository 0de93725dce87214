"""Configurable lists of the region: referral sources, refusal reasons, outcome instruments and
waiting-time norms. Kept by the functional administrator in ``/beheer/``."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..constants import Verwijzertype


class Verwijsbron(models.Model):
    """Where a referral comes from (lokaal team, huisarts, 18-/18+ …); a source the region
    does not allow (e.g. self-referral) is kept but made inactive."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    verwijzertype = models.CharField(
        _("soort verwijzer in iWmo"),
        max_length=2,
        choices=Verwijzertype.choices,
        help_text=_("Codelijst COD327; gaat mee in het verzoek om toewijzing (WMO315)."),
    )
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("verwijsbron")
        verbose_name_plural = _("verwijsbronnen")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Weigerreden(models.Model):
    """Why the contract partner cannot give the right support (OW 3.1.1: accept every
    referred client unless it demonstrably cannot)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    toelichting = models.TextField(_("toelichting"), blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("weigerreden")
        verbose_name_plural = _("weigerredenen")
        ordering = ["volgorde", "naam"]

    def __str__(self) -> str:
        return self.naam


class Meetinstrument(models.Model):
    """An outcome instrument: life domains, each scored on one scale (e.g. the
    Zelfredzaamheid-Matrix, 13 domains on 1–5)."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    laagste = models.PositiveSmallIntegerField(
        _("laagste score"), validators=[MaxValueValidator(100)]
    )
    hoogste = models.PositiveSmallIntegerField(
        _("hoogste score"), validators=[MaxValueValidator(100)]
    )
    schaallabels = models.JSONField(
        _("betekenis per score"),
        default=list,
        blank=True,
        help_text=_("Een tekst per score, van laag naar hoog."),
    )
    actief = models.BooleanField(_("in gebruik voor nieuwe plannen"), default=True)

    class Meta:
        verbose_name = _("meetinstrument")
        verbose_name_plural = _("meetinstrumenten")
        constraints = [
            models.CheckConstraint(
                name="meetinstrument_schaal_oplopend", condition=Q(hoogste__gt=F("laagste"))
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        super().clean()
        if self.laagste is None or self.hoogste is None:
            return
        if self.hoogste <= self.laagste:
            raise ValidationError(
                {"hoogste": _("De hoogste score moet hoger zijn dan de laagste.")},
                code="schaal-niet-oplopend",
            )
        labels = self.schaallabels or []
        if not isinstance(labels, list) or not all(isinstance(t, str) for t in labels):
            raise ValidationError(
                {"schaallabels": _("Geef een lijst met teksten.")}, code="schaallabels-formaat"
            )
        if labels and len(labels) != self.hoogste - self.laagste + 1:
            raise ValidationError(
                {"schaallabels": _("Geef precies één tekst per score.")},
                code="schaallabels-aantal",
            )

    @property
    def scores(self) -> list[tuple[int, str]]:
        labels = self.schaallabels or []
        return [
            (waarde, labels[i] if i < len(labels) else str(waarde))
            for i, waarde in enumerate(range(self.laagste, self.hoogste + 1))
        ]


class Levensdomein(models.Model):
    meetinstrument = models.ForeignKey(
        Meetinstrument,
        on_delete=models.PROTECT,
        related_name="domeinen",
        verbose_name=_("meetinstrument"),
    )
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=100)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("levensdomein")
        verbose_name_plural = _("levensdomeinen")
        ordering = ["meetinstrument", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["meetinstrument", "code"], name="levensdomein_code_uniek"
            ),
        ]

    def __str__(self) -> str:
        return self.naam


class Wachttijdnorm(models.Model):
    """The region's norm for the days from referral to start; per product, or the default
    (no product). Without any row the Treeknorm for extramural care applies (6 weeks)."""

    regio = models.ForeignKey(
        "catalogi.Regio", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    product = models.ForeignKey(
        "catalogi.Product",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
        help_text=_("Leeg: de norm voor elk product zonder eigen norm."),
    )
    dagen = models.PositiveSmallIntegerField(
        _("norm (kalenderdagen)"), validators=[MinValueValidator(1), MaxValueValidator(730)]
    )
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("wachttijdnorm")
        verbose_name_plural = _("wachttijdnormen")
        constraints = [
            models.UniqueConstraint(
                fields=["regio", "product"], name="wachttijdnorm_uniek_per_product"
            ),
            models.UniqueConstraint(
                fields=["regio"],
                condition=Q(product__isnull=True),
                name="wachttijdnorm_een_standaard",
            ),
            models.CheckConstraint(
                name="wachttijdnorm_bereik", condition=Q(dagen__gte=1, dagen__lte=730)
            ),
        ]

    def __str__(self) -> str:
        wat = self.product or _("alle producten")
        return f"{wat}: {self.dagen} dagen"
