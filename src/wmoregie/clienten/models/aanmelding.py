"""A referral: an area team or municipality asks the contract partner to support a resident."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import AanmeldingStatus


class Aanmelding(models.Model):
    client = models.ForeignKey(
        "clienten.Client",
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
        verbose_name=_("cliënt"),
    )
    gemeente = models.ForeignKey(
        "catalogi.Gemeente",
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
        verbose_name=_("gemeente"),
        help_text=_("De gemeente die verantwoordelijk is (het woonplaatsbeginsel)."),
    )
    gebiedsteam = models.ForeignKey(
        "catalogi.Gebiedsteam",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanmeldingen",
        verbose_name=_("gebiedsteam"),
    )
    product = models.ForeignKey(
        "catalogi.Product",
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
        verbose_name=_("gevraagd product"),
    )
    overeenkomst = models.ForeignKey(
        "contracten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
        verbose_name=_("overeenkomst"),
        help_text=_("De overeenkomst van het perceel van het product: wie de cliënt ontvangt."),
    )
    bron = models.ForeignKey(
        "clienten.Verwijsbron",
        on_delete=models.PROTECT,
        related_name="aanmeldingen",
        verbose_name=_("verwijsbron"),
    )
    vraag = models.TextField(_("hulpvraag"), max_length=4000)
    urgent = models.BooleanField(_("urgent"), default=False)
    aangemeld_op = models.DateField(_("aangemeld op"))
    aangemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AanmeldingStatus.choices,
        default=AanmeldingStatus.AANGEMELD,
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    weigerreden = models.ForeignKey(
        "clienten.Weigerreden",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aanmeldingen",
        verbose_name=_("reden van weigering"),
    )
    weigering_toelichting = models.TextField(
        _("onderbouwing van de weigering"), max_length=4000, blank=True
    )
    vorig_traject = models.ForeignKey(
        "clienten.Traject",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vervolgaanmeldingen",
        verbose_name=_("vervolg op traject"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["-aangemeld_op", "-id"]
        constraints = [
            models.CheckConstraint(
                name="aanmelding_weigering_onderbouwd",
                condition=~Q(status=AanmeldingStatus.GEWEIGERD)
                | (Q(weigerreden__isnull=False) & ~Q(weigering_toelichting="")),
            ),
        ]
        indexes = [models.Index(fields=["status", "aangemeld_op"], name="aanmelding_status")]

    def __str__(self) -> str:
        return _("Aanmelding %(nummer)s") % {"nummer": self.pk}
