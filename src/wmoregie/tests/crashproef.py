"""Crash safety (#14 C.4): ``kill -9`` at random moments during an iWmo ingest and during tender
submissions, then a check that nothing was lost, duplicated or half-written.

Shared by the test (small: ``test_crashproef.py``) and the runnable check
``benchmarks/crash_proef.py`` (10,000 messages, 20 kills each; its figures are in
docs/security.md).

Every run has a database of its own (:func:`~wmoregie.tests.databases.wegwerp_database`:
PostgreSQL when ``DATABASE_URL`` points there, else a SQLite file) and folders of its own. The
work runs as ``manage.py`` in a subprocess; the harness waits until the work has reached a
random point (targets drawn over the whole run, plus a random delay of up to ``jitter`` seconds,
so a kill falls anywhere: in a transaction, in the commit, between commit and archiving, while
a file is written, during start-up), sends ``SIGKILL`` and starts the work again. After every
kill and at the end a fresh subprocess inspects the database and the folders (:func:`stand`)
and prints what it found as JSON, so a state that is only wrong *between* two runs is caught
too.

**Ingest**: ``iwmo_ingest`` over an inbox of distinct valid messages (WMO315 from three
aanbieders). Lost: a message neither stored nor still in the inbox (archived without being
stored, or gone). Duplicated: a message stored, archived or answered twice. Half-written: a
stored message whose content, retour file in the outbox or history facts are missing or differ,
an archived file that differs from what came in, a retour file that is not the stored one.

**Tender submission**: every registration of a procedure (built through the services, so its
status history is a valid chain) uploads its UEA and its GVA (``voeg_document_toe``) and is
submitted (``dien_in``); a worker (``werk_indiening``) resumes where the database says it is,
as a registrant would after an error page. Duplicated: a second document of a kind, a second
submission, a second audit entry for one action. Half-written: a document whose file is missing,
does not decrypt or differs from what was uploaded, a submission without its documents or its
audit entry, an audit entry without its row. And ``verifieer_auditlog --anker-bestand`` must
pass after every kill: what was committed and anchored stays there, the chains stay whole.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

SRC = Path(__file__).resolve().parents[2]
GEMEENTE = "0307"
AANBIEDERS = ("87000000", "87000037", "87000074")
KENMERK = "RA-CRASH-01"
STAPPEN_PER_INSCHRIJVING = 3  # UEA, GVA, submission


@dataclass
class Uitslag:
    """The figures of one run (what the check prints)."""

    proef: str
    database: str
    variant: str = ""
    kills: int = 0
    te_verwerken: int = 0  # messages in the inbox / registrations to submit
    opgeslagen: int = 0  # messages stored / registrations submitted
    verloren: int = 0
    dubbel: int = 0
    half: int = 0
    anders: int = 0  # stored with another outcome than a run without kills gives
    wees: int = 0  # files written before a commit that never came (no row refers to them)
    wees_over: int = 0  # ... left after ``ruim_weesbestanden`` at the end
    vooruit: int = 0  # retours in the outbox ahead of their commit, seen after a kill
    vooruit_anders: int = 0  # ... rewritten by the rerun with other bytes
    keten_fouten: int = 0  # verifieer_auditlog runs that failed
    controles: int = 0  # state checks made (after every kill and at the end)
    seconden: float = 0.0
    details: list[str] = field(default_factory=list)

    @property
    def in_orde(self) -> bool:
        return not (
            self.verloren or self.dubbel or self.half or self.anders or self.keten_fouten
            or self.vooruit_anders or self.wees_over or self.opgeslagen != self.te_verwerken
        )  # fmt: skip

    def regels(self) -> list[str]:
        if self.proef == "ingest":
            eerst = [
                f"berichten in de inbox   {self.te_verwerken:>8,}",
                f"berichten opgeslagen    {self.opgeslagen:>8,}",
            ]
        else:
            eerst = [
                f"inschrijvingen          {self.te_verwerken:>8,}",
                f"volledig ingediend      {self.opgeslagen:>8,}",
            ]
        regels = [
            f"== {self.proef} ({self.database}{self.variant}): kill -9, {self.kills} keer",
            f"kills                   {self.kills:>8,}",
            *eerst,
            f"verloren                {self.verloren:>8,}",
            f"dubbel                  {self.dubbel:>8,}",
            f"half geschreven         {self.half:>8,}",
            f"andere uitkomst         {self.anders:>8,}",
        ]
        if self.proef == "ingest":
            regels.append(
                f"retour vóór commit      {self.vooruit:>8,}  (na herstart identiek: "
                f"{self.vooruit - self.vooruit_anders:,})"
            )
        else:
            regels += [
                f"wees-bestanden          {self.wees:>8,}  (versleuteld, geen rij verwijst ernaar; "
                f"na ruim_weesbestanden: {self.wees_over})",
                f"verifieer_auditlog fout {self.keten_fouten:>8,}  (van {self.controles} controles)",
            ]
        regels += [
            f"controles               {self.controles:>8,}",
            f"duur                    {self.seconden:>8.1f} s",
            f"uitslag                 {'IN ORDE' if self.in_orde else 'FOUT'}",
        ]
        return regels + [f"  - {d}" for d in self.details[:20]]


# --- the harness (parent process) ----------------------------------------------------------


def _omgeving(url: str, media: Path, extra: dict | None = None) -> dict[str, str]:
    return (
        os.environ
        | (extra or {})
        | {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "wmoregie.conf.test",
            "MEDIA_ROOT": str(media),
            "PYTHONUNBUFFERED": "1",
        }
    )


def _manage(
    url: str, media: Path, log: Path, *args: str, extra: dict | None = None
) -> subprocess.Popen:
    with open(log, "ab") as fouten:  # the child keeps its own copy
        return subprocess.Popen(
            [sys.executable, str(SRC / "manage.py"), *args],
            env=_omgeving(url, media, extra),
            stdout=subprocess.PIPE,
            stderr=fouten,
            text=True,
        )


def _draai(
    url: str, media: Path, log: Path, *args: str, extra: dict | None = None, timeout=3600
) -> str:
    proces = _manage(url, media, log, *args, extra=extra)
    uit, _ = proces.communicate(timeout=timeout)
    if proces.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)}: {proces.returncode}\n{_staart(log)}")
    return uit


def _staart(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:] if log.exists() else ""


def _shell(url: str, media: Path, log: Path, code: str, **args) -> dict:
    """Run ``code`` (a call into this module) in ``manage.py shell``; returns its JSON line."""
    code = f"from wmoregie.tests import crashproef; {code}"
    uit = _draai(url, media, log, "shell", "-c", code, extra={"CRASHPROEF_ARGS": json.dumps(args)})
    return json.loads(uit.strip().splitlines()[-1])


def _args() -> dict:
    return json.loads(os.environ["CRASHPROEF_ARGS"])


def _kill_reeks(
    start: Callable[[], subprocess.Popen],
    voortgang: Callable[[subprocess.Popen], int | None],
    doelen: list[int],
    *,
    jitter: float,
    rng: random.Random,
    log: Path,
    na_kill: Callable[[], None],
) -> int:
    """Start the work, kill it when it reached the next target (plus a random delay), check,
    start again; at the end let it finish. Returns the number of kills made while it ran.

    ``voortgang`` is the progress (None: this process has not reported yet); a process is
    only killed once its progress passed what it was when the process started, so every kill
    falls in work, not in Django's start-up."""
    kills = 0
    for doel in doelen:
        proces = start()
        deadline = time.monotonic() + 1800
        begin = voortgang(proces)
        begin = -1 if begin is None else begin
        while proces.poll() is None:
            # at the target, and this process has done work (a kill during start-up tells little)
            stand = voortgang(proces)
            if stand is not None and stand >= doel and stand > begin:
                break
            if time.monotonic() > deadline:
                proces.kill()
                raise RuntimeError(f"geen voortgang naar {doel}\n{_staart(log)}")
            time.sleep(0.01)
        time.sleep(rng.uniform(0, jitter))
        if proces.poll() is not None:  # finished before the target: nothing left to kill
            if proces.returncode != 0:
                raise RuntimeError(f"het werk faalde ({proces.returncode})\n{_staart(log)}")
            return kills
        proces.send_signal(signal.SIGKILL)
        proces.wait(timeout=30)
        kills += 1
        na_kill()
    laatste = start()
    laatste.wait(timeout=3600)
    if laatste.returncode != 0:
        raise RuntimeError(f"de laatste run faalde ({laatste.returncode})\n{_staart(log)}")
    return kills


def _doelen(rng: random.Random, totaal: int, kills: int) -> list[int]:
    """``kills`` distinct points of progress over the first 90 % of the work (the random
    delay after each may carry it further; the last kill must still find work running)."""
    return sorted(rng.sample(range(1, max(kills + 1, totaal * 9 // 10)), kills))


def _tel_bestanden(map_: Path) -> int:
    with os.scandir(map_) as namen:
        return sum(1 for n in namen if not n.name.startswith("."))


def _database_naam(url: str) -> str:
    return "PostgreSQL" if url.startswith("postgres") else "SQLite"


# --- iWmo ingest -------------------------------------------------------------------------


class _Mappen(NamedTuple):  # as ``uitwisseling.mappen``, without Django in the harness
    inbox: Path
    outbox: Path
    archief: Path


def maak_berichten(aantal: int) -> list[bytes]:
    """``aantal`` distinct valid WMO315 messages, each of a client of its own."""
    from iwmo.berichten import build
    from iwmo.tests import factories

    berichten = []
    for i in range(aantal):
        bericht = factories.wmo315_bericht(referentie_aanbieder=f"VOT-{i}")
        bericht.header.bericht_identificatie.identificatie = f"A{i}"
        bericht.header.afzender = AANBIEDERS[i % len(AANBIEDERS)]
        bericht.client.bsn = factories.bsn(i)
        berichten.append(build(bericht))
    return berichten


def ingest_proef(
    werkmap: Path,
    url: str,
    *,
    berichten: int = 10_000,
    kills: int = 20,
    per_transactie: int = 1,
    pauze_ms: float = 0.0,
    jitter: float = 0.3,
    seed: int = 14,
    melden: Callable[[str], None] = lambda _: None,
) -> Uitslag:
    """Ingest ``berichten`` messages, killing the ingest ``kills`` times; see the module."""
    begin = time.monotonic()
    rng = random.Random(seed)
    uitslag = Uitslag("ingest", _database_naam(url), te_verwerken=berichten)
    uitslag.variant = f", {per_transactie} per transactie"
    log, media, basis = werkmap / "ingest.log", werkmap / "media", werkmap / "hub"
    media.mkdir(parents=True, exist_ok=True)
    m = _Mappen(*(basis / GEMEENTE / naam for naam in ("inbox", "outbox", "archief")))
    for map_ in m:
        map_.mkdir(parents=True, exist_ok=True)
    originelen = {}
    for i, data in enumerate(maak_berichten(berichten)):
        naam = f"{i:05d}.xml"
        (m.inbox / naam).write_bytes(data)
        originelen[hashlib.sha256(data).hexdigest()] = naam
    (werkmap / "originelen.json").write_text(json.dumps(originelen))
    melden(f"{berichten} berichten in {m.inbox}")
    _draai(url, media, log, "migrate", "--no-input")

    vooruit: dict[str, str] = {}

    def controleer(definitief: bool) -> dict:
        gevonden = _shell(
            url, media, log, "crashproef.toon_stand_ingest()", basis=str(basis),
            originelen=str(werkmap / "originelen.json"), definitief=definitief,
        )  # fmt: skip
        uitslag.controles += 1
        for soort in ("verloren", "dubbel", "half", "anders"):
            setattr(uitslag, soort, getattr(uitslag, soort) + gevonden[soort])
        uitslag.details += gevonden["details"]
        vooruit.update(gevonden["vooruit"])
        return gevonden

    def na_kill():
        gevonden = controleer(False)
        melden(
            f"kill {uitslag.kills + 1}: {gevonden['in_inbox']} in de inbox, "
            f"{gevonden['opgeslagen']} opgeslagen, {len(gevonden['vooruit'])} retour vóór commit"
        )
        uitslag.kills += 1

    args = ["iwmo_ingest", "--map", str(basis), "--gemeente", GEMEENTE, "--datum", "2026-01-05"]
    args += ["--per-transactie", str(per_transactie), "--pauze-ms", str(pauze_ms)]
    doelen = _doelen(rng, berichten, kills)
    _kill_reeks(
        lambda: _manage(url, media, log, *args),
        lambda _: _tel_bestanden(m.archief),
        doelen,
        jitter=jitter,
        rng=rng,
        log=log,
        na_kill=na_kill,
    )
    eind = controleer(True)
    uitslag.opgeslagen = eind["opgeslagen"] - eind["dubbel_opgeslagen"]
    uitslag.vooruit = len(vooruit)
    for naam, sha in vooruit.items():  # a retour seen ahead of its commit, and as rewritten
        pad = m.outbox / naam
        if not pad.exists() or hashlib.sha256(pad.read_bytes()).hexdigest() != sha:
            uitslag.vooruit_anders += 1
            uitslag.details.append(f"retour {naam} na de herstart anders dan vóór de kill")
    uitslag.seconden = time.monotonic() - begin
    return uitslag


def toon_stand_ingest() -> None:
    """In ``manage.py shell``: print :func:`stand_ingest` of the arguments as one JSON line."""
    args = _args()
    originelen = json.loads(Path(args["originelen"]).read_text())
    print(json.dumps(stand_ingest(Path(args["basis"]), originelen, args["definitief"])))


def stand_ingest(basis: Path, originelen: dict[str, str], definitief: bool) -> dict:
    """What the database and the folders hold now (see the module docstring).

    After a kill (``definitief`` false) messages may still wait in the inbox and a retour may
    be in the outbox ahead of its commit (the rerun writes it again under the same name); at
    the end every message must be stored once, archived once and answered once."""
    from wmoregie.iwmo.models import Bericht, BerichtStatus, Feit
    from wmoregie.iwmo.uitwisseling import mappen

    m = mappen(basis, GEMEENTE)
    details: list[str] = []
    half = dubbel = anders = 0
    rijen = Bericht.objects.filter(gemeente=GEMEENTE).values_list(
        "bestandsnaam", "inhoud_sha256", "inhoud", "status", "retour_bestandsnaam",
        "retour_xml", "retour_geschreven_op",
    )  # fmt: skip
    opgeslagen: Counter = Counter()
    retouren: set[str] = set()
    geaccepteerd = 0
    for naam, sha, inhoud, status, retour_naam, retour_xml, geschreven in rijen:
        opgeslagen[sha] += 1
        if sha not in originelen or hashlib.sha256(bytes(inhoud)).hexdigest() != sha:
            half += 1
            details.append(f"bericht {naam}: opgeslagen inhoud wijkt af van wat binnenkwam")
        if status != BerichtStatus.GEACCEPTEERD:
            anders += 1
            details.append(f"bericht {naam}: {status} in plaats van geaccepteerd")
        geaccepteerd += status == BerichtStatus.GEACCEPTEERD
        if not retour_naam or geschreven is None:
            half += 1
            details.append(f"bericht {naam}: opgeslagen zonder retour")
            continue
        retouren.add(retour_naam)
        pad = m.outbox / retour_naam
        if not pad.exists() or pad.read_bytes() != bytes(retour_xml):
            half += 1
            details.append(f"bericht {naam}: retour {retour_naam} ontbreekt of wijkt af")
    dubbel_opgeslagen = sum(n - 1 for n in opgeslagen.values())
    dubbel += dubbel_opgeslagen
    feiten = Feit.objects.filter(soort="referentie", gemeente=GEMEENTE).count()
    if feiten != geaccepteerd:  # one reference fact per accepted 315, in the same transaction
        half += abs(feiten - geaccepteerd)
        details.append(f"{feiten} referentiefeiten bij {geaccepteerd} geaccepteerde berichten")

    def shas(map_: Path) -> Counter:
        with os.scandir(map_) as namen:
            return Counter(
                hashlib.sha256(Path(n.path).read_bytes()).hexdigest()
                for n in namen
                if not n.name.startswith(".")
            )

    inbox, archief = shas(m.inbox), shas(m.archief)
    for sha, aantal in archief.items():
        if sha not in originelen:
            half += aantal
            details.append("een bestand in het archief wijkt af van elk binnengekomen bericht")
        elif sha not in opgeslagen:
            details.append(f"{originelen[sha]} gearchiveerd maar niet opgeslagen")
        if aantal > 1:
            dubbel += aantal - 1
            details.append(f"{originelen.get(sha, sha)} {aantal} keer in het archief")
    verloren = 0
    for sha, naam in originelen.items():
        if sha not in opgeslagen and (definitief or sha not in inbox):
            verloren += 1
            details.append(f"{naam}: niet opgeslagen en niet meer in de inbox")
        elif sha in inbox and sha in archief:
            dubbel += 1
            details.append(f"{naam}: in de inbox en in het archief")
        elif sha not in archief and (definitief or sha not in inbox):
            verloren += 1
            details.append(f"{naam}: opgeslagen, maar niet gearchiveerd en niet in de inbox")
    vooruit, tijdelijk = {}, 0
    with os.scandir(m.outbox) as namen:
        for n in namen:
            if n.name.startswith(".tmp-"):
                tijdelijk += 1
            elif n.name not in retouren:
                vooruit[n.name] = hashlib.sha256(Path(n.path).read_bytes()).hexdigest()
    if definitief and (vooruit or tijdelijk):
        half += len(vooruit) + tijdelijk
        details.append(f"{len(vooruit)} retouren zonder bericht, {tijdelijk} tijdelijke bestanden")
    return {
        "opgeslagen": sum(opgeslagen.values()),
        "dubbel_opgeslagen": dubbel_opgeslagen,
        "in_inbox": sum(inbox.values()),
        "verloren": verloren,
        "dubbel": dubbel,
        "half": half,
        "anders": anders,
        "vooruit": vooruit,
        "details": details[:20],
    }


# --- tender submission -------------------------------------------------------------------

#: The moments of the run, inside the seed's planning (``termijnen.demo_planning``).
PUBLICATIE = (2025, 6, 2, 9)
AANMELDING = (2025, 6, 10, 10)
INDIENING = (2025, 6, 27, 15)


def _moment(delen: tuple[int, ...]) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(*delen))


def verwachte_inhoud(inschrijving_id: int, soort: str) -> bytes:
    """The file a registration uploads for a document kind (distinct per registration)."""
    from wmoregie.bestandscontrole import eenvoudige_pdf

    return eenvoudige_pdf(f"crashproef {KENMERK}: inschrijving {inschrijving_id}, {soort}")


def bereid_indiening_voor(aantal: int) -> None:
    """A procedure in its selection phase with ``aantal`` registrations, built through the
    services (publication via ``wijzig_status``: its status history is a valid chain)."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from wmoregie.aanbestedingen import services, termijnen
    from wmoregie.aanbestedingen.constants import (
        Aanbestedingsdocumentsoort,
        Beoordelingsmethode,
        Inschrijvingsoort,
        Status,
    )
    from wmoregie.aanbestedingen.demo import CRITERIA, GESCHIKTHEIDSEISEN, PERCEEL
    from wmoregie.accounts.constants import Organisatiesoort
    from wmoregie.accounts.models import Organisatie, User
    from wmoregie.bestandscontrole import eenvoudige_pdf
    from wmoregie.catalogi.models import Perceel
    from wmoregie.catalogi.services import importeer_catalogus, lees_json
    from wmoregie.demo import CATALOGUS

    with transaction.atomic():
        importeer_catalogus(lees_json(CATALOGUS.read_bytes()))
        perceel = Perceel.objects.get(code=PERCEEL)
        inkoper = User.objects.create_user("crash-inkoper")
        planning = termijnen.demo_planning()
        aanbesteding = services.maak_aanbesteding(
            gebruiker=inkoper, regio=perceel.regio, percelen=[perceel], kenmerk=KENMERK,
            naam="Crashproef", omschrijving="Kill -9 tijdens het indienen.",
            **{veld: getattr(planning, veld) for veld in planning.__dataclass_fields__},
        )  # fmt: skip
        for soort in Aanbestedingsdocumentsoort:
            if soort != Aanbestedingsdocumentsoort.OVERIG:
                services.plaats_aanbestedingsdocument(
                    aanbesteding,
                    ContentFile(eenvoudige_pdf(soort.value), name=f"{soort.value}.pdf"),
                    soort=soort,
                    gebruiker=inkoper,
                    nu=_moment((2025, 5, 28, 10)),
                )
        for naam, bewijs in GESCHIKTHEIDSEISEN:
            services.voeg_geschiktheidseis_toe(
                aanbesteding, gebruiker=inkoper, naam=naam, bewijs=bewijs
            )
        services.stel_beoordelingsmethode_vast(
            aanbesteding, gebruiker=inkoper, methode=Beoordelingsmethode.KWALITEIT
        )
        for code, naam, weging in CRITERIA:
            services.voeg_criterium_toe(
                aanbesteding, gebruiker=inkoper, code=code, naam=naam, weging=Decimal(weging)
            )
        services.wijzig_status(
            aanbesteding, Status.SELECTIEFASE, gebruiker=inkoper, nu=_moment(PUBLICATIE)
        )
        inschrijver = User.objects.create_user("crash-inschrijver")
        for i in range(aantal):
            organisatie = Organisatie.objects.create(
                kvk_nummer=f"{91000000 + i:08d}",
                naam=f"Zorgaanbieder {i} (crashproef)",
                soort=Organisatiesoort.AANBIEDER,
            )
            services.schrijf_in(
                aanbesteding, organisatie=organisatie, soort=Inschrijvingsoort.HOOFDAANNEMER,
                gebruiker=inschrijver, nu=_moment(AANMELDING),
            )  # fmt: skip
    print(json.dumps({"aanbesteding": aanbesteding.pk, "inschrijvingen": aantal}))


def werk_indiening() -> None:
    """Upload the UEA and the GVA of every registration and submit it, one registration after
    another, resuming from what the database holds. Prints the number of steps done after
    each step (for the harness)."""
    from django.core.files.base import ContentFile

    from wmoregie.aanbestedingen import services
    from wmoregie.aanbestedingen.constants import LEIDENDE_ROLLEN, Documentsoort
    from wmoregie.aanbestedingen.models import Inschrijving
    from wmoregie.accounts.models import User

    inschrijver = User.objects.get(username="crash-inschrijver")
    inschrijvingen = list(Inschrijving.objects.filter(aanbesteding__kenmerk=KENMERK).order_by("pk"))
    klaar = {
        (i, s)
        for i, s in Inschrijving.objects.filter(aanbesteding__kenmerk=KENMERK).values_list(
            "pk", "documenten__soort"
        )
        if s
    } | {
        (i, "ingediend")
        for i in Inschrijving.objects.filter(
            aanbesteding__kenmerk=KENMERK, indieningen__isnull=False
        ).values_list("pk", flat=True)
    }
    gedaan = len(klaar)
    print(f"stand {gedaan}", flush=True)
    for inschrijving in inschrijvingen:
        leidend = inschrijving.partijen.get(rol__in=LEIDENDE_ROLLEN)
        for soort in (Documentsoort.UEA, Documentsoort.GVA):
            if (inschrijving.pk, soort) in klaar:
                continue
            services.voeg_document_toe(
                inschrijving,
                ContentFile(verwachte_inhoud(inschrijving.pk, soort), name=f"{soort}.pdf"),
                gebruiker=inschrijver, soort=soort, partij=leidend, ondertekend=True,
                afgiftedatum=date(2025, 3, 3) if soort == Documentsoort.GVA else None,
                nu=_moment(INDIENING),
            )  # fmt: skip
            gedaan += 1
            print(f"stand {gedaan}", flush=True)
        if (inschrijving.pk, "ingediend") not in klaar:
            services.dien_in(
                inschrijving, gebruiker=inschrijver, ondanks_open_punten=True,
                nu=_moment(INDIENING),
            )  # fmt: skip
            gedaan += 1
            print(f"stand {gedaan}", flush=True)


def toon_stand_indiening() -> None:
    args = _args()
    print(json.dumps(stand_indiening(Path(args["anker"]))))


def stand_indiening(anker: Path) -> dict:
    """What the database and the media folder hold now, and whether ``verifieer_auditlog``
    (with the anchors of the previous check) passes."""
    from io import StringIO

    from django.conf import settings
    from django.core.management import CommandError, call_command

    from wmoregie.aanbestedingen.constants import Documentsoort
    from wmoregie.aanbestedingen.models import Aanbesteding, Document, Indiening
    from wmoregie.audit.models import AuditEntry

    details: list[str] = []
    half = dubbel = verloren = 0
    aanbesteding = Aanbesteding.objects.get(kenmerk=KENMERK)
    inschrijvingen = list(aanbesteding.inschrijvingen.values_list("pk", flat=True))
    documenten: dict[tuple[int, str], list[Document]] = {}
    for document in Document.objects.filter(inschrijving__aanbesteding=aanbesteding):
        documenten.setdefault((document.inschrijving_id, document.soort), []).append(document)
    indieningen = Counter(
        Indiening.objects.filter(inschrijving__aanbesteding=aanbesteding).values_list(
            "inschrijving_id", flat=True
        )
    )
    audit = Counter(
        AuditEntry.objects.filter(
            actie__in=["document.ontvangen", "inschrijving.ingediend"]
        ).values_list("actie", "object_id")
    )
    for (inschrijving_id, soort), lijst in documenten.items():
        if len(lijst) > 1:
            dubbel += len(lijst) - 1
            details.append(f"inschrijving {inschrijving_id}: {len(lijst)} keer {soort}")
        for document in lijst:
            verwacht = verwachte_inhoud(inschrijving_id, soort)
            try:
                with document.bestand.open("rb") as bestand:
                    data = bestand.read()
            except Exception as fout:
                data = None
                details.append(f"document {document.pk}: niet te lezen ({fout.__class__.__name__})")
            if data != verwacht or document.grootte != len(verwacht):
                half += 1
                details.append(f"document {document.pk}: bestand ontbreekt of wijkt af")
            n = audit[("document.ontvangen", str(document.pk))]
            if n != 1:
                half += n == 0
                dubbel += max(0, n - 1)
                details.append(f"document {document.pk}: {n} auditregels")
    ingediend = 0
    for inschrijving_id in inschrijvingen:
        n_indiening = indieningen[inschrijving_id]
        n_audit = audit[("inschrijving.ingediend", str(inschrijving_id))]
        if n_indiening > 1 or n_audit > 1:
            dubbel += max(n_indiening, n_audit) - 1
            details.append(
                f"inschrijving {inschrijving_id}: {n_indiening}× ingediend, {n_audit} auditregels"
            )
        if n_indiening != n_audit:
            half += 1
            details.append(f"inschrijving {inschrijving_id}: indiening en auditregel horen samen")
        if n_indiening:
            ingediend += 1
            if not all(
                (inschrijving_id, s) in documenten for s in (Documentsoort.UEA, Documentsoort.GVA)
            ):
                half += 1
                details.append(f"inschrijving {inschrijving_id}: ingediend zonder UEA en GVA")
    # files of these registrations in the media folder that no row refers to
    bekend = {d.bestand.name for lijst in documenten.values() for d in lijst}
    map_ = Path(settings.MEDIA_ROOT) / "aanbestedingen" / str(aanbesteding.pk)
    bestanden = {
        str(p.relative_to(settings.MEDIA_ROOT))
        for inschrijving_id in inschrijvingen
        for p in (map_ / str(inschrijving_id)).glob("*")
        if p.is_file()
    }
    wees = sorted(bestanden - bekend)
    for ontbreekt in sorted(bekend - bestanden):
        verloren += 1
        details.append(f"{ontbreekt}: staat in de database, niet in de mediamap")
    uit, fout = StringIO(), StringIO()
    try:
        call_command("verifieer_auditlog", anker_bestand=anker, stdout=uit, stderr=fout)
        keten = ""
    except CommandError as e:
        keten = f"{e} {fout.getvalue()}"
        details.append(f"verifieer_auditlog: {keten}")
    return {
        "inschrijvingen": len(inschrijvingen),
        "ingediend": ingediend,
        "stappen": sum(len(lijst) for lijst in documenten.values()) + sum(indieningen.values()),
        "verloren": verloren,
        "dubbel": dubbel,
        "half": half,
        "wees": wees,
        "keten": keten,
        "keten_uitvoer": uit.getvalue().strip().splitlines()[-1:],
        "details": details[:20],
    }


def indiening_proef(
    werkmap: Path,
    url: str,
    *,
    inschrijvingen: int = 60,
    kills: int = 20,
    jitter: float = 0.4,
    seed: int = 14,
    melden: Callable[[str], None] = lambda _: None,
) -> Uitslag:
    """Submit ``inschrijvingen`` registrations, killing the worker ``kills`` times."""
    begin = time.monotonic()
    rng = random.Random(seed)
    uitslag = Uitslag("indiening", _database_naam(url), te_verwerken=inschrijvingen)
    log, media, anker = werkmap / "indiening.log", werkmap / "media", werkmap / "ankers.json"
    media.mkdir(parents=True, exist_ok=True)
    _draai(url, media, log, "migrate", "--no-input")
    _shell(
        url,
        media,
        log,
        "crashproef.bereid_indiening_voor(crashproef._args()['n'])",
        n=inschrijvingen,
    )
    melden(f"{inschrijvingen} inschrijvingen klaar om in te dienen")
    wees: set[str] = set()

    def controleer() -> dict:
        gevonden = _shell(url, media, log, "crashproef.toon_stand_indiening()", anker=str(anker))
        uitslag.controles += 1
        for soort in ("verloren", "dubbel", "half"):
            setattr(uitslag, soort, getattr(uitslag, soort) + gevonden[soort])
        uitslag.keten_fouten += bool(gevonden["keten"])
        uitslag.details += gevonden["details"]
        wees.update(gevonden["wees"])
        return gevonden

    controleer()  # the anchors of the prepared state
    stand: dict[int, int] = {}  # per worker process: the steps done that it last reported
    regels: queue.Queue = queue.Queue()

    def start() -> subprocess.Popen:
        proces = _manage(
            url,
            media,
            log,
            "shell",
            "-c",
            "from wmoregie.tests import crashproef; crashproef.werk_indiening()",
        )

        def lees(uit=proces.stdout, pid=proces.pid):
            for regel in uit:
                regels.put((pid, regel))

        threading.Thread(target=lees, daemon=True).start()
        return proces

    def voortgang(proces) -> int | None:
        while not regels.empty():
            pid, regel = regels.get_nowait()
            if regel.startswith("stand "):
                stand[pid] = int(regel.split()[1])
        return stand.get(proces.pid)

    def na_kill():
        gevonden = controleer()
        melden(
            f"kill {uitslag.kills + 1}: {gevonden['ingediend']} ingediend, "
            f"{gevonden['stappen']} stappen, {len(gevonden['wees'])} wees-bestanden"
            + (f", KETEN: {gevonden['keten']}" if gevonden["keten"] else "")
        )
        uitslag.kills += 1

    totaal = inschrijvingen * STAPPEN_PER_INSCHRIJVING
    doelen = _doelen(rng, totaal, kills)
    _kill_reeks(start, voortgang, doelen, jitter=jitter, rng=rng, log=log, na_kill=na_kill)
    eind = controleer()
    uitslag.opgeslagen = eind["ingediend"]
    uitslag.wees = len(wees)
    # the work is done, no transaction runs: every orphan can go, and nothing else may
    _draai(url, media, log, "ruim_weesbestanden", "--verwijder", "--ouder-dan-minuten", "0")
    na = controleer()
    uitslag.wees_over = len(na["wees"])
    if na["ingediend"] != eind["ingediend"] or na["stappen"] != eind["stappen"]:
        uitslag.half += 1
        uitslag.details.append("ruim_weesbestanden nam meer weg dan weesbestanden")
    if eind["stappen"] != totaal:
        uitslag.details.append(f"{eind['stappen']} van {totaal} stappen gedaan")
    uitslag.seconden = time.monotonic() - begin
    return uitslag
