"""Synthetic data at the size of the whole country, for the monitoring's performance work.

``genereer`` writes municipalities, inhabitants, clients, referrals, trajectories and iWmo
messages (``iwmo.Bericht`` with its ``clienten.Trajectbericht``) into the project's own tables,
reproducibly from a seed: the same seed, counts and starting database give the same rows.

Rows are made in blocks of clients and written per block, so memory stays bounded whatever the
scale. On PostgreSQL a block goes in with COPY (psycopg's ``cursor.copy``) and is committed; on
SQLite (small scales only) with the ORM's ``bulk_create``. Ids are reserved after the highest id
present, so the rows of one block can refer to each other before they are written; the
sequences are moved past them at the end.

Nothing here is about real people: names, addresses and BSNs are made up (a BSN here is
"1" followed by eight digits and does not pass the elfproef on purpose).
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db import DatabaseError, connection, models, transaction
from django.db.models import Max

from wmoregie.catalogi.models import Gemeente, Product, Regio
from wmoregie.clienten.constants import (
    AanmeldingStatus,
    Antwoordstatus,
    Berichtrichting,
    RedenBeeindiging,
    TrajectStatus,
)
from wmoregie.clienten.models import Aanmelding, Client, Traject, Trajectbericht, Verwijsbron
from wmoregie.contracten.models import Overeenkomst
from wmoregie.iwmo.models import Bericht, BerichtStatus

from .cijfers import samenvatting, samenvatting_berichten, wachtstand
from .models import Inwonertal

CODE_START = 9000  # synthetic municipality codes 9000, 9001, …: not used by CBS
NAAM_VOORVOEGSEL = "Synthetische gemeente"


@dataclass(frozen=True)
class Schaal:
    gemeenten: int
    clienten: int
    trajecten: int
    berichten: int


SCHALEN = {
    "landelijk": Schaal(
        gemeenten=342, clienten=1_000_000, trajecten=3_000_000, berichten=10_000_000
    ),
    "regio": Schaal(gemeenten=20, clienten=50_000, trajecten=150_000, berichten=500_000),
    "klein": Schaal(gemeenten=5, clienten=300, trajecten=900, berichten=3_000),
}
# above this many rows SQLite is refused: it is not the production database and too slow
SQLITE_MAX_CLIENTEN = 20_000


class GeenBasis(Exception):
    """The database lacks what the synthetic data hangs on (region, agreement, source)."""


class OngeschikteDatabase(Exception):
    pass


@dataclass(frozen=True)
class Uitkomst:
    gemeenten: int
    clienten: int
    trajecten: int
    berichten: int


# --- writing ------------------------------------------------------------------------------------


class Tabel:
    """Column order and defaults of one model, to make rows as tuples in that order."""

    def __init__(self, model: type[models.Model]):
        self.model = model
        self.velden = list(model._meta.concrete_fields)
        self.kolommen = [f.column for f in self.velden]
        self.attnames = [f.attname for f in self.velden]
        self.index = {f.attname: i for i, f in enumerate(self.velden)}
        standaard = []
        for f in self.velden:
            if f.has_default() and not callable(f.default):
                standaard.append(f.default)
            elif f.null:
                standaard.append(None)
            elif isinstance(f, models.BinaryField):
                standaard.append(b"")
            elif f.empty_strings_allowed:
                standaard.append("")
            else:
                standaard.append(None)
        self.standaard = standaard

    def rij(self, **waarden) -> tuple:
        rij = list(self.standaard)
        for naam, waarde in waarden.items():
            rij[self.index[naam]] = waarde
        return tuple(rij)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _schrijf(tabel: Tabel, rijen: list[tuple]) -> None:
    if not rijen:
        return
    if _postgres():
        kolommen = ", ".join(connection.ops.quote_name(k) for k in tabel.kolommen)
        naam = connection.ops.quote_name(tabel.model._meta.db_table)
        sql = f"COPY {naam} ({kolommen}) FROM STDIN"  # names from the models
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for rij in rijen:
                copy.write_row(rij)
    else:
        tabel.model.objects.bulk_create(
            [tabel.model(**dict(zip(tabel.attnames, rij, strict=True))) for rij in rijen],
            batch_size=500,
        )


def _sessie(sql: str) -> None:
    """A session setting that may be refused (not a superuser): then nothing changes."""
    with (
        contextlib.suppress(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


def _volgende_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1


def _zet_reeksen(modellen: list[type[models.Model]]) -> None:
    """Move the id sequences past the ids written here (PostgreSQL; SQLite follows max(id))."""
    if not _postgres():
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), modellen):
            cursor.execute(sql)


# --- the data -----------------------------------------------------------------------------------

ACHTERNAMEN = ("de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser")
ACHTERNAMEN += ("Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters")
STRATEN = ["Dorpsstraat", "Kerkstraat", "Schoolstraat", "Molenweg", "Stationsweg", "Julianalaan"]
BERICHTTYPEN = (  # (type, direction, weight)
    ("wmo315", Berichtrichting.NAAR_GEMEENTE, 4),
    ("wmo301", Berichtrichting.NAAR_AANBIEDER, 3),
    ("wmo305", Berichtrichting.NAAR_GEMEENTE, 2),
    ("wmo307", Berichtrichting.NAAR_GEMEENTE, 1),
)
RETOURCODES = ("0200", "8001", "8124", "8948", "9306")
REDENEN = [r.value for r in RedenBeeindiging]


def _basis():
    regio = Regio.objects.order_by("pk").first()
    bron = Verwijsbron.objects.order_by("pk").first()
    producten = []
    for product in Product.objects.order_by("pk"):
        overeenkomst = (
            Overeenkomst.objects.filter(perceel_id=product.perceel_id).order_by("pk").first()
        )
        if overeenkomst is not None:
            producten.append((product.pk, overeenkomst.pk))
    if regio is None or bron is None or not producten:
        raise GeenBasis(
            "Er is nog geen regio met een overeenkomst, producten en een verwijsbron. "
            "Laad eerst de demo: python src/manage.py laad_demo"
        )
    return regio, bron, producten


def _gemeenten(regio, aantal: int, rnd: random.Random) -> list[tuple[int, str, int]]:
    """(id, code, inhabitants) of the synthetic municipalities, made when missing."""
    bestaand = dict(
        Gemeente.objects.filter(naam__startswith=NAAM_VOORVOEGSEL).values_list("code", "pk")
    )
    codes = [f"{CODE_START + i:04d}" for i in range(aantal)]
    nieuw = [
        Gemeente(regio=regio, code=code, naam=f"{NAAM_VOORVOEGSEL} {i + 1:03d}")
        for i, code in enumerate(codes)
        if code not in bestaand
    ]
    Gemeente.objects.bulk_create(nieuw)
    ids = dict(Gemeente.objects.filter(code__in=codes).values_list("code", "pk"))
    # inhabitants: a few large cities, many small municipalities (about 18 million in all)
    uitkomst = []
    for code in codes:
        inwoners = int(rnd.lognormvariate(10.5, 0.8)) + 1_000
        uitkomst.append((ids[code], code, inwoners))
    return uitkomst


def _inwonertallen(gemeenten, jaren: range) -> None:
    bestaand = set(
        Inwonertal.objects.filter(gemeente_id__in=[g[0] for g in gemeenten]).values_list(
            "gemeente_id", "jaar"
        )
    )
    Inwonertal.objects.bulk_create(
        [
            Inwonertal(
                gemeente_id=pk,
                jaar=jaar,
                inwoners=inwoners + (jaar - jaren.start) * inwoners // 200,
                bron="synthetisch",
            )
            for pk, _code, inwoners in gemeenten
            for jaar in jaren
            if (pk, jaar) not in bestaand
        ]
    )


def _verdeel(totaal: int, delen: int, rnd: random.Random) -> list[int]:
    """``totaal`` spread over ``delen`` parts of at least 1, about evenly, summing exactly."""
    if delen == 0:
        return []
    basis = [1] * delen
    rest = totaal - delen
    if rest > 0:
        gemiddeld = rest / delen
        for i in range(delen):
            basis[i] += min(rest, int(rnd.expovariate(1 / gemiddeld)) if gemiddeld else 0)
            rest -= basis[i] - 1
            if rest <= 0:
                break
        i = 0
        while rest > 0:  # what the draws left over, round-robin
            basis[i % delen] += 1
            rest -= 1
            i += 1
    return basis


def genereer(
    schaal: Schaal,
    seed: int = 13,
    blok: int = 20_000,
    van: date = date(2022, 1, 1),
    tot: date = date(2026, 12, 31),
    voortgang: Callable[[str], None] | None = None,
) -> Uitkomst:
    """Write ``schaal`` rows; ``blok`` clients (with their trajectories and messages) at a time."""
    if not _postgres() and schaal.clienten > SQLITE_MAX_CLIENTEN:
        raise OngeschikteDatabase(
            f"Deze schaal ({schaal.clienten:,} cliënten) kan alleen in PostgreSQL: SQLite is "
            f"hier voor ten hoogste {SQLITE_MAX_CLIENTEN:,} cliënten. Zet DATABASE_URL naar een "
            "PostgreSQL-database.".replace(",", ".")
        )
    if schaal.trajecten < schaal.clienten:
        raise ValueError("Er zijn minstens zoveel trajecten als cliënten nodig.")
    melden = voortgang or (lambda _tekst: None)
    rnd = random.Random(seed)  # noqa: S311  # nosec B311 (reproducible test data)
    regio, bron, producten = _basis()
    gemeenten = _gemeenten(regio, schaal.gemeenten, rnd)
    _inwonertallen(gemeenten, range(van.year, tot.year + 1))
    gewichten = [g[2] for g in gemeenten]

    tabellen = {m: Tabel(m) for m in (Client, Aanmelding, Traject, Bericht, Trajectbericht)}
    volgende = {m: _volgende_id(m) for m in tabellen}
    dagen = (tot - van).days
    geschreven = Uitkomst(0, 0, 0, 0)
    trajecten_per_client = _verdeel(schaal.trajecten, schaal.clienten, rnd)
    berichten_per_traject_gem = schaal.berichten / schaal.trajecten

    def blokken() -> Iterator[range]:
        for start in range(0, schaal.clienten, blok):
            yield range(start, min(start + blok, schaal.clienten))

    berichten_over = schaal.berichten
    trajecten_over = schaal.trajecten
    if _postgres():
        # skip the foreign-key triggers when allowed (a superuser): the ids are consistent by
        # construction; otherwise the checks stay on
        _sessie("SET session_replication_role = replica")
    try:
        for nummers in blokken():
            rijen: dict[type[models.Model], list[tuple]] = {m: [] for m in tabellen}
            for nummer in nummers:
                client_id = volgende[Client]
                volgende[Client] += 1
                g_id, g_code, _inw = rnd.choices(gemeenten, weights=gewichten)[0]
                geboren = date(1930, 1, 1) + timedelta(days=rnd.randrange(90 * 365))
                aangemaakt = datetime.combine(
                    van + timedelta(days=rnd.randrange(dagen)), time(9), tzinfo=UTC
                )
                rijen[Client].append(
                    tabellen[Client].rij(
                        id=client_id,
                        bsn=f"1{client_id:08d}",
                        voorletters="A.",
                        achternaam=rnd.choice(ACHTERNAMEN),
                        geboortedatum=geboren,
                        geslacht=rnd.choice("1122220"),
                        straat=rnd.choice(STRATEN),
                        huisnummer=rnd.randint(1, 300),
                        postcode=f"{rnd.randint(1000, 9999)}AB",
                        woonplaats=f"Plaats {g_code}",
                        gemeente_id=g_id,
                        aangemaakt_op=aangemaakt,
                    )
                )
                n_trajecten = trajecten_per_client[nummer]
                trajecten_over -= n_trajecten
                vorig = None
                for _t in range(n_trajecten):
                    a_id, t_id = volgende[Aanmelding], volgende[Traject]
                    volgende[Aanmelding] += 1
                    volgende[Traject] += 1
                    product_id, overeenkomst_id = rnd.choice(producten)
                    aangemeld = van + timedelta(days=rnd.randrange(dagen))
                    wacht = int(rnd.expovariate(1 / 30))
                    start = aangemeld + timedelta(days=wacht)
                    if start > tot:
                        start = None
                    eind = None
                    if start is not None and rnd.random() < 0.6:
                        eind = start + timedelta(days=int(rnd.expovariate(1 / 240)))
                        if eind > tot:
                            eind = None
                    status = (
                        TrajectStatus.WACHTEND
                        if start is None
                        else TrajectStatus.BEEINDIGD
                        if eind
                        else TrajectStatus.LOPEND
                    )
                    rijen[Aanmelding].append(
                        tabellen[Aanmelding].rij(
                            id=a_id,
                            client_id=client_id,
                            gemeente_id=g_id,
                            product_id=product_id,
                            overeenkomst_id=overeenkomst_id,
                            bron_id=bron.pk,
                            vraag="Synthetische hulpvraag.",
                            urgent=False,
                            aangemeld_op=aangemeld,
                            status=AanmeldingStatus.GEACCEPTEERD,
                            vorig_traject_id=vorig if vorig and rnd.random() < 0.3 else None,
                            aangemaakt_op=datetime.combine(aangemeld, time(10), tzinfo=UTC),
                        )
                    )
                    rijen[Traject].append(
                        tabellen[Traject].rij(
                            id=t_id,
                            aanmelding_id=a_id,
                            client_id=client_id,
                            product_id=product_id,
                            status=status,
                            geopend_op=aangemeld + timedelta(days=min(wacht, 3)),
                            startdatum=start,
                            einddatum=eind,
                            reden_beeindiging=rnd.choice(REDENEN) if eind else "",
                            referentie_aanbieder=f"SYN-{t_id}",
                        )
                    )
                    vorig = t_id
                    # messages: what is left spread over the trajectories still to come
                    n_berichten = (
                        berichten_over
                        if trajecten_over == 0 and _t == n_trajecten - 1
                        else min(
                            berichten_over,
                            max(0, round(rnd.gauss(berichten_per_traject_gem, 1.0))),
                        )
                    )
                    berichten_over -= n_berichten
                    for _b in range(n_berichten):
                        b_id = volgende[Bericht]
                        volgende[Bericht] += 1
                        soort, richting, _w = rnd.choices(
                            BERICHTTYPEN, weights=[b[2] for b in BERICHTTYPEN]
                        )[0]
                        verzonden = datetime.combine(aangemeld, time(8), tzinfo=UTC) + timedelta(
                            hours=rnd.randrange(24 * 60)
                        )
                        loting = rnd.random()
                        if loting < 0.05:
                            antwoord, codes = Antwoordstatus.WACHT, ""
                        elif loting < 0.13:
                            antwoord = Antwoordstatus.AFGEKEURD
                            codes = " ".join(sorted(set(rnd.choices(RETOURCODES, k=2))))
                        else:
                            antwoord, codes = Antwoordstatus.GOEDGEKEURD, ""
                        beantwoord = (
                            None
                            if antwoord == Antwoordstatus.WACHT
                            else verzonden + timedelta(minutes=rnd.randrange(10, 4 * 24 * 60))
                        )
                        rijen[Bericht].append(
                            tabellen[Bericht].rij(
                                id=b_id,
                                gemeente=g_code,
                                sleutel=f"SYN/{soort}/{b_id}",
                                berichttype=soort.upper(),
                                afzender="SYNTHETISCH",
                                ontvanger=g_code,
                                identificatie=str(b_id),
                                dagtekening=verzonden.date(),
                                bestandsnaam=f"syn-{b_id}.xml",
                                inhoud=b"",
                                inhoud_sha256="0" * 64,
                                status=BerichtStatus.VERZONDEN,
                                retourcodes=codes,
                                ontvangen_op=verzonden,
                            )
                        )
                        rijen[Trajectbericht].append(
                            tabellen[Trajectbericht].rij(
                                id=volgende[Trajectbericht],
                                traject_id=t_id,
                                bericht_id=b_id,
                                berichttype=soort,
                                richting=richting,
                                antwoordstatus=antwoord,
                                retourcodes=codes,
                                referentie=f"SYN-{t_id}",
                                verzoek_afgehandeld=False,
                                beantwoord_op=beantwoord,
                                verzonden_op=verzonden,
                            )
                        )
                        volgende[Trajectbericht] += 1
            with transaction.atomic():
                for model in (Client, Aanmelding, Traject, Bericht, Trajectbericht):
                    _schrijf(tabellen[model], rijen[model])
            geschreven = Uitkomst(
                schaal.gemeenten,
                geschreven.clienten + len(rijen[Client]),
                geschreven.trajecten + len(rijen[Traject]),
                geschreven.berichten + len(rijen[Bericht]),
            )
            melden(
                f"{geschreven.clienten:>9} cliënten, {geschreven.trajecten:>9} trajecten, "
                f"{geschreven.berichten:>10} berichten"
            )
            del rijen
    finally:
        if _postgres():
            _sessie("SET session_replication_role = DEFAULT")
    _zet_reeksen(list(tabellen))
    # the rows went in without signals: what was summarised over these dates no longer holds
    samenvatting.markeer(van, tot)
    samenvatting_berichten.markeer_stand()
    wachtstand.markeer()
    if _postgres():
        with connection.cursor() as cursor:
            for model in tabellen:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    return geschreven
