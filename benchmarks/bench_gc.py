"""What ``gc.freeze()`` after start-up (``wsgi.py``, #14 B) saves per request, in one process.

    python benchmarks/bench_gc.py [--rondes 3] [--verzoeken 400]

Sets up a throwaway SQLite database with the demo, then runs the read-only page mix of
``bench_last.py`` through Django's test client in fresh processes, alternately without and with
``gc.freeze()`` after start-up, and prints per request the CPU time of the process and the time
spent in garbage collection (``gc.callbacks``), with the number of full (generation 2) collections.
The load test measures the same under gunicorn, but its CPU figure follows the machine's load; this
one compares the two in the same minute and counts the collector's own time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

METING = r"""
import gc, json, os, random, sys, time

import django

django.setup()
from django.test import Client

from wmoregie.accounts.models import User

sys.path.insert(0, os.environ["BENCH_MAP"])
from bench_last import API, PAGINAS

bevriezen = os.environ["BEVRIEZEN"] == "1"
clients = {}
for rol in PAGINAS:
    clients[rol] = Client()
    clients[rol].force_login(User.objects.get(username=rol))
rng = random.Random(14)
verzoeken = [(rol, rng.choice(PAGINAS[rol] + API)) for rol in rng.choices(list(PAGINAS), k=N)]
# warm up: every page once (template and URL caches), then freeze as wsgi.py does
for rol in PAGINAS:
    for pad in PAGINAS[rol] + API:
        clients[rol].get(pad)
if bevriezen:
    gc.freeze()
gc_tijd, volle, begin = 0.0, 0, {}
def meet(fase, info):
    global gc_tijd, volle
    if fase == "start":
        begin["t"] = time.perf_counter()
    else:
        gc_tijd += time.perf_counter() - begin["t"]
        volle += info["generation"] == 2
gc.callbacks.append(meet)
cpu = time.process_time()
for rol, pad in verzoeken:
    assert clients[rol].get(pad).status_code == 200, pad
cpu = time.process_time() - cpu
gc.callbacks.remove(meet)
print(json.dumps({"cpu": cpu, "gc": gc_tijd, "volle": volle, "bevroren": gc.get_freeze_count()}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rondes", type=int, default=3)
    parser.add_argument("--verzoeken", type=int, default=400)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="wmoregie-gc-"))
    env = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp / 'gc.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "wmoregie.conf.dev",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "testserver",
        "WMOREGIE_IWMO_UITWISSELMAP": str(tmp / "iwmo"),
        "PYTHONPATH": str(ROOT / "src"),
        "BENCH_MAP": str(ROOT / "benchmarks"),
    }
    manage = [sys.executable, str(ROOT / "src" / "manage.py")]
    try:
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)  # noqa: S603 - ours
        subprocess.run(  # noqa: S603 - our own command
            [*manage, "laad_demo", "--ook-zonder-debug"], env=env, check=True, capture_output=True
        )
        uitkomsten: dict[bool, list[dict]] = {False: [], True: []}
        for _ in range(args.rondes):
            for bevriezen in (False, True):
                uit = subprocess.run(  # noqa: S603 - our own measurement
                    [sys.executable, "-c", f"N = {args.verzoeken}\n{METING}"],
                    env=env | {"BEVRIEZEN": "1" if bevriezen else "0"},
                    check=True,
                    capture_output=True,
                    text=True,
                    cwd=ROOT / "src",
                )
                meting = json.loads(uit.stdout.strip().splitlines()[-1])
                uitkomsten[bevriezen].append(meting)
                print(
                    f"{'met' if bevriezen else 'zonder'} gc.freeze: "
                    f"cpu {meting['cpu'] / args.verzoeken * 1000:.2f} ms/verzoek, "
                    f"gc {meting['gc'] / args.verzoeken * 1000:.3f} ms/verzoek, "
                    f"{meting['volle']} volle collecties, {meting['bevroren']} bevroren objecten",
                    flush=True,
                )
        for bevriezen, metingen in uitkomsten.items():
            cpu = sorted(m["cpu"] for m in metingen)[len(metingen) // 2] / args.verzoeken
            gc_ = sorted(m["gc"] for m in metingen)[len(metingen) // 2] / args.verzoeken
            print(
                f"mediaan {'met' if bevriezen else 'zonder'} gc.freeze: cpu {cpu * 1000:.2f} ms, "
                f"gc {gc_ * 1000:.3f} ms per verzoek"
            )
        print(f"load average (1/5/15 min): {os.getloadavg()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
