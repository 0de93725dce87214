"""The back office reports its spend; the Money dashboard shows it against the budget."""

from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from wmoregie.audit.models import AuditEntry
from wmoregie.monitoring.bestedingen import geef_besteding_op
from wmoregie.monitoring.models import Bestedingsopgave

from .conftest import Q1

pytestmark = pytest.mark.django_db


def opgave(cijfers, gebruiker="backoffice", **anders):
    waarden = {
        "gebruiker": cijfers.gebruikers[gebruiker],
        "overeenkomst": cijfers.overeenkomst,
        "gemeente": cijfers.amersfoort,
        "jaar": 2026,
        "kwartaal": 1,
        "eigen_personeel": Decimal("180000.00"),
        "onderaannemers": Decimal("45000.00"),
    }
    waarden.update(anders)
    return geef_besteding_op(**waarden)


def test_report_and_correct_spend_is_audited(cijfers):
    opgave(cijfers)
    opgave(cijfers, eigen_personeel=Decimal("170000.00"))
    rij = Bestedingsopgave.objects.get()
    assert rij.eigen_personeel == Decimal("170000.00")
    correctie = AuditEntry.objects.get(actie="monitoring.besteding-gecorrigeerd")
    assert correctie.gegevens["vorige"]["eigen_personeel"] == "180000.00"


@pytest.mark.parametrize(
    "_case, gebruiker, anders, veld, code",
    [
        ("another provider", "logeerhuis", {}, "overeenkomst", "overeenkomst-niet-van-u"),
        ("a municipality worker", "gemeente", {}, "overeenkomst", "overeenkomst-niet-van-u"),
        ("no budget that year", "backoffice", {"jaar": 2027}, "gemeente", "geen-budgetaandeel"),
        (
            "negative amount",
            "backoffice",
            {"onderaannemers": Decimal("-1")},
            "onderaannemers",
            "bedrag-negatief",
        ),
    ],
)
def test_refusals_store_nothing(cijfers, _case, gebruiker, anders, veld, code):
    with pytest.raises(ValidationError) as fout:
        opgave(cijfers, gebruiker=gebruiker, **anders)
    assert fout.value.error_dict[veld][0].code == code
    assert not Bestedingsopgave.objects.exists()


def test_the_page_records_and_the_money_dashboard_shows_it(client, cijfers):
    client.force_login(cijfers.gebruikers["backoffice"])
    antwoord = client.post(
        "/monitoring/geld/besteding/",
        {
            "overeenkomst": cijfers.overeenkomst.pk,
            "gemeente": "0307",
            "jaar": 2026,
            "kwartaal": 1,
            "eigen_personeel": "180000.00",
            "onderaannemers": "45000.00",
        },
    )
    assert antwoord.status_code == 302
    client.force_login(cijfers.gebruikers["gemeente"])
    html = client.get("/monitoring/geld/", Q1).content.decode()
    start = html.index('<th scope="row">Amersfoort</th>')
    rij = html[start : html.index("</tr>", start)]
    # budget 900,000; paid 75,000; spent 180,000 + 45,000 = 225,000; subcontractors 20 %
    assert "€ 225.000,00" in rij and "20%" in rij and "€ 675.000,00" in rij


def test_the_page_is_for_the_back_office_only(client, cijfers):
    client.force_login(cijfers.gebruikers["gemeente"])
    assert client.get("/monitoring/geld/besteding/").status_code == 403
    client.force_login(cijfers.gebruikers["backoffice"])
    antwoord = client.post("/monitoring/geld/besteding/", {"gemeente": "0307"})
    assert antwoord.status_code == 400
    assert not Bestedingsopgave.objects.exists()
