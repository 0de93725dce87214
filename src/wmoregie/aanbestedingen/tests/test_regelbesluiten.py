"""Issue 15.1: an error-level rule finding blocks the admission to the award phase and the
award, unless the inkoper records a reasoned decision (audited, in the selection letter, in the
API)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import PartijRol, Regelbesluitsoort, Status
from wmoregie.aanbestedingen.models import Regelbesluit, Selectiebrief
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import OrganisatieFactory, RoltoekenningFactory, UserFactory
from wmoregie.audit.models import AuditEntry
from wmoregie.catalogi.tests.factories import RegioFactory

from .conftest import lokaal
from .factories import (
    AanbestedingFactory,
    InschrijvingFactory,
    PartijFactory,
    schone_uea,
    voldoet_aan_regels,
)
from .gunning_helpers import consensus, in_beoordeling, inschrijving_van

pytestmark = pytest.mark.django_db

INSCHRIJVINGEN = "/api/v1/aanbestedingen/inschrijvingen/"
NVT = Regelbesluitsoort.NIET_VAN_TOEPASSING
MOTIVERING = (
    "Het consortium is niet toegelaten; de derde is alleen nog aan deze aanmelding verbonden."
)


def _code(fout) -> str:
    return fout.value.code if fout.value.code else fout.value.error_list[0].code


@pytest.fixture
def procedure(regio, inkoper, organisatie):
    """Two candidates in the selection assessment that both name the same derde (derde-exclusief,
    an error in both); otherwise they pass every rule."""
    aanbesteding = AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)
    eigen = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    ander = InschrijvingFactory(
        aanbesteding=aanbesteding, organisatie=OrganisatieFactory(naam="Consortium")
    )
    for inschrijving in (eigen, ander):
        PartijFactory(
            inschrijving=inschrijving,
            rol=PartijRol.DERDE,
            naam="Wijkkracht",
            kvk_nummer="55500001",
        )
        schone_uea(inschrijving)
        voldoet_aan_regels(inschrijving)
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(
        status=Status.SELECTIE_BEOORDELING, selectie_geopend_op=lokaal(2025, 6, 30, 12, 5)
    )
    aanbesteding.refresh_from_db()
    return {"aanbesteding": aanbesteding, "eigen": eigen, "ander": ander}


def _derde(inschrijving):
    return inschrijving.partijen.get(rol=PartijRol.DERDE)


def test_an_error_finding_blocks_admission_until_a_reasoned_decision(procedure, inkoper):
    eigen, ander = procedure["eigen"], procedure["ander"]
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper)
    assert _code(fout) == "regelfout-open"
    assert "Wijkkracht is derde in deze inschrijving" in " ".join(fout.value.messages)
    eigen.refresh_from_db()
    assert eigen.toegelaten is None  # nothing stored

    # a decision needs a motivation, a known finding and a valid kind
    with pytest.raises(ValidationError) as fout:
        services.neem_regelbesluit(
            eigen,
            code="derde-exclusief",
            partij_id=_derde(eigen).pk,
            besluit=NVT,
            motivering="  ",
            gebruiker=inkoper,
        )
    assert fout.value.error_dict["motivering"][0].code == "motivering-ontbreekt"
    with pytest.raises(ValidationError) as fout:
        services.neem_regelbesluit(
            eigen,
            code="gva-te-oud",
            partij_id=_derde(eigen).pk,
            besluit=NVT,
            motivering="x",
            gebruiker=inkoper,
        )
    assert _code(fout) == "geen-regelfout"
    with pytest.raises(ValidationError) as fout:
        services.neem_regelbesluit(
            eigen,
            code="derde-exclusief",
            partij_id=_derde(eigen).pk,
            besluit="maakt-niet-uit",
            motivering="x",
            gebruiker=inkoper,
        )
    assert fout.value.error_dict["besluit"][0].code == "besluit-ongeldig"
    assert not Regelbesluit.objects.exists()

    # the other path: rejected without a decision
    services.beslis_selectie(
        ander, toegelaten=False, motivering="Derde ook elders.", gebruiker=inkoper
    )
    services.neem_regelbesluit(
        eigen,
        code="derde-exclusief",
        partij_id=_derde(eigen).pk,
        besluit=NVT,
        motivering=MOTIVERING,
        gebruiker=inkoper,
    )
    services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper)
    eigen.refresh_from_db()
    assert eigen.toegelaten is True
    entry = AuditEntry.objects.get(actie="regelbesluit.vastgelegd")
    assert entry.gegevens["code"] == "derde-exclusief"
    assert entry.gegevens["besluit"] == NVT and entry.gegevens["motivering"] == MOTIVERING
    assert entry.gebruiker == inkoper

    # the letters: the decision with its reason in the admitted one, the open finding as a
    # reason in the rejected one
    services.wijzig_status(
        procedure["aanbesteding"], Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, 14)
    )
    toegelaten = Selectiebrief.objects.get(inschrijving=eigen)
    assert "Fouten uit de controle en ons besluit" in toegelaten.html
    assert MOTIVERING in toegelaten.html and "niet van toepassing" in toegelaten.html
    afgewezen = Selectiebrief.objects.get(inschrijving=ander)
    assert any(
        r.startswith("Uit de controle van de aanmelding: Wijkkracht is derde")
        for r in afgewezen.redenen
    )
    assert "derde-exclusief" not in toegelaten.html + afgewezen.html  # no codes for people


def test_the_selection_decision_for_all_is_refused_while_an_admitted_one_has_an_open_error(
    procedure, inkoper
):
    aanbesteding, eigen, ander = procedure["aanbesteding"], procedure["eigen"], procedure["ander"]
    services.beslis_selectie(ander, toegelaten=False, motivering="Afgewezen.", gebruiker=inkoper)
    services.neem_regelbesluit(
        eigen,
        code="derde-exclusief",
        partij_id=_derde(eigen).pk,
        besluit=NVT,
        motivering=MOTIVERING,
        gebruiker=inkoper,
    )
    services.beslis_selectie(eigen, toegelaten=True, gebruiker=inkoper)
    # a finding that arises after the admission (another party named late, without consent)
    PartijFactory(inschrijving=eigen, rol=PartijRol.COMBINANT, toegevoegd_op=lokaal(2025, 7, 2))
    with pytest.raises(ValidationError) as fout:
        services.wijzig_status(
            aanbesteding, Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, 14)
        )
    assert _code(fout) == "regelfout-open"
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.SELECTIE_BEOORDELING


def test_an_open_error_blocks_the_provisional_and_the_definitive_award(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    winnaar = inschrijving_van(aanbesteding, "Eemland Zorg")
    # a vaste onderaannemer named after the selection deadline without consent
    laat = PartijFactory(
        inschrijving=winnaar, rol=PartijRol.VASTE_ONDERAANNEMER, toegevoegd_op=lokaal(2025, 7, 20)
    )
    voldoet_aan_regels(winnaar, moment=lokaal(2025, 6, 20))
    laat.toegevoegd_op = lokaal(2025, 7, 20)
    laat.save()
    consensus(aanbesteding, inkoper, {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)})
    with pytest.raises(ValidationError) as fout:
        services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    assert _code(fout) == "regelfout-open"
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.GUNNING_BEOORDELING
    assert not aanbesteding.gunningsbrieven.exists()

    services.neem_regelbesluit(
        winnaar,
        code="toestemming-na-selectiedeadline",
        partij_id=laat.pk,
        besluit=Regelbesluitsoort.HERSTELD,
        motivering="Toestemming binnen vijf werkdagen gevraagd en schriftelijk verleend.",
        gebruiker=inkoper,
        nu=lokaal(2025, 9, 1),
    )
    services.gun_voorlopig(aanbesteding, gebruiker=inkoper, nu=lokaal(2025, 9, 5))
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND and aanbesteding.winnaar == winnaar

    # a finding of the winner without a decision blocks the definitive award too
    PartijFactory(inschrijving=winnaar, rol=PartijRol.DERDE, toegevoegd_op=lokaal(2025, 9, 6))
    with pytest.raises(ValidationError) as fout:
        services.gun_definitief(
            aanbesteding,
            gebruiker=inkoper,
            nummer="RA-OVK-1",
            einddatum=date(2029, 12, 31),
            nu=lokaal(2025, 9, 26),
        )
    assert _code(fout) == "regelfout-open"
    # and no decision can be taken any more after the provisional award
    with pytest.raises(ValidationError) as fout:
        services.neem_regelbesluit(
            winnaar,
            code="toestemming-na-selectiedeadline",
            partij_id=laat.pk,
            besluit=NVT,
            motivering="x",
            gebruiker=inkoper,
        )
    assert _code(fout) == "regelbesluit-niet-mogelijk"


def test_the_inkoper_decides_on_the_page_others_read_or_are_refused(
    client, procedure, inkoper, beoordelaar, inschrijver
):
    eigen = procedure["eigen"]
    url = reverse("aanbestedingen:regelbesluiten", args=[eigen.pk])
    client.force_login(inkoper)
    pagina = client.get(url).content.decode()
    assert "Wijkkracht is derde in deze inschrijving" in pagina
    assert "geen besluit: houdt tegen" in pagina
    toetsing = client.get(reverse("aanbestedingen:toetsing", args=[eigen.pk])).content.decode()
    assert "1 fout zonder besluit" in toetsing

    gegevens = {
        "sleutel": "r0",
        "code": "derde-exclusief",
        "partij": str(_derde(eigen).pk),
        "r0-besluit": NVT,
        "r0-motivering": "",
    }
    antwoord = client.post(url, gegevens)
    assert antwoord.status_code == 200
    assert "Er is iets niet in orde" in antwoord.content.decode()
    assert not Regelbesluit.objects.exists()
    antwoord = client.post(url, gegevens | {"r0-motivering": MOTIVERING})
    assert antwoord.status_code == 302
    besluit = Regelbesluit.objects.get()
    assert (besluit.inschrijving, besluit.besloten_door, besluit.motivering) == (
        eigen,
        inkoper,
        MOTIVERING,
    )
    assert MOTIVERING in client.get(url).content.decode()

    client.force_login(beoordelaar)
    pagina = client.get(url).content.decode()
    assert MOTIVERING in pagina and "Besluit vastleggen" not in pagina
    assert client.post(url, gegevens | {"r0-motivering": "x"}).status_code == 403

    client.force_login(inschrijver)  # the bidder itself: not its page
    assert client.get(url).status_code == 403
    ander_inkoper = UserFactory()
    RoltoekenningFactory(
        gebruiker=ander_inkoper, rol=Rol.INKOPER, regio=RegioFactory(naam="Regio Utrecht")
    )
    client.force_login(ander_inkoper)
    assert client.get(url).status_code == 404
    assert Regelbesluit.objects.count() == 1


def test_the_api_shows_each_finding_the_decision_and_the_admission_with_its_reason(
    client, procedure, inkoper, inschrijver
):
    eigen, ander = procedure["eigen"], procedure["ander"]
    services.beslis_selectie(ander, toegelaten=False, motivering="Afgewezen.", gebruiker=inkoper)
    services.neem_regelbesluit(
        eigen,
        code="derde-exclusief",
        partij_id=_derde(eigen).pk,
        besluit=NVT,
        motivering=MOTIVERING,
        gebruiker=inkoper,
    )
    services.beslis_selectie(
        eigen, toegelaten=True, motivering="Voldoet na het besluit.", gebruiker=inkoper
    )

    client.force_login(inkoper)
    regio = client.get(f"{INSCHRIJVINGEN}{eigen.pk}/").json()
    assert (regio["toegelaten"], regio["toelating_motivering"]) == (True, "Voldoet na het besluit.")
    fout = next(b for b in regio["bevindingen"] if b["code"] == "derde-exclusief")
    assert fout["ernst"] == "error" and "Wijkkracht" in fout["bericht"]
    assert fout["besluit"]["besluit"] == NVT and fout["besluit"]["motivering"] == MOTIVERING
    afgewezen = client.get(f"{INSCHRIJVINGEN}{ander.pk}/").json()
    assert (afgewezen["toegelaten"], afgewezen["toelating_motivering"]) == (False, "Afgewezen.")
    assert (
        next(b for b in afgewezen["bevindingen"] if b["code"] == "derde-exclusief")["besluit"]
        is None
    )

    client.force_login(inschrijver)  # the candidate: as sent, never the decision before it
    eigen_api = client.get(f"{INSCHRIJVINGEN}{eigen.pk}/").json()
    assert (eigen_api["toegelaten"], eigen_api["toelating_motivering"]) == (None, "")
    assert all(b["besluit"] is None for b in eigen_api["bevindingen"])
    assert client.get(f"{INSCHRIJVINGEN}{ander.pk}/").status_code == 404
    services.wijzig_status(
        procedure["aanbesteding"], Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, 14)
    )
    eigen_api = client.get(f"{INSCHRIJVINGEN}{eigen.pk}/").json()
    assert (eigen_api["toegelaten"], eigen_api["toelating_motivering"]) == (
        True,
        "Voldoet na het besluit.",
    )
