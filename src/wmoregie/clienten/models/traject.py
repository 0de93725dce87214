"""A trajectory: the support of one client with one product, from acceptance to the end."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Eenheid

from ..constants import Frequentie, Gebeurtenissoort, RedenBeeindiging, TrajectStatus

MAX_TOEWIJZINGNUMMER = 999_999_999  # iWmo LDT_Nummer
MAX_VOLUME = 99_999_999  # iWmo LDT_Volume
# The reason for a corrected start date fits the timeline's 500 characters with the dates.
MAX_TOELICHTING_STARTDATUM = 400


class Traject(models.Model):
    aanmelding = models.OneToOneField(
        "clienten.Aanmelding",
        on_delete=models.PROTECT,
        related_name="traject",
        verbose_name=_("aanmelding"),
    )
    client = models.ForeignKey(
        "clienten.Client",
        on_delete=models.PROTECT,
        related_name="trajecten",
        verbose_name=_("cliënt"),
    )
    product = models.ForeignKey(
        "catalogi.Product",
        on_delete=models.PROTECT,
        related_name="trajecten",
        verbose_name=_("product"),
    )
    status = models.CharField(_("status"), max_length=20, choices=TrajectStatus.choices)
    geopend_op = models.DateField(_("geaccepteerd op"))
    startdatum = models.DateField(_("startdatum"), null=True, blank=True)
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    reden_beeindiging = models.CharField(
        _("reden van beëindiging"), max_length=2, choices=RedenBeeindiging.choices, blank=True
    )
    toelichting_beeindiging = models.TextField(
        _("toelichting bij de beëindiging"), max_length=4000, blank=True
    )
    # Links a request (WMO315/317) to the municipality's answer (WMO301/319); unique per provider.
    referentie_aanbieder = models.CharField(_("referentie aanbieder"), max_length=36, unique=True)

    class Meta:
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        ordering = ["-geopend_op", "-id"]
        constraints = [
            models.CheckConstraint(
                name="traject_einde_na_start",
                condition=Q(einddatum__isnull=True)
                | Q(startdatum__isnull=True)
                | Q(einddatum__gte=F("startdatum")),
            ),
            models.CheckConstraint(
                name="traject_lopend_heeft_start",
                condition=~Q(status=TrajectStatus.LOPEND) | Q(startdatum__isnull=False),
            ),
            models.CheckConstraint(
                name="traject_beeindigd_met_datum_en_reden",
                condition=~Q(status=TrajectStatus.BEEINDIGD)
                | (Q(einddatum__isnull=False) & ~Q(reden_beeindiging="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "geopend_op"], name="traject_status")]

    def __str__(self) -> str:
        return _("%(product)s voor %(client)s") % {"product": self.product, "client": self.client}


class Inzet(models.Model):
    """Who carries out a trajectory: the contract partner's own staff (no subcontractor) or a
    subcontractor of the agreement. At most one open period per trajectory; a subcontractor
    sees the client only while its period is open."""

    traject = models.ForeignKey(
        Traject, on_delete=models.CASCADE, related_name="inzetten", verbose_name=_("traject")
    )
    onderaannemer = models.ForeignKey(
        "contracten.Onderaannemer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inzetten",
        verbose_name=_("onderaannemer"),
        help_text=_("Leeg: eigen medewerkers van de hoofdaannemer of het consortium."),
    )
    team = models.CharField(_("team"), max_length=100, blank=True)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"), null=True, blank=True)
    toegewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    toegewezen_op = models.DateTimeField(_("toegewezen op"), default=timezone.now)

    class Meta:
        verbose_name = _("inzet")
        verbose_name_plural = _("inzet")
        ordering = ["traject", "van", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject"], condition=Q(tot__isnull=True), name="inzet_een_open_periode"
            ),
            models.CheckConstraint(
                name="inzet_tot_na_van", condition=Q(tot__isnull=True) | Q(tot__gte=F("van"))
            ),
        ]

    def __str__(self) -> str:
        return self.uitvoerder

    @property
    def uitvoerder(self) -> str:
        if self.onderaannemer_id:
            return str(self.onderaannemer.organisatie)
        naam = _("Eigen medewerkers")
        return f"{naam} ({self.team})" if self.team else str(naam)


class Toewijzing(models.Model):
    """A toewijzing of the municipality (a ToegewezenProduct of a WMO301) for a per-client lot.
    A later 301 with the same number replaces its state (OP087), so there is one row per number."""

    traject = models.ForeignKey(
        Traject, on_delete=models.PROTECT, related_name="toewijzingen", verbose_name=_("traject")
    )
    gemeentecode = models.CharField(_("gemeente"), max_length=4)
    nummer = models.PositiveIntegerField(
        _("toewijzingnummer"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_TOEWIJZINGNUMMER)],
    )
    product = models.ForeignKey(
        "catalogi.Product", on_delete=models.PROTECT, related_name="+", verbose_name=_("product")
    )
    ingangsdatum = models.DateField(_("ingangsdatum"))
    einddatum = models.DateField(_("einddatum"), null=True, blank=True)
    volume = models.PositiveIntegerField(
        _("volume"), validators=[MinValueValidator(1), MaxValueValidator(MAX_VOLUME)]
    )
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices)
    toewijzingsdatum = models.DateField(_("toewijzingsdatum"))
    reden_wijziging = models.CharField(_("reden wijziging"), max_length=2, blank=True)
    bericht = models.ForeignKey(
        "iwmo.Bericht",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("laatste WMO301"),
    )

    geweigerd_op = models.DateTimeField(
        _("door de aanbieder afgekeurd op"),
        null=True,
        blank=True,
        help_text=_(
            "De aanbieder keurde de WMO301 af (retour 302): geen actuele toewijzing; de gemeente "
            "geeft de toewijzing opnieuw af."
        ),
    )

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["traject", "ingangsdatum", "nummer"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeentecode", "nummer"], name="toewijzing_nummer_uniek_per_gemeente"
            ),
            models.CheckConstraint(
                name="toewijzing_einde_na_ingang",
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=F("ingangsdatum")),
            ),
        ]

    def __str__(self) -> str:
        return _("Toewijzing %(nummer)s") % {"nummer": self.nummer}

    @property
    def omvang_tekst(self) -> str:
        return (
            f"{self.volume} × {self.get_eenheid_display().lower()} {self.get_frequentie_display()}"
        )

    @property
    def is_verwijderd(self) -> bool:
        return self.reden_wijziging == "13"


class Gebeurtenis(models.Model):
    """One line of the client's timeline: every step of the work and every message."""

    traject = models.ForeignKey(
        Traject,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
        verbose_name=_("traject"),
    )
    aanmelding = models.ForeignKey(
        "clienten.Aanmelding",
        on_delete=models.CASCADE,
        related_name="gebeurtenissen",
        verbose_name=_("aanmelding"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Gebeurtenissoort.choices)
    datum = models.DateField(_("datum"))
    tijdstip = models.DateTimeField(_("vastgelegd op"), default=timezone.now)
    omschrijving = models.CharField(_("omschrijving"), max_length=500)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    bericht = models.ForeignKey(
        "clienten.Trajectbericht",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="gebeurtenissen",
    )

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["datum", "tijdstip", "id"]

    def __str__(self) -> str:
        return f"{self.datum:%d-%m-%Y} {self.get_soort_display()}"
