"""The "still waiting" count of the waiting dashboard from a kept stand (``Wachtstand``).

``lezen.wachtend`` scans every referral joined to its trajectory: at national scale seconds,
on every page view. The stand keeps, as of the day it was refreshed, the waiting referrals per
municipality × product × referral date, and for the accepted ones whose trajectory starts after
that day, that start date. Nothing but a change moves a referral out of (or into) the waiting
set, except the planned start passing; so for any day on or after the refresh day the waiting
referrals are exactly the rows without a start date or with one after that day, and the norm is
applied when reading (``lezen.tel_wachtend``), as the direct route does.

Stale after every save or delete of a referral or trajectory (``signalen.py``: one UPDATE) and
after ``genereer_data``; refreshed with the stale periods (``monitoring.ververs_cijfers``, the
``ververs_cijfers`` command). Until then, for a day before the refresh day, and for a scope or
filter the rows do not tell (area team, performer, back office, subcontractor), the count is
made directly.
"""

from __future__ import annotations

import time as _time
from collections import Counter
from datetime import date

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from wmoregie.clienten.constants import AanmeldingStatus

from ..models import Wachtstand, Wachtstandrij
from . import lezen
from .feiten import Periode
from .lezen import ALLES, Cijferscope, Filter

# --- refreshing -----------------------------------------------------------------------------------


def _rijen(stand: Wachtstand, dag: date) -> list[Wachtstandrij]:
    alles = Filter(periode=Periode(dag, dag))
    groepen: Counter = Counter()
    for gemeente, product, aangemeld_op, status, start, aantal in (
        lezen.wachtende_aanmeldingen(ALLES, alles, dag)
        .order_by()
        .values("gemeente__code", "product_id", "aangemeld_op", "status", "traject__startdatum")
        .annotate(aantal=Count("pk"))
        .values_list(
            "gemeente__code",
            "product_id",
            "aangemeld_op",
            "status",
            "traject__startdatum",
            "aantal",
        )
    ):
        # an accepted referral waits for its trajectory's planned start (after ``dag``, or none
        # yet); the others wait whatever their trajectory says
        if status != AanmeldingStatus.GEACCEPTEERD:
            start = None
        groepen[(gemeente, product, aangemeld_op, start)] += aantal
    return [
        Wachtstandrij(
            stand=stand,
            gemeente=gemeente,
            product_id=product,
            aangemeld_op=aangemeld_op,
            startdatum=start,
            aantal=aantal,
        )
        for (gemeente, product, aangemeld_op, start), aantal in groepen.items()
    ]


def ververs(dag: date | None = None) -> Wachtstand:
    """Recount the referrals waiting on ``dag`` (today)."""
    begin = _time.monotonic()
    dag = dag or timezone.localdate()
    with transaction.atomic():
        # lock the row: a change marking it stale meanwhile waits and marks it again after
        stand = Wachtstand.objects.select_for_update().order_by("pk").first()
        if stand is None:
            stand = Wachtstand.objects.create()
        stand.vervallen = False
        stand.save(update_fields=["vervallen"])
        Wachtstandrij.objects.filter(stand=stand).delete()
        Wachtstandrij.objects.bulk_create(_rijen(stand, dag), batch_size=5_000)
        stand.peildatum = dag
        stand.ververst_op = timezone.now()
        stand.duur_ms = int((_time.monotonic() - begin) * 1000)
        stand.save(update_fields=["peildatum", "ververst_op", "duur_ms"])
    return stand


def markeer() -> int:
    """Mark the stand stale (a referral or trajectory changed): one UPDATE, no lookups."""
    return Wachtstand.objects.filter(vervallen=False).update(vervallen=True)


def ververs_als_vervallen() -> Wachtstand | None:
    if Wachtstand.objects.filter(vervallen=False).exists():
        return None
    return ververs()


# --- reading --------------------------------------------------------------------------------------


def past(scope: Cijferscope, filter_: Filter) -> bool:
    """Whether the rows answer this scope and filter exactly: the region or municipalities,
    with or without a municipality or product filter, no area team or performer filter."""
    if filter_.gebiedsteam or filter_.onderaannemer is not None:
        return False
    if scope.alles:
        return True
    return bool(scope.gemeenten) and not scope.consortia and not scope.onderaannemers


def uit_stand(scope: Cijferscope, filter_: Filter, peildatum: date) -> tuple[int, int] | None:
    """``lezen.wachtend`` from the stand, or None when it cannot answer exactly (stale, refreshed
    after ``peildatum``, or a scope or filter the rows do not tell)."""
    if not past(scope, filter_):
        return None
    stand = (
        Wachtstand.objects.filter(vervallen=False, peildatum__lte=peildatum).order_by("pk").first()
    )
    if stand is None:
        return None
    q = Q(stand=stand) & (Q(startdatum__isnull=True) | Q(startdatum__gt=peildatum))
    q &= lezen.cellen_in_scope(scope, filter_)
    return lezen.tel_wachtend(
        Wachtstandrij.objects.filter(q)
        .order_by()
        .values("aangemeld_op", "product_id")
        .annotate(n=Sum("aantal"))
        .values_list("aangemeld_op", "product_id", "n"),
        peildatum,
    )


def wachtend(scope: Cijferscope, filter_: Filter, peildatum: date) -> tuple[int, int]:
    """(still waiting on ``peildatum``, of which over the norm): from the stand when it answers,
    else directly (``lezen.wachtend``); the same figures either way."""
    uitkomst = uit_stand(scope, filter_, peildatum)
    return uitkomst if uitkomst is not None else lezen.wachtend(scope, filter_, peildatum)
