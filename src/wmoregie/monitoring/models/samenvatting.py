"""Summary tables the dashboards read from at scale (see cijfers/samenvatting.py).

A ``Cijferperiode`` is one summarised period (a month, quarter, half year, year or the year to
date). Its ``Bereikcijfer`` rows hold the reach figures per municipality × product × performer,
with "all" of each dimension as well (a cube), and its ``Cbscijfer`` rows the CBS counts per
municipality and for the region (half years only). A change to a trajectory, referral, client
or deployment marks the periods it touches as stale (``vervallen``); until they are refreshed
the dashboards compute those periods directly, so a figure is never out of date."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cijferperiode(models.Model):
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    cbs = models.BooleanField(_("met CBS-cijfers"), default=False)
    vervallen = models.BooleanField(_("verouderd"), default=True)
    ververst_op = models.DateTimeField(_("ververst op"), null=True, blank=True)
    duur_ms = models.PositiveIntegerField(_("duur verversen (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("samengevatte periode")
        verbose_name_plural = _("samengevatte perioden")
        ordering = ["van", "tot"]
        constraints = [
            models.UniqueConstraint(fields=["van", "tot"], name="cijferperiode_uniek"),
            models.CheckConstraint(
                name="cijferperiode_volgorde", condition=models.Q(tot__gte=models.F("van"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.van:%d-%m-%Y} t/m {self.tot:%d-%m-%Y}"


class Bereikcijfer(models.Model):
    """Reach of one cell of the cube; an empty dimension means "all"."""

    periode = models.ForeignKey(
        Cijferperiode, on_delete=models.CASCADE, related_name="bereik", verbose_name=_("periode")
    )
    alle_gemeenten = models.BooleanField(default=False)
    gemeente = models.CharField(_("gemeente"), max_length=4, blank=True)
    alle_producten = models.BooleanField(default=False)
    product = models.ForeignKey(
        "catalogi.Product", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    alle_uitvoerders = models.BooleanField(default=False)
    uitvoerder = models.CharField(
        _("uitvoerder"), max_length=200, blank=True, help_text=_("Leeg: eigen medewerkers.")
    )
    unieke_clienten = models.PositiveIntegerField()
    instroom = models.PositiveIntegerField()
    uitstroom = models.PositiveIntegerField()
    in_zorg = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("bereikcijfer")
        verbose_name_plural = _("bereikcijfers")
        indexes = [
            models.Index(
                fields=["periode", "alle_gemeenten", "alle_producten", "alle_uitvoerders"],
                name="bereikcijfer_kubus",
            )
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente or 'alle'} / {self.product_id or 'alle'}"


class Cbscijfer(models.Model):
    """The unpublished CBS counts of one municipality (``gemeente`` empty: the region)."""

    periode = models.ForeignKey(
        Cijferperiode,
        on_delete=models.CASCADE,
        related_name="cbs_cijfers",
        verbose_name=_("periode"),
    )
    gemeente = models.CharField(_("gemeente"), max_length=4, blank=True)
    clienten = models.PositiveIntegerField()
    voorzieningen = models.PositiveIntegerField()
    uitsplitsingen = models.JSONField(default=list)  # [[titel, [[label, aantal], …]], …]

    class Meta:
        verbose_name = _("CBS-cijfer")
        verbose_name_plural = _("CBS-cijfers")
        constraints = [
            models.UniqueConstraint(fields=["periode", "gemeente"], name="cbscijfer_uniek")
        ]

    def __str__(self) -> str:
        return f"{self.periode}: {self.gemeente or 'regio'}"
