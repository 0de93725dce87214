"""Background work of the monitoring (see :mod:`wmoregie.celery`)."""

from celery import shared_task


@shared_task(name="monitoring.maak_kwartaalrapport")
def maak_kwartaalrapport(rapport_id: int) -> str:
    """Make and store the quarterly report's PDF; returns its status."""
    from .rapportage.services import maak

    return maak(rapport_id).status
