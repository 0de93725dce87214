"""Background work of the monitoring (see :mod:`wmoregie.celery`)."""

from celery import shared_task


@shared_task(name="monitoring.maak_kwartaalrapport")
def maak_kwartaalrapport(rapport_id: int) -> str:
    """Make and store the quarterly report's PDF; returns its status."""
    from .rapportage.services import maak

    return maak(rapport_id).status


@shared_task(name="monitoring.ververs_cijfers")
def ververs_cijfers() -> int:
    """Recompute the stale summary periods (cijfers/samenvatting.py); returns how many."""
    from .cijfers.samenvatting import ververs_vervallen

    return len(ververs_vervallen())
