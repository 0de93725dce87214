"""Dates: holidays, calendar and working days, standstill, and the planning check."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wmoregie.aanbestedingen.termijnen import (
    ATW,
    Bevrijdingsdag,
    Ernst,
    Kalender,
    add_calendar_days,
    add_months,
    add_working_days,
    check_planning,
    demo_planning,
    earliest_definitive_award,
    feestdagen,
    is_werkdag,
    koningsdag,
    latest_provisional_award,
    paasdatum,
    standstill_end,
    werkdagen_tussen,
)

# --- holidays -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("jaar", "pasen"),
    [
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),  # the latest possible date
        (2285, date(2285, 3, 22)),  # the earliest possible date
    ],
)
def test_easter_sunday(jaar, pasen):
    assert paasdatum(jaar) == pasen


def test_holidays_2025():
    assert feestdagen(2025) == {
        date(2025, 1, 1): "Nieuwjaarsdag",  # wo
        date(2025, 4, 18): "Goede Vrijdag",
        date(2025, 4, 20): "Eerste Paasdag",
        date(2025, 4, 21): "Tweede Paasdag",
        date(2025, 4, 26): "Koningsdag",  # 27 april 2025 is a Sunday → Saturday 26 april
        date(2025, 5, 5): "Bevrijdingsdag",  # ma; a lustrum year
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 8): "Eerste Pinksterdag",
        date(2025, 6, 9): "Tweede Pinksterdag",
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
    }


def test_holidays_2026():
    assert feestdagen(2026) == {
        date(2026, 1, 1): "Nieuwjaarsdag",  # do
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 5): "Eerste Paasdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",  # ma
        date(2026, 5, 5): "Bevrijdingsdag",  # di; every year under the Atw
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 24): "Eerste Pinksterdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",  # vr
        date(2026, 12, 26): "Tweede Kerstdag",  # za
    }


def test_bevrijdingsdag_lustrum_only_in_years_divisible_by_five():
    assert date(2025, 5, 5) in feestdagen(2025, bevrijdingsdag=Bevrijdingsdag.LUSTRUM)
    assert date(2026, 5, 5) not in feestdagen(2026, bevrijdingsdag=Bevrijdingsdag.LUSTRUM)
    assert date(2030, 5, 5) in feestdagen(2030, bevrijdingsdag=Bevrijdingsdag.LUSTRUM)


@pytest.mark.parametrize(
    ("jaar", "dag"),
    [(2014, date(2014, 4, 26)), (2025, date(2025, 4, 26)), (2026, date(2026, 4, 27))],
)
def test_koningsdag_moves_to_saturday_when_the_27th_is_a_sunday(jaar, dag):
    assert koningsdag(jaar) == dag


def test_ascension_on_liberation_day_keeps_both_names():
    # Easter 27 March 2016 → Hemelvaartsdag 27 March + 39 days = 5 May 2016 (as it was)
    assert feestdagen(2016)[date(2016, 5, 5)] == "Hemelvaartsdag en Bevrijdingsdag"
    assert len(feestdagen(2016)) == 10


def test_years_before_koningsdag_are_refused_in_dutch():
    with pytest.raises(ValueError, match="vanaf 2014"):
        feestdagen(2013)


@given(st.integers(min_value=2014, max_value=2200))
def test_holiday_invariants(jaar):
    dagen = feestdagen(jaar)
    pasen = paasdatum(jaar)
    assert pasen.weekday() == 6  # Sunday
    assert date(jaar, 3, 22) <= pasen <= date(jaar, 4, 25)
    # 11 holidays on 11 dates, or on 10 when Hemelvaartsdag falls on 5 May
    assert len(dagen) in (10, 11)
    namen = [naam for samen in dagen.values() for naam in samen.split(" en ")]
    assert sorted(namen) == sorted(feestdagen(2025).values())
    assert koningsdag(jaar).weekday() != 6
    hemelvaart = next(d for d, n in dagen.items() if "Hemelvaartsdag" in n)
    assert hemelvaart.weekday() == 3  # Thursday


# --- calendar and working days ------------------------------------------------------------------


def test_add_calendar_days():
    assert add_calendar_days(date(2025, 9, 5), 20) == date(2025, 9, 25)
    assert add_calendar_days(date(2025, 12, 20), 20) == date(2026, 1, 9)
    assert add_calendar_days(date(2025, 9, 25), -20) == date(2025, 9, 5)


@pytest.mark.parametrize(
    ("_case", "start", "dagen", "verwacht", "kalender"),
    [
        ("plain week", date(2025, 9, 1), 4, date(2025, 9, 5), ATW),
        ("over a weekend", date(2025, 9, 5), 1, date(2025, 9, 8), ATW),
        ("koningsdag on saturday changes nothing", date(2025, 4, 24), 2, date(2025, 4, 28), ATW),
        ("easter 2025: fri 18, sat, sun, mon 21", date(2025, 4, 17), 1, date(2025, 4, 22), ATW),
        ("back over easter", date(2025, 4, 22), -1, date(2025, 4, 17), ATW),
        ("christmas 2026 on fri/sat", date(2026, 12, 24), 1, date(2026, 12, 28), ATW),
        ("ascension 2026", date(2026, 5, 13), 1, date(2026, 5, 15), ATW),
        ("5 may 2026 under the atw", date(2026, 5, 4), 1, date(2026, 5, 6), ATW),
        (
            "5 may 2026, lustrum calendar",
            date(2026, 5, 4),
            1,
            date(2026, 5, 5),
            Kalender(Bevrijdingsdag.LUSTRUM),
        ),
        ("zero days", date(2025, 4, 26), 0, date(2025, 4, 26), ATW),
        ("over christmas and new year", date(2025, 12, 24), 4, date(2026, 1, 2), ATW),
    ],
)
def test_add_working_days(_case, start, dagen, verwacht, kalender):
    assert add_working_days(start, dagen, kalender) == verwacht


def test_extra_days_of_the_crown_count_as_holidays():
    # Atw art. 3 lid 3: e.g. the Friday after Ascension, when designated (configuration)
    kalender = Kalender(extra_feestdagen=frozenset({date(2026, 5, 15)}))
    assert not is_werkdag(date(2026, 5, 15), kalender)
    assert is_werkdag(date(2026, 5, 15))
    assert add_working_days(date(2026, 5, 13), 1, kalender) == date(2026, 5, 18)


@given(st.dates(min_value=date(2014, 1, 1), max_value=date(2099, 12, 1)), st.integers(0, 60))
def test_working_days_round_trip(start, dagen):
    einde = add_working_days(start, dagen)
    assert werkdagen_tussen(start, einde) == dagen
    if dagen:
        assert is_werkdag(einde)


def test_add_months_clips_to_the_end_of_the_month():
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2026, 1, 1), -3) == date(2025, 10, 1)


# --- standstill ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "verzonden", "einde"),
    [
        ("ends on a thursday", date(2025, 9, 5), date(2025, 9, 25)),
        ("ends on sunday 5 oct → monday", date(2025, 9, 15), date(2025, 10, 6)),
        ("ends on sunday 21 dec → monday", date(2025, 12, 1), date(2025, 12, 22)),
        ("ends on 2e kerstdag (fri) → over the weekend", date(2025, 12, 6), date(2025, 12, 29)),
        ("ends on koningsdag 2026 (mon)", date(2026, 4, 7), date(2026, 4, 28)),
        ("ends on bevrijdingsdag 2026 (tue)", date(2026, 4, 15), date(2026, 5, 6)),
        ("ends on hemelvaartsdag 2026", date(2026, 4, 24), date(2026, 5, 15)),
        ("ends on goede vrijdag 2026 → tue after easter", date(2026, 3, 14), date(2026, 4, 7)),
    ],
)
def test_standstill_is_20_calendar_days_extended_past_weekend_and_holiday(_case, verzonden, einde):
    assert standstill_end(verzonden) == einde
    assert earliest_definitive_award(verzonden) == einde + timedelta(days=1)


def test_standstill_without_extension():
    assert standstill_end(date(2025, 9, 15), verlengen=False) == date(2025, 10, 5)


@given(st.dates(min_value=date(2014, 1, 1), max_value=date(2099, 12, 1)))
def test_standstill_invariants(verzonden):
    einde = standstill_end(verzonden)
    # never shorter than 20 days, always a working day, extended by at most 4 days
    # (Goede Vrijdag + weekend + Tweede Paasdag; or Kerst on thursday/friday + weekend)
    assert verzonden + timedelta(days=20) <= einde <= verzonden + timedelta(days=24)
    assert is_werkdag(einde)


def test_latest_provisional_award_for_a_start_on_1_january_2026():
    # definitive award at the latest 1 oct 2025 (1 jan − 3 months); standstill then ends
    # 30 sep (tue, a working day) → sent 30 sep − 20 days = 10 sep 2025
    assert latest_provisional_award(date(2026, 1, 1)) == date(2025, 9, 10)


# --- planning check ------------------------------------------------------------------------------


def _codes(bevindingen):
    return [(b.code, b.ernst) for b in bevindingen]


def test_demo_planning_of_the_seed_passes():
    planning = demo_planning()
    assert check_planning(planning) == []
    assert planning.strategie_vastgesteld.strftime("%Y-%m") == "2025-04"
    assert date(2025, 6, 1) <= planning.publicatie
    assert planning.definitieve_gunning <= date(2025, 9, 30)
    assert planning.contractstart == date(2026, 1, 1)


def test_dates_out_of_order():
    planning = replace(demo_planning(), vragen_deadline=date(2025, 7, 1))  # after 30 june
    bevindingen = check_planning(planning)
    assert _codes(bevindingen) == [("planning-volgorde", Ernst.ERROR)]
    assert bevindingen[0].bericht == (
        "Sluiting aanmelding (selectiefase) (30 juni 2025) moet na sluiting vragen "
        "(Nota van Inlichtingen) (1 juli 2025) liggen."
    )


def test_equal_dates_are_out_of_order():
    planning = replace(demo_planning(), publicatie=date(2025, 4, 15))
    assert ("planning-volgorde", Ernst.ERROR) in _codes(check_planning(planning))


def test_standstill_too_short_and_award_inside_it():
    # sent 5 sep → standstill to 25 sep; planned end 24 sep and award 25 sep
    planning = replace(
        demo_planning(), standstill_einde=date(2025, 9, 24), definitieve_gunning=date(2025, 9, 25)
    )
    bevindingen = check_planning(planning)
    assert _codes(bevindingen) == [
        ("standstill-te-kort", Ernst.ERROR),
        ("definitieve-gunning-in-standstill", Ernst.ERROR),
    ]
    assert "tot en met 25 september 2025" in bevindingen[0].bericht
    assert "vroegst mogelijk is 26 september 2025" in bevindingen[1].bericht


def test_standstill_extended_over_the_weekend():
    # sent mon 15 sep → day 20 is sun 5 oct → ends mon 6 oct; award on 6 oct is too early
    planning = replace(
        demo_planning(),
        voorlopige_gunning=date(2025, 9, 15),
        standstill_einde=date(2025, 10, 5),
        definitieve_gunning=date(2025, 10, 6),
        contractstart=date(2026, 2, 1),
    )
    assert _codes(check_planning(planning)) == [
        ("standstill-te-kort", Ernst.ERROR),
        ("definitieve-gunning-in-standstill", Ernst.ERROR),
    ]


def test_implementation_period_of_three_months():
    # 1 oct + 3 months = 1 jan: exactly three months passes; 2 oct does not
    grens = replace(
        demo_planning(),
        voorlopige_gunning=date(2025, 9, 10),
        standstill_einde=date(2025, 9, 30),
        definitieve_gunning=date(2025, 10, 1),
    )
    assert check_planning(grens) == []
    te_laat = replace(grens, definitieve_gunning=date(2025, 10, 2))
    bevindingen = check_planning(te_laat)
    assert _codes(bevindingen) == [("implementatie-te-kort", Ernst.ERROR)]
    assert "gun uiterlijk op 1 oktober 2025" in bevindingen[0].bericht


def test_deadlines_on_weekend_or_holiday_are_warnings():
    planning = replace(
        demo_planning(),
        vragen_deadline=date(2025, 6, 9),  # Tweede Pinksterdag
        selectie_deadline=date(2025, 6, 28),  # Saturday
    )
    bevindingen = check_planning(planning)
    assert _codes(bevindingen) == [("datum-geen-werkdag", Ernst.WARNING)] * 2
    assert bevindingen[0].bericht == (
        "Sluiting vragen (Nota van Inlichtingen) valt op 9 juni 2025, geen werkdag."
    )


def test_award_phase_closing_inside_the_selection_term_is_a_warning():
    # selection decision 14 jul → day 20 is sun 3 aug → term to mon 4 aug
    planning = replace(demo_planning(), inschrijving_deadline=date(2025, 8, 4))
    assert _codes(check_planning(planning)) == [("selectie-termijn-niet-verstreken", Ernst.WARNING)]
    assert check_planning(replace(planning, inschrijving_deadline=date(2025, 8, 5))) == []


def test_severity_values_are_error_and_warning():
    assert {e.value for e in Ernst} == {"error", "warning"}
