"""Summary tables of the money and message-health dashboards (see cijfers/samenvatting_geld.py
and cijfers/samenvatting_berichten.py).

Like the reach and CBS summaries they hang off a ``Cijferperiode`` and go stale with it. They
are kept per municipality (and message type), the grain at which the dashboards show them, so
the region's figures are sums of rows and a scoped municipality reads its own rows. Figures
that do not add up are stored so they come back exactly: the median hours to the retour per
message type and municipality (the table's own grain), the lead times toewijzing → start as a
histogram of days, the waiting messages per answer deadline (whether one is late depends on
the day the page is looked at).

``Berichtstand`` is not per period: it holds the received claim messages that no claim refers
to yet, as they are now, and goes stale after every ingest and every change to a claim."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .samenvatting import Cijferperiode


def _som(label):
    return models.DecimalField(label, max_digits=16, decimal_places=2, default=0)


class Berichtcijfer(models.Model):
    """The messages of one type about one municipality's trajectories sent in the period."""

    periode = models.ForeignKey(
        Cijferperiode,
        on_delete=models.CASCADE,
        related_name="berichtcijfers",
        verbose_name=_("periode"),
    )
    berichttype = models.CharField(_("berichttype"), max_length=10)
    gemeente = models.CharField(_("gemeente"), max_length=4)
    aantal = models.PositiveIntegerField(_("verstuurd"))
    beantwoord = models.PositiveIntegerField(_("beantwoord"))
    afgekeurd = models.PositiveIntegerField(_("afgekeurd"))
    wacht = models.PositiveIntegerField(_("wacht op antwoord"))
    mediaan_uren = models.FloatField(_("mediaan tot retour (uur)"), null=True, blank=True)
    # {retourcode: rejected messages carrying it}
    retourcodes = models.JSONField(_("afkeur per retourcode"), default=dict)
    # {answer deadline (ISO date): messages still waiting}
    wachtend = models.JSONField(_("wachtend per uiterste antwoorddatum"), default=dict)

    class Meta:
        verbose_name = _("berichtcijfer")
        verbose_name_plural = _("berichtcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "berichttype", "gemeente"], name="berichtcijfer_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.berichttype} {self.gemeente}"


class Doorloopcijfer(models.Model):
    """Days from the first toewijzing to the start of one municipality's trajectories started
    in the period, as a histogram ({days: trajectories}) so the median comes back exactly."""

    periode = models.ForeignKey(
        Cijferperiode,
        on_delete=models.CASCADE,
        related_name="doorloopcijfers",
        verbose_name=_("periode"),
    )
    gemeente = models.CharField(_("gemeente"), max_length=4)
    dagen = models.JSONField(_("trajecten per aantal dagen"), default=dict)

    class Meta:
        verbose_name = _("doorloopcijfer")
        verbose_name_plural = _("doorloopcijfers")
        constraints = [
            models.UniqueConstraint(fields=["periode", "gemeente"], name="doorloopcijfer_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente}"


class Geldcijfer(models.Model):
    """One municipality's budget, instalments, reported spend and claims for the period."""

    periode = models.ForeignKey(
        Cijferperiode,
        on_delete=models.CASCADE,
        related_name="geldcijfers",
        verbose_name=_("periode"),
    )
    gemeente = models.CharField(_("gemeente"), max_length=4)
    heeft_budget = models.BooleanField(
        _("in de budgettabel"), default=False, help_text=_("Een budgetaandeel of besteding.")
    )
    budget = _som(_("budget (EUR)"))
    betaald = _som(_("betaalde termijnen (EUR)"))
    eigen_personeel = _som(_("besteed eigen personeel (EUR)"))
    onderaannemers = _som(_("besteed onderaannemers (EUR)"))
    heeft_declaraties = models.BooleanField(_("in de declaratietabel"), default=False)
    ingediend = models.BigIntegerField(_("gedeclareerd (eurocent)"), default=0)
    toegekend = models.BigIntegerField(_("toegekend (eurocent)"), default=0)
    afgewezen = models.BigIntegerField(_("afgewezen (eurocent)"), default=0)
    open = models.BigIntegerField(_("nog niet beantwoord (eurocent)"), default=0)

    class Meta:
        verbose_name = _("geldcijfer")
        verbose_name_plural = _("geldcijfers")
        constraints = [
            models.UniqueConstraint(fields=["periode", "gemeente"], name="geldcijfer_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente}"


class Berichtstand(models.Model):
    """The received claim messages (WMO323/325) no claim refers to, counted per municipality
    folder, type, sender and receiver: [[gemeente, berichttype, afzender, ontvanger, aantal],
    …]. One row; the dashboard applies the scope and the providers' AGB codes when reading."""

    vervallen = models.BooleanField(_("verouderd"), default=True)
    ververst_op = models.DateTimeField(_("ververst op"), null=True, blank=True)
    duur_ms = models.PositiveIntegerField(_("duur verversen (ms)"), null=True, blank=True)
    onverwerkt = models.JSONField(_("onverwerkte declaratieberichten"), default=list)

    class Meta:
        verbose_name = _("stand van de declaratieberichten")
        verbose_name_plural = _("stand van de declaratieberichten")

    def __str__(self) -> str:
        return f"declaratieberichten ({'verouderd' if self.vervallen else 'actueel'})"
