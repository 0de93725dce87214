from datetime import date

from django.core.management import call_command
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten.bewaren import GEANONIMISEERD, VERWIJDERD, pas_bewaartermijnen_toe
from wmoregie.clienten.constants import AanmeldingStatus, RedenBeeindiging, TrajectStatus
from wmoregie.clienten.models import Aanmelding, Client, Traject
from wmoregie.iwmo.models import Feit

from .factories import AanmeldingFactory, ClientFactory, TrajectFactory

EINDE = date(2026, 3, 31)


def _afgesloten_traject(wereld, **client):
    return TrajectFactory(
        aanmelding__client=ClientFactory(gemeente=wereld.amersfoort, **client),
        aanmelding__overeenkomst=wereld.overeenkomst,
        aanmelding__product=wereld.begeleiding,
        aanmelding__vraag="Mevrouw vraagt hulp na de scheiding.",
        status=TrajectStatus.BEEINDIGD,
        startdatum=date(2026, 3, 9),
        einddatum=EINDE,
        reden_beeindiging=RedenBeeindiging.VOLGENS_PLAN,
        toelichting_beeindiging="Verhuisd naar haar zus in Zwolle.",
    )


def _toepassen(vandaag, uitvoeren=True):
    return pas_bewaartermijnen_toe(
        dossier_jaren=15, aanmelding_jaren=2, uitvoeren=uitvoeren, vandaag=vandaag
    )


@pytest.mark.django_db
def test_a_closed_dossier_is_anonymised_the_day_after_its_term(wereld):
    traject = _afgesloten_traject(wereld, bsn="999993021", geboortedatum=date(1980, 5, 17))
    Feit.objects.create(
        gemeente="0307", aanbieder="98765432", soort="toewijzing", sleutel="1", bsn="999993021"
    )

    _toepassen(date(2041, 3, 31))  # the last day of the term: the end date is 15 years ago
    assert Client.objects.get(pk=traject.client_id).geanonimiseerd_op is None

    rapport = _toepassen(date(2041, 4, 1))

    client = Client.objects.get(pk=traject.client_id)
    assert rapport.dossiers == {"0307": 1}
    assert client.geanonimiseerd_op is not None
    assert client.bsn != "999993021" and not client.bsn.isdigit()
    assert (client.achternaam, client.voornamen, client.voorletters) == (GEANONIMISEERD, "", "")
    assert (client.straat, client.telefoon, client.postcode) == ("", "", "3811")
    assert client.geboortedatum == date(1980, 1, 1)  # the age band stays countable
    traject.refresh_from_db()
    assert traject.toelichting_beeindiging == ""
    assert traject.aanmelding.vraag == VERWIJDERD
    # What monitoring counts stays.
    assert (traject.startdatum, traject.einddatum, traject.product) == (
        date(2026, 3, 9),
        EINDE,
        wereld.begeleiding,
    )
    assert not Feit.objects.filter(bsn="999993021").exists()
    assert AuditEntry.objects.filter(
        actie="clienten.geanonimiseerd", betreft_client=client.pk
    ).exists()


@pytest.mark.django_db
def test_the_iwmo_facts_stay_while_another_client_holds_the_bsn(wereld):
    """A referral's client with the same BSN, not yet decided on (clienten/services/aanmelding):
    anonymising the old file must not take the BSN from the facts the other one still needs."""
    _afgesloten_traject(wereld, bsn="999993021")
    ClientFactory(gemeente=wereld.soest, bsn="999993021", identiteit_onbevestigd=True)
    Feit.objects.create(
        gemeente="0307", aanbieder="98765432", soort="toewijzing", sleutel="1", bsn="999993021"
    )

    _toepassen(date(2041, 4, 1))

    assert Feit.objects.filter(bsn="999993021").exists()


@pytest.mark.django_db
def test_an_open_trajectory_keeps_the_dossier_however_old(wereld):
    traject = _afgesloten_traject(wereld)
    Traject.objects.filter(pk=traject.pk).update(
        status=TrajectStatus.LOPEND, einddatum=None, reden_beeindiging=""
    )

    rapport = _toepassen(date(2070, 1, 1))

    assert rapport.dossiers == {}
    assert Client.objects.get(pk=traject.client_id).geanonimiseerd_op is None


@pytest.mark.django_db
def test_a_later_trajectory_restarts_the_term(wereld):
    oud = _afgesloten_traject(wereld)
    TrajectFactory(
        aanmelding__client=oud.client,
        aanmelding__overeenkomst=wereld.overeenkomst,
        aanmelding__product=wereld.begeleiding,
        aanmelding__aangemeld_op=date(2030, 1, 6),
        status=TrajectStatus.BEEINDIGD,
        einddatum=date(2030, 6, 30),
        reden_beeindiging=RedenBeeindiging.VOLGENS_PLAN,
    )

    assert _toepassen(date(2042, 1, 1)).dossiers == {}
    assert _toepassen(date(2045, 7, 1)).dossiers == {"0307": 1}


@pytest.mark.django_db
def test_a_dry_run_reports_and_changes_nothing(wereld):
    traject = _afgesloten_traject(wereld)
    geweigerd = AanmeldingFactory(
        client=traject.client,
        overeenkomst=wereld.overeenkomst,
        product=wereld.begeleiding,
        status=AanmeldingStatus.GEWEIGERD,
        weigerreden=wereld.weigerreden,
        weigering_toelichting="Past niet binnen de opdracht.",
    )
    voor = AuditEntry.objects.count()

    rapport = _toepassen(date(2041, 4, 1), uitvoeren=False)

    assert (rapport.dossiers, rapport.aanmeldingen) == ({"0307": 1}, {"0307": 1})
    assert "1 cliënt te anonimiseren (proefdraai)" in rapport.regels()[0]
    assert Client.objects.get(pk=traject.client_id).geanonimiseerd_op is None
    assert Aanmelding.objects.get(pk=geweigerd.pk).vraag != VERWIJDERD
    assert AuditEntry.objects.count() == voor


@pytest.mark.django_db
def test_a_refused_referral_loses_its_text_after_its_own_shorter_term(wereld):
    geweigerd = AanmeldingFactory(
        client=ClientFactory(gemeente=wereld.amersfoort),
        overeenkomst=wereld.overeenkomst,
        product=wereld.begeleiding,
        aangemeld_op=date(2026, 3, 2),
        status=AanmeldingStatus.GEWEIGERD,
        weigerreden=wereld.weigerreden,
        weigering_toelichting="Past niet binnen de opdracht.",
    )

    assert _toepassen(date(2028, 3, 2)).aanmeldingen == {}
    rapport = _toepassen(date(2028, 3, 3))

    geweigerd.refresh_from_db()
    assert rapport.aanmeldingen == {"0307": 1}
    assert (geweigerd.vraag, geweigerd.weigering_toelichting) == (VERWIJDERD, VERWIJDERD)
    assert geweigerd.client.geanonimiseerd_op is None  # the person follows the dossier term


@pytest.mark.django_db
def test_the_pages_still_show_an_anonymised_client(wereld, client):
    traject = _afgesloten_traject(wereld)
    _toepassen(date(2041, 4, 1))
    client.force_login(wereld.gebruikers["backoffice"])

    pagina = client.get(reverse("clienten:client", args=[traject.client_id]))

    assert pagina.status_code == 200
    assert GEANONIMISEERD in pagina.content.decode()


@pytest.mark.django_db
def test_the_command_reports_a_dry_run_in_dutch(wereld, capsys, settings):
    _afgesloten_traject(wereld)
    settings.WMOREGIE_BEWAARTERMIJN_DOSSIER_JAREN = 1

    with freeze_time("2027-06-01 12:00"):
        call_command("bewaartermijnen", "--proef")

    uitvoer = capsys.readouterr().out
    assert "Cliëntdossiers afgesloten vóór" in uitvoer
    assert "1 cliënt te anonimiseren (proefdraai)" in uitvoer
    assert "iWmo-berichten" in uitvoer
    assert Client.objects.filter(geanonimiseerd_op__isnull=False).count() == 0


@pytest.mark.django_db
def test_a_term_below_one_year_is_refused(wereld, settings):
    from django.core.management.base import CommandError

    settings.WMOREGIE_BEWAARTERMIJN_AANMELDING_JAREN = 0
    with pytest.raises(CommandError, match="minstens 1 jaar"):
        call_command("bewaartermijnen", "--proef")
