"""Load test (#14 B): logged-in demo users against gunicorn, printing p50/p95/p99 and errors.

    python benchmarks/bench_last.py [--gebruikers 50] [--duur 60] [--werkers 3] [--schrijven]
                                    [--denktijd 0] [--pad /api/v1/catalogi/producten/ ...]

Sets up a throwaway database with the demo (PostgreSQL when DATABASE_URL points there, else a
SQLite file), starts gunicorn with ``--werkers`` sync workers on a free local port, logs every
virtual user in through the login form as a demo user of a rotating role, and lets each one
request its role's pages one after another for ``--duur`` seconds, without think time unless
``--denktijd`` gives a mean pause between a user's requests. It also prints the CPU seconds the
gunicorn workers used per request (from ``/proc``, Linux; the database server not included) and
the load average at the start and the end. With ``--schrijven`` the back-office users make every
other request a write: showing a client's BSN in full, which appends an audit entry under the
audit chain's lock (the contended write path); the share of writes in all requests is printed.
``--pad`` (repeatable) replaces the mix: every user requests only those paths. On the cheapest
route it measures the floor of the stack (middleware, session, login, database connection) under
the same load.

Client and server share this machine's cores; say so when you compare figures.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
WACHTWOORD = "demo-wmoregie-2026"

# What each demo user opens, as a user of that role would in a working day.
PAGINAS = {
    "gebiedsteam": ["/", "/clienten/", "/clienten/aanmeldingen/", "/clienten/trajecten/"],
    "gemeente": ["/", "/clienten/", "/clienten/trajecten/", "/clienten/wachttijden/"],
    "backoffice": [
        "/",
        "/clienten/",
        "/clienten/aanmeldingen/",
        "/clienten/trajecten/",
        "/clienten/berichten/",
    ],
    "inkoper": ["/", "/aanbestedingen/", "/aanbestedingen/1/", "/aanbestedingen/inschrijvingen/1/"],
    "beoordelaar": ["/", "/aanbestedingen/", "/aanbestedingen/1/"],
    "contractmanager": ["/", "/contracten/", "/catalogus/"],
    "inschrijver": ["/", "/aanbestedingen/", "/catalogus/"],
}
API = ["/api/v1/catalogi/producten/"]


def _werkers(master: int) -> list[int]:
    """The pids of gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for pad in Path("/proc").iterdir():
        if pad.name.isdigit():
            try:
                velden = (pad / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(velden[1]) == master:
                pids.append(int(pad.name))
    return pids


def _cpu_seconden(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) used so far per process, from /proc (Linux)."""
    tikken = os.sysconf("SC_CLK_TCK")
    uit = {}
    for pid in pids:
        try:
            velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        uit[pid] = (int(velden[11]) + int(velden[12])) / tikken  # utime, stime
    return uit


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database(tmp: Path) -> tuple[str, callable]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        # a database of its own: named after the one DATABASE_URL names (a shared server)
        basis = url.rsplit("/", 1)[1].split("?", 1)[0]
        naam = f"{basis}_last" if basis and basis != "postgres" else f"bench_last_{os.getpid()}"
        beheer = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(beheer, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {naam}")

        def opruimen():
            with psycopg.connect(beheer, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")

        return url.rsplit("/", 1)[0] + "/" + naam, opruimen
    return f"sqlite:///{tmp / 'last.sqlite3'}", lambda: None


class Gebruiker:
    """One virtual user with its own session cookie."""

    def __init__(self, poort: int, naam: str):
        self.poort, self.naam, self.cookies = poort, naam, {}

    def vraag(self, methode: str, pad: str, body: dict | None = None) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.poort, timeout=60)
        kop = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        data = None
        if body is not None:
            body = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **body}
            data = urllib.parse.urlencode(body)
            kop |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://127.0.0.1:{self.poort}{pad}",
                "X-CSRFToken": self.cookies.get("csrftoken", ""),
            }
        try:
            conn.request(methode, pad, body=data, headers=kop)
            antwoord = conn.getresponse()
            inhoud = antwoord.read()
            for koekje in antwoord.headers.get_all("Set-Cookie") or []:
                naam, _, rest = koekje.partition("=")
                self.cookies[naam.strip()] = rest.split(";", 1)[0]
            return antwoord.status, inhoud
        finally:
            conn.close()

    def log_in(self) -> None:
        self.vraag("GET", "/account/inloggen/")
        status, _ = self.vraag(
            "POST", "/account/inloggen/", {"username": self.naam, "password": WACHTWOORD}
        )
        if status != 302:
            raise SystemExit(f"inloggen als {self.naam} lukte niet (HTTP {status})")


def _client_ids(gebruiker: Gebruiker) -> list[str]:
    """Clients the user may see: from the trajectory list, through each trajectory's page."""
    _, lijst = gebruiker.vraag("GET", "/clienten/trajecten/")
    ids = set()
    for traject in sorted(set(re.findall(rb"/clienten/trajecten/(\d+)/", lijst)))[:10]:
        _, pagina = gebruiker.vraag("GET", f"/clienten/trajecten/{traject.decode()}/")
        ids.update(re.findall(rb"/clienten/clienten/(\d+)/", pagina))
    return sorted(i.decode() for i in ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gebruikers", type=int, default=50)
    parser.add_argument("--duur", type=float, default=60.0, help="seconden")
    parser.add_argument("--werkers", type=int, default=3, help="gunicorn-workers")
    parser.add_argument(
        "--denktijd",
        type=float,
        default=0.0,
        help="gemiddelde seconden tussen twee verzoeken van een gebruiker (0: geen)",
    )
    parser.add_argument(
        "--schrijven",
        action="store_true",
        help="de backoffice schrijft bij de helft van haar verzoeken",
    )
    parser.add_argument(
        "--pad",
        action="append",
        default=[],
        help="alleen dit adres (herhaalbaar) in plaats van de mix per rol",
    )
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="wmoregie-last-"))
    url, opruimen = _database(tmp)
    env = os.environ | {
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "wmoregie.conf.dev",
        "DEBUG": "false",
        "WMOREGIE_IWMO_UITWISSELMAP": str(tmp / "iwmo"),
        "PYTHONPATH": str(ROOT / "src"),
    }
    manage = [PYTHON, str(ROOT / "src" / "manage.py")]
    server = None
    try:
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)  # noqa: S603 - ours
        subprocess.run(  # noqa: S603 - our own command
            [*manage, "laad_demo", "--ook-zonder-debug"], env=env, check=True, capture_output=True
        )
        poort = _vrije_poort()
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn
            [
                gunicorn,
                "wmoregie.wsgi",
                "-w",
                str(args.werkers),
                "-b",
                f"127.0.0.1:{poort}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT / "src",
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", poort), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

        rollen = list(PAGINAS)
        gebruikers = []
        for i in range(args.gebruikers):
            rol = rollen[i % len(rollen)]
            gebruiker = Gebruiker(poort, rol)
            gebruiker.log_in()
            gebruikers.append((rol, gebruiker))
        client_ids = _client_ids(next(g for r, g in gebruikers if r == "backoffice"))

        tijden: dict[str, list[float]] = defaultdict(list)
        fouten: Counter = Counter()
        slot = threading.Lock()
        einde = time.monotonic() + args.duur

        def werk(rol: str, gebruiker: Gebruiker, rng: random.Random) -> None:
            schrijft = args.schrijven and rol == "backoffice" and client_ids
            if args.denktijd:
                # users with think time do not all start in the same instant
                time.sleep(rng.uniform(0, 2 * args.denktijd))
            while time.monotonic() < einde:
                if schrijft and rng.random() < 0.5:
                    methode, pad = (
                        "POST",
                        f"/clienten/clienten/{rng.choice(client_ids)}/bsn/",
                    )
                else:
                    methode, pad = "GET", rng.choice(args.pad or PAGINAS[rol] + API)
                begin = time.perf_counter()
                try:
                    status, _ = gebruiker.vraag(methode, pad, {} if methode == "POST" else None)
                except OSError as fout:
                    status = type(fout).__name__
                duur = time.perf_counter() - begin
                with slot:
                    tijden[f"{methode} {pad}"].append(duur)
                    if status not in (200, 302, 404) or (methode == "GET" and status == 302):
                        fouten[f"{status} {methode} {pad}"] += 1
                if args.denktijd:
                    # reading the page: uniform between 0 and twice the mean
                    time.sleep(
                        min(rng.uniform(0, 2 * args.denktijd), max(einde - time.monotonic(), 0))
                    )

        draden = [
            threading.Thread(target=werk, args=(rol, g, random.Random(i)))  # noqa: S311
            for i, (rol, g) in enumerate(gebruikers)
        ]
        print(f"load average bij de start (1/5/15 min): {os.getloadavg()}")
        werkers = _werkers(server.pid)
        cpu_voor = _cpu_seconden(werkers)
        start = time.monotonic()
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
        verstreken = time.monotonic() - start
        # a worker that was replaced during the run counts from its start
        cpu_na = _cpu_seconden(_werkers(server.pid))
        cpu = sum(t - cpu_voor.get(pid, 0.0) for pid, t in cpu_na.items())
        vervangen = len(set(cpu_na) - set(cpu_voor))

        alle = sorted(t for lijst in tijden.values() for t in lijst)
        n = len(alle)
        q = statistics.quantiles(alle, n=100) if n > 1 else [alle[0]] * 99

        print(f"cores op deze machine: {os.cpu_count()} (client en server delen ze)")
        print(
            f"gunicorn-workers: {args.werkers}; gebruikers: {args.gebruikers}; "
            f"duur: {verstreken:.0f} s; denktijd: {args.denktijd:g} s; "
            f"database: {url.split(':', 1)[0]}; "
            f"schrijvend: {sum(len(v) for k, v in tijden.items() if k.startswith('POST'))} verzoeken"
        )
        print(f"verzoeken: {n} ({n / verstreken:.1f}/s); fouten: {sum(fouten.values())}")
        print(f"p50 {q[49] * 1000:.0f} ms   p95 {q[94] * 1000:.0f} ms   p99 {q[98] * 1000:.0f} ms")
        print(
            f"cpu van de gunicorn-workers: {cpu:.1f} s, {cpu / n * 1000:.1f} ms per verzoek"
            + (f" ({vervangen} worker(s) vervangen tijdens de meting)" if vervangen else "")
        )
        print(f"load average bij het einde (1/5/15 min): {os.getloadavg()}")
        print("traagste adressen (p95):")
        per_pad = sorted(
            (
                (statistics.quantiles(v, n=20)[18] if len(v) > 1 else v[0], k, len(v))
                for k, v in tijden.items()
            ),
            reverse=True,
        )
        for p95, pad, aantal in per_pad[:6]:
            print(f"  {p95 * 1000:7.0f} ms  {pad}  ({aantal}x)")
        for fout, aantal in fouten.most_common(5):
            print(f"  fout: {fout} ({aantal}x)")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        opruimen()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
