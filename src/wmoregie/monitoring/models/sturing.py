"""The steering cycle: shared goals (beliefs), indicators with yearly norms (diagnostic), contract
obligations (boundaries) and the steering meeting with its agenda, frozen figures, decisions and
actions (interactive)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..sturing.constants import (
    VERANTWOORDELIJKE_ROLLEN,
    ActieStatus,
    Berekening,
    Verplichtingsoort,
)


class Doel(models.Model):
    """A shared goal of the agreement ("beliefs"): what region and consortium want to achieve."""

    regio = models.ForeignKey(
        "catalogi.Regio", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    titel = models.CharField(_("titel"), max_length=200)
    omschrijving = models.TextField(_("omschrijving"), max_length=2000, blank=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("gedeeld doel")
        verbose_name_plural = _("gedeelde doelen")
        ordering = ["regio", "volgorde", "id"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "titel"], name="doel_titel_uniek_per_regio")
        ]

    def __str__(self) -> str:
        return self.titel


class Indicator(models.Model):
    """An agreed indicator ("diagnostic"), computed from the client administration."""

    regio = models.ForeignKey(
        "catalogi.Regio", on_delete=models.PROTECT, related_name="+", verbose_name=_("regio")
    )
    doel = models.ForeignKey(
        Doel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicatoren",
        verbose_name=_("gedeeld doel"),
    )
    code = models.SlugField(_("code"), max_length=40)
    naam = models.CharField(_("naam"), max_length=200)
    berekening = models.CharField(_("berekening"), max_length=30, choices=Berekening.choices)
    verantwoordelijke_rol = models.CharField(
        _("verantwoordelijke rol"),
        max_length=40,
        choices=VERANTWOORDELIJKE_ROLLEN,
        help_text=_(
            "Deze rol krijgt een signaal op de werkvoorraad als de indicator uit koers is."
        ),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        ordering = ["regio", "doel__volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(fields=["regio", "code"], name="indicator_code_uniek_per_regio")
        ]

    def __str__(self) -> str:
        return self.naam


class Indicatornorm(models.Model):
    """The target of an indicator in one year, and how far it may fall short before it is off
    track: a value between target − tolerance and the target is within the tolerance."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="normen", verbose_name=_("indicator")
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    streefwaarde = models.DecimalField(_("streefwaarde"), max_digits=9, decimal_places=2)
    tolerantie = models.DecimalField(
        _("tolerantie"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_(
            "Hoeveel de waarde onder de streefwaarde mag liggen voordat de indicator uit koers is."
        ),
    )

    class Meta:
        verbose_name = _("norm van een indicator")
        verbose_name_plural = _("normen van indicatoren")
        ordering = ["indicator", "-jaar"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "jaar"], name="indicatornorm_een_per_jaar"
            ),
            models.CheckConstraint(
                name="indicatornorm_tolerantie_niet_negatief", condition=Q(tolerantie__gte=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.jaar}"


class Verplichting(models.Model):
    """A contract obligation ("boundaries") with its status: a reporting duty with a due date,
    or the waiting-time norm or duty to accept, whose status follows from an indicator."""

    overeenkomst = models.ForeignKey(
        "contracten.Overeenkomst",
        on_delete=models.CASCADE,
        related_name="verplichtingen",
        verbose_name=_("overeenkomst"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Verplichtingsoort.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    artikel = models.CharField(_("artikel"), max_length=40, blank=True)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verplichtingen",
        verbose_name=_("indicator"),
    )
    termijn = models.DateField(_("uiterlijk op"), null=True, blank=True)
    nagekomen_op = models.DateField(_("nagekomen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("contractverplichting")
        verbose_name_plural = _("contractverplichtingen")
        ordering = ["overeenkomst", "soort", "termijn", "id"]
        constraints = [
            models.CheckConstraint(
                name="verplichting_rapportage_heeft_termijn",
                condition=~Q(soort=Verplichtingsoort.RAPPORTAGE) | Q(termijn__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving


class Stuuroverleg(models.Model):
    """A steering meeting of region and consortium about one agreement. Its figures are frozen
    once (``snapshot``): what was discussed stays what it was, whatever changes later."""

    overeenkomst = models.ForeignKey(
        "contracten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="stuuroverleggen",
        verbose_name=_("overeenkomst"),
    )
    datum = models.DateField(_("datum"))
    titel = models.CharField(_("titel"), max_length=200)
    snapshot = models.JSONField(_("bevroren cijfers"), default=dict, blank=True, editable=False)
    bevroren_op = models.DateTimeField(_("bevroren op"), null=True, blank=True, editable=False)
    bevroren_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("stuuroverleg")
        verbose_name_plural = _("stuuroverleggen")
        ordering = ["-datum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["overeenkomst", "datum"], name="stuuroverleg_een_per_dag"
            )
        ]

    def __str__(self) -> str:
        return f"{self.titel} ({self.datum:%d-%m-%Y})"

    @property
    def is_bevroren(self) -> bool:
        return self.bevroren_op is not None


class Agendapunt(models.Model):
    overleg = models.ForeignKey(Stuuroverleg, on_delete=models.CASCADE, related_name="agendapunten")
    volgnummer = models.PositiveSmallIntegerField(_("volgnummer"))
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("indicator"),
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["overleg", "volgnummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["overleg", "volgnummer"], name="agendapunt_volgnummer_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volgnummer}. {self.onderwerp}"


class Besluit(models.Model):
    overleg = models.ForeignKey(Stuuroverleg, on_delete=models.CASCADE, related_name="besluiten")
    agendapunt = models.ForeignKey(
        Agendapunt,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="besluiten",
        verbose_name=_("agendapunt"),
    )
    tekst = models.TextField(_("besluit"), max_length=2000)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["overleg", "vastgelegd_op", "id"]

    def __str__(self) -> str:
        return self.tekst[:80]


class Actie(models.Model):
    """An action agreed in a meeting: an owner and a due date; on the owner's worklist until done."""

    overleg = models.ForeignKey(Stuuroverleg, on_delete=models.CASCADE, related_name="acties")
    besluit = models.ForeignKey(
        Besluit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="acties",
        verbose_name=_("besluit"),
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="sturingsacties",
        verbose_name=_("eigenaar"),
    )
    uiterlijk_op = models.DateField(_("uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActieStatus.choices, default=ActieStatus.OPEN
    )
    resultaat = models.TextField(_("resultaat"), max_length=2000, blank=True)
    afgerond_op = models.DateField(_("afgerond op"), null=True, blank=True)
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["uiterlijk_op", "id"]
        constraints = [
            models.CheckConstraint(
                name="actie_afgerond_heeft_datum",
                condition=~Q(status=ActieStatus.AFGEROND) | Q(afgerond_op__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving
