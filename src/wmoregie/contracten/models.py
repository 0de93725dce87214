"""The agreement, its task budget and indexation, price sheets and the subcontractor network.

Amounts are ``Decimal`` (``DecimalField``); every sum is done by ``contracten.berekeningen``.
Status changes go through ``state.py`` and ``services.py``; views never save these models.
"""

import uuid
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Bekostigingsvariant, Eenheid

from .berekeningen import (
    Indexcomponent,
    NietProductieveTijd,
    Tariefopbouw,
    calculate_indexering,
    calculate_marge,
    calculate_tarief,
)
from .constants import (
    GVA_GELDIGHEID_MAANDEN,
    STANDAARD_WAARSCHUWINGSTERMIJN_DAGEN,
    Documentsoort,
    Documentstand,
    Onderaannemersoort,
    OnderaannemerStatus,
    Opdrachtnemersvorm,
    OvereenkomstStatus,
    PrijsbladStatus,
)
from .datums import plus_maanden
from .validators import validate_artikelnummers, validate_fractie

NUL = Decimal(0)
_NIET_NEGATIEF = [MinValueValidator(NUL)]


def _bedrag(label, **kwargs):
    return models.DecimalField(
        label, max_digits=14, decimal_places=2, validators=_NIET_NEGATIEF, **kwargs
    )


def _percentage(label, **kwargs):
    return models.DecimalField(
        label, max_digits=7, decimal_places=3, validators=_NIET_NEGATIEF, **kwargs
    )


def _indexcijfer(label, **kwargs):
    """An index figure in per cent; may be negative (a falling price level)."""
    return models.DecimalField(label, max_digits=6, decimal_places=3, **kwargs)


# ---------------------------------------------------------------------------------------------
# The agreement
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Taakgericht budget and indexation
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Tariffs per product and unit (inspanningsgericht and outputgericht agreements)
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Price sheets (AMvB reële prijs)
# ---------------------------------------------------------------------------------------------


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
        """The main contractor's margin on this sheet, or None without a received tariff."""
        if not self.ontvangen_tarief or self.tarief is None:
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


# ---------------------------------------------------------------------------------------------
# Subcontractors
# ---------------------------------------------------------------------------------------------


class Onderaannemer(models.Model):
    """A derde, vaste or incidentele onderaannemer of one agreement."""

    overeenkomst = models.ForeignKey(
        Overeenkomst,
        on_delete=models.PROTECT,
        related_name="onderaannemers",
        verbose_name=_("overeenkomst"),
    )
    organisatie = models.ForeignKey(
        "accounts.Organisatie",
        on_delete=models.PROTECT,
        related_name="onderaannemerschappen",
        verbose_name=_("organisatie"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Onderaannemersoort.choices)
    expertise = models.TextField(_("expertise"))
    producten = models.ManyToManyField(
        "catalogi.Product", related_name="onderaannemers", verbose_name=_("producten")
    )
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(
        _("einddatum"),
        null=True,
        blank=True,
        help_text=_("Leeg: voor de hele looptijd van de overeenkomst."),
    )
    is_zzp = models.BooleanField(
        _("zelfstandige zonder personeel"),
        default=False,
        help_text=_(
            "Een zzp’er zonder personeel heeft geen toestemming van de regio nodig (OW 3.9)."
        ),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=OnderaannemerStatus.choices,
        default=OnderaannemerStatus.AANGEMELD,
    )
    aangemeld_op = models.DateField(_("aangemeld op"), default=date.today)
    toestemming_vereist = models.BooleanField(_("schriftelijke toestemming regio vereist"))
    toestemming_op = models.DateField(_("toestemming verleend op"), null=True, blank=True)
    toestemming_kenmerk = models.CharField(
        _("kenmerk toestemmingsbrief"), max_length=100, blank=True
    )
    toestemming_vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    beeindiging_reden = models.TextField(_("reden van beëindiging"), blank=True)
    beeindiging_vastgelegd_op = models.DateTimeField(
        _("beëindiging vastgelegd op"), null=True, blank=True
    )
    beeindiging_toestemming_op = models.DateField(
        _("toestemming regio voor vroegtijdige beëindiging op"), null=True, blank=True
    )
    beeindiging_toestemming_kenmerk = models.CharField(
        _("kenmerk toestemming beëindiging"), max_length=100, blank=True
    )
    beeindigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("onderaannemer")
        verbose_name_plural = _("onderaannemers")
        ordering = ["overeenkomst", "soort", "organisatie__naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "organisatie"],
                name="onderaannemer_eenmaal_per_overeenkomst",
            ),
            models.CheckConstraint(
                name="onderaannemer_einde_na_begin",
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
            ),
            models.CheckConstraint(
                name="onderaannemer_beeindigd_met_datum_en_reden",
                condition=~Q(status=OnderaannemerStatus.BEEINDIGD)
                | (Q(einddatum__isnull=False) & ~Q(beeindiging_reden="")),
            ),
            models.CheckConstraint(
                name="onderaannemer_actief_met_toestemming",
                condition=~Q(status=OnderaannemerStatus.ACTIEF)
                | Q(toestemming_vereist=False)
                | Q(toestemming_op__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisatie} ({self.get_soort_display()})"

    def clean(self) -> None:
        super().clean()
        if self.overeenkomst_id is None or self.ingangsdatum is None:
            return
        ovk = self.overeenkomst
        errors: dict[str, ValidationError] = {}
        if self.einddatum and self.einddatum < self.ingangsdatum:
            errors["einddatum"] = ValidationError(
                _("De einddatum ligt vóór de ingangsdatum."), code="einde-voor-begin"
            )
        if self.soort == Onderaannemersoort.DERDE:
            eigen_einde = (
                self.einddatum is not None and self.status != OnderaannemerStatus.BEEINDIGD
            )
            if self.ingangsdatum != ovk.ingangsdatum or eigen_einde:
                errors["soort"] = ValidationError(
                    _(
                        "Een derde is verbonden voor de hele looptijd: ingangsdatum %(begin)s "
                        "en geen eigen einddatum."
                    ),
                    code="derde-hele-looptijd",
                    params={"begin": ovk.ingangsdatum.strftime("%d-%m-%Y")},
                )
            elif (
                Onderaannemer.objects.filter(
                    organisatie_id=self.organisatie_id,
                    soort=Onderaannemersoort.DERDE,
                    overeenkomst__perceel_id=ovk.perceel_id,
                )
                .exclude(overeenkomst_id=ovk.pk)
                .exists()
            ):
                errors["organisatie"] = ValidationError(
                    _(
                        "Deze organisatie is al als derde verbonden aan een andere overeenkomst "
                        "voor dit perceel; een derde is exclusief verbonden."
                    ),
                    code="derde-niet-exclusief",
                )
        else:
            if self.ingangsdatum < ovk.ingangsdatum or self.ingangsdatum > ovk.uiterste_einddatum:
                errors["ingangsdatum"] = ValidationError(
                    _(
                        "De ingangsdatum valt buiten de looptijd van de overeenkomst (%(van)s – %(tot)s)."
                    ),
                    code="buiten-looptijd",
                    params={
                        "van": ovk.ingangsdatum.strftime("%d-%m-%Y"),
                        "tot": ovk.uiterste_einddatum.strftime("%d-%m-%Y"),
                    },
                )
            if self.einddatum and self.einddatum > ovk.uiterste_einddatum:
                errors["einddatum"] = ValidationError(
                    _("De einddatum valt na het einde van de overeenkomst (%(tot)s)."),
                    code="na-looptijd",
                    params={"tot": ovk.uiterste_einddatum.strftime("%d-%m-%Y")},
                )
        if errors:
            raise ValidationError(errors)

    @property
    def wacht_op_toestemming(self) -> bool:
        return self.toestemming_vereist and self.toestemming_op is None

    @property
    def is_beeindigbaar(self) -> bool:
        return self.status in (OnderaannemerStatus.ACTIEF, OnderaannemerStatus.AANGEMELD)

    def periode_tekst(self) -> str:
        if self.status == OnderaannemerStatus.BEEINDIGD and self.einddatum:
            return _("%(van)s – %(tot)s (beëindigd)") % {
                "van": self.ingangsdatum.strftime("%d-%m-%Y"),
                "tot": self.einddatum.strftime("%d-%m-%Y"),
            }
        if self.soort == Onderaannemersoort.DERDE or self.einddatum is None:
            return _("vanaf %(van)s, hele looptijd") % {
                "van": self.ingangsdatum.strftime("%d-%m-%Y")
            }
        return f"{self.ingangsdatum:%d-%m-%Y} – {self.einddatum:%d-%m-%Y}"


def _nalevingsdocumentpad(document: "Nalevingsdocument", bestandsnaam: str) -> str:
    # A random name: the original name is kept in a field and never used as a path.
    return f"contracten/documenten/{document.onderaannemer_id}/{uuid.uuid4().hex}.pdf"


class Nalevingsdocument(models.Model):
    """A compliance document of a subcontractor, with the date it expires.

    The PDF itself is optional; when uploaded it is stored in the default storage (never served
    directly) and read only through the view ``document-bestand``.
    """

    onderaannemer = models.ForeignKey(
        Onderaannemer,
        on_delete=models.CASCADE,
        related_name="documenten",
        verbose_name=_("onderaannemer"),
    )
    soort = models.CharField(_("soort document"), max_length=20, choices=Documentsoort.choices)
    kenmerk = models.CharField(_("kenmerk of omschrijving"), max_length=200)
    afgegeven_op = models.DateField(_("afgegeven op"))
    geldig_tot = models.DateField(
        _("geldig tot"),
        null=True,
        blank=True,
        help_text=_(
            "Bij een gedragsverklaring aanbesteden leeg laten: die is 24 maanden na afgifte "
            "niet meer bruikbaar."
        ),
    )
    bestand = models.FileField(
        _("bestand (PDF)"), upload_to=_nalevingsdocumentpad, max_length=300, blank=True
    )
    bestandsnaam = models.CharField(_("oorspronkelijke bestandsnaam"), max_length=255, blank=True)
    grootte = models.PositiveIntegerField(_("grootte in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    toegevoegd_op = models.DateTimeField(_("toegevoegd op"), default=timezone.now)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("nalevingsdocument")
        verbose_name_plural = _("nalevingsdocumenten")
        ordering = ["onderaannemer", "soort", "-geldig_tot"]
        constraints = [
            models.CheckConstraint(
                name="document_geldig_na_afgifte",
                condition=Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=F("afgegeven_op")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()}: {self.kenmerk}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.afgegeven_op and self.geldig_tot and self.geldig_tot < self.afgegeven_op:
            errors["geldig_tot"] = ValidationError(
                _("‘Geldig tot’ ligt vóór de datum van afgifte."), code="geldig-voor-afgifte"
            )
        if (
            self.soort == Documentsoort.GEDRAGSVERKLARING
            and self.afgegeven_op
            and self.geldig_tot
            and self.geldig_tot > plus_maanden(self.afgegeven_op, GVA_GELDIGHEID_MAANDEN)
        ):
            errors["geldig_tot"] = ValidationError(
                _(
                    "Een gedragsverklaring aanbesteden is ten hoogste 24 maanden na afgifte bruikbaar."
                ),
                code="gva-te-lang-geldig",
            )
        if errors:
            raise ValidationError(errors)

    def stand(self, op: date, waarschuwingstermijn_dagen: int) -> str:
        if self.geldig_tot is None:
            return Documentstand.GELDIG
        if self.geldig_tot < op:
            return Documentstand.VERLOPEN
        if (self.geldig_tot - op).days <= waarschuwingstermijn_dagen:
            return Documentstand.VERLOOPT_BINNENKORT
        return Documentstand.GELDIG


class Onderaanneemcontract(models.Model):
    """A subcontract from the standard template, always with a published standard price sheet."""

    onderaannemer = models.ForeignKey(
        Onderaannemer,
        on_delete=models.PROTECT,
        related_name="contracten",
        verbose_name=_("onderaannemer"),
    )
    prijsblad = models.ForeignKey(
        Prijsblad,
        on_delete=models.PROTECT,
        related_name="onderaanneemcontracten",
        verbose_name=_("standaardprijsblad"),
    )
    nummer = models.CharField(_("contractnummer"), max_length=40, unique=True)
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"))
    ondertekend_op = models.DateField(_("ondertekend op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("onderaanneemcontract")
        verbose_name_plural = _("onderaanneemcontracten")
        ordering = ["onderaannemer", "-ingangsdatum"]
        constraints = [
            models.CheckConstraint(
                name="onderaanneemcontract_einde_na_begin",
                condition=Q(einddatum__gte=F("ingangsdatum")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nummer} — {self.onderaannemer.organisatie}"

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.ingangsdatum and self.einddatum and self.einddatum < self.ingangsdatum:
            errors["einddatum"] = ValidationError(
                _("De einddatum ligt vóór de ingangsdatum."), code="einde-voor-begin"
            )
        if self.prijsblad_id and self.onderaannemer_id:
            if self.prijsblad.status != PrijsbladStatus.GEPUBLICEERD:
                errors["prijsblad"] = ValidationError(
                    _(
                        "Een onderaanneemcontract gebruikt altijd een gepubliceerd standaardprijsblad."
                    ),
                    code="prijsblad-niet-gepubliceerd",
                )
            elif self.prijsblad.overeenkomst_id != self.onderaannemer.overeenkomst_id:
                errors["prijsblad"] = ValidationError(
                    _("Het prijsblad hoort bij een andere overeenkomst."),
                    code="prijsblad-andere-overeenkomst",
                )
        if errors:
            raise ValidationError(errors)
