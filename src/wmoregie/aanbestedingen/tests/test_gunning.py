"""The award phase in services: frozen criteria, blind assessment, consensus, ranking wired to
``scoring``, letters and standstill, objections, the definitive award and the agreement."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Beoordelingsmethode, Bezwaarsoort, PartijRol, Status
from wmoregie.aanbestedingen.models import Gunningsbrief
from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.tests.factories import PerceelFactory, ProductFactory
from wmoregie.contracten.constants import Onderaannemersoort, Opdrachtnemersvorm

from .conftest import lokaal
from .factories import AanbestedingFactory, PartijFactory, voldoet_aan_regels
from .gunning_helpers import consensus, in_beoordeling, inschrijving_van, nieuwe_beoordelaar

pytestmark = pytest.mark.django_db

VOORBEELD = {  # docs/aanbestedingen-regels.md, worked example
    "Eemland Zorg": (8, 6, 10),
    "Amersfoort Samen": (6, 10, 6),
    "Combinatie Vallei": (10, 6, 4),
}


# --- slice 1: criteria and method, frozen at the award opening -----------------------------


def test_criteria_and_method_are_frozen_after_the_award_opening(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    criterium = aanbesteding.criteria.first()
    for poging in (
        lambda: services.voeg_criterium_toe(
            aanbesteding, gebruiker=inkoper, code="k9", naam="Laat", weging=Decimal(5)
        ),
        lambda: services.verwijder_criterium(criterium, gebruiker=inkoper),
        lambda: services.stel_beoordelingsmethode_vast(
            aanbesteding, gebruiker=inkoper, methode=Beoordelingsmethode.KWALITEIT
        ),
    ):
        with pytest.raises(ValidationError) as fout:
            poging()
        assert fout.value.code == "criteria-bevroren"
    assert list(aanbesteding.criteria.values_list("code", flat=True)) == ["k1", "k2", "k3"]


def test_before_the_opening_criteria_change_and_a_taakgericht_lot_is_quality_only(regio, inkoper):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.GUNNINGSFASE)
    criterium = services.voeg_criterium_toe(
        aanbesteding, gebruiker=inkoper, code="k1", naam="Plan", weging=Decimal(60)
    )
    with pytest.raises(ValidationError) as fout:
        services.voeg_criterium_toe(
            aanbesteding, gebruiker=inkoper, code="k1", naam="Dubbel", weging=Decimal(1)
        )
    services.verwijder_criterium(criterium, gebruiker=inkoper)
    assert not aanbesteding.criteria.exists()
    with pytest.raises(ValidationError) as fout:
        services.stel_beoordelingsmethode_vast(
            aanbesteding,
            gebruiker=inkoper,
            methode=Beoordelingsmethode.WAARDE,
            waarde_per_punt=Decimal(1000),
        )
    assert fout.value.code == "taakgericht-alleen-kwaliteit"


def test_a_lot_with_a_price_takes_a_price_method_with_its_parameters(regio, inkoper):
    perceel = PerceelFactory(
        regio=regio, bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT
    )
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.CONCEPT, percelen=[perceel])
    with pytest.raises(ValidationError) as fout:
        services.stel_beoordelingsmethode_vast(
            aanbesteding, gebruiker=inkoper, methode=Beoordelingsmethode.RELATIEF
        )
    assert fout.value.code == "maximumpunten-ontbreken"
    services.stel_beoordelingsmethode_vast(
        aanbesteding,
        gebruiker=inkoper,
        methode=Beoordelingsmethode.RELATIEF,
        max_prijspunten=Decimal(40),
        max_kwaliteitspunten=Decimal(60),
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.beoordelingsmethode == "relatief"
    assert aanbesteding.max_prijspunten == Decimal(40)


# --- slice 2: blind assessment and consensus ----------------------------------------------------


def test_an_assessor_scores_only_after_declaring_no_conflict(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    a, b = nieuwe_beoordelaar(regio, "Anna"), nieuwe_beoordelaar(regio, "Bert")
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    criterium = aanbesteding.criteria.first()
    with pytest.raises(ValidationError) as fout:
        services.beoordeel(inschrijving, criterium, gebruiker=a, score=Decimal(7), motivering="x")
    assert fout.value.code == "belangenverklaring-ontbreekt"
    with pytest.raises(ValidationError) as fout:
        services.teken_belangenverklaring(aanbesteding, gebruiker=b, geen_belangenconflict=False)
    assert fout.value.code == "toelichting-verplicht"
    services.teken_belangenverklaring(
        aanbesteding, gebruiker=b, geen_belangenconflict=False, toelichting="Oud-werkgever."
    )
    with pytest.raises(ValidationError):
        services.beoordeel(inschrijving, criterium, gebruiker=b, score=Decimal(7), motivering="x")
    with pytest.raises(ValidationError) as fout:
        services.teken_belangenverklaring(
            aanbesteding, gebruiker=inkoper, geen_belangenconflict=True
        )
    assert fout.value.code == "geen-beoordelaar"
    services.teken_belangenverklaring(aanbesteding, gebruiker=a, geen_belangenconflict=True)
    with pytest.raises(ValidationError) as fout:
        services.beoordeel(inschrijving, criterium, gebruiker=a, score=Decimal(11), motivering="x")
    assert fout.value.code == "score-buiten-schaal"
    with pytest.raises(ValidationError) as fout:
        services.beoordeel(inschrijving, criterium, gebruiker=a, score=Decimal(7), motivering=" ")
    assert fout.value.code == "motivering-verplicht"
    services.beoordeel(inschrijving, criterium, gebruiker=a, score=Decimal(7), motivering="Goed.")
    assert services.beoordelaars(aanbesteding) == [a]


def test_consensus_waits_for_every_assessor_and_then_freezes_the_individual_scores(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    a, b = nieuwe_beoordelaar(regio, "Anna"), nieuwe_beoordelaar(regio, "Bert")
    for x in (a, b):
        services.teken_belangenverklaring(aanbesteding, gebruiker=x, geen_belangenconflict=True)
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    criterium = aanbesteding.criteria.first()
    services.beoordeel(inschrijving, criterium, gebruiker=a, score=Decimal(6), motivering="Ok.")
    with pytest.raises(ValidationError) as fout:
        services.stel_consensus_vast(
            inschrijving, criterium, gebruiker=inkoper, score=Decimal(7), motivering="Samen."
        )
    assert fout.value.code == "beoordelingen-ontbreken"
    assert "Bert" in fout.value.messages[0]
    services.beoordeel(inschrijving, criterium, gebruiker=b, score=Decimal(8), motivering="Sterk.")
    with pytest.raises(ValidationError) as fout:
        services.stel_consensus_vast(
            inschrijving, criterium, gebruiker=a, score=Decimal(7), motivering="Samen."
        )
    assert fout.value.code == "geen-inkoper"
    vastgesteld = services.stel_consensus_vast(
        inschrijving, criterium, gebruiker=inkoper, score=Decimal(7), motivering="Samen."
    )
    assert sorted(s["score"] for s in vastgesteld.spreiding) == ["6.00", "8.00"]
    with pytest.raises(ValidationError) as fout:
        services.beoordeel(inschrijving, criterium, gebruiker=a, score=Decimal(9), motivering="x")
    assert fout.value.code == "consensus-al-vastgesteld"


# --- slice 3: ranking from the consensus scores via scoring.py ---------------------------------


def test_quality_only_ranking_from_the_consensus_scores_hand_computed(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    with pytest.raises(ValidationError) as fout:
        services.rangschikking(aanbesteding)
    assert fout.value.code == "beoordeling-onvolledig"
    consensus(aanbesteding, inkoper, VOORBEELD)
    uitkomst, per_naam = services.rangschikking(aanbesteding)
    # Q = 8/10×40 + 6/10×35 + 10/10×25 = 32 + 21 + 25 = 78; 24 + 35 + 15 = 74; 40 + 21 + 10 = 71
    assert [(u.inschrijver, u.waarde) for u in uitkomst.uitslagen] == [
        ("Eemland Zorg", Decimal("78.00")),
        ("Amersfoort Samen", Decimal("74.00")),
        ("Combinatie Vallei", Decimal("71.00")),
    ]
    assert per_naam["Eemland Zorg"] == inschrijving_van(aanbesteding, "Eemland Zorg")


def test_a_tie_goes_to_the_recorded_lot(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, ("Alfa Zorg", "Beta Zorg"))
    consensus(aanbesteding, inkoper, {"Alfa Zorg": (8, 6, 10), "Beta Zorg": (8, 6, 10)})
    with pytest.raises(ValidationError) as fout:
        services.rangschikking(aanbesteding)
    assert fout.value.code == "rangschikking-onmogelijk"
    assert "geen lotingswaarde" in fout.value.messages[0]
    services.stel_loting_seed_vast(aanbesteding, gebruiker=inkoper, seed="notaris-2025-09-01")
    aanbesteding.refresh_from_db()
    uitkomst, _ = services.rangschikking(aanbesteding)
    import hashlib

    verwacht = sorted(
        ("Alfa Zorg", "Beta Zorg"),
        key=lambda n: hashlib.sha256(f"notaris-2025-09-01|{n}".encode()).hexdigest(),
    )
    assert [u.inschrijver for u in uitkomst.uitslagen] == verwacht
    assert {str(u.beslist_door) for u in uitkomst.uitslagen} == {"loting"}


def _met_prijs(regio, inkoper, **methode):
    perceel = PerceelFactory(
        regio=regio, bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT
    )
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD), percelen=[perceel], **methode)
    consensus(aanbesteding, inkoper, VOORBEELD)
    for naam, prijs in (
        ("Eemland Zorg", 2_500_000),
        ("Amersfoort Samen", 2_400_000),
        ("Combinatie Vallei", 2_300_000),
    ):
        services.leg_prijs_vast(
            inschrijving_van(aanbesteding, naam), gebruiker=inkoper, prijs=Decimal(prijs)
        )
    return aanbesteding


def test_gunnen_op_waarde_from_consensus_and_prices_hand_computed(regio, inkoper):
    aanbesteding = _met_prijs(
        regio, inkoper, methode=Beoordelingsmethode.WAARDE, waarde_per_punt=Decimal(10_000)
    )
    uitkomst, _ = services.rangschikking(aanbesteding)
    # fictitious price = price − Q × 10,000: 1,720,000; 1,660,000; 1,590,000 — lowest wins
    assert [(u.inschrijver, u.waarde) for u in uitkomst.uitslagen] == [
        ("Combinatie Vallei", Decimal("1590000.00")),
        ("Amersfoort Samen", Decimal("1660000.00")),
        ("Eemland Zorg", Decimal("1720000.00")),
    ]


def test_relative_scoring_from_consensus_and_prices_hand_computed(regio, inkoper):
    aanbesteding = _met_prijs(
        regio,
        inkoper,
        methode=Beoordelingsmethode.RELATIEF,
        max_prijspunten=Decimal(40),
        max_kwaliteitspunten=Decimal(60),
    )
    uitkomst, _ = services.rangschikking(aanbesteding)
    assert [(u.inschrijver, u.waarde) for u in uitkomst.uitslagen] == [
        ("Eemland Zorg", Decimal("96.80")),
        ("Amersfoort Samen", Decimal("95.26")),
        ("Combinatie Vallei", Decimal("94.62")),
    ]


def test_a_price_method_needs_every_price(regio, inkoper):
    aanbesteding = _met_prijs(
        regio, inkoper, methode=Beoordelingsmethode.WAARDE, waarde_per_punt=Decimal(1)
    )
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    with pytest.raises(ValidationError) as fout:
        services.leg_prijs_vast(inschrijving, gebruiker=inkoper, prijs=Decimal(0))
    assert fout.value.code == "prijs-niet-positief"


# --- slice 4: letters, standstill, objections ----------------------------------------------------


def _voorlopig(regio, inkoper, moment):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    consensus(aanbesteding, inkoper, VOORBEELD)
    brieven = services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=moment)
    return aanbesteding, brieven


def test_the_letters_go_to_the_winner_and_with_scores_and_reasons_to_the_others(regio, inkoper):
    aanbesteding, brieven = _voorlopig(regio, inkoper, lokaal(2025, 9, 5, 14))
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND
    assert aanbesteding.winnaar == inschrijving_van(aanbesteding, "Eemland Zorg")
    assert [(b.inschrijving.organisatie.naam, b.rang, b.winnaar) for b in brieven] == [
        ("Eemland Zorg", 1, True),
        ("Amersfoort Samen", 2, False),
        ("Combinatie Vallei", 3, False),
    ]
    winnaar, tweede = brieven[0].html, brieven[1].html
    assert "voornemens zijn de opdracht <strong>aan u te gunnen</strong>" in winnaar
    assert "<strong>niet aan u</strong>" in tweede and "<strong>Eemland Zorg</strong>" in tweede
    assert "gerangschikt op plaats 2 van 3" in tweede
    assert "Consensus Amersfoort Samen k2." in tweede  # its own motivation
    assert "Consensus Eemland Zorg k1." in tweede  # the winner's, for the relative advantages
    assert "Uw uitkomst: 74,00" in tweede and "uitkomst van de winnaar: 78,00" in tweede
    # 5 September 2025 + 20 calendar days = Thursday 25 September 2025, a working day
    assert "donderdag 25 september 2025" in winnaar
    assert aanbesteding.rangschikking["uitslagen"][0]["waarde"] == "78.00"


def test_the_standstill_moves_past_christmas_and_the_weekend(regio, inkoper):
    # sent Friday 5 December 2025: +20 = Thursday 25 December (Kerst) → 26 (Tweede Kerstdag)
    # → Saturday 27 → Sunday 28 → Monday 29 December
    aanbesteding, brieven = _voorlopig(regio, inkoper, lokaal(2025, 12, 5, 9))
    assert services.standstill_einde(aanbesteding) == date(2025, 12, 29)
    assert "maandag 29 december 2025" in brieven[0].html
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(
            aanbesteding, Status.DEFINITIEF_GEGUND, gebruiker=inkoper, nu=lokaal(2025, 12, 29, 23)
        )
    assert fout.value.code == "standstill-loopt"


def test_the_letter_renders_as_a_pdf():
    from wmoregie.contracten.exports import html_naar_pdf

    brief = Gunningsbrief(html="<html><body><p>Voorlopige gunningsbeslissing</p></body></html>")
    assert html_naar_pdf(brief.html).startswith(b"%PDF")


def test_the_provisional_award_waits_for_a_complete_assessment(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    with pytest.raises(ValidationError) as fout:
        services.gun_voorlopig(aanbesteding, gebruiker=inkoper)
    assert fout.value.code == "beoordeling-onvolledig"
    assert "9 consensusscore(s)" in fout.value.messages[0]
    assert not Gunningsbrief.objects.exists()


def test_the_provisional_award_is_refused_early_for_several_lots(regio, inkoper):
    # one ranking and one winner per procedure (not yet per lot): the definitive award would be
    # refused (meerdere-percelen), so no letter goes out and no standstill starts
    percelen = [PerceelFactory(regio=regio), PerceelFactory(regio=regio)]
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD), percelen=percelen)
    consensus(aanbesteding, inkoper, VOORBEELD)
    with pytest.raises(ValidationError) as fout:
        services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    assert fout.value.code == "meerdere-percelen"
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.GUNNING_BEOORDELING
    assert aanbesteding.winnaar is None and not Gunningsbrief.objects.exists()


def test_an_objection_pauses_the_procedure_until_it_is_handled(regio, inkoper):
    aanbesteding, _brieven = _voorlopig(regio, inkoper, lokaal(2025, 9, 5, 14))
    bezwaar = services.registreer_bezwaar(
        aanbesteding,
        gebruiker=inkoper,
        soort=Bezwaarsoort.KORT_GEDING,
        omschrijving="Dagvaarding: motivering onvoldoende.",
        ontvangen_op=date(2025, 9, 20),
        inschrijving=inschrijving_van(aanbesteding, "Amersfoort Samen"),
        nu=lokaal(2025, 9, 20),
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.OPGESCHORT
    wijziging = aanbesteding.statuswijzigingen.last()
    assert wijziging.overgang == "opschorten" and "Kort geding" in wijziging.reden
    for naar in (Status.VOORLOPIG_GEGUND, Status.DEFINITIEF_GEGUND):
        with pytest.raises(ValidationError) as fout:
            services.wijzig_status(aanbesteding, naar, gebruiker=inkoper, nu=lokaal(2025, 10, 20))
        assert fout.value.code in ("bezwaar-open", "overgang-niet-toegestaan")
    services.handel_bezwaar_af(bezwaar, gebruiker=inkoper, uitkomst="Vordering afgewezen.")
    services.wijzig_status(
        aanbesteding, Status.VOORLOPIG_GEGUND, gebruiker=inkoper, nu=lokaal(2025, 10, 20)
    )
    services.wijzig_status(
        aanbesteding, Status.DEFINITIEF_GEGUND, gebruiker=inkoper, nu=lokaal(2025, 10, 21)
    )
    assert aanbesteding.status == Status.DEFINITIEF_GEGUND


def test_an_objection_is_refused_before_the_provisional_award(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    with pytest.raises(ValidationError) as fout:
        services.registreer_bezwaar(
            aanbesteding,
            gebruiker=inkoper,
            soort=Bezwaarsoort.BEZWAAR,
            omschrijving="x",
            ontvangen_op=date(2025, 9, 1),
        )
    assert fout.value.code == "geen-voorlopige-gunning"


# --- slice 5: the definitive award creates the agreement ----------------------------------------


def test_the_definitive_award_creates_the_agreement_with_the_parties_carried_over(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    perceel = aanbesteding.percelen.get()
    product = ProductFactory(perceel=perceel)
    winnaar = inschrijving_van(aanbesteding, "Eemland Zorg")
    winnaar.soort, winnaar.combinatienaam = "combinatie", "Combinatie Eemland Zorg"
    winnaar.save()
    winnaar.partijen.filter(rol=PartijRol.HOOFDAANNEMER).update(rol=PartijRol.PENVOERDER)
    PartijFactory(
        inschrijving=winnaar, rol=PartijRol.COMBINANT, naam="Combinant Een", kvk_nummer="41000001"
    )
    PartijFactory(
        inschrijving=winnaar, rol=PartijRol.DERDE, naam="Derde Twee", kvk_nummer="41000002"
    )
    vast = PartijFactory(
        inschrijving=winnaar,
        rol=PartijRol.VASTE_ONDERAANNEMER,
        naam="Vast Drie",
        kvk_nummer="41000003",
        expertise="Dagbesteding",
    )
    vast.producten.set([product])
    PartijFactory(
        inschrijving=winnaar,
        rol=PartijRol.INCIDENTELE_ONDERAANNEMER,
        naam="Incidenteel",
        kvk_nummer="41000004",
    )
    voldoet_aan_regels(winnaar)
    consensus(aanbesteding, inkoper, VOORBEELD)
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    with pytest.raises(ValidationError) as fout:
        services.gun_definitief(
            aanbesteding,
            gebruiker=inkoper,
            nummer="RA-OVK-1",
            einddatum=date(2029, 12, 31),
            combinatie_kvk="41000009",
            nu=lokaal(2025, 9, 25, 17),
        )
    assert fout.value.code == "standstill-loopt"
    with pytest.raises(ValidationError) as fout:
        services.gun_definitief(
            aanbesteding,
            gebruiker=inkoper,
            nummer="RA-OVK-1",
            einddatum=date(2029, 12, 31),
            nu=lokaal(2025, 9, 26),
        )
    assert "combinatie_kvk" in fout.value.error_dict
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND  # nothing stored
    overeenkomst = services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="RA-OVK-1",
        einddatum=date(2029, 12, 31),
        combinatie_kvk="41000009",
        verlengingsopties=[24],
        nu=lokaal(2025, 9, 26),
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.DEFINITIEF_GEGUND
    assert aanbesteding.overeenkomst == overeenkomst
    assert overeenkomst.opdrachtnemersvorm == Opdrachtnemersvorm.COMBINATIE
    assert overeenkomst.opdrachtnemer.kvk_nummer == "41000009"
    assert overeenkomst.opdrachtnemer.naam == "Combinatie Eemland Zorg"
    assert overeenkomst.perceel == perceel
    assert overeenkomst.bekostigingsvariant == perceel.bekostigingsvariant
    assert overeenkomst.ingangsdatum == aanbesteding.contractstart
    assert overeenkomst.verlengingsopties.count() == 1
    assert sorted(
        (c.organisatie.kvk_nummer, c.penvoerder) for c in overeenkomst.combinanten.all()
    ) == sorted([(winnaar.organisatie.kvk_nummer, True), ("41000001", False)])
    onder = {o.organisatie.kvk_nummer: o for o in overeenkomst.onderaannemers.all()}
    assert set(onder) == {"41000002", "41000003"}  # incidentele onderaannemers stay out
    assert onder["41000002"].soort == Onderaannemersoort.DERDE
    assert onder["41000003"].soort == Onderaannemersoort.VAST
    assert list(onder["41000003"].producten.all()) == [product]
    assert list(onder["41000002"].producten.all()) == [product]  # none named: all of the lot


def test_a_sole_bidder_becomes_the_hoofdaannemer(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    consensus(aanbesteding, inkoper, VOORBEELD)
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    overeenkomst = services.gun_definitief(
        aanbesteding,
        gebruiker=inkoper,
        nummer="RA-OVK-2",
        einddatum=date(2029, 12, 31),
        nu=lokaal(2025, 9, 26),
    )
    assert overeenkomst.opdrachtnemersvorm == Opdrachtnemersvorm.HOOFDAANNEMER
    assert overeenkomst.opdrachtnemer == inschrijving_van(aanbesteding, "Eemland Zorg").organisatie
    assert not overeenkomst.combinanten.exists()
