"""The agreement."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Bekostigingsvariant

from ..constants import (
    STANDAARD_WAARSCHUWINGSTERMIJN_DAGEN,
    Opdrachtnemersvorm,
    OvereenkomstStatus,
)
from ..datums import plus_maanden
from ..validators import validate_artikelnummers, validate_fractie


class Overeenkomst(models.Model):
    """The agreement between the region (opdrachtgever) and one contract partner for one lot."""

    nummer = models.CharField(_("contractnummer"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=200)
    regio = models.ForeignKey(
        "catalogi.Regio",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("opdrachtgever (regio)"),
    )
    perceel = models.ForeignKey(
        "catalogi.Perceel",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("perceel"),
    )
    bekostigingsvariant = models.CharField(
        _("bekostigingsvariant"),
        max_length=20,
        choices=Bekostigingsvariant.choices,
        help_text=_("Overgenomen van het perceel bij het aanmaken."),
    )
    opdrachtnemersvorm = models.CharField(
        _("vorm van de opdrachtnemer"), max_length=20, choices=Opdrachtnemersvorm.choices
    )
    opdrachtnemer = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="overeenkomsten",
        verbose_name=_("opdrachtnemer"),
        help_text=_("De hoofdaannemer, of de combinatie als geheel."),
    )
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum (zonder verlenging)"))
    artikelen = models.JSONField(
        _("toepasselijke artikelen contractstandaard"),
        default=list,
        blank=True,
        validators=[validate_artikelnummers],
    )
    weging_personeel = models.DecimalField(
        _("weging personele kosten"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.8"),
        validators=[validate_fractie],
    )
    weging_materieel = models.DecimalField(
        _("weging materiële kosten"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.2"),
        validators=[validate_fractie],
    )
    indexcijfer_personeel = models.CharField(
        _("indexreeks personele kosten"), max_length=40, default="OVA"
    )
    indexcijfer_materieel = models.CharField(
        _("indexreeks materiële kosten"), max_length=40, default="CPI"
    )
    waarschuwingstermijn_dagen = models.PositiveSmallIntegerField(
        _("waarschuwen voor het verlopen van documenten (dagen)"),
        default=STANDAARD_WAARSCHUWINGSTERMIJN_DAGEN,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OvereenkomstStatus.choices,
        default=OvereenkomstStatus.CONCEPT,
    )
    berichten_start_stop = models.BooleanField(
        _("start- en stopberichten (WMO305/307)"),
        default=True,
        help_text=_(
            "Alleen bij taakgericht: de gemeenten en de opdrachtnemer hebben afgesproken dat de "
            "start en het einde van de ondersteuning met WMO305 en WMO307 worden gemeld "
            "(zonder toewijzingnummer). Bij de andere varianten horen ze altijd bij de uitvoering."
        ),
    )
    # OW 3.1.5: the contractor names a contact person for the agreement (#15.10)
    contactpersoon_naam = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contactpersoon_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contactpersoon_telefoon = models.CharField(
        _("telefoonnummer contactpersoon"), max_length=30, blank=True
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("overeenkomst")
        verbose_name_plural = _("overeenkomsten")
        ordering = ["-ingangsdatum", "nummer"]
        constraints = [
            models.CheckConstraint(
                name="overeenkomst_einde_na_begin", condition=Q(einddatum__gte=F("ingangsdatum"))
            ),
            models.CheckConstraint(
                name="overeenkomst_wegingen_samen_een",
                # 4 decimals each: a tolerance far below the last digit, so float-based
                # databases (SQLite) compare safely.
                condition=Q(
                    weging_personeel__gt=Decimal("0.99995") - F("weging_materieel"),
                    weging_personeel__lt=Decimal("1.00005") - F("weging_materieel"),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} — {self.naam}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.ingangsdatum and self.einddatum and self.einddatum < self.ingangsdatum:
            errors["einddatum"] = ValidationError(
                _("De einddatum ligt vóór de ingangsdatum."), code="einde-voor-begin"
            )
        if (
            self.weging_personeel is not None
            and self.weging_materieel is not None
            and self.weging_personeel + self.weging_materieel != 1
        ):
            errors["weging_materieel"] = ValidationError(
                _("De wegingen van personele en materiële kosten moeten samen 1 (100 %) zijn."),
                code="wegingen-niet-samen-een",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_taakgericht(self) -> bool:
        return self.bekostigingsvariant == Bekostigingsvariant.TAAKGERICHT

    @property
    def huidige_einddatum(self) -> date:
        """The end date including the extension options that have been taken up."""
        maanden = sum(o.maanden for o in self.verlengingsopties.all() if o.benut_op)
        return plus_maanden(self.einddatum, maanden)

    @property
    def uiterste_einddatum(self) -> date:
        """The end date if every extension option is taken up."""
        maanden = sum(o.maanden for o in self.verlengingsopties.all())
        return plus_maanden(self.einddatum, maanden)

    @property
    def penvoerder(self):
        for combinant in self.combinanten.all():
            if combinant.penvoerder:
                return combinant.organisatie
        return None

    def indexcomponenten_labels(self) -> tuple[str, str]:
        return (self.indexcijfer_personeel, self.indexcijfer_materieel)


class Combinant(models.Model):
    """A member of the combination that is the contract partner; one of them is penvoerder."""

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.CASCADE,
        related_name="combinanten",
        verbose_name=_("overeenkomst"),
    )
    organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="combinantschappen",
        verbose_name=_("organisatie"),
    )
    penvoerder = models.BooleanField(_("penvoerder"), default=False)

    class Meta:
        verbose_name = _("combinant")
        verbose_name_plural = _("combinanten")
        ordering = ["-penvoerder", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "organisatie"], name="combinant_eenmaal_per_overeenkomst"
            ),
            models.UniqueConstraint(
                fields=["overeenkomst"],
                condition=Q(penvoerder=True),
                name="combinant_een_penvoerder",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisatie)


class Verlengingsoptie(models.Model):
    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.CASCADE,
        related_name="verlengingsopties",
        verbose_name=_("overeenkomst"),
    )
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    maanden = models.PositiveSmallIntegerField(
        _("duur (maanden)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    benut_op = models.DateField(_("benut op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verlengingsoptie")
        verbose_name_plural = _("verlengingsopties")
        ordering = ["volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "volgnummer"], name="verlengingsoptie_volgnummer_uniek"
            ),
            models.CheckConstraint(
                name="verlengingsoptie_duur_positief", condition=Q(maanden__gte=1)
            ),
        ]

    def __str__(self) -> str:
        return _("Verlenging %(nummer)s: %(maanden)s maanden") % {
            "nummer": self.volgnummer,
            "maanden": self.maanden,
        }


class Statuswijziging(models.Model):
    """One step in an agreement's status history. Written only by ``services.wijzig_status``."""

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.CASCADE,
        related_name="statuswijzigingen",
        verbose_name=_("overeenkomst"),
    )
    van = models.CharField(_("van"), max_length=20, choices=OvereenkomstStatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=20, choices=OvereenkomstStatus.choices)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("gewijzigd door"),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["gewijzigd_op", "pk"]

    def __str__(self) -> str:
        return f"{self.van or '—'} → {self.naar}"
