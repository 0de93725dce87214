"""``python -m wmoregie.iwmo validate PATH...``: see :mod:`wmoregie.iwmo.cli`."""

from .cli import main

raise SystemExit(main())
