"""The dashboards' figures on hand-computed examples (the worked examples in each module's
docstring and in docs/monitoring.md). Plain facts, no database."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from wmoregie.clienten.wachttijd import Wachttijd
from wmoregie.monitoring.cijfers import (
    bereik,
    berichten,
    cbs,
    doorstroom,
    geld,
    uitkomsten,
    wachten,
)
from wmoregie.monitoring.cijfers.feiten import (
    AanmeldingFeit,
    BerichtFeit,
    BestedingFeit,
    BudgetFeit,
    DeclaratieFeit,
    DoelFeit,
    Periode,
    ScoreFeit,
    TrajectFeit,
)
from wmoregie.monitoring.cijfers.onderdrukking import Onderdrukking

Q1 = Periode(date(2026, 1, 1), date(2026, 3, 31))
JAAR = Periode(date(2026, 1, 1), date(2026, 12, 31))


def feit(traject, client, start, eind=None, **kwargs):
    kwargs.setdefault("gemeente", "0307")
    kwargs.setdefault("product", "Begeleiding")
    kwargs.setdefault("aangemeld_op", (start or date(2026, 1, 1)) - timedelta(days=20))
    return TrajectFeit(traject=traject, client=client, startdatum=start, einddatum=eind, **kwargs)


# --- reach ------------------------------------------------------------------------------------


def test_bereik_worked_example():
    feiten = [
        feit(1, 1, date(2025, 12, 15)),
        feit(2, 2, date(2026, 1, 10), date(2026, 3, 20)),
        feit(3, 3, date(2026, 4, 2)),
        feit(4, 4, None),  # waiting, never started: not reached
    ]
    uitkomst = bereik.bereken("0307", feiten, Q1)
    assert (uitkomst.unieke_clienten, uitkomst.instroom, uitkomst.uitstroom, uitkomst.in_zorg) == (
        2,
        1,
        1,
        1,
    )
    assert bereik.per_duizend(uitkomst.unieke_clienten, 20_000) == Decimal("0.1")
    assert bereik.per_duizend(2, None) is None


def test_bereik_counts_a_client_with_two_trajectories_once():
    feiten = [
        feit(1, 1, date(2026, 1, 5), product="A"),
        feit(2, 1, date(2026, 2, 5), product="B"),
    ]
    per_product = bereik.per_groep(feiten, Q1, lambda f: f.product)
    assert [(b.sleutel, b.unieke_clienten) for b in per_product] == [("A", 1), ("B", 1)]
    assert bereik.bereken("totaal", feiten, Q1).unieke_clienten == 1
    assert bereik.bereken("totaal", feiten, Q1).instroom == 2


def test_per_duizend_rounds_half_up():
    assert bereik.per_duizend(1, 8000) == Decimal("0.1")  # 0.125 → 0.1
    assert bereik.per_duizend(3, 8000) == Decimal("0.4")  # 0.375 → 0.4
    assert bereik.per_duizend(163, 158_000, decimalen=0) == Decimal("1")


# --- waiting ----------------------------------------------------------------------------------


def w(aangemeld, dagen, norm=42):
    return Wachttijd(
        aangemeld_op=aangemeld,
        startdatum=aangemeld + timedelta(days=dagen) if dagen is not None else None,
        peildatum=date(2026, 6, 1),
        norm=norm,
    )


def test_wachten_per_maand_worked_example():
    lijst = [
        w(date(2026, 3, 20) - timedelta(days=10), 10),
        w(date(2026, 3, 20) - timedelta(days=30), 30),
        w(date(2026, 3, 20) - timedelta(days=50), 50),
        w(date(2026, 4, 1), 5),
        w(date(2026, 5, 1), None),  # still waiting: no start month
    ]
    maanden = wachten.per_maand(lijst)
    maart = maanden[0]
    assert [m.maand for m in maanden] == ["2026-03", "2026-04"]
    assert (maart.gestart, maart.binnen_norm) == (3, 2)
    assert maart.aandeel_binnen_norm == pytest.approx(2 / 3)
    assert maart.mediaan == 30
    assert maart.klassen == {
        "0–14 dagen": 1,
        "15–28 dagen": 0,
        "29–42 dagen": 1,
        "43–56 dagen": 1,
        "57–91 dagen": 0,
        "92 dagen of meer": 0,
    }
    assert wachten.per_maand(lijst, Periode(date(2026, 4, 1), date(2026, 4, 30)))[0].gestart == 1


@pytest.mark.parametrize(
    "_case, dagen, klasse",
    [
        ("lower bound", 0, "0–14 dagen"),
        ("two weeks", 14, "0–14 dagen"),
        ("day 15", 15, "15–28 dagen"),
        ("norm", 42, "29–42 dagen"),
        ("open class", 400, "92 dagen of meer"),
    ],
)
def test_wachten_klasse(_case, dagen, klasse):
    assert wachten.klasse(dagen) == klasse


def test_weigeringen_per_reden():
    feiten = [
        AanmeldingFeit(1, "0307", "A", date(2026, 1, 5), "geweigerd", "Buiten opdracht"),
        AanmeldingFeit(2, "0307", "A", date(2026, 2, 5), "geweigerd", "Buiten opdracht"),
        AanmeldingFeit(3, "0307", "A", date(2026, 2, 5), "geweigerd", "Veiligheid"),
        AanmeldingFeit(4, "0307", "A", date(2026, 2, 5), "geaccepteerd"),
        AanmeldingFeit(5, "0307", "A", date(2026, 5, 5), "geweigerd", "Veiligheid"),
    ]
    assert wachten.weigeringen(feiten, Q1) == [("Buiten opdracht", 2), ("Veiligheid", 1)]


# --- flow and duration ------------------------------------------------------------------------


def test_doorstroom_worked_example():
    feiten = [
        feit(1, 1, date(2026, 1, 1), date(2026, 1, 31)),  # 30 days
        feit(2, 2, date(2026, 1, 1), date(2026, 3, 2)),  # 60 days
        feit(3, 3, date(2026, 1, 1), date(2026, 4, 11)),  # 100 days
        feit(4, 3, date(2026, 11, 1), aangemeld_op=date(2026, 10, 28)),  # 200 days later
        feit(5, 1, date(2026, 2, 1), aangemeld_op=date(2026, 1, 31), vorig_traject=1),  # follow-up
    ]
    d = doorstroom.duur("alle", feiten, JAAR)
    assert (d.beeindigd, d.mediaan, d.langste) == (3, 60, 100)
    assert d.gemiddeld == pytest.approx(63.33, abs=0.01)
    h = doorstroom.herinstroom(feiten, JAAR)
    assert (h.beeindigd, h.opnieuw) == (3, 1)  # the follow-up of trajectory 1 is no re-entry
    assert h.aandeel == pytest.approx(1 / 3)


def test_herinstroom_after_more_than_a_year_does_not_count():
    feiten = [
        feit(1, 1, date(2026, 1, 1), date(2026, 1, 31)),
        feit(2, 1, date(2027, 3, 1), aangemeld_op=date(2027, 2, 1)),  # 366 days after the end
    ]
    assert doorstroom.herinstroom(feiten, JAAR).opnieuw == 0


def test_stromen_between_products():
    feiten = [
        feit(
            2,
            1,
            date(2026, 3, 1),
            product="Beschermd thuis",
            vorig_traject=1,
            vorig_product="Beschermd wonen",
            aangemeld_op=date(2026, 2, 1),
        ),
        feit(
            4,
            2,
            date(2026, 3, 1),
            product="Beschermd thuis",
            vorig_traject=3,
            vorig_product="Beschermd wonen",
            aangemeld_op=date(2026, 2, 1),
        ),
        feit(
            6,
            3,
            date(2026, 3, 1),
            product="Begeleiding",
            vorig_traject=5,
            vorig_product="Beschermd thuis",
            aangemeld_op=date(2026, 2, 1),
        ),
    ]
    assert doorstroom.stromen(feiten, Q1) == [
        ("Beschermd wonen", "Beschermd thuis", 2),
        ("Beschermd thuis", "Begeleiding", 1),
    ]


# --- outcomes ---------------------------------------------------------------------------------


def test_uitkomsten_worked_example():
    scores = [
        ScoreFeit("Financiën", 2, 4),
        ScoreFeit("Financiën", 3, 3),
        ScoreFeit("Huisvesting", 4, 3),
    ]
    rijen = uitkomsten.scoreveranderingen(scores, volgorde=["Financiën", "Huisvesting"])
    fin, huis = rijen
    assert (fin.aantal, fin.gemiddeld_start, fin.gemiddeld_eind) == (2, 2.5, 3.5)
    assert fin.gemiddelde_verandering == 1.0
    assert (fin.verbeterd, fin.gelijk, fin.verslechterd) == (1, 1, 0)
    assert (huis.verslechterd, huis.gemiddelde_verandering) == (1, -1.0)
    doelen = uitkomsten.doelbereik(
        [DoelFeit("Financiën", r) for r in ("behaald", "deels", "niet", "")]
    )
    assert (doelen[0].behaald, doelen[0].beoordeeld, doelen[0].open) == (1, 3, 1)
    assert doelen[0].aandeel_behaald == pytest.approx(1 / 3)


# --- money ------------------------------------------------------------------------------------


def test_geld_worked_example():
    rijen = geld.budgetrealisatie(
        [BudgetFeit("0307", Decimal("1200000.00"), Decimal("300000.00"))],
        [
            BestedingFeit("0307", Decimal("100000.00"), Decimal("25000.00")),
            BestedingFeit("0307", Decimal("140000.00"), Decimal("35000.00")),
        ],
    )
    (r,) = rijen
    assert r.besteed == Decimal("300000.00")
    assert r.aandeel_onderaannemers == pytest.approx(0.20)
    assert r.resterend == Decimal("900000.00")
    d = geld.declaraties(
        [DeclaratieFeit("0307", 100_000, 80_000), DeclaratieFeit("0307", 50_000, None)]
    )
    assert (d[0].ingediend, d[0].toegekend, d[0].afgewezen, d[0].open) == (
        150_000,
        80_000,
        20_000,
        50_000,
    )
    assert d[0].aandeel_afgewezen == pytest.approx(0.2)
    assert geld.totaal_declaraties(d).ingediend == 150_000


# --- message health ---------------------------------------------------------------------------


def test_berichten_worked_example():
    t0 = datetime(2026, 3, 2, 9, 0)
    feiten = [
        BerichtFeit("WMO315", "0307", "goedgekeurd", (), t0, t0 + timedelta(hours=2)),
        BerichtFeit("WMO315", "0307", "afgekeurd", ("0200", "8001"), t0, t0 + timedelta(hours=4)),
        BerichtFeit("WMO315", "0307", "goedgekeurd", (), t0, t0 + timedelta(hours=30)),
        BerichtFeit("WMO305", "0307", "wacht", (), t0, None, te_laat=True),
    ]
    stromen = berichten.per_type_en_gemeente(feiten)
    s315 = next(s for s in stromen if s.berichttype == "WMO315")
    assert (s315.aantal, s315.afgekeurd) == (3, 1)
    assert s315.aandeel_afgekeurd == pytest.approx(1 / 3)
    assert s315.mediaan_uren_tot_retour == 4
    s305 = next(s for s in stromen if s.berichttype == "WMO305")
    assert (s305.wacht, s305.te_laat, s305.aandeel_afgekeurd) == (1, 1, None)
    codes = berichten.per_retourcode(feiten)
    assert codes[0][0:2] == ("0200", 1)
    assert codes[0][2] == pytest.approx(1 / 3)


# --- suppression and CBS ----------------------------------------------------------------------


def test_onderdrukking_worked_example():
    regel = Onderdrukking(drempel=5, afronding=5)
    assert regel.reeks([3, 12, 148]) == [".", ".", 150]
    assert regel.cel(163) == 165
    assert regel.cel(0) == 0
    assert regel.cel(4) == "."
    assert regel.cel(7) == 5  # 7 → 5 (7/5 = 1.4)
    assert regel.cel(8) == 10
    # two small cells protect each other: no extra suppression
    assert regel.reeks([3, 2, 148]) == [".", ".", 150]
    # without a published total no secondary suppression is needed
    assert regel.reeks([3, 12, 148], totaal_gepubliceerd=False) == [".", 10, 150]


def test_onderdrukking_configurable():
    regel = Onderdrukking(drempel=10, afronding=1)
    # the 9 alone would follow from the total: the smallest other non-zero cell (10) goes too
    assert regel.reeks([9, 10, 11, 0]) == [".", ".", 11, 0]
    assert regel.per_duizend(9, 1000) == "."
    assert regel.per_duizend(11, 1000) == 11


def test_halfjaar():
    assert cbs.halfjaar("2026-1") == Periode(date(2026, 1, 1), date(2026, 6, 30))
    assert cbs.halfjaar("2026-2") == Periode(date(2026, 7, 1), date(2026, 12, 31))
    for fout in ("2026-3", "2026", "26-1", "", "2026-1x"):
        assert cbs.halfjaar(fout) is None


def test_cbs_worked_example():
    """163 clients: 150 with one product, 13 with two; 158,000 inhabitants."""
    feiten = []
    for client in range(1, 164):
        geslacht = "2" if client % 2 else "1"
        geboren = date(1950, 1, 1) if client <= 60 else date(1990, 7, 1)
        feiten.append(
            feit(
                client,
                client,
                date(2026, 2, 1),
                product="Begeleiding",
                geslacht=geslacht,
                geboortedatum=geboren,
            )
        )
        if client <= 13:
            feiten.append(
                feit(
                    1000 + client,
                    client,
                    date(2026, 3, 1),
                    product="Dagbesteding",
                    geslacht=geslacht,
                    geboortedatum=geboren,
                )
            )
    feiten.append(feit(5000, 5000, date(2026, 7, 1)))  # second half year: not counted
    periode = cbs.halfjaar("2026-1")
    cijfers = cbs.bereken("0307", feiten, periode, 158_000)
    assert (cijfers.clienten, cijfers.voorzieningen) == (163, 176)
    assert cijfers.voorzieningen_per_client == 1.08
    per_aantal, per_product, per_leeftijd, per_geslacht = cijfers.uitsplitsingen
    assert per_aantal.rijen[:3] == [("1", 150), ("2", 13), ("3", 0)]
    assert per_product.rijen == [("Begeleiding", 163), ("Dagbesteding", 13)]
    # born 1 January 1950: 76 on 30 June 2026; born 1 July 1990: 35
    assert dict(per_leeftijd.rijen) == {
        "jonger dan 18 jaar": 0,
        "18 tot 65 jaar": 103,
        "65 tot 75 jaar": 0,
        "75 jaar of ouder": 60,
    }
    assert dict(per_geslacht.rijen) == {"man": 81, "vrouw": 82, "onbekend": 0}

    uit = cbs.publiceer(cijfers, "2026-1", Onderdrukking(5, 5))
    assert (uit.clienten, uit.clienten_per_1000) == (165, 1)  # 163/158,000×1,000 = 1.03
    assert {label: cel for label, cel, _p in uit.uitsplitsingen[1][1]} == {
        "Begeleiding": 165,
        "Dagbesteding": 15,
    }
    assert uit.uitsplitsingen[0][1][:3] == [("1", 150, 1), ("2", 15, 0), ("3", 0, 0)]


def test_cbs_small_municipality_is_suppressed_with_its_rate():
    feiten = [feit(i, i, date(2026, 1, 5), gemeente="0327") for i in range(1, 4)]
    cijfers = cbs.bereken("0327", feiten, cbs.halfjaar("2026-1"), 12_000)
    uit = cbs.publiceer(cijfers, "2026-1", Onderdrukking())
    assert (uit.clienten, uit.clienten_per_1000, uit.voorzieningen_per_client) == (".", ".", ".")


def test_leeftijd_on_birthday():
    assert cbs.leeftijd(date(2008, 6, 30), date(2026, 6, 30)) == 18
    assert cbs.leeftijdsklasse(date(2008, 7, 1), date(2026, 6, 30)) == "jonger dan 18 jaar"
    assert cbs.leeftijdsklasse(None, date(2026, 6, 30)) == "onbekend"
