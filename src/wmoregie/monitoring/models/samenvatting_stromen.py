"""Summary tables of the waiting, flow/duration and outcomes dashboards (see
cijfers/samenvatting_stromen.py).

Like the other summaries they hang off a ``Cijferperiode`` and go stale with it. Every row is
one municipality × product (the filters these dashboards share with the summary) and holds only
figures that add up, so the region's figures are sums of rows: counts, sums of scores, and
histograms ({days: how many}) from which a median of any set of rows comes back exactly. Names
(product, reason, life domain) are read through the foreign keys when the page is built, and the
waiting-time norm is applied then too, so a renamed product or a changed norm needs no refresh."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .samenvatting import Cijferperiode


def _periode(related_name: str):
    return models.ForeignKey(
        Cijferperiode,
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=_("periode"),
    )


def _product(related_name: str = "+", label=None):
    return models.ForeignKey(
        "catalogi.Product",
        on_delete=models.CASCADE,
        related_name=related_name,
        verbose_name=label or _("product"),
    )


class Wachtcijfer(models.Model):
    """Referrals of one municipality and product (of the referral) started in one month of the
    period: the waiting days as a histogram ({days: starts})."""

    periode = _periode("wachtcijfers")
    gemeente = models.CharField(_("gemeente"), max_length=4)
    product = _product()
    maand = models.CharField(_("maand van de start"), max_length=7)  # "2026-03"
    dagen = models.JSONField(_("starts per aantal wachtdagen"), default=dict)

    class Meta:
        verbose_name = _("wachtcijfer")
        verbose_name_plural = _("wachtcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "gemeente", "product", "maand"], name="wachtcijfer_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente} {self.maand}"


class Weigercijfer(models.Model):
    """Refused referrals of one municipality and product referred in the period, per reason."""

    periode = _periode("weigercijfers")
    gemeente = models.CharField(_("gemeente"), max_length=4)
    product = _product()
    weigerreden = models.ForeignKey(
        "clienten.Weigerreden",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reden"),
    )
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("weigercijfer")
        verbose_name_plural = _("weigercijfers")

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente} {self.aantal}"


class Stroomcijfer(models.Model):
    """Follow-up referrals in the period of one municipality from one product to another (the
    new trajectory's product)."""

    periode = _periode("stroomcijfers")
    gemeente = models.CharField(_("gemeente"), max_length=4)
    van_product = _product(label=_("van product"))
    product = _product(label=_("naar product"))
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("stroomcijfer")
        verbose_name_plural = _("stroomcijfers")

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente} {self.van_product_id} → {self.product_id}"


class Duurcijfer(models.Model):
    """Trajectories of one municipality and product ended in the period: the days from start to
    end as a histogram, and how many were followed by a new referral of the client within 365
    days (anywhere, and in the same municipality: a municipality looks among its own). A row
    with zeros stands for a product the municipality has trajectories of (the direct route
    lists those too)."""

    periode = _periode("duurcijfers")
    gemeente = models.CharField(_("gemeente"), max_length=4)
    product = _product()
    dagen = models.JSONField(_("beëindigd per aantal dagen"), default=dict)
    beeindigd = models.PositiveIntegerField(_("beëindigd"), default=0)
    opnieuw = models.PositiveIntegerField(_("opnieuw aangemeld"), default=0)
    opnieuw_gemeente = models.PositiveIntegerField(
        _("opnieuw aangemeld in dezelfde gemeente"), default=0
    )

    class Meta:
        verbose_name = _("duurcijfer")
        verbose_name_plural = _("duurcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "gemeente", "product"], name="duurcijfer_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente} {self.product_id}"


class Uitkomstcijfer(models.Model):
    """Trajectories of one municipality and product ended in the period, per life domain: the
    start → end score pairs (count, sums, better / same / worse) and the goals by result."""

    periode = _periode("uitkomstcijfers")
    gemeente = models.CharField(_("gemeente"), max_length=4)
    product = _product()
    levensdomein = models.ForeignKey(
        "clienten.Levensdomein",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("levensdomein"),
    )
    gemeten = models.BooleanField(
        _("gemeten"), default=False, help_text=_("Een start- of eindscore in dit domein.")
    )
    aantal = models.PositiveIntegerField(_("trajecten met start- en eindscore"), default=0)
    som_start = models.PositiveIntegerField(_("som van de startscores"), default=0)
    som_eind = models.PositiveIntegerField(_("som van de eindscores"), default=0)
    verbeterd = models.PositiveIntegerField(_("verbeterd"), default=0)
    gelijk = models.PositiveIntegerField(_("gelijk"), default=0)
    verslechterd = models.PositiveIntegerField(_("verslechterd"), default=0)
    behaald = models.PositiveIntegerField(_("doelen behaald"), default=0)
    deels = models.PositiveIntegerField(_("doelen deels behaald"), default=0)
    niet = models.PositiveIntegerField(_("doelen niet behaald"), default=0)
    open = models.PositiveIntegerField(_("doelen niet beoordeeld"), default=0)

    class Meta:
        verbose_name = _("uitkomstcijfer")
        verbose_name_plural = _("uitkomstcijfers")
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "gemeente", "product", "levensdomein"],
                name="uitkomstcijfer_uniek",
            )
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente} {self.levensdomein_id}"


class Wachtstand(models.Model):
    """The referrals still waiting for their start on the day of the refresh (``peildatum``),
    counted per municipality × product × referral date (``Wachtstandrij``). Not per period: a
    figure of *now*, stale after every change to a referral or trajectory (one row)."""

    vervallen = models.BooleanField(_("verouderd"), default=True)
    peildatum = models.DateField(_("peildatum"), null=True, blank=True)
    ververst_op = models.DateTimeField(_("ververst op"), null=True, blank=True)
    duur_ms = models.PositiveIntegerField(_("duur verversen (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("stand van de wachtenden")
        verbose_name_plural = _("stand van de wachtenden")

    def __str__(self) -> str:
        return f"wachtenden op {self.peildatum} ({'verouderd' if self.vervallen else 'actueel'})"


class Wachtstandrij(models.Model):
    """Waiting referrals of one municipality and product (of the referral) referred on one day;
    ``startdatum`` is the planned start when it lies after the refresh day (they stop waiting
    then), empty for the others (they wait until a change marks the stand stale)."""

    stand = models.ForeignKey(
        Wachtstand, on_delete=models.CASCADE, related_name="rijen", verbose_name=_("stand")
    )
    gemeente = models.CharField(_("gemeente"), max_length=4)
    product = _product()
    aangemeld_op = models.DateField(_("aangemeld op"))
    startdatum = models.DateField(_("geplande start"), null=True, blank=True)
    aantal = models.PositiveIntegerField(_("aantal"))

    class Meta:
        verbose_name = _("rij van de stand van de wachtenden")
        verbose_name_plural = _("rijen van de stand van de wachtenden")

    def __str__(self) -> str:
        return f"{self.gemeente} {self.aangemeld_op}: {self.aantal}"
