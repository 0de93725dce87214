"""The steering meeting's rules, the obligations' status and the worklist signals."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.models import Indicator, Verplichting
from wmoregie.monitoring.sturing import services
from wmoregie.monitoring.sturing.constants import (
    ActieStatus,
    Berekening,
    Verplichtingsoort,
    Verplichtingstatus,
)
from wmoregie.monitoring.sturing.werkvoorraad import werkvoorraad

from .conftest import traject

pytestmark = pytest.mark.django_db


def _codes(fout: ValidationError) -> set[str]:
    if hasattr(fout, "error_dict"):
        return {e.code for fouten in fout.error_dict.values() for e in fouten}
    return {e.code for e in fout.error_list}


@pytest.fixture
def lopend_indicator(wereld):
    indicator = Indicator.objects.create(
        regio=wereld.regio,
        code="lopend",
        naam="Lopende trajecten",
        berekening=Berekening.LOPENDE_TRAJECTEN,
        verantwoordelijke_rol="contractmanager",
    )
    services.stel_norm_vast(
        indicator,
        jaar=2026,
        streefwaarde=Decimal("4"),
        tolerantie=Decimal("1"),
        door=wereld.gebruikers["contractmanager"],
    )
    return indicator


@pytest.fixture
def overleg(wereld):
    return services.plan_overleg(
        wereld.overeenkomst,
        datum=date(2026, 3, 31),
        titel="Stuuroverleg maart",
        agenda=["Indicatoren", "", "Rondvraag"],
        door=wereld.gebruikers["contractmanager"],
    )


def test_the_snapshot_keeps_the_figures_of_the_meeting_date(wereld, lopend_indicator, overleg):
    traject(wereld, start=date(2026, 1, 10))
    traject(wereld, gemeente=wereld.soest, start=date(2026, 2, 10))
    traject(wereld, start=date(2026, 4, 10))  # after the meeting date: not in the figures

    with freeze_time("2026-04-15 10:00"):
        services.bevries(overleg, door=wereld.gebruikers["contractmanager"])
    traject(wereld, start=date(2026, 3, 1))  # entered later, dated before the meeting
    overleg.refresh_from_db()

    regel = overleg.snapshot["indicatoren"][0]
    assert overleg.snapshot["peildatum"] == "2026-03-31"
    assert regel["totaal"]["teller"] == 2
    assert regel["totaal"]["koers"] == "uit-koers"  # 2 against 4 with tolerance 1
    assert [(g["naam"], g["teller"]) for g in regel["gemeenten"]] == [
        ("Amersfoort", 1),
        ("Soest", 1),
    ]
    assert [p.onderwerp for p in overleg.agendapunten.all()] == ["Indicatoren", "Rondvraag"]
    assert AuditEntry.objects.filter(actie="sturing.cijfers-bevroren").count() == 1
    with pytest.raises(ValidationError) as fout:
        services.bevries(
            overleg, door=wereld.gebruikers["contractmanager"], vandaag=date(2026, 4, 16)
        )
    assert _codes(fout.value) == {"al-bevroren"}


def test_figures_are_not_frozen_before_the_meeting_day(wereld, overleg):
    with pytest.raises(ValidationError) as fout:
        services.bevries(
            overleg, door=wereld.gebruikers["contractmanager"], vandaag=date(2026, 3, 30)
        )
    assert _codes(fout.value) == {"overleg-in-de-toekomst"}
    overleg.refresh_from_db()
    assert overleg.snapshot == {}


def test_decisions_need_frozen_figures_and_the_agenda_is_fixed_after(wereld, overleg):
    cm = wereld.gebruikers["contractmanager"]
    with pytest.raises(ValidationError) as fout:
        services.leg_besluit_vast(overleg, tekst="Meer capaciteit.", door=cm)
    assert _codes(fout.value) == {"niet-bevroren"}
    services.voeg_agendapunt_toe(overleg, onderwerp="Wachttijden", door=cm)
    services.bevries(overleg, door=cm, vandaag=date(2026, 3, 31))
    with pytest.raises(ValidationError) as fout:
        services.voeg_agendapunt_toe(overleg, onderwerp="Te laat", door=cm)
    assert _codes(fout.value) == {"agenda-vastgelegd"}
    assert overleg.agendapunten.count() == 3
    besluit = services.leg_besluit_vast(overleg, tekst="Meer capaciteit.", door=cm)
    assert besluit.overleg == overleg


def test_an_action_belongs_to_a_participant_and_is_followed_up(wereld, overleg):
    cm = wereld.gebruikers["contractmanager"]
    services.bevries(overleg, door=cm, vandaag=date(2026, 3, 31))
    for buitenstaander in ("gemeente", "logeerhuis", "onderaannemer"):
        with pytest.raises(ValidationError) as fout:
            services.maak_actie(
                overleg,
                omschrijving="Plan maken",
                eigenaar=wereld.gebruikers[buitenstaander],
                uiterlijk_op=date(2026, 4, 30),
                door=cm,
            )
        assert _codes(fout.value) == {"eigenaar-geen-deelnemer"}, buitenstaander
    with pytest.raises(ValidationError) as fout:
        services.maak_actie(
            overleg,
            omschrijving="Plan maken",
            eigenaar=wereld.gebruikers["backoffice"],
            uiterlijk_op=date(2026, 3, 1),
            door=cm,
        )
    assert _codes(fout.value) == {"uiterlijk-voor-overleg"}

    actie = services.maak_actie(
        overleg,
        omschrijving="Plan maken",
        eigenaar=wereld.gebruikers["backoffice"],
        uiterlijk_op=date(2026, 4, 30),
        door=cm,
    )
    backoffice = wereld.gebruikers["backoffice"]
    with freeze_time("2026-04-20"):
        taak = next(t for t in werkvoorraad(backoffice) if "stuuroverleg" in t.titel)
        assert (taak.aantal, taak.dringend) == (1, False)
    with freeze_time("2026-05-01"):
        taak = next(t for t in werkvoorraad(backoffice) if "stuuroverleg" in t.titel)
        assert taak.dringend and "waarvan 1 over de uiterste datum" in taak.toelichting
    assert not any("stuuroverleg" in t.titel for t in werkvoorraad(cm))

    services.rond_actie_af(
        actie, resultaat="Plan besproken en vastgesteld.", door=backoffice, op=date(2026, 4, 28)
    )
    actie.refresh_from_db()
    assert (actie.status, actie.afgerond_op) == (ActieStatus.AFGEROND, date(2026, 4, 28))
    assert not any("stuuroverleg" in t.titel for t in werkvoorraad(backoffice))
    with pytest.raises(ValidationError) as fout:
        services.rond_actie_af(actie, resultaat="Nog eens.", door=backoffice)
    assert _codes(fout.value) == {"al-afgerond"}


@freeze_time("2026-03-31 12:00")
def test_an_off_track_indicator_signals_the_responsible_role_only(wereld, lopend_indicator):
    traject(wereld, start=date(2026, 1, 10))
    traject(wereld, start=date(2026, 1, 11))

    cm = [t for t in werkvoorraad(wereld.gebruikers["contractmanager"]) if t.dringend]
    assert [t.titel for t in cm] == ["Indicator uit koers: Lopende trajecten"]
    assert "Waarde 2" in cm[0].toelichting
    for ander in ("backoffice", "gemeente", "inkoper"):
        assert not any("uit koers" in t.titel for t in werkvoorraad(wereld.gebruikers[ander])), (
            ander
        )

    traject(wereld, start=date(2026, 1, 12))  # 3: within the tolerance
    assert not any(
        "uit koers" in t.titel for t in werkvoorraad(wereld.gebruikers["contractmanager"])
    )


def test_the_status_of_an_obligation(wereld, lopend_indicator):
    rapportage = Verplichting(
        overeenkomst=wereld.overeenkomst,
        soort=Verplichtingsoort.RAPPORTAGE,
        omschrijving="Kwartaalrapportage",
        termijn=date(2026, 4, 30),
    )
    status = services.verplichtingstatus
    assert status(rapportage, vandaag=date(2026, 4, 30)) == Verplichtingstatus.OPEN
    assert status(rapportage, vandaag=date(2026, 5, 1)) == Verplichtingstatus.NIET_NAGEKOMEN
    rapportage.nagekomen_op = date(2026, 5, 3)
    assert status(rapportage, vandaag=date(2026, 5, 4)) == Verplichtingstatus.NAGEKOMEN

    from wmoregie.monitoring.sturing import indicatoren

    norm = Verplichting(overeenkomst=wereld.overeenkomst, soort=Verplichtingsoort.WACHTTIJDNORM)
    afbakening = indicatoren.Afbakening(wereld.regio.pk)
    traject(wereld, start=date(2026, 1, 10))
    traject(wereld, start=date(2026, 1, 10))
    traject(wereld, start=date(2026, 1, 10))
    stand = indicatoren.stand(lopend_indicator, afbakening, 2026, date(2026, 3, 1))
    assert status(norm, vandaag=date(2026, 3, 1), stand=stand) == Verplichtingstatus.AANDACHT
    traject(wereld, start=date(2026, 1, 10))
    stand = indicatoren.stand(lopend_indicator, afbakening, 2026, date(2026, 3, 1))
    assert status(norm, vandaag=date(2026, 3, 1), stand=stand) == Verplichtingstatus.NAGEKOMEN
