"""Stored iWmo messages, their findings and retours, the layer-3 history and the variants.

The library (``berichten/``, ``validatie/``, ``retour.py``) has no Django; this module and
:mod:`.uitwisseling` connect it to the database.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Bekostigingsvariant


class Berichtafspraak(models.Model):
    """Which uitvoeringsvariant (and so which messages) a gemeente uses with an aanbieder.

    Taakgericht: only the optional 305/307, without ToewijzingNummer. Inspannings- and
    outputgericht: the full flow. Without an agreement the exchange uses inspanningsgericht.
    An empty ``aanbieder`` is the default of the gemeente.
    """

    gemeente = models.CharField(_("gemeentecode"), max_length=4)
    aanbieder = models.CharField(
        _("AGB-code aanbieder"), max_length=8, blank=True, help_text=_("Leeg: alle aanbieders.")
    )
    perceel = models.ForeignKey(
        "catalogi.Perceel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="berichtafspraken",
        verbose_name=_("perceel"),
    )
    variant = models.CharField(
        _("uitvoeringsvariant"), max_length=20, choices=Bekostigingsvariant.choices
    )

    class Meta:
        verbose_name = _("berichtafspraak")
        verbose_name_plural = _("berichtafspraken")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "aanbieder"], name="iwmo_berichtafspraak_uniek"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gemeente}/{self.aanbieder or '*'}: {self.get_variant_display()}"

    def clean(self) -> None:
        if self.perceel_id and self.variant and self.perceel.bekostigingsvariant != self.variant:
            raise ValidationError(
                {
                    "variant": _(
                        "De variant moet gelijk zijn aan de bekostigingsvariant van het perceel."
                    )
                },
                code="variant-past-niet-bij-perceel",
            )


class BerichtStatus(models.TextChoices):
    GEACCEPTEERD = "geaccepteerd", _("Geaccepteerd")
    AFGEKEURD = "afgekeurd", _("Afgekeurd")
    ONLEESBAAR = "onleesbaar", _("Onleesbaar (geen retour mogelijk)")
    GEWEIGERD = "geweigerd", _("Geweigerd bij ontvangst: voldoet niet aan het XSD (geen retour)")
    NIET_BEANTWOORD = "niet-beantwoord", _("Retour ongeldig, niet verstuurd")
    RETOUR = "retour", _("Retourbericht ontvangen")
    VERZONDEN = "verzonden", _("Verzonden (eigen bericht)")


class Bericht(models.Model):
    """One incoming file, with its retour. Processed exactly once per sender and Identificatie."""

    gemeente = models.CharField(_("gemeente (uitwisselmap)"), max_length=4, db_index=True)
    sleutel = models.CharField(
        _("sleutel"),
        max_length=100,
        help_text=_("Afzender/BerichtCode/Identificatie, of sha256 van een onleesbaar bestand."),
    )
    berichttype = models.CharField(_("berichttype"), max_length=10, blank=True)
    afzender = models.CharField(_("afzender"), max_length=20, blank=True)
    ontvanger = models.CharField(_("ontvanger"), max_length=20, blank=True)
    identificatie = models.CharField(_("identificatie"), max_length=40, blank=True)
    dagtekening = models.DateField(_("dagtekening"), null=True, blank=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    inhoud = models.BinaryField(_("inhoud"))
    inhoud_sha256 = models.CharField(_("sha256 van de inhoud"), max_length=64)
    status = models.CharField(_("status"), max_length=20, choices=BerichtStatus.choices)
    variant = models.CharField(
        _("uitvoeringsvariant"), max_length=20, choices=Bekostigingsvariant.choices, blank=True
    )
    dubbel_van = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dubbelen",
        verbose_name=_("zelfde identificatie als"),
        help_text=_("Een ander bericht met dezelfde afzender en Identificatie (TR056)."),
    )
    retour_xml = models.BinaryField(_("retourbericht"), null=True, blank=True)
    retour_bestandsnaam = models.CharField(_("retourbestand"), max_length=255, blank=True)
    retourcodes = models.CharField(_("retourcodes"), max_length=400, blank=True)
    retour_geschreven_op = models.DateTimeField(_("retour in outbox gezet"), null=True, blank=True)
    ontvangen_op = models.DateTimeField(_("ontvangen op"), auto_now_add=True)
    inhoud_verwijderd_op = models.DateTimeField(
        _("inhoud verwijderd op"),
        null=True,
        blank=True,
        help_text=_(
            "Na de bewaartermijn: inhoud, retour en meldingen weg, de metagegevens blijven."
        ),
    )

    class Meta:
        verbose_name = _("iWmo-bericht")
        verbose_name_plural = _("iWmo-berichten")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            # Idempotency: one message per sender, BerichtCode and Identificatie (a different
            # file with the same Identificatie is stored as a TR056 duplicate, dubbel_van set).
            models.UniqueConstraint(
                fields=["sleutel"],
                condition=Q(dubbel_van__isnull=True),
                name="iwmo_bericht_eenmaal_verwerkt",
            ),
        ]
        indexes = [
            # The partial unique index above does not serve plain lookups by key.
            models.Index(fields=["sleutel"], name="iwmo_bericht_sleutel"),
            models.Index(fields=["afzender", "identificatie"], name="iwmo_bericht_afzender_id"),
        ]

    def __str__(self) -> str:
        return f"{self.berichttype or '?'} {self.afzender} {self.identificatie} ({self.status})"


class Bevinding(models.Model):
    """A finding of the validation of a stored message (all layers)."""

    bericht = models.ForeignKey(
        Bericht, on_delete=models.CASCADE, related_name="bevindingen", verbose_name=_("bericht")
    )
    regel = models.CharField(_("regel"), max_length=20)
    xpath = models.CharField(_("XPath"), max_length=500)
    melding = models.TextField(_("melding"))
    ernst = models.CharField(_("ernst"), max_length=20)
    retourcode = models.CharField(_("retourcode"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("bevinding")
        verbose_name_plural = _("bevindingen")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"[{self.regel}] {self.xpath}"


class Feit(models.Model):
    """A fact of the layer-3 history (toewijzing, levering, referentie, declaratie)."""

    soort = models.CharField(_("soort"), max_length=20)
    sleutel = models.CharField(_("sleutel"), max_length=200)
    gemeente = models.CharField(_("gemeente"), max_length=4, blank=True)
    aanbieder = models.CharField(_("aanbieder"), max_length=8, blank=True)
    bsn = models.CharField(_("BSN"), max_length=9, blank=True)
    gegevens = models.JSONField(_("gegevens"), default=dict)

    class Meta:
        verbose_name = _("historiefeit")
        verbose_name_plural = _("historiefeiten")
        constraints = [
            models.UniqueConstraint(fields=["soort", "sleutel"], name="iwmo_feit_uniek"),
        ]
        indexes = [
            models.Index(fields=["gemeente", "aanbieder", "bsn"], name="iwmo_feit_client"),
        ]

    def __str__(self) -> str:
        return f"{self.soort} {self.sleutel}"
