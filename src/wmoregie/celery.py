"""The task engine of wmoregie: one Celery app for all background work.

With a broker (``WMOREGIE_CELERY_BROKER_URL``: Redis or RabbitMQ) tasks go to the workers, which
may run on several machines (``celery -A wmoregie worker -Q celery,iwmo``). Without one, every
task runs in the calling process at once (``task_always_eager``): ``make run`` and the tests need
no broker. The settings are the ``CELERY_*`` names in :mod:`wmoregie.conf.base`.

A module adds a task in its own ``tasks.py`` (found by :meth:`~celery.Celery.autodiscover_tasks`),
with a stable name and plain JSON arguments (ids, paths, ISO dates; never model instances)::

    from celery import shared_task

    @shared_task(name="monitoring.maak_rapport")
    def maak_rapport(rapport_id: int) -> str: ...

and calls it with ``maak_rapport.delay(rapport.pk)`` (fire and forget) or
``maak_rapport.delay(rapport.pk).get()`` outside a task when the caller needs the result. The
queue of a task follows ``CELERY_TASK_ROUTES`` (``iwmo.*`` to the queue ``iwmo``, everything else
to ``celery``).

:func:`lokale_werkers` starts a worker pool on this machine for one command (``iwmo_ingest
--werkers N``): it dies with the command, also on ``kill -9``.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess  # starts our own worker, see below  # nosec B404
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.dev")

app = Celery("wmoregie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def met_broker() -> bool:
    """True when tasks go to workers through a broker; False when they run in-process."""
    return not app.conf.task_always_eager


def _sterf_met_ouder() -> None:  # pragma: no cover - runs in the child between fork and exec
    """The kernel kills the worker when the command that started it dies (PR_SET_PDEATHSIG);
    Celery's prefork pool does the same for its own processes."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


@contextlib.contextmanager
def lokale_werkers(
    aantal: int, wachtrijen: list[str], *, opstarttijd: float = 60.0
) -> Iterator[str]:
    """A Celery worker with a pool of ``aantal`` processes on ``wachtrijen`` for the duration of
    the ``with`` block; yields its name. Needs a broker. The worker and its pool die with this
    process (also on ``kill -9``), and are stopped (warm shutdown) when the block ends."""
    if not met_broker():
        raise RuntimeError("lokale werkers vragen een broker (WMOREGIE_CELERY_BROKER_URL)")
    naam = f"lokaal-{os.getpid()}@{os.uname().nodename}"
    src = str(Path(__file__).resolve().parents[1])
    omgeving = os.environ | {
        "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))
    }
    proces = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments  # nosec B603
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "wmoregie",
            "worker",
            "--pool",
            "prefork",
            "--concurrency",
            str(aantal),
            "--queues",
            ",".join(wachtrijen),
            "--hostname",
            naam,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "WARNING",
        ],
        env=omgeving,
        stdin=subprocess.DEVNULL,
        stdout=sys.stderr,  # the banner and logs of the worker; the command prints its result
        preexec_fn=_sterf_met_ouder,
    )
    try:
        deadline = time.monotonic() + opstarttijd
        while not app.control.ping(destination=[naam], timeout=0.5):
            if proces.poll() is not None:
                raise RuntimeError(
                    f"de Celery-worker stopte bij het starten (code {proces.returncode})"
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"de Celery-worker meldde zich niet binnen {opstarttijd:.0f} s")
        yield naam
    finally:
        if proces.poll() is None:
            proces.terminate()  # warm shutdown: running tasks finish first
            try:
                proces.wait(timeout=300)
            except subprocess.TimeoutExpired:
                proces.kill()
                proces.wait()


def luisteraars(wachtrij: str, *, timeout: float = 1.0) -> list[str]:
    """The names of the running workers that consume ``wachtrij``."""
    actief = app.control.inspect(timeout=timeout).active_queues() or {}
    return sorted(
        naam for naam, rijen in actief.items() if any(r["name"] == wachtrij for r in rijen)
    )
