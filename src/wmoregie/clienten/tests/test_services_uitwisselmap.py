"""A municipality with its own system: our messages go to its outbox, its 301/319 and the
retours of our messages arrive in its inbox, go through the ingest, and are linked to the
trajectory (and what matches nothing is reported, not lost)."""

from datetime import date, time
from io import StringIO
from pathlib import Path

from django.core.management import call_command

import pytest
from freezegun import freeze_time
from iwmo.berichten import build, parse, wmo301
from iwmo.berichten.basis import (
    Achternaam,
    Adres,
    Geboortedatum,
    Huis,
    Omvang,
    Product,
    VolledigeNaam,
    maak_header,
)
from iwmo.retour import maak_retour

from wmoregie.clienten import services
from wmoregie.clienten.constants import Antwoordstatus, TrajectStatus
from wmoregie.clienten.services import berichten

from .helpers import clientgegevens, meld_aan

pytestmark = pytest.mark.django_db


def _in_inbox(basis: Path, gemeente: str, naam: str, data: bytes) -> None:
    inbox = basis / gemeente / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    (inbox / naam).write_bytes(data)


def _toewijzing_van_soest(heen315) -> bytes:
    """What Soest's own system answers to our 315: a 301 with its own number."""
    aangevraagd = heen315.client.aangevraagde_producten[0]
    return build(
        wmo301.Wmo301Bericht(
            header=maak_header(
                wmo301.Wmo301Bericht,
                afzender="0342",
                ontvanger="87654321",
                identificatie="SOEST-00017",
                dagtekening=date(2026, 3, 6),
            ),
            client=wmo301.Client(
                bsn=heen315.client.bsn,
                geboortedatum=Geboortedatum(datum=date(1980, 5, 17)),
                geslacht="1",
                naam=VolledigeNaam(
                    geslachtsnaam=Achternaam(achternaam="Vries", voorvoegsel="de"),
                    voorletters="JP",
                    naam_gebruik="1",
                ),
                contactgegevens=[
                    wmo301.Contact(
                        soort="01",
                        adres=Adres(
                            huis=Huis(huisnummer=12),
                            postcode="3761AB",
                            straatnaam="Stationsplein",
                            plaatsnaam="Soest",
                            land_code="NL",
                        ),
                    )
                ],
                toegewezen_producten=[
                    wmo301.ToegewezenProduct(
                        toewijzing_nummer=4200017,
                        referentie_aanbieder=aangevraagd.referentie_aanbieder,
                        product=Product(categorie="04", code="RAR01"),
                        toewijzingsdatum=date(2026, 3, 6),
                        toewijzingstijd=time(10, 0),
                        ingangsdatum=date(2026, 3, 9),
                        einddatum=date(2026, 12, 31),
                        omvang=Omvang(volume=4, eenheid="14", frequentie="4"),
                    )
                ],
            ),
        )
    )


def test_the_exchange_folders_carry_the_whole_conversation(wereld, settings):
    basis = Path(settings.IWMO_UITWISSELMAP)
    soest = clientgegevens(wereld, gemeente=wereld.soest, postcode="3761 AB", woonplaats="Soest")
    with freeze_time("2026-03-03 09:00:00"):
        traject = services.accepteer(
            meld_aan(
                wereld,
                client=soest,
                product=wereld.respijt,
                gebiedsteam=wereld.team_soest,
                gebruiker=wereld.gebruikers["gebiedsteam_soest"],
            ),
            gebruiker=wereld.gebruikers["logeerhuis"],
        )
    verzoek = traject.berichten.get()
    assert verzoek.antwoordstatus == Antwoordstatus.WACHT
    [uit] = (basis / "0342" / "outbox").iterdir()
    heen = parse(uit.read_bytes())

    # Soest's system answers: the retour 316 and the toewijzing 301 land in the inbox.
    _in_inbox(basis, "0342", "a-316.xml", maak_retour(uit.read_bytes(), vandaag=date(2026, 3, 4)))
    _in_inbox(basis, "0342", "b-301.xml", _toewijzing_van_soest(heen))
    _in_inbox(
        basis,
        "0342",
        "c-onbekend.xml",
        _toewijzing_van_soest(heen)
        .replace(b"SOEST-00017", b"SOEST-00018")
        .replace(traject.referentie_aanbieder.encode(), b"WR-ONBEKEND")
        .replace(b"4200017", b"4200018")
        .replace(b"999993021", b"999990019"),
    )
    uit = StringIO()
    with freeze_time("2026-03-06 12:00:00"):
        # The ingest command calls the client administration's hook (WMOREGIE_IWMO_NA_INGEST).
        call_command(
            "iwmo_ingest",
            "--map",
            str(basis),
            "--gemeente",
            "0342",
            "--datum",
            "2026-03-06",
            stdout=uit,
        )
        assert berichten.koppel_ontvangen().gekoppeld == 0  # idempotent
    assert "gekoppeld: 2, niet gekoppeld: 1" in uit.getvalue()  # one 301 for an unknown client

    verzoek.refresh_from_db()
    traject.refresh_from_db()
    assert verzoek.antwoordstatus == Antwoordstatus.GOEDGEKEURD
    assert verzoek.retour is not None and verzoek.verzoek_afgehandeld
    assert traject.status == TrajectStatus.WACHTEND
    assert traject.toewijzingen.get().nummer == 4200017
    # Our 302 to Soest went to its outbox.
    assert any(p.name.startswith("WMO302") for p in (basis / "0342" / "outbox").iterdir())


def test_a_refused_start_is_sent_again_and_counts_as_corrected(wereld, settings):
    from iwmo.retour import beoordeel
    from iwmo.validatie import GeheugenHistorie

    from wmoregie.clienten.tests.helpers import tot_lopend

    basis = Path(settings.IWMO_UITWISSELMAP)
    soest = clientgegevens(wereld, gemeente=wereld.soest, postcode="3761 AB", woonplaats="Soest")
    with freeze_time("2026-03-20 09:00:00"):
        traject = services.accepteer(
            meld_aan(
                wereld,
                client=soest,
                gebiedsteam=wereld.team_soest,
                gebruiker=wereld.gebruikers["gebiedsteam_soest"],
            ),
            gebruiker=wereld.gebruikers["backoffice"],
        )
        tot_lopend(wereld, traject)
    start = traject.berichten.get()
    [uit] = (basis / "0342" / "outbox").iterdir()
    # Soest's system wrongly treats the taakgericht start as one that needs a toewijzing: 9019.
    weigering = beoordeel(
        uit.read_bytes(),
        historie=GeheugenHistorie(),
        variant="inspanningsgericht",
        vandaag=date(2026, 3, 21),
    )
    assert "9019" in weigering.retourcodes
    _in_inbox(basis, "0342", "r1.xml", weigering.xml)
    with freeze_time("2026-03-21 12:00:00"):
        call_command(
            "iwmo_ingest",
            "--map",
            str(basis),
            "--gemeente",
            "0342",
            "--datum",
            "2026-03-21",
            stdout=StringIO(),
        )
    start.refresh_from_db()
    assert start.antwoordstatus == Antwoordstatus.AFGEKEURD
    assert "koppelen aan een toewijzing" in berichten.antwoord_tekst(start)

    with freeze_time("2026-03-23 09:00:00"):  # Soest fixed its agreement; send again
        nieuw = berichten.verstuur_opnieuw(start, gebruiker=wereld.gebruikers["backoffice"])
    start.refresh_from_db()
    assert start.verbeterd_door == nieuw and start.antwoordstatus == Antwoordstatus.AFGEKEURD
    opnieuw = next(
        p
        for p in (basis / "0342" / "outbox").iterdir()
        if p.read_bytes() == bytes(nieuw.bericht.inhoud)
    )
    _in_inbox(
        basis,
        "0342",
        "r2.xml",
        maak_retour(opnieuw.read_bytes(), vandaag=date(2026, 3, 24), variant="taakgericht"),
    )
    with freeze_time("2026-03-24 12:00:00"):
        call_command(
            "iwmo_ingest",
            "--map",
            str(basis),
            "--gemeente",
            "0342",
            "--datum",
            "2026-03-24",
            stdout=StringIO(),
        )
    start.refresh_from_db()
    nieuw.refresh_from_db()
    assert nieuw.antwoordstatus == Antwoordstatus.GOEDGEKEURD
    assert start.antwoordstatus == Antwoordstatus.GECORRIGEERD
