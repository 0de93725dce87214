"""What other modules do with messages once the ingest has stored them.

The exchange knows nothing of trajectories or claims; a module that does (the client
administration links received toewijzingen, answers and retours to its trajectories) names a
function in the setting ``WMOREGIE_IWMO_NA_INGEST``, which the ingest calls after every run. A
function that fails is logged and does not undo the ingest: it runs again after the next run.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


def na_ingest() -> dict[str, object]:
    """Call every function of ``WMOREGIE_IWMO_NA_INGEST``; returns what each returned."""
    uitkomsten: dict[str, object] = {}
    for pad in getattr(settings, "WMOREGIE_IWMO_NA_INGEST", ()):
        try:
            uitkomsten[pad] = import_string(pad)()
        except Exception:  # one module's failure must not hide the others' work
            logger.exception("iWmo: %s na de ingest is mislukt", pad)
            uitkomsten[pad] = None
    return uitkomsten
