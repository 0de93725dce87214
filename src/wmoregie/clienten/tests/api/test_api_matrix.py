"""A generated matrix: every role of the test region × every endpoint of the client API × an
object of the user's own organisation and one of another. It proves that nothing leaks (a role
without access gets 403, an object outside the scope 404, and neither answer names a client)
and that every read and every change writes exactly one audit entry per client concerned.

Two sides, each complete: A is Amersfoort (area team Noord, the consortium's taakgericht
agreement, subcontractor Zorgkracht); B is Soest (Lokaal team Soest, a second taakgericht
agreement of the Logeerhuis, another subcontractor). Each side has one open referral and one
trajectory, for two different clients.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

import pytest

from wmoregie.accounts.constants import Rol
from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.tests.factories import PerceelFactory, ProductFactory
from wmoregie.clienten import services
from wmoregie.contracten.tests.factories import (
    OnderaanneemcontractFactory,
    OnderaannemerFactory,
    OvereenkomstFactory,
)

from ..factories import GELDIGE_BSNS
from ..helpers import clientgegevens, meld_aan

pytestmark = pytest.mark.django_db

API = "/api/v1/clienten"
AANMELDERS = {Rol.GEMEENTE_MEDEWERKER, Rol.GEBIEDSTEAM_MEDEWERKER}
BACKOFFICE = {Rol.BACKOFFICE}
TOEGANG = AANMELDERS | BACKOFFICE
UITVOERDERS = BACKOFFICE | {Rol.ONDERAANNEMER_MEDEWERKER}
CLIENTROLLEN = TOEGANG | UITVOERDERS

# Who sees what, written out (not derived from the selectors under test).
ZIET_AANMELDING = {
    "A": {"gebiedsteam", "gemeente", "backoffice"},
    "B": {"gebiedsteam_soest", "gemeente_soest", "logeerhuis"},
}
ZIET_TRAJECT = {
    "A": ZIET_AANMELDING["A"] | {"onderaannemer"},
    "B": ZIET_AANMELDING["B"] | {"ander_onderaannemer"},
}
GEMEENTE = {"A": "0307", "B": "0342"}
GEBRUIKERS = [
    "gebiedsteam",
    "gebiedsteam_soest",
    "gemeente",
    "gemeente_soest",
    "backoffice",
    "logeerhuis",
    "onderaannemer",
    "ander_onderaannemer",
    "contractmanager",
    "inkoper",
    "beoordelaar",
    "inschrijver",
    "privacy",
]


@dataclass
class Kant:
    aanmelding: object  # open referral
    traject: object  # accepted, assigned to the side's subcontractor, waiting
    product: object


@pytest.fixture
def kanten(wereld):
    # Side B: a taakgericht agreement of the Logeerhuis with its own subcontractor.
    perceel_b = PerceelFactory(
        regio=wereld.regio, bekostigingsvariant=Bekostigingsvariant.TAAKGERICHT
    )
    product_b = ProductFactory(perceel=perceel_b, naam="Begeleiding Soest", productcode="RAB09")
    overeenkomst_b = OvereenkomstFactory(
        regio=wereld.regio, perceel=perceel_b, opdrachtnemer=wereld.logeerhuis
    )
    ander = wereld.gebruikers["ander_onderaannemer"].roltoekenningen.get().organisatie
    onderaannemer_b = OnderaannemerFactory(
        overeenkomst=overeenkomst_b, producten=[product_b], organisatie=ander
    )
    OnderaanneemcontractFactory(onderaannemer=onderaannemer_b, ondertekend_op=date(2025, 12, 1))

    def kant(product, gemeente, team, melder, backoffice, onderaannemer, namen, bsns):
        open_ = meld_aan(
            wereld,
            product=product,
            gebruiker=wereld.gebruikers[melder],
            client=clientgegevens(wereld, bsn=bsns[0], achternaam=namen[0], gemeente=gemeente),
            gebiedsteam=team,
        )
        tweede = meld_aan(
            wereld,
            product=product,
            gebruiker=wereld.gebruikers[melder],
            client=clientgegevens(wereld, bsn=bsns[1], achternaam=namen[1], gemeente=gemeente),
            gebiedsteam=team,
        )
        bo = wereld.gebruikers[backoffice]
        traject = services.accepteer(tweede, gebruiker=bo)
        services.wijs_uitvoerder_toe(
            traject, gebruiker=bo, onderaannemer=onderaannemer, datum=date(2026, 3, 10)
        )
        return Kant(aanmelding=open_, traject=traject, product=product)

    return {
        "A": kant(
            wereld.regulier,
            wereld.amersfoort,
            wereld.team_noord,
            "gebiedsteam",
            "backoffice",
            wereld.onderaannemer,
            ("Amersfoorter-een", "Amersfoorter-twee"),
            GELDIGE_BSNS[0:2],
        ),
        "B": kant(
            product_b,
            wereld.soest,
            wereld.team_soest,
            "gebiedsteam_soest",
            "logeerhuis",
            onderaannemer_b,
            ("Soester-een", "Soester-twee"),
            GELDIGE_BSNS[2:4],
        ),
    }


NAMEN = {"A": ("Amersfoorter-een", "Amersfoorter-twee"), "B": ("Soester-een", "Soester-twee")}


def _rol(wereld, naam) -> str:
    return wereld.gebruikers[naam].roltoekenningen.get().rol


def _nieuwe_regels(voor: int) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(pk__gt=voor).order_by("pk"))


def _laatste() -> int:
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _lekt(antwoord, zichtbare_kanten: set[str]) -> list[str]:
    """Client names in the answer that the user may not see."""
    tekst = antwoord.content.decode()
    return [
        naam
        for kant, namen in NAMEN.items()
        if kant not in zichtbare_kanten
        for naam in namen
        if naam in tekst
    ]


# --- reads -----------------------------------------------------------------------------------

LEZEN = {
    # endpoint: (roles, method, url of an object of a side, whose client, audit action)
    "aanmelding-detail": (
        TOEGANG,
        "get",
        lambda k: f"{API}/aanmeldingen/{k.aanmelding.pk}/",
        "aanmelding",
        "aanmelding.bekeken",
    ),
    "traject-detail": (
        CLIENTROLLEN,
        "get",
        lambda k: f"{API}/trajecten/{k.traject.pk}/",
        "traject",
        "traject.bekeken",
    ),
    "client-detail": (
        CLIENTROLLEN,
        "get",
        lambda k: f"{API}/clienten/{k.traject.client_id}/",
        "traject",
        "client.bekeken",
    ),
    "client-bsn": (
        CLIENTROLLEN,
        "post",
        lambda k: f"{API}/clienten/{k.traject.client_id}/bsn/",
        "traject",
        "client.bsn-getoond",
    ),
}


@pytest.mark.parametrize("endpoint", sorted(LEZEN))
def test_detail_reads_leak_nothing_and_log_one_entry(client, wereld, kanten, endpoint):
    rollen, methode, url_van, soort, actie = LEZEN[endpoint]
    zichtbaar = ZIET_AANMELDING if soort == "aanmelding" else ZIET_TRAJECT
    fouten = []
    for naam in GEBRUIKERS:
        gebruiker = wereld.gebruikers[naam]
        client.force_login(gebruiker)
        for kant_naam, kant in kanten.items():
            voor = _laatste()
            antwoord = getattr(client, methode)(url_van(kant))
            regels = _nieuwe_regels(voor)
            object_client = (
                kant.aanmelding.client_id if soort == "aanmelding" else kant.traject.client_id
            )
            if _rol(wereld, naam) not in rollen:
                verwacht = 403
            elif naam not in zichtbaar[kant_naam]:
                verwacht = 404
            else:
                verwacht = 200
            if antwoord.status_code != verwacht:
                fouten.append(f"{naam} {kant_naam}: {antwoord.status_code}, verwacht {verwacht}")
            if verwacht == 200:
                if [(r.actie, r.betreft_client, r.gebruiker_id) for r in regels] != [
                    (actie, object_client, gebruiker.pk)
                ]:
                    fouten.append(f"{naam} {kant_naam}: auditregels {[r.actie for r in regels]}")
            elif regels:
                fouten.append(f"{naam} {kant_naam}: auditregels bij {verwacht}")
            if lek := _lekt(antwoord, {kant_naam} if verwacht == 200 else set()):
                fouten.append(f"{naam} {kant_naam}: lekt {lek}")
    assert fouten == []


LIJSTEN = {
    "aanmeldingen": (
        TOEGANG,
        f"{API}/aanmeldingen/",
        ZIET_AANMELDING,
        "aanmelding.lijst-bekeken",
        2,
    ),
    "trajecten": (CLIENTROLLEN, f"{API}/trajecten/", ZIET_TRAJECT, "traject.lijst-bekeken", 1),
}


@pytest.mark.parametrize("endpoint", sorted(LIJSTEN))
def test_lists_show_only_the_own_side_and_log_one_entry_per_client(
    client, wereld, kanten, endpoint
):
    rollen, url, zichtbaar, actie, per_kant = LIJSTEN[endpoint]
    fouten = []
    for naam in GEBRUIKERS:
        client.force_login(wereld.gebruikers[naam])
        voor = _laatste()
        antwoord = client.get(url)
        regels = _nieuwe_regels(voor)
        eigen = {k for k, wie in zichtbaar.items() if naam in wie}
        if _rol(wereld, naam) not in rollen:
            if antwoord.status_code != 403 or regels:
                fouten.append(f"{naam}: {antwoord.status_code} met {len(regels)} auditregels")
            continue
        resultaten = antwoord.json()["results"]
        verwachte_clienten = set()
        for k in eigen:
            verwachte_clienten |= {kanten[k].traject.client_id}
            if endpoint == "aanmeldingen":
                verwachte_clienten |= {kanten[k].aanmelding.client_id}
        if len(resultaten) != per_kant * len(eigen):
            fouten.append(f"{naam}: {len(resultaten)} resultaten")
        if sorted(r.betreft_client for r in regels) != sorted(verwachte_clienten) or {
            r.actie for r in regels
        } - {actie}:
            fouten.append(f"{naam}: auditregels {[(r.actie, r.betreft_client) for r in regels]}")
        if lek := _lekt(antwoord, eigen):
            fouten.append(f"{naam}: lekt {lek}")
    assert fouten == []


def test_search_finds_only_own_clients_and_logs_the_question_and_each_find(client, wereld, kanten):
    fouten = []
    for naam in GEBRUIKERS:
        client.force_login(wereld.gebruikers[naam])
        for kant_naam, kant in kanten.items():
            voor = _laatste()
            antwoord = client.get(f"{API}/clienten/", {"bsn": kant.traject.client.bsn})
            regels = _nieuwe_regels(voor)
            if _rol(wereld, naam) not in CLIENTROLLEN:
                if antwoord.status_code != 403 or regels:
                    fouten.append(f"{naam} {kant_naam}: {antwoord.status_code}")
                continue
            gevonden = naam in ZIET_TRAJECT[kant_naam]
            verwacht = [("client.gezocht", None)] + (
                [("client.gevonden", kant.traject.client_id)] if gevonden else []
            )
            if [(r.actie, r.betreft_client) for r in regels] != verwacht:
                fouten.append(f"{naam} {kant_naam}: auditregels {[r.actie for r in regels]}")
            if len(antwoord.json()) != int(gevonden):
                fouten.append(f"{naam} {kant_naam}: {antwoord.json()}")
            if lek := _lekt(antwoord, {kant_naam} if gevonden else set()):
                fouten.append(f"{naam} {kant_naam}: lekt {lek}")
    assert fouten == []


# --- changes ---------------------------------------------------------------------------------


def _aanmelding_invoer(wereld, kanten, kant_naam):
    return {
        "bsn": GELDIGE_BSNS[4 if kant_naam == "A" else 5],
        "achternaam": "Nieuw",
        "geboortedatum": "1960-01-01",
        "straat": "Kamp",
        "huisnummer": 1,
        "postcode": "3811AB",
        "woonplaats": "Amersfoort",
        "gemeente": GEMEENTE[kant_naam],
        "product": kanten[kant_naam].product.code,
        "bron": wereld.bron.code,
        "vraag": "Hulp bij het huishouden.",
    }


WIJZIGEN = {
    # action: (roles, url, input, audit action of the change, who sees the object)
    "aanmelden": (
        AANMELDERS,
        lambda k: f"{API}/aanmeldingen/",
        "aanmelding",
        "aanmelding.aangemaakt",
        None,
    ),
    "accepteren": (
        BACKOFFICE,
        lambda k: f"{API}/aanmeldingen/{k.aanmelding.pk}/accepteren/",
        {},
        "aanmelding.geaccepteerd",
        ZIET_AANMELDING,
    ),
    "weigeren": (
        BACKOFFICE,
        lambda k: f"{API}/aanmeldingen/{k.aanmelding.pk}/weigeren/",
        "weigering",
        "aanmelding.geweigerd",
        ZIET_AANMELDING,
    ),
    "toewijzen": (
        BACKOFFICE,
        lambda k: f"{API}/trajecten/{k.traject.pk}/toewijzen/",
        {"uitvoerder": "eigen", "team": "Team Oost"},
        "traject.uitvoerder-toegewezen",
        ZIET_TRAJECT,
    ),
    "starten": (
        UITVOERDERS,
        lambda k: f"{API}/trajecten/{k.traject.pk}/starten/",
        {"datum": "2026-03-16"},
        "traject.gestart",
        ZIET_TRAJECT,
    ),
    "beeindigen": (
        UITVOERDERS,
        lambda k: f"{API}/trajecten/{k.traject.pk}/beeindigen/",
        {"datum": "2026-03-20", "reden": "21"},
        "traject.beeindigd",
        ZIET_TRAJECT,
    ),
}


@pytest.mark.parametrize("actie", list(WIJZIGEN))
def test_changes_only_on_own_objects_and_one_audit_entry_each(client, wereld, kanten, actie):
    rollen, url_van, invoer, auditactie, zichtbaar = WIJZIGEN[actie]
    fouten = []
    for naam in GEBRUIKERS:
        gebruiker = wereld.gebruikers[naam]
        client.force_login(gebruiker)
        for kant_naam, kant in kanten.items():
            if invoer == "aanmelding":
                data = _aanmelding_invoer(wereld, kanten, kant_naam)
            elif invoer == "weigering":
                data = {
                    "reden": wereld.weigerreden.code,
                    "toelichting": "Wij kunnen deze ondersteuning aantoonbaar niet bieden.",
                }
            else:
                data = invoer
            rol = _rol(wereld, naam)
            if rol not in rollen:
                verwacht = {403}
            elif zichtbaar is None:  # a referral: only for the own municipality
                eigen = naam in ZIET_AANMELDING[kant_naam]
                verwacht = {201} if eigen else {400}
            elif naam not in zichtbaar[kant_naam]:
                verwacht = {404}
            else:
                verwacht = {200}
            with transaction.atomic():
                voor = _laatste()
                antwoord = client.post(url_van(kant), data, content_type="application/json")
                regels = _nieuwe_regels(voor)
                transaction.set_rollback(True)
            if antwoord.status_code not in verwacht:
                fouten.append(
                    f"{naam} {kant_naam}: {antwoord.status_code}, verwacht {verwacht}: "
                    f"{antwoord.content[:200]!r}"
                )
                continue
            if antwoord.status_code in (200, 201):
                if [(r.actie, r.gebruiker_id) for r in regels] != [(auditactie, gebruiker.pk)]:
                    fouten.append(f"{naam} {kant_naam}: auditregels {[r.actie for r in regels]}")
            elif regels:
                fouten.append(f"{naam} {kant_naam}: auditregels bij {antwoord.status_code}")
            if antwoord.status_code != 201 and (
                lek := _lekt(antwoord, {kant_naam} if antwoord.status_code == 200 else set())
            ):
                fouten.append(f"{naam} {kant_naam}: lekt {lek}")
    assert fouten == []
