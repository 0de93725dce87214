"""#16.7: claims (323) matched with their answers (325) on both sides: claimed, granted and
rejected per claim and per month, claims without answer and answers without claim, as a page
for the provider's back office and for the municipality."""

import hashlib
from datetime import date

import pytest
from freezegun import freeze_time

from wmoregie.clienten.models import Declaratie
from wmoregie.clienten.services import declaraties
from wmoregie.iwmo.models import Bericht, BerichtStatus

from .test_services_declaraties import lopend  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

AANBIEDER = "87654321"  # the Logeerhuis of the test region


@pytest.fixture
def gedeclareerd(wereld, lopend):  # noqa: F811
    """March claimed twice: a refused claim (TR307) and its granted correction; then a third
    claim whose answer has not come yet, and a 325 that belongs to no claim."""
    logeerhuis = wereld.gebruikers["logeerhuis"]
    with freeze_time("2026-04-03 09:00:00"):
        regels = declaraties.voorstel(
            wereld.respijtovereenkomst, wereld.amersfoort, date(2026, 3, 1)
        )
        eerste = declaraties.dien_in(
            wereld.respijtovereenkomst, wereld.amersfoort, date(2026, 3, 1), regels,
            gebruiker=logeerhuis,
        )  # fmt: skip
        tweede = declaraties.dien_in(
            wereld.respijtovereenkomst, wereld.amersfoort, date(2026, 3, 1),
            [declaraties.corrigeer(eerste.prestaties.get())], gebruiker=logeerhuis,
        )  # fmt: skip
    # the answer to the correction has not come (as with a municipality with its own system)
    Declaratie.objects.filter(pk=tweede.pk).update(
        toegekend_bedrag=None, antwoord=None, beantwoord_op=None
    )
    inhoud = b"<Bericht/>"
    zwevend = Bericht.objects.create(
        gemeente="0307", sleutel="0307/436/X-325", berichttype="wmo325", afzender="0307",
        ontvanger=AANBIEDER, identificatie="X-325", bestandsnaam="x.xml", inhoud=inhoud,
        inhoud_sha256=hashlib.sha256(inhoud).hexdigest(), status=BerichtStatus.GEACCEPTEERD,
    )  # fmt: skip
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    return eerste, tweede, zwevend


def test_matching_per_claim_per_month_and_what_has_no_counterpart(gedeclareerd):
    eerste, tweede, zwevend = gedeclareerd

    uitkomst = declaraties.afstemming(
        [eerste, tweede], declaraties.ontvangen_antwoorden([AANBIEDER])
    )

    assert [
        (r["declaratie"].nummer, r["ingediend"], r["toegekend"], r["afgewezen"])
        for r in uitkomst.per_declaratie
    ] == [(eerste.nummer, 245800, 0, 245800), (tweede.nummer, 245800, None, None)]
    assert uitkomst.per_maand == [
        {"maand": date(2026, 3, 1), "ingediend": 491600, "toegekend": 0, "afgewezen": 245800,
         "open": 245800}
    ]  # fmt: skip
    assert uitkomst.zonder_antwoord == [tweede]
    assert uitkomst.antwoorden_zonder_declaratie == [zwevend]


def test_an_answer_linked_to_its_claim_is_not_listed(gedeclareerd):
    eerste, tweede, zwevend = gedeclareerd
    Declaratie.objects.filter(pk=tweede.pk).update(antwoord=zwevend)

    uitkomst = declaraties.afstemming(
        [eerste, tweede], declaraties.ontvangen_antwoorden([AANBIEDER])
    )

    assert uitkomst.antwoorden_zonder_declaratie == []
    assert declaraties.ontvangen_antwoorden(["98765432"]).count() == 0  # another provider's


def test_the_providers_page_shows_the_matching(client, wereld, gedeclareerd):
    eerste, tweede, _ = gedeclareerd
    client.force_login(wereld.gebruikers["logeerhuis"])

    pagina = client.get("/clienten/declaraties/").content.decode()

    assert eerste.nummer in pagina and "Declaraties zonder antwoord" in pagina
    assert f"Declaratie {tweede.nummer} over maart 2026" in pagina
    assert "Antwoord X-325 van gemeente 0307" in pagina
    assert "€ 2.458,00" in pagina


def test_another_provider_sees_neither_the_claims_nor_the_answers(client, wereld, gedeclareerd):
    eerste, _, _ = gedeclareerd
    client.force_login(wereld.gebruikers["backoffice"])

    pagina = client.get("/clienten/declaraties/").content.decode()

    assert eerste.nummer not in pagina
    assert "X-325" not in pagina


def test_the_municipality_sees_the_claims_sent_to_it(client, wereld, gedeclareerd):
    eerste, tweede, _ = gedeclareerd
    client.force_login(wereld.gebruikers["gemeente"])

    pagina = client.get("/clienten/declaraties/gemeente/").content.decode()

    assert eerste.nummer in pagina and tweede.nummer in pagina
    assert "wacht op antwoord" in pagina
    assert "Logeerhuis" in pagina


def test_another_municipality_sees_none_and_a_provider_may_not_open_it(
    client, wereld, gedeclareerd
):
    eerste, _, _ = gedeclareerd
    client.force_login(wereld.gebruikers["gemeente_soest"])
    assert eerste.nummer not in client.get("/clienten/declaraties/gemeente/").content.decode()

    client.force_login(wereld.gebruikers["logeerhuis"])
    assert client.get("/clienten/declaraties/gemeente/").status_code == 403


def _ontvangen(model) -> Bericht:
    from iwmo.berichten import build

    inhoud = build(model)
    return Bericht.objects.create(
        gemeente="0307", sleutel=f"0307/436/{model.header.bericht_identificatie.identificatie}",
        berichttype="wmo325", afzender="0307", ontvanger=AANBIEDER,
        identificatie=model.header.bericht_identificatie.identificatie, bestandsnaam="325.xml",
        inhoud=inhoud, inhoud_sha256=hashlib.sha256(inhoud).hexdigest(),
        status=BerichtStatus.GEACCEPTEERD,
    )  # fmt: skip


def test_a_received_325_is_matched_by_its_declaratienummer(gedeclareerd):
    """#16.6: the 325 names the claim by its DeclaratieNummer; its DeclaratieIdentificatie
    (here another one) is not what links it."""
    from iwmo.berichten import parse

    from wmoregie.clienten.services.berichten.ontvangst import _koppel_declaratieantwoord

    eerste, tweede, _ = gedeclareerd
    model = parse(bytes(eerste.bericht.retour_xml))  # the 325 of the first claim ...
    model.declaratie_antwoord.declaratie_nummer = tweede.nummer  # ... now answering the second
    model.declaratie_antwoord.clienten = []
    model.header.bericht_identificatie.identificatie = "G-325-2"
    antwoord = _ontvangen(model)

    assert _koppel_declaratieantwoord(antwoord, model)

    tweede.refresh_from_db()
    assert tweede.antwoord == antwoord
    assert tweede.toegekend_bedrag is not None
