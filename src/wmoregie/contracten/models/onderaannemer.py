"""Subcontractors: the register of one agreement and their compliance documents."""

import uuid
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import (
    GVA_GELDIGHEID_MAANDEN,
    Documentsoort,
    Documentstand,
    Onderaannemersoort,
    OnderaannemerStatus,
)
from ..datums import plus_maanden
from .overeenkomst import Overeenkomst


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
    # The Amsterdam calendar day, not the server's (UTC) date.
    aangemeld_op = models.DateField(_("aangemeld op"), default=timezone.localdate)
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
