"""Keep the summary tables honest: a change to what the reach, CBS, waiting, flow and outcome
figures are made of marks the periods it touches as stale, and after the commit the stale periods are recomputed in the
background (``monitoring.ververs_cijfers``). Until then the dashboards compute those periods
directly (cijfers/samenvatting.py). Every save or delete of a referral or trajectory also marks
the kept "still waiting" stand stale (cijfers/wachtstand.py)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Min
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from wmoregie.clienten.models import (
    Aanmelding,
    Client,
    Doel,
    Inzet,
    Meetronde,
    Ondersteuningsplan,
    Score,
    Traject,
)

from .cijfers import samenvatting, wachtstand
from .cijfers.doorstroom import HERINSTROOM_DAGEN
from .models import Cijferperiode


def _na_commit() -> None:
    from .tasks import ververs_cijfers

    transaction.on_commit(ververs_cijfers.delay)


def er_is_iets_actueel() -> bool:
    """Is any period summarised and fresh? Only then can a change make something stale."""
    return Cijferperiode.objects.filter(vervallen=False).exists()


def opgeslagen(instance, veld: str):
    """The stored value of ``veld`` before a save (for ``pre_save``: a date moved later leaves
    the periods of its old date); ``None`` for a new row or when nothing is fresh to mark."""
    if instance.pk is None or not er_is_iets_actueel():
        return None
    return type(instance).objects.filter(pk=instance.pk).values_list(veld, flat=True).first()


def _markeer_vanaf(*data) -> None:
    """Stale from the earliest of ``data`` on (an end date may have moved either way)."""
    bekend = [d for d in data if d is not None]
    if not bekend or not er_is_iets_actueel():
        return
    if samenvatting.markeer(min(bekend), None):
        _na_commit()


@receiver([post_save, post_delete], sender=Aanmelding, dispatch_uid="monitoring-wachtstand-a")
@receiver([post_save, post_delete], sender=Traject, dispatch_uid="monitoring-wachtstand-t")
def wachtstand_gewijzigd(sender, instance, **kwargs) -> None:
    """Who is still waiting may have changed: the kept stand is stale (one UPDATE)."""
    if wachtstand.markeer():
        _na_commit()


@receiver([post_save, post_delete], sender=Traject, dispatch_uid="monitoring-traject")
def traject_gewijzigd(sender, instance: Traject, **kwargs) -> None:
    if not er_is_iets_actueel():
        return  # nothing summarised (fresh) to mark
    aangemeld, gemeente = (
        Aanmelding.objects.filter(pk=instance.aanmelding_id)
        .values_list("aangemeld_op", "gemeente_id")
        .first()
    ) or (None, None)
    anderen = Traject.objects.exclude(pk=instance.pk)
    if not anderen.filter(
        product_id=instance.product_id, aanmelding__gemeente_id=gemeente
    ).exists():
        # the first (or last) trajectory of this product in the municipality: the reach and
        # duration tables of every period list the product (with zeros where nothing happened)
        if samenvatting.markeer(None, None):
            _na_commit()
        return
    # a new referral of the client may make an earlier trajectory ended within the year before
    # it a re-entry (doorstroom): the periods of that end are touched too
    eerder = None
    if aangemeld is not None:
        eerder = anderen.filter(
            client_id=instance.client_id,
            einddatum__gte=aangemeld - timedelta(days=HERINSTROOM_DAGEN),
            einddatum__lt=aangemeld,
        ).aggregate(m=Min("einddatum"))["m"]
    _markeer_vanaf(aangemeld, instance.geopend_op, instance.startdatum, instance.einddatum, eerder)


@receiver(pre_save, sender=Aanmelding, dispatch_uid="monitoring-aanmelding-voor")
def aanmelding_voor_opslaan(sender, instance: Aanmelding, **kwargs) -> None:
    """Remember the stored referral date: a referral moved later leaves its earlier periods."""
    instance._monitoring_vorige_datum = opgeslagen(instance, "aangemeld_op")


@receiver([post_save, post_delete], sender=Aanmelding, dispatch_uid="monitoring-aanmelding")
def aanmelding_gewijzigd(sender, instance: Aanmelding, **kwargs) -> None:
    """Also a referral without a trajectory: the waiting figures count refusals and starts."""
    _markeer_vanaf(instance.aangemeld_op, getattr(instance, "_monitoring_vorige_datum", None))


@receiver(post_save, sender=Client, dispatch_uid="monitoring-client")
def client_gewijzigd(sender, instance: Client, created: bool, **kwargs) -> None:
    if created:
        return
    data = Traject.objects.filter(client_id=instance.pk).values_list("startdatum", "einddatum")
    _markeer_vanaf(*(d for paar in data for d in paar))


@receiver([post_save, post_delete], sender=Inzet, dispatch_uid="monitoring-inzet")
def inzet_gewijzigd(sender, instance: Inzet, **kwargs) -> None:
    data = Traject.objects.filter(pk=instance.traject_id).values_list("startdatum", "einddatum")
    _markeer_vanaf(instance.van, instance.tot, *(d for paar in data for d in paar))


def _markeer_einde(traject_id: int | None) -> None:
    """The outcomes of a trajectory count in the periods of its end."""
    if traject_id is None or not er_is_iets_actueel():
        return
    einde = Traject.objects.filter(pk=traject_id).values_list("einddatum", flat=True).first()
    _markeer_vanaf(einde)


@receiver([post_save, post_delete], sender=Meetronde, dispatch_uid="monitoring-meetronde")
def meetronde_gewijzigd(sender, instance: Meetronde, **kwargs) -> None:
    _markeer_einde(instance.traject_id)


@receiver([post_save, post_delete], sender=Score, dispatch_uid="monitoring-score")
def score_gewijzigd(sender, instance: Score, **kwargs) -> None:
    traject = Meetronde.objects.filter(pk=instance.meetronde_id).values_list(
        "traject_id", flat=True
    )
    _markeer_einde(traject.first())


@receiver([post_save, post_delete], sender=Doel, dispatch_uid="monitoring-doel")
def doel_gewijzigd(sender, instance: Doel, **kwargs) -> None:
    traject = Ondersteuningsplan.objects.filter(pk=instance.plan_id).values_list(
        "traject_id", flat=True
    )
    _markeer_einde(traject.first())


@receiver(post_delete, sender=Ondersteuningsplan, dispatch_uid="monitoring-plan")
def plan_verwijderd(sender, instance: Ondersteuningsplan, **kwargs) -> None:
    _markeer_einde(instance.traject_id)
