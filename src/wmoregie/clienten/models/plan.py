"""The support plan: goals per life domain, agreed intensity, reviews and outcome scores."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Eenheid

from ..constants import Doelresultaat, Frequentie, Meetmoment
from .traject import MAX_VOLUME


class Ondersteuningsplan(models.Model):
    traject = models.OneToOneField(
        "clienten.Traject",
        on_delete=models.CASCADE,
        related_name="plan",
        verbose_name=_("traject"),
    )
    meetinstrument = models.ForeignKey(
        "clienten.Meetinstrument",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("meetinstrument"),
    )
    volume = models.PositiveIntegerField(
        _("intensiteit"), validators=[MinValueValidator(1), MaxValueValidator(MAX_VOLUME)]
    )
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices)
    frequentie = models.CharField(_("frequentie"), max_length=1, choices=Frequentie.choices)
    afspraken = models.TextField(_("afspraken"), max_length=4000, blank=True)
    vastgesteld_op = models.DateField(_("vastgesteld op"))
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("ondersteuningsplan")
        verbose_name_plural = _("ondersteuningsplannen")

    def __str__(self) -> str:
        return _("Plan bij %(traject)s") % {"traject": self.traject}

    @property
    def intensiteit_tekst(self) -> str:
        return (
            f"{self.volume} × {self.get_eenheid_display().lower()} {self.get_frequentie_display()}"
        )


class Doel(models.Model):
    plan = models.ForeignKey(
        Ondersteuningsplan, on_delete=models.CASCADE, related_name="doelen", verbose_name=_("plan")
    )
    levensdomein = models.ForeignKey(
        "clienten.Levensdomein",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("levensdomein"),
    )
    omschrijving = models.CharField(_("doel"), max_length=500)
    resultaat = models.CharField(
        _("resultaat"), max_length=10, choices=Doelresultaat.choices, blank=True
    )

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["plan", "levensdomein__volgorde", "id"]

    def __str__(self) -> str:
        return self.omschrijving


class Meetronde(models.Model):
    """The scores of one moment (start, a review, the end) over the plan's life domains."""

    traject = models.ForeignKey(
        "clienten.Traject",
        on_delete=models.CASCADE,
        related_name="meetrondes",
        verbose_name=_("traject"),
    )
    moment = models.CharField(_("moment"), max_length=10, choices=Meetmoment.choices)
    datum = models.DateField(_("datum"))
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        verbose_name = _("meetronde")
        verbose_name_plural = _("meetrondes")
        ordering = ["traject", "datum", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["traject"],
                condition=Q(moment=Meetmoment.START),
                name="meetronde_een_start",
            ),
            models.UniqueConstraint(
                fields=["traject"], condition=Q(moment=Meetmoment.EIND), name="meetronde_een_eind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()} {self.datum:%d-%m-%Y}"


class Score(models.Model):
    meetronde = models.ForeignKey(
        Meetronde, on_delete=models.CASCADE, related_name="scores", verbose_name=_("meetronde")
    )
    levensdomein = models.ForeignKey(
        "clienten.Levensdomein",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("levensdomein"),
    )
    waarde = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["meetronde", "levensdomein__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["meetronde", "levensdomein"], name="score_een_per_domein"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.levensdomein}: {self.waarde}"


class Evaluatie(models.Model):
    """A planned review of the plan; held when its scores are recorded."""

    traject = models.ForeignKey(
        "clienten.Traject",
        on_delete=models.CASCADE,
        related_name="evaluaties",
        verbose_name=_("traject"),
    )
    gepland_op = models.DateField(_("gepland op"))
    meetronde = models.OneToOneField(
        Meetronde,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluatie",
        verbose_name=_("meetronde"),
    )

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["traject", "gepland_op"]

    def __str__(self) -> str:
        return _("Evaluatie %(datum)s") % {"datum": self.gepland_op.strftime("%d-%m-%Y")}

    @property
    def gehouden(self) -> bool:
        return self.meetronde_id is not None
