"""Scoring methods: hand-computed examples (arithmetic in the comments), ties and edge cases."""

import hashlib
import random
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wmoregie.aanbestedingen.scoring import (
    Beslissing,
    Criterium,
    Inschrijving,
    Kandidaat,
    Methode,
    break_tie,
    draw_lots,
    rank_by_quality,
    rank_by_value,
    rank_relative,
)

SEED = "RA-2025-WMO-notaris-7431"

CRITERIA = [
    Criterium("visie", "Visie op de opdracht", D(40)),
    Criterium("samenwerking", "Samenwerking met onderaannemers", D(35)),
    Criterium("client", "Cliëntervaring", D(25)),
]


def _inschrijvingen():
    return [
        # quality: 8/10×40 = 32; 6/10×35 = 21; 10/10×25 = 25; 32 + 21 + 25 = 78
        Inschrijving(
            "Eemland Zorg", {"visie": D(8), "samenwerking": D(6), "client": D(10)}, D(2_500_000)
        ),
        # quality: 10/10×40 = 40; 6/10×35 = 21; 4/10×25 = 10; 40 + 21 + 10 = 71
        Inschrijving(
            "Combinatie Vallei",
            {"visie": D(10), "samenwerking": D(6), "client": D(4)},
            D(2_300_000),
        ),
        # quality: 6/10×40 = 24; 10/10×35 = 35; 6/10×25 = 15; 24 + 35 + 15 = 74
        Inschrijving(
            "Amersfoort Samen", {"visie": D(6), "samenwerking": D(10), "client": D(6)}, D(2_400_000)
        ),
    ]


def _volgorde(rangschikking):
    return [(u.rang, u.inschrijver, u.waarde) for u in rangschikking.uitslagen]


# --- quality only -------------------------------------------------------------------------------


def test_quality_only_ranking():
    # 78 > 74 > 71
    result = rank_by_quality(CRITERIA, _inschrijvingen())
    assert result.methode is Methode.KWALITEIT
    assert result.hoogste_wint
    assert _volgorde(result) == [
        (1, "Eemland Zorg", D("78.00")),
        (2, "Amersfoort Samen", D("74.00")),
        (3, "Combinatie Vallei", D("71.00")),
    ]
    assert result.winnaar.beslist_door is Beslissing.UITKOMST
    assert result.lotingen == ()


def test_quality_only_records_every_step():
    eemland = rank_by_quality(CRITERIA, _inschrijvingen()).uitslag("Eemland Zorg")
    assert [s.berekening for s in eemland.stappen] == [
        "8 / 10 × 40 = 32",
        "6 / 10 × 35 = 21",
        "10 / 10 × 25 = 25",
        "32 + 21 + 25 = 78",
        "78 → 78,00",
    ]
    assert [s.uitkomst for s in eemland.stappen] == [D(32), D(21), D(25), D(78), D("78.00")]
    assert eemland.stappen[0].omschrijving.startswith("Visie op de opdracht")


def test_quality_tie_goes_straight_to_the_recorded_lot():
    # both: 5/10×40 + 5/10×35 + 5/10×25 = 20 + 17,5 + 12,5 = 50 → equal quality, so a lot
    scores = {"visie": D(5), "samenwerking": D(5), "client": D(5)}
    inschrijvingen = [Inschrijving("Zorg Baarn", scores), Inschrijving("Zorg Soest", scores)]
    result = rank_by_quality(CRITERIA, inschrijvingen, loting_seed=SEED)
    assert [u.waarde for u in result.uitslagen] == [D("50.00"), D("50.00")]
    assert {u.beslist_door for u in result.uitslagen} == {Beslissing.LOTING}
    (loting,) = result.lotingen
    assert loting.seed == SEED
    assert [u.inschrijver for u in result.uitslagen] == list(loting.volgorde)
    # the recorded hashes can be recomputed by anyone
    for naam, hexdigest in loting.trekkingen:
        assert hexdigest == hashlib.sha256(f"{SEED}|{naam}".encode()).hexdigest()
    assert loting.trekkingen[0][1] < loting.trekkingen[1][1]


def test_tie_on_the_published_rounded_value():
    # P: 1/3×10 = 3,3333… → 3,33;  Q: 2,331/7×10 = 3,33 → 3,33: equal once rounded → lot
    criteria = [
        Criterium("a", "A", D(10), schaal_max=D(3)),
        Criterium("b", "B", D(10), schaal_max=D(7)),
    ]
    p = Inschrijving("P", {"a": D(1), "b": D(0)})
    q = Inschrijving("Q", {"a": D(0), "b": D("2.331")})
    result = rank_by_quality(criteria, [p, q], loting_seed=SEED)
    assert [u.waarde for u in result.uitslagen] == [D("3.33"), D("3.33")]
    assert len(result.lotingen) == 1
    assert result.uitslag("P").stappen[0].berekening == "1 / 3 × 10 = 3,333333…"


def test_lot_without_seed_is_refused_in_dutch():
    scores = {"visie": D(5), "samenwerking": D(5), "client": D(5)}
    with pytest.raises(ValueError, match="loting nodig tussen Zorg Baarn, Zorg Soest"):
        rank_by_quality(
            CRITERIA, [Inschrijving("Zorg Baarn", scores), Inschrijving("Zorg Soest", scores)]
        )


def test_all_equal_three_bidders_are_ordered_by_one_lot():
    scores = {"visie": D(7), "samenwerking": D(7), "client": D(7)}
    namen = ["Baarn", "Eemnes", "Leusden"]
    result = rank_by_quality(CRITERIA, [Inschrijving(n, scores) for n in namen], loting_seed=SEED)
    # 7/10×(40 + 35 + 25) = 70 for all three
    assert {u.waarde for u in result.uitslagen} == {D("70.00")}
    assert [u.rang for u in result.uitslagen] == [1, 2, 3]
    (loting,) = result.lotingen
    assert sorted(loting.volgorde) == namen
    assert [u.inschrijver for u in result.uitslagen] == list(loting.volgorde)
    # the same seed always gives the same order, whatever the input order
    omgekeerd = rank_by_quality(
        CRITERIA, [Inschrijving(n, scores) for n in reversed(namen)], loting_seed=SEED
    )
    assert [u.inschrijver for u in omgekeerd.uitslagen] == list(loting.volgorde)


def test_one_bidder_ranks_first_without_tie_rule():
    result = rank_by_quality(CRITERIA, _inschrijvingen()[:1])
    assert _volgorde(result) == [(1, "Eemland Zorg", D("78.00"))]
    assert result.winnaar.beslist_door is Beslissing.UITKOMST


# --- gunnen op waarde ---------------------------------------------------------------------------


def test_value_method_ranking_by_fictitious_price():
    # EUR 10.000 per quality point:
    # Eemland 2.500.000 − 78×10.000 (780.000) = 1.720.000
    # Vallei  2.300.000 − 71×10.000 (710.000) = 1.590.000
    # Amersf. 2.400.000 − 74×10.000 (740.000) = 1.660.000  → lowest wins: Vallei, Amersf., Eemland
    result = rank_by_value(CRITERIA, _inschrijvingen(), waarde_per_punt=D(10_000))
    assert result.methode is Methode.WAARDE
    assert not result.hoogste_wint
    assert _volgorde(result) == [
        (1, "Combinatie Vallei", D("1590000.00")),
        (2, "Amersfoort Samen", D("1660000.00")),
        (3, "Eemland Zorg", D("1720000.00")),
    ]
    vallei = result.winnaar
    assert vallei.kwaliteitspunten == D("71.00")
    assert vallei.prijs == D(2_300_000)
    assert [s.berekening for s in vallei.stappen[-3:]] == [
        "71 × 10000 = 710000",
        "2300000 − 710000 = 1590000",
        "1590000 → 1590000,00",
    ]


def test_value_method_tie_is_won_by_higher_quality():
    # X: 1.000.000 − 50×10.000 = 500.000;  Y: 900.000 − 40×10.000 = 500.000 → equal,
    # X has more quality points (50 > 40) and wins without a lot
    criteria = [Criterium("k", "Kwaliteit", D(100))]
    x = Inschrijving("X", {"k": D(5)}, D(1_000_000))  # 5/10×100 = 50
    y = Inschrijving("Y", {"k": D(4)}, D(900_000))  # 4/10×100 = 40
    result = rank_by_value(criteria, [y, x], waarde_per_punt=D(10_000))
    assert _volgorde(result) == [(1, "X", D("500000.00")), (2, "Y", D("500000.00"))]
    assert [u.beslist_door for u in result.uitslagen] == [Beslissing.KWALITEIT] * 2
    assert result.lotingen == ()


def test_value_method_allows_a_negative_fictitious_price():
    # 100 − 10×20 = −100: still a ranking number, lowest wins
    criteria = [Criterium("k", "Kwaliteit", D(10))]
    result = rank_by_value(
        criteria,
        [Inschrijving("Laag", {"k": D(10)}, D(100)), Inschrijving("Hoog", {"k": D(0)}, D(50))],
        waarde_per_punt=D(20),
    )
    assert _volgorde(result) == [(1, "Laag", D("-100.00")), (2, "Hoog", D("50.00"))]


# --- relative scoring ---------------------------------------------------------------------------


def test_relative_scoring_ranking():
    # max 40 price points, 60 quality points; lowest price 2.300.000; best quality 78
    # Eemland: 2.300.000/2.500.000×40 = 36,8   + 78/78×60 = 60          → 96,8
    # Amersf.: 2.300.000/2.400.000×40 = 38,33… + 74/78×60 = 56,923…     → 95,2564… → 95,26
    # Vallei:  2.300.000/2.300.000×40 = 40     + 71/78×60 = 54,615…     → 94,6153… → 94,62
    result = rank_relative(
        CRITERIA, _inschrijvingen(), max_prijspunten=D(40), max_kwaliteitspunten=D(60)
    )
    assert result.methode is Methode.RELATIEF
    assert _volgorde(result) == [
        (1, "Eemland Zorg", D("96.80")),
        (2, "Amersfoort Samen", D("95.26")),
        (3, "Combinatie Vallei", D("94.62")),
    ]
    assert [(s.omschrijving, s.uitkomst) for s in result.stappen] == [
        ("Laagste prijs van alle inschrijvingen", D(2_300_000)),
        ("Hoogste kwaliteitspunten van alle inschrijvingen", D(78)),
    ]
    amersfoort = result.uitslag("Amersfoort Samen")
    assert [s.berekening for s in amersfoort.stappen[4:]] == [
        "2300000 / 2400000 × 40 = 38,333333…",
        "74 / 78 × 60 = 56,923077…",
        "38,333333… + 56,923077… = 95,256410…",
        "95,256410… → 95,26",
    ]


def test_relative_tie_is_won_by_higher_quality():
    # X: 100/100×50 = 50 + 32/40×50 = 40 → 90;  Y: 100/125×50 = 40 + 40/40×50 = 50 → 90
    # equal; Y has more quality points (40 > 32) and wins
    criteria = [Criterium("k", "Kwaliteit", D(40))]
    x = Inschrijving("X", {"k": D(8)}, D(100))  # 8/10×40 = 32
    y = Inschrijving("Y", {"k": D(10)}, D(125))  # 10/10×40 = 40
    result = rank_relative(criteria, [x, y], max_prijspunten=D(50), max_kwaliteitspunten=D(50))
    assert _volgorde(result) == [(1, "Y", D("90.00")), (2, "X", D("90.00"))]
    assert result.winnaar.beslist_door is Beslissing.KWALITEIT


def test_relative_with_one_bidder_gets_all_points():
    # 2.500.000/2.500.000×40 = 40 + 78/78×60 = 60 → 100
    result = rank_relative(
        CRITERIA, _inschrijvingen()[:1], max_prijspunten=D(40), max_kwaliteitspunten=D(60)
    )
    assert _volgorde(result) == [(1, "Eemland Zorg", D("100.00"))]


def test_relative_when_the_best_quality_is_zero():
    # nobody scores on quality: relative quality 0 for all (no division by zero);
    # price points 50/50×40 = 40 and 50/80×40 = 25
    criteria = [Criterium("k", "Kwaliteit", D(60))]
    result = rank_relative(
        criteria,
        [Inschrijving("A", {"k": D(0)}, D(80)), Inschrijving("B", {"k": D(0)}, D(50))],
        max_prijspunten=D(40),
        max_kwaliteitspunten=D(60),
    )
    assert _volgorde(result) == [(1, "B", D("40.00")), (2, "A", D("25.00"))]
    assert result.winnaar.stappen[-3].berekening == "hoogste kwaliteit is 0: iedereen 0"


# --- the tie rule on its own ------------------------------------------------------------------


def test_break_tie_quality_first_then_lot_for_the_rest():
    kandidaten = [
        Kandidaat("A", D("90.00"), D("40.00")),
        Kandidaat("B", D("90.00"), D("45.00")),
        Kandidaat("C", D("90.00"), D("40.00")),
    ]
    volgorde, lotingen = break_tie(kandidaten, SEED)
    assert volgorde[0] == ("B", Beslissing.KWALITEIT)
    (loting,) = lotingen
    assert sorted(loting.volgorde) == ["A", "C"]
    assert volgorde[1:] == [(naam, Beslissing.LOTING) for naam in loting.volgorde]


def test_draw_lots_is_reproducible_and_recorded():
    eerste = draw_lots(["Baarn", "Eemnes", "Leusden"], SEED)
    assert draw_lots(["Leusden", "Baarn", "Eemnes"], SEED) == eerste
    assert [h for _naam, h in eerste.trekkingen] == sorted(h for _naam, h in eerste.trekkingen)
    assert draw_lots(["Baarn", "Eemnes", "Leusden"], SEED + "-anders").seed != eerste.seed


# --- edge cases: clear errors in Dutch ----------------------------------------------------------


@pytest.mark.parametrize("methode", ["waarde", "relatief"])
def test_zero_price_is_a_clear_value_error(methode):
    inschrijvingen = [
        *_inschrijvingen()[:2],
        Inschrijving("Nul B.V.", {"visie": D(1), "samenwerking": D(1), "client": D(1)}, D(0)),
    ]
    with pytest.raises(ValueError, match=r"De prijs van Nul B\.V\. is 0\."):
        if methode == "waarde":
            rank_by_value(CRITERIA, inschrijvingen, waarde_per_punt=D(1))
        else:
            rank_relative(
                CRITERIA, inschrijvingen, max_prijspunten=D(40), max_kwaliteitspunten=D(60)
            )


@pytest.mark.parametrize(
    ("_case", "kwargs", "melding"),
    [
        ("no bidders", {"inschrijvingen": []}, "geen inschrijvingen"),
        ("no criteria", {"criteria": []}, "ten minste één gunningscriterium"),
        (
            "missing score",
            {"inschrijvingen": [Inschrijving("A", {"visie": D(1), "samenwerking": D(1)}, D(1))]},
            "geen score op criterium client",
        ),
        (
            "unknown criterion",
            {
                "inschrijvingen": [
                    Inschrijving(
                        "A",
                        {"visie": D(1), "samenwerking": D(1), "client": D(1), "prijs": D(1)},
                        D(1),
                    )
                ]
            },
            "onbekende criteria: prijs",
        ),
        (
            "score above scale",
            {
                "inschrijvingen": [
                    Inschrijving("A", {"visie": D(11), "samenwerking": D(1), "client": D(1)}, D(1))
                ]
            },
            "buiten de schaal 0 tot en met 10",
        ),
        (
            "negative price",
            {
                "inschrijvingen": [
                    Inschrijving("A", {"visie": D(1), "samenwerking": D(1), "client": D(1)}, D(-5))
                ]
            },
            "negatief",
        ),
        (
            "no price",
            {
                "inschrijvingen": [
                    Inschrijving("A", {"visie": D(1), "samenwerking": D(1), "client": D(1)})
                ]
            },
            "heeft geen prijs",
        ),
        (
            "same bidder twice",
            {"inschrijvingen": _inschrijvingen()[:1] * 2},
            "maar één keer",
        ),
        (
            "zero weight",
            {"criteria": [Criterium("k", "K", D(0))]},
            "weging van criterium k moet groter dan nul",
        ),
    ],
)
def test_invalid_input_raises_value_error_in_dutch(_case, kwargs, melding):
    arguments = {"criteria": CRITERIA, "inschrijvingen": _inschrijvingen(), **kwargs}
    with pytest.raises(ValueError, match=melding):
        rank_relative(**arguments, max_prijspunten=D(40), max_kwaliteitspunten=D(60))


def test_floats_are_refused():
    inschrijving = Inschrijving("A", {"visie": 7.5, "samenwerking": D(1), "client": D(1)}, D(1))
    with pytest.raises(TypeError, match="moet een Decimal zijn"):
        rank_by_quality(CRITERIA, [inschrijving])
    with pytest.raises(TypeError, match="moet een Decimal zijn"):
        rank_by_value(CRITERIA, _inschrijvingen(), waarde_per_punt=0.1)


def test_negative_value_per_point_is_refused():
    with pytest.raises(ValueError, match="niet negatief"):
        rank_by_value(CRITERIA, _inschrijvingen(), waarde_per_punt=D(-1))


# --- properties ---------------------------------------------------------------------------------

_bieding = st.tuples(
    st.lists(st.integers(min_value=0, max_value=10), min_size=3, max_size=3),
    st.integers(min_value=1, max_value=5_000_000),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_bieding, min_size=1, max_size=6), st.randoms(use_true_random=False))
def test_relative_ranking_is_complete_and_independent_of_input_order(biedingen, rnd: random.Random):
    inschrijvingen = [
        Inschrijving(
            f"Inschrijver {n}",
            {"visie": D(s[0]), "samenwerking": D(s[1]), "client": D(s[2])},
            D(prijs),
        )
        for n, (s, prijs) in enumerate(biedingen)
    ]
    kwargs = {"max_prijspunten": D(40), "max_kwaliteitspunten": D(60), "loting_seed": SEED}
    result = rank_relative(CRITERIA, inschrijvingen, **kwargs)
    assert [u.rang for u in result.uitslagen] == list(range(1, len(inschrijvingen) + 1))
    waarden = [u.waarde for u in result.uitslagen]
    assert waarden == sorted(waarden, reverse=True)
    assert all(D(0) <= w <= D(100) for w in waarden)
    # the cheapest bid always gets the full 40 price points
    laagste = min(i.prijs for i in inschrijvingen)
    for u in result.uitslagen:
        if u.prijs == laagste:
            assert u.stappen[4].uitkomst == D(40)
    geschud = list(inschrijvingen)
    rnd.shuffle(geschud)
    opnieuw = rank_relative(CRITERIA, geschud, **kwargs)
    assert [u.inschrijver for u in opnieuw.uitslagen] == [u.inschrijver for u in result.uitslagen]
