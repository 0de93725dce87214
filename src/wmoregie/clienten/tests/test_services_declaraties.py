"""Monthly claims (WMO323) at the contract's tariff, the answer (WMO325) per line, and the
correction of a line the municipality refused."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time
from iwmo.berichten import parse

from wmoregie.audit.models import AuditEntry
from wmoregie.clienten import services
from wmoregie.clienten.constants import PrestatieStatus
from wmoregie.clienten.services import berichten, declaraties

from .helpers import doelen, meld_aan

pytestmark = pytest.mark.django_db


@pytest.fixture
def lopend(wereld):
    """A respite stay that started on 2 March, a week before the toewijzing (9 March)."""
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-03-02 09:00:00"):
        traject = services.accepteer(
            meld_aan(wereld, product=wereld.respijt, aangemeld_op=date(2026, 3, 2)),
            gebruiker=logeerhuis,
        )
        services.wijs_uitvoerder_toe(traject, gebruiker=logeerhuis)
    with freeze_time("2026-03-05 11:00:00"):
        berichten.geef_toewijzing_af(
            traject,
            gebruiker=wereld.gebruikers["gemeente"],
            toekenning=berichten.Toekenning(
                product=wereld.respijt,
                volume=10,
                frequentie="4",
                ingangsdatum=date(2026, 3, 9),
                einddatum=date(2026, 12, 31),
            ),
        )
    with freeze_time("2026-03-20 09:00:00"):
        services.stel_plan_vast(
            traject,
            gebruiker=logeerhuis,
            volume=10,
            eenheid="14",
            frequentie="4",
            doelen=doelen(wereld),
        )
        services.start(traject, gebruiker=logeerhuis, datum=date(2026, 3, 2))
    return traject


def _voorstel_maart(wereld):
    return declaraties.voorstel(wereld.respijtovereenkomst, wereld.amersfoort, date(2026, 3, 1))


def _declareer_maart(wereld, regels, **opties):
    """The respite claim of March 2026 to Amersfoort."""
    return declaraties.dien_in(
        wereld.respijtovereenkomst, wereld.amersfoort, date(2026, 3, 1), regels, **opties
    )


def test_the_proposal_counts_the_days_at_the_contract_tariff_and_warns(wereld, lopend):
    with freeze_time("2026-04-03 09:00:00"):
        regels = _voorstel_maart(wereld)
    [regel] = regels
    assert (regel.periode_van, regel.periode_tot) == (date(2026, 3, 2), date(2026, 3, 31))
    assert regel.volume == 10  # 30 days of stay, capped at 10 etmalen per month
    assert regel.tarief == 24580
    assert regel.bedrag == 245800
    assert "vóór de toewijzing" in regel.waarschuwingen[0]


def test_a_refused_line_is_matched_and_its_correction_is_granted(wereld, lopend):
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-04-03 09:00:00"):
        regels = _voorstel_maart(wereld)
        declaratie = _declareer_maart(
            wereld,
            regels,
            gebruiker=logeerhuis,
        )
    prestatie = declaratie.prestaties.get()
    assert prestatie.status == PrestatieStatus.AFGEWEZEN
    assert "9307" in prestatie.retourcodes.split()  # TR307: starts before the toewijzing
    assert declaratie.toegekend_bedrag == 0
    assert parse(bytes(declaratie.bericht.inhoud)).declaratie.declaratie_nummer == declaratie.nummer

    with freeze_time("2026-04-03 09:05:00"):
        # The refused days can be claimed again; the correction keeps the toewijzing's period.
        [opnieuw] = _voorstel_maart(wereld)
        correctie = declaraties.corrigeer(prestatie)
        assert (correctie.periode_van, correctie.volume) == (date(2026, 3, 9), 10)
        tweede = _declareer_maart(
            wereld,
            [correctie],
            gebruiker=logeerhuis,
        )
    assert opnieuw.traject == lopend
    niet_afgewezen = tweede.prestaties.get()  # granted: correcting would claim it twice
    with pytest.raises(ValidationError) as fout:
        declaraties.corrigeer(niet_afgewezen)
    assert fout.value.code == "niet-afgewezen"
    niet_afgewezen.status = PrestatieStatus.INGEDIEND  # unanswered yet: not refused either
    with pytest.raises(ValidationError) as fout:
        declaraties.corrigeer(niet_afgewezen)
    assert "deze regel is ingediend" in fout.value.messages[0]
    assert tweede.prestaties.get().status == PrestatieStatus.TOEGEKEND
    assert tweede.toegekend_bedrag == tweede.ingediend_bedrag == 245800
    with freeze_time("2026-04-03 09:10:00"):
        assert _voorstel_maart(wereld) == []
    totalen = declaraties.maandtotalen([declaratie, tweede])
    assert totalen == [
        {
            "maand": date(2026, 3, 1),
            "ingediend": 491600,
            "toegekend": 245800,
            "afgewezen": 245800,
            "open": 0,
        }
    ]


def test_a_month_that_has_not_ended_cannot_be_claimed(wereld, lopend):
    with freeze_time("2026-03-25 09:00:00"):
        regels = _voorstel_maart(wereld)
        with pytest.raises(ValidationError) as fout:
            _declareer_maart(
                wereld,
                regels,
                gebruiker=wereld.gebruikers["logeerhuis"],
            )
    assert fout.value.error_dict["maand"][0].code == "maand-niet-voorbij"


@pytest.mark.parametrize("volume", [0, -1, 10**9, True])
def test_a_volume_out_of_range_is_refused_and_nothing_is_sent(wereld, lopend, volume):
    with freeze_time("2026-04-03 09:00:00"):
        [regel] = _voorstel_maart(wereld)
        regel.volume = volume
        with pytest.raises(ValidationError):
            _declareer_maart(
                wereld,
                [regel],
                gebruiker=wereld.gebruikers["logeerhuis"],
            )
    assert not lopend.prestaties.exists()


# --- a wrong start date put right ----------------------------------------------------------------


def _starts(traject):
    return [
        (p.begindatum, p.status_aanlevering, b.antwoordstatus)
        for b in traject.berichten.filter(berichttype="wmo305").order_by("id")
        for p in parse(bytes(b.bericht.inhoud)).client.start_producten
    ]


def test_a_wrong_start_date_is_withdrawn_and_reported_again(wereld, lopend):
    [(_, _, eerste)] = _starts(lopend)
    with freeze_time("2026-03-21 09:00:00"):
        services.corrigeer_startdatum(
            lopend,
            gebruiker=wereld.gebruikers["logeerhuis"],
            datum=date(2026, 3, 9),
            toelichting="Het verblijf begon pas op de dag van de toewijzing.",
        )
    lopend.refresh_from_db()
    assert lopend.startdatum == date(2026, 3, 9)
    assert _starts(lopend) == [
        (date(2026, 3, 2), "1", eerste),
        (date(2026, 3, 2), "3", "goedgekeurd"),  # the wrong start withdrawn (TR063 holds)
        (date(2026, 3, 9), "1", "goedgekeurd"),  # then the right one (TR326 holds)
    ]
    # The withdrawal repeats the reported start line, only its status differs (the key of TR063).
    oorspronkelijk, intrekking = (
        parse(bytes(b.bericht.inhoud)).client.start_producten[0]
        for b in lopend.berichten.filter(berichttype="wmo305").order_by("id")[:2]
    )
    oorspronkelijk.status_aanlevering = "3"
    assert intrekking == oorspronkelijk
    regel = lopend.aanmelding.gebeurtenissen.get(soort="startdatum-gecorrigeerd")
    assert "van 02-03-2026 naar 09-03-2026" in regel.omschrijving
    assert AuditEntry.objects.filter(actie="traject.startdatum-gecorrigeerd").count() == 1
    with freeze_time("2026-04-03 09:00:00"):
        [regel] = _voorstel_maart(wereld)
    assert regel.periode_van == date(2026, 3, 9)  # the claim follows the corrected start
    assert not regel.waarschuwingen


@pytest.mark.parametrize(
    ("datum", "toelichting", "code"),
    [
        (date(2026, 3, 2), "Zelfde dag.", "zelfde-startdatum"),
        (date(2026, 3, 25), "Nog niet begonnen.", "datum-in-toekomst"),
        (date(2026, 3, 1), "Vóór de aanmelding.", "start-voor-aanmelding"),
        (date(2026, 3, 9), "   ", "toelichting-ontbreekt"),
        (date(2026, 3, 9), "x" * 401, "toelichting-te-lang"),
    ],
)
def test_a_start_date_correction_that_breaks_a_rule_changes_nothing(
    wereld, lopend, datum, toelichting, code
):
    aantal = lopend.berichten.count()
    with freeze_time("2026-03-21 09:00:00"), pytest.raises(ValidationError) as fout:
        services.corrigeer_startdatum(
            lopend, gebruiker=wereld.gebruikers["logeerhuis"], datum=datum, toelichting=toelichting
        )
    assert [e.code for fouten in fout.value.error_dict.values() for e in fouten] == [code]
    lopend.refresh_from_db()
    assert lopend.startdatum == date(2026, 3, 2)
    assert lopend.berichten.count() == aantal


def test_a_later_start_date_may_not_leave_claimed_days_before_it(wereld, lopend):
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-04-03 09:00:00"):
        regels = _voorstel_maart(wereld)
        declaratie = _declareer_maart(
            wereld,
            regels,
            gebruiker=logeerhuis,
        )
        correctie = declaraties.corrigeer(declaratie.prestaties.get())
        _declareer_maart(
            wereld,
            [correctie],
            gebruiker=logeerhuis,
        )  # granted from 9 March
        with pytest.raises(ValidationError) as fout:
            services.corrigeer_startdatum(
                lopend, gebruiker=logeerhuis, datum=date(2026, 3, 10), toelichting="Later."
            )
        assert fout.value.error_dict["datum"][0].code == "al-gedeclareerd"
        # The refused line (from 2 March) does not count: 9 March is still possible.
        services.corrigeer_startdatum(
            lopend, gebruiker=logeerhuis, datum=date(2026, 3, 9), toelichting="Juiste dag."
        )
    lopend.refresh_from_db()
    assert lopend.startdatum == date(2026, 3, 9)


def test_corrections_from_before_the_link_are_linked_by_the_migration(wereld, lopend):
    from importlib import import_module

    from django.apps import apps

    from wmoregie.clienten.models import Prestatie

    migratie = import_module("wmoregie.clienten.migrations.0004_prestatie_correctie_van")
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-04-03 09:00:00"):
        regels = _voorstel_maart(wereld)
        eerste = _declareer_maart(
            wereld,
            regels,
            gebruiker=logeerhuis,
        )
        afgewezen = eerste.prestaties.get()
        tweede = _declareer_maart(
            wereld,
            [declaraties.corrigeer(afgewezen)],
            gebruiker=logeerhuis,
            correctie_van=afgewezen,
        )
    Prestatie.objects.filter(declaratie=tweede).update(correctie_van=None)  # as before 0004
    migratie.koppel_eerdere_correcties(apps, None)
    assert tweede.prestaties.get().correctie_van == afgewezen
    with pytest.raises(ValidationError) as fout:
        declaraties.corrigeer(afgewezen)
    assert fout.value.code == "al-gecorrigeerd"
    goedgekeurd = tweede.prestaties.get()
    nogmaals = declaraties.Declaratieregel(
        traject=goedgekeurd.traject,
        toewijzing=goedgekeurd.toewijzing,
        periode_van=goedgekeurd.periode_van,
        periode_tot=goedgekeurd.periode_tot,
        volume=goedgekeurd.volume,
        eenheid=goedgekeurd.eenheid,
        tarief=goedgekeurd.tarief,
    )
    with pytest.raises(ValidationError) as fout, freeze_time("2026-04-03 09:10:00"):
        declaraties.dien_in(  # the claim itself refuses a second correction (two tabs at once)
            wereld.respijtovereenkomst,
            wereld.amersfoort,
            date(2026, 3, 1),
            [nogmaals],
            gebruiker=logeerhuis,
            correctie_van=afgewezen,
        )
    assert fout.value.code == "al-gecorrigeerd"
    assert Prestatie.objects.filter(correctie_van=afgewezen).count() == 1
