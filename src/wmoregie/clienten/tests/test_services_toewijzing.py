"""The per-client flow (inspanningsgericht): WMO315 → WMO301 or WMO319, start and stop with the
ToewijzingNummer, and a change request WMO317 answered by a new 301."""

from datetime import date

from django.core.exceptions import ValidationError

import pytest
from freezegun import freeze_time
from iwmo.berichten import parse

from wmoregie.clienten import services
from wmoregie.clienten.constants import Antwoordstatus, TrajectStatus
from wmoregie.clienten.services import berichten
from wmoregie.iwmo.models import Feit

from .helpers import doelen, meld_aan

pytestmark = pytest.mark.django_db


@pytest.fixture
def aangevraagd(wereld):
    with freeze_time("2026-03-03 09:00:00"):
        aanmelding = meld_aan(wereld, product=wereld.respijt)
        return services.accepteer(aanmelding, gebruiker=wereld.gebruikers["logeerhuis"])


def _toekenning(wereld, **anders):
    waarden = {
        "product": wereld.respijt,
        "volume": 4,
        "frequentie": "4",
        "ingangsdatum": date(2026, 3, 9),
        "einddatum": date(2026, 12, 31),
    }
    waarden.update(anders)
    return berichten.Toekenning(**waarden)


def test_accepting_asks_the_municipality_for_a_toewijzing(wereld, aangevraagd):
    assert aangevraagd.status == TrajectStatus.AANGEVRAAGD
    verzoek = aangevraagd.berichten.get()
    assert verzoek.berichttype == "wmo315"
    assert verzoek.antwoordstatus == Antwoordstatus.GOEDGEKEURD  # the 316 of Amersfoort
    model = parse(bytes(verzoek.bericht.inhoud))
    product = model.client.aangevraagde_producten[0]
    assert product.referentie_aanbieder == aangevraagd.referentie_aanbieder
    assert (product.product.categorie, product.product.code) == ("04", "RAR01")
    assert product.omvang.eenheid == "14"
    assert berichten.open_verzoek(aangevraagd) == verzoek


def test_the_municipality_assigns_and_the_trajectory_can_start(wereld, aangevraagd):
    with freeze_time("2026-03-05 11:30:00"):
        toewijzing_bericht = berichten.geef_toewijzing_af(
            aangevraagd, gebruiker=wereld.gebruikers["gemeente"], toekenning=_toekenning(wereld)
        )
    aangevraagd.refresh_from_db()
    assert aangevraagd.status == TrajectStatus.WACHTEND
    assert toewijzing_bericht.antwoordstatus == Antwoordstatus.GOEDGEKEURD  # the provider's 302
    toewijzing = aangevraagd.toewijzingen.get()
    assert (toewijzing.nummer, toewijzing.volume, toewijzing.eenheid) == (30700001, 4, "14")
    assert Feit.objects.filter(soort="toewijzing", gemeente="0307").count() == 1
    model = parse(bytes(toewijzing_bericht.bericht.inhoud))
    assert model.client.toegewezen_producten[0].referentie_aanbieder == (
        aangevraagd.referentie_aanbieder
    )
    assert berichten.open_verzoek(aangevraagd) is None

    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-03-20 09:00:00"):
        services.wijs_uitvoerder_toe(aangevraagd, gebruiker=logeerhuis)
        services.stel_plan_vast(
            aangevraagd,
            gebruiker=logeerhuis,
            volume=4,
            eenheid="14",
            frequentie="4",
            doelen=doelen(wereld),
        )
        services.start(aangevraagd, gebruiker=logeerhuis, datum=date(2026, 3, 12))
    start = aangevraagd.berichten.get(berichttype="wmo305")
    assert start.antwoordstatus == Antwoordstatus.GOEDGEKEURD
    assert parse(bytes(start.bericht.inhoud)).client.start_producten[0].toewijzing_nummer == (
        30700001
    )


def test_a_start_before_the_toewijzing_is_refused(wereld, aangevraagd):
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-03-20 09:00:00"):
        services.wijs_uitvoerder_toe(aangevraagd, gebruiker=logeerhuis)
        with pytest.raises(ValidationError) as fout:
            services.start(aangevraagd, gebruiker=logeerhuis, datum=date(2026, 3, 12))
    assert fout.value.code == "starten-niet-toegestaan"  # still waiting for the 301


def test_the_municipality_refuses_and_the_trajectory_closes(wereld, aangevraagd):
    with freeze_time("2026-03-05 11:30:00"):
        antwoord = berichten.wijs_verzoek_af(
            aangevraagd, gebruiker=wereld.gebruikers["gemeente"], reden="4"
        )
    aangevraagd.refresh_from_db()
    assert aangevraagd.status == TrajectStatus.AFGEWEZEN
    assert antwoord.berichttype == "wmo319"
    assert antwoord.antwoordstatus == Antwoordstatus.GOEDGEKEURD  # the provider's 320
    tekst = aangevraagd.aanmelding.gebeurtenissen.get(soort="afgewezen").omschrijving
    assert "Past niet binnen het contract" in tekst


def test_a_change_request_is_answered_with_a_new_toewijzing(wereld, aangevraagd):
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-03-05 11:30:00"):
        berichten.geef_toewijzing_af(
            aangevraagd, gebruiker=wereld.gebruikers["gemeente"], toekenning=_toekenning(wereld)
        )
    with freeze_time("2026-03-20 09:00:00"):
        services.wijs_uitvoerder_toe(aangevraagd, gebruiker=logeerhuis)
        services.stel_plan_vast(
            aangevraagd,
            gebruiker=logeerhuis,
            volume=4,
            eenheid="14",
            frequentie="4",
            doelen=doelen(wereld),
        )
        services.start(aangevraagd, gebruiker=logeerhuis, datum=date(2026, 3, 12))
        with pytest.raises(ValidationError) as fout:  # TR357: no change with retroactive effect
            services.wijzig(
                aangevraagd,
                gebruiker=logeerhuis,
                datum=date(2026, 3, 15),
                volume=6,
                toelichting="Meer respijt nodig.",
            )
        assert fout.value.error_dict["datum"][0].code == "wijziging-met-terugwerkende-kracht"
        services.wijzig(
            aangevraagd,
            gebruiker=logeerhuis,
            datum=date(2026, 4, 1),
            volume=6,
            toelichting="De mantelzorger heeft meer rust nodig.",
        )
    wijziging = aangevraagd.berichten.get(berichttype="wmo317")
    assert wijziging.antwoordstatus == Antwoordstatus.GOEDGEKEURD  # the 318
    gevraagd = berichten.gevraagde_toekenning(aangevraagd)
    assert (gevraagd.volume, gevraagd.ingangsdatum) == (6, date(2026, 4, 1))
    with freeze_time("2026-03-23 10:00:00"):
        berichten.geef_toewijzing_af(
            aangevraagd, gebruiker=wereld.gebruikers["gemeente"], toekenning=gevraagd
        )
    toewijzing = aangevraagd.toewijzingen.get()
    assert (toewijzing.volume, toewijzing.reden_wijziging) == (6, "12")
    aangevraagd.plan.refresh_from_db()
    assert aangevraagd.plan.volume == 6


def test_only_the_open_request_can_be_answered(wereld, aangevraagd):
    with freeze_time("2026-03-05 11:30:00"):
        berichten.wijs_verzoek_af(aangevraagd, gebruiker=wereld.gebruikers["gemeente"], reden="4")
        with pytest.raises(ValidationError) as fout:
            berichten.geef_toewijzing_af(
                aangevraagd, gebruiker=wereld.gebruikers["gemeente"], toekenning=_toekenning(wereld)
            )
    assert fout.value.code in {"toewijzing-niet-toegestaan", "geen-open-verzoek"}


def test_a_301_the_provider_refuses_is_no_current_toewijzing(wereld, aangevraagd, monkeypatch):
    """#16.6: the provider's 302 refuses the 301 (here: its engine works taakgericht, so it
    refuses every 301): the toewijzing is kept as refused, not current, and the request stays
    open; assigning again, once the provider accepts, gives the current toewijzing."""
    from wmoregie.clienten.services.berichten import verzenden
    from wmoregie.clienten.services.traject import huidige_toewijzing

    echte_ontvang = verzenden.ontvang

    def taakgericht(gemeente, xml, **kwargs):
        return echte_ontvang(gemeente, xml, **(kwargs | {"variant": "taakgericht"}))

    monkeypatch.setattr(verzenden, "ontvang", taakgericht)
    gemeente = wereld.gebruikers["gemeente"]
    with freeze_time("2026-03-05 11:30:00"):
        geweigerd = berichten.geef_toewijzing_af(
            aangevraagd, gebruiker=gemeente, toekenning=_toekenning(wereld)
        )
    aangevraagd.refresh_from_db()

    assert geweigerd.antwoordstatus == Antwoordstatus.AFGEKEURD
    assert aangevraagd.status == TrajectStatus.AANGEVRAAGD  # it cannot start on it
    [toewijzing] = aangevraagd.toewijzingen.all()
    assert toewijzing.geweigerd_op is not None
    assert huidige_toewijzing(aangevraagd) is None
    assert berichten.huidige_toewijzingen_bij_aanbieder(aangevraagd) == []
    assert berichten.open_verzoek(aangevraagd) is not None
    assert not Feit.objects.filter(soort="toewijzing", sleutel=f"0307/{toewijzing.nummer}").exists()

    monkeypatch.setattr(verzenden, "ontvang", echte_ontvang)
    with freeze_time("2026-03-05 11:45:00"):
        goed = berichten.geef_toewijzing_af(
            aangevraagd, gebruiker=gemeente, toekenning=_toekenning(wereld)
        )
    aangevraagd.refresh_from_db()

    assert goed.antwoordstatus == Antwoordstatus.GOEDGEKEURD
    assert aangevraagd.status == TrajectStatus.WACHTEND
    actueel = huidige_toewijzing(aangevraagd)
    assert actueel is not None and actueel.nummer != toewijzing.nummer
    assert actueel.geweigerd_op is None
    # the refused toewijzing is not carried in the new 301 (OP087: current ones only)
    nummers = [
        t.toewijzing_nummer for t in parse(bytes(goed.bericht.inhoud)).client.toegewezen_producten
    ]
    assert nummers == [actueel.nummer]
