"""The demo: the seed's procedure and three registrations that together exercise every rule."""

from django.utils import timezone

import pytest

from wmoregie.aanbestedingen import selectors, services
from wmoregie.aanbestedingen.constants import Fase, PartijRol, Status, Uitsluitingsoordeel
from wmoregie.aanbestedingen.demo import GESCHIKTHEIDSEISEN, KENMERK, laad_demo
from wmoregie.aanbestedingen.models import (
    Aanbesteding,
    Document,
    Eistoetsing,
    Geschiktheidseis,
    Partij,
    Selectiebrief,
    Statuswijziging,
    Uitsluitingstoets,
)
from wmoregie.aanbestedingen.regels import Ernst
from wmoregie.aanbestedingen.services.toetsing import toetsing_per_partij
from wmoregie.audit.models import AuditEntry
from wmoregie.demo import laad_demo as laad_basisdemo


@pytest.fixture
def demo(db):
    laad_basisdemo()
    return laad_demo()


def _codes(inschrijving, ernst=Ernst.ERROR):
    return sorted(
        b.code
        for punten in selectors.controlelijst_voor(inschrijving, timezone.now()).values()
        for p in punten
        for b in p.bevindingen
        if b.ernst == ernst
    )


def test_the_demo_holds_the_seeds_procedure_and_its_planning_passes(demo):
    assert demo.kenmerk == KENMERK
    assert [p.code for p in demo.percelen.all()] == ["wmo-begeleiding"]
    assert demo.planningcontrole() == []
    assert str(demo.publicatie) == "2025-06-02" and str(demo.contractstart) == "2026-01-01"
    assert demo.status == Status.GUNNING_BEOORDELING
    assert demo.is_geopend(Fase.SELECTIE) and demo.is_geopend(Fase.GUNNING)
    assert Statuswijziging.objects.filter(aanbesteding=demo).count() == 4


def test_the_demo_registrations_exercise_every_rule(demo):
    combinatie, consortium, zorgkracht = demo.inschrijvingen.order_by("aangemaakt_op")
    assert combinatie.organisatie.kvk_nummer == "90000003"
    rollen = set(combinatie.partijen.values_list("rol", flat=True))
    assert rollen == {
        PartijRol.PENVOERDER,
        PartijRol.COMBINANT,
        PartijRol.DERDE,
        PartijRol.VASTE_ONDERAANNEMER,
        PartijRol.INCIDENTELE_ONDERAANNEMER,
    }
    assert _codes(combinatie) == []  # valid, with a late vaste onderaannemer that has consent
    assert _codes(combinatie, Ernst.INFO) == ["incidentele-onderaannemer-vrij"]
    assert _codes(consortium) == ["derde-exclusief", "gva-te-oud"]
    assert _codes(zorgkracht) == ["derde-exclusief", "toestemming-na-selectiedeadline"]


def test_the_demo_publishes_suitability_requirements_before_the_selection_opening(demo):
    eisen = list(demo.geschiktheidseisen.all())
    assert [(e.naam, e.bewijs) for e in eisen] == [tuple(e) for e in GESCHIKTHEIDSEISEN]
    assert [e.naam.split(":")[0] for e in eisen] == [
        "Kwaliteitskeurmerk",
        "Referentieopdracht",
        "VOG-beleid",
    ]
    assert demo.max_kandidaten is None  # no cap: every suitable candidate is admitted
    toegevoegd = AuditEntry.objects.filter(actie="geschiktheidseis.toegevoegd")
    publicatie = AuditEntry.objects.filter(actie="aanbesteding.status-gewijzigd").earliest("pk")
    assert toegevoegd.count() == 3
    assert all(e.pk < publicatie.pk for e in toegevoegd)  # set in concept, published with it


def test_the_inkoper_checked_every_ground_and_requirement_with_evidence(demo):
    combinatie, consortium, zorgkracht = demo.inschrijvingen.order_by("aangemaakt_op")
    # exclusion grounds: every UEA-signing party is assessed where it answered "yes"; grounds
    # answered "no" ask no assessment, and none is left open or excluding
    beoordeeld = {
        (t.partij.naam, t.code): t
        for t in Uitsluitingstoets.objects.filter(partij__inschrijving__aanbesteding=demo)
    }
    assert set(beoordeeld) == {
        ("Stichting Buurtkracht (demo)", "prep-confl"),
        ("Zorgkracht Amersfoort (demo)", "tax-pay"),
    }
    assert all(
        t.oordeel == Uitsluitingsoordeel.NIET_UITGESLOTEN and t.motivering and t.bewijs
        for t in beoordeeld.values()
    )
    assert beoordeeld["Zorgkracht Amersfoort (demo)", "tax-pay"].partij.inschrijving == zorgkracht
    for inschrijving in (combinatie, consortium, zorgkracht):
        toetsing = services.selectietoetsing(inschrijving)
        assert toetsing.geschikt and toetsing.weigeringen() == []
        for partij in toetsing_per_partij(inschrijving, toetsing):
            assert partij.partij.uitsluitingsgronden  # its own UEA, every ground answered
            assert all(g.beoordeeld and not g.uitgesloten for g in partij.gronden)
    # suitability requirements: three per registration, met, with text and a PDF
    toetsingen = Eistoetsing.objects.filter(inschrijving__aanbesteding=demo)
    assert toetsingen.count() == 3 * 3
    assert {(t.inschrijving_id, t.eis_id) for t in toetsingen} == {
        (i.pk, e.pk)
        for i in (combinatie, consortium, zorgkracht)
        for e in Geschiktheidseis.objects.filter(aanbesteding=demo)
    }
    for toetsing in toetsingen:
        assert toetsing.voldoet and toetsing.bewijs and toetsing.reden == ""
        assert toetsing.bestandsnaam.endswith(".pdf")
        with toetsing.document.open("rb") as bewijsstuk:
            assert bewijsstuk.read(5) == b"%PDF-"
    assert AuditEntry.objects.filter(actie="geschiktheidseis.getoetst").count() == 9
    assert AuditEntry.objects.filter(actie="uitsluitingsgrond.beoordeeld").count() == 2


def test_the_selection_decision_sent_a_letter_to_every_candidate(demo):
    combinatie, consortium, zorgkracht = demo.inschrijvingen.order_by("aangemaakt_op")
    assert (combinatie.toegelaten, consortium.toegelaten, zorgkracht.toegelaten) == (
        True,
        False,
        True,
    )
    assert all(i.selectiemotivering for i in (combinatie, consortium, zorgkracht))
    brieven = Selectiebrief.objects.filter(aanbesteding=demo)
    assert sorted(b.inschrijving_id for b in brieven) == sorted(
        i.pk for i in (combinatie, consortium, zorgkracht)
    )
    besluit = demo.statuswijzigingen.get(overgang="selectiebeslissing-nemen")
    for brief in brieven:
        assert brief.verzonden_op == besluit.op
        assert all(eis.naam in brief.html for eis in demo.geschiktheidseisen.all())
        assert "niet getoetst" not in brief.html and "niet beoordeeld" not in brief.html
    for inschrijving in (combinatie, zorgkracht):
        brief = brieven.get(inschrijving=inschrijving)
        assert brief.toegelaten and brief.redenen == []
        assert "<strong>toegelaten</strong>" in brief.html
    assert "betalingsregeling" in brieven.get(inschrijving=zorgkracht).html
    assert AuditEntry.objects.filter(actie="selectiebrieven.verzonden").count() == 1


def test_the_demo_shows_a_rule_finding_that_blocks_and_one_decided_by_the_inkoper(demo):
    """Both paths of issue 15.1: the consortium's derde-exclusief finding has no decision and
    it is not admitted (the finding is a reason in its letter); Zorgkracht's same finding has
    a reasoned decision, in its letter, and it is admitted. In the award phase Zorgkracht's late
    vaste onderaannemer blocks the award until the inkoper decides on it."""
    from wmoregie.aanbestedingen.demo import REGELBESLUIT_ZORGKRACHT

    combinatie, consortium, zorgkracht = demo.inschrijvingen.order_by("aangemaakt_op")
    nu = timezone.now()
    assert [b.code for b in selectors.open_regelfouten(consortium, nu)] == [
        "derde-exclusief",
        "gva-te-oud",
    ]
    afwijzing = consortium.selectiebrieven.get()
    assert not afwijzing.toegelaten
    assert any("Wijkkracht Vallei" in r for r in afwijzing.redenen)
    (besluit,) = zorgkracht.regelbesluiten.all()
    assert (besluit.code, besluit.motivering) == ("derde-exclusief", REGELBESLUIT_ZORGKRACHT)
    assert REGELBESLUIT_ZORGKRACHT in zorgkracht.selectiebrieven.get().html
    assert AuditEntry.objects.filter(actie="regelbesluit.vastgelegd").count() == 1
    assert selectors.open_regelfouten(combinatie, nu) == []
    assert [b.code for b in selectors.open_regelfouten(zorgkracht, nu)] == [
        "toestemming-na-selectiedeadline"
    ]
    # issue 15.3: the consortium and Zorgkracht submitted with open points, and that is recorded
    eigen = consortium.indieningen.get()
    assert eigen.ondanks_open_punten and "derde-exclusief" in [p["code"] for p in eigen.open_punten]
    assert not combinatie.indieningen.filter(ondanks_open_punten=True).exists()
    assert zorgkracht.indieningen.filter(ondanks_open_punten=True).count() == 2
    # two tenders reach the award phase, so the ranking can be tried
    assert len(services.te_beoordelen(demo)) == 2
    stand = services.stand_van(demo)
    assert len(stand.open_regelfouten) == 1 and "Zorgkracht" in stand.open_regelfouten[0]


def test_the_demo_has_a_nota_van_inlichtingen_in_each_phase(demo):
    assert [(n.nummer, n.fase) for n in demo.nota_s.all()] == [
        (1, Fase.SELECTIE),
        (2, Fase.GUNNING),
    ]
    assert demo.nota_s.get(nummer=2).vragen.get().fase == Fase.GUNNING


def test_the_demo_loads_idempotently(demo):
    def stand():
        return [
            model.objects.count()
            for model in (
                Aanbesteding,
                Partij,
                Document,
                Geschiktheidseis,
                Eistoetsing,
                Uitsluitingstoets,
                Selectiebrief,
            )
        ]

    voor = stand()
    laad_demo()
    assert stand() == voor
