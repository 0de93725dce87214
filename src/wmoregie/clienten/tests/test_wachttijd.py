"""Waiting time from referral to start (calendar days) against the norm: the worked examples of
docs/clienten.md and the edges."""

from datetime import date

import pytest

from wmoregie.clienten.wachttijd import Wachttijd, per_groep, vat_samen


def test_a_start_within_the_norm():
    w = Wachttijd(date(2026, 1, 5), date(2026, 2, 2), peildatum=date(2026, 3, 1), norm=42)
    assert (w.gestart, w.dagen, w.binnen_norm, w.over_norm) == (True, 28, True, 0)
    assert "28 dagen" in w.toelichting() and "binnen de norm" in w.toelichting()


def test_still_waiting_counts_to_the_reference_date():
    w = Wachttijd(date(2026, 1, 2), None, peildatum=date(2026, 2, 20), norm=42)
    assert (w.gestart, w.dagen, w.binnen_norm, w.over_norm) == (False, 49, False, 7)


@pytest.mark.parametrize(("dagen", "binnen"), [(41, True), (42, True), (43, False)])
def test_the_norm_is_inclusive(dagen, binnen):
    start = date.fromordinal(date(2026, 1, 1).toordinal() + dagen)
    assert Wachttijd(date(2026, 1, 1), start, date(2026, 12, 1), 42).binnen_norm is binnen


def test_a_start_after_the_reference_date_still_waits_on_that_date():
    w = Wachttijd(date(2026, 1, 1), date(2026, 3, 1), peildatum=date(2026, 2, 1), norm=42)
    assert (w.gestart, w.dagen) == (False, 31)


def test_a_summary_of_started_and_waiting_referrals():
    peil = date(2026, 6, 1)
    lijst = [
        Wachttijd(date(2026, 1, 1), date(2026, 1, 11), peil, 42),  # 10 days
        Wachttijd(date(2026, 1, 1), date(2026, 1, 31), peil, 42),  # 30 days
        Wachttijd(date(2026, 1, 1), date(2026, 3, 2), peil, 42),  # 60 days, over the norm
        Wachttijd(date(2026, 5, 1), None, peil, 42),  # waiting 31 days
        Wachttijd(date(2026, 4, 1), None, peil, 42),  # waiting 61 days, over the norm
    ]
    s = vat_samen("Begeleiding", lijst)
    assert (s.gestart, s.gemiddeld, s.mediaan, s.langste) == (3, pytest.approx(100 / 3), 30, 60)
    assert (s.binnen_norm, s.aandeel_binnen_norm) == (2, pytest.approx(2 / 3))
    assert (s.wachtend, s.wachtend_over_norm, s.langst_wachtend) == (2, 1, 61)


def test_an_empty_group_has_no_averages():
    s = vat_samen("Leeg", [])
    assert (s.gestart, s.gemiddeld, s.mediaan, s.aandeel_binnen_norm) == (0, None, None, None)


def test_groups_are_sorted_by_key():
    peil = date(2026, 6, 1)
    groepen = per_groep(
        [
            ("Soest", Wachttijd(date(2026, 5, 1), None, peil, 42)),
            ("Baarn", Wachttijd(date(2026, 5, 1), None, peil, 42)),
        ]
    )
    assert [g.sleutel for g in groepen] == ["Baarn", "Soest"]
