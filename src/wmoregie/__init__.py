"""wmoregie: regie op de Wmo-ondersteuning van een regio."""

# The task engine is loaded with Django, so that every ``shared_task`` binds to it.
from .celery import app as celery_app

__all__ = ["celery_app"]
