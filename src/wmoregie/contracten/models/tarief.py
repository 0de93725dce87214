"""Tariffs per product and unit (inspanningsgericht and outputgericht agreements)."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Eenheid

from .budget import Indexering
from .fields import _bedrag
from .overeenkomst import Overeenkomst


class Geldigheidsperiode(models.Model):
    """A validity period ``geldig_van`` – ``geldig_tot`` (inclusive; no end date: open-ended).

    ``clean`` checks the order; subclasses name the rows that may not overlap in
    ``overlappende()``, and ``clean`` refuses an overlap with them.
    """

    geldig_van = models.DateField(_("geldig van"))
    geldig_tot = models.DateField(
        _("geldig tot en met"), null=True, blank=True, help_text=_("Leeg: zonder einddatum.")
    )

    class Meta:
        abstract = True

    def overlappende(self) -> models.QuerySet | None:
        """The rows whose period may not overlap this one (None: no check)."""
        return None

    @staticmethod
    def overlap_filter(van: date, tot: date | None) -> Q:
        """Rows whose period shares at least one day with ``van`` – ``tot``."""
        filter_ = Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=van)
        if tot is not None:
            filter_ &= Q(geldig_van__lte=tot)
        return filter_

    def geldig_op(self, datum: date) -> bool:
        return self.geldig_van <= datum and (self.geldig_tot is None or datum <= self.geldig_tot)

    def periode_tekst(self) -> str:
        if self.geldig_tot is None:
            return _("vanaf %(van)s") % {"van": self.geldig_van.strftime("%d-%m-%Y")}
        return f"{self.geldig_van:%d-%m-%Y} – {self.geldig_tot:%d-%m-%Y}"

    def clean(self) -> None:
        super().clean()
        if self.geldig_van is None:
            return
        if self.geldig_tot is not None and self.geldig_tot < self.geldig_van:
            raise ValidationError(
                {
                    "geldig_tot": ValidationError(
                        _("‘Geldig tot’ ligt vóór ‘geldig van’."), code="einde-voor-begin"
                    )
                }
            )
        overlappende = self.overlappende()
        if overlappende is None:
            return
        botsing = (
            overlappende.filter(self.overlap_filter(self.geldig_van, self.geldig_tot))
            .exclude(pk=self.pk)
            .order_by("geldig_van")
            .first()
        )
        if botsing is not None:
            raise ValidationError(
                {
                    "geldig_van": ValidationError(
                        _("De geldigheid overlapt met %(ander)s (%(periode)s)."),
                        code="geldigheid-overlapt",
                        params={"ander": botsing, "periode": botsing.periode_tekst()},
                    )
                }
            )


class Tarief(Geldigheidsperiode):
    """The tariff of one product per unit under an inspanningsgericht or outputgericht
    agreement, for a validity period. For one product the periods do not overlap.

    A tariff made by the yearly indexation points to the tariff it came from and to the stored
    index figures, so its amount can be recomputed step by step.
    """

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.PROTECT,
        related_name="tarieven",
        verbose_name=_("overeenkomst"),
    )
    product = models.ForeignKey(
        "catalogi.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    eenheid = models.CharField(
        _("eenheid"),
        max_length=2,
        choices=Eenheid.choices,
        help_text=_("De eenheid van het product (iWmo-codelijst WJ756)."),
    )
    bedrag = _bedrag(_("tarief per eenheid (EUR)"))
    vorig_tarief = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volgend_tarief",
        verbose_name=_("geïndexeerd vanuit"),
    )
    indexering = models.ForeignKey(
        Indexering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tarieven",
        verbose_name=_("indexering"),
    )
    bron = models.TextField(_("bron of toelichting"), blank=True)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), default=timezone.now)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("tarief")
        verbose_name_plural = _("tarieven")
        ordering = ["overeenkomst", "product__volgorde", "product__naam", "geldig_van"]
        constraints = [
            models.CheckConstraint(name="tarief_niet_negatief", condition=Q(bedrag__gte=0)),
            models.CheckConstraint(
                name="tarief_einde_na_begin",
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("geldig_van")),
            ),
            models.UniqueConstraint(
                fields=["overeenkomst", "product", "geldig_van"], name="tarief_begin_uniek"
            ),
        ]

    def __str__(self) -> str:
        return _("tarief %(product)s") % {"product": self.product}

    def overlappende(self):
        if self.overeenkomst_id is None or self.product_id is None:
            return None
        return Tarief.objects.filter(
            overeenkomst_id=self.overeenkomst_id, product_id=self.product_id
        )

    def indexberekening(self):
        """How this amount followed from the previous tariff; None when fixed by hand."""
        if self.indexering is None or self.vorig_tarief is None:
            return None
        return self.indexering.bereken(self.vorig_tarief.bedrag)
