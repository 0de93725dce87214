"""The privacy officer's question, on the page and through the API: who read or changed what
of one client. Only that role may ask it, and asking is logged too."""

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import inzage as clienten_inzage
from wmoregie.clienten.tests.helpers import meld_aan

pytestmark = pytest.mark.django_db

PAGINA = "/audit/inzage/"
API = "/api/v1/audit/inzage/"


@pytest.fixture
def gelezen(client, wereld):
    """A referral; the area team made it, the municipality read it on its page."""
    aanmelding = meld_aan(wereld)
    client.force_login(wereld.gebruikers["gemeente"])
    client.get(f"/clienten/aanmeldingen/{aanmelding.pk}/", REMOTE_ADDR="192.0.2.44")
    client.logout()
    return aanmelding


def test_the_privacy_officer_finds_who_read_the_client_on_the_page(client, wereld, gelezen):
    client.force_login(wereld.gebruikers["privacy"])
    antwoord = client.post(PAGINA, {"bsn": "9999 93 021"}, follow=True)
    assert antwoord.redirect_chain == [(f"{PAGINA}?client={gelezen.client_id}", 302)]
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    gemeente = wereld.gebruikers["gemeente"]
    assert gemeente.username in tekst
    assert "Aanmelding bekeken" in tekst
    assert "Medewerker gemeente" in tekst  # the role
    assert "Amersfoort (0307)" in tekst  # the organisation the role was for
    assert "192.0.2.44" in tekst
    assert wereld.gebruikers["gebiedsteam"].username in tekst  # who made the referral
    assert "Aanmelding gedaan" in tekst
    assert "●●●●●●021" in tekst and "999993021" not in tekst
    [vraag] = AuditEntry.objects.filter(actie="audit.inzage-bevraagd")
    assert vraag.betreft_client == gelezen.client_id
    assert vraag.gebruiker == wereld.gebruikers["privacy"]
    assert vraag.rol == "Functionaris gegevensbescherming"


def test_a_bad_bsn_is_a_400_in_dutch(client, wereld):
    client.force_login(wereld.gebruikers["privacy"])
    antwoord = client.post(PAGINA, {"bsn": "123456789"})
    assert antwoord.status_code == 400
    assert "elfproef" in antwoord.content.decode()
    assert not AuditEntry.objects.exists()


def test_the_bsn_never_appears_in_a_url(client, wereld, gelezen):
    client.force_login(wereld.gebruikers["privacy"])
    antwoord = client.post(PAGINA, {"bsn": "999993021"})
    assert "999993021" not in antwoord["Location"]
    assert "999993021" not in client.get(antwoord["Location"]).content.decode()


def test_an_unknown_bsn_finds_nobody_and_the_question_is_logged(client, wereld):
    client.force_login(wereld.gebruikers["privacy"])
    antwoord = client.post(PAGINA, {"bsn": "999990019"})
    assert "Geen cliënt gevonden" in antwoord.content.decode()
    [vraag] = AuditEntry.objects.filter(actie="audit.inzage-bevraagd")
    assert vraag.betreft_client is None
    assert vraag.gegevens["bsn"] == "●●●●●●019"


def test_the_page_is_paginated_by_client_id(client, wereld, gelezen):
    for _ in range(30):
        clienten_inzage.log(
            "client.bekeken", [gelezen.client_id], gebruiker=wereld.gebruikers["backoffice"]
        )
    client.force_login(wereld.gebruikers["privacy"])
    eerste = client.post(PAGINA, {"bsn": "999993021"}, follow=True).content.decode()
    assert f"?client={gelezen.client_id}&amp;pagina=2" in eerste
    assert eerste.count("<time ") == 25
    tweede = client.get(PAGINA, {"client": gelezen.client_id, "pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in tweede
    assert tweede.count("<time ") == 33 - 25  # 30 + referral + read + the first question


def test_the_api_answers_who_what_when_role_organisation_and_from_where(client, wereld, gelezen):
    client.force_login(wereld.gebruikers["privacy"])
    antwoord = client.get(API, {"client": gelezen.client_id})
    assert antwoord.status_code == 200
    regels = antwoord.json()["results"]
    gelezen_regel = next(r for r in regels if r["actie"] == "aanmelding.bekeken")
    assert gelezen_regel["gebruikersnaam"] == wereld.gebruikers["gemeente"].username
    assert gelezen_regel["naam"] == wereld.gebruikers["gemeente"].get_full_name()
    assert gelezen_regel["wat"] == "Aanmelding bekeken"
    assert gelezen_regel["vanaf"] == "192.0.2.44"
    assert gelezen_regel["organisatie"] == "Amersfoort (0307)"
    assert gelezen_regel["rol"]
    assert gelezen_regel["tijdstip"]
    assert {r["actie"] for r in regels} == {"aanmelding.aangemaakt", "aanmelding.bekeken"}
    assert AuditEntry.objects.filter(
        actie="audit.inzage-bevraagd", betreft_client=gelezen.client_id, gegevens__kanaal="api"
    ).exists()
    per_bsn = client.get(API, {"bsn": "999993021"}).json()
    assert per_bsn["count"] == 3  # now including the first question


def test_the_api_needs_a_client(client, wereld):
    client.force_login(wereld.gebruikers["privacy"])
    antwoord = client.get(API)
    assert antwoord.status_code == 400
    assert "client" in antwoord.json()
    assert client.get(API, {"client": "abc"}).status_code == 400


@pytest.mark.parametrize(
    "naam",
    [
        "gebiedsteam",
        "gemeente",
        "backoffice",
        "onderaannemer",
        "contractmanager",
        "inkoper",
        "beoordelaar",
        "inschrijver",
    ],
)
def test_nobody_else_may_read_the_log(client, wereld, gelezen, naam):
    client.force_login(wereld.gebruikers[naam])
    voor = AuditEntry.objects.count()
    assert client.post(PAGINA, {"bsn": "999993021"}).status_code == 403
    assert client.get(PAGINA, {"client": gelezen.client_id}).status_code == 403
    assert client.get(API, {"client": gelezen.client_id}).status_code == 403
    assert AuditEntry.objects.count() == voor


def test_visitors_are_sent_to_the_login(client, wereld):
    assert client.get(PAGINA).status_code == 302
    assert client.get(API, {"client": 1}).status_code == 401  # the API asks for a token


def test_the_privacy_officer_sees_the_page_in_the_menu(client, wereld):
    client.force_login(wereld.gebruikers["privacy"])
    assert 'href="/audit/inzage/"' in client.get("/").content.decode()
    client.force_login(wereld.gebruikers["backoffice"])
    assert 'href="/audit/inzage/"' not in client.get("/").content.decode()


def test_the_home_page_of_the_privacy_officer_counts_bsn_shown(client, wereld, gelezen):
    clienten_inzage.log(
        "client.bsn-getoond", [gelezen.client_id], gebruiker=wereld.gebruikers["gemeente"]
    )
    client.force_login(wereld.gebruikers["privacy"])
    tekst = client.get("/").content.decode()
    assert "Inzage in het auditlog" in tekst
    assert "Volledig BSN getoond, afgelopen zeven dagen" in tekst
    client.force_login(wereld.gebruikers["gemeente"])
    assert "Inzage in het auditlog" not in client.get("/").content.decode()
