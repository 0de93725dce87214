"""Catalogue throughput: re-import of the demo catalogue, the public page and the API.

Runs on a fresh in-memory SQLite database (or DATABASE_URL) with the test settings.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.test")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from wmoregie.catalogi.services import importeer_catalogus, lees_json  # noqa: E402
from wmoregie.demo import CATALOGUS  # noqa: E402


def per_second(label: str, action, rounds: int) -> tuple[str, int, float]:
    start = time.perf_counter()
    for _ in range(rounds):
        action()
    seconds = time.perf_counter() - start
    return label, rounds, rounds / seconds


def main() -> None:
    call_command("migrate", verbosity=0)
    data = lees_json(CATALOGUS.read_bytes())
    importeer_catalogus(data)
    client = Client()
    rows = [
        per_second("re-import demo catalogue (34 rows)", lambda: importeer_catalogus(data), 50),
        per_second("GET /catalogus/", lambda: client.get("/catalogus/"), 200),
        per_second(
            "GET /api/v1/catalogi/producten/",
            lambda: client.get("/api/v1/catalogi/producten/"),
            200,
        ),
    ]
    print(f"{'benchmark':<40} {'rounds':>7} {'per second':>12}")
    for label, rounds, rate in rows:
        print(f"{label:<40} {rounds:>7} {rate:>12.1f}")


if __name__ == "__main__":
    main()
