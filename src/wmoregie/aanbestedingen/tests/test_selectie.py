"""The selection phase of issue 4: exclusion grounds, suitability requirements, the capped
ranking, the decision and its letter, and who may see what."""

import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import PartijRol, Status, Uitsluitingsoordeel
from wmoregie.aanbestedingen.models import Selectiebrief
from wmoregie.accounts.tests.factories import OrganisatieFactory
from wmoregie.audit.models import AuditEntry

from .conftest import lokaal
from .factories import (
    AanbestedingFactory,
    InschrijvingFactory,
    PartijFactory,
    schone_uea,
    voldoet_aan_regels,
)

pytestmark = pytest.mark.django_db

NIET = Uitsluitingsoordeel.NIET_UITGESLOTEN


def _open(aanbesteding):
    type(aanbesteding).objects.filter(pk=aanbesteding.pk).update(
        status=Status.SELECTIE_BEOORDELING, selectie_geopend_op=lokaal(2025, 6, 30, 12, 5)
    )
    aanbesteding.refresh_from_db()
    return aanbesteding


def _fraude_ja(partij):
    gronden = [dict(g) for g in partij.uitsluitingsgronden]
    for g in gronden:
        if g["code"] == "fraud":
            g["antwoord"], g["toelichting"] = True, "Veroordeling 2021; herstelmaatregelen genomen."
    partij.uitsluitingsgronden = gronden
    partij.save()


@pytest.fixture
def aanbesteding(regio):
    return AanbestedingFactory(regio=regio, status=Status.SELECTIEFASE)


@pytest.fixture
def kandidaat(aanbesteding, organisatie):
    """Hoofdaannemer answered "yes" on fraud; a derde without any UEA answers; a vaste
    onderaannemer without answers (it signs no UEA, so it is not checked)."""
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding, organisatie=organisatie)
    schone_uea(inschrijving)
    voldoet_aan_regels(inschrijving)
    _fraude_ja(inschrijving.partijen.get())
    PartijFactory(inschrijving=inschrijving, rol=PartijRol.DERDE, naam="Derde Zonder UEA")
    PartijFactory(inschrijving=inschrijving, rol=PartijRol.VASTE_ONDERAANNEMER, naam="Vast")
    voldoet_aan_regels(inschrijving)
    return inschrijving


def _codes(fout):
    return fout.value.code if fout.value.code else fout.value.error_list[0].code


def test_admitting_is_refused_until_every_yes_or_open_ground_is_assessed(kandidaat, inkoper):
    _open(kandidaat.aanbesteding)
    gronden = services.selectietoetsing(kandidaat).gronden
    assert [(g.partij.split(" (")[0], g.code) for g in gronden] == [
        ("Samen Thuis Begeleiding", "fraud"),
        ("Derde Zonder UEA", "geen-uea"),
    ]
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(kandidaat, toegelaten=True, gebruiker=inkoper)
    assert fout.value.code == "uitsluitingsgrond-niet-beoordeeld"
    leidend = kandidaat.partijen.get(rol=PartijRol.HOOFDAANNEMER)
    derde = kandidaat.partijen.get(rol=PartijRol.DERDE)
    with pytest.raises(ValidationError) as fout:
        services.toets_uitsluitingsgrond(
            leidend, code="fraud", oordeel=NIET, motivering=" ", gebruiker=inkoper
        )
    assert fout.value.error_dict["motivering"][0].code == "motivering-ontbreekt"
    with pytest.raises(ValidationError) as fout:
        services.toets_uitsluitingsgrond(
            leidend, code="corruption", oordeel=NIET, motivering="x", gebruiker=inkoper
        )
    assert fout.value.code == "grond-niet-te-beoordelen"
    services.toets_uitsluitingsgrond(
        leidend,
        code="fraud",
        oordeel=NIET,
        motivering="Self-cleaning aangetoond.",
        bewijs="Verklaring accountant.",
        gebruiker=inkoper,
    )
    with pytest.raises(ValidationError):
        services.beslis_selectie(kandidaat, toegelaten=True, gebruiker=inkoper)
    services.toets_uitsluitingsgrond(
        derde,
        code="geen-uea",
        oordeel=NIET,
        motivering="UEA op papier nagezonden.",
        gebruiker=inkoper,
    )
    services.beslis_selectie(kandidaat, toegelaten=True, gebruiker=inkoper)
    kandidaat.refresh_from_db()
    assert kandidaat.toegelaten is True
    assert AuditEntry.objects.filter(actie="uitsluitingsgrond.beoordeeld").count() == 2


def test_an_excluding_ground_refuses_admission_and_becomes_a_reason(kandidaat, inkoper):
    _open(kandidaat.aanbesteding)
    for partij, code in ((kandidaat.partijen.get(rol=PartijRol.HOOFDAANNEMER), "fraud"),):
        services.toets_uitsluitingsgrond(
            partij,
            code=code,
            oordeel=Uitsluitingsoordeel.UITGESLOTEN,
            motivering="Geen herstel.",
            gebruiker=inkoper,
        )
    services.toets_uitsluitingsgrond(
        kandidaat.partijen.get(rol=PartijRol.DERDE),
        code="geen-uea",
        oordeel=NIET,
        motivering="Nagezonden.",
        gebruiker=inkoper,
    )
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(kandidaat, toegelaten=True, gebruiker=inkoper)
    assert fout.value.code == "uitgesloten"
    assert services.selectietoetsing(kandidaat).redenen() == [
        "Uitsluitingsgrond Fraude is van toepassing op Samen Thuis Begeleiding (hoofdaannemer): "
        "Geen herstel."
    ]


def test_requirements_must_be_checked_and_met_and_a_rejection_needs_reasons(aanbesteding, inkoper):
    eis = services.voeg_geschiktheidseis_toe(
        aanbesteding,
        gebruiker=inkoper,
        naam="Ervaring met Wmo-begeleiding",
        bewijs="Twee referentieopdrachten",
    )
    inschrijving = InschrijvingFactory(aanbesteding=aanbesteding)
    schone_uea(inschrijving)
    voldoet_aan_regels(inschrijving)
    _open(aanbesteding)
    with pytest.raises(ValidationError) as fout:
        services.voeg_geschiktheidseis_toe(aanbesteding, gebruiker=inkoper, naam="x", bewijs="y")
    assert fout.value.code == "selectie-eisen-bevroren"
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(inschrijving, toegelaten=True, gebruiker=inkoper)
    assert fout.value.code == "eis-niet-getoetst"
    with pytest.raises(ValidationError) as fout:
        services.toets_eis(
            inschrijving, eis, voldoet=False, bewijs="Eén referentie.", gebruiker=inkoper
        )
    assert fout.value.error_dict["reden"][0].code == "reden-ontbreekt"
    services.toets_eis(
        inschrijving,
        eis,
        voldoet=False,
        bewijs="Eén referentie aangeleverd.",
        reden="Er is maar één referentie; gevraagd zijn er twee.",
        gebruiker=inkoper,
    )
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(inschrijving, toegelaten=True, gebruiker=inkoper)
    assert fout.value.code == "eis-niet-voldaan"
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(inschrijving, toegelaten=False, gebruiker=inkoper)
    assert fout.value.error_dict["motivering"][0].code == "motivering-ontbreekt"
    services.beslis_selectie(
        inschrijving, toegelaten=False, motivering="Niet geschikt.", gebruiker=inkoper
    )
    regel = AuditEntry.objects.get(actie="inschrijving.afgewezen")
    assert regel.gegevens["redenen"] == [
        "U voldoet niet aan de geschiktheidseis “Ervaring met Wmo-begeleiding”: Er is maar één "
        "referentie; gevraagd zijn er twee."
    ]


def _kandidaat(aanbesteding, naam):
    inschrijving = InschrijvingFactory(
        aanbesteding=aanbesteding, organisatie=OrganisatieFactory(naam=naam)
    )
    schone_uea(inschrijving)
    voldoet_aan_regels(inschrijving)
    return inschrijving


def test_a_capped_selection_ranks_the_suitable_candidates_with_the_tie_rule(aanbesteding, inkoper):
    """Cap 2; criteria A (60 points) and B (40 points), scale 0–10.

    Xander: 8/10×60 + 5/10×40 = 48 + 20 = 68; Yara: 6/10×60 + 8/10×40 = 36 + 32 = 68;
    Zeno: 9/10×60 + 2/10×40 = 54 + 8 = 62; Wim fails a requirement and is not ranked.
    Xander and Yara tie on the outcome and on quality points: the lot (lowest SHA-256 of
    "seed|name") orders them; Zeno is third, outside the cap."""
    services.stel_max_kandidaten_vast(aanbesteding, gebruiker=inkoper, max_kandidaten=2)
    eis = services.voeg_geschiktheidseis_toe(
        aanbesteding, gebruiker=inkoper, naam="Inschrijving KvK", bewijs="Uittreksel"
    )
    a = services.voeg_selectiecriterium_toe(
        aanbesteding, gebruiker=inkoper, code="a", naam="Referenties", weging=Decimal(60)
    )
    b = services.voeg_selectiecriterium_toe(
        aanbesteding, gebruiker=inkoper, code="b", naam="Spreiding", weging=Decimal(40)
    )
    kandidaten = {n: _kandidaat(aanbesteding, n) for n in ("Xander", "Yara", "Zeno", "Wim")}
    _open(aanbesteding)
    for naam, inschrijving in kandidaten.items():
        services.toets_eis(
            inschrijving,
            eis,
            voldoet=naam != "Wim",
            bewijs="Uittreksel gezien.",
            reden="Geen uittreksel." if naam == "Wim" else "",
            gebruiker=inkoper,
        )
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(kandidaten["Xander"], toegelaten=True, gebruiker=inkoper)
    assert fout.value.code == "rangschikking-onvolledig"
    for naam, (sa, sb) in {"Xander": (8, 5), "Yara": (6, 8), "Zeno": (9, 2)}.items():
        for criterium, score in ((a, sa), (b, sb)):
            services.geef_selectiescore(
                kandidaten[naam],
                criterium,
                score=Decimal(score),
                motivering="Gemotiveerd.",
                gebruiker=inkoper,
            )
    uitkomst, _per_naam, ontbreekt = services.selectierangschikking(aanbesteding)
    assert uitkomst is None and "loting" in ontbreekt[0]
    services.stel_loting_seed_vast(aanbesteding, gebruiker=inkoper, seed="notaris-2025-07-01")
    aanbesteding.refresh_from_db()
    uitkomst, _per_naam, ontbreekt = services.selectierangschikking(aanbesteding)
    assert ontbreekt == []
    gelijk = sorted(
        ("Xander", "Yara"),
        key=lambda n: hashlib.sha256(f"notaris-2025-07-01|{n}".encode()).hexdigest(),
    )
    assert [
        (u.inschrijver, u.rang, u.waarde, str(u.beslist_door))
        for u in uitkomst.rangschikking.uitslagen
    ] == [
        (gelijk[0], 1, Decimal("68.00"), "loting"),
        (gelijk[1], 2, Decimal("68.00"), "loting"),
        ("Zeno", 3, Decimal("62.00"), "uitkomst"),
    ]
    with pytest.raises(ValidationError) as fout:
        services.beslis_selectie(kandidaten["Zeno"], toegelaten=True, gebruiker=inkoper)
    assert fout.value.code == "buiten-maximum"
    for naam in gelijk:
        services.beslis_selectie(kandidaten[naam], toegelaten=True, gebruiker=inkoper)
    services.beslis_selectie(
        kandidaten["Zeno"], toegelaten=False, motivering="Buiten het maximum.", gebruiker=inkoper
    )
    services.beslis_selectie(
        kandidaten["Wim"], toegelaten=False, motivering="Niet geschikt.", gebruiker=inkoper
    )
    services.wijzig_status(
        aanbesteding, Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, 14)
    )
    zeno = Selectiebrief.objects.get(inschrijving=kandidaten["Zeno"]).html
    assert "niet is toegelaten" in zeno
    assert "uw aanmelding staat op plaats 3 van de rangschikking" in zeno
    assert "op plaats 3 van 3 geschikte kandidaten, met 62,00 punten" in zeno


@pytest.fixture
def beslist(kandidaat, aanbesteding, inkoper):
    """The decision taken for each candidate, the letters not yet sent: the kandidaat rejected
    (excluded on fraud), another admitted."""
    services.voeg_geschiktheidseis_toe(
        aanbesteding, gebruiker=inkoper, naam="Kwaliteitskeurmerk", bewijs="Certificaat HKZ"
    )
    ander = _kandidaat(aanbesteding, "Andere Aanbieder")
    _open(aanbesteding)
    eis = aanbesteding.geschiktheidseisen.get()
    for inschrijving in (kandidaat, ander):
        services.toets_eis(
            inschrijving, eis, voldoet=True, bewijs="Certificaat tot 2027.", gebruiker=inkoper
        )
    services.toets_uitsluitingsgrond(
        kandidaat.partijen.get(rol=PartijRol.HOOFDAANNEMER),
        code="fraud",
        oordeel=Uitsluitingsoordeel.UITGESLOTEN,
        motivering="Geen herstelmaatregelen aangetoond.",
        gebruiker=inkoper,
    )
    services.beslis_selectie(
        kandidaat, toegelaten=False, motivering="Uitgesloten wegens fraude.", gebruiker=inkoper
    )
    services.beslis_selectie(ander, toegelaten=True, gebruiker=inkoper)
    assert not Selectiebrief.objects.exists()  # letters go out with the decision for all
    return {"kandidaat": kandidaat, "ander": ander}


def _verstuur(aanbesteding, inkoper, dag=14):
    """Take the decision for all (``selectiebeslissing-nemen``): the letters go out."""
    services.wijzig_status(
        aanbesteding, Status.GUNNINGSFASE, gebruiker=inkoper, nu=lokaal(2025, 7, dag)
    )


@pytest.fixture
def besloten(beslist, aanbesteding, inkoper):
    """The decision taken and the letters sent (14 July 2025)."""
    _verstuur(aanbesteding, inkoper)
    return {
        "eigen": Selectiebrief.objects.get(inschrijving=beslist["kandidaat"]),
        "ander": Selectiebrief.objects.get(inschrijving=beslist["ander"]),
    }


def test_the_decision_letter_lists_the_checks_and_reasons_and_renders_as_pdf(
    client, besloten, inkoper
):
    brief = besloten["eigen"]
    assert brief.toegelaten is False
    for tekst in (
        "Selectiebeslissing",
        "niet is toegelaten",
        "Uitsluitingsgrond Fraude is van toepassing op Samen Thuis Begeleiding (hoofdaannemer): "
        "Geen herstelmaatregelen aangetoond.",
        "Uitgesloten wegens fraude.",
        "Derde Zonder UEA",
        "Kwaliteitskeurmerk",
        "Certificaat HKZ",
        "maandag 4 augustus 2025",  # 20 calendar days from 14 July 2025 → Sunday 3 August → Monday
    ):
        assert tekst in brief.html, tekst
    assert "Vast (" not in brief.html  # a vaste onderaannemer signs no UEA
    assert "is <strong>toegelaten</strong>" in besloten["ander"].html
    client.force_login(inkoper)
    pdf = client.get(reverse("aanbestedingen:selectiebrief", args=[brief.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(actie="selectiebrieven.verzonden").count() == 1


def test_the_bidder_sees_only_its_own_letter(client, besloten, inschrijver):
    client.force_login(inschrijver)
    eigen = client.get(reverse("aanbestedingen:selectiebrief", args=[besloten["eigen"].pk]))
    assert eigen.status_code == 200 and eigen.content.startswith(b"%PDF")
    pagina = client.get(
        reverse("aanbestedingen:inschrijving", args=[besloten["eigen"].inschrijving_id])
    ).content.decode()
    assert reverse("aanbestedingen:selectiebrief", args=[besloten["eigen"].pk]) in pagina
    ander = client.get(reverse("aanbestedingen:selectiebrief", args=[besloten["ander"].pk]))
    assert ander.status_code == 404


def test_the_bidder_sees_its_decision_on_its_page_only_as_sent_in_its_latest_letter(
    client, beslist, aanbesteding, inkoper, beoordelaar, inschrijver
):
    """Decided is not yet known: the bidder reads the decision, motivation and reasons of its
    latest letter; the region side reads the current decision."""
    kandidaat = beslist["kandidaat"]
    url = reverse("aanbestedingen:inschrijving", args=[kandidaat.pk])

    def pagina(gebruiker):
        client.force_login(gebruiker)
        antwoord = client.get(url)
        assert antwoord.status_code == 200
        return antwoord.content.decode()

    bieder = pagina(inschrijver)
    assert "<dt>Selectiebeslissing</dt><dd>nog niet bekend" in bieder
    for geheim in ("niet toegelaten", "Uitgesloten wegens fraude", "Geen herstelmaatregelen"):
        assert geheim not in bieder
    for gebruiker in (inkoper, beoordelaar):
        assert "niet toegelaten: Uitgesloten wegens fraude." in pagina(gebruiker)

    _verstuur(aanbesteding, inkoper)
    bieder = pagina(inschrijver)
    assert (
        "niet toegelaten: Uitgesloten wegens fraude. (zoals in de selectiebrief van 14 juli 2025)"
        in bieder
    )
    assert (
        "<li>Uitsluitingsgrond Fraude is van toepassing op Samen Thuis Begeleiding "
        "(hoofdaannemer): Geen herstelmaatregelen aangetoond.</li>" in bieder
    )

    # revised and admitted: the bidder keeps reading the letter it has, until the next one
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
    services.toets_uitsluitingsgrond(
        kandidaat.partijen.get(rol=PartijRol.DERDE),
        code="geen-uea",
        oordeel=NIET,
        motivering="UEA op papier nagezonden.",
        gebruiker=inkoper,
    )
    services.beslis_selectie(kandidaat, toegelaten=True, gebruiker=inkoper)
    bieder = pagina(inschrijver)
    assert "niet toegelaten: Uitgesloten wegens fraude." in bieder
    assert "toegelaten tot de gunningsfase" not in bieder
    assert "<dd>toegelaten tot de gunningsfase" in pagina(beoordelaar)

    _verstuur(aanbesteding, inkoper, dag=22)
    bieder = pagina(inschrijver)
    assert (
        "<dd>toegelaten tot de gunningsfase (zoals in de selectiebrief van 22 juli 2025)" in bieder
    )
    assert "Uitgesloten wegens fraude" not in bieder


def test_access_to_the_selection_pages(client, kandidaat, inschrijver, beoordelaar, inkoper):
    aanbesteding = _open(kandidaat.aanbesteding)
    urls = [
        reverse("aanbestedingen:selectie-overzicht", args=[aanbesteding.pk]),
        reverse("aanbestedingen:toetsing", args=[kandidaat.pk]),
    ]
    for url in urls:
        antwoord = client.get(url)
        assert antwoord.status_code == 302 and "inloggen" in antwoord["Location"]
    client.force_login(inschrijver)
    assert [client.get(url).status_code for url in urls] == [403, 403]
    client.force_login(beoordelaar)
    pagina = client.get(urls[1])
    assert pagina.status_code == 200 and "alleen lezen" in pagina.content.decode()
    assert "Oordeel vastleggen" not in pagina.content.decode()
    verboden = client.post(
        urls[1],
        {"actie": "beslissing", "beslissing-toegelaten": "nee", "beslissing-motivering": "x"},
    )
    assert verboden.status_code == 403
    kandidaat.refresh_from_db()
    assert kandidaat.toegelaten is None


def test_the_inkoper_records_checks_on_the_page_with_an_error_summary(client, kandidaat, inkoper):
    _open(kandidaat.aanbesteding)
    client.force_login(inkoper)
    url = reverse("aanbestedingen:toetsing", args=[kandidaat.pk])
    leidend = kandidaat.partijen.get(rol=PartijRol.HOOFDAANNEMER)
    sleutel = f"g{leidend.pk}-fraud"
    data = {"actie": "grond", "sleutel": sleutel, "partij": leidend.pk, "code": "fraud"}
    fout = client.post(url, data | {f"{sleutel}-oordeel": NIET})
    html = fout.content.decode()
    assert fout.status_code == 200 and 'role="alert"' in html
    assert f'for="id_{sleutel}-motivering"' in html
    goed = client.post(
        url, data | {f"{sleutel}-oordeel": NIET, f"{sleutel}-motivering": "Herstel aangetoond."}
    )
    assert goed.status_code == 302
    assert leidend.uitsluitingstoetsen.get().motivering == "Herstel aangetoond."
    beslissing = client.post(url, {"actie": "beslissing", "beslissing-toegelaten": "ja"})
    assert "Beoordeel eerst de uitsluitingsgronden: Derde Zonder UEA" in beslissing.content.decode()
