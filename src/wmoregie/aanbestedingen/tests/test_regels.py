"""Each rule of the registration, firing and not firing. Pure: facts in, findings out."""

from datetime import UTC, date, datetime

import pytest

from wmoregie.aanbestedingen import regels
from wmoregie.aanbestedingen.constants import Documentsoort, Fase, Inschrijvingsoort, PartijRol
from wmoregie.aanbestedingen.regels import (
    DocumentFeit,
    Elders,
    Ernst,
    InschrijvingFeiten,
    PartijFeit,
)

from .conftest import lokaal

SELECTIE = lokaal(2025, 6, 30, 12)
GUNNING = lokaal(2025, 8, 18, 12)
VOOR = lokaal(2025, 6, 20)  # selection phase
TUSSEN = lokaal(2025, 7, 20)  # award phase
NA = lokaal(2025, 8, 19)  # after everything

NEE_OP_ALLES = tuple((code, False) for code in ("crime-org", "fraud", "bankruptcy"))


def uea(kvk=None, ondertekend=True):
    return DocumentFeit(Documentsoort.UEA, VOOR, ondertekend=ondertekend, uea_kvk=kvk)


def gva(afgifte=date(2025, 1, 10), ontvangen=VOOR):
    return DocumentFeit(Documentsoort.GVA, ontvangen, afgiftedatum=afgifte)


_ids = iter(range(1, 10_000))


def partij(rol, *, naam=None, kvk=None, documenten=None, **kwargs) -> PartijFeit:
    nr = next(_ids)
    return PartijFeit(
        id=nr,
        rol=rol,
        naam=naam or f"Partij {nr}",
        kvk_nummer=kvk if kvk is not None else f"{40000000 + nr}",
        toegevoegd_op=kwargs.pop("toegevoegd_op", VOOR),
        taakomschrijving=kwargs.pop("taakomschrijving", "Begeleiding."),
        uitsluitingsgronden=kwargs.pop("uitsluitingsgronden", NEE_OP_ALLES),
        documenten=documenten if documenten is not None else (uea(), gva()),
        **kwargs,
    )


def feiten(
    *partijen, nu=VOOR, soort=Inschrijvingsoort.HOOFDAANNEMER, elders=()
) -> InschrijvingFeiten:
    if not any(p.rol in (PartijRol.HOOFDAANNEMER, PartijRol.PENVOERDER) for p in partijen):
        leidend = (
            PartijRol.PENVOERDER
            if soort == Inschrijvingsoort.COMBINATIE
            else PartijRol.HOOFDAANNEMER
        )
        partijen = (partij(leidend), *partijen)
    return InschrijvingFeiten(soort, nu, SELECTIE, GUNNING, tuple(partijen), tuple(elders))


def codes(bevindingen, ernst=None):
    return [b.code for b in bevindingen if ernst is None or b.ernst == ernst]


# --- a complete registration has no findings --------------------------------------------------


def test_a_complete_combination_passes_every_rule():
    complete = feiten(
        partij(PartijRol.COMBINANT),
        partij(PartijRol.DERDE),
        partij(PartijRol.VASTE_ONDERAANNEMER),
        soort=Inschrijvingsoort.COMBINATIE,
        nu=NA,
    )
    assert regels.controleer(complete) == []


# --- derde exclusivity ---------------------------------------------------------------------------


def test_a_derde_in_another_registration_fires_derde_exclusief():
    derde = partij(PartijRol.DERDE, kvk="55555555")
    bevindingen = regels.derde_exclusief(
        feiten(derde, elders=[Elders("kvk:55555555", PartijRol.DERDE, "Andere inschrijver")])
    )
    assert codes(bevindingen) == ["derde-exclusief"]
    assert bevindingen[0].partij_id == derde.id
    assert "Andere inschrijver" in bevindingen[0].bericht


def test_a_derde_that_is_combinant_elsewhere_fires_derde_exclusief():
    derde = partij(PartijRol.DERDE, kvk="55555555")
    assert codes(
        regels.derde_exclusief(
            feiten(derde, elders=[Elders("kvk:55555555", PartijRol.COMBINANT, "X")])
        )
    ) == ["derde-exclusief"]


def test_a_combinant_here_that_is_derde_elsewhere_fires_derde_exclusief():
    combinant = partij(PartijRol.COMBINANT, kvk="55555555")
    bevindingen = regels.derde_exclusief(
        feiten(
            combinant,
            soort=Inschrijvingsoort.COMBINATIE,
            elders=[Elders("kvk:55555555", PartijRol.DERDE, "X")],
        )
    )
    assert codes(bevindingen) == ["derde-exclusief"]


def test_a_foreign_derde_without_kvk_is_matched_by_name():
    derde = partij(PartijRol.DERDE, kvk="", naam="Aide à Domicile SA")
    elders = [Elders(regels.identiteit("", "aide a domicile, SA"), PartijRol.DERDE, "X")]
    assert codes(regels.derde_exclusief(feiten(derde, elders=elders))) == ["derde-exclusief"]


def test_a_vaste_onderaannemer_may_serve_several_registrations():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, kvk="55555555")
    elders = [Elders("kvk:55555555", PartijRol.VASTE_ONDERAANNEMER, "X")]
    assert regels.derde_exclusief(feiten(onder, elders=elders)) == []


def test_a_derde_found_nowhere_else_passes():
    derde = partij(PartijRol.DERDE, kvk="55555555")
    assert (
        regels.derde_exclusief(feiten(derde, elders=[Elders("kvk:66666666", PartijRol.DERDE, "X")]))
        == []
    )


# --- a derde signs its own UEA ------------------------------------------------------------------


def test_a_derde_without_a_uea_fires_as_warning_before_and_error_after_the_deadline():
    derde = partij(PartijRol.DERDE, documenten=(gva(),))
    voor = regels.derde_eigen_uea(feiten(derde, nu=VOOR))
    na = regels.derde_eigen_uea(feiten(derde, nu=SELECTIE))
    assert [(b.code, b.ernst) for b in voor] == [("derde-eigen-uea", Ernst.WARNING)]
    assert [(b.code, b.ernst) for b in na] == [("derde-eigen-uea", Ernst.ERROR)]


def test_a_derde_with_an_unsigned_uea_fires():
    derde = partij(PartijRol.DERDE, documenten=(uea(ondertekend=False),))
    assert "niet door de derde zelf ondertekend" in regels.derde_eigen_uea(feiten(derde))[0].bericht


def test_a_derde_with_the_uea_of_another_company_fires_as_error():
    derde = partij(PartijRol.DERDE, kvk="55555555", documenten=(uea(kvk="12345678"),))
    [bevinding] = regels.derde_eigen_uea(feiten(derde))
    assert bevinding.ernst == Ernst.ERROR and "andere onderneming" in bevinding.bericht


def test_a_derde_with_its_own_signed_uea_passes():
    derde = partij(PartijRol.DERDE, kvk="55555555", documenten=(uea(kvk="55555555"),))
    assert regels.derde_eigen_uea(feiten(derde)) == []


# --- each combinant its own exclusion-ground evidence --------------------------------------------


def test_a_combinant_without_its_own_uea_fires():
    combinant = partij(PartijRol.COMBINANT, documenten=(gva(),))
    bevindingen = regels.eigen_uitsluitingsgronden(
        feiten(combinant, soort=Inschrijvingsoort.COMBINATIE)
    )
    assert codes(bevindingen) == ["eigen-uitsluitingsgronden"]
    assert bevindingen[0].partij_id == combinant.id


def test_a_combinant_with_unanswered_grounds_fires():
    combinant = partij(
        PartijRol.COMBINANT, uitsluitingsgronden=(("crime-org", False), ("tax-pay", None))
    )
    [bevinding] = regels.eigen_uitsluitingsgronden(
        feiten(combinant, soort=Inschrijvingsoort.COMBINATIE)
    )
    assert "tax-pay" in bevinding.bericht


def test_a_combinant_without_answers_fires():
    combinant = partij(PartijRol.COMBINANT, uitsluitingsgronden=())
    assert codes(
        regels.eigen_uitsluitingsgronden(feiten(combinant, soort=Inschrijvingsoort.COMBINATIE))
    ) == ["eigen-uitsluitingsgronden"]


def test_a_ground_that_applies_is_a_warning_to_assess():
    combinant = partij(
        PartijRol.COMBINANT, uitsluitingsgronden=(("crime-org", False), ("bankruptcy", True))
    )
    [bevinding] = regels.eigen_uitsluitingsgronden(
        feiten(combinant, soort=Inschrijvingsoort.COMBINATIE)
    )
    assert (bevinding.code, bevinding.ernst) == ("uitsluitingsgrond-van-toepassing", Ernst.WARNING)


def test_combinants_with_their_own_answered_uea_pass():
    combinant = partij(PartijRol.COMBINANT)
    assert (
        regels.eigen_uitsluitingsgronden(feiten(combinant, soort=Inschrijvingsoort.COMBINATIE))
        == []
    )


def test_subcontractors_need_no_exclusion_answers_of_their_own_here():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, uitsluitingsgronden=(), documenten=(gva(),))
    assert regels.eigen_uitsluitingsgronden(feiten(onder)) == []


# --- GVA at most 24 months old on receipt --------------------------------------------------------


@pytest.mark.parametrize(
    ("_case", "afgifte", "ontvangen", "te_oud"),
    [
        ("exactly 24 months", date(2023, 6, 20), lokaal(2025, 6, 20), False),
        ("one day more", date(2023, 6, 19), lokaal(2025, 6, 20), True),
        ("recent", date(2025, 1, 10), lokaal(2025, 6, 20), False),
        ("counted on receipt, not today", date(2023, 7, 1), lokaal(2025, 6, 20), False),
    ],
)
def test_gva_age_is_counted_on_receipt(_case, afgifte, ontvangen, te_oud):
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, documenten=(uea(), gva(afgifte, ontvangen)))
    bevindingen = regels.gva_geldig(feiten(onder, nu=NA))
    assert ("gva-te-oud" in codes(bevindingen)) is te_oud


@pytest.mark.parametrize(
    ("_case", "ontvangen_utc", "te_oud"),
    [
        # 20 June 00:30 in Amsterdam (summer time) is 19 June 22:30 UTC
        ("just after midnight in Amsterdam", datetime(2025, 6, 19, 22, 30, tzinfo=UTC), True),
        ("just before midnight in Amsterdam", datetime(2025, 6, 19, 21, 59, tzinfo=UTC), False),
    ],
)
def test_gva_age_takes_the_amsterdam_day_of_receipt(_case, ontvangen_utc, te_oud):
    """Issued 19 June 2023: valid through 19 June 2025 on the Amsterdam calendar, whatever the
    UTC date of the stored moment."""
    onder = partij(
        PartijRol.VASTE_ONDERAANNEMER, documenten=(uea(), gva(date(2023, 6, 19), ontvangen_utc))
    )
    bevindingen = regels.gva_geldig(feiten(onder, nu=NA))
    assert ("gva-te-oud" in codes(bevindingen)) is te_oud
    if te_oud:
        assert "ontvangst op 20-06-2025" in bevindingen[0].bericht


def test_a_missing_gva_fires_and_is_an_error_after_the_award_deadline():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, documenten=(uea(),))
    assert [(b.code, b.ernst) for b in regels.gva_geldig(feiten(onder, nu=TUSSEN))] == [
        ("gva-ontbreekt", Ernst.WARNING)
    ]
    assert [(b.code, b.ernst) for b in regels.gva_geldig(feiten(onder, nu=NA))] == [
        ("gva-ontbreekt", Ernst.ERROR)
    ]


def test_a_newer_valid_gva_next_to_an_old_one_passes():
    onder = partij(
        PartijRol.VASTE_ONDERAANNEMER, documenten=(gva(date(2020, 1, 1)), gva(date(2025, 1, 1)))
    )
    assert regels.gva_geldig(feiten(onder)) == []


# --- derden known at the selection deadline ------------------------------------------------------


def test_a_derde_added_after_the_selection_deadline_fires():
    derde = partij(PartijRol.DERDE, toegevoegd_op=TUSSEN, toestemming=True)
    [bevinding] = regels.derden_bekend_bij_selectie(feiten(derde, nu=TUSSEN))
    assert (bevinding.code, bevinding.ernst) == ("derden-bekend-bij-selectie", Ernst.ERROR)


def test_an_incomplete_derde_is_a_warning_before_and_an_error_at_the_deadline():
    derde = partij(PartijRol.DERDE, kvk="", taakomschrijving="")
    assert [b.ernst for b in regels.derden_bekend_bij_selectie(feiten(derde, nu=VOOR))] == [
        Ernst.WARNING
    ]
    [na] = regels.derden_bekend_bij_selectie(feiten(derde, nu=SELECTIE))
    assert na.ernst == Ernst.ERROR and "KvK-nummer" in na.bericht and "rol en taak" in na.bericht


def test_a_derde_known_in_time_passes():
    assert regels.derden_bekend_bij_selectie(feiten(partij(PartijRol.DERDE), nu=NA)) == []


# --- vaste onderaannemers: as far as known at selection, all at the award deadline ----------------


def test_a_vaste_onderaannemer_may_still_be_incomplete_during_the_award_phase():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, taakomschrijving="")
    assert [b.ernst for b in regels.vaste_onderaannemers_bekend(feiten(onder, nu=TUSSEN))] == [
        Ernst.WARNING
    ]


def test_an_incomplete_vaste_onderaannemer_at_the_award_deadline_fires_as_error():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, taakomschrijving="")
    [bevinding] = regels.vaste_onderaannemers_bekend(feiten(onder, nu=GUNNING))
    assert (bevinding.code, bevinding.ernst, bevinding.fase) == (
        "vaste-onderaannemers-bekend-bij-gunning",
        Ernst.ERROR,
        Fase.GUNNING,
    )


def test_a_vaste_onderaannemer_named_after_the_award_deadline_fires():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, toegevoegd_op=NA, toestemming=True)
    assert codes(regels.vaste_onderaannemers_bekend(feiten(onder, nu=NA))) == [
        "vaste-onderaannemers-bekend-bij-gunning"
    ]


def test_a_complete_vaste_onderaannemer_added_in_the_award_phase_passes_this_rule():
    onder = partij(PartijRol.VASTE_ONDERAANNEMER, toegevoegd_op=TUSSEN, toestemming=True)
    assert regels.vaste_onderaannemers_bekend(feiten(onder, nu=NA)) == []


# --- consent after the selection deadline --------------------------------------------------------


@pytest.mark.parametrize(
    "rol", [PartijRol.COMBINANT, PartijRol.DERDE, PartijRol.VASTE_ONDERAANNEMER]
)
def test_a_party_added_after_the_selection_deadline_without_consent_fires(rol):
    laat = partij(rol, toegevoegd_op=TUSSEN)
    [bevinding] = regels.toestemming_na_selectie(feiten(laat, nu=TUSSEN))
    assert (bevinding.code, bevinding.partij_id) == ("toestemming-na-selectiedeadline", laat.id)


def test_a_party_added_after_the_deadline_with_recorded_consent_passes():
    laat = partij(PartijRol.VASTE_ONDERAANNEMER, toegevoegd_op=TUSSEN, toestemming=True)
    assert regels.toestemming_na_selectie(feiten(laat, nu=TUSSEN)) == []


def test_a_party_added_before_the_selection_deadline_needs_no_consent():
    assert (
        regels.toestemming_na_selectie(feiten(partij(PartijRol.VASTE_ONDERAANNEMER), nu=TUSSEN))
        == []
    )


# --- incidentele onderaannemers --------------------------------------------------------------------


def test_an_incidentele_onderaannemer_is_not_required_nor_bound_to_anything():
    incidenteel = partij(
        PartijRol.INCIDENTELE_ONDERAANNEMER,
        kvk="",
        taakomschrijving="",
        uitsluitingsgronden=(),
        documenten=(),
        toegevoegd_op=TUSSEN,
    )
    bevindingen = regels.controleer(feiten(incidenteel, nu=NA))
    assert [(b.code, b.ernst) for b in bevindingen] == [
        ("incidentele-onderaannemer-vrij", Ernst.INFO)
    ]


# --- composition -----------------------------------------------------------------------------------


def test_a_combination_without_combinant_fires():
    assert codes(regels.samenstelling(feiten(soort=Inschrijvingsoort.COMBINATIE))) == [
        "combinatie-zonder-combinant"
    ]


def test_a_sole_bidder_with_a_combinant_fires():
    assert codes(regels.samenstelling(feiten(partij(PartijRol.COMBINANT)))) == [
        "hoofdaannemer-met-combinant"
    ]


def test_the_checklist_groups_every_rule_per_phase():
    lijst = regels.controlelijst(
        feiten(partij(PartijRol.VASTE_ONDERAANNEMER, toegevoegd_op=TUSSEN), nu=TUSSEN)
    )
    assert {p.regel.code for punten in lijst.values() for p in punten} == {
        r.code for r in regels.REGELS
    }
    selectie = {p.regel.code: p for p in lijst[Fase.SELECTIE]}
    assert not selectie["toestemming-na-selectiedeadline"].in_orde
    assert [p.regel.code for p in lijst[Fase.SELECTIE] if not p.in_orde] == [
        "toestemming-na-selectiedeadline"
    ]
    assert all(p.in_orde for p in lijst[Fase.GUNNING])


# --- the UEA names this procedure -----------------------------------------------------------------


def test_a_uea_for_another_procedure_is_a_warning():
    anders = DocumentFeit(Documentsoort.UEA, VOOR, ondertekend=True, uea_referentie="RA-2024-99")
    combinant = partij(PartijRol.COMBINANT, documenten=(anders, gva()))
    f = InschrijvingFeiten(
        Inschrijvingsoort.COMBINATIE,
        VOOR,
        SELECTIE,
        GUNNING,
        (partij(PartijRol.PENVOERDER), combinant),
        (),
        "RA-2025-WMO-01",
    )
    [bevinding] = regels.uea_kenmerk(f)
    assert (bevinding.code, bevinding.ernst, bevinding.partij_id) == (
        "uea-ander-kenmerk",
        Ernst.WARNING,
        combinant.id,
    )


def test_a_uea_naming_this_procedure_or_a_paper_uea_passes():
    eigen = DocumentFeit(Documentsoort.UEA, VOOR, ondertekend=True, uea_referentie="RA-2025-WMO-01")
    f = InschrijvingFeiten(
        Inschrijvingsoort.HOOFDAANNEMER,
        VOOR,
        SELECTIE,
        GUNNING,
        (partij(PartijRol.HOOFDAANNEMER, documenten=(eigen,)), partij(PartijRol.DERDE)),
        (),
        "RA-2025-WMO-01",
    )
    assert regels.uea_kenmerk(f) == []
