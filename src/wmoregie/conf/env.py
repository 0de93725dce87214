"""Read settings from the environment, and keep a record of what can be set.

Every setting read through :func:`config` is listed with its documentation in
``ENVIRONMENT_VARIABLES`` so ``docs/configuratie.md`` can be checked against the code.
"""

import os
from typing import Any

ENVIRONMENT_VARIABLES: dict[str, str] = {}

_TRUE = {"1", "true", "yes", "ja", "on"}
_FALSE = {"0", "false", "no", "nee", "off", ""}


def config(name: str, default: Any = None, *, documentation: str, split: bool = False) -> Any:
    """Return environment variable ``name`` converted to the type of ``default``."""
    ENVIRONMENT_VARIABLES[name] = documentation
    raw = os.environ.get(name)
    if raw is None:
        return default
    if split:
        return [part.strip() for part in raw.split(",") if part.strip()]
    if isinstance(default, bool):
        lowered = raw.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(f"{name}: expected a boolean, got {raw!r}")
    if isinstance(default, int):
        return int(raw)
    return raw
