"""Admin of monitoring: the steering cycle's configuration (``sturing/admin.py``)."""

from .sturing import admin as sturing_admin  # noqa: F401 - registers the models
