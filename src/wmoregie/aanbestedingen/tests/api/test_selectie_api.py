"""Read API of the selection phase: the checks per registration for the region side, as on the
page *Selectietoetsing*; the decision letters for the region side and, once sent, for the
candidate itself only."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import PartijRol, Status, Uitsluitingsoordeel
from wmoregie.aanbestedingen.services import UITSLUITINGSGRONDEN_NL
from wmoregie.accounts.access import declared_access_of
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import OrganisatieFactory, RoltoekenningFactory, UserFactory
from wmoregie.bestandscontrole import eenvoudige_pdf
from wmoregie.catalogi.tests.factories import RegioFactory

from ..conftest import lokaal
from ..factories import (
    AanbestedingFactory,
    InschrijvingFactory,
    PartijFactory,
    schone_uea,
    voldoet_aan_regels,
)

pytestmark = pytest.mark.django_db

TOETSINGEN = "/api/v1/aanbestedingen/selectietoetsingen/"
BRIEVEN = "/api/v1/aanbestedingen/selectiebrieven/"
INSCHRIJVINGEN = "/api/v1/aanbestedingen/inschrijvingen/"
UITGESLOTEN = Uitsluitingsoordeel.UITGESLOTEN
NIET = Uitsluitingsoordeel.NIET_UITGESLOTEN


def _open(aanbesteding):
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(
        status=Status.SELECTIE_BEOORDELING, selectie_geopend_op=lokaal(2025, 6, 30, 12, 5)
    )
    aanbesteding.refresh_from_db()
    return aanbesteding


def _met_rol(rol, **scope):
    gebruiker = UserFactory()
    RoltoekenningFactory(gebruiker=gebruiker, rol=rol, **scope)
    return gebruiker


@pytest.fixture
def aanbesteding(regio, inkoper):
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    services.voeg_geschiktheidseis_toe(
        aanbesteding, gebruiker=inkoper, naam="Kwaliteitskeurmerk", bewijs="Certificaat HKZ"
    )
    return aanbesteding


@pytest.fixture
def kandidaat(aanbesteding, organisatie):
    """The inschrijver's registration: the hoofdaannemer answered "yes" on fraud, a derde has no
    UEA answers, a vaste onderaannemer signs no UEA."""
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    schone_uea(inschrijving)
    voldoet_aan_regels(inschrijving)
    leidend = inschrijving.partijen.get()
    leidend.uitsluitingsgronden = [
        g | {"antwoord": True, "toelichting": "Veroordeling 2021."} if g["code"] == "fraud" else g
        for g in leidend.uitsluitingsgronden
    ]
    leidend.save()
    PartijFactory(inschrijving=inschrijving, rol=PartijRol.DERDE, naam="Derde Zonder UEA")
    PartijFactory(inschrijving=inschrijving, rol=PartijRol.VASTE_ONDERAANNEMER, naam="Vast")
    voldoet_aan_regels(inschrijving)
    return inschrijving


@pytest.fixture
def ander(aanbesteding, andere_inschrijver):
    inschrijving = InschrijvingFactory(
        aanbesteding=aanbesteding, organisatie=andere_inschrijver.roltoekenningen.get().organisatie
    )
    schone_uea(inschrijving)
    voldoet_aan_regels(inschrijving)
    return inschrijving


@pytest.fixture
def getoetst(kandidaat, ander, aanbesteding, inkoper):
    """The selection opened and every check recorded: the kandidaat excluded on fraud."""
    _open(aanbesteding)
    eis = aanbesteding.geschiktheidseisen.get()
    services.toets_eis(
        kandidaat,
        eis,
        voldoet=True,
        bewijs="Certificaat tot 2027.",
        document=SimpleUploadedFile("hkz.pdf", eenvoudige_pdf("certificaat")),
        gebruiker=inkoper,
    )
    services.toets_eis(ander, eis, voldoet=True, bewijs="Certificaat gezien.", gebruiker=inkoper)
    services.toets_uitsluitingsgrond(
        kandidaat.partijen.get(rol=PartijRol.HOOFDAANNEMER),
        code="fraud",
        oordeel=UITGESLOTEN,
        motivering="Geen herstelmaatregelen aangetoond.",
        gebruiker=inkoper,
    )
    services.toets_uitsluitingsgrond(
        kandidaat.partijen.get(rol=PartijRol.DERDE),
        code="geen-uea",
        oordeel=NIET,
        motivering="UEA op papier nagezonden.",
        bewijs="Brief van 1 juli.",
        gebruiker=inkoper,
    )
    return aanbesteding


def _besluit(aanbesteding, kandidaat, ander, inkoper):
    services.beslis_selectie(
        kandidaat, toegelaten=False, motivering="Uitgesloten wegens fraude.", gebruiker=inkoper
    )
    services.beslis_selectie(ander, toegelaten=True, gebruiker=inkoper)


def _verstuur(aanbesteding, inkoper, dag=14):
    services.wijzig_status(
        aanbesteding, Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, dag)
    )


def _herzien_en_toelaten(aanbesteding, kandidaat, inkoper):
    """After the letters: the decision revised (back to the assessment) and the kandidaat
    admitted after all; no new letter yet."""
    services.wijzig_status(
        aanbesteding,
        Status.SELECTIE_BEOORDELING,
        gebruiker=inkoper,
        reden="Bezwaar gegrond: herstel aangetoond.",
        nu=lokaal(2025, 7, 21),
    )
    services.toets_uitsluitingsgrond(
        kandidaat.partijen.get(rol=PartijRol.HOOFDAANNEMER),
        code="fraud",
        oordeel=NIET,
        motivering="Herstelmaatregelen alsnog aangetoond.",
        gebruiker=inkoper,
    )
    services.beslis_selectie(kandidaat, toegelaten=True, gebruiker=inkoper)


REDEN_FRAUDE = (
    "Uitsluitingsgrond Fraude is van toepassing op Samen Thuis Begeleiding (hoofdaannemer): "
    "Geen herstelmaatregelen aangetoond."
)


# --- selectietoetsingen: the region side -----------------------------------------------------


def test_before_the_selection_opening_the_checks_are_sealed(client, kandidaat, inkoper):
    client.force_login(inkoper)
    assert client.get(TOETSINGEN).json()["results"] == []
    assert client.get(f"{TOETSINGEN}{kandidaat.pk}/").status_code == 404


def test_the_inkoper_reads_grounds_per_party_requirements_and_the_decision(
    client, getoetst, kandidaat, ander, inkoper
):
    client.force_login(inkoper)
    data = client.get(f"{TOETSINGEN}{kandidaat.pk}/").json()
    assert data["inschrijving"] == kandidaat.pk
    assert data["aanbesteding"] == getoetst.pk
    assert data["inschrijver"] == "Samen Thuis Begeleiding"
    leidend, derde = data["uitsluitingsgronden"]  # the vaste onderaannemer signs no UEA
    assert (leidend["naam"], leidend["rol"]) == ("Samen Thuis Begeleiding", "hoofdaannemer")
    assert leidend["aantal_nee"] == len(UITSLUITINGSGRONDEN_NL) - 1
    assert leidend["gronden"] == [
        {
            "code": "fraud",
            "naam": "Fraude",
            "antwoord": True,
            "toelichting": "Veroordeling 2021.",
            "oordeel": "uitgesloten",
            "motivering": "Geen herstelmaatregelen aangetoond.",
            "bewijs": "",
        }
    ]
    assert (derde["naam"], derde["rol"], derde["aantal_nee"]) == ("Derde Zonder UEA", "derde", 0)
    assert [(g["code"], g["antwoord"], g["oordeel"], g["bewijs"]) for g in derde["gronden"]] == [
        ("geen-uea", None, "niet-uitgesloten", "Brief van 1 juli.")
    ]
    [eis] = data["geschiktheidseisen"]
    assert eis | {"eis": 0} == {
        "eis": 0,
        "naam": "Kwaliteitskeurmerk",
        "bewijs_gevraagd": "Certificaat HKZ",
        "voldoet": True,
        "bewijs": "Certificaat tot 2027.",
        "reden": "",
        "bewijsstuk": "hkz.pdf",
    }
    assert (data["volledig"], data["geschikt"]) == (True, False)
    assert [w["code"] for w in data["weigeringen"]] == ["uitgesloten"]
    assert data["redenen"] == [REDEN_FRAUDE]
    assert data["selectiescores"] == []  # no cap
    assert data["rangschikking"] == {
        "max_kandidaten": None,
        "rang": None,
        "punten": None,
        "beslist_door": None,
        "binnen_maximum": None,
        "ontbreekt": [],
    }
    assert (data["toegelaten"], data["motivering"], data["brieven"]) == (None, "", [])

    _besluit(getoetst, kandidaat, ander, inkoper)
    lijst = client.get(TOETSINGEN).json()["results"]
    assert [(t["inschrijving"], t["toegelaten"], t["motivering"]) for t in lijst] == [
        (kandidaat.pk, False, "Uitgesloten wegens fraude."),
        (ander.pk, True, ""),
    ]


def test_a_capped_selection_shows_the_scores_and_the_rank(client, regio, inkoper):
    """Cap 1; criterion A (60 points, scale 10). Xander 8 → 48 points, rank 1; Yara 5 → 30
    points, rank 2, outside the cap."""
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    services.stel_max_kandidaten_vast(aanbesteding, gebruiker=inkoper, max_kandidaten=1)
    criterium = services.voeg_selectiecriterium_toe(
        aanbesteding, gebruiker=inkoper, code="a", naam="Referenties", weging=Decimal(60)
    )
    kandidaten = {}
    for naam in ("Xander", "Yara"):
        kandidaten[naam] = InschrijvingFactory(
            aanbesteding=aanbesteding, organisatie=OrganisatieFactory(naam=naam)
        )
        schone_uea(kandidaten[naam])
        voldoet_aan_regels(kandidaten[naam])
    _open(aanbesteding)
    client.force_login(inkoper)
    yara = client.get(f"{TOETSINGEN}{kandidaten['Yara'].pk}/").json()
    assert yara["selectiescores"] == [
        {
            "criterium": "a",
            "naam": "Referenties",
            "weging": "60.00",
            "schaal_max": "10.00",
            "score": None,
            "motivering": "",
        }
    ]
    assert yara["rangschikking"]["rang"] is None
    assert yara["rangschikking"]["ontbreekt"] == [
        "Score ontbreekt: Xander, Referenties.",
        "Score ontbreekt: Yara, Referenties.",
    ]
    for naam, score in (("Xander", 8), ("Yara", 5)):
        services.geef_selectiescore(
            kandidaten[naam],
            criterium,
            score=Decimal(score),
            motivering=f"Referenties van {naam}.",
            gebruiker=inkoper,
        )
    lijst = {t["inschrijver"]: t for t in client.get(TOETSINGEN).json()["results"]}
    assert lijst["Xander"]["rangschikking"] == {
        "max_kandidaten": 1,
        "rang": 1,
        "punten": "48.00",
        "beslist_door": "uitkomst",
        "binnen_maximum": True,
        "ontbreekt": [],
    }
    assert lijst["Yara"]["rangschikking"] == {
        "max_kandidaten": 1,
        "rang": 2,
        "punten": "30.00",
        "beslist_door": "uitkomst",
        "binnen_maximum": False,
        "ontbreekt": [],
    }
    assert lijst["Yara"]["selectiescores"][0]["score"] == "5.00"
    assert lijst["Yara"]["selectiescores"][0]["motivering"] == "Referenties van Yara."
    assert lijst["Yara"]["redenen"] == [
        "Er zijn meer geschikte kandidaten dan het maximum van 1; uw aanmelding staat op plaats 2 "
        "van de rangschikking op de selectiecriteria."
    ]
    assert lijst["Yara"]["weigeringen"] == []  # the cap is not a failed check


def test_a_beoordelaar_reads_the_checks_other_roles_and_regions_do_not(
    client, getoetst, kandidaat, beoordelaar, inschrijver, regio
):
    url = f"{TOETSINGEN}{kandidaat.pk}/"
    assert client.get(url).status_code == 401  # a visitor: asked to authenticate
    client.force_login(beoordelaar)
    assert client.get(url).json()["redenen"] == [REDEN_FRAUDE]
    for gebruiker in (inschrijver, _met_rol(Rol.CONTRACTMANAGER, regio=regio)):
        client.force_login(gebruiker)
        assert client.get(url).status_code == 403
        assert client.get(TOETSINGEN).status_code == 403
    client.force_login(_met_rol(Rol.INKOPER, regio=RegioFactory(naam="Regio Elders")))
    assert client.get(url).status_code == 404
    assert client.get(TOETSINGEN).json()["results"] == []


# --- selectiebrieven: the decision as sent -------------------------------------------------


def test_a_bidder_reads_its_own_decision_only_once_the_letter_is_sent(
    client, getoetst, kandidaat, ander, inkoper, inschrijver, andere_inschrijver
):
    _besluit(getoetst, kandidaat, ander, inkoper)
    client.force_login(inschrijver)
    assert client.get(BRIEVEN).json()["results"] == []  # decided, not yet sent
    assert client.get(f"{TOETSINGEN}{kandidaat.pk}/").status_code == 403

    _verstuur(getoetst, inkoper)
    eigen, andere = kandidaat.selectiebrieven.get(), ander.selectiebrieven.get()
    [brief] = client.get(BRIEVEN).json()["results"]
    assert brief == {
        "id": eigen.pk,
        "aanbesteding": getoetst.pk,
        "inschrijving": kandidaat.pk,
        "toegelaten": False,
        "motivering": "Uitgesloten wegens fraude.",
        "redenen": [REDEN_FRAUDE],
        "verzonden_op": "2025-07-14T10:00:00+02:00",
    }
    assert client.get(f"{BRIEVEN}{eigen.pk}/").json() == brief
    assert client.get(f"{BRIEVEN}{andere.pk}/").status_code == 404

    client.force_login(andere_inschrijver)
    assert [
        (b["id"], b["toegelaten"], b["redenen"]) for b in client.get(BRIEVEN).json()["results"]
    ] == [(andere.pk, True, [])]
    assert client.get(f"{BRIEVEN}{eigen.pk}/").status_code == 404

    client.force_login(inkoper)
    assert {b["id"] for b in client.get(BRIEVEN).json()["results"]} == {eigen.pk, andere.pk}
    client.force_login(_met_rol(Rol.INKOPER, regio=RegioFactory(naam="Regio Elders")))
    assert client.get(BRIEVEN).json()["results"] == []


def test_a_revised_decision_reaches_the_bidder_only_with_the_next_letter(
    client, getoetst, kandidaat, ander, inkoper, inschrijver
):
    _besluit(getoetst, kandidaat, ander, inkoper)
    _verstuur(getoetst, inkoper)
    _herzien_en_toelaten(getoetst, kandidaat, inkoper)

    client.force_login(inschrijver)
    [brief] = client.get(BRIEVEN).json()["results"]
    assert (brief["toegelaten"], brief["redenen"]) == (False, [REDEN_FRAUDE])
    client.force_login(inkoper)
    assert client.get(f"{TOETSINGEN}{kandidaat.pk}/").json()["toegelaten"] is True

    _verstuur(getoetst, inkoper, dag=22)
    client.force_login(inschrijver)
    brieven = client.get(BRIEVEN).json()["results"]
    assert [(b["toegelaten"], b["redenen"], b["verzonden_op"][:10]) for b in brieven] == [
        (True, [], "2025-07-22"),
        (False, [REDEN_FRAUDE], "2025-07-14"),
    ]


# --- inschrijvingen: the decision in the registration ----------------------------------------


def test_the_registration_gives_the_bidder_its_decision_only_as_sent_the_region_the_current(
    client, getoetst, kandidaat, ander, inkoper, beoordelaar, inschrijver
):
    def toegelaten(gebruiker):
        client.force_login(gebruiker)
        antwoord = client.get(f"{INSCHRIJVINGEN}{kandidaat.pk}/")
        lijst = {i["id"]: i for i in client.get(INSCHRIJVINGEN).json()["results"]}
        assert lijst[kandidaat.pk]["toegelaten"] == antwoord.json()["toegelaten"]
        # the motivation as the decision: the current one for the region, as sent for the bidder
        motivering = antwoord.json()["toelating_motivering"]
        assert lijst[kandidaat.pk]["toelating_motivering"] == motivering
        assert (motivering == "Uitgesloten wegens fraude.") is (
            antwoord.json()["toegelaten"] is False
        )
        return antwoord.json()["toegelaten"]

    _besluit(getoetst, kandidaat, ander, inkoper)
    assert toegelaten(inschrijver) is None  # decided, not yet sent: not yet known
    assert (toegelaten(inkoper), toegelaten(beoordelaar)) == (False, False)

    _verstuur(getoetst, inkoper)
    assert toegelaten(inschrijver) is False

    _herzien_en_toelaten(getoetst, kandidaat, inkoper)
    assert toegelaten(inschrijver) is False  # as in the letter it has
    assert (toegelaten(inkoper), toegelaten(beoordelaar)) == (True, True)

    _verstuur(getoetst, inkoper, dag=22)
    assert toegelaten(inschrijver) is True


def test_the_new_routes_declare_the_roles_of_their_pages():
    """The URL walk of ``accounts/tests/test_access_declared.py`` covers every route; here the
    roles each new route declares."""
    inkoper_beoordelaar = {Rol.INKOPER, Rol.BEOORDELAAR}
    verwacht = {
        TOETSINGEN: inkoper_beoordelaar,
        f"{TOETSINGEN}1/": inkoper_beoordelaar,
        BRIEVEN: inkoper_beoordelaar | {Rol.INSCHRIJVER},
        f"{BRIEVEN}1/": inkoper_beoordelaar | {Rol.INSCHRIJVER},
        "/api/v1/aanbestedingen/rangschikkingen/1/": inkoper_beoordelaar,
    }
    for pad, rollen in verwacht.items():
        access = declared_access_of(resolve(pad).func)
        assert access is not None and access.roles == rollen, pad
