"""The iWmo messages of a trajectory and the monthly claims, linked to the stored messages of
the exchange (``iwmo.Bericht``). The exchange knows nothing of trajectories; these rows do."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wmoregie.catalogi.constants import Eenheid

from ..constants import Antwoordstatus, Berichtrichting, PrestatieStatus


class Trajectbericht(models.Model):
    """One message about a trajectory (315, 301, 319, 305, 307, 317) and how it was answered.

    ``bericht`` is the stored message. When the receiving side runs in wmoregie, that row
    also holds the retour it made; a retour that arrives later through the exchange folders
    is ``retour``.
    """

    traject = models.ForeignKey(
        "clienten.Traject",
        on_delete=models.CASCADE,
        related_name="berichten",
        verbose_name=_("traject"),
    )
    bericht = models.ForeignKey(
        "iwmo.Bericht",
        on_delete=models.PROTECT,
        related_name="trajectberichten",
        verbose_name=_("bericht"),
    )
    berichttype = models.CharField(_("berichttype"), max_length=10)
    richting = models.CharField(_("richting"), max_length=20, choices=Berichtrichting.choices)
    antwoordstatus = models.CharField(
        _("antwoord"), max_length=20, choices=Antwoordstatus.choices, default=Antwoordstatus.WACHT
    )
    retourcodes = models.CharField(_("retourcodes"), max_length=400, blank=True)
    # ReferentieAanbieder of a request (315/317), or of the request a 301/319 answers.
    referentie = models.CharField(_("referentie aanbieder"), max_length=36, blank=True)
    verzoek_afgehandeld = models.BooleanField(
        _("verzoek afgehandeld"),
        default=False,
        help_text=_("Een verzoek (WMO315/317) waarop de gemeente met een 301 of 319 antwoordde."),
    )
    retour = models.ForeignKey(
        "iwmo.Bericht",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beantwoordt_trajectberichten",
        verbose_name=_("ontvangen retour"),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    verbeterd_door = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="verbetert",
        verbose_name=_("verbeterd door"),
    )
    verzonden_op = models.DateTimeField(_("verzonden op"), default=timezone.now)
    verzonden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("trajectbericht")
        verbose_name_plural = _("trajectberichten")
        ordering = ["traject", "verzonden_op", "id"]
        indexes = [models.Index(fields=["antwoordstatus"], name="trajectbericht_antwoord")]
        constraints = [
            # A 301 carries every toewijzing of the client at the provider: one message can
            # concern several trajectories, but each only once.
            models.UniqueConstraint(fields=["traject", "bericht"], name="trajectbericht_uniek"),
        ]

    def __str__(self) -> str:
        return f"{self.berichttype.upper()} ({self.get_antwoordstatus_display()})"

    @property
    def vraagt_actie(self) -> bool:
        return self.antwoordstatus == Antwoordstatus.AFGEKEURD


class Declaratie(models.Model):
    """A monthly claim (WMO323) of the provider to one municipality, and its answer (WMO325)."""

    gemeente = models.ForeignKey(
        "catalogi.Gemeente", on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    overeenkomst = models.ForeignKey(
        "contracten.Overeenkomst",
        on_delete=models.PROTECT,
        related_name="declaraties",
        verbose_name=_("overeenkomst"),
    )
    nummer = models.CharField(_("declaratienummer"), max_length=12, unique=True)
    periode_van = models.DateField(_("periode van"))
    periode_tot = models.DateField(_("periode tot en met"))
    ingediend_bedrag = models.BigIntegerField(_("ingediend (eurocent)"))
    toegekend_bedrag = models.BigIntegerField(_("toegekend (eurocent)"), null=True, blank=True)
    bericht = models.OneToOneField(
        "iwmo.Bericht",
        on_delete=models.PROTECT,
        related_name="declaratie",
        verbose_name=_("WMO323"),
    )
    antwoord = models.OneToOneField(
        "iwmo.Bericht",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="beantwoordt_declaratie",
        verbose_name=_("ontvangen WMO325"),
    )
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    ingediend_op = models.DateTimeField(_("ingediend op"), default=timezone.now)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("declaratie")
        verbose_name_plural = _("declaraties")
        ordering = ["-periode_van", "gemeente__naam", "-id"]

    def __str__(self) -> str:
        return _("Declaratie %(nummer)s") % {"nummer": self.nummer}

    @property
    def is_beantwoord(self) -> bool:
        return self.toegekend_bedrag is not None


class Prestatie(models.Model):
    """One claimed delivery (a Prestatie of the 323) for one trajectory and toewijzing."""

    declaratie = models.ForeignKey(
        Declaratie,
        on_delete=models.CASCADE,
        related_name="prestaties",
        verbose_name=_("declaratie"),
    )
    traject = models.ForeignKey(
        "clienten.Traject",
        on_delete=models.PROTECT,
        related_name="prestaties",
        verbose_name=_("traject"),
    )
    toewijzing = models.ForeignKey(
        "clienten.Toewijzing",
        on_delete=models.PROTECT,
        related_name="prestaties",
        verbose_name=_("toewijzing"),
    )
    referentienummer = models.CharField(_("referentienummer"), max_length=36, unique=True)
    vorige = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="creditering",
        verbose_name=_("crediteert"),
    )
    # A refused line is corrected at most once: the correction points back to it (unique).
    correctie_van = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="correctie",
        verbose_name=_("corrigeert"),
    )
    periode_van = models.DateField(_("periode van"))
    periode_tot = models.DateField(_("periode tot en met"))
    volume = models.PositiveIntegerField(_("geleverd volume"))
    eenheid = models.CharField(_("eenheid"), max_length=2, choices=Eenheid.choices)
    tarief = models.PositiveBigIntegerField(_("tarief (eurocent)"))
    bedrag = models.PositiveBigIntegerField(_("bedrag (eurocent)"))
    credit = models.BooleanField(_("credit"), default=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PrestatieStatus.choices,
        default=PrestatieStatus.INGEDIEND,
    )
    retourcodes = models.CharField(_("retourcodes"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("prestatie")
        verbose_name_plural = _("prestaties")
        ordering = ["declaratie", "traject", "periode_van"]
        constraints = [
            models.CheckConstraint(
                name="prestatie_credit_verwijst",
                condition=Q(credit=False, vorige__isnull=True)
                | Q(credit=True, vorige__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.referentienummer
