"""The referral API: refer, accept, refuse; bad input is a 400 with field, code and Dutch
message, and nothing is stored."""

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten.constants import AanmeldingStatus, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Client, Traject

from ..helpers import meld_aan

pytestmark = pytest.mark.django_db

URL = "/api/v1/clienten/aanmeldingen/"


def _als(client, gebruiker):
    client.force_login(gebruiker)
    return client


def _invoer(wereld, **anders):
    return {
        "bsn": "9999.93.021",
        "voorletters": "A",
        "achternaam": "Jansen",
        "geboortedatum": "1975-02-03",
        "geslacht": "2",
        "straat": "Kamp",
        "huisnummer": 10,
        "postcode": "3811 AB",
        "woonplaats": "Amersfoort",
        "gemeente": "0307",
        "product": wereld.begeleiding.code,
        "bron": wereld.bron.code,
        "urgent": True,
        "vraag": "Hulp bij de administratie na het overlijden van haar man.",
    } | anders


def test_the_area_team_refers_through_the_api(client, wereld):
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(URL, _invoer(wereld), content_type="application/json")
    assert antwoord.status_code == 201, antwoord.json()
    data = antwoord.json()
    aanmelding = Aanmelding.objects.get()
    assert data["id"] == aanmelding.pk
    assert data["status"] == "aangemeld"
    assert data["gemeente"] == "0307"
    assert data["gebiedsteam"] == "Gebiedsteam Amersfoort Noord"  # the worker's own team
    assert data["product"] == wereld.begeleiding.code and data["urgent"] is True
    assert data["client"]["bsn"] == "●●●●●●021"  # masked, as on the pages
    assert aanmelding.client.bsn == "999993021"
    [regel] = AuditEntry.objects.filter(actie="aanmelding.aangemaakt")
    assert regel.betreft_client == aanmelding.client_id
    assert regel.gebruiker == wereld.gebruikers["gebiedsteam"]


def test_a_second_referral_for_another_product_finds_the_same_client(client, wereld):
    _als(client, wereld.gebruikers["gemeente"])
    assert client.post(URL, _invoer(wereld), content_type="application/json").status_code == 201
    tweede = _invoer(wereld, product=wereld.regulier.code, bsn="999993021")
    assert client.post(URL, tweede, content_type="application/json").status_code == 201
    assert Client.objects.count() == 1 and Aanmelding.objects.count() == 2


@pytest.mark.parametrize(
    ("_case", "anders", "veld", "code", "tekst"),
    [
        ("elfproef", {"bsn": "999993022"}, "bsn", "bsn-elfproef", "elfproef"),
        ("bsn te kort", {"bsn": "12345"}, "bsn", "bsn-formaat", "negen cijfers"),
        ("onbekende cbs-code", {"gemeente": "9999"}, "gemeente", "gemeente-onbekend", "cbs"),
        (
            "onbekend product",
            {"product": "bestaat-niet"},
            "product",
            "product-onbekend",
            "catalogus",
        ),
        ("postcode", {"postcode": "0811AB"}, "postcode", "postcode-formaat", "postcode"),
        ("geen vraag", {"vraag": "   "}, "vraag", "blank", "leeg"),
        (
            "geboortedatum",
            {"geboortedatum": "2999-01-01"},
            "geboortedatum",
            "geboortedatum-toekomst",
            "toekomst",
        ),
    ],
)
def test_bad_input_answers_400_with_field_code_and_dutch_message(
    client, wereld, _case, anders, veld, code, tekst
):
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(URL, _invoer(wereld, **anders), content_type="application/json")
    assert antwoord.status_code == 400
    [fout] = antwoord.json()[veld]
    assert fout["code"] == code
    assert tekst in fout["message"].lower()
    assert not Client.objects.exists() and not Aanmelding.objects.exists()
    assert not AuditEntry.objects.exists()


def test_a_product_without_agreement_in_its_lot_is_refused(client, wereld):
    from wmoregie.catalogi.tests.factories import PerceelFactory, ProductFactory

    los = ProductFactory(perceel=PerceelFactory(regio=wereld.regio), code="zonder-overeenkomst")
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(URL, _invoer(wereld, product=los.code), content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.json()["product"][0]["code"] == "geen-overeenkomst"
    assert not Client.objects.exists() and not Aanmelding.objects.exists()


def test_a_referral_for_another_municipality_is_refused(client, wereld):
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(URL, _invoer(wereld, gemeente="0342"), content_type="application/json")
    assert antwoord.status_code == 400
    assert antwoord.json()["gemeente"][0]["code"] == "gemeente-buiten-scope"
    assert not Aanmelding.objects.exists()


def test_the_back_office_accepts_and_the_trajectory_opens(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["backoffice"])
    antwoord = client.post(f"{URL}{aanmelding.pk}/accepteren/", {}, content_type="application/json")
    assert antwoord.status_code == 200, antwoord.json()
    traject = Traject.objects.get(aanmelding=aanmelding)
    assert antwoord.json()["id"] == traject.pk
    assert antwoord.json()["status"] == TrajectStatus.WACHTEND
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GEACCEPTEERD
    assert AuditEntry.objects.filter(actie="aanmelding.geaccepteerd").count() == 1


def test_accepting_for_a_per_client_lot_asks_the_municipality(client, wereld):
    aanmelding = meld_aan(wereld, product=wereld.respijt)
    _als(client, wereld.gebruikers["logeerhuis"])
    antwoord = client.post(
        f"{URL}{aanmelding.pk}/accepteren/",
        {"volume": 5, "frequentie": "4", "ingangsdatum": "2026-04-06"},
        content_type="application/json",
    )
    assert antwoord.status_code == 200, antwoord.json()
    data = antwoord.json()
    assert data["status"] == TrajectStatus.AANGEVRAAGD
    assert [b["berichttype"] for b in data["berichten"]] == ["wmo315"]


def test_an_incomplete_request_for_a_per_client_lot_is_a_400(client, wereld):
    aanmelding = meld_aan(wereld, product=wereld.respijt)
    _als(client, wereld.gebruikers["logeerhuis"])
    antwoord = client.post(
        f"{URL}{aanmelding.pk}/accepteren/", {"volume": 5}, content_type="application/json"
    )
    assert antwoord.status_code == 400
    assert antwoord.json()["frequentie"][0]["code"] == "aanvraag-onvolledig"
    assert not Traject.objects.exists()


def test_accepting_twice_is_a_400(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["backoffice"])
    client.post(f"{URL}{aanmelding.pk}/accepteren/", {}, content_type="application/json")
    antwoord = client.post(f"{URL}{aanmelding.pk}/accepteren/", {}, content_type="application/json")
    assert antwoord.status_code == 400
    assert Traject.objects.count() == 1


def test_refusing_needs_a_reason_from_the_list_and_a_motivation(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["backoffice"])
    url = f"{URL}{aanmelding.pk}/weigeren/"
    onbekend = client.post(
        url, {"reden": "xyz", "toelichting": "x" * 30}, content_type="application/json"
    )
    assert onbekend.status_code == 400
    assert onbekend.json()["reden"][0]["code"] == "weigerreden-ongeldig"
    kort = client.post(
        url,
        {"reden": wereld.weigerreden.code, "toelichting": "vol"},
        content_type="application/json",
    )
    assert kort.status_code == 400
    assert kort.json()["toelichting"][0]["code"] == "onderbouwing-te-kort"
    assert "acceptatieplicht" in kort.json()["toelichting"][0]["message"]
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.AANGEMELD
    goed = client.post(
        url,
        {
            "reden": wereld.weigerreden.code,
            "toelichting": "Wij hebben geen begeleiders met de vereiste gebarentaal.",
        },
        content_type="application/json",
    )
    assert goed.status_code == 200
    assert goed.json()["status"] == "geweigerd"
    assert goed.json()["weigerreden"] == wereld.weigerreden.code


def test_the_area_team_may_not_accept(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(f"{URL}{aanmelding.pk}/accepteren/", {}, content_type="application/json")
    assert antwoord.status_code == 403
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.AANGEMELD


def test_the_other_provider_back_office_does_not_see_the_referral(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["logeerhuis"])
    assert client.get(f"{URL}{aanmelding.pk}/").status_code == 404
    antwoord = client.post(f"{URL}{aanmelding.pk}/accepteren/", {}, content_type="application/json")
    assert antwoord.status_code == 404
    assert client.get(URL).json()["results"] == []


def test_a_bsn_known_elsewhere_answers_exactly_like_a_new_client(client, wereld):
    """No oracle: Soest refers with the BSN of an Amersfoort client (other surname and birth
    date, an open referral for the same product). The answer has the same form and shows only
    what Soest typed; the Amersfoort client stays as it was and out of Soest's sight."""
    bekend = meld_aan(wereld).client
    _als(client, wereld.gebruikers["gemeente_soest"])
    soest = {"gemeente": "0342", "woonplaats": "Soest"}
    antwoord = client.post(URL, _invoer(wereld, **soest), content_type="application/json")
    assert antwoord.status_code == 201, antwoord.json()
    nieuw = client.post(
        URL, _invoer(wereld, bsn="999993033", **soest), content_type="application/json"
    )
    assert nieuw.status_code == 201, nieuw.json()
    data = antwoord.json()
    assert data.keys() == nieuw.json().keys()
    assert data["client"]["achternaam"] == "Jansen" and data["identiteit_vaststellen"] is False
    assert data["client"]["id"] != bekend.pk
    assert client.get(f"/api/v1/clienten/clienten/{bekend.pk}/").status_code == 404
    bekend.refresh_from_db()
    assert (bekend.achternaam, bekend.gemeente) == ("Vries", wereld.amersfoort)
    assert client.get(f"{URL}{data['id']}/identiteit/").status_code == 403


def test_the_back_office_decides_the_identity_through_the_api(client, wereld):
    bekend = meld_aan(wereld).client
    _als(client, wereld.gebruikers["gemeente_soest"])
    invoer = _invoer(
        wereld,
        achternaam="de Vries",  # a typing difference the back office resolves
        geboortedatum="1980-05-17",
        gemeente="0342",
        woonplaats="Soest",
        product=wereld.regulier.code,
    )
    aanmelding_id = client.post(URL, invoer, content_type="application/json").json()["id"]
    _als(client, wereld.gebruikers["logeerhuis"])  # the back office of another agreement
    assert client.get(f"{URL}{aanmelding_id}/identiteit/").status_code == 404

    _als(client, wereld.gebruikers["backoffice"])
    assert client.get(f"{URL}{aanmelding_id}/").json()["identiteit_vaststellen"] is True
    geweigerd = client.post(f"{URL}{aanmelding_id}/accepteren/", {}, "application/json")
    assert geweigerd.status_code == 400
    assert geweigerd.json()["non_field_errors"][0]["code"] == "identiteit-onbevestigd"
    vergelijking = client.get(f"{URL}{aanmelding_id}/identiteit/").json()
    assert vergelijking["bekende_client"]["id"] == bekend.pk
    assert vergelijking["aanmelding"]["achternaam"] == "de Vries"
    assert vergelijking["komt_overeen"]["geboortedatum"] is True
    assert vergelijking["komt_overeen"]["achternaam"] is False  # "de Vries" against "Vries"
    zonder = client.post(
        f"{URL}{aanmelding_id}/identiteit/", {"zelfde": True}, content_type="application/json"
    )
    assert zonder.status_code == 400 and "toelichting" in zonder.json()
    besluit = client.post(
        f"{URL}{aanmelding_id}/identiteit/",
        {"zelfde": True, "toelichting": "Zelfde persoon, verhuisd naar Soest."},
        content_type="application/json",
    )
    assert besluit.status_code == 200, besluit.json()
    assert besluit.json()["client"]["id"] == bekend.pk
    assert besluit.json()["identiteit_vaststellen"] is False
    assert client.get(f"{URL}{aanmelding_id}/identiteit/").status_code == 404
    traject = client.post(f"{URL}{aanmelding_id}/accepteren/", {}, "application/json")
    assert traject.status_code == 200, traject.json()
    assert Traject.objects.get(pk=traject.json()["id"]).client_id == bekend.pk


def test_the_comparison_hides_a_known_client_the_back_office_cannot_see(client, wereld):
    meld_aan(wereld)  # an Amersfoort client under the consortium's agreement
    _als(client, wereld.gebruikers["gemeente_soest"])
    invoer = _invoer(
        wereld, bsn="999993021", gemeente="0342", woonplaats="Soest", product=wereld.respijt.code
    )
    antwoord = client.post(URL, invoer, content_type="application/json")
    assert antwoord.status_code == 201, antwoord.json()
    _als(client, wereld.gebruikers["logeerhuis"])  # the respite agreement's back office
    vergelijking = client.get(f"{URL}{antwoord.json()['id']}/identiteit/").json()
    assert vergelijking["bekende_client"] is None
    assert vergelijking["komt_overeen"]["achternaam"] is False
    assert "Vries" not in str(vergelijking)
