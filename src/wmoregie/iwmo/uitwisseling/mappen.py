"""The folder exchange: per gemeente ``inbox``/``outbox``/``archief``, atomic writes and the
archive (files only; no database)."""

from __future__ import annotations

import fcntl
import os
from dataclasses import dataclass
from pathlib import Path

MAPPEN = ("inbox", "outbox", "archief")


@dataclass(frozen=True)
class Mappen:
    inbox: Path
    outbox: Path
    archief: Path


def mappen(basis: Path | str, gemeente: str) -> Mappen:
    """The folder set of ``gemeente`` under ``basis`` (created when missing)."""
    root = Path(basis) / gemeente
    paden = [root / naam for naam in MAPPEN]
    for pad in paden:
        pad.mkdir(parents=True, exist_ok=True)
    return Mappen(*paden)


def ruim_op(m: Mappen) -> None:
    for rest in m.outbox.glob(".tmp-*"):  # an interrupted write; the retour is rewritten below
        rest.unlink(missing_ok=True)


def inbox_bestanden(m: Mappen) -> list[Path]:
    with os.scandir(m.inbox) as namen:  # no stat per file
        return sorted(Path(n.path) for n in namen if n.is_file() and not n.name.startswith("."))


def veilige_naam(tekst: str) -> str:
    return "".join(t if t.isalnum() or t in "-" else "_" for t in tekst)[:80]


def schrijf_bestand(map_: Path, naam: str, inhoud: bytes, *, duurzaam: bool = True) -> None:
    """Write ``map_/naam`` atomically: a reader sees the whole file or none (fsync first when
    ``duurzaam``). An unnamed file in the folder that gets its name once written (one change
    of the folder instead of two, which matters with workers writing into the same outbox, and
    nothing left by a crash); a temporary file and a rename where that is not possible or the
    name exists already (a rewrite)."""
    if schrijf_naamloos(map_, naam, inhoud, duurzaam=duurzaam):
        return
    tijdelijk = map_ / f".tmp-{naam}"
    with open(tijdelijk, "wb") as bestand:
        bestand.write(inhoud)
        if duurzaam:
            bestand.flush()
            os.fsync(bestand.fileno())
    os.replace(tijdelijk, map_ / naam)


def schrijf_naamloos(map_: Path, naam: str, inhoud: bytes, *, duurzaam: bool) -> bool:
    try:
        bestand = os.open(map_, os.O_TMPFILE | os.O_WRONLY, 0o666)
    except (AttributeError, OSError):  # not Linux, or a filesystem without O_TMPFILE
        return False
    try:
        with os.fdopen(bestand, "wb", closefd=False) as schrijver:
            schrijver.write(inhoud)
        if duurzaam:
            os.fsync(bestand)
        doelmap = os.open(map_, os.O_RDONLY)
        try:  # linkat(AT_SYMLINK_FOLLOW) of the open file: see open(2) on O_TMPFILE
            os.link(f"/proc/self/fd/{bestand}", naam, dst_dir_fd=doelmap, follow_symlinks=True)
        finally:
            os.close(doelmap)
    except OSError:  # the name exists (FileExistsError), or no /proc: the other way
        return False
    finally:
        os.close(bestand)
    return True


def archiveer_alle(paden: list[Path], m: Mappen) -> None:
    """Archive ``paden``, holding the archive's lock: a worker for other aanbieders may archive
    into the same folder, and two files must never get the same free name."""
    if not paden:
        return
    map_ = os.open(m.archief, os.O_RDONLY)
    try:
        fcntl.flock(map_, fcntl.LOCK_EX)  # released on close, also when the process is killed
        for pad in paden:
            archiveer(pad, m)
    finally:
        os.close(map_)


def archiveer(pad: Path, m: Mappen) -> None:
    doel = m.archief / pad.name
    teller = 1
    while doel.exists():
        doel = m.archief / f"{pad.stem}.{teller}{pad.suffix}"
        teller += 1
    os.replace(pad, doel)
