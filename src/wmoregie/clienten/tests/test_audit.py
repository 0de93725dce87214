"""One audit entry per read and per change of client data, through the pages (NEN 7513 style).

Each request below is made by a demo role on the test region (``proefregio.py``); the entries it
writes are exactly one per client concerned, with the action, the user, its role and
organisation, the client and the address the request came from, and nothing else.
"""

from __future__ import annotations

from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import services
from wmoregie.clienten.constants import Antwoordstatus, PrestatieStatus
from wmoregie.clienten.models import Client

from .helpers import doelen
from .proefregio import ACHTERNAMEN

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def _laatste() -> int:
    return AuditEntry.objects.aggregate(m=Max("id"))["m"] or 0


def _entries(regio, client, gebruiker, methode, url, data=None, *, status):
    """Make the request as ``gebruiker``; the audit entries it wrote, in order."""
    client.force_login(regio.gebruikers[gebruiker])
    voor = _laatste()
    antwoord = getattr(client, methode)(url, data or {})
    assert antwoord.status_code == status, antwoord.content.decode()[:2000]
    return list(AuditEntry.objects.filter(id__gt=voor).order_by("id"))


def _een_per_client(entries, actie, regio, gebruiker, sleutels):
    """Exactly one entry with ``actie`` per client of ``sleutels``, fully filled in."""
    gezocht = [e for e in entries if e.actie == actie]
    verwacht = sorted(regio.client(s).pk for s in sleutels)
    assert sorted(e.betreft_client for e in gezocht) == verwacht
    for entry in gezocht:
        assert entry.gebruiker == regio.gebruikers[gebruiker]
        assert entry.rol and entry.organisatie
        assert entry.ip_adres == "127.0.0.1"
    return gezocht


def _traject(regio, sleutel):
    return regio.trajecten[sleutel]


# --- reads ---------------------------------------------------------------------------------------

LEZEN = [
    # (case, user, method, URL (from the region), action, clients shown)
    ("client", "gemeente", "get", lambda r: reverse("clienten:client", args=[r.client("loopt").pk]),
     "client.bekeken", {"loopt"}),
    ("bsn-tonen", "gebiedsteam", "post", lambda r: reverse("clienten:bsn", args=[r.client("nieuw").pk]),
     "client.bsn-getoond", {"nieuw"}),
    ("aanmelding", "backoffice", "get",
     lambda r: reverse("clienten:aanmelding", args=[r.aanmeldingen["nieuw"].pk]),
     "aanmelding.bekeken", {"nieuw"}),
    ("traject", "onderaannemer", "get", lambda r: reverse("clienten:traject", args=[_traject(r, "loopt").pk]),
     "traject.bekeken", {"loopt"}),
    ("aanmeldingen", "gebiedsteam", "get", lambda r: reverse("clienten:aanmeldingen"),
     "aanmelding.lijst-bekeken", {"nieuw", "loopt", "klaar", "respijt", "verzoek"}),
    ("trajecten", "backoffice", "get", lambda r: reverse("clienten:trajecten"),
     "traject.lijst-bekeken", {"loopt", "klaar", "soest"}),
    ("verzoeken", "gemeente", "get", lambda r: reverse("clienten:verzoeken"),
     "verzoek.lijst-bekeken", {"verzoek"}),
    ("formulier-aanmelding", "backoffice", "get",
     lambda r: reverse("clienten:accepteren", args=[r.aanmeldingen["nieuw"].pk]),
     "aanmelding.formulier-bekeken", {"nieuw"}),
    ("formulier-traject", "onderaannemer", "get",
     lambda r: reverse("clienten:uitvoering", args=[_traject(r, "loopt").pk]),
     "traject.formulier-bekeken", {"loopt"}),
    # The claims are the export of client data to the municipality.
    ("declaratie", "logeerhuis", "get", lambda r: reverse("clienten:declaratie", args=[r.declaratie.pk]),
     "declaratie.bekeken", {"respijt"}),
    ("declaratievoorstel", "logeerhuis", "get",
     lambda r: reverse("clienten:declaratie-nieuw") + f"?gemeente={r.wereld.amersfoort.pk}&maand=2026-04",
     "declaratie.voorstel-bekeken", {"respijt"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("gebruiker", "methode", "url", "actie", "sleutels"),
    [case[1:] for case in LEZEN],
    ids=[case[0] for case in LEZEN],
)
def test_every_read_writes_one_entry_per_client_shown(
    client, proefregio, gebruiker, methode, url, actie, sleutels
):
    entries = _entries(proefregio, client, gebruiker, methode, url(proefregio), status=200)
    assert {e.actie for e in entries} == {actie}
    _een_per_client(entries, actie, proefregio, gebruiker, sleutels)


def test_a_search_is_logged_with_its_terms_and_one_entry_per_client_found(client, proefregio):
    url = reverse("clienten:zoeken") + f"?naam={ACHTERNAMEN['respijt']}"
    entries = _entries(proefregio, client, "gemeente", "get", url, status=200)
    assert [e.actie for e in entries] == ["client.gezocht", "client.gevonden"]
    assert entries[0].gegevens == {"zoekterm": {"naam": ACHTERNAMEN["respijt"]}}
    _een_per_client(entries, "client.gevonden", proefregio, "gemeente", {"respijt"})
    # A search outside the scope finds nothing, and is logged all the same.
    url = reverse("clienten:zoeken") + f"?naam={ACHTERNAMEN['soest']}"
    entries = _entries(proefregio, client, "gemeente", "get", url, status=200)
    assert [(e.actie, e.betreft_client) for e in entries] == [("client.gezocht", None)]


def test_pages_without_client_data_write_nothing(client, proefregio):
    for url in ("/clienten/", "/clienten/wachttijden/", "/clienten/berichtafspraken/"):
        assert _entries(proefregio, client, "backoffice", "get", url, status=200) == []


# --- changes -------------------------------------------------------------------------------------


def _een_wijziging(entries, actie, regio, gebruiker, sleutel):
    assert [e.actie for e in entries] == [actie]
    _een_per_client(entries, actie, regio, gebruiker, {sleutel})


def test_a_referral(client, proefregio):
    wereld = proefregio.wereld
    data = {
        "bsn": "999990068",
        "achternaam": "Gerritsen",
        "geboortedatum": "1961-07-01",
        "geslacht": "2",
        "straat": "Kamp",
        "huisnummer": "10",
        "postcode": "3811 AB",
        "woonplaats": "Amersfoort",
        "gemeente": wereld.amersfoort.pk,
        "gebiedsteam": wereld.team_noord.pk,
        "product": wereld.begeleiding.pk,
        "bron": wereld.bron.pk,
        "vraag": "Hulp bij de administratie.",
    }
    entries = _entries(
        proefregio, client, "gebiedsteam", "post", "/clienten/aanmelden/", data, status=302
    )
    assert [e.actie for e in entries] == ["aanmelding.aangemaakt"]
    assert entries[0].betreft_client == Client.objects.get(bsn="999990068").pk


@pytest.mark.parametrize(
    ("gebruiker", "stap", "data", "actie"),
    [
        ("backoffice", "accepteren", {}, "aanmelding.geaccepteerd"),
        ("backoffice", "weigeren", {"toelichting": "Vraagt specialistische begeleiding die wij niet bieden."},
         "aanmelding.geweigerd"),
        ("gebiedsteam", "intrekken", {"toelichting": "Inwoner ziet ervan af."}, "aanmelding.ingetrokken"),
    ],
    ids=["accepteren", "weigeren", "intrekken"],
)  # fmt: skip
def test_a_decision_on_a_referral(client, proefregio, gebruiker, stap, data, actie):
    if stap == "weigeren":
        data = data | {"reden": proefregio.wereld.weigerreden.pk}
    url = reverse(f"clienten:{stap}", args=[proefregio.aanmeldingen["nieuw"].pk])
    entries = _entries(proefregio, client, gebruiker, "post", url, data, status=302)
    _een_wijziging(entries, actie, proefregio, gebruiker, "nieuw")


def test_assigning_the_executor(client, proefregio):
    url = reverse("clienten:uitvoerder", args=[_traject(proefregio, "soest").pk])
    data = {"uitvoerder": "eigen", "team": "Team Soest", "datum": VANDAAG().isoformat()}
    entries = _entries(proefregio, client, "backoffice", "post", url, data, status=302)
    _een_wijziging(entries, "traject.uitvoerder-toegewezen", proefregio, "backoffice", "soest")


def test_the_plan(client, proefregio):
    domein = proefregio.wereld.instrument.domeinen.first()
    url = reverse("clienten:plan", args=[_traject(proefregio, "soest").pk])
    data = {
        "volume": "3",
        "eenheid": "04",
        "frequentie": "2",
        f"doel_{domein.pk}": "Zelf de post openen",
    }
    entries = _entries(proefregio, client, "backoffice", "post", url, data, status=302)
    _een_wijziging(entries, "traject.plan-vastgesteld", proefregio, "backoffice", "soest")


def test_start_scores_and_stop_on_the_executors_page(client, proefregio):
    regio, backoffice = proefregio, proefregio.gebruikers["backoffice"]
    traject = _traject(regio, "soest")
    services.wijs_uitvoerder_toe(traject, gebruiker=backoffice)
    services.stel_plan_vast(
        traject, gebruiker=backoffice, volume=3, eenheid="04", frequentie="2",
        doelen=doelen(regio.wereld),
    )  # fmt: skip
    url = reverse("clienten:uitvoering", args=[traject.pk])
    dag = VANDAAG().isoformat()
    domein = regio.wereld.instrument.domeinen.first()
    stappen = [
        ({"stap": "start", "start-datum": dag}, "traject.gestart"),
        ({"stap": "scores", "scores-datum": dag, f"scores-score_{domein.pk}": "2"},
         "traject.scores-vastgelegd"),
    ]  # fmt: skip
    for data, actie in stappen:
        entries = _entries(regio, client, "backoffice", "post", url, data, status=302)
        _een_wijziging(entries, actie, regio, "backoffice", "soest")
    doel = traject.plan.doelen.get()
    data = {
        "stap": "einde",
        "einde-datum": dag,
        "einde-reden": "19",
        f"einde-resultaat_{doel.pk}": "behaald",
    }
    entries = _entries(regio, client, "backoffice", "post", url, data, status=302)
    _een_wijziging(entries, "traject.beeindigd", regio, "backoffice", "soest")


def test_the_subcontractor_stops_with_end_scores(client, proefregio):
    """Closing with end scores is two changes of the file: the end and the measurement."""
    traject = _traject(proefregio, "loopt")
    doel = traject.plan.doelen.get()
    domein = doel.levensdomein
    data = {
        "stap": "einde",
        "einde-datum": VANDAAG().isoformat(),
        "einde-reden": "19",
        f"einde-resultaat_{doel.pk}": "behaald",
        f"eindscores-score_{domein.pk}": "4",
    }
    url = reverse("clienten:uitvoering", args=[traject.pk])
    entries = _entries(proefregio, client, "onderaannemer", "post", url, data, status=302)
    assert sorted(e.actie for e in entries) == ["traject.beeindigd", "traject.scores-vastgelegd"]
    for actie in ("traject.beeindigd", "traject.scores-vastgelegd"):
        _een_per_client(entries, actie, proefregio, "onderaannemer", {"loopt"})


def test_a_change_and_a_flow_on(client, proefregio):
    wereld = proefregio.wereld
    url = reverse("clienten:wijzigen", args=[_traject(proefregio, "loopt").pk])
    data = {
        "datum": VANDAAG().isoformat(),
        "product": wereld.regulier.pk,
        "volume": "4",
        "eenheid": "04",
        "frequentie": "2",
        "toelichting": "Een uur per week meer.",
    }
    entries = _entries(proefregio, client, "backoffice", "post", url, data, status=302)
    _een_wijziging(entries, "traject.gewijzigd", proefregio, "backoffice", "loopt")
    url = reverse("clienten:doorverwijzen", args=[_traject(proefregio, "klaar").pk])
    data = {"product": wereld.begeleiding.pk, "vraag": "Vervolg op de begeleiding."}
    entries = _entries(proefregio, client, "backoffice", "post", url, data, status=302)
    _een_wijziging(entries, "aanmelding.aangemaakt", proefregio, "backoffice", "klaar")


def test_the_municipality_issues_a_toewijzing_on_its_page(client, proefregio):
    traject = _traject(proefregio, "verzoek")
    data = {
        "product": proefregio.wereld.respijt.pk,
        "volume": "4",
        "frequentie": "4",
        "ingangsdatum": VANDAAG().isoformat(),
        "einddatum": "",
    }
    url = reverse("clienten:toewijzen", args=[traject.pk])
    entries = _entries(proefregio, client, "gemeente", "post", url, data, status=302)
    _een_wijziging(entries, "traject.toewijzing-afgegeven", proefregio, "gemeente", "verzoek")
    assert "WMO301" in entries[0].omschrijving


def test_the_municipality_refuses_a_request_on_its_page(client, proefregio):
    url = reverse("clienten:afwijzen", args=[_traject(proefregio, "verzoek").pk])
    entries = _entries(proefregio, client, "gemeente", "post", url, {"reden": "2"}, status=302)
    _een_wijziging(entries, "traject.verzoek-afgewezen", proefregio, "gemeente", "verzoek")
    assert entries[0].gegevens == {"reden": "2"}


def test_a_claim_submitted_and_a_refused_line_corrected(client, proefregio):
    wereld = proefregio.wereld
    url = reverse("clienten:declaratie-nieuw") + f"?gemeente={wereld.amersfoort.pk}&maand=2026-04"
    data = {"overeenkomst": "0", "regel_0": "1", "volume_0": "10"}
    entries = _entries(proefregio, client, "logeerhuis", "post", url, data, status=302)
    _een_wijziging(entries, "declaratie.ingediend", proefregio, "logeerhuis", "respijt")

    prestatie = proefregio.declaratie.prestaties.get()
    assert prestatie.status == PrestatieStatus.AFGEWEZEN
    url = reverse("clienten:corrigeren", args=[prestatie.pk])
    entries = _entries(proefregio, client, "logeerhuis", "post", url, status=302)
    _een_wijziging(entries, "declaratie.gecorrigeerd", proefregio, "logeerhuis", "respijt")
    assert prestatie.referentienummer in entries[0].omschrijving


def test_a_refused_message_sent_again(client, proefregio):
    start = _traject(proefregio, "loopt").berichten.get(berichttype="wmo305")
    # As if the municipality had refused the start (its retour carries the codes).
    type(start).objects.filter(pk=start.pk).update(antwoordstatus=Antwoordstatus.AFGEKEURD)
    entries = _entries(proefregio, client, "backoffice", "get", "/clienten/berichten/", status=200)
    _een_per_client(entries, "bericht.lijst-bekeken", proefregio, "backoffice", {"loopt"})

    url = reverse("clienten:bericht-opnieuw", args=[start.pk])
    entries = _entries(proefregio, client, "backoffice", "post", url, status=302)
    _een_wijziging(entries, "bericht.opnieuw-verstuurd", proefregio, "backoffice", "loopt")
    start.refresh_from_db()
    assert start.verbeterd_door is not None


def test_a_refused_step_writes_nothing(client, proefregio):
    """Bad input on a change page stores nothing, and logs no change (only the form read)."""
    url = reverse("clienten:weigeren", args=[proefregio.aanmeldingen["nieuw"].pk])
    data = {"reden": proefregio.wereld.weigerreden.pk, "toelichting": "vol"}
    entries = _entries(proefregio, client, "backoffice", "post", url, data, status=400)
    assert [e.actie for e in entries] == ["aanmelding.formulier-bekeken"]
