"""The values of the agreed indicators, computed from the client administration, and whether they
are on track. Each computation counts per municipality in one pass (numerator and denominator);
the region's value is the sum of the municipalities' counts, never an average of percentages.

Worked example (docs/monitoring-sturing.md): in 2026 up to 30 June, 8 trajectories started, 6
within the waiting-time norm: 6/8 = 75.0 %. Target 80 %, tolerance 10: 75.0 is within the
tolerance (70–80); 65.0 would be off track.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q

from wmoregie.clienten.constants import (
    STANDAARD_WACHTTIJDNORM_DAGEN,
    AanmeldingStatus,
    RedenBeeindiging,
    TrajectStatus,
)
from wmoregie.clienten.models import Aanmelding, Traject

from .constants import (
    HOGER_IS_BETER,
    KWALITEITSVRAAG,
    ONDERDRUKT,
    PERCENTAGE,
    Berekening,
    Koers,
    Schaal,
)

EEN_DECIMAAL = Decimal("0.1")


@dataclass(frozen=True)
class Afbakening:
    """Which work an indicator counts: one region, optionally only some agreements (the
    consortium's own work)."""

    regio_id: int
    overeenkomsten: frozenset[int] | None = None


@dataclass(frozen=True)
class Telling:
    teller: int
    noemer: int | None  # None: a count, not a share
    onderdrukt: bool = False  # too few answers to show (client experience)

    def waarde(self) -> Decimal | None:
        if self.onderdrukt:
            return None
        if self.noemer is None:
            return Decimal(self.teller)
        if not self.noemer:
            return None
        return (Decimal(self.teller) * 100 / self.noemer).quantize(EEN_DECIMAAL, ROUND_HALF_UP)

    def stap(self) -> str:
        if self.onderdrukt:
            return "te weinig antwoorden om te tonen"
        if self.noemer is None:
            return f"{self.teller}"
        if not self.noemer:
            return "geen gegevens"
        waarde = f"{self.waarde():.1f}".replace(".", ",")
        return f"{self.teller} van {self.noemer} = {waarde} %"


@dataclass
class Uitkomst:
    """The value of one indicator: the region (of the scope) and per municipality (id)."""

    totaal: Telling
    per_gemeente: dict[int, Telling] = field(default_factory=dict)


def koers(waarde: Decimal | None, streefwaarde, tolerantie, *, hoger_is_beter=True) -> str:
    """On track at or beyond the target; within the tolerance up to ``tolerantie`` short of it;
    off track beyond that. Without a value or a norm: no verdict."""
    if streefwaarde is None:
        return Koers.GEEN_NORM
    if waarde is None:
        return Koers.GEEN_GEGEVENS
    tekort = (streefwaarde - waarde) if hoger_is_beter else (waarde - streefwaarde)
    if tekort <= 0:
        return Koers.OP_KOERS
    if tekort <= tolerantie:
        return Koers.BINNEN_TOLERANTIE
    return Koers.UIT_KOERS


def _aanmeldingen(afbakening: Afbakening):
    qs = Aanmelding.objects.filter(gemeente__regio_id=afbakening.regio_id)
    if afbakening.overeenkomsten is not None:
        qs = qs.filter(overeenkomst_id__in=afbakening.overeenkomsten)
    return qs


def _trajecten(afbakening: Afbakening):
    return Traject.objects.filter(aanmelding__in=_aanmeldingen(afbakening).values("pk"))


def _tel(paren) -> Uitkomst:
    """``paren``: (gemeente id, counts as 1 in the numerator?, counts in the denominator?)."""
    teller: dict[int, int] = defaultdict(int)
    noemer: dict[int, int] = defaultdict(int)
    for gemeente, in_teller in paren:
        noemer[gemeente] += 1
        teller[gemeente] += 1 if in_teller else 0
    per_gemeente = {g: Telling(teller[g], noemer[g]) for g in noemer}
    return Uitkomst(Telling(sum(teller.values()), sum(noemer.values())), per_gemeente)


def binnen_wachttijdnorm(afbakening: Afbakening, jaar: int, peildatum: date) -> Uitkomst:
    """Of the trajectories started from 1 January up to the reference date: the share that
    started within the waiting-time norm of its product (days from referral to start)."""
    from wmoregie.clienten.selectors import wachttijdnormen

    normen = wachttijdnormen()
    rijen = _trajecten(afbakening).filter(
        startdatum__gte=date(jaar, 1, 1), startdatum__lte=peildatum
    )
    return _tel(
        (
            gemeente,
            (start - aangemeld).days
            <= (normen.get(product) or normen.get(None) or STANDAARD_WACHTTIJDNORM_DAGEN),
        )
        for gemeente, aangemeld, start, product in rijen.values_list(
            "aanmelding__gemeente_id", "aanmelding__aangemeld_op", "startdatum", "product_id"
        )
    )


def acceptatiegraad(afbakening: Afbakening, jaar: int, peildatum: date) -> Uitkomst:
    """Of the referrals decided from 1 January up to the reference date (Europe/Amsterdam
    dates): the share accepted (the duty to accept)."""
    rijen = _aanmeldingen(afbakening).filter(
        status__in=[AanmeldingStatus.GEACCEPTEERD, AanmeldingStatus.GEWEIGERD],
        besloten_op__date__gte=date(jaar, 1, 1),
        besloten_op__date__lte=peildatum,
    )
    return _tel(
        (gemeente, status == AanmeldingStatus.GEACCEPTEERD)
        for gemeente, status in rijen.values_list("gemeente_id", "status")
    )


def volgens_plan(afbakening: Afbakening, jaar: int, peildatum: date) -> Uitkomst:
    """Of the trajectories ended from 1 January up to the reference date: the share ended
    according to plan (WMO588 reason 19)."""
    rijen = _trajecten(afbakening).filter(
        status=TrajectStatus.BEEINDIGD,
        einddatum__gte=date(jaar, 1, 1),
        einddatum__lte=peildatum,
    )
    return _tel(
        (gemeente, reden == RedenBeeindiging.VOLGENS_PLAN)
        for gemeente, reden in rijen.values_list("aanmelding__gemeente_id", "reden_beeindiging")
    )


def lopende_trajecten(afbakening: Afbakening, jaar: int, peildatum: date) -> Uitkomst:
    """Trajectories started on or before the reference date and not ended before it."""
    rijen = (
        _trajecten(afbakening)
        .filter(startdatum__lte=peildatum)
        .filter(Q(einddatum__isnull=True) | Q(einddatum__gte=peildatum))
    )
    per: dict[int, int] = defaultdict(int)
    for gemeente in rijen.values_list("aanmelding__gemeente_id", flat=True):
        per[gemeente] += 1
    return Uitkomst(Telling(sum(per.values()), None), {g: Telling(n, None) for g, n in per.items()})


def clientervaring(afbakening: Afbakening, jaar: int, peildatum: date) -> Uitkomst:
    """Of the clients who answered the quality statement in that year's survey (not 'do not
    know'): the share that agrees. Cells under the survey's minimum are suppressed."""
    from ..models import Antwoord, Ervaringsonderzoek

    onderzoek = Ervaringsonderzoek.objects.filter(regio_id=afbakening.regio_id, jaar=jaar).first()
    if onderzoek is None:
        return Uitkomst(Telling(0, 0))
    rijen = Antwoord.objects.filter(
        uitnodiging__onderzoek=onderzoek,
        uitnodiging__ingevuld_op__date__lte=peildatum,
        vraag=KWALITEITSVRAAG,
    ).exclude(waarde=Schaal.WEET_NIET)
    if afbakening.overeenkomsten is not None:
        rijen = rijen.filter(
            uitnodiging__traject__aanmelding__overeenkomst_id__in=afbakening.overeenkomsten
        )
    uitkomst = _tel(
        (gemeente, waarde in (Schaal.HELEMAAL_EENS, Schaal.EENS))
        for gemeente, waarde in rijen.values_list("uitnodiging__gemeente_id", "waarde")
    )
    return onderdruk(uitkomst, onderzoek.minimum_aantal)


def onderdruk(uitkomst: Uitkomst, minimum: int) -> Uitkomst:
    """Hide small cells, and the cell a hidden one could be computed back from (as the survey's
    results do: ``ervaring.te_onderdrukken``)."""
    from .ervaring import te_onderdrukken

    gemeenten = list(uitkomst.per_gemeente)
    aantallen = [uitkomst.totaal.noemer or 0, 0, 0]
    aantallen += [uitkomst.per_gemeente[g].noemer or 0 for g in gemeenten]
    verborgen = te_onderdrukken(aantallen, minimum)

    def cel(telling: Telling, index: int) -> Telling:
        if index in verborgen:
            return Telling(telling.teller, telling.noemer, onderdrukt=True)
        return telling

    return Uitkomst(
        cel(uitkomst.totaal, 0),
        {g: cel(uitkomst.per_gemeente[g], i) for i, g in enumerate(gemeenten, start=3)},
    )


BEREKENINGEN = {
    Berekening.BINNEN_WACHTTIJDNORM: binnen_wachttijdnorm,
    Berekening.ACCEPTATIEGRAAD: acceptatiegraad,
    Berekening.VOLGENS_PLAN_BEEINDIGD: volgens_plan,
    Berekening.LOPENDE_TRAJECTEN: lopende_trajecten,
    Berekening.CLIENTERVARING: clientervaring,
}


def tekst(waarde: Decimal | None, is_percentage: bool, *, onderdrukt: bool = False) -> str:
    """A value as shown: '75,0 %', '12', '.' when suppressed, '–' without data."""
    if onderdrukt:
        return ONDERDRUKT
    if waarde is None:
        return "–"
    if is_percentage:
        return f"{waarde:.1f} %".replace(".", ",")
    return f"{waarde:g}"


@dataclass
class Stand:
    """An indicator with its norm of the year, its value and its verdict."""

    indicator: object
    jaar: int
    peildatum: date
    streefwaarde: Decimal | None
    tolerantie: Decimal | None
    uitkomst: Uitkomst

    @property
    def is_percentage(self) -> bool:
        return self.indicator.berekening in PERCENTAGE

    @property
    def waarde(self) -> Decimal | None:
        return self.uitkomst.totaal.waarde()

    def koers_van(self, telling: Telling) -> str:
        return koers(
            telling.waarde(),
            self.streefwaarde,
            self.tolerantie,
            hoger_is_beter=HOGER_IS_BETER[self.indicator.berekening],
        )

    @property
    def koers(self) -> str:
        return self.koers_van(self.uitkomst.totaal)

    def tekst_van(self, telling: Telling) -> str:
        return tekst(telling.waarde(), self.is_percentage, onderdrukt=telling.onderdrukt)

    @property
    def waarde_tekst(self) -> str:
        return self.tekst_van(self.uitkomst.totaal)

    @property
    def norm_tekst(self) -> str:
        if self.streefwaarde is None:
            return "–"
        return f"{tekst(self.streefwaarde, self.is_percentage)} (± {self.tolerantie:g})"

    @property
    def koers_label(self) -> str:
        return Koers(self.koers).label

    @property
    def uit_koers(self) -> bool:
        return self.koers == Koers.UIT_KOERS


def stand(indicator, afbakening: Afbakening, jaar: int, peildatum: date) -> Stand:
    norm = next((n for n in indicator.normen.all() if n.jaar == jaar), None)
    return Stand(
        indicator=indicator,
        jaar=jaar,
        peildatum=peildatum,
        streefwaarde=norm.streefwaarde if norm else None,
        tolerantie=norm.tolerantie if norm else None,
        uitkomst=BEREKENINGEN[indicator.berekening](afbakening, jaar, peildatum),
    )


def standen(regio_id: int, afbakening: Afbakening, jaar: int, peildatum: date) -> list[Stand]:
    from ..models import Indicator

    indicatoren = (
        Indicator.objects.filter(regio_id=regio_id, actief=True)
        .select_related("doel")
        .prefetch_related("normen")
    )
    return [stand(indicator, afbakening, jaar, peildatum) for indicator in indicatoren]
