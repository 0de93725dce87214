"""Read API of the ranking: step by step as the page *Rangschikking*, for the roles of that page,
only once the consensus is complete; blind assessment stays blind."""

import hashlib
from decimal import Decimal

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory
from wmoregie.catalogi.tests.factories import RegioFactory

from ..gunning_helpers import consensus, in_beoordeling, inschrijving_van, nieuwe_beoordelaar

pytestmark = pytest.mark.django_db

VOORBEELD = {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)}


def _url(aanbesteding):
    return f"/api/v1/aanbestedingen/rangschikkingen/{aanbesteding.pk}/"


def test_before_the_consensus_is_complete_nobody_gets_a_ranking_or_a_score(client, regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    anna, bert = nieuwe_beoordelaar(regio, "Anna"), nieuwe_beoordelaar(regio, "Bert")
    for b in (anna, bert):
        services.teken_belangenverklaring(aanbesteding, gebruiker=b, geen_belangenconflict=True)
    eemland = inschrijving_van(aanbesteding, "Eemland Zorg")
    k1 = aanbesteding.criteria.get(code="k1")
    services.beoordeel(
        eemland, k1, gebruiker=anna, score=Decimal("7.5"), motivering="Geheim-van-Anna"
    )
    services.beoordeel(eemland, k1, gebruiker=bert, score=Decimal(9), motivering="Van-Bert")
    services.stel_consensus_vast(
        eemland, k1, gebruiker=inkoper, score=Decimal(8), motivering="Samen besloten."
    )
    for gebruiker in (bert, inkoper):
        client.force_login(gebruiker)
        antwoord = client.get(_url(aanbesteding))
        assert antwoord.status_code == 409
        assert antwoord.json() == {
            "code": "beoordeling-onvolledig",
            "detail": "Er ontbreken nog 5 consensusscore(s).",
        }
        for geheim in ("Geheim-van-Anna", "7.5", "Van-Bert", "Samen besloten"):
            assert geheim not in antwoord.content.decode()


def test_the_inkoper_reads_the_ranking_step_by_step_with_the_consensus_scores(
    client, regio, inkoper
):
    """The worked example: 40/35/25 points, scale 10. Eemland 32 + 21 + 25 = 78; Amersfoort
    24 + 35 + 15 = 74."""
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    consensus(aanbesteding, inkoper, VOORBEELD)
    client.force_login(inkoper)
    data = client.get(_url(aanbesteding)).json()
    assert (data["aanbesteding"], data["methode"], data["hoogste_wint"]) == (
        aanbesteding.pk,
        "kwaliteit",
        True,
    )
    assert data["stappen"] == [] and data["lotingen"] == []
    eerste, tweede = data["plaatsen"]
    assert {k: eerste[k] for k in ("rang", "inschrijving", "inschrijver", "waarde")} == {
        "rang": 1,
        "inschrijving": inschrijving_van(aanbesteding, "Eemland Zorg").pk,
        "inschrijver": "Eemland Zorg",
        "waarde": "78.00",
    }
    assert (eerste["kwaliteitspunten"], eerste["prijs"], eerste["beslist_door"]) == (
        "78.00",
        None,
        "uitkomst",
    )
    assert eerste["consensusscores"] == [
        {"criterium": "k1", "naam": "Plan van aanpak", "score": "8.00"},
        {"criterium": "k2", "naam": "Samenwerking", "score": "6.00"},
        {"criterium": "k3", "naam": "Personeel", "score": "10.00"},
    ]
    assert eerste["stappen"][0] == {
        "omschrijving": "Plan van aanpak: score / schaalmaximum × weging",
        "berekening": "8 / 10 × 40 = 32",
        "uitkomst": "32.000",
    }
    assert eerste["stappen"][3]["berekening"] == "32 + 21 + 25 = 78"
    assert eerste["stappen"][-1]["omschrijving"].startswith("Afgerond op 2 decimalen")
    assert (tweede["rang"], tweede["inschrijver"], tweede["waarde"]) == (
        2,
        "Amersfoort Samen",
        "74.00",
    )
    # only consensus scores: the individual scores (motivation "Ok.") never appear
    assert "Ok." not in client.get(_url(aanbesteding)).content.decode()


def test_a_tie_is_decided_by_the_lot_with_every_hash_shown(client, regio, inkoper):
    gelijk = {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (8, 6, 10)}
    aanbesteding = in_beoordeling(regio, inkoper, tuple(gelijk))
    consensus(aanbesteding, inkoper, gelijk)
    client.force_login(inkoper)
    zonder_seed = client.get(_url(aanbesteding))
    assert zonder_seed.status_code == 409
    assert zonder_seed.json()["code"] == "rangschikking-onmogelijk"
    services.stel_loting_seed_vast(aanbesteding, gebruiker=inkoper, seed="notaris-2025-08-20")
    data = client.get(_url(aanbesteding)).json()
    getrokken = sorted(
        (
            (naam, hashlib.sha256(f"notaris-2025-08-20|{naam}".encode()).hexdigest())
            for naam in gelijk
        ),
        key=lambda t: (t[1], t[0]),
    )
    assert data["lotingen"] == [
        {
            "seed": "notaris-2025-08-20",
            "trekkingen": [{"inschrijver": n, "sha256": h} for n, h in getrokken],
        }
    ]
    assert [(p["rang"], p["inschrijver"], p["beslist_door"]) for p in data["plaatsen"]] == [
        (1, getrokken[0][0], "loting"),
        (2, getrokken[1][0], "loting"),
    ]


def test_the_roles_of_the_ranking_page_read_it_others_do_not(
    client, regio, inkoper, beoordelaar, inschrijver
):
    """As the page: inkoper and beoordelaar of the region (consensus scores only; an assessor
    after its declaration, see below); a bidder or a contractmanager 403, another region 404."""
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    consensus(aanbesteding, inkoper, VOORBEELD)
    services.teken_belangenverklaring(
        aanbesteding, gebruiker=beoordelaar, geen_belangenconflict=True
    )
    url = _url(aanbesteding)
    assert client.get(url).status_code == 401  # a visitor: asked to authenticate
    client.force_login(beoordelaar)
    assert client.get(url).json()["plaatsen"][0]["inschrijver"] == "Eemland Zorg"
    contractmanager = UserFactory()
    RoltoekenningFactory(gebruiker=contractmanager, rol=Rol.CONTRACTMANAGER, regio=regio)
    for gebruiker in (inschrijver, contractmanager):
        client.force_login(gebruiker)
        assert client.get(url).status_code == 403
    elders = UserFactory()
    RoltoekenningFactory(gebruiker=elders, rol=Rol.INKOPER, regio=RegioFactory(naam="Regio Elders"))
    client.force_login(elders)
    assert client.get(url).status_code == 404
    client.force_login(inkoper)
    assert client.get("/api/v1/aanbestedingen/rangschikkingen/").status_code == 404  # no list


@pytest.mark.parametrize(
    ("_case", "belangenconflict", "code", "melding"),
    [
        (
            "declaration not signed",
            None,
            "belangenverklaring-ontbreekt",
            "Teken eerst de belangenverklaring voor deze aanbesteding (zonder belangenconflict): "
            "pas daarna ziet u de rangschikking.",
        ),
        (
            "conflict declared",
            "Oud-collega van de directeur van Eemland Zorg.",
            "belangenconflict",
            "U hebt voor deze aanbesteding een belangenconflict verklaard: u ziet de "
            "rangschikking daarom niet.",
        ),
    ],
)
def test_an_assessor_without_a_clean_declaration_gets_403_with_the_reason(
    client, regio, inkoper, beoordelaar, _case, belangenconflict, code, melding
):
    """Also before the consensus is complete: the refusal comes before the 409, so nothing of
    the assessment's progress shows either."""
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    if belangenconflict:
        services.teken_belangenverklaring(
            aanbesteding,
            gebruiker=beoordelaar,
            geen_belangenconflict=False,
            toelichting=belangenconflict,
        )
    client.force_login(beoordelaar)
    vooraf = client.get(_url(aanbesteding))
    assert (vooraf.status_code, vooraf.json()) == (403, {"code": code, "detail": melding})
    consensus(aanbesteding, inkoper, VOORBEELD)
    antwoord = client.get(_url(aanbesteding))
    assert (antwoord.status_code, antwoord.json()) == (403, {"code": code, "detail": melding})
    assert "Eemland Zorg" not in antwoord.content.decode()
    client.force_login(inkoper)  # the inkoper signs no declaration and keeps access
    assert client.get(_url(aanbesteding)).json()["plaatsen"][0]["inschrijver"] == "Eemland Zorg"
