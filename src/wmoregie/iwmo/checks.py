"""System checks of the iWmo app (``manage.py check``, and at every start)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core import checks


@checks.register()
def officiele_xsd_map(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """A set ``WMOREGIE_IWMO_XSD_MAP`` must be a folder with the XSDs: otherwise every message
    the exchange receives would be refused for want of its XSD."""
    map_ = getattr(settings, "WMOREGIE_IWMO_XSD_MAP", "")
    if not map_:
        return []
    pad = Path(map_)
    if not pad.is_dir():
        return [
            checks.Error(
                f"WMOREGIE_IWMO_XSD_MAP wijst naar {map_}, maar dat is geen map.",
                hint="Zet de map met de officiële iWmo 3.2-XSD's, of maak de instelling leeg.",
                id="iwmo.E001",
            )
        ]
    if not any(p.suffix.lower() == ".xsd" for p in pad.iterdir()):
        return [
            checks.Error(
                f"In WMOREGIE_IWMO_XSD_MAP ({map_}) staat geen enkele XSD.",
                hint="Zet de map met de officiële iWmo 3.2-XSD's, of maak de instelling leeg.",
                id="iwmo.E002",
            )
        ]
    return []
