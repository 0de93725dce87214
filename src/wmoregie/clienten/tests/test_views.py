"""The pages, as the users meet them: the referral form, accepting and refusing, the
trajectory's steps, the municipality's answer, the claims, search and the client file."""

from datetime import date

import pytest
from freezegun import freeze_time

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import services
from wmoregie.clienten.constants import AanmeldingStatus, PrestatieStatus, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Client, Declaratie

from .helpers import clientgegevens, doelen, meld_aan, tot_lopend

pytestmark = pytest.mark.django_db


def _als(client, gebruiker):
    client.force_login(gebruiker)
    return client


AANMELDING = {
    "bsn": "9999.93.021",
    "voorletters": "A",
    "achternaam": "Jansen",
    "geboortedatum": "1975-02-03",
    "geslacht": "2",
    "straat": "Kamp",
    "huisnummer": "10",
    "postcode": "3811 AB",
    "woonplaats": "Amersfoort",
    "vraag": "Hulp bij de administratie na het overlijden van haar man.",
}


def test_the_area_team_refers_through_the_form(client, wereld):
    _als(client, wereld.gebruikers["gebiedsteam"])
    pagina = client.get("/clienten/aanmelden/")
    assert pagina.status_code == 200
    assert "Gebiedsteam Amersfoort Noord" in pagina.content.decode()
    antwoord = client.post(
        "/clienten/aanmelden/",
        AANMELDING
        | {
            "gemeente": wereld.amersfoort.pk,
            "gebiedsteam": wereld.team_noord.pk,
            "product": wereld.begeleiding.pk,
            "bron": wereld.bron.pk,
        },
    )
    aanmelding = Aanmelding.objects.get()
    assert (
        antwoord.status_code == 302 and antwoord.url == f"/clienten/aanmeldingen/{aanmelding.pk}/"
    )
    assert aanmelding.client.bsn == "999993021"


@pytest.mark.parametrize(
    ("veld", "waarde", "tekst"),
    [
        ("bsn", "999993022", "elfproef"),
        ("postcode", "0811AB", "postcode"),
        ("huisnummer", "1e308", "geheel getal"),
        ("geboortedatum", "2999-01-01", "toekomst"),
    ],
)
def test_bad_input_on_the_form_answers_400_in_dutch_and_stores_nothing(
    client, wereld, veld, waarde, tekst
):
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(
        "/clienten/aanmelden/",
        AANMELDING
        | {
            "gemeente": wereld.amersfoort.pk,
            "gebiedsteam": wereld.team_noord.pk,
            "product": wereld.begeleiding.pk,
            "bron": wereld.bron.pk,
            veld: waarde,
        },
    )
    assert antwoord.status_code == 400
    assert tekst in antwoord.content.decode().lower()
    assert not Client.objects.exists() and not Aanmelding.objects.exists()


def test_an_area_team_cannot_refer_for_another_municipality(client, wereld):
    _als(client, wereld.gebruikers["gebiedsteam"])
    antwoord = client.post(
        "/clienten/aanmelden/",
        AANMELDING
        | {
            "gemeente": wereld.soest.pk,
            "gebiedsteam": wereld.team_soest.pk,
            "product": wereld.begeleiding.pk,
            "bron": wereld.bron.pk,
        },
    )
    assert antwoord.status_code == 400
    assert not Aanmelding.objects.exists()


def test_the_back_office_accepts_and_the_area_team_only_reads(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["gebiedsteam"])
    assert client.get(f"/clienten/aanmeldingen/{aanmelding.pk}/").status_code == 200
    assert client.post(f"/clienten/aanmeldingen/{aanmelding.pk}/accepteren/").status_code == 403
    _als(client, wereld.gebruikers["backoffice"])
    pagina = client.get(f"/clienten/aanmeldingen/{aanmelding.pk}/")
    assert "Accepteren" in pagina.content.decode()
    antwoord = client.post(f"/clienten/aanmeldingen/{aanmelding.pk}/accepteren/", {})
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GEACCEPTEERD
    assert antwoord.url == f"/clienten/trajecten/{aanmelding.traject.pk}/"


def test_refusing_without_motivation_is_refused_on_the_page(client, wereld):
    aanmelding = meld_aan(wereld)
    _als(client, wereld.gebruikers["backoffice"])
    antwoord = client.post(
        f"/clienten/aanmeldingen/{aanmelding.pk}/weigeren/",
        {"reden": wereld.weigerreden.pk, "toelichting": "vol"},
    )
    assert antwoord.status_code == 400
    assert "acceptatieplicht" in antwoord.content.decode()
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.AANGEMELD


@freeze_time("2026-04-01 10:00:00")
def test_the_subcontractor_starts_scores_and_stops_on_one_page(client, wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld, product=wereld.regulier), gebruiker=backoffice)
    services.wijs_uitvoerder_toe(
        traject, gebruiker=backoffice, onderaannemer=wereld.onderaannemer, datum=date(2026, 3, 10)
    )
    services.stel_plan_vast(
        traject, gebruiker=backoffice, volume=3, eenheid="04", frequentie="2", doelen=doelen(wereld)
    )
    _als(client, wereld.gebruikers["onderaannemer"])
    url = f"/clienten/trajecten/{traject.pk}/uitvoering/"
    assert client.get(url).status_code == 200
    assert client.post(url, {"stap": "start", "start-datum": "2026-03-16"}).status_code == 302
    domein = wereld.instrument.domeinen.first()
    assert (
        client.post(
            url, {"stap": "scores", "scores-datum": "2026-03-16", f"scores-score_{domein.pk}": "2"}
        ).status_code
        == 302
    )
    doel = traject.plan.doelen.get()
    antwoord = client.post(
        url,
        {
            "stap": "einde",
            "einde-datum": "2026-03-31",
            "einde-reden": "19",
            f"einde-resultaat_{doel.pk}": "behaald",
            f"eindscores-score_{domein.pk}": "4",
        },
    )
    assert antwoord.status_code == 302
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.BEEINDIGD
    assert [r.moment for r in traject.meetrondes.all()] == ["start", "eind"]
    # Assigned no longer: the subcontractor does not see the client any more.
    assert client.get(f"/clienten/trajecten/{traject.pk}/").status_code == 404


def test_an_other_subcontractor_never_sees_the_trajectory(client, wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld, product=wereld.regulier), gebruiker=backoffice)
    services.wijs_uitvoerder_toe(traject, gebruiker=backoffice, onderaannemer=wereld.onderaannemer)
    _als(client, wereld.gebruikers["ander_onderaannemer"])
    assert client.get(f"/clienten/trajecten/{traject.pk}/").status_code == 404
    assert client.get(f"/clienten/trajecten/{traject.pk}/uitvoering/").status_code == 404
    assert client.get(f"/clienten/clienten/{traject.client_id}/").status_code == 404


@pytest.mark.parametrize(
    "rol", ["inkoper", "beoordelaar", "contractmanager", "inschrijver", "privacy"]
)
def test_roles_without_client_data_see_no_client_page(client, wereld, rol):
    traject = services.accepteer(meld_aan(wereld), gebruiker=wereld.gebruikers["backoffice"])
    _als(client, wereld.gebruikers[rol])
    for url in (
        "/clienten/",
        "/clienten/trajecten/",
        f"/clienten/trajecten/{traject.pk}/",
        f"/clienten/clienten/{traject.client_id}/",
        "/clienten/zoeken/?bsn=999993021",
    ):
        assert client.get(url).status_code == 403, url


def test_every_page_read_is_logged_per_client(client, wereld):
    traject = services.accepteer(meld_aan(wereld), gebruiker=wereld.gebruikers["backoffice"])
    gemeente = wereld.gebruikers["gemeente"]
    _als(client, gemeente)
    voor = AuditEntry.objects.count()
    client.get(f"/clienten/trajecten/{traject.pk}/")
    client.get("/clienten/trajecten/")
    client.get("/clienten/zoeken/?naam=Vries")
    entries = list(AuditEntry.objects.order_by("id")[voor:])
    assert [e.actie for e in entries] == [
        "traject.bekeken",
        "traject.lijst-bekeken",
        "client.gezocht",
        "client.gevonden",
    ]
    assert all(e.gebruiker == gemeente and e.rol == "Medewerker gemeente" for e in entries)
    assert {e.betreft_client for e in entries if e.actie != "client.gezocht"} == {traject.client_id}


def test_the_bsn_is_masked_and_showing_it_is_logged(client, wereld):
    traject = services.accepteer(meld_aan(wereld), gebruiker=wereld.gebruikers["backoffice"])
    _als(client, wereld.gebruikers["gemeente"])
    pagina = client.get(f"/clienten/clienten/{traject.client_id}/").content.decode()
    assert "999993021" not in pagina and "●●●●●●021" in pagina
    getoond = client.post(f"/clienten/clienten/{traject.client_id}/bsn/").content.decode()
    assert "999993021" in getoond
    assert (
        AuditEntry.objects.filter(
            actie="client.bsn-getoond", betreft_client=traject.client_id
        ).count()
        == 1
    )


def test_the_municipality_answers_a_request_on_its_page(client, wereld):
    with freeze_time("2026-03-03 09:00:00"):
        traject = services.accepteer(
            meld_aan(wereld, product=wereld.respijt), gebruiker=wereld.gebruikers["logeerhuis"]
        )
    _als(client, wereld.gebruikers["gemeente"])
    with freeze_time("2026-03-05 09:00:00"):
        lijst = client.get("/clienten/verzoeken/").content.decode()
        assert traject.client.sorteernaam in lijst
        formulier = client.get(f"/clienten/trajecten/{traject.pk}/toewijzen/")
        assert formulier.status_code == 200
        antwoord = client.post(
            f"/clienten/trajecten/{traject.pk}/toewijzen/",
            {
                "product": wereld.respijt.pk,
                "volume": "4",
                "frequentie": "4",
                "ingangsdatum": "2026-03-09",
                "einddatum": "2026-12-31",
            },
        )
    assert antwoord.status_code == 302
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.WACHTEND
    # Soest's worker may not answer Amersfoort's requests.
    _als(client, wereld.gebruikers["gemeente_soest"])
    assert client.get(f"/clienten/trajecten/{traject.pk}/toewijzen/").status_code == 404


def test_the_claims_pages_show_a_refusal_and_correct_it(client, wereld):
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-03-02 09:00:00"):
        traject = services.accepteer(meld_aan(wereld, product=wereld.respijt), gebruiker=logeerhuis)
        services.wijs_uitvoerder_toe(traject, gebruiker=logeerhuis)
    with freeze_time("2026-03-05 11:00:00"):
        from wmoregie.clienten.services import berichten

        berichten.geef_toewijzing_af(
            traject,
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
        tot_lopend_respijt = services.start
        services.stel_plan_vast(
            traject,
            gebruiker=logeerhuis,
            volume=10,
            eenheid="14",
            frequentie="4",
            doelen=doelen(wereld),
        )
        tot_lopend_respijt(traject, gebruiker=logeerhuis, datum=date(2026, 3, 2))
    _als(client, logeerhuis)
    with freeze_time("2026-04-02 09:00:00"):
        url = f"/clienten/declaraties/nieuw/?gemeente={wereld.amersfoort.pk}&maand=2026-03"
        voorstel = client.get(url).content.decode()
        assert "vóór de toewijzing" in voorstel
        antwoord = client.post(url, {"overeenkomst": "0", "regel_0": "1", "volume_0": "10"})
        declaratie = Declaratie.objects.get()
        assert antwoord.url == f"/clienten/declaraties/{declaratie.pk}/"
        pagina = client.get(antwoord.url).content.decode()
        assert "begint niet binnen de looptijd van de toewijzing" in pagina
        prestatie = declaratie.prestaties.get()
        correctie = client.post(f"/clienten/prestaties/{prestatie.pk}/corrigeren/")
    nieuw = Declaratie.objects.exclude(pk=declaratie.pk).get()
    assert correctie.url == f"/clienten/declaraties/{nieuw.pk}/"
    assert nieuw.prestaties.get().status == PrestatieStatus.TOEGEKEND

    # The refused line is corrected once: its page links the correction, a second try is refused.
    with freeze_time("2026-04-02 09:05:00"):
        oud = client.get(f"/clienten/declaraties/{declaratie.pk}/").content.decode()
        nogmaals = client.post(f"/clienten/prestaties/{prestatie.pk}/corrigeren/", follow=True)
    assert f'Gecorrigeerd in <a href="/clienten/declaraties/{nieuw.pk}/">' in oud
    assert "opnieuw declareren" not in oud
    assert f"Deze regel is al gecorrigeerd in declaratie {nieuw.nummer}." in (
        nogmaals.content.decode()
    )
    assert Declaratie.objects.count() == 2

    # A granted line is not corrected (it would be claimed twice): a Dutch message, nothing stored.
    toegekend = nieuw.prestaties.get()
    correcties = AuditEntry.objects.filter(actie="declaratie.gecorrigeerd").count()
    with freeze_time("2026-04-02 09:10:00"):
        geweigerd = client.post(f"/clienten/prestaties/{toegekend.pk}/corrigeren/", follow=True)
    assert geweigerd.redirect_chain == [(f"/clienten/declaraties/{nieuw.pk}/", 302)]
    assert "Alleen een declaratieregel die de gemeente heeft afgewezen" in (
        geweigerd.content.decode()
    )
    assert "deze regel is toegekend" in geweigerd.content.decode()
    assert Declaratie.objects.count() == 2
    assert AuditEntry.objects.filter(actie="declaratie.gecorrigeerd").count() == correcties


def test_the_start_page_shows_the_worklist_in_numbers(client, wereld):
    meld_aan(wereld)
    _als(client, wereld.gebruikers["backoffice"])
    pagina = client.get("/clienten/").content.decode()
    assert "1 nieuwe aanmelding om te accepteren" in pagina
    home = client.get("/").content.decode()
    assert "1 nieuwe aanmelding om te accepteren" in home


def test_waiting_times_show_numbers_only(client, wereld):
    traject = services.accepteer(meld_aan(wereld), gebruiker=wereld.gebruikers["backoffice"])
    tot_lopend(wereld, traject)
    _als(client, wereld.gebruikers["contractmanager"])
    pagina = client.get("/clienten/wachttijden/")
    assert pagina.status_code == 200
    assert traject.client.achternaam not in pagina.content.decode()


@pytest.mark.parametrize(
    ("gebruiker", "tegel"),
    [
        ("gebiedsteam", True),
        ("gemeente", True),
        ("backoffice", False),
        ("onderaannemer", False),
        ("contractmanager", False),
        ("privacy", False),
    ],
)
def test_the_home_page_offers_referral_to_the_roles_that_may_refer(
    client, wereld, gebruiker, tegel
):
    _als(client, wereld.gebruikers[gebruiker])
    inhoud = client.get("/").content.decode()
    assert ('href="/clienten/aanmelden/">Cliënt aanmelden</a>' in inhoud) is tegel
    if tegel:
        assert client.get("/clienten/aanmelden/").status_code == 200


def test_the_executor_corrects_a_wrong_start_date_on_the_execution_page(client, wereld):
    backoffice = wereld.gebruikers["backoffice"]
    with freeze_time("2026-03-25 10:00:00"):
        traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
        tot_lopend(wereld, traject, startdatum=date(2026, 3, 20))
        _als(client, backoffice)
        url = f"/clienten/trajecten/{traject.pk}/uitvoering/"
        assert "Startdatum corrigeren" in client.get(url).content.decode()
        fout = client.post(
            url,
            {"stap": "startdatum", "startdatum-datum": "2026-03-16", "startdatum-toelichting": ""},
        )
        assert fout.status_code == 400
        assert "Dit veld is vereist." in fout.content.decode()
        antwoord = client.post(
            url,
            {
                "stap": "startdatum",
                "startdatum-datum": "2026-03-16",
                "startdatum-toelichting": "Gestart op maandag, niet op vrijdag.",
            },
            follow=True,
        )
        tijdlijn = client.get(f"/clienten/trajecten/{traject.pk}/").content.decode()
    assert "De startdatum is gecorrigeerd." in antwoord.content.decode()
    assert "Gestart op 16-03-2026." in antwoord.content.decode()
    traject.refresh_from_db()
    assert traject.startdatum == date(2026, 3, 16)
    assert "Startdatum gecorrigeerd van 20-03-2026 naar 16-03-2026" in tijdlijn


def test_the_list_without_executor_includes_trajectories_that_never_had_one(client, wereld):
    """The worklist's "trajecten zonder uitvoerder" and the list behind it: a new trajectory (no
    deployment yet) and one whose deployment ended count; one with a running deployment does not."""
    backoffice = wereld.gebruikers["backoffice"]
    nooit = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    bezet = services.accepteer(meld_aan(wereld, product=wereld.regulier), gebruiker=backoffice)
    services.wijs_uitvoerder_toe(bezet, gebruiker=backoffice, datum=date(2026, 3, 10))
    gestopt = services.accepteer(
        meld_aan(wereld, client=clientgegevens(wereld, bsn="999990019")), gebruiker=backoffice
    )
    services.wijs_uitvoerder_toe(gestopt, gebruiker=backoffice, datum=date(2026, 3, 10))
    gestopt.inzetten.update(tot=date(2026, 3, 12))

    _als(client, backoffice)
    lijst = client.get("/clienten/trajecten/", {"zonder_uitvoerder": "1"}).context["pagina"]
    assert {t.pk for t in lijst} == {nooit.pk, gestopt.pk}
    start = client.get("/").content.decode()
    assert "2 trajecten zonder uitvoerder" in start


def test_a_bsn_known_elsewhere_is_decided_by_the_back_office_on_its_page(client, wereld):
    """Soest refers with the BSN of an Amersfoort client and a different surname: its page
    looks like any referral; the back office compares both and decides."""
    bekend = meld_aan(wereld).client
    _als(client, wereld.gebruikers["gemeente_soest"])
    antwoord = client.post(
        "/clienten/aanmelden/",
        AANMELDING
        | {
            "gemeente": wereld.soest.pk,
            "gebiedsteam": wereld.team_soest.pk,
            "product": wereld.regulier.pk,
            "bron": wereld.bron.pk,
            "woonplaats": "Soest",
        },
    )
    assert antwoord.status_code == 302, antwoord.context["form"].errors
    aanmelding = Aanmelding.objects.exclude(client=bekend).get()
    assert antwoord.url.endswith(f"/{aanmelding.pk}/")
    eigen = client.get(antwoord.url).content.decode()
    assert "Jansen" in eigen and "Vries" not in eigen and "Identiteit" not in eigen
    assert client.get(f"/clienten/clienten/{bekend.pk}/").status_code == 404

    assert "identiteit vaststellen" not in client.get("/clienten/aanmeldingen/").content.decode()

    _als(client, wereld.gebruikers["backoffice"])
    assert "identiteit vaststellen" in client.get("/clienten/aanmeldingen/").content.decode()
    pagina = client.get(f"/clienten/aanmeldingen/{aanmelding.pk}/").content.decode()
    assert "Identiteit vaststellen" in pagina and "/accepteren/" not in pagina
    url = f"/clienten/aanmeldingen/{aanmelding.pk}/identiteit/"
    vergelijking = client.get(url).content.decode()
    assert "Jansen" in vergelijking and "Vries" in vergelijking
    assert AuditEntry.objects.filter(
        actie="aanmelding.identiteit-bekeken", betreft_client=bekend.pk
    ).exists()
    assert client.post(url, {"zelfde": "nee", "toelichting": ""}).status_code == 400
    antwoord = client.post(url, {"zelfde": "nee", "toelichting": "Andere persoon, tikfout."})
    assert antwoord.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.INGETROKKEN

    _als(client, wereld.gebruikers["gemeente_soest"])
    tijdlijn = client.get(f"/clienten/aanmeldingen/{aanmelding.pk}/").content.decode()
    assert (
        "Controleer het BSN" in tijdlijn and "Vries" not in tijdlijn and "tikfout" not in tijdlijn
    )
