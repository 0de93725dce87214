"""``python -m iwmo validate PATH...``: see :mod:`iwmo.cli`."""

from .cli import main

if __name__ == "__main__":  # not again in a worker process started with "spawn"
    raise SystemExit(main())
