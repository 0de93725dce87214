"""Price sheets (AMvB reële prijs)."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..berekeningen import (
    NietProductieveTijd,
    Tariefopbouw,
    calculate_marge,
    calculate_tarief,
)
from ..constants import PrijsbladStatus
from .fields import _NIET_NEGATIEF, NUL, _bedrag, _percentage
from .overeenkomst import Overeenkomst


class Prijsblad(models.Model):
    """A standard price sheet of the region for one product and qualification level, versioned.

    Only a concept can be changed; publishing freezes it, and a newer published version retires
    the older one. The tariff is computed by ``berekeningen.calculate_tarief`` and stored.
    """

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.PROTECT,
        related_name="prijsbladen",
        verbose_name=_("overeenkomst"),
    )
    product = models.ForeignKey(
        "catalogi.Product", on_delete=models.PROTECT, verbose_name=_("product")
    )
    kwalificatieniveau = models.CharField(
        _("kwalificatieniveau"), max_length=80, help_text=_("Bijvoorbeeld ‘mbo niveau 4’ of ‘hbo’.")
    )
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=PrijsbladStatus.choices, default=PrijsbladStatus.CONCEPT
    )
    geldig_vanaf = models.DateField(_("geldig vanaf"))
    cao = models.CharField(_("cao"), max_length=100)
    schaal = models.CharField(_("salarisschaal"), max_length=20)
    trede = models.CharField(_("trede"), max_length=20, blank=True)
    maandsalaris = _bedrag(_("bruto maandsalaris (EUR)"))
    maanden_per_jaar = models.DecimalField(
        _("maanden per jaar"),
        max_digits=4,
        decimal_places=2,
        default=Decimal(12),
        validators=_NIET_NEGATIEF,
    )
    vakantietoeslag_percentage = _percentage(_("vakantietoeslag (%)"), default=Decimal(8))
    eindejaarsuitkering_percentage = _percentage(_("eindejaarsuitkering (%)"), default=NUL)
    werkgeverslasten_percentage = _percentage(_("werkgeverslasten (%)"))
    jaaruren_per_fte = models.DecimalField(
        _("contracturen per fte per jaar"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(1))],
    )
    overhead_percentage = _percentage(_("overhead (%)"))
    risico_winst_percentage = _percentage(_("risico en winst (%)"))
    materiele_kosten_per_uur = _bedrag(_("materiële kosten per uur (EUR)"), default=NUL)
    eenheid = models.CharField(_("eenheid"), max_length=30, default="uur")
    uren_per_eenheid = models.DecimalField(
        _("uren inzet per eenheid"),
        max_digits=8,
        decimal_places=4,
        default=Decimal(1),
        validators=_NIET_NEGATIEF,
    )
    materiele_kosten_per_eenheid = _bedrag(_("materiële kosten per eenheid (EUR)"), default=NUL)
    ontvangen_tarief = _bedrag(
        _("tarief dat de hoofdaannemer ontvangt (EUR)"),
        null=True,
        blank=True,
        help_text=_("Voor dezelfde eenheid; daarmee wordt de marge van de hoofdaannemer getoond."),
    )
    bronnen = models.TextField(
        _("bronnen en aannames"),
        help_text=_("Waar elk uitgangspunt vandaan komt (cao-tabel, CBS, eigen onderzoek …)."),
    )
    tarief = _bedrag(_("tarief (EUR)"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    gepubliceerd_op = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("prijsblad")
        verbose_name_plural = _("prijsbladen")
        ordering = ["overeenkomst", "product__volgorde", "kwalificatieniveau", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "product", "kwalificatieniveau", "versie"],
                name="prijsblad_versie_uniek",
            ),
            models.UniqueConstraint(
                fields=["overeenkomst", "product", "kwalificatieniveau"],
                condition=Q(status=PrijsbladStatus.GEPUBLICEERD),
                name="prijsblad_een_gepubliceerde_versie",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} — {self.kwalificatieniveau} (versie {self.versie})"

    @property
    def is_gepubliceerd(self) -> bool:
        return self.status == PrijsbladStatus.GEPUBLICEERD

    def opbouw(self) -> Tariefopbouw:
        return Tariefopbouw(
            maandsalaris=self.maandsalaris,
            werkgeverslasten_percentage=self.werkgeverslasten_percentage,
            jaaruren_per_fte=self.jaaruren_per_fte,
            overhead_percentage=self.overhead_percentage,
            risico_winst_percentage=self.risico_winst_percentage,
            niet_productieve_tijd=tuple(
                NietProductieveTijd(r.omschrijving, percentage=r.percentage, uren=r.uren)
                for r in self.niet_productieve_tijd.all()
            ),
            cao=self.cao,
            schaal=self.schaal,
            trede=self.trede,
            maanden_per_jaar=self.maanden_per_jaar,
            vakantietoeslag_percentage=self.vakantietoeslag_percentage,
            eindejaarsuitkering_percentage=self.eindejaarsuitkering_percentage,
            materiele_kosten_per_uur=self.materiele_kosten_per_uur,
            eenheid=self.eenheid,
            uren_per_eenheid=self.uren_per_eenheid,
            materiele_kosten_per_eenheid=self.materiele_kosten_per_eenheid,
        )

    def berekening(self):
        return calculate_tarief(self.opbouw())

    def marge(self):
        """The main contractor's margin on this sheet, or None without a received tariff. Only
        for per-client lots: under taakgericht funding the main contractor is paid a fixed
        budget, not a tariff per unit, so there is no margin per hour to show (#15.8)."""
        if self.overeenkomst.is_taakgericht or not self.ontvangen_tarief or self.tarief is None:
            return None
        return calculate_marge(self.ontvangen_tarief, self.tarief, eenheid=self.eenheid)


class NietProductieveTijdregel(models.Model):
    """One kind of non-productive time on a price sheet: a percentage or a number of hours."""

    prijsblad = models.ForeignKey(
        Prijsblad,
        on_delete=models.CASCADE,
        related_name="niet_productieve_tijd",
        verbose_name=_("prijsblad"),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    omschrijving = models.CharField(_("omschrijving"), max_length=100)
    percentage = _percentage(_("percentage van de contracturen"), null=True, blank=True)
    uren = models.DecimalField(
        _("uren per fte per jaar"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NIET_NEGATIEF,
    )
    bron = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("niet-productieve tijd")
        verbose_name_plural = _("niet-productieve tijd")
        ordering = ["prijsblad", "volgorde", "pk"]
        constraints = [
            models.CheckConstraint(
                name="niet_productief_percentage_of_uren",
                condition=(Q(percentage__isnull=False) & Q(uren__isnull=True))
                | (Q(percentage__isnull=True) & Q(uren__isnull=False)),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving
