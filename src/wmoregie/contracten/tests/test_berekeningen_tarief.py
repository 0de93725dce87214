"""Tariff build-up (prijsblad, AMvB reële prijs). Expected values are computed by hand below."""

from decimal import Decimal

import pytest

from wmoregie.contracten.berekeningen import (
    BerekeningFout,
    NietProductieveTijd,
    Tariefopbouw,
    calculate_tarief,
)


def _voorbeeld(**wijzigingen) -> Tariefopbouw:
    """The illustrative 2025 build-up of docs/procurement-rules.md §4 (CAO Sociaal Werk 8)."""
    waarden = {
        "cao": "CAO Sociaal Werk",
        "schaal": "8",
        "trede": "5",
        "maandsalaris": Decimal("3500.00"),
        "maanden_per_jaar": 12,
        "vakantietoeslag_percentage": Decimal("8"),
        "eindejaarsuitkering_percentage": Decimal("8.33"),
        "werkgeverslasten_percentage": Decimal("30"),
        "jaaruren_per_fte": Decimal("1872"),
        "niet_productieve_tijd": (
            NietProductieveTijd(
                "Verlof, ziekte, scholing, reistijd, indirecte tijd", percentage=32
            ),
        ),
        "overhead_percentage": Decimal("20"),
        "risico_winst_percentage": Decimal("3"),
    }
    waarden.update(wijzigingen)
    return Tariefopbouw(**waarden)


def test_worked_example_gives_61_67_per_hour():
    # 3,500.00 × 12                              = 42,000.00
    # vakantietoeslag 8 %      42,000.00 × 0.08   =  3,360.00
    # eindejaarsuitkering 8.33 % 42,000 × 0.0833  =  3,498.60
    # bruto jaarsalaris                           = 48,858.60
    # werkgeverslasten 30 %    48,858.60 × 0.30   = 14,657.58
    # loonkosten per fte                          = 63,516.18
    # productieve uren         1,872 × (1 − 0.32) =  1,272.96
    # per uur                  63,516.18 / 1,272.96 = 49.896446…
    # + overhead 20 %          49.896446… × 1.20  = 59.875735…
    # + risico/winst 3 %       59.875735… × 1.03  = 61.672007…  -> 61.67
    berekening = calculate_tarief(_voorbeeld())

    assert berekening.tarief == Decimal("61.67")
    assert berekening.eenheid == "uur"
    assert berekening.stap("bruto_jaarsalaris").waarde == Decimal("48858.60")
    assert berekening.stap("werkgeverslasten").waarde == Decimal("14657.58")
    assert berekening.stap("loonkosten_per_fte").waarde == Decimal("63516.18")
    assert berekening.productieve_uren == Decimal("1272.96")
    assert berekening.stap("loonkosten_per_uur").waarde.quantize(Decimal("0.000001")) == Decimal(
        "49.896446"
    )
    assert berekening.tarief_exact.quantize(Decimal("0.000001")) == Decimal("61.672007")


def test_intermediate_values_stay_unrounded_so_the_tariff_is_rounded_only_once():
    # Rounding every step to cents would give 49.90 -> × 1.20 = 59.88 -> × 1.03 = 61.6764
    # -> 61.68: one cent too much. The exact chain gives 61.672007… -> 61.67.
    berekening = calculate_tarief(_voorbeeld())

    per_stap_afgerond = (Decimal("59.88") * Decimal("1.03")).quantize(Decimal("0.01"))
    assert per_stap_afgerond == Decimal("61.68")
    assert berekening.tarief == Decimal("61.67")
    assert berekening.stap("kostprijs_per_uur").waarde != Decimal("59.88")


def test_tariff_is_rounded_half_up_on_an_exact_half_cent():
    # 10.005 per month × 1 month over 1 productive hour, no surcharges = 10.005 -> 10.01
    # (banker's rounding would give 10.00).
    berekening = calculate_tarief(
        Tariefopbouw(
            maandsalaris=Decimal("10.005"),
            maanden_per_jaar=1,
            werkgeverslasten_percentage=0,
            jaaruren_per_fte=1,
            overhead_percentage=0,
            risico_winst_percentage=0,
        )
    )

    assert berekening.tarief_exact == Decimal("10.005")
    assert berekening.tarief == Decimal("10.01")


def test_each_kind_of_non_productive_time_is_a_visible_step_in_percent_or_hours():
    # 1,872 contract hours:
    #   verlof               200 uur                 = 200.00
    #   ziekte               5 %  × 1,872            =  93.60
    #   scholing             40 uur                  =  40.00
    #   reistijd             6 %  × 1,872            = 112.32
    #   indirecte cliënttijd 10 % × 1,872            = 187.20
    #   totaal                                       = 633.12
    #   productief           1,872 − 633.12          = 1,238.88
    berekening = calculate_tarief(
        _voorbeeld(
            niet_productieve_tijd=(
                NietProductieveTijd("Verlof", uren=200),
                NietProductieveTijd("Ziekte", percentage=5),
                NietProductieveTijd("Scholing", uren=40),
                NietProductieveTijd("Reistijd", percentage=6),
                NietProductieveTijd("Indirecte cliënttijd", percentage=10),
            )
        )
    )

    stappen = [berekening.stap(f"niet_productief_{n}") for n in range(1, 6)]
    assert [stap.waarde for stap in stappen] == [
        Decimal("200"),
        Decimal("93.60"),
        Decimal("40"),
        Decimal("112.32"),
        Decimal("187.20"),
    ]
    assert stappen[1].label == "Ziekte (5 % van de contracturen)"
    assert stappen[0].label == "Verlof"
    assert berekening.stap("niet_productieve_uren").waarde == Decimal("633.12")
    assert berekening.productieve_uren == Decimal("1238.88")


def test_material_costs_per_hour_are_added_after_overhead_and_before_the_risk_margin():
    # 3,000 × 12 = 36,000; + 25 % werkgeverslasten = 45,000.00 per fte
    # 1,500 contract hours − 300 hours non-productive = 1,200 productive hours
    # 45,000 / 1,200 = 37.50; + 10 % overhead = 3.75 -> 41.25; + 0.75 materieel = 42.00
    # + 2 % risico/winst: 42.00 × 1.02 = 42.84
    berekening = calculate_tarief(
        Tariefopbouw(
            maandsalaris=3000,
            werkgeverslasten_percentage=25,
            jaaruren_per_fte=1500,
            niet_productieve_tijd=(NietProductieveTijd("Verlof en ziekte", uren=300),),
            overhead_percentage=10,
            materiele_kosten_per_uur=Decimal("0.75"),
            risico_winst_percentage=2,
        )
    )

    assert berekening.stap("loonkosten_per_uur").waarde == Decimal("37.50")
    assert berekening.stap("overhead").waarde == Decimal("3.75")
    assert berekening.stap("kostprijs_per_uur").waarde == Decimal("42.00")
    assert berekening.tarief == Decimal("42.84")


def test_tariff_per_unit_uses_staff_hours_per_unit_and_material_costs_per_unit():
    # Same cost price as above, 42.00 per hour. A group dagdeel: 4 hours with 8 clients
    # = 0.5 staff hour per client-dagdeel; plus 4.00 material per dagdeel (room, coffee).
    # 42.00 × 0.5 + 4.00 = 25.00; + 2 % = 25.50 per dagdeel.
    berekening = calculate_tarief(
        Tariefopbouw(
            maandsalaris=3000,
            werkgeverslasten_percentage=25,
            jaaruren_per_fte=1500,
            niet_productieve_tijd=(NietProductieveTijd("Verlof en ziekte", uren=300),),
            overhead_percentage=10,
            materiele_kosten_per_uur=Decimal("0.75"),
            risico_winst_percentage=2,
            eenheid="dagdeel",
            uren_per_eenheid=Decimal("0.5"),
            materiele_kosten_per_eenheid=Decimal("4.00"),
        )
    )

    assert berekening.eenheid == "dagdeel"
    assert berekening.stap("kostprijs_per_eenheid").waarde == Decimal("25.00")
    assert berekening.stap("tarief").label == "Tarief per dagdeel, afgerond op centen"
    assert berekening.stap("tarief").eenheid == "EUR per dagdeel"
    assert berekening.tarief == Decimal("25.50")


def test_every_step_has_a_unique_code_and_a_dutch_label():
    berekening = calculate_tarief(_voorbeeld())

    assert len(set(berekening.codes())) == len(berekening.stappen)
    assert berekening.codes()[0] == "maandsalaris"
    assert berekening.codes()[-1] == "tarief"
    assert berekening.stap("maandsalaris").label == (
        "Bruto maandsalaris (CAO Sociaal Werk, schaal 8, trede 5)"
    )
    assert berekening.stap("werkgeverslasten").label == "Werkgeverslasten (30 %)"
    assert berekening.stap("loonkosten_per_uur").toelichting == "63.516,18 ÷ 1.272,96 uur"


def test_zero_surcharges_give_the_bare_personnel_cost_per_hour():
    # 2,000 × 12 = 24,000 / 1,200 hours = 20.00
    berekening = calculate_tarief(
        Tariefopbouw(
            maandsalaris=2000,
            werkgeverslasten_percentage=0,
            jaaruren_per_fte=1200,
            overhead_percentage=0,
            risico_winst_percentage=0,
        )
    )

    assert berekening.tarief == Decimal("20.00")


def test_negative_salary_is_refused_with_a_dutch_message():
    with pytest.raises(
        BerekeningFout, match="Het bruto maandsalaris mag niet negatief zijn"
    ) as fout:
        calculate_tarief(_voorbeeld(maandsalaris=Decimal("-1")))

    assert fout.value.code == "negatieve-invoer"
    assert isinstance(fout.value, ValueError)


@pytest.mark.parametrize(
    ("_case", "veld"),
    [
        ("werkgeverslasten", "werkgeverslasten_percentage"),
        ("overhead", "overhead_percentage"),
        ("risico", "risico_winst_percentage"),
        ("materieel", "materiele_kosten_per_uur"),
        ("jaaruren", "jaaruren_per_fte"),
    ],
)
def test_negative_components_are_refused(_case, veld):
    with pytest.raises(BerekeningFout, match="mag niet negatief zijn"):
        calculate_tarief(_voorbeeld(**{veld: -1}))


def test_non_productive_time_of_all_contract_hours_leaves_no_tariff():
    with pytest.raises(BerekeningFout, match="geen productieve uren") as fout:
        calculate_tarief(
            _voorbeeld(
                niet_productieve_tijd=(
                    NietProductieveTijd("Verlof", percentage=60),
                    NietProductieveTijd("Indirecte tijd", percentage=40),
                )
            )
        )

    assert fout.value.code == "geen-productieve-uren"


@pytest.mark.parametrize(
    ("_case", "tijd"),
    [
        ("beide", NietProductieveTijd("Verlof", percentage=8, uren=150)),
        ("geen", NietProductieveTijd("Verlof")),
    ],
)
def test_non_productive_time_needs_either_a_percentage_or_hours(_case, tijd):
    with pytest.raises(BerekeningFout, match="óf een percentage óf een aantal uren") as fout:
        calculate_tarief(_voorbeeld(niet_productieve_tijd=(tijd,)))

    assert fout.value.code == "niet-productieve-tijd-percentage-of-uren"


def test_non_productive_time_needs_a_description():
    with pytest.raises(BerekeningFout, match="omschrijving"):
        calculate_tarief(_voorbeeld(niet_productieve_tijd=(NietProductieveTijd(" ", uren=10),)))


def test_hourly_tariff_refuses_unit_inputs():
    with pytest.raises(BerekeningFout) as fout:
        calculate_tarief(_voorbeeld(uren_per_eenheid=2))

    assert fout.value.code == "eenheid-uur-met-eenheidsgegevens"


def test_tariff_per_unit_needs_staff_hours_per_unit():
    with pytest.raises(BerekeningFout, match="nul kan niet"):
        calculate_tarief(_voorbeeld(eenheid="etmaal", uren_per_eenheid=0))


def test_float_input_is_refused():
    with pytest.raises(TypeError, match="niet als float"):
        calculate_tarief(_voorbeeld(maandsalaris=3500.0))
