"""Keep the summary tables honest: a change to what the reach and CBS figures are made of marks
the periods it touches as stale, and after the commit the stale periods are recomputed in the
background (``monitoring.ververs_cijfers``). Until then the dashboards compute those periods
directly (cijfers/samenvatting.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wmoregie.clienten.models import Aanmelding, Client, Inzet, Traject

from .cijfers import samenvatting
from .models import Cijferperiode


def _na_commit() -> None:
    from .tasks import ververs_cijfers

    transaction.on_commit(ververs_cijfers.delay)


def _markeer_vanaf(*data) -> None:
    """Stale from the earliest of ``data`` on (an end date may have moved either way)."""
    bekend = [d for d in data if d is not None]
    if not bekend or not Cijferperiode.objects.filter(vervallen=False).exists():
        return
    if samenvatting.markeer(min(bekend), None):
        _na_commit()


@receiver([post_save, post_delete], sender=Traject, dispatch_uid="monitoring-traject")
def traject_gewijzigd(sender, instance: Traject, **kwargs) -> None:
    aangemeld = (
        Aanmelding.objects.filter(pk=instance.aanmelding_id)
        .values_list("aangemeld_op", flat=True)
        .first()
    )
    _markeer_vanaf(aangemeld, instance.geopend_op, instance.startdatum, instance.einddatum)


@receiver(post_save, sender=Aanmelding, dispatch_uid="monitoring-aanmelding")
def aanmelding_gewijzigd(sender, instance: Aanmelding, created: bool, **kwargs) -> None:
    if not created and Traject.objects.filter(aanmelding_id=instance.pk).exists():
        _markeer_vanaf(instance.aangemeld_op)


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
