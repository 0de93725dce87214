"""What the EU notices of a procedure need beyond the procedure itself, and the versions handed
out. Imported by ``aanbestedingen.models`` so Django finds them in this app."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Soort


class EformsGegevens(models.Model):
    """The values of a procedure that only its EU notices ask for."""

    aanbesteding = models.OneToOneField(
        "aanbestedingen.Aanbesteding", on_delete=models.CASCADE, related_name="eforms"
    )
    #: BT-04, the procedure identifier shared by all notices of the procedure.
    procedure_id = models.UUIDField(
        _("procedure-identificatie (eForms)"), default=uuid.uuid4, unique=True, editable=False
    )
    platform_url = models.URLField(
        _("adres van de aanbestedingsstukken"),
        blank=True,
        help_text=_(
            "Waar gegadigden de stukken vinden, vragen stellen en zich aanmelden, bijvoorbeeld de "
            "pagina van de aanbesteding op TenderNed."
        ),
    )
    geraamde_waarde = models.DecimalField(
        _("geraamde waarde (euro, excl. btw)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Over de hele looptijd, met verlengingen."),
    )
    looptijd_maanden = models.PositiveSmallIntegerField(
        _("looptijd (maanden)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text=_("Zonder verlengingen, vanaf de start van de overeenkomst."),
    )

    #: BT-809 per selection requirement or criterion: {"eis-<id>" | "sel-<id>": "slc-…"}.
    criteriumsoorten = models.JSONField(_("soort per selectiecriterium"), default=dict, blank=True)
    #: Per party that tendered, what the award notice states of it and the procedure does not
    #: hold: {"<partij id>": {"omvang": "micro" | "small" | "medium" | "large" (BT-165),
    #: "nuts": "NL350" (BT-507)}}.
    partijgegevens = models.JSONField(_("gegevens per partij"), default=dict, blank=True)

    class Meta:
        verbose_name = _("eForms-gegevens")
        verbose_name_plural = _("eForms-gegevens")

    def __str__(self) -> str:
        return f"eForms-gegevens {self.aanbesteding.kenmerk}"


class Aankondiging(models.Model):
    """One EU notice of a procedure: its identifier stays, each correction is a new version."""

    aanbesteding = models.ForeignKey(
        "aanbestedingen.Aanbesteding", on_delete=models.CASCADE, related_name="aankondigingen"
    )
    soort = models.CharField(_("soort"), max_length=3, choices=Soort.choices)
    #: BT-701, the notice identifier.
    notice_id = models.UUIDField(
        _("identificatie"), default=uuid.uuid4, unique=True, editable=False
    )

    class Meta:
        verbose_name = _("EU-aankondiging")
        verbose_name_plural = _("EU-aankondigingen")
        constraints = [
            models.UniqueConstraint(
                fields=["aanbesteding", "soort"], name="aankondiging_een_per_soort"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.aanbesteding.kenmerk}"


class Aankondigingsversie(models.Model):
    """A version as handed out (downloaded): the XML is kept exactly as it left the system."""

    aankondiging = models.ForeignKey(Aankondiging, on_delete=models.CASCADE, related_name="versies")
    #: BT-757, written with two digits.
    versie = models.PositiveSmallIntegerField(
        _("versie"), validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    #: SHA-256 of the content without its version and moment of issue: the same content is the
    #: same version, changed content a new one.
    vingerafdruk = models.CharField(_("vingerafdruk"), max_length=64)
    xml = models.TextField(_("XML"))
    uitgegeven_op = models.DateTimeField(_("uitgegeven op"))
    uitgegeven_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("versie van een EU-aankondiging")
        verbose_name_plural = _("versies van EU-aankondigingen")
        ordering = ["aankondiging", "versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["aankondiging", "versie"], name="aankondigingsversie_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.aankondiging} versie {self.versie:02d}"
