"""A test region with a client in every place that matters for who sees what, built once per
test module (the fixture `proefregio` in conftest.py) (the page matrix and the audit tests read it many times; each test still runs in its
own savepoint, so a test that changes something leaves the next one the same region).

Clients, each with a surname found nowhere else on a page, so a page that shows one leaks it:

=========  ==========================================================  ======================
key        what                                                        sees it
=========  ==========================================================  ======================
nieuw      Amersfoort, team Noord, taakgericht, referred, not decided  gemeente, gebiedsteam,
                                                                       backoffice
loopt      Amersfoort, team Noord, taakgericht, running at Zorgkracht  … and onderaannemer
klaar      Amersfoort, team Noord, was at Zorgkracht, ended            gemeente, gebiedsteam,
                                                                       backoffice
respijt    Amersfoort, team Noord, per-client lot of Logeerhuis:       gemeente, gebiedsteam,
           315 → 301, started, March claimed and refused (9307)        logeerhuis
verzoek    Amersfoort, team Noord, per-client lot, 315 unanswered      gemeente, gebiedsteam,
                                                                       logeerhuis
soest      Soest, Lokaal team Soest, taakgericht, accepted, waiting    gemeente_soest,
                                                                       gebiedsteam_soest,
                                                                       backoffice
=========  ==========================================================  ======================
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from freezegun import freeze_time

from wmoregie.clienten import services
from wmoregie.clienten.services import berichten, declaraties

from .conftest import Wereld, maak_wereld
from .helpers import clientgegevens, doelen, meld_aan, tot_lopend

ACHTERNAMEN = {
    "nieuw": "Aalbersma",
    "loopt": "Bakhuizen",
    "klaar": "Claessens",
    "respijt": "Dijkgraaf",
    "verzoek": "Everaerts",
    "soest": "Fokkema",
}
BSNS = {
    "nieuw": "999993021",
    "loopt": "999990019",
    "klaar": "999990020",
    "respijt": "999990032",
    "verzoek": "999990044",
    "soest": "999990056",
}
AMERSFOORT = {"gemeente", "gebiedsteam"}
# Who sees each client's referral and trajectory (the users of ``Wereld.gebruikers``).
ZIET_AANMELDING = {
    "nieuw": AMERSFOORT | {"backoffice"},
    "loopt": AMERSFOORT | {"backoffice"},
    "klaar": AMERSFOORT | {"backoffice"},
    "respijt": AMERSFOORT | {"logeerhuis"},
    "verzoek": AMERSFOORT | {"logeerhuis"},
    "soest": {"gemeente_soest", "gebiedsteam_soest", "backoffice"},
}
ZIET_TRAJECT = {
    sleutel: zien | ({"onderaannemer"} if sleutel == "loopt" else set())
    for sleutel, zien in ZIET_AANMELDING.items()
    if sleutel != "nieuw"
}


@dataclass
class Proefregio:
    wereld: Wereld
    aanmeldingen: dict = field(default_factory=dict)
    trajecten: dict = field(default_factory=dict)
    declaratie: object = None  # the March claim of Logeerhuis, its line refused

    @property
    def gebruikers(self) -> dict:
        return self.wereld.gebruikers

    def client(self, sleutel):
        return self.aanmeldingen[sleutel].client


def _aanmelding(wereld, sleutel, product, **anders):
    gegevens = {"bsn": BSNS[sleutel], "achternaam": ACHTERNAMEN[sleutel], "voorvoegsel": ""}
    if sleutel == "soest":
        gegevens |= {"gemeente": wereld.soest, "postcode": "3761 AB", "woonplaats": "Soest"}
        anders |= {
            "gebiedsteam": wereld.team_soest,
            "gebruiker": wereld.gebruikers["gebiedsteam_soest"],
        }
    return meld_aan(wereld, product=product, client=clientgegevens(wereld, **gegevens), **anders)


def bouw_proefregio() -> Proefregio:
    wereld = maak_wereld()
    regio = Proefregio(wereld)
    backoffice, logeerhuis = wereld.gebruikers["backoffice"], wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-03-02 09:00:00"):
        for sleutel, product in (
            ("nieuw", wereld.begeleiding),
            ("loopt", wereld.regulier),
            ("klaar", wereld.regulier),
            ("respijt", wereld.respijt),
            ("verzoek", wereld.respijt),
            ("soest", wereld.begeleiding),
        ):
            regio.aanmeldingen[sleutel] = _aanmelding(wereld, sleutel, product)
        for sleutel, door in (
            ("loopt", backoffice),
            ("klaar", backoffice),
            ("respijt", logeerhuis),
            ("verzoek", logeerhuis),
            ("soest", backoffice),
        ):
            regio.trajecten[sleutel] = services.accepteer(
                regio.aanmeldingen[sleutel], gebruiker=door
            )
        services.wijs_uitvoerder_toe(regio.trajecten["respijt"], gebruiker=logeerhuis)
    with freeze_time("2026-03-05 11:00:00"):
        berichten.geef_toewijzing_af(
            regio.trajecten["respijt"],
            gebruiker=wereld.gebruikers["gemeente"],
            toekenning=berichten.Toekenning(
                product=wereld.respijt,
                volume=10,
                frequentie="4",
                ingangsdatum=date(2026, 3, 9),
                einddatum=None,
            ),
        )
    with freeze_time("2026-03-20 09:00:00"):
        for sleutel in ("loopt", "klaar"):
            tot_lopend(wereld, regio.trajecten[sleutel], onderaannemer=wereld.onderaannemer)
        respijt = regio.trajecten["respijt"]
        services.stel_plan_vast(
            respijt, gebruiker=logeerhuis, volume=10, eenheid="14", frequentie="4",
            doelen=doelen(wereld),
        )  # fmt: skip
        services.start(respijt, gebruiker=logeerhuis, datum=date(2026, 3, 2))
    with freeze_time("2026-03-31 15:00:00"):
        services.beeindig(
            regio.trajecten["klaar"], gebruiker=backoffice, datum=date(2026, 3, 31), reden="19"
        )
    with freeze_time("2026-04-02 09:00:00"):
        maand = date(2026, 3, 1)
        regels = declaraties.voorstel(wereld.respijtovereenkomst, wereld.amersfoort, maand)
        regio.declaratie = declaraties.dien_in(
            wereld.respijtovereenkomst, wereld.amersfoort, maand, regels, gebruiker=logeerhuis
        )
    for traject in regio.trajecten.values():
        traject.refresh_from_db()
    for aanmelding in regio.aanmeldingen.values():
        aanmelding.refresh_from_db()
    return regio
