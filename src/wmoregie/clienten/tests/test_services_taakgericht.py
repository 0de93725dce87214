"""The taakgericht flow: referral, acceptance or refusal, executor, plan, start, stop, flow-on."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import services
from wmoregie.clienten.constants import AanmeldingStatus, Antwoordstatus, TrajectStatus
from wmoregie.clienten.models import Client
from wmoregie.iwmo.berichten import parse
from wmoregie.iwmo.models import BerichtStatus

from .helpers import clientgegevens, doelen, meld_aan, tot_lopend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("bevroren")]


@pytest.fixture
def bevroren():
    with freeze_time("2026-04-01 10:00:00"):
        yield


def test_a_referral_finds_the_client_by_bsn_and_goes_to_the_lots_agreement(wereld):
    aanmelding = meld_aan(wereld)
    assert aanmelding.overeenkomst == wereld.overeenkomst
    assert aanmelding.status == AanmeldingStatus.AANGEMELD
    assert aanmelding.client.postcode == "3811AB"  # typed with a space, stored compact
    tweede = meld_aan(wereld, product=wereld.regulier, client=clientgegevens(wereld, straat="Kamp"))
    assert tweede.client == aanmelding.client
    assert Client.objects.count() == 1
    assert tweede.client.straat == "Kamp"  # the address follows the latest referral


def test_a_second_open_referral_for_the_same_product_is_refused(wereld):
    meld_aan(wereld)
    with pytest.raises(ValidationError) as fout:
        meld_aan(wereld)
    assert fout.value.error_dict["product"][0].code == "al-aangemeld"


def test_a_bsn_of_another_person_is_refused_not_merged(wereld):
    meld_aan(wereld)
    with pytest.raises(ValidationError) as fout:
        meld_aan(
            wereld,
            product=wereld.regulier,
            client=clientgegevens(wereld, geboortedatum=date(1990, 1, 1)),
        )
    assert fout.value.error_dict["bsn"][0].code == "bsn-andere-client"


@pytest.mark.parametrize(
    ("bsn", "code"), [("999993022", "bsn-elfproef"), ("12345", "bsn-formaat"), ("", "blank")]
)
def test_a_bsn_failing_the_elfproef_stores_nothing(wereld, bsn, code):
    with pytest.raises(ValidationError) as fout:
        meld_aan(wereld, client=clientgegevens(wereld, bsn=bsn))
    assert fout.value.error_dict["bsn"][0].code == code
    assert not Client.objects.exists()


def test_an_inactive_referral_source_is_refused(wereld):
    wereld.bron.actief = False
    wereld.bron.save()
    with pytest.raises(ValidationError) as fout:
        meld_aan(wereld)
    assert fout.value.error_dict["bron"][0].code == "verwijsbron-niet-actief"


def test_without_an_active_agreement_for_the_lot_nobody_can_receive_the_client(wereld):
    wereld.overeenkomst.status = "beeindigd"
    wereld.overeenkomst.save()
    with pytest.raises(ValidationError) as fout:
        meld_aan(wereld)
    assert fout.value.error_dict["product"][0].code == "geen-overeenkomst"


def test_refusal_needs_a_reason_from_the_list_and_a_motivation(wereld):
    aanmelding = meld_aan(wereld)
    backoffice = wereld.gebruikers["backoffice"]
    with pytest.raises(ValidationError) as fout:
        services.weiger(
            aanmelding, gebruiker=backoffice, reden=wereld.weigerreden, toelichting="nee"
        )
    assert fout.value.error_dict["toelichting"][0].code == "onderbouwing-te-kort"
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.AANGEMELD
    services.weiger(
        aanmelding,
        gebruiker=backoffice,
        reden=wereld.weigerreden,
        toelichting="Er is langdurige intensieve zorg nodig; dat valt onder de Wlz.",
    )
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GEWEIGERD
    assert aanmelding.weigerreden == wereld.weigerreden
    with pytest.raises(ValidationError) as fout:
        services.accepteer(aanmelding, gebruiker=backoffice)
    assert fout.value.code == "accepteren-niet-toegestaan"


def test_the_whole_taakgericht_flow_reports_start_and_stop_without_toewijzingnummer(wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    assert traject.status == TrajectStatus.WACHTEND  # no toewijzing under taakgericht
    tot_lopend(wereld, traject)
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.LOPEND
    start = traject.berichten.get(berichttype="wmo305")
    assert start.antwoordstatus == Antwoordstatus.GOEDGEKEURD  # Amersfoort works in wmoregie
    assert start.bericht.status == BerichtStatus.GEACCEPTEERD
    model = parse(bytes(start.bericht.inhoud))
    assert model.client.start_producten[0].toewijzing_nummer is None
    assert model.header.afzender == "98765432" and model.header.ontvanger == "0307"

    services.beeindig(
        traject,
        gebruiker=backoffice,
        datum=date(2026, 3, 31),
        reden="19",
        resultaten={traject.plan.doelen.get().pk: "behaald"},
    )
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.BEEINDIGD
    assert traject.inzetten.get().tot == date(2026, 3, 31)
    stop = traject.berichten.get(berichttype="wmo307")
    assert stop.antwoordstatus == Antwoordstatus.GOEDGEKEURD
    assert traject.plan.doelen.get().resultaat == "behaald"
    soorten = list(traject.aanmelding.gebeurtenissen.values_list("soort", flat=True))
    assert {"aangemeld", "geaccepteerd", "uitvoerder", "plan", "gestart", "beeindigd"} <= set(
        soorten
    )
    assert soorten.count("bericht") == 2  # the 305 and the 307, each with its retour


def test_without_the_start_stop_agreement_no_message_is_sent(wereld):
    wereld.overeenkomst.berichten_start_stop = False
    wereld.overeenkomst.save()
    traject = services.accepteer(meld_aan(wereld), gebruiker=wereld.gebruikers["backoffice"])
    tot_lopend(wereld, traject)
    assert not traject.berichten.exists()


def test_a_municipality_with_its_own_system_gets_the_message_in_its_outbox(
    wereld, settings, tmp_path
):
    soest = clientgegevens(wereld, gemeente=wereld.soest, postcode="3761 AB", woonplaats="Soest")
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
    assert start.antwoordstatus == Antwoordstatus.WACHT
    assert start.bericht.status == BerichtStatus.VERZONDEN
    outbox = list((tmp_path / "iwmo" / "0342" / "outbox").iterdir())
    assert [p.read_bytes() for p in outbox] == [bytes(start.bericht.inhoud)]


def test_the_subcontractor_must_be_allowed_by_the_register(wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    # Zorgkracht has a subcontract for "Begeleiding regulier" only.
    with pytest.raises(ValidationError) as fout:
        services.wijs_uitvoerder_toe(
            traject, gebruiker=backoffice, onderaannemer=wereld.onderaannemer
        )
    assert fout.value.error_dict["uitvoerder"][0].code == "onderaannemer-niet-inzetbaar"
    regulier = services.accepteer(meld_aan(wereld, product=wereld.regulier), gebruiker=backoffice)
    inzet = services.wijs_uitvoerder_toe(
        regulier, gebruiker=backoffice, onderaannemer=wereld.onderaannemer
    )
    assert inzet.uitvoerder == "Zorgkracht"


def test_a_start_needs_an_executor_and_a_date_not_in_the_future(wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    with pytest.raises(ValidationError) as fout:
        services.start(traject, gebruiker=backoffice, datum=date(2026, 3, 20))
    assert fout.value.code == "geen-uitvoerder"
    services.wijs_uitvoerder_toe(traject, gebruiker=backoffice)
    with pytest.raises(ValidationError) as fout:
        services.start(traject, gebruiker=backoffice, datum=date(2026, 4, 2))
    assert fout.value.error_dict["datum"][0].code == "datum-in-toekomst"
    with pytest.raises(ValidationError) as fout:
        services.start(traject, gebruiker=backoffice, datum=date(2026, 3, 1))
    assert fout.value.error_dict["datum"][0].code == "start-voor-aanmelding"
    traject.refresh_from_db()
    assert traject.status == TrajectStatus.WACHTEND


def test_scores_stay_on_the_instruments_scale(wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    tot_lopend(wereld, traject)
    domein = wereld.instrument.domeinen.first()
    for waarde in (0, 6, True, "3"):
        with pytest.raises(ValidationError):
            services.leg_scores_vast(
                traject,
                gebruiker=backoffice,
                moment="evaluatie",
                datum=date(2026, 3, 20),
                scores={domein: waarde},
            )
    ronde = services.leg_scores_vast(
        traject,
        gebruiker=backoffice,
        moment="evaluatie",
        datum=date(2026, 3, 20),
        scores={domein: 4},
    )
    assert ronde.scores.get().waarde == 4


def test_flow_on_makes_a_new_referral_without_retyping(wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    tot_lopend(wereld, traject)
    services.beeindig(traject, gebruiker=backoffice, datum=date(2026, 3, 31), reden="23")
    vervolg = services.verwijs_door(traject, gebruiker=backoffice, product=wereld.regulier)
    assert vervolg.client == traject.client
    assert vervolg.vorig_traject == traject
    assert vervolg.gebiedsteam == wereld.team_noord
    assert "Vervolg op" in vervolg.vraag


def test_every_change_of_client_data_is_in_the_audit_log_with_role_and_client(wereld):
    aanmelding = meld_aan(wereld)
    traject = services.accepteer(aanmelding, gebruiker=wereld.gebruikers["backoffice"])
    entries = AuditEntry.objects.filter(betreft_client=traject.client_id).order_by("id")
    assert [e.actie for e in entries] == ["aanmelding.aangemaakt", "aanmelding.geaccepteerd"]
    assert entries[0].rol == "Medewerker gebiedsteam"
    assert entries[0].organisatie == "Gebiedsteam Amersfoort Noord"
    assert entries[1].rol == "Backoffice consortium"


def test_a_plan_with_a_unit_or_volume_out_of_range_stores_nothing(wereld):
    backoffice = wereld.gebruikers["backoffice"]
    traject = services.accepteer(meld_aan(wereld), gebruiker=backoffice)
    for volume, eenheid, frequentie, veld in [
        (0, "04", "2", "volume"),
        (10**9, "04", "2", "volume"),
        (3, "83", "2", "eenheid"),  # euro's is not a unit of effort
        (3, "14", "1", "frequentie"),  # etmaal per day does not exist (CS338)
    ]:
        with pytest.raises(ValidationError) as fout:
            services.stel_plan_vast(
                traject,
                gebruiker=backoffice,
                volume=volume,
                eenheid=eenheid,
                frequentie=frequentie,
                doelen=doelen(wereld),
            )
        assert veld in fout.value.error_dict
    assert not hasattr(traject, "plan") or traject.plan is None
