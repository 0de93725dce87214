"""Taakgericht budget and indexation."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..berekeningen import Indexcomponent, calculate_indexering
from .fields import _NIET_NEGATIEF, NUL, _bedrag, _indexcijfer
from .overeenkomst import Overeenkomst


class Indexering(models.Model):
    """The entered index figures for year ``jaar`` (= t+1) of one agreement (OW art. 3.2).

    The weights and series are copied from the agreement when the figures are entered, so a
    later change of the agreement does not change an indexation already applied.
    """

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.PROTECT,
        related_name="indexeringen",
        verbose_name=_("overeenkomst"),
    )
    jaar = models.PositiveSmallIntegerField(_("jaar (t+1)"))
    eerste_contractjaar = models.BooleanField(
        _("eerste jaar na nieuwe inkoop (geen nacalculatie)"), default=False
    )
    weging_personeel = models.DecimalField(_("weging personeel"), max_digits=5, decimal_places=4)
    weging_materieel = models.DecimalField(_("weging materieel"), max_digits=5, decimal_places=4)
    indexcijfer_personeel = models.CharField(_("indexreeks personeel"), max_length=40)
    indexcijfer_materieel = models.CharField(_("indexreeks materieel"), max_length=40)
    personeel_prognose_volgend_jaar = _indexcijfer(_("personeel: prognose t+1 (%)"))
    personeel_prognose_lopend_jaar = _indexcijfer(
        _("personeel: eerdere prognose t (%)"), null=True, blank=True
    )
    personeel_definitief_lopend_jaar = _indexcijfer(
        _("personeel: definitief t (%)"), null=True, blank=True
    )
    materieel_prognose_volgend_jaar = _indexcijfer(_("materieel: prognose t+1 (%)"))
    materieel_prognose_lopend_jaar = _indexcijfer(
        _("materieel: eerdere prognose t (%)"), null=True, blank=True
    )
    materieel_definitief_lopend_jaar = _indexcijfer(
        _("materieel: definitief t (%)"), null=True, blank=True
    )
    indexpercentage = models.DecimalField(
        _("indexeringspercentage (exact)"), max_digits=14, decimal_places=8
    )
    bron = models.TextField(_("bron van de indexcijfers"), blank=True)
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), default=timezone.now)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("indexering")
        verbose_name_plural = _("indexeringen")
        ordering = ["overeenkomst", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "jaar"], name="indexering_eenmaal_per_jaar"
            ),
        ]

    def __str__(self) -> str:
        return _("Indexering %(jaar)s") % {"jaar": self.jaar}

    def componenten(self) -> list[Indexcomponent]:
        return [
            Indexcomponent(
                kostensoort="personele kosten",
                indexcijfer=self.indexcijfer_personeel,
                weging=self.weging_personeel,
                prognose_volgend_jaar=self.personeel_prognose_volgend_jaar,
                prognose_lopend_jaar=self.personeel_prognose_lopend_jaar,
                definitief_lopend_jaar=self.personeel_definitief_lopend_jaar,
            ),
            Indexcomponent(
                kostensoort="materiële kosten",
                indexcijfer=self.indexcijfer_materieel,
                weging=self.weging_materieel,
                prognose_volgend_jaar=self.materieel_prognose_volgend_jaar,
                prognose_lopend_jaar=self.materieel_prognose_lopend_jaar,
                definitief_lopend_jaar=self.materieel_definitief_lopend_jaar,
            ),
        ]

    def bereken(self, bedrag):
        return calculate_indexering(
            bedrag,
            self.componenten(),
            jaar=self.jaar,
            eerste_contractjaar=self.eerste_contractjaar,
        )


class Budget(models.Model):
    """The yearly lump sum of a taakgericht agreement, split over the municipalities."""

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.PROTECT,
        related_name="budgetten",
        verbose_name=_("overeenkomst"),
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    totaal = _bedrag(_("jaarbudget (EUR)"))
    verdeelsleutel = models.CharField(
        _("verdeelsleutel"),
        max_length=200,
        help_text=_("Waarop de verdeling rust, bijvoorbeeld ‘inwoners per 1 januari 2025 (CBS)’."),
    )
    aantal_termijnen = models.PositiveSmallIntegerField(
        _("aantal termijnen per jaar"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    vorig_budget = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="volgend_budget",
        verbose_name=_("geïndexeerd vanuit"),
    )
    indexering = models.OneToOneField(
        Indexering,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budget",
        verbose_name=_("indexering"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), default=timezone.now)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("taakgericht budget")
        verbose_name_plural = _("taakgerichte budgetten")
        ordering = ["overeenkomst", "jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "jaar"], name="budget_eenmaal_per_jaar"
            ),
            models.CheckConstraint(name="budget_niet_negatief", condition=Q(totaal__gte=0)),
        ]

    def __str__(self) -> str:
        return _("Budget %(jaar)s") % {"jaar": self.jaar}


class Budgetaandeel(models.Model):
    budget = models.ForeignKey(
        Budget, on_delete=models.CASCADE, related_name="aandelen", verbose_name=_("budget")
    )
    gemeente = models.ForeignKey(
        "catalogi.Gemeente", on_delete=models.PROTECT, verbose_name=_("gemeente")
    )
    sleutelwaarde = models.DecimalField(
        _("waarde verdeelsleutel"), max_digits=16, decimal_places=4, validators=_NIET_NEGATIEF
    )
    bedrag = _bedrag(_("bedrag (EUR)"))
    extra_cent = models.BooleanField(_("kreeg een restcent"), default=False)

    class Meta:
        verbose_name = _("budgetaandeel")
        verbose_name_plural = _("budgetaandelen")
        ordering = ["budget", "gemeente__code"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "gemeente"], name="budgetaandeel_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}: {self.bedrag}"

    @property
    def betaald(self) -> Decimal:
        """Budget realisation: the sum of the payments recorded for this municipality."""
        return sum((b.bedrag for b in self.betalingen.all()), NUL)


class Budgetbetaling(models.Model):
    """Budget realisation: what was actually paid to the contractor for one municipality."""

    aandeel = models.ForeignKey(
        Budgetaandeel,
        on_delete=models.PROTECT,
        related_name="betalingen",
        verbose_name=_("budgetaandeel"),
    )
    termijn = models.PositiveSmallIntegerField(_("termijn"), validators=[MinValueValidator(1)])
    bedrag = _bedrag(_("betaald bedrag (EUR)"))
    betaald_op = models.DateField(_("betaald op"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("budgetbetaling")
        verbose_name_plural = _("budgetbetalingen")
        ordering = ["aandeel", "termijn", "betaald_op"]

    def __str__(self) -> str:
        return f"{self.aandeel.gemeente} termijn {self.termijn}: {self.bedrag}"
