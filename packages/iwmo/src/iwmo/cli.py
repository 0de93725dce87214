"""Command line of the iWmo library (plain Python, no Django).

``python -m iwmo validate PATH... [--json] [--xsd-dir DIR] [--datum JJJJ-MM-DD]
[--werkers N]``

Validates files and folders (recursively ``*.xml``) with layers 1 and 2 and prints per message
``OK`` or its findings; ``--json`` prints one JSON object per message per line. Exit code 0 when
every message is valid, 1 otherwise (also when no message was found), 2 for wrong usage, 141
when the reader of the output stopped before the end (``… | head``).
Nothing that is not a well-formed iWmo 3.2 message is skipped: it is reported as invalid.
``--werkers N`` validates in N processes (one per core is fastest for a large folder); the
output is the same as with one, in the same order.

``python -m iwmo build-example --out DIR`` writes a valid example of every supported
message type (heenberichten and retours, see :mod:`.voorbeelden`).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from stat import S_ISREG
from types import SimpleNamespace
from typing import TYPE_CHECKING, BinaryIO

from .safexml import MAX_BERICHT_BYTES
from .validatie import Finding, is_valid, validate
from .validatie.officieel import OfficieleXsd

if TYPE_CHECKING:  # argparse and pathlib are imported when needed: ~5 ms of the start-up
    import argparse
    from pathlib import Path


def _bestanden(paden: Sequence[str]) -> Iterator[tuple[str, str | None]]:
    """(name to show, path or ``None`` when missing) of every file, folders recursively
    (``*.xml``, sorted by their path parts). ``os.walk`` sees from the folder entry what is a
    file: no stat per file, as ``Path.rglob`` + ``is_file`` would make."""
    for pad in paden:
        top = _als_path(pad)
        if os.path.isdir(top):
            gevonden = [
                os.path.join(map_, naam)
                for map_, _mappen, namen in os.walk(top)
                for naam in namen
                if naam.endswith(".xml")
            ]
            for bestand in sorted(gevonden, key=_delen):
                yield bestand, bestand
        else:
            yield pad, pad if os.path.exists(pad) else None


def _als_path(pad: str) -> str:
    """``str(Path(pad))``: the name a folder's files are shown under (``./in//301/`` ->
    ``in/301``); on POSIX without importing pathlib."""
    if os.name != "posix":
        from pathlib import Path

        return str(Path(pad))
    kaal = pad.lstrip("/")
    wortel = "//" if len(pad) - len(kaal) == 2 else "/" if kaal != pad else ""
    delen = [deel for deel in kaal.split("/") if deel not in ("", ".")]
    return wortel + "/".join(delen) if wortel or delen else "."


def _delen(pad: str) -> list[str]:
    return pad.split(os.sep)


def _lees(pad: str | None) -> bytes | Finding:
    if pad is None:
        return Finding("XML", "/", "Het bestand of de map bestaat niet.")
    try:
        bestand = os.open(pad, os.O_RDONLY)
        try:
            # read(n) sets n bytes aside first: ask for what is there, not for the 10 MB cap
            status = os.fstat(bestand)
            grootte = min(status.st_size, MAX_BERICHT_BYTES) + 1
            data = os.read(bestand, grootte)
            # A regular file that gave less than asked is read to its end (one system call
            # less per file); read on when it grew since fstat, or from a pipe (reads in parts).
            if len(data) == grootte or not S_ISREG(status.st_mode):
                while len(data) < MAX_BERICHT_BYTES + 1 and (meer := os.read(bestand, 1 << 20)):
                    data += meer
        finally:
            os.close(bestand)
    except OSError as fout:
        return Finding("XML", "/", f"Het bestand kan niet worden gelezen: {fout.strerror or fout}.")
    return data[: MAX_BERICHT_BYTES + 1]


def _valideer(naam: str, path: str | None, vandaag: date, xsd: OfficieleXsd | None) -> dict:
    data = _lees(path)
    if isinstance(data, Finding):
        bevindingen = [data]
    else:
        try:
            bevindingen = validate(data, vandaag=vandaag, officieel=xsd)
        except Exception as fout:  # never a traceback for one bad file
            bevindingen = [
                Finding("XML", "/", f"Onverwachte fout bij het valideren: {type(fout).__name__}.")
            ]
    return {"path": naam, "valid": is_valid(bevindingen), "bevindingen": bevindingen}


# --- validating in groups, in this process or in worker processes -----------------------------

_PER_GROEP = 256
"""Files per group in one process: the output of a group is written at once (printing one
line per message took about a tenth of the time), while a long run still shows progress."""
_PER_GROEP_WERKERS = 256
"""At most this many files per group with worker processes: a worker sends a group's output
at once (with a pool's round trip per group, groups of 64 cost ~4 % of the time with two
workers on 5,000 files)."""
_GROEPEN_PER_WERKER = 4
"""At least this many groups per worker when there are enough files, so the workers stay
evenly busy on a small folder (one group finishes while the others still run)."""


def _groepgrootte(aantal: int, werkers: int) -> int:
    """Files per group for ``aantal`` files over ``werkers`` processes."""
    return max(1, min(_PER_GROEP_WERKERS, -(-aantal // (werkers * _GROEPEN_PER_WERKER))))


def _groepen(
    bestanden: Iterable[tuple[str, str | None]], grootte: int
) -> Iterator[list[tuple[str, str | None]]]:
    groep: list[tuple[str, str | None]] = []
    for bestand in bestanden:
        groep.append(bestand)
        if len(groep) == grootte:
            yield groep
            groep = []
    if groep:
        yield groep


def _verslag(
    groep: list[tuple[str, str | None]], vandaag: date, xsd: OfficieleXsd | None, als_json: bool
) -> tuple[str, int, int]:
    """The output lines of a group of files as one text, with the number of files and of
    invalid messages among them. A worker sends back this text, not the findings: one string
    is quicker to pass between processes than objects."""
    toon = _json if als_json else _tekst
    regels = []
    ongeldig = 0
    for naam, pad in groep:
        uitslag = _valideer(naam, pad, vandaag, xsd)
        ongeldig += not uitslag["valid"]
        regels.append(toon(uitslag))
    return "".join(regels), len(groep), ongeldig


_werker: dict = {}
"""Per worker process: the date, the optional official-XSD check (compiled once there) and
the output format."""


def _werker_start(vandaag: date, xsd_dir: Path | None, als_json: bool) -> None:
    _werker["vandaag"] = vandaag
    _werker["xsd"] = OfficieleXsd(xsd_dir) if xsd_dir is not None else None
    _werker["als_json"] = als_json


def _verslag_in_werker(groep: list[tuple[str, str | None]]) -> tuple[str, int, int]:
    return _verslag(groep, _werker["vandaag"], _werker["xsd"], _werker["als_json"])


def verslagen(
    bestanden: Iterable[tuple[str, str | None]],
    vandaag: date,
    *,
    xsd_dir: Path | None = None,
    werkers: int = 1,
    als_json: bool = False,
) -> Iterator[tuple[str, int, int]]:
    """The output of every group of files (text, files, invalid), in the order of the files;
    with ``werkers`` > 1 validated in that many processes (files are independent in layers 1
    and 2, so the output is the same)."""
    if werkers <= 1:
        xsd = OfficieleXsd(xsd_dir) if xsd_dir is not None else None
        for groep in _groepen(bestanden, _PER_GROEP):
            yield _verslag(groep, vandaag, xsd, als_json)
        return
    bestanden = list(bestanden)  # their number sets the size of the groups
    groepen = list(_groepen(bestanden, _groepgrootte(len(bestanden), werkers)))
    if hasattr(os, "fork"):
        yield from _verslagen_gevorkt(groepen, vandaag, xsd_dir, werkers, als_json)
        return
    import multiprocessing  # only here: a twentieth of the start-up of one process
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        werkers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_werker_start,
        initargs=(vandaag, xsd_dir, als_json),
    ) as pool:
        yield from pool.map(_verslag_in_werker, groepen)


class WerkprocesGestopt(RuntimeError):
    """A worker process of ``--werkers`` ended before it had sent all its groups."""


def _verslagen_gevorkt(
    groepen: list[list[tuple[str, str | None]]],
    vandaag: date,
    xsd_dir: Path | None,
    werkers: int,
    als_json: bool,
) -> Iterator[tuple[str, int, int]]:
    """``werkers`` processes share the groups in turn: this process takes groups 0, N, 2N …,
    forked child i the groups i, N + i, …, and sends each group's output through a pipe; this
    process writes its own and reads the children's in the order of the files. Not a pool with
    a parent that only hands out work: that parent took ~0.3 s of CPU per 5,000 files (the
    round trips, pickling) from the same cores as its workers, and its module ~80 million
    instructions to import."""
    sys.stdout.flush()  # a child must not inherit unwritten output (it leaves by os._exit)
    xsd = OfficieleXsd(xsd_dir) if xsd_dir is not None else None  # compiles at first use
    kinderen: list[tuple[int, BinaryIO]] = []  # (pid, the read end of its pipe)
    try:
        for nummer in range(1, werkers):
            lezen, schrijven = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: its groups, then leave without Python's shutdown
                status = 1
                try:
                    os.close(lezen)
                    for _pid, ander in kinderen:
                        ander.close()
                    _stuur_groepen(groepen[nummer::werkers], schrijven, vandaag, xsd, als_json)
                    status = 0
                finally:
                    os._exit(status)
            os.close(schrijven)
            kinderen.append((pid, os.fdopen(lezen, "rb")))
        for index, groep in enumerate(groepen):
            beurt = index % werkers
            if beurt == 0:
                yield _verslag(groep, vandaag, xsd, als_json)
            else:
                yield _ontvang(kinderen[beurt - 1][1])
    finally:
        for _pid, pijp in kinderen:
            pijp.close()  # a child still writing gets EPIPE and stops
        for pid, _pijp in kinderen:
            os.waitpid(pid, 0)


def _stuur_groepen(
    groepen: list[list[tuple[str, str | None]]],
    schrijven: int,
    vandaag: date,
    xsd: OfficieleXsd | None,
    als_json: bool,
) -> None:
    """In a child: each group's output as ``files invalid bytes`` on a line, then the text."""
    with os.fdopen(schrijven, "wb") as pijp:
        for groep in groepen:
            tekst, aantal, ongeldig = _verslag(groep, vandaag, xsd, als_json)
            data = tekst.encode("utf-8", "surrogatepass")  # any str, file names included
            pijp.write(b"%d %d %d\n" % (aantal, ongeldig, len(data)))
            pijp.write(data)
            pijp.flush()


def _ontvang(pijp: BinaryIO) -> tuple[str, int, int]:
    kop = pijp.readline().split()
    if len(kop) != 3:
        raise WerkprocesGestopt
    aantal, ongeldig, lengte = map(int, kop)
    data = pijp.read(lengte)
    if len(data) != lengte:
        raise WerkprocesGestopt
    return data.decode("utf-8", "surrogatepass"), aantal, ongeldig


def _datum(tekst: str) -> date:
    try:
        return date.fromisoformat(tekst)
    except ValueError:
        import argparse

        raise argparse.ArgumentTypeError(f"geen datum JJJJ-MM-DD: {tekst!r}") from None


def _aantal_werkers(tekst: str) -> int:
    if not tekst.isdigit() or int(tekst) < 1:
        import argparse

        raise argparse.ArgumentTypeError(f"geen positief aantal: {tekst!r}")
    return int(tekst)


def _validate_eenvoudig(argv: Sequence[str]) -> SimpleNamespace | None:
    """The arguments of ``validate PATH... [--json] [--datum D] [--werkers N]`` as
    :func:`_parser` reads them, without argparse (its import, with ``shutil``, ``gettext`` and
    ``locale``, and building the parser are ~5 ms of a start-up of ~75); ``None`` for anything
    else (another command or option, an abbreviation, ``=``, a wrong value, paths not in one
    run): argparse then reads it, with its messages."""
    if not argv or argv[0] != "validate":
        return None
    uit = SimpleNamespace(opdracht="validate", paden=[], json=False, xsd_dir=None, datum=None)
    uit.werkers = 1
    i, n, paden_klaar = 1, len(argv), False
    while i < n:
        arg = argv[i]
        if arg == "--json":
            uit.json = True
        elif arg in ("--datum", "--werkers") and i + 1 < n:
            i += 1
            waarde = argv[i]
            if arg == "--datum":
                if len(waarde) != 10 or waarde.startswith("-"):
                    return None
                try:
                    uit.datum = date.fromisoformat(waarde)
                except ValueError:
                    return None
            elif waarde.isascii() and waarde.isdigit() and int(waarde) >= 1:
                uit.werkers = int(waarde)
            else:
                return None
        elif arg.startswith("-") or paden_klaar:
            return None
        else:
            uit.paden.append(arg)
            if i + 1 < n and argv[i + 1].startswith("-"):
                paden_klaar = True  # argparse takes the paths as one run
        i += 1
    return uit if uit.paden else None


def _parser() -> argparse.ArgumentParser:
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(
        prog="python -m iwmo", description="iWmo 3.2-berichten controleren."
    )
    sub = parser.add_subparsers(dest="opdracht", required=True)
    validate_ = sub.add_parser(
        "validate", help="berichten valideren (XSD-regels en bedrijfsregels binnen het bericht)"
    )
    validate_.add_argument("paden", nargs="+", metavar="PATH", help="bestanden of mappen (*.xml)")
    validate_.add_argument(
        "--json", action="store_true", help="één JSON-object per bericht per regel"
    )
    validate_.add_argument(
        "--xsd-dir", type=Path, help="map met de officiële XSD's voor een extra schemacontrole"
    )
    validate_.add_argument(
        "--datum", type=_datum, default=None, help="systeemdatum voor TR135 (standaard: vandaag)"
    )
    validate_.add_argument(
        "--werkers",
        type=_aantal_werkers,
        default=1,
        help="valideren in N processen (standaard 1; één per processorkern is het snelst)",
    )
    retour_ = sub.add_parser(
        "retour",
        help="retourberichten maken (302/306/308/316/318/320/325), met berichtoverstijgende "
        "controles over de gegeven bestanden in volgorde",
    )
    retour_.add_argument("paden", nargs="+", metavar="PATH", help="bestanden of mappen (*.xml)")
    retour_.add_argument("--out", type=Path, required=True, help="map voor de retourberichten")
    retour_.add_argument(
        "--datum", type=_datum, default=None, help="systeemdatum en DagtekeningRetour"
    )
    retour_.add_argument(
        "--variant",
        choices=["inspanningsgericht", "outputgericht", "taakgericht"],
        default="inspanningsgericht",
    )
    retour_.add_argument(
        "--volledig", action="store_true", help="ook bij goedkeuring alle klassen met 0200"
    )
    retour_.add_argument(
        "--zonder-historie",
        action="store_true",
        help="geen berichtoverstijgende controles (laag 3): elk bestand op zichzelf",
    )
    voorbeeld_ = sub.add_parser(
        "build-example",
        help="een geldig voorbeeld van elk ondersteund berichttype schrijven (ook de retouren)",
    )
    voorbeeld_.add_argument("--out", type=Path, required=True, help="map voor de voorbeelden")
    return parser


def _voorbeelden(args: argparse.Namespace) -> int:
    from .voorbeelden import voorbeelden

    geschreven = []
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for naam, xml in voorbeelden().items():
            doel = args.out / naam
            doel.write_bytes(xml)
            geschreven.append((naam, doel))
    except OSError as fout:
        print(f"Kan niet schrijven naar {args.out}: {fout.strerror or fout}.", file=sys.stderr)
        return 1
    for naam, doel in geschreven:  # only after every file is written
        print(f"{naam[:-4]}  {doel}")
    return 0


def _retouren(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .retour import beoordeel
    from .validatie.laag3 import GeheugenHistorie

    historie = GeheugenHistorie()  # layer 3 across the files, in the order given
    args.out.mkdir(parents=True, exist_ok=True)
    aantal = zonder = 0
    for naam, path in _bestanden(args.paden):
        aantal += 1
        data = _lees(path)
        if isinstance(data, Finding):
            print(f"GEEN RETOUR  {naam}\n    {data}")
            zonder += 1
            continue
        uitkomst = beoordeel(
            data, historie=None if args.zonder_historie else historie, variant=args.variant, vandaag=args.datum,
            volledig=args.volledig,
        )  # fmt: skip
        if uitkomst.xml is None:
            zonder += 1
            if uitkomst.niveau1:
                reden = "voldoet niet aan het XSD: daarop gaat geen retour"
            elif any(b.rule == "RETOUR-ONGELDIG" for b in uitkomst.bevindingen):
                reden = "het retourbericht zelf is ongeldig"
            elif uitkomst.bericht is not None:
                reden = "een retourbericht krijgt geen retour"
            else:
                reden = "geen header"
            print(f"GEEN RETOUR  {naam} ({reden})")
            for bevinding in uitkomst.bevindingen:
                print(f"    {bevinding}")
            continue
        doel = args.out / f"{Path(naam).stem}.{type(uitkomst.retour).BERICHT}.xml"
        doel.write_bytes(uitkomst.xml)
        codes = " ".join(uitkomst.retourcodes) or "goedgekeurd"
        print(f"{type(uitkomst.retour).BERICHT.upper()}  {naam} -> {doel} [{codes}]")
        for bevinding in uitkomst.bevindingen:
            print(f"    {bevinding}")
    if aantal == 0:
        print("Geen XML-bestanden gevonden.", file=sys.stderr)
        return 1
    return 0 if zonder == 0 else 1


def _tekst(uitslag: dict) -> str:
    """The lines of one outcome, newline included (``OK  path`` or ``ONGELDIG  path`` and
    its findings)."""
    kop = f"{'OK' if uitslag['valid'] else 'ONGELDIG'}  {uitslag['path']}\n"
    if not uitslag["bevindingen"]:
        return kop
    return kop + "".join(f"    {bevinding}\n" for bevinding in uitslag["bevindingen"])


def _json(uitslag: dict) -> str:
    import json

    regel = {
        "path": uitslag["path"],
        "valid": uitslag["valid"],
        "findings": [b.as_dict() for b in uitslag["bevindingen"]],
    }
    return json.dumps(regel, ensure_ascii=False) + "\n"


def _gebroken_pool(fout: Exception) -> bool:
    """Did a worker process die (``--werkers``; the pool's module is only imported without
    ``os.fork``)?"""
    if isinstance(fout, WerkprocesGestopt):
        return True
    proces = sys.modules.get("concurrent.futures.process")
    return proces is not None and isinstance(fout, proces.BrokenProcessPool)


AFGEBROKEN_UITVOER = 141
"""Exit code when the reader of the output stopped (``… | head``): 128 + SIGPIPE, as the shell
reports a tool that the closed pipe stopped."""


def main(argv: Sequence[str] | None = None) -> int:
    try:
        status = _main(argv)
        sys.stdout.flush()  # inside the try: a pipe closed before the last lines is no error
    except BrokenPipeError:
        # The reader stopped: stop quietly (forked workers get the same error and leave), and
        # point stdout at nothing so Python's own flush at exit does not complain again.
        nergens = os.open(os.devnull, os.O_WRONLY)
        os.dup2(nergens, sys.stdout.fileno())
        os.close(nergens)
        return AFGEBROKEN_UITVOER
    return status


def _main(argv: Sequence[str] | None) -> int:
    args = _validate_eenvoudig(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = _parser().parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    if args.opdracht == "retour":
        return _retouren(args)
    if args.opdracht == "build-example":
        return _voorbeelden(args)
    if args.xsd_dir is not None and not args.xsd_dir.is_dir():
        print(f"--xsd-dir: {args.xsd_dir} is geen map.", file=sys.stderr)
        return 2
    vandaag = args.datum or date.today()
    # Every message allocates a few hundred short-lived objects (element proxies, models,
    # findings) and no cycles worth collecting: the objects of the start-up are set aside and
    # the youngest generation is collected less often (~3 % of the time per message).
    gc.freeze()
    gc.set_threshold(20_000, 50, 50)
    aantal = ongeldig = 0
    try:
        for tekst, n, fout in verslagen(
            _bestanden(args.paden),
            vandaag,
            xsd_dir=args.xsd_dir,
            werkers=args.werkers,
            als_json=args.json,
        ):
            sys.stdout.write(tekst)  # one write per group of files
            aantal += n
            ongeldig += fout
    except Exception as fout:
        if not _gebroken_pool(fout):
            raise
        sys.stdout.flush()
        print(
            f"Een werkproces stopte onverwacht na {aantal} bericht(en); "
            "valideer de rest opnieuw, eventueel met --werkers 1.",
            file=sys.stderr,
        )
        return 2
    if aantal == 0:
        print("Geen XML-bestanden gevonden.", file=sys.stderr)
        return 1
    if not args.json:
        print(f"{aantal} bericht(en), {aantal - ongeldig} geldig, {ongeldig} ongeldig.")
    return 0 if ongeldig == 0 else 1
