"""Worklists: what each signed-in user has to do, gathered from every module for the home page.

A module contributes by defining ``werkvoorraad(user) -> list[Taak]`` in ``<app>/werkvoorraad.py``.
It returns only tasks within the user's roles and scope (an empty list otherwise) and must be
cheap: the home page asks every module on every visit. Counts are computed, never stored.
"""

from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


@dataclass(frozen=True)
class Taak:
    """One line of a worklist: a Dutch title, where to act, and how many items wait there."""

    titel: str
    url: str
    aantal: int | None = None
    toelichting: str = ""
    dringend: bool = False


@dataclass(frozen=True)
class Werkvoorraad:
    module: str  # the module's verbose name, e.g. "Cliënten"
    taken: list[Taak]


@cache
def _modules() -> tuple[tuple[object, str], ...]:
    """The apps with a worklist and their ``werkvoorraad`` module's name: found once per
    process (looking a module up on disk on every visit of the home page cost file system
    calls per app)."""
    return tuple(
        (config, f"{config.name}.werkvoorraad")
        for config in apps.get_app_configs()
        if config.name.startswith("wmoregie.") and find_spec(f"{config.name}.werkvoorraad")
    )


def werkvoorraad_voor(user) -> list[Werkvoorraad]:
    """The worklists of every module that has tasks for ``user``, in INSTALLED_APPS order."""
    if not user.is_authenticated or not user.is_active:
        return []
    lijsten = []
    for config, naam in _modules():
        taken = import_module(naam).werkvoorraad(user)
        if taken:
            lijsten.append(Werkvoorraad(module=str(config.verbose_name), taken=taken))
    return lijsten
