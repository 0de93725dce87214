"""iWmo throughput: generate N varied valid messages, then validate and ingest them.

    .venv/bin/python benchmarks/bench_iwmo.py [--n 20000] [--xmlschema-n 2000]
                                              [--ingest-n 2000] [--per-transactie 400]
                                              [--werkers 2] [--herhaal 1] [--alleen-ingest]
                                              [--alleen-validatie] [--soorten 301,305,307,315]
                                              [--cli-werkers N] [--instructies]

Messages: WMO301/305/307/315 in equal parts (``--soorten 301``: only 301s), as coherent chains
per client (a 301 with 1-4 products of 10 kinds, 0-4 relations, 1-3 addresses, phone numbers,
as varied as the official example or more; a start and a stop of its products, and a
request), 12 gemeenten, 250 AGB codes. Validators (messages per second, schema compile/load
included):

* ``xmllint --noout --schema`` on the official XSD (calls of at most 2,500 files), in one
  process and in N at once (``--cli-werkers``), each its share of every message type;
* lxml ``XMLSchema`` (official XSD), parse + validate per message;
* the ``xmlschema`` package (official XSD; a sample, since it is slow);
* ours: layers 1 + 2 (``validate``), no XSD at runtime, on the bytes in memory;
* ours on the files, as a user runs it and like xmllint: ``python -m iwmo validate``
  on the folders, with ``--werkers 1`` and ``--werkers N`` (``--cli-werkers``, default one
  per core), byte-code compiled as after ``pip install``.

Like for like, per core: ``--werkers 1`` against one xmllint and ``--werkers N`` against N
xmllints, run in turn (xmllint then ours, ours then xmllint, … ``--herhaal`` pairs), so that
both sides of a pair meet the same state of the machine, whose speed drifts by a fifth or more
from minute to minute: the ratio per pair, by wall clock and by CPU time of the child processes,
and the median of the pairs with their range; the load average is printed with them.
``--alleen-validatie`` skips the exchange.
``--instructies`` also counts the instructions of one xmllint and of ``--werkers 1`` with
valgrind's callgrind (a few minutes for 5,000 messages): a figure that does not move with the
machine's load, where time on a shared machine does by a fifth or more.

Then the exchange: the 301s sent by the gemeente (``verstuur``, timed on their own) and the
305/307/315 ingested with layer 3 and retour generation (timed on their own: the ingest
figure), once with one transaction per message (the first ``--ingest-n``, default 2,000: every
message costs a disk sync), once over the whole batch with ``--per-transactie`` (default
400) messages per transaction in one process, and once more like that with ``--werkers``
(default 2) worker processes split by aanbieder (PostgreSQL only); into PostgreSQL when
DATABASE_URL is set (a fresh database ``<name>_bench_iwmo`` next to it), else a SQLite file. Validators that need the official
XSDs (``../shared/reference/iwmo-3.2/xsd``) or xmllint are skipped with a reason.
"""

from __future__ import annotations

import argparse
import functools
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wmoregie.conf.test")

from iwmo.berichten import build, wmo301, wmo305, wmo307, wmo315  # noqa: E402
from iwmo.berichten.basis import (  # noqa: E402
    Achternaam,
    Adres,
    Communicatie,
    Geboortedatum,
    Huis,
    Omvang,
    OpenPeriode,
    Product,
    Telefoon,
    Telefoonnummers,
    VerkorteNaam,
    Verwijzer,
    VolledigeNaam,
    maak_header,
)
from iwmo.validatie import is_valid, validate  # noqa: E402
from stdnum.nl import bsn as stdnum_bsn  # noqa: E402

XSD_DIR = ROOT.parent / "shared/reference/iwmo-3.2/xsd"
GEMEENTEN = ["0307", "0310", "0312", "0313", "0317", "0327", "0331", "0340", "0351", "0352", "0355", "0356"]  # fmt: skip
AGB = [f"{87000000 + i * 37:08d}" for i in range(250)]
NAMEN = ["Bakker", "Jansen", "de Vries", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos", "Peters"]  # fmt: skip
VANDAAG = date(2026, 1, 5)

# (categorie, code, omvang (volume range, eenheid, frequentie) or None, budget, einddatum needed)
SOORTEN = [
    ("02", "02A01", ((1, 8), "04", "2"), False, True),  # begeleiding, hours per week
    ("02", "02A02", ((60, 480), "01", "2"), False, True),  # begeleiding, minutes per week
    ("07", "07A01", ((1, 10), "16", "2"), False, True),  # dagbesteding, dagdelen per week
    ("01", "01A01", ((1, 4), "04", "2"), False, True),  # huishoudelijke hulp
    ("15", "15A01", ((1, 31), "14", "4"), False, False),  # beschermd wonen, etmalen per month
    ("10", "10A01", ((1, 5), "84", "6"), False, False),  # stuks (inspanning), in total
    ("06", "06A01", ((1, 20), "04", "4"), False, False),  # hours per month
    ("02", None, None, False, False),  # aspecifiek
    ("15", None, None, True, True),  # aspecifiek with budget
    (None, None, None, True, True),  # generiek (budget only)
]


def _bsn(rng: random.Random) -> str:
    while True:
        kandidaat = f"999{rng.randrange(10**6):06d}"
        if stdnum_bsn.is_valid(kandidaat):
            return kandidaat


RELATIES = (0, 1, 1, 2, 2, 2, 3, 3, 4)
"""How many relations a 301's client has (the official example has 2; a mentor, a partner, a
child, a bewindvoerder ...)."""
VOORNAMEN = ["Anna", "Johannes", "Maria", "Pieter", "Fatima", "Mohammed", "Sanne", "Daan"]
STRATEN = ["Dorpsstraat", "Kerkweg", "Stationsplein", "Molenlaan", "Burg. de Withstraat"]
PLAATSEN = ["Amersfoort", "Soest", "Baarn", "Leusden", "Woudenberg", "Bunschoten-Spakenburg"]


def _adres(rng: random.Random) -> Adres:
    return Adres(
        huis=Huis(
            huisnummer=rng.randint(1, 300),
            huisletter=rng.choice([None, None, "A", "b"]),
            huisnummer_toevoeging=rng.choice([None, None, "bis", "2"]),
            aanduiding_woonadres=rng.choice([None, None, None, "BY", "TO"]),
        ),
        postcode=f"{rng.randint(1000, 9999)}{rng.choice(['AB', 'KL', 'XZ'])}",
        straatnaam=rng.choice(STRATEN),
        plaatsnaam=rng.choice(PLAATSEN),
        land_code="NL",
    )


def _telefoon(rng: random.Random) -> Telefoonnummers:
    twee = rng.random() < 0.5
    return Telefoonnummers(
        telefoon01=Telefoon(telefoonnummer=f"06{rng.randrange(10**8):08d}", landnummer="0031"),
        telefoon02=Telefoon(telefoonnummer=f"033{rng.randrange(10**7):07d}", landnummer="0031") if twee else None,
    )  # fmt: skip


def _contacten(rng: random.Random) -> list:
    """1-3 addresses of the client: the BRP address, often a correspondence address, now and
    then a temporary stay with its period."""
    contacten = [wmo301.Contact(soort="01", adres=_adres(rng), telefoon=_telefoon(rng) if rng.random() < 0.7 else None, emailadres=rng.choice([None, "client@example.nl"]))]  # fmt: skip
    if rng.random() < 0.5:
        contacten.append(wmo301.Contact(soort="02", adres=_adres(rng), organisatie=rng.choice([None, "Stichting Bewind"])))  # fmt: skip
    if rng.random() < 0.25:
        begin = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
        contacten.append(wmo301.Contact(soort="04", adres=_adres(rng), periode=OpenPeriode(begindatum=begin, einddatum=begin + timedelta(days=rng.randrange(10, 90)))))  # fmt: skip
    return contacten


def _relatie(rng: random.Random, nummer: int):
    partner = rng.random() < 0.4
    return wmo301.Relatie(
        nummer=str(nummer),
        volgorde=nummer,
        soort=rng.choice(["03", "10", "12", "14", "15", "16", "17", "21"]),
        geboortedatum=Geboortedatum(datum=date(1940 + rng.randrange(60), 1 + rng.randrange(12), 1 + rng.randrange(28))) if rng.random() < 0.7 else None,
        geslacht=rng.choice([None, "1", "2"]),
        naam=VolledigeNaam(
            geslachtsnaam=Achternaam(achternaam=rng.choice(NAMEN), voorvoegsel=rng.choice([None, "van", "de"])),
            partnernaam=Achternaam(achternaam=rng.choice(NAMEN)) if partner else None,
            voornamen=rng.choice(VOORNAMEN),
            voorletters=rng.choice(["A", "JP", "M"]),
            naam_gebruik=rng.choice(["2", "3", "4"]) if partner else "1",
        ),
        contact=wmo301.Contact(soort="01", adres=_adres(rng), telefoon=_telefoon(rng), emailadres=rng.choice([None, f"relatie{nummer}@example.nl"])),
    )  # fmt: skip


def genereer(n: int, seed: int = 20261125) -> list[tuple[str, str, bytes]]:
    """``n`` messages as (gemeente, kind, xml), in chains 301 -> 305 -> 307 and a 315."""
    rng = random.Random(seed)  # noqa: S311 - test data
    berichten: list[tuple[str, str, bytes]] = []
    nummer = 100000
    keten = 0
    while len(berichten) < n:
        keten += 1
        gemeente, aanbieder, bsn = rng.choice(GEMEENTEN), rng.choice(AGB), _bsn(rng)
        dag0 = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
        geboren = Geboortedatum(
            datum=date(1930 + rng.randrange(80), 1 + rng.randrange(12), 1 + rng.randrange(28))
        )
        achternaam = Achternaam(achternaam=rng.choice(NAMEN))
        producten = []
        gekozen: dict[str | None, tuple] = {}
        for soort in rng.sample(SOORTEN, rng.randint(1, 4)):  # TR302: one product per category
            gekozen.setdefault(soort[0], soort)
        if len(gekozen) > 1:
            gekozen.pop(None, None)  # generiek (no product) overlaps with every other product
        for categorie, code, omvang, budget, eind_nodig in gekozen.values():
            nummer += 1
            ingang = dag0 + timedelta(days=rng.randrange(1, 20))
            einde = ingang + timedelta(days=rng.randrange(90, 365))
            producten.append(
                wmo301.ToegewezenProduct(
                    toewijzing_nummer=nummer,
                    product=Product(categorie=categorie, code=code) if categorie else None,
                    toewijzingsdatum=dag0 - timedelta(days=rng.randrange(3)),
                    toewijzingstijd=dtime(rng.randrange(8, 18), rng.randrange(60)),
                    ingangsdatum=ingang,
                    einddatum=einde if eind_nodig or rng.random() < 0.5 else None,
                    reden_wijziging=rng.choice([None, None, "02", "04"]),
                    omvang=Omvang(volume=rng.randint(*omvang[0]), eenheid=omvang[1], frequentie=omvang[2]) if omvang else None,
                    budget=rng.randrange(10000, 2000000) if budget else None,
                    commentaar=rng.choice([None, None, "Afspraak met client besproken."]),
                )
            )  # fmt: skip
        h = f"{keten:07d}"
        t301 = wmo301.Wmo301Bericht(
            header=maak_header(wmo301.Wmo301Bericht, afzender=gemeente, ontvanger=aanbieder, identificatie=f"G{h}", dagtekening=dag0),
            client=wmo301.Client(
                bsn=bsn,
                geboortedatum=geboren,
                geslacht=rng.choice(["1", "2"]),
                naam=VolledigeNaam(geslachtsnaam=achternaam, voorletters="AB", naam_gebruik="1"),
                communicatie=rng.choice([None, None, Communicatie(vorm="1", taal="Pools"), Communicatie(vorm="2")]),
                juridische_status=rng.choice([None, None, None, "02", "04"]),
                wettelijke_vertegenwoordiging=rng.choice([None, None, "07", "08"]),
                commentaar=rng.choice([None, "Client heeft voorkeur voor ochtendbezoek."]),
                relaties=[_relatie(rng, k) for k in range(1, 1 + rng.choice(RELATIES))],
                contactgegevens=_contacten(rng),
                toegewezen_producten=producten,
            ),
        )  # fmt: skip
        start_dag = max(p.ingangsdatum for p in producten) + timedelta(days=rng.randrange(1, 10))
        klant = {"bsn": bsn, "geboortedatum": geboren, "geslacht": t301.client.geslacht, "naam": VerkorteNaam(geslachtsnaam=achternaam, voorletters="AB")}  # fmt: skip
        t305 = wmo305.Wmo305Bericht(
            header=maak_header(wmo305.Wmo305Bericht, afzender=aanbieder, ontvanger=gemeente, identificatie=f"S{h}", dagtekening=start_dag + timedelta(days=2)),
            client=wmo305.Client(**klant, start_producten=[
                wmo305.StartProduct(toewijzing_nummer=p.toewijzing_nummer, product=p.product, toewijzing_ingangsdatum=p.ingangsdatum, begindatum=start_dag, status_aanlevering="1")
                for p in producten
            ]),
        )  # fmt: skip
        stop_dag = start_dag + timedelta(days=rng.randrange(20, 80))
        t307 = wmo307.Wmo307Bericht(
            header=maak_header(wmo307.Wmo307Bericht, afzender=aanbieder, ontvanger=gemeente, identificatie=f"E{h}", dagtekening=stop_dag + timedelta(days=3)),
            client=wmo307.Client(**klant, stop_producten=[
                wmo307.StopProduct(toewijzing_nummer=p.toewijzing_nummer, product=p.product, toewijzing_ingangsdatum=p.ingangsdatum, begindatum=start_dag, reden_beeindiging=rng.choice(["19", "21", "22", "23"]), einddatum=stop_dag, status_aanlevering="1")
                for p in producten
            ]),
        )  # fmt: skip
        aangevraagd = []
        for k, (categorie, code, omvang, _budget, _eind) in enumerate(
            rng.sample(SOORTEN[:7], rng.randint(1, 3))
        ):
            ingang = stop_dag + timedelta(days=rng.randrange(10, 40))
            aangevraagd.append(
                wmo315.AangevraagdProduct(
                    referentie_aanbieder=f"VOT-{h}-{k}",
                    product=Product(categorie=categorie, code=code),
                    toewijzing_ingangsdatum=ingang,
                    toewijzing_einddatum=ingang + timedelta(days=rng.randrange(60, 300)),
                    omvang=Omvang(volume=rng.randint(*omvang[0]), eenheid=omvang[1], frequentie=omvang[2]),
                    verwijzer=Verwijzer(type="02", naam="Huisartsenpraktijk De Linde"),
                )
            )  # fmt: skip
        t315 = wmo315.Wmo315Bericht(
            header=maak_header(wmo315.Wmo315Bericht, afzender=aanbieder, ontvanger=gemeente, identificatie=f"V{h}", dagtekening=stop_dag + timedelta(days=5)),
            client=wmo315.Client(**klant, aangevraagde_producten=aangevraagd),
        )  # fmt: skip
        for soort, bericht in (("301", t301), ("305", t305), ("307", t307), ("315", t315)):
            berichten.append((gemeente, soort, build(bericht)))
    return berichten[:n]


class Tabel(list):
    """The result rows; each row is printed as soon as it is measured."""

    def append(self, rij: tuple[str, int, float | None, str]) -> None:
        super().append(rij)
        label, n, snelheid, opmerking = rij
        waarde = f"{snelheid:9.0f}" if snelheid else f"{'-':>9}"
        print(f"{label:<52} {n:>7} {waarde}  {opmerking}", flush=True)

    def __iadd__(self, rijen):
        for rij in rijen:
            self.append(rij)
        return self


HERHAAL = 1


def run(functie) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of the child processes, remark) of one run of ``functie``."""
    voor = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    opmerking = functie() or ""
    duur = time.perf_counter() - start
    na = resource.getrusage(resource.RUSAGE_CHILDREN)
    return duur, (na.ru_utime - voor.ru_utime) + (na.ru_stime - voor.ru_stime), opmerking


def _rij(label: str, n: int, runs: list[tuple[float, float, str]]) -> tuple[str, int, float, str]:
    """The table row of ``runs``: messages per second of the best run, the last remark."""
    return label, n, n / min(duur for duur, _, _ in runs), runs[-1][2]


def meet(label: str, n: int, functie) -> tuple[str, int, float | None, str]:
    """Messages per second of ``functie``; the best of ``--herhaal`` runs (load varies)."""
    return _rij(label, n, [run(functie) for _ in range(HERHAAL)])


PAREN: dict[int, list[tuple[float, float]]] = {}
"""Per number of processes: (wall clock, CPU time) of xmllint / ours, per pair of runs."""


def meet_paren(processen: int, n: int, xmllint, ons) -> list[tuple[str, int, float | None, str]]:
    """xmllint and our command line in turn, ``--herhaal`` pairs, the first of a pair in turn
    too: a pair meets one state of the machine, so its ratio holds when the machine's speed
    drifts (separate series of runs, minutes apart, each had their own share of the noise).
    The rows give each side's best run; :data:`PAREN` the ratios per pair."""
    label_x = f"xmllint --noout --schema, {processen} proces{'sen' if processen > 1 else ''}"
    label_o = f"ours: CLI on the folder, --werkers {processen}"
    runs: dict[str, list[tuple[float, float, str]]] = {label_x: [], label_o: []}
    for i in range(HERHAAL):
        paar = [(label_x, xmllint), (label_o, ons)]
        for label, functie in paar if i % 2 == 0 else paar[::-1]:
            runs[label].append(run(functie))
    PAREN[processen] = [
        (x[0] / o[0], x[1] / o[1]) for x, o in zip(runs[label_x], runs[label_o], strict=True)
    ]
    return [_rij(label, n, reeks) for label, reeks in runs.items()]


def _mediaan_bereik(waarden: list[float]) -> str:
    geordend = sorted(waarden)
    midden = len(geordend) // 2
    mediaan = (
        geordend[midden] if len(geordend) % 2 else (geordend[midden - 1] + geordend[midden]) / 2
    )
    return f"{mediaan:.2f}x ({geordend[0]:.2f}-{geordend[-1]:.2f} over {len(geordend)} paren)"


def xsd_pad(soort: str) -> Path:
    return XSD_DIR / f"WMO{soort}.xsd"


def xmllint_opdrachten(per_soort: dict[str, list[Path]], processen: int) -> list[list[list[str]]]:
    """Per process the ``xmllint --noout --schema`` calls for its share of every message type
    (calls of at most 2,500 files)."""
    opdrachten: list[list[list[str]]] = [[] for _ in range(processen)]
    for soort, paden in per_soort.items():
        for k in range(processen):
            deel = [str(p) for p in paden[k::processen]]
            for i in range(0, len(deel), 2500):
                opdrachten[k].append(
                    [shutil.which("xmllint") or "xmllint", "--noout", "--schema",
                     str(xsd_pad(soort)), *deel[i : i + 2500]]
                )  # fmt: skip
    return opdrachten


def bench_xmllint(per_soort: dict[str, list[Path]], processen: int = 1) -> str:
    """``xmllint --noout --schema`` on every file, in ``processen`` processes at a time: each
    process validates its share of every message type."""
    from concurrent.futures import ThreadPoolExecutor

    opdrachten = xmllint_opdrachten(per_soort, processen)

    def draai(reeks: list[list[str]]) -> int:
        fouten = 0
        for opdracht in reeks:
            proces = subprocess.run(opdracht, capture_output=True, text=True, check=False)  # noqa: S603 - our own files
            fouten += proces.stderr.count("fails to validate")
        return fouten

    with ThreadPoolExecutor(processen) as pool:
        fouten = sum(pool.map(draai, opdrachten))
    return f"{fouten} ongeldig"


def bench_lxml(berichten) -> str:
    from lxml import etree

    schemas = {
        s: etree.XMLSchema(etree.parse(str(xsd_pad(s)))) for s in ("301", "305", "307", "315")
    }
    fouten = sum(not schemas[soort].validate(etree.fromstring(xml)) for _g, soort, xml in berichten)
    return f"{fouten} ongeldig"


def bench_xmlschema(steekproef) -> str:
    import xmlschema

    schemas = {s: xmlschema.XMLSchema10(str(xsd_pad(s))) for s in ("301", "305", "307", "315")}
    fouten = sum(not schemas[soort].is_valid(xml.decode()) for _g, soort, xml in steekproef)
    return f"{fouten} ongeldig (steekproef van {len(steekproef)})"


def bench_ours(berichten) -> str:
    fouten = sum(not is_valid(validate(xml, vandaag=VANDAAG)) for _g, _s, xml in berichten)
    return f"{fouten} ongeldig"


def cli_omgeving(werkmap: Path) -> dict[str, str]:
    """The environment of the command line: byte-code cached (in the work folder), as after
    ``pip install``, which compiles the package. Without it (``PYTHONDONTWRITEBYTECODE`` and
    no ``__pycache__``) every start compiles the library's sources again (~0.3 s)."""
    omgeving = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    omgeving["PYTHONPYCACHEPREFIX"] = str(werkmap / "pycache")
    subprocess.run(  # noqa: S603 - compiles our own package once, not timed
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "packages/iwmo/src/iwmo")],
        env=omgeving, check=True, capture_output=True,
    )  # fmt: skip
    return omgeving


def cli_opdracht(map_: Path, soorten: list[str], werkers: int) -> list[str]:
    return [sys.executable, "-m", "iwmo", "validate", "--datum", VANDAAG.isoformat(),
            "--werkers", str(werkers), *(str(map_ / s) for s in soorten)]  # fmt: skip


def bench_ours_cli(map_: Path, soorten: list[str], werkers: int, omgeving: dict[str, str]) -> str:
    """The command line on the folders, as a user runs it: files read from disk, one line of
    output per message (like xmllint), Python's start-up included."""
    proces = subprocess.run(  # noqa: S603 - our own command
        cli_opdracht(map_, soorten, werkers), capture_output=True, text=True, check=False,
        env=omgeving,
    )  # fmt: skip
    if proces.returncode not in (0, 1):
        raise RuntimeError(proces.stderr)
    return f"{proces.stdout.count('ONGELDIG  ')} ongeldig"


def instructies(opdracht: list[str], omgeving: dict[str, str] | None = None) -> int:
    """The instructions a command executes, counted by valgrind's callgrind: the same figure
    for the same program and input whatever else the machine does (time is not)."""
    proces = subprocess.run(  # noqa: S603 - our own measurement
        [shutil.which("valgrind") or "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *opdracht],
        capture_output=True, text=True, check=False, env=omgeving,
    )  # fmt: skip
    gevonden = re.search(r"Collected : (\d+)", proces.stderr)
    if gevonden is None:
        raise RuntimeError(f"callgrind gaf geen telling: {proces.stderr[-500:]}")
    return int(gevonden.group(1))


def tel_instructies(per_soort, werkmap: Path, omgeving: dict[str, str]) -> str:
    """Like for like without the machine's noise: the instructions of one xmllint process (its
    calls on every file) against the command line with ``--werkers 1`` on the same files, both
    counted in full (start-up, schema compiling, reading files and output included). The two
    counts run side by side; a count does not depend on the load."""
    from concurrent.futures import ThreadPoolExecutor

    if not shutil.which("valgrind"):
        return "instructies: overgeslagen (valgrind niet gevonden)"
    with ThreadPoolExecutor(2) as pool:
        xmllint = pool.submit(
            lambda: sum(instructies(o) for o in xmllint_opdrachten(per_soort, 1)[0])
        )
        ons = pool.submit(instructies, cli_opdracht(werkmap, sorted(per_soort), 1), omgeving)
        xmllint, ons = xmllint.result(), ons.result()
    return (
        f"instructies (callgrind), 1 proces elk: xmllint {xmllint / 1e9:.2f} mld, ours "
        f"{ons / 1e9:.2f} mld: ours / xmllint = {xmllint / ons:.2f}x naar instructies (doel >= 0.5x "
        "geldt voor de tijd; dit is dezelfde vergelijking zonder de ruis van de machine)"
    )


def database_voorbereiden(werkmap: Path) -> str:
    """Point DATABASE_URL at a fresh benchmark database; returns a description."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        basis, naam = url.rsplit("/", 1)
        bench = f"{naam}_bench_iwmo"
        with psycopg.connect(f"{basis}/postgres", autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {bench} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {bench}")
        os.environ["DATABASE_URL"] = f"{basis}/{bench}"
        return f"PostgreSQL ({bench})"
    pad = werkmap / "bench.sqlite3"  # removed with the work folder
    os.environ["DATABASE_URL"] = f"sqlite:///{pad}"
    return f"SQLite-bestand ({pad})"


def broker_voorbereiden() -> bool:
    """The Celery broker for the worker pool: WMOREGIE_CELERY_BROKER_URL, else the local Redis
    (with a key prefix of its own). False, with a note, when there is none."""
    from django.conf import settings

    if not settings.CELERY_TASK_ALWAYS_EAGER:
        return True
    import redis

    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError:
        print(
            "(geen broker: de rij met werkers vraagt WMOREGIE_CELERY_BROKER_URL of Redis op 6379)"
        )
        return False
    from wmoregie.celery import app

    os.environ |= {"WMOREGIE_CELERY_BROKER_URL": url, "WMOREGIE_CELERY_PREFIX": "wmoregie-bench:"}
    app.conf.update(  # this process sends the tasks; the worker reads the same from its environment
        broker_url=url, result_backend=url, task_always_eager=False,
        broker_transport_options={"global_keyprefix": "wmoregie-bench:"},
    )  # fmt: skip
    return True


def bench_ingest(
    berichten, werkmap: Path, per_transactie: int, werkers: int = 1
) -> list[tuple[str, int, float, str]]:
    """Two rows: the 301s sent by the gemeente (``verstuur``, one transaction each), then the
    ingest of the 305/307/315 with layer 3 and retour (``per_transactie`` per transaction, in
    one process, or with ``werkers`` > 1 as batches per aanbieder on a Celery worker pool of that
    many processes; PostgreSQL and a broker only)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from wmoregie.celery import lokale_werkers
    from wmoregie.iwmo.models import Bericht, Bevinding, Feit
    from wmoregie.iwmo.uitwisseling import ingest, ingest_alle, mappen, verstuur

    call_command("migrate", verbosity=0)
    Bevinding.objects.all().delete()  # our own benchmark database: start empty
    Bericht.objects.exclude(dubbel_van=None).delete()
    Bericht.objects.all().delete()
    Feit.objects.all().delete()
    basis = werkmap / f"hub-{per_transactie}-{werkers}"
    volgorde = {"305": "1", "307": "2", "315": "3"}
    uitgaand = []
    for i, (gemeente, soort, xml) in enumerate(berichten):
        if soort == "301":
            uitgaand.append((gemeente, xml))
        else:
            (mappen(basis, gemeente).inbox / f"{volgorde[soort]}-{i:07d}.xml").write_bytes(xml)
    start = time.perf_counter()
    for gemeente, xml in uitgaand:
        verstuur(basis, gemeente, xml, vandaag=VANDAAG)
    verstuur_s = time.perf_counter() - start
    with connection.cursor() as cursor:  # statistics, as autovacuum keeps them in a database in
        cursor.execute("ANALYZE")  # use (without them PostgreSQL scans whole tables for a key)
    os.sync()  # the inbox on disk: not counted in the ingest
    if werkers > 1:
        with lokale_werkers(werkers, ["iwmo"]):  # the pool's start-up is not counted
            start = time.perf_counter()
            ingest_alle(
                basis, GEMEENTEN, verdelen=True, delen=werkers, vandaag=VANDAAG,
                per_transactie=per_transactie,
            )  # fmt: skip
            ingest_s = time.perf_counter() - start
    else:
        start = time.perf_counter()
        for gemeente in GEMEENTEN:
            ingest(basis, gemeente, vandaag=VANDAAG, per_transactie=per_transactie)
        ingest_s = time.perf_counter() - start
    afgekeurd = Bericht.objects.exclude(status__in=["geaccepteerd", "verzonden"]).count()
    retours = sum(len(list(mappen(basis, g).outbox.iterdir())) for g in GEMEENTEN)
    n_in = len(berichten) - len(uitgaand)
    eenheid = "1 bericht" if per_transactie == 1 else f"{per_transactie} berichten"
    eenheid += " per transactie"
    if werkers > 1:
        eenheid += f", {werkers} werkers"
    return [
        (
            "exchange: verstuur 301 (1 per transactie, fsync)",
            len(uitgaand),
            len(uitgaand) / verstuur_s,
            "",
        ),
        (
            f"exchange: ingest 305/307/315, {eenheid}",
            n_in,
            n_in / ingest_s,
            f"{afgekeurd} afgekeurd, {retours} bestanden in outbox (incl. de 301's)",
        ),
        (
            "exchange: verstuur + ingest samen",
            len(berichten),
            len(berichten) / (verstuur_s + ingest_s),
            "",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20000, help="aantal berichten (standaard 20000)")
    parser.add_argument("--xmlschema-n", type=int, default=2000, help="steekproef voor xmlschema")
    parser.add_argument(
        "--ingest-n", type=int, default=2000, help="aantal voor de ingest, 1 per transactie"
    )
    parser.add_argument(
        "--per-transactie", type=int, default=400, help="groep per transactie (over alle --n)"
    )
    parser.add_argument(
        "--werkers", type=int, default=2, help="ingest nog eens met N werkprocessen (PostgreSQL)"
    )
    parser.add_argument(
        "--alleen-ingest", action="store_true", help="alleen de uitwisseling (geen validators)"
    )
    parser.add_argument(
        "--alleen-validatie",
        action="store_true",
        help="alleen de validators (geen uitwisseling, geen database)",
    )
    parser.add_argument(
        "--cli-werkers",
        type=int,
        default=os.cpu_count() or 1,
        help="de CLI en xmllint nog eens met N processen (standaard: één per kern)",
    )
    parser.add_argument(
        "--soorten",
        default="301,305,307,315",
        help="berichtsoorten in het corpus (standaard 301,305,307,315; bv. 301 voor alleen 301's)",
    )
    parser.add_argument("--xsd-dir", type=Path, default=None, help="map met de officiële XSD's")
    parser.add_argument(
        "--herhaal", type=int, default=1, help="validators: beste van N runs (standaard 1)"
    )
    parser.add_argument(
        "--instructies",
        action="store_true",
        help="tel ook de instructies van xmllint en de CLI met valgrind (callgrind)",
    )
    args = parser.parse_args()
    global HERHAAL
    HERHAAL = max(1, args.herhaal)
    if args.xsd_dir is not None:
        global XSD_DIR
        XSD_DIR = args.xsd_dir

    soorten_gevraagd = set(args.soorten.split(","))
    start = time.perf_counter()
    berichten = [b for b in genereer(args.n * (4 if soorten_gevraagd == {"301"} else 1))
                 if b[1] in soorten_gevraagd][: args.n]  # fmt: skip
    gen_s = time.perf_counter() - start
    werkmap = Path(tempfile.mkdtemp(prefix="bench_iwmo_"))
    try:
        per_soort: dict[str, list[Path]] = {}
        for i, (_g, soort, xml) in enumerate(berichten):
            pad = werkmap / soort / f"{i:07d}.xml"
            pad.parent.mkdir(exist_ok=True)
            pad.write_bytes(xml)
            per_soort.setdefault(soort, []).append(pad)
        grootte = sum(len(x) for *_, x in berichten) / len(berichten)
        print(f"{len(berichten)} berichten gegenereerd in {gen_s:.1f} s (gemiddeld {grootte / 1024:.1f} KB): " + ", ".join(f"{s}: {len(p)}" for s, p in sorted(per_soort.items())))  # fmt: skip

        rijen = Tabel()
        print(f"\n{'benchmark':<52} {'msgs':>7} {'msgs/s':>9}  opmerking", flush=True)
        heeft_xsd = all(xsd_pad(s).is_file() for s in per_soort)
        kernen = sorted({1, args.cli_werkers})
        if args.alleen_ingest:
            pass
        elif not heeft_xsd:
            reden = f"officiële XSD's ontbreken in {XSD_DIR}"
            rijen += [(naam, 0, None, f"overgeslagen: {reden}") for naam in ("xmllint --schema", "lxml XMLSchema", "xmlschema")]  # fmt: skip
        else:
            if not shutil.which("xmllint"):
                rijen.append(("xmllint --schema", 0, None, "overgeslagen: xmllint niet gevonden"))
            if not args.alleen_validatie:
                rijen.append(meet("lxml XMLSchema", len(berichten), lambda: bench_lxml(berichten)))
                rng = random.Random(1)  # noqa: S311 - a sample of test data
                steekproef = rng.sample(berichten, min(args.xmlschema_n, len(berichten)))
                rijen.append(meet("xmlschema (pure Python)", len(steekproef), lambda: bench_xmlschema(steekproef)))  # fmt: skip
        if not args.alleen_ingest:
            if not args.alleen_validatie:
                rijen.append(meet("ours: layers 1 + 2", len(berichten), lambda: bench_ours(berichten)))  # fmt: skip
            soorten = sorted(per_soort)
            omgeving = cli_omgeving(werkmap)
            for n in kernen:
                ons = functools.partial(bench_ours_cli, werkmap, soorten, n, omgeving)
                if heeft_xsd and shutil.which("xmllint"):
                    xmllint = functools.partial(bench_xmllint, per_soort, n)
                    rijen += meet_paren(n, len(berichten), xmllint, ons)
                else:
                    rijen.append(meet(f"ours: CLI on the folder, --werkers {n}", len(berichten), ons))  # fmt: skip
        if args.alleen_validatie:
            db = "geen (--alleen-validatie)"
        else:
            db = database_voorbereiden(werkmap)
            rijen += bench_ingest(berichten[: args.ingest_n], werkmap, 1)
            if args.per_transactie > 1:
                rijen += bench_ingest(berichten, werkmap, args.per_transactie)
            if args.werkers > 1 and db.startswith("PostgreSQL") and broker_voorbereiden():
                rijen += bench_ingest(berichten, werkmap, args.per_transactie, args.werkers)

        snel = {label: s for label, _n, s, _o in rijen if s}
        print()
        for n, paren in PAREN.items():  # like for like: the same number of processes and cores
            print(
                f"per kern, {n} proces(sen) elk, ours / xmllint (doel >= 0.5x), mediaan van de "
                f"paren: {_mediaan_bereik([w for w, _ in paren])} naar kloktijd; "
                f"{_mediaan_bereik([c for _, c in paren])} naar CPU-tijd"
            )
        if args.instructies and not args.alleen_ingest and heeft_xsd and shutil.which("xmllint"):
            print(tel_instructies(per_soort, werkmap, omgeving), flush=True)
        if "xmlschema (pure Python)" in snel:
            for ons in (label_ for label_ in snel if label_.startswith("ours")):
                verhouding = snel[ons] / snel["xmlschema (pure Python)"]
                print(f"{ons} / xmlschema = {verhouding:.2f}x (doel >= 10x)")
        belasting = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(
            f"database: {db}; belasting (load average 1/5/15 min) aan het eind: {belasting}; {os.cpu_count()} kernen"
        )
    finally:
        shutil.rmtree(werkmap, ignore_errors=True)


if __name__ == "__main__":
    main()
