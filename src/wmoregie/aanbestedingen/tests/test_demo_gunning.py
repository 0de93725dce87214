"""The demo procedure run from the award opening to the agreement through the pages, with three
assessors (Django test client)."""

from datetime import timedelta

from django.test import RequestFactory  # axes needs the request of a login
from django.urls import reverse

import pytest
from freezegun import freeze_time

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Bezwaarsoort, PartijRol, Status
from wmoregie.aanbestedingen.demo import laad_demo
from wmoregie.accounts.models import User
from wmoregie.contracten.constants import Onderaannemersoort, Opdrachtnemersvorm
from wmoregie.demo import DEMO_WACHTWOORD
from wmoregie.demo import laad_demo as laad_basisdemo

from .ocds_officieel import conform

#: Score per tender and assessor on the four criteria (scale 10).
SCORES = {
    "Samen Thuis Eemland": {
        "beoordelaar": (8, 7, 8, 9),
        "beoordelaar2": (7, 8, 8, 8),
        "beoordelaar3": (9, 7, 7, 9),
    },
    "Zorgkracht": {
        "beoordelaar": (6, 6, 7, 8),
        "beoordelaar2": (7, 5, 6, 8),
        "beoordelaar3": (6, 6, 6, 7),
    },
}
CONSENSUS = {"Samen Thuis Eemland": (8, 7, 8, 9), "Zorgkracht": (6, 6, 6, 8)}


def _sleutel(inschrijving):
    return next(k for k in SCORES if k in inschrijving.weergavenaam)


def _ocds(client, aanbesteding) -> dict:
    """The release of the page's OCDS package, valid against the official OCDS 1.1.5 schema."""
    antwoord = client.get(reverse("aanbestedingen:ocds", args=[aanbesteding.pk]))
    assert antwoord.status_code == 200
    return conform(antwoord.json())


@pytest.mark.django_db
def test_the_demo_procedure_runs_to_the_agreement_through_the_pages(client):
    laad_basisdemo()
    aanbesteding = laad_demo()
    assert laad_demo() == aanbesteding  # idempotent
    assert aanbesteding.status == Status.GUNNING_BEOORDELING

    # the selection phase as the inkoper ran it: three requirements checked with evidence, the
    # exclusion grounds answered "yes" assessed, every candidate admitted and sent its letter
    combinatie, _consortium, zorgkracht = aanbesteding.inschrijvingen.order_by("aangemaakt_op")
    assert aanbesteding.geschiktheidseisen.count() == 3
    assert aanbesteding.selectiebrieven.filter(toegelaten=True).count() == 2
    assert aanbesteding.selectiebrieven.filter(toegelaten=False).count() == 1  # the consortium
    assert client.login(
        request=RequestFactory().post("/"), username="inkoper", password=DEMO_WACHTWOORD
    )
    toetsing = client.get(reverse("aanbestedingen:toetsing", args=[zorgkracht.pk]))
    tekst = toetsing.content.decode()
    assert "betalingsregeling" in tekst and "referentie-zorgkracht-amersfoort.pdf" in tekst
    assert "niet getoetst" not in tekst
    referentie = zorgkracht.eistoetsingen.get(bestandsnaam="referentie-zorgkracht-amersfoort.pdf")
    bewijsstuk = client.get(reverse("aanbestedingen:bewijsstuk", args=[referentie.pk]))
    assert bewijsstuk.status_code == 200
    assert b"".join(bewijsstuk.streaming_content).startswith(b"%PDF")  # read to the end: closed
    client.logout()
    assert client.login(
        request=RequestFactory().post("/"), username="inschrijver", password=DEMO_WACHTWOORD
    )
    eigen = client.get(reverse("aanbestedingen:inschrijving", args=[combinatie.pk]))
    assert "toegelaten tot de gunningsfase" in eigen.content.decode()
    brief = client.get(
        reverse("aanbestedingen:selectiebrief", args=[combinatie.selectiebrieven.get().pk])
    )
    assert brief.status_code == 200 and brief.content.startswith(b"%PDF")
    ander = zorgkracht.selectiebrieven.get()
    assert client.get(reverse("aanbestedingen:selectiebrief", args=[ander.pk])).status_code == 404
    client.logout()

    criteria = list(aanbesteding.criteria.all())
    assert [c.weging for c in criteria] == [40, 30, 20, 10]
    tenders = services.te_beoordelen(aanbesteding)
    assert len(tenders) == 2  # the consortium did not tender in the award phase

    # three assessors: declaration, then blind scores
    for naam in ("beoordelaar", "beoordelaar2", "beoordelaar3"):
        assert client.login(
            request=RequestFactory().post("/"), username=naam, password=DEMO_WACHTWOORD
        )
        url = reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk])
        assert "Belangenverklaring" in client.get(url).content.decode()
        assert client.post(url, {"geen_belangenconflict": "ja"}).status_code == 302
        for inschrijving in tenders:
            pagina = reverse("aanbestedingen:beoordeling", args=[inschrijving.pk])
            assert "motivering van" not in client.get(pagina).content.decode()
            data = {}
            for c, score in zip(criteria, SCORES[_sleutel(inschrijving)][naam], strict=True):
                data[f"score-{c.pk}"] = str(score)
                data[f"motivering-{c.pk}"] = f"motivering van {naam} op {c.code}"
            assert client.post(pagina, data).status_code == 302
            tekst = client.get(pagina).content.decode()
            assert f"motivering van {naam}" in tekst
            assert all(
                f"motivering van {ander} op" not in tekst
                for ander in SCORES[_sleutel(inschrijving)]
                if ander != naam
            )
        client.logout()

    # the consensus session, led by the inkoper
    assert client.login(
        request=RequestFactory().post("/"), username="inkoper", password=DEMO_WACHTWOORD
    )
    sessie = reverse("aanbestedingen:consensus", args=[aanbesteding.pk])
    assert "verschil 2" in client.get(sessie).content.decode()  # 7..9 on the plan
    formulier = {}
    for inschrijving in tenders:
        for c, score in zip(criteria, CONSENSUS[_sleutel(inschrijving)], strict=True):
            formulier[f"score-{inschrijving.pk}-{c.pk}"] = str(score)
            formulier[f"motivering-{inschrijving.pk}-{c.pk}"] = (
                f"Consensus: {c.naam} bij {_sleutel(inschrijving)}."
            )
    assert client.post(sessie, formulier).status_code == 302  # one form for the whole session
    rangschikking = client.get(reverse("aanbestedingen:rangschikking", args=[aanbesteding.pk]))
    tekst = rangschikking.content.decode()
    # Samen Thuis: 8/10×40 + 7/10×30 + 8/10×20 + 9/10×10 = 32 + 21 + 16 + 9 = 78
    # Zorgkracht: 24 + 18 + 12 + 8 = 62
    assert "32 + 21 + 16 + 9 = 78" in tekst and "24 + 18 + 12 + 8 = 62" in tekst

    assert _ocds(client, aanbesteding)["tag"] == ["tender"]

    # Zorgkracht's vaste onderaannemer came after the selection deadline without consent: the
    # finding blocks the provisional award until the inkoper records a reasoned decision
    gunningspagina = client.get(reverse("aanbestedingen:gunning", args=[aanbesteding.pk]))
    assert "houdt de gunning tegen" in gunningspagina.content.decode()
    geweigerd = client.post(
        reverse("aanbestedingen:voorlopig-gunnen", args=[aanbesteding.pk]), follow=True
    )
    assert "Fouten uit de controle blokkeren" in geweigerd.content.decode()
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.GUNNING_BEOORDELING
    zorgkracht_tender = next(t for t in tenders if "Zorgkracht" in t.weergavenaam)
    besluiten = reverse("aanbestedingen:regelbesluiten", args=[zorgkracht_tender.pk])
    assert "Dagbesteding De Eem" in client.get(besluiten).content.decode()
    laat = zorgkracht_tender.partijen.get(rol=PartijRol.VASTE_ONDERAANNEMER)
    assert (
        client.post(
            besluiten,
            {
                "sleutel": "r0",
                "code": "toestemming-na-selectiedeadline",
                "partij": str(laat.pk),
                "r0-besluit": "hersteld",
                "r0-motivering": "Toestemming binnen de gestelde termijn gevraagd en verleend.",
            },
        ).status_code
        == 302
    )

    # provisional award: letters, standstill — after a confirmation (irreversible)
    voorlopig = reverse("aanbestedingen:voorlopig-gunnen", args=[aanbesteding.pk])
    assert "weet u het zeker" in client.post(voorlopig).content.decode()
    assert not aanbesteding.gunningsbrieven.exists()
    assert client.post(voorlopig, {"bevestigd": "ja"}).status_code == 302
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND
    assert "Samen Thuis Eemland" in aanbesteding.winnaar.weergavenaam
    release = _ocds(client, aanbesteding)
    assert release["tag"] == ["tender", "award"] and release["awards"][0]["status"] == "pending"
    einde = services.standstill_einde(aanbesteding)
    for brief in aanbesteding.gunningsbrieven.all():
        pdf = client.get(reverse("aanbestedingen:gunningsbrief", args=[brief.pk]))
        assert pdf.content.startswith(b"%PDF")

    # a kort geding pauses the procedure; after it is handled, the inkoper resumes
    gunning = reverse("aanbestedingen:gunning", args=[aanbesteding.pk])
    zorgkracht = next(t for t in tenders if "Zorgkracht" in t.weergavenaam)
    client.post(
        reverse("aanbestedingen:bezwaar", args=[aanbesteding.pk]),
        {
            "soort": Bezwaarsoort.KORT_GEDING,
            "inschrijving": zorgkracht.pk,
            "ontvangen_op": einde.isoformat(),
            "omschrijving": "Dagvaarding in kort geding.",
        },
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.OPGESCHORT
    assert _ocds(client, aanbesteding)["awards"][0]["status"] == "pending"
    bezwaar = aanbesteding.bezwaren.get()
    client.post(
        reverse("aanbestedingen:bezwaar-afhandelen", args=[bezwaar.pk]),
        {"uitkomst": "Vorderingen afgewezen."},
    )
    client.post(
        reverse("aanbestedingen:status", args=[aanbesteding.pk]), {"naar": Status.VOORLOPIG_GEGUND}
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND

    # definitive award after the standstill: the agreement in contracten
    definitief = {
        "nummer": "WMO-BEG-2026-A",
        "einddatum": "2029-12-31",
        "combinatie_kvk": "90000099",
    }
    url = reverse("aanbestedingen:definitief-gunnen", args=[aanbesteding.pk])
    client.post(url, definitief)  # still in the standstill: refused
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND
    with freeze_time(einde + timedelta(days=1)):
        assert client.login(
            request=RequestFactory().post("/"), username="inkoper", password=DEMO_WACHTWOORD
        )  # a new working day
        client.post(url, definitief | {"bevestigd": "ja"})
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.DEFINITIEF_GEGUND
    overeenkomst = aanbesteding.overeenkomst
    assert overeenkomst.nummer == "WMO-BEG-2026-A"
    assert overeenkomst.opdrachtnemersvorm == Opdrachtnemersvorm.COMBINATIE
    assert overeenkomst.perceel.code == "wmo-begeleiding"
    assert str(overeenkomst.ingangsdatum) == "2026-01-01"
    winnaar = aanbesteding.winnaar
    leden = {
        p.kvk_nummer
        for p in winnaar.partijen.filter(rol__in=(PartijRol.PENVOERDER, PartijRol.COMBINANT))
    }
    assert {c.organisatie.kvk_nummer for c in overeenkomst.combinanten.all()} == leden
    derden = set(winnaar.partijen.filter(rol=PartijRol.DERDE).values_list("kvk_nummer", flat=True))
    vaste = set(
        winnaar.partijen.filter(rol=PartijRol.VASTE_ONDERAANNEMER).values_list(
            "kvk_nummer", flat=True
        )
    )
    assert derden and vaste
    onder = overeenkomst.onderaannemers
    assert (
        set(
            onder.filter(soort=Onderaannemersoort.DERDE).values_list(
                "organisatie__kvk_nummer", flat=True
            )
        )
        == derden
    )
    assert (
        set(
            onder.filter(soort=Onderaannemersoort.VAST).values_list(
                "organisatie__kvk_nummer", flat=True
            )
        )
        == vaste
    )
    assert "WMO-BEG-2026-A" in client.get(gunning).content.decode()
    release = _ocds(client, aanbesteding)
    assert release["tag"] == ["tender", "award", "contract"]
    assert release["awards"][0]["status"] == "active"
    assert release["contracts"][0]["id"] == "WMO-BEG-2026-A"
    assert User.objects.filter(username__startswith="beoordelaar").count() == 3
