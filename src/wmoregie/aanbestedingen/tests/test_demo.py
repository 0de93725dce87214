"""The demo: the seed's procedure and three registrations that together exercise every rule."""

from django.utils import timezone

import pytest

from wmoregie.aanbestedingen import selectors
from wmoregie.aanbestedingen.constants import Fase, PartijRol, Status
from wmoregie.aanbestedingen.demo import KENMERK, laad_demo
from wmoregie.aanbestedingen.models import Aanbesteding, Document, Partij, Statuswijziging
from wmoregie.aanbestedingen.regels import Ernst
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


def test_the_demo_loads_idempotently(demo):
    stand = (Aanbesteding.objects.count(), Partij.objects.count(), Document.objects.count())
    laad_demo()
    assert (Aanbesteding.objects.count(), Partij.objects.count(), Document.objects.count()) == stand
