"""No leak: every page of clienten, opened by a user of every role, on clients of its own scope
and of others (the region in ``proefregio.py``).

The matrix is generated: each (user, page) pair is a test that visits the page for every client
it applies to, and expects what the roles and scopes in docs/clienten.md promise:

* a role the page is not for: 403 (also for objects it could never see);
* an object outside the user's scope: 404 (its existence is not revealed);
* a step on a visible object the user may not take: 403;
* otherwise the page (200) or, after a POST, the redirect (302).

On every page that answers, no surname of a client outside the user's scope appears, and no
full BSN (except the one the user just chose to show); the lists and the search show the
clients in scope.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import get_resolver, reverse

import pytest

from wmoregie.accounts.constants import Rol

from .proefregio import (
    ACHTERNAMEN,
    AMERSFOORT,
    BSNS,
    ZIET_AANMELDING,
    ZIET_TRAJECT,
)

pytestmark = pytest.mark.django_db

# The users of the test region, with their one role.
GEBRUIKERS = {
    "gemeente": Rol.GEMEENTE_MEDEWERKER,
    "gemeente_soest": Rol.GEMEENTE_MEDEWERKER,
    "gebiedsteam": Rol.GEBIEDSTEAM_MEDEWERKER,
    "gebiedsteam_soest": Rol.GEBIEDSTEAM_MEDEWERKER,
    "backoffice": Rol.BACKOFFICE,
    "logeerhuis": Rol.BACKOFFICE,
    "onderaannemer": Rol.ONDERAANNEMER_MEDEWERKER,
    "ander_onderaannemer": Rol.ONDERAANNEMER_MEDEWERKER,
    "contractmanager": Rol.CONTRACTMANAGER,
    "inkoper": Rol.INKOPER,
    "beoordelaar": Rol.BEOORDELAAR,
    "inschrijver": Rol.INSCHRIJVER,
    "privacy": Rol.FUNCTIONARIS_GEGEVENSBESCHERMING,
}

CLIENTROLLEN = {
    Rol.GEMEENTE_MEDEWERKER,
    Rol.GEBIEDSTEAM_MEDEWERKER,
    Rol.BACKOFFICE,
    Rol.ONDERAANNEMER_MEDEWERKER,
}
AANMELDERS = {Rol.GEMEENTE_MEDEWERKER, Rol.GEBIEDSTEAM_MEDEWERKER}
TOEGANG = AANMELDERS | {Rol.BACKOFFICE}
BACKOFFICE = {Rol.BACKOFFICE}
UITVOERDERS = {Rol.BACKOFFICE, Rol.ONDERAANNEMER_MEDEWERKER}
GEMEENTE = {Rol.GEMEENTE_MEDEWERKER}
CIJFERS = TOEGANG | {Rol.CONTRACTMANAGER}

# The back office of each client's agreement (accepts, directs, claims).
PARTNER = {
    "nieuw": "backoffice",
    "loopt": "backoffice",
    "klaar": "backoffice",
    "respijt": "logeerhuis",
    "verzoek": "logeerhuis",
    "soest": "backoffice",
}
MET_BERICHT = [s for s in ZIET_TRAJECT if s != "soest"]  # soest has sent nothing yet


def ziet_client(gebruiker: str, sleutel: str) -> bool:
    return gebruiker in ZIET_AANMELDING[sleutel] | ZIET_TRAJECT.get(sleutel, set())


@dataclass(frozen=True)
class Pagina:
    naam: str  # the URL name in clienten
    rollen: set
    soort: str | None = None  # None (one page), client, aanmelding, traject, bericht, declaratie
    sleutels: tuple = ()  # the clients it applies to (empty: every one of the soort)
    mag: Callable[[str, str], bool] | None = None  # the step on a visible object
    methode: str = "get"
    ok: int = 200
    query: str = ""
    toont: Callable[[str], set] | None = None  # list pages: the surnames it must show


def _regisseert(gebruiker, sleutel):
    return PARTNER[sleutel] == gebruiker


def _alle_aanmeldingen(gebruiker):
    return {s for s, zien in ZIET_AANMELDING.items() if gebruiker in zien}


def _alle_trajecten(gebruiker):
    return {s for s, zien in ZIET_TRAJECT.items() if gebruiker in zien}


PAGINAS = [
    Pagina("start", CLIENTROLLEN),
    Pagina("wachttijden", CIJFERS),
    Pagina("berichten", BACKOFFICE),
    Pagina("berichtafspraken", CIJFERS),
    Pagina("aanmelden", AANMELDERS),
    Pagina("aanmeldingen", TOEGANG, toont=_alle_aanmeldingen),
    Pagina("trajecten", CLIENTROLLEN, toont=_alle_trajecten),
    Pagina("exporteren", CLIENTROLLEN, toont=_alle_trajecten),  # CSV, the list's scope
    Pagina("verzoeken", GEMEENTE, toont=lambda g: {"verzoek"} if g == "gemeente" else set()),
    Pagina("declaraties", BACKOFFICE),
    Pagina("declaraties-gemeente", GEMEENTE),  # amounts and claim numbers, no client data
    Pagina("declaratie-nieuw", BACKOFFICE, query="?gemeente={amersfoort}&maand=2026-03"),
    # The search is a list too: each client searched by surname, found only within the scope.
    Pagina("zoeken", CLIENTROLLEN, soort="zoekterm"),
    Pagina("client", CLIENTROLLEN, soort="client"),
    Pagina("bsn", CLIENTROLLEN, soort="client", methode="post"),
    Pagina("aanmelding", TOEGANG, soort="aanmelding"),
    Pagina("accepteren", BACKOFFICE, soort="aanmelding", mag=_regisseert),
    Pagina("weigeren", BACKOFFICE, soort="aanmelding", mag=_regisseert),
    # Only for a referral with the BSN of a client the referrer may not see; else back to it.
    Pagina("identiteit", BACKOFFICE, soort="aanmelding", mag=_regisseert, ok=302),
    Pagina(
        "intrekken",
        AANMELDERS,
        soort="aanmelding",
        mag=lambda g, s: g in (AMERSFOORT if s != "soest" else {"gemeente_soest", "gebiedsteam_soest"}),
    ),
    Pagina("traject", CLIENTROLLEN, soort="traject"),
    Pagina("uitvoerder", BACKOFFICE, soort="traject", mag=_regisseert),
    Pagina("plan", BACKOFFICE, soort="traject", mag=_regisseert),
    Pagina("wijzigen", BACKOFFICE, soort="traject", mag=_regisseert),
    Pagina("doorverwijzen", BACKOFFICE, soort="traject", mag=_regisseert),
    Pagina(
        "uitvoering",
        UITVOERDERS,
        soort="traject",
        mag=lambda g, s: _regisseert(g, s) or (g, s) == ("onderaannemer", "loopt"),
    ),
    # The municipality answers a request on a page only if it works in wmoregie (Soest does
    # not) and a request is open (only `verzoek`); refusing needs no open request to be shown.
    Pagina("toewijzen", GEMEENTE, soort="traject", mag=lambda g, s: (g, s) == ("gemeente", "verzoek")),
    Pagina("afwijzen", GEMEENTE, soort="traject", mag=lambda g, s: g == "gemeente" and s != "soest"),
    # A message that was not refused cannot be sent again: the page says so and goes back.
    Pagina("bericht-opnieuw", BACKOFFICE, soort="bericht", mag=_regisseert, methode="post", ok=302),
    Pagina("declaratie", BACKOFFICE, soort="declaratie"),
    Pagina("corrigeren", BACKOFFICE, soort="prestatie", methode="post", ok=302),
]  # fmt: skip


def _objecten(regio, pagina) -> list[tuple[str | None, object, str]]:
    """(client key, URL argument, who sees it) for each object the page applies to."""
    match pagina.soort:
        case None:
            return [(None, None, "")]
        case "zoekterm":
            return [(s, None, "client") for s in ACHTERNAMEN]
        case "client":
            return [(s, regio.client(s).pk, "client") for s in ACHTERNAMEN]
        case "aanmelding":
            return [(s, a.pk, "aanmelding") for s, a in regio.aanmeldingen.items()]
        case "traject":
            return [(s, t.pk, "traject") for s, t in regio.trajecten.items()]
        case "bericht":
            return [
                (s, regio.trajecten[s].berichten.order_by("pk").first().pk, "traject")
                for s in MET_BERICHT
            ]
        case "declaratie":
            return [("respijt", regio.declaratie.pk, "declaratie")]
        case "prestatie":
            return [("respijt", regio.declaratie.prestaties.get().pk, "declaratie")]
    raise AssertionError(pagina.soort)


def _ziet(gebruiker, sleutel, soort) -> bool:
    match soort:
        case "client":
            return ziet_client(gebruiker, sleutel)
        case "aanmelding":
            return gebruiker in ZIET_AANMELDING[sleutel]
        case "traject":
            return gebruiker in ZIET_TRAJECT[sleutel]
        case "declaratie":
            return gebruiker == PARTNER[sleutel]
    return True


def verwacht(gebruiker, pagina, sleutel, soort) -> int:
    if GEBRUIKERS[gebruiker] not in pagina.rollen:
        return 403
    if pagina.soort != "zoekterm" and sleutel is not None and not _ziet(gebruiker, sleutel, soort):
        return 404
    if pagina.mag is not None and not pagina.mag(gebruiker, sleutel):
        return 403
    return pagina.ok


def test_every_role_of_accounts_is_in_the_matrix():
    assert set(GEBRUIKERS.values()) == set(Rol)


def test_the_matrix_covers_every_clienten_page():
    resolver = get_resolver()
    namen = {
        naam
        for naam in resolver.namespace_dict["clienten"][1].reverse_dict
        if isinstance(naam, str)
    }
    assert namen == {p.naam for p in PAGINAS}


@pytest.mark.parametrize("pagina", PAGINAS, ids=lambda p: p.naam)
@pytest.mark.parametrize("gebruiker", list(GEBRUIKERS))
def test_no_page_shows_more_than_the_role_and_scope_allow(
    client, proefregio, gebruiker, pagina
):  # fmt: skip
    client.force_login(proefregio.gebruikers[gebruiker])
    zichtbaar = {s for s in ACHTERNAMEN if ziet_client(gebruiker, s)}
    fouten = []
    for sleutel, pk, soort in _objecten(proefregio, pagina):
        url = reverse(f"clienten:{pagina.naam}", args=[pk] if pk is not None else [])
        url += pagina.query.format(amersfoort=proefregio.wereld.amersfoort.pk)
        if pagina.soort == "zoekterm":
            url += f"?naam={ACHTERNAMEN[sleutel]}"
        antwoord = getattr(client, pagina.methode)(url)
        gekregen = antwoord.status_code
        if gekregen == 302:
            antwoord = client.get(antwoord.url)  # the page it goes back to, with its message
        verwachting = verwacht(gebruiker, pagina, sleutel, soort)
        if gekregen != verwachting:
            fouten.append(f"{url}: {gekregen}, verwacht {verwachting}")
            continue
        if gekregen not in (200, 302):
            continue
        inhoud = antwoord.content.decode()
        if pagina.soort == "zoekterm":  # the form repeats what was searched; read the results
            inhoud = inhoud.split('id="kop-resultaten"', 1)[1]
        for ander in set(ACHTERNAMEN) - zichtbaar:
            if ACHTERNAMEN[ander] in inhoud:
                fouten.append(f"{url}: toont {ACHTERNAMEN[ander]} ({ander}) buiten de scope")
        for ander, bsn in BSNS.items():
            if bsn in inhoud and not (pagina.naam == "bsn" and ander == sleutel):
                fouten.append(f"{url}: toont het volledige BSN van {ander}")
        moet = pagina.toont(gebruiker) if pagina.toont else set()
        if pagina.soort == "zoekterm" and sleutel in zichtbaar:
            moet = {sleutel}
        for sleutel_ in moet:
            if ACHTERNAMEN[sleutel_] not in inhoud:
                fouten.append(f"{url}: mist {ACHTERNAMEN[sleutel_]} ({sleutel_})")
    assert fouten == []
