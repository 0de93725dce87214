"""Keep the money and message-health summaries honest (cijfers/samenvatting_geld.py,
cijfers/samenvatting_berichten.py): a change marks the periods it touches stale and queues the
refresh after the commit, as ``signalen`` does for the reach figures.

* a trajectory message: the periods of the day it was sent (its answer counts there too);
* a toewijzing: the periods of its trajectory's start (the lead time toewijzing → start);
* a budget share, an instalment or a spend report: the periods of its budget year;
* a claim: the periods from its first day on (the earlier of its old and new first day, when it
  moved), and the count of unmatched claim messages;
* a received claim message (WMO323/325) saved through the ORM, or any ingest run (which stores
  messages with COPY, without signals; ``na_ingest`` is in ``WMOREGIE_IWMO_NA_INGEST``): the
  count of unmatched claim messages.
"""

from __future__ import annotations

from datetime import date

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from wmoregie.clienten.models import Declaratie, Toewijzing, Traject, Trajectbericht
from wmoregie.contracten.models import Budget, Budgetaandeel, Budgetbetaling
from wmoregie.iwmo.models import Bericht

from .cijfers import samenvatting, samenvatting_berichten
from .models import Bestedingsopgave
from .signalen import _na_commit, er_is_iets_actueel, opgeslagen


def _markeer(van: date | None, tot: date | None) -> None:
    if van is None or not er_is_iets_actueel():
        return
    if samenvatting.markeer(van, tot):
        _na_commit()


def _markeer_jaar(jaar: int | None) -> None:
    if jaar is not None:
        _markeer(date(jaar, 1, 1), date(jaar, 12, 31))


def _markeer_stand() -> None:
    if samenvatting_berichten.markeer_stand():
        _na_commit()


@receiver([post_save, post_delete], sender=Trajectbericht, dispatch_uid="monitoring-trajectbericht")
def trajectbericht_gewijzigd(sender, instance: Trajectbericht, **kwargs) -> None:
    if instance.verzonden_op is not None:
        dag = timezone.localdate(instance.verzonden_op)
        _markeer(dag, dag)


@receiver([post_save, post_delete], sender=Toewijzing, dispatch_uid="monitoring-toewijzing")
def toewijzing_gewijzigd(sender, instance: Toewijzing, **kwargs) -> None:
    if not er_is_iets_actueel():
        return
    start = Traject.objects.filter(pk=instance.traject_id).values_list("startdatum", flat=True)
    dag = start.first()
    _markeer(dag, dag)


@receiver([post_save, post_delete], sender=Budget, dispatch_uid="monitoring-budget")
def budget_gewijzigd(sender, instance: Budget, **kwargs) -> None:
    _markeer_jaar(instance.jaar)


@receiver([post_save, post_delete], sender=Budgetaandeel, dispatch_uid="monitoring-budgetaandeel")
def budgetaandeel_gewijzigd(sender, instance: Budgetaandeel, **kwargs) -> None:
    _markeer_jaar(
        Budget.objects.filter(pk=instance.budget_id).values_list("jaar", flat=True).first()
    )


@receiver([post_save, post_delete], sender=Budgetbetaling, dispatch_uid="monitoring-budgetbetaling")
def budgetbetaling_gewijzigd(sender, instance: Budgetbetaling, **kwargs) -> None:
    _markeer_jaar(
        Budgetaandeel.objects.filter(pk=instance.aandeel_id)
        .values_list("budget__jaar", flat=True)
        .first()
    )


@receiver(
    [post_save, post_delete], sender=Bestedingsopgave, dispatch_uid="monitoring-bestedingsopgave"
)
def bestedingsopgave_gewijzigd(sender, instance: Bestedingsopgave, **kwargs) -> None:
    _markeer_jaar(instance.jaar)


@receiver(pre_save, sender=Declaratie, dispatch_uid="monitoring-declaratie-voor")
def declaratie_voor_opslaan(sender, instance: Declaratie, **kwargs) -> None:
    """Remember the stored first day: a claim moved to a later period leaves the earlier one."""
    instance._monitoring_vorige_van = opgeslagen(instance, "periode_van")


@receiver([post_save, post_delete], sender=Declaratie, dispatch_uid="monitoring-declaratie")
def declaratie_gewijzigd(sender, instance: Declaratie, **kwargs) -> None:
    data = [instance.periode_van, getattr(instance, "_monitoring_vorige_van", None)]
    bekend = [d for d in data if d is not None]
    _markeer(min(bekend) if bekend else None, None)
    _markeer_stand()


@receiver([post_save, post_delete], sender=Bericht, dispatch_uid="monitoring-bericht")
def bericht_gewijzigd(sender, instance: Bericht, **kwargs) -> None:
    if instance.berichttype in samenvatting_berichten.CLAIMBERICHTEN:
        _markeer_stand()


def na_ingest() -> int:
    """After an ingest run (iwmo/haken.py): the unmatched claim messages may have changed."""
    gemarkeerd = samenvatting_berichten.markeer_stand()
    if gemarkeerd:
        from .tasks import ververs_cijfers

        ververs_cijfers.delay()
    return gemarkeerd
