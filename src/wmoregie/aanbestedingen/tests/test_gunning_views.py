"""Pages and API of the award phase: blind assessment, declared access, letters and exports."""

from decimal import Decimal

from django.urls import reverse

import pytest

from wmoregie.aanbestedingen import services
from wmoregie.aanbestedingen.constants import Status
from wmoregie.aanbestedingen.models import Beoordeling, Consensusscore
from wmoregie.accounts.constants import Rol
from wmoregie.accounts.tests.factories import RoltoekenningFactory, UserFactory

from .conftest import lokaal
from .gunning_helpers import consensus, in_beoordeling, inschrijving_van, nieuwe_beoordelaar

pytestmark = pytest.mark.django_db

#: The worked example of docs/aanbestedingen-regels.md: Eemland 78 points, Amersfoort 74.
VOORBEELD = {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)}


@pytest.fixture
def opzet(regio, inkoper):
    aanbesteding = in_beoordeling(regio, inkoper)
    anna, bert = nieuwe_beoordelaar(regio, "Anna"), nieuwe_beoordelaar(regio, "Bert")
    return aanbesteding, anna, bert


def _teken(client, aanbesteding, gebruiker):
    client.force_login(gebruiker)
    return client.post(
        reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk]),
        {"geen_belangenconflict": "ja"},
    )


def _scoor(client, inschrijving, criteria, score, motivering):
    data = {}
    for c in criteria:
        data[f"score-{c.pk}"] = score
        data[f"motivering-{c.pk}"] = f"{motivering} {c.code}"
    return client.post(reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]), data)


def test_an_assessor_signs_the_declaration_before_seeing_any_tender(client, opzet):
    aanbesteding, anna, _bert = opzet
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    client.force_login(anna)
    pagina = client.get(reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk]))
    assert "Belangenverklaring" in pagina.content.decode()
    assert (
        reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]) not in pagina.content.decode()
    )
    weg = client.get(reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]))
    assert weg.status_code == 302
    api = client.get(f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/").json()
    assert "gunning" in api["verzegeld"]
    fout = client.post(
        reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk]),
        {"geen_belangenconflict": "nee"},
    )
    assert "Licht het belangenconflict toe" in fout.content.decode()
    assert _teken(client, aanbesteding, anna).status_code == 302
    pagina = client.get(reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk]))
    assert reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]) in pagina.content.decode()
    api = client.get(f"/api/v1/aanbestedingen/inschrijvingen/{inschrijving.pk}/").json()
    assert "gunning" not in api["verzegeld"]


def test_an_assessor_cannot_read_another_assessors_scores_before_consensus(client, opzet, inkoper):
    aanbesteding, anna, bert = opzet
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    criteria = list(aanbesteding.criteria.all())
    _teken(client, aanbesteding, anna)
    assert _scoor(client, inschrijving, criteria, "3", "Geheim-van-Anna").status_code == 302
    _teken(client, aanbesteding, bert)
    pagina = client.get(reverse("aanbestedingen:beoordeling", args=[inschrijving.pk]))
    assert pagina.status_code == 200
    assert "Geheim-van-Anna" not in pagina.content.decode()
    api = client.get("/api/v1/aanbestedingen/beoordelingen/")
    assert api.status_code == 200 and api.json()["results"] == []
    anna_score = Beoordeling.objects.filter(beoordelaar=anna).first()
    assert client.get(f"/api/v1/aanbestedingen/beoordelingen/{anna_score.pk}/").status_code == 404
    assert (
        "Geheim-van-Anna"
        not in client.get(
            reverse("aanbestedingen:beoordelen", args=[aanbesteding.pk])
        ).content.decode()
    )
    assert (
        client.get(reverse("aanbestedingen:consensus", args=[aanbesteding.pk])).status_code == 403
    )
    assert client.get(reverse("aanbestedingen:gunning", args=[aanbesteding.pk])).status_code == 403
    _scoor(client, inschrijving, criteria, "5", "Mening-van-Bert")
    assert [
        b["motivering"]
        for b in client.get("/api/v1/aanbestedingen/beoordelingen/").json()["results"]
    ] == [f"Mening-van-Bert {c.code}" for c in criteria]

    # the inkoper sees every score and the spread in the consensus session
    client.force_login(inkoper)
    sessie = client.get(
        reverse("aanbestedingen:consensus", args=[aanbesteding.pk])
    ).content.decode()
    assert "Geheim-van-Anna k1" in sessie and "Mening-van-Bert k1" in sessie
    assert "laagste 3, hoogste 5, verschil 2, gemiddeld 4,00" in sessie
    assert len(client.get("/api/v1/aanbestedingen/beoordelingen/").json()["results"]) == 6
    antwoord = client.post(
        reverse("aanbestedingen:consensus", args=[aanbesteding.pk]),
        {
            f"score-{inschrijving.pk}-{criteria[0].pk}": "4",
            f"motivering-{inschrijving.pk}-{criteria[0].pk}": "Samen besloten.",
        },
    )
    assert antwoord.status_code == 302
    assert Consensusscore.objects.get().score == Decimal(4)

    # after the consensus on k1, Bert reads Anna's score on k1, not yet on k2
    client.force_login(bert)
    pagina = client.get(
        reverse("aanbestedingen:beoordeling", args=[inschrijving.pk])
    ).content.decode()
    assert "Geheim-van-Anna k1" in pagina and "Geheim-van-Anna k2" not in pagina
    api = client.get("/api/v1/aanbestedingen/beoordelingen/").json()["results"]
    assert {b["motivering"] for b in api if b["beoordelaar"] == anna.username} == {
        "Geheim-van-Anna k1"
    }


def test_a_score_outside_the_scale_is_shown_per_criterion_and_nothing_is_stored(client, opzet):
    aanbesteding, anna, _bert = opzet
    inschrijving = inschrijving_van(aanbesteding, "Eemland Zorg")
    _teken(client, aanbesteding, anna)
    antwoord = _scoor(client, inschrijving, list(aanbesteding.criteria.all()), "12", "Te hoog")
    assert antwoord.status_code == 200
    assert 'role="alert"' in antwoord.content.decode()
    assert "ligt tussen 0 en 10" in antwoord.content.decode()
    assert not Beoordeling.objects.exists()


@pytest.mark.parametrize(
    ("naam", "args"),
    [
        ("gunning", "aanbesteding"),
        ("consensus", "aanbesteding"),
        ("beoordelen", "aanbesteding"),
        ("rangschikking", "aanbesteding"),
        ("rangschikking-csv", "aanbesteding"),
        ("ocds", "aanbesteding"),
        ("beoordeling", "inschrijving"),
    ],
)
def test_a_visitor_goes_to_login_and_a_bidder_gets_403(client, opzet, inschrijver, naam, args):
    aanbesteding = opzet[0]
    pk = aanbesteding.pk if args == "aanbesteding" else aanbesteding.inschrijvingen.first().pk
    url = reverse(f"aanbestedingen:{naam}", args=[pk])
    antwoord = client.get(url)
    assert antwoord.status_code == 302 and "inloggen" in antwoord["Location"]
    client.force_login(inschrijver)
    assert client.get(url).status_code == 403
    assert client.get("/api/v1/aanbestedingen/beoordelingen/").status_code == 403


def test_the_criteria_form_is_refused_after_the_opening(client, opzet, inkoper):
    aanbesteding = opzet[0]
    client.force_login(inkoper)
    client.post(
        reverse("aanbestedingen:criterium-toevoegen", args=[aanbesteding.pk]),
        {"code": "laat", "naam": "Te laat", "weging": "5", "schaal_max": "10"},
    )
    assert not aanbesteding.criteria.filter(code="laat").exists()
    pagina = client.get(reverse("aanbestedingen:gunning", args=[aanbesteding.pk])).content.decode()
    assert "liggen vast sinds de opening" in pagina


def test_ranking_page_csv_letters_as_pdf_and_the_standstill_shown(client, regio, inkoper):
    namen = {"Eemland Zorg": (8, 6, 10), "Amersfoort Samen": (6, 10, 6)}
    aanbesteding = in_beoordeling(regio, inkoper, tuple(namen))
    client.force_login(inkoper)
    pagina = client.get(reverse("aanbestedingen:rangschikking", args=[aanbesteding.pk]))
    assert "kan nog niet worden gemaakt" in pagina.content.decode()
    consensus(aanbesteding, inkoper, namen)
    pagina = client.get(
        reverse("aanbestedingen:rangschikking", args=[aanbesteding.pk])
    ).content.decode()
    assert "Plan van aanpak: score / schaalmaximum × weging" in pagina
    assert "8 / 10 × 40 = 32" in pagina
    csv = client.get(reverse("aanbestedingen:rangschikking-csv", args=[aanbesteding.pk]))
    regels = csv.content.decode().splitlines()
    assert regels[0] == "rang;inschrijver;beslist door;stap;berekening;uitkomst"
    assert (
        "1;Eemland Zorg;uitkomst;Kwaliteitspunten: som van de criteria;32 + 21 + 25 = 78;78.000"
        in regels
    )
    antwoord = client.post(
        reverse("aanbestedingen:voorlopig-gunnen", args=[aanbesteding.pk]),
        {"bevestigd": "ja"},
        follow=True,
    )
    assert antwoord.redirect_chain[-1][1] == 302
    melding = antwoord.content.decode()
    assert "2 gunningsbrieven verzonden; de standstill loopt tot en met" in melding  # #15.15
    assert "brie(f)(ven)" not in melding
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND
    einde = services.standstill_einde(aanbesteding)
    gunning = client.get(reverse("aanbestedingen:gunning", args=[aanbesteding.pk])).content.decode()
    from django.utils.formats import date_format

    assert date_format(einde, "l j F Y") in gunning
    detail = client.get(reverse("aanbestedingen:detail", args=[aanbesteding.pk])).content.decode()
    assert "de standstill eindigt op" in detail
    brief = aanbesteding.gunningsbrieven.get(winnaar=False)
    pdf = client.get(reverse("aanbestedingen:gunningsbrief", args=[brief.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # the generic status form does not take the award steps
    client.post(
        reverse("aanbestedingen:status", args=[aanbesteding.pk]),
        {"naar": Status.OPGESCHORT, "reden": "x"},
    )
    aanbesteding.refresh_from_db()
    assert aanbesteding.status == Status.VOORLOPIG_GEGUND
    assert lokaal(2025, 1, 1)  # (conftest helper in use)


# --- the ranking: only for those who may see the award phase ---------------------------------


@pytest.fixture
def gerangschikt(regio, inkoper):
    """Consensus complete: the ranking can be made."""
    aanbesteding = in_beoordeling(regio, inkoper, tuple(VOORBEELD))
    consensus(aanbesteding, inkoper, VOORBEELD)
    return aanbesteding


def _rangschikking_urls(aanbesteding):
    return (
        reverse("aanbestedingen:rangschikking", args=[aanbesteding.pk]),
        reverse("aanbestedingen:rangschikking-csv", args=[aanbesteding.pk]),
    )


@pytest.mark.parametrize(
    ("_case", "belangenconflict", "melding"),
    [
        (
            "declaration not signed",
            None,
            "Teken eerst de belangenverklaring voor deze aanbesteding (zonder belangenconflict): "
            "pas daarna ziet u de rangschikking.",
        ),
        (
            "conflict declared",
            "Oud-collega van de directeur van Eemland Zorg.",
            "U hebt voor deze aanbesteding een belangenconflict verklaard: u ziet de "
            "rangschikking daarom niet.",
        ),
    ],
)
def test_an_assessor_without_a_clean_declaration_gets_403_on_the_ranking_page_and_csv(
    client, gerangschikt, regio, _case, belangenconflict, melding
):
    anna = nieuwe_beoordelaar(regio, "Anna")
    if belangenconflict:
        services.teken_belangenverklaring(
            gerangschikt, gebruiker=anna, geen_belangenconflict=False, toelichting=belangenconflict
        )
    pagina_url, csv_url = _rangschikking_urls(gerangschikt)
    client.force_login(anna)
    pagina = client.get(pagina_url)
    html = pagina.content.decode()
    assert pagina.status_code == 403
    assert f'<p class="melding" role="alert">{melding}</p>' in html
    assert (reverse("aanbestedingen:beoordelen", args=[gerangschikt.pk]) in html) == (
        belangenconflict is None
    )
    csv = client.get(csv_url)
    assert (csv.status_code, csv.content.decode()) == (403, melding)
    for antwoord in (pagina, csv):
        for geheim in ("Eemland Zorg", "32 + 21 + 25 = 78", "Kwaliteitspunten"):
            assert geheim not in antwoord.content.decode()
    detail = client.get(reverse("aanbestedingen:detail", args=[gerangschikt.pk])).content.decode()
    assert pagina_url not in detail  # no link to a page that refuses


def test_after_signing_without_a_conflict_an_assessor_reads_the_ranking_the_inkoper_always(
    client, gerangschikt, regio, inkoper
):
    anna = nieuwe_beoordelaar(regio, "Anna")
    pagina_url, csv_url = _rangschikking_urls(gerangschikt)
    assert _teken(client, gerangschikt, anna).status_code == 302  # logs in as Anna
    for gebruiker in (anna, inkoper):
        client.force_login(gebruiker)
        pagina = client.get(pagina_url)
        assert pagina.status_code == 200 and "32 + 21 + 25 = 78" in pagina.content.decode()
        csv = client.get(csv_url)
        assert csv.status_code == 200 and "1;Eemland Zorg;uitkomst" in csv.content.decode()
        detail = client.get(reverse("aanbestedingen:detail", args=[gerangschikt.pk]))
        assert pagina_url in detail.content.decode()


def test_a_bidder_sees_no_ranking_score_or_winner_before_the_award_letters(client, gerangschikt):
    """The ranking can be made, the letters are not sent: the bidder's pages and API hold
    nothing of the outcome; the ranking itself is closed to it (403)."""
    eemland = inschrijving_van(gerangschikt, "Eemland Zorg")
    bieder = UserFactory()
    RoltoekenningFactory(gebruiker=bieder, rol=Rol.INSCHRIJVER, organisatie=eemland.organisatie)
    client.force_login(bieder)
    for url in (
        *_rangschikking_urls(gerangschikt),
        f"/api/v1/aanbestedingen/rangschikkingen/{gerangschikt.pk}/",
        "/api/v1/aanbestedingen/beoordelingen/",
        reverse("aanbestedingen:gunningsbrief", args=[1]),
    ):
        assert client.get(url).status_code == 403, url
    for url in (
        reverse("aanbestedingen:detail", args=[gerangschikt.pk]),
        reverse("aanbestedingen:inschrijving", args=[eemland.pk]),
        f"/api/v1/aanbestedingen/aanbestedingen/{gerangschikt.pk}/",
        f"/api/v1/aanbestedingen/inschrijvingen/{eemland.pk}/",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200, url
        tekst = antwoord.content.decode().lower()
        for geheim in (
            "consensus",
            "rangschikking",
            "kwaliteitspunten",
            "winnaar",
            "amersfoort samen",
        ):
            assert geheim not in tekst, (url, geheim)


def test_the_consensus_session_is_one_form_whose_labels_name_tender_and_criterion(
    client, opzet, inkoper
):
    """#15.16: one form, not one per criterion; every label names its criterion and tender;
    one refused score stores nothing."""
    aanbesteding, anna, _bert = opzet
    services.teken_belangenverklaring(aanbesteding, gebruiker=anna, geen_belangenconflict=True)
    criteria = list(aanbesteding.criteria.all())
    eemland = inschrijving_van(aanbesteding, "Eemland Zorg")
    amersfoort = inschrijving_van(aanbesteding, "Amersfoort Samen")
    client.force_login(inkoper)
    url = reverse("aanbestedingen:consensus", args=[aanbesteding.pk])

    html = client.get(url).content.decode()

    assert html.count('<form method="post" class="formulier"') == 1  # besides logout
    assert "Consensusscore Plan van aanpak" in html and "Consensusscore Samenwerking" in html
    assert '<span class="visueel-verborgen"> voor Eemland Zorg</span>' in html
    assert ">Consensusscore</label>" not in html

    for inschrijving in (eemland, amersfoort):
        for c in criteria:
            services.beoordeel(inschrijving, c, gebruiker=anna, score=Decimal(7), motivering="Ok.")
    k1, k2 = criteria[0].pk, criteria[1].pk
    formulier = {
        f"score-{eemland.pk}-{k1}": "7,5",
        f"motivering-{eemland.pk}-{k1}": "Sterk plan.",
        f"score-{amersfoort.pk}-{k2}": "11",
        f"motivering-{amersfoort.pk}-{k2}": "Te hoog.",
    }

    geweigerd = client.post(url, formulier)

    assert geweigerd.status_code == 200
    assert not Consensusscore.objects.exists()
    tekst = geweigerd.content.decode()
    assert "Er is niets vastgelegd: 1 score is niet in orde." in tekst
    assert "Samenwerking bij Amersfoort Samen:" in tekst
    assert 'value="7,5"' in tekst  # what was typed stays

    formulier[f"score-{amersfoort.pk}-{k2}"] = "6"
    vastgelegd = client.post(url, formulier, follow=True)

    assert "2 consensusscores vastgelegd." in vastgelegd.content.decode()
    assert sorted(Consensusscore.objects.values_list("score", flat=True)) == [
        Decimal(6),
        Decimal("7.5"),
    ]
    nogmaals = client.post(url, formulier, follow=True)
    assert "Er was niets gewijzigd." in nogmaals.content.decode()


def test_the_lot_is_named_in_dutch_not_seed(client, opzet, inkoper):
    """#15.15: no internal words on the pages; the tie-break value is a "lotingswaarde"."""
    aanbesteding, _anna, _bert = opzet
    client.force_login(inkoper)

    gunning = client.get(reverse("aanbestedingen:gunning", args=[aanbesteding.pk]))
    leeg = client.post(
        reverse("aanbestedingen:seed", args=[aanbesteding.pk]), {"seed": ""}, follow=True
    )

    assert "Lotingswaarde (beslist bij een gelijke stand" in gunning.content.decode()
    assert "seed" not in gunning.content.decode().lower().replace('name="seed"', "").replace(
        'id="seed"', ""
    ).replace('for="seed"', "").replace("/seed/", "")
    assert "Geef de lotingswaarde." in leeg.content.decode()
