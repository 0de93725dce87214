"""A referral with the BSN of a client the referrer may not see: nothing is revealed or changed,
the back office decides whether it is the same person."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import selectors, services
from wmoregie.clienten.constants import AanmeldingStatus, Gebeurtenissoort, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Client

from .helpers import clientgegevens, meld_aan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bevroren")]


@pytest.fixture
def bevroren():
    with freeze_time("2026-04-01 10:00:00"):
        yield


@pytest.fixture
def bekend(wereld):
    """A client of Amersfoort, referred by its area team; Soest cannot see it."""
    return meld_aan(wereld).client


def _uit_soest(wereld, product=None, **anders):
    """Soest's area team refers a resident with the BSN of the Amersfoort client."""
    gegevens = clientgegevens(
        wereld,
        gemeente=wereld.soest,
        straat="Steenhoffstraat",
        huisnummer=4,
        postcode="3764 BH",
        woonplaats="Soest",
        **anders,
    )
    return meld_aan(
        wereld,
        product=product,
        gebruiker=wereld.gebruikers["gebiedsteam_soest"],
        client=gegevens,
        gebiedsteam=wereld.team_soest,
    )


def _ongewijzigd(client: Client) -> dict:
    client.refresh_from_db()
    return {
        "achternaam": client.achternaam,
        "straat": client.straat,
        "postcode": client.postcode,
        "gemeente": client.gemeente_id,
    }


def test_the_known_client_is_neither_changed_nor_shown_to_the_other_municipality(wereld, bekend):
    voor = _ongewijzigd(bekend)

    aanmelding = _uit_soest(wereld)

    assert _ongewijzigd(bekend) == voor  # not moved to Soest, no address of Soest
    eigen = aanmelding.client
    assert eigen != bekend and eigen.identiteit_onbevestigd
    assert (eigen.bsn, eigen.straat, eigen.gemeente) == (
        bekend.bsn,
        "Steenhoffstraat",
        wereld.soest,
    )
    soest = wereld.gebruikers["gebiedsteam_soest"]
    assert list(selectors.clienten_voor(soest)) == [eigen]
    assert bekend not in selectors.clienten_voor(wereld.gebruikers["gemeente_soest"])


@pytest.mark.parametrize(
    "anders",
    [{"achternaam": "Bakker"}, {"geboortedatum": date(1991, 2, 3)}],
    ids=["other-surname", "other-birth-date"],
)
def test_other_personal_data_is_no_oracle_outside_the_scope(wereld, bekend, anders):
    """Inside the scope the referral is refused (bsn-andere-client); outside it is accepted
    exactly like a new client, so the refusal would tell who is a client elsewhere."""
    aanmelding = _uit_soest(wereld, **anders)
    assert aanmelding.status == AanmeldingStatus.AANGEMELD
    assert aanmelding.client.identiteit_onbevestigd
    assert Client.objects.get(pk=bekend.pk).achternaam == "Vries"


def test_an_open_referral_elsewhere_is_no_oracle_either(wereld, bekend):
    """The Amersfoort client has an open referral for the same product: Soest is not told."""
    aanmelding = _uit_soest(wereld, product=wereld.begeleiding)
    assert aanmelding.client.identiteit_onbevestigd


def test_the_same_referrer_finds_its_own_unconfirmed_client_again(wereld, bekend):
    eerste = _uit_soest(wereld)
    tweede = _uit_soest(wereld, product=wereld.regulier)
    assert tweede.client == eerste.client
    with pytest.raises(ValidationError) as fout:  # its own client: the usual check
        _uit_soest(wereld, product=wereld.regulier, achternaam="Bakker")
    assert fout.value.error_dict["bsn"][0].code == "bsn-andere-client"


def test_acceptance_waits_for_the_back_office_decision(wereld, bekend):
    aanmelding = _uit_soest(wereld)
    with pytest.raises(ValidationError) as fout:
        services.accepteer(aanmelding, gebruiker=wereld.gebruikers["backoffice"])
    assert fout.value.error_list[0].code == "identiteit-onbevestigd"
    assert Aanmelding.objects.get(pk=aanmelding.pk).status == AanmeldingStatus.AANGEMELD


def test_the_same_person_moves_the_referral_to_the_known_client(wereld, bekend):
    bekend_id = bekend.pk
    # Amersfoort's own referral ends first: the resident moved to Soest.
    amersfoort = bekend.aanmeldingen.get()
    services.trek_in(amersfoort, gebruiker=wereld.gebruikers["gebiedsteam"], toelichting="Verhuisd")
    aanmelding = _uit_soest(wereld)
    eigen_id = aanmelding.client_id

    services.stel_identiteit_vast(
        aanmelding,
        gebruiker=wereld.gebruikers["backoffice"],
        zelfde=True,
        toelichting="Nagevraagd bij de gemeente: verhuisd naar Soest.",
    )

    aanmelding.refresh_from_db()
    assert aanmelding.client_id == bekend_id
    assert not Client.objects.filter(pk=eigen_id).exists()
    bekend.refresh_from_db()
    assert (bekend.straat, bekend.gemeente) == ("Steenhoffstraat", wereld.soest)
    assert aanmelding.gebeurtenissen.filter(soort=Gebeurtenissoort.IDENTITEIT).exists()
    regels = AuditEntry.objects.filter(actie="aanmelding.identiteit-zelfde-persoon")
    assert {r.betreft_client for r in regels} == {bekend_id, eigen_id}
    assert bekend in selectors.clienten_voor(wereld.gebruikers["gebiedsteam_soest"])
    traject = services.accepteer(aanmelding, gebruiker=wereld.gebruikers["backoffice"])
    assert traject.client_id == bekend_id and traject.status == TrajectStatus.WACHTEND


def test_the_same_person_with_an_open_referral_for_the_product_is_refused(wereld, bekend):
    aanmelding = _uit_soest(wereld, product=wereld.begeleiding)
    with pytest.raises(ValidationError) as fout:
        services.stel_identiteit_vast(
            aanmelding, gebruiker=wereld.gebruikers["backoffice"], zelfde=True, toelichting="Ja"
        )
    assert fout.value.error_list[0].code == "al-aangemeld"
    assert Aanmelding.objects.get(pk=aanmelding.pk).client.identiteit_onbevestigd


def test_another_person_withdraws_the_referrals_and_keeps_the_known_client_apart(wereld, bekend):
    voor = _ongewijzigd(bekend)
    aanmelding = _uit_soest(wereld, achternaam="Bakker")
    tweede = _uit_soest(wereld, product=wereld.regulier, achternaam="Bakker")

    services.stel_identiteit_vast(
        aanmelding,
        gebruiker=wereld.gebruikers["backoffice"],
        zelfde=False,
        toelichting="Geboren in 1980 in Amersfoort, dus een tikfout in het BSN.",
    )

    for vervallen in (aanmelding, tweede):  # every referral with the wrong BSN
        vervallen.refresh_from_db()
        assert vervallen.status == AanmeldingStatus.INGETROKKEN
        [regel] = vervallen.gebeurtenissen.filter(soort=Gebeurtenissoort.IDENTITEIT)
        # The referrer reads what to do, not the reason: that may describe the known client.
        assert "Controleer het BSN" in regel.omschrijving and "1980" not in regel.omschrijving
    assert aanmelding.client != bekend and aanmelding.client.achternaam == "Bakker"
    assert _ongewijzigd(bekend) == voor
    [besluit] = AuditEntry.objects.filter(actie="aanmelding.identiteit-andere-persoon")
    assert "1980" in besluit.gegevens["toelichting"]


def test_a_decision_needs_a_reason_and_something_to_decide(wereld, bekend):
    aanmelding = _uit_soest(wereld)
    with pytest.raises(ValidationError) as fout:
        services.stel_identiteit_vast(
            aanmelding, gebruiker=wereld.gebruikers["backoffice"], zelfde=True, toelichting=" "
        )
    assert fout.value.error_dict["toelichting"][0].code == "toelichting-ontbreekt"
    gewoon = Aanmelding.objects.get(client=bekend)
    with pytest.raises(ValidationError) as fout:
        services.stel_identiteit_vast(
            gewoon, gebruiker=wereld.gebruikers["backoffice"], zelfde=True, toelichting="Ja"
        )
    assert fout.value.error_list[0].code == "identiteit-al-vastgesteld"


def _regels_onder_bsn(bsn) -> set[int]:
    from wmoregie.audit import inzage

    return {r.betreft_client for r in inzage.regels_over(inzage.vind_client(bsn=bsn))}


def test_the_privacy_officer_finds_every_file_of_the_person_under_the_bsn(wereld, bekend):
    from wmoregie.audit import inzage

    aanmelding = _uit_soest(wereld, product=wereld.regulier)
    eigen = aanmelding.client_id
    assert inzage.vind_client(bsn=bekend.bsn) == bekend  # the confirmed file first
    assert _regels_onder_bsn(bekend.bsn) == {bekend.pk, eigen}  # undecided: perhaps the same
    backoffice = wereld.gebruikers["backoffice"]
    services.stel_identiteit_vast(aanmelding, gebruiker=backoffice, zelfde=True, toelichting="Ja")
    assert _regels_onder_bsn(bekend.bsn) == {bekend.pk, eigen}  # merged: still found
    assert AuditEntry.objects.filter(betreft_client=eigen, actie="aanmelding.aangemaakt").exists()


def test_another_persons_entries_are_not_the_known_clients(wereld, bekend):
    ander = _uit_soest(wereld, product=wereld.regulier, achternaam="Bakker")
    backoffice = wereld.gebruikers["backoffice"]
    services.stel_identiteit_vast(ander, gebruiker=backoffice, zelfde=False, toelichting="Nee")
    assert _regels_onder_bsn(bekend.bsn) == {bekend.pk}


def test_a_back_office_that_cannot_see_the_known_client_sees_only_what_agrees(wereld, bekend):
    """Soest refers for respite (the Logeerhuis' agreement) with the BSN of the Amersfoort
    client: the Logeerhuis decides, and learns per field only whether it agrees."""
    aanmelding = _uit_soest(wereld, product=wereld.respijt, achternaam="Bakker")
    assert bekend not in selectors.clienten_voor(wereld.gebruikers["logeerhuis"])
    overeen = services.vergelijking(aanmelding.client, bekend)
    assert overeen["achternaam"] is False and overeen["geboortedatum"] is True
    assert overeen["gemeente"] is False


def test_a_known_client_anonymised_meanwhile_leaves_nothing_to_decide(wereld, bekend):
    """The retention term anonymises the known client (its BSN replaced): the referral is
    accepted as that of a new client, which keeps the BSN."""
    aanmelding = _uit_soest(wereld)
    Client.objects.filter(pk=bekend.pk).update(bsn="X00000001")
    traject = services.accepteer(aanmelding, gebruiker=wereld.gebruikers["backoffice"])
    assert traject.client_id == aanmelding.client_id
    assert not Client.objects.get(pk=aanmelding.client_id).identiteit_onbevestigd


def test_a_referral_racing_another_for_the_same_new_bsn_finds_the_client_the_other_saved(
    wereld, monkeypatch
):
    """Two referrals for one new BSN at the same moment: the second to save meets the unique
    BSN of confirmed clients. It looks again and goes on with the client the first one saved,
    instead of failing (a 500 before)."""
    gegevens = clientgegevens(wereld)
    volledig = Client.full_clean
    rivaal = {}

    def eerst_de_ander(client, *args, **kwargs):
        volledig(client, *args, **kwargs)
        if not rivaal and client.pk is None:  # the other one saves between our check and save
            rivaal["bezig"] = True
            rivaal["client"] = meld_aan(wereld, client=gegevens).client

    monkeypatch.setattr(Client, "full_clean", eerst_de_ander)
    aanmelding = meld_aan(wereld, product=wereld.respijt, client=gegevens)

    assert aanmelding.client == rivaal["client"]
    assert not aanmelding.client.identiteit_onbevestigd
    assert Client.objects.filter(bsn=gegevens.bsn).count() == 1
    assert Aanmelding.objects.filter(client__bsn=gegevens.bsn).count() == 2
