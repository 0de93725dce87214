"""The caseload export (CSV and XLSX): the list's scope and filters, one audit entry per client
exported, user text never a formula, the BSN masked."""

import io

from django.urls import reverse

import pytest
from openpyxl import load_workbook

from wmoregie.audit.models import AuditEntry

from .proefregio import ACHTERNAMEN, BSNS, ZIET_TRAJECT

pytestmark = pytest.mark.django_db

URL = reverse("clienten:exporteren")


def _csv(client, gebruiker, proefregio, query=""):
    client.force_login(proefregio.gebruikers[gebruiker])
    antwoord = client.get(URL + query)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "attachment" in antwoord["Content-Disposition"]
    return antwoord.content.decode("utf-8-sig")


@pytest.mark.parametrize("gebruiker", ["backoffice", "logeerhuis", "gemeente", "onderaannemer"])
def test_the_export_holds_exactly_the_trajectories_in_scope_each_logged_once(
    client, proefregio, gebruiker
):
    voor = AuditEntry.objects.count()
    inhoud = _csv(client, gebruiker, proefregio)
    verwacht = {s for s, zien in ZIET_TRAJECT.items() if gebruiker in zien}
    assert {s for s, naam in ACHTERNAMEN.items() if naam in inhoud} == verwacht
    assert not any(bsn in inhoud for bsn in BSNS.values())  # masked, as on every page
    assert len(inhoud.strip().splitlines()) == 1 + len(verwacht)
    entries = AuditEntry.objects.order_by("id")[voor:]
    assert [e.actie for e in entries] == ["traject.geexporteerd"] * len(verwacht)
    assert {e.betreft_client for e in entries} == {proefregio.client(s).pk for s in verwacht}


def test_the_export_follows_the_lists_filters(client, proefregio):
    inhoud = _csv(client, "backoffice", proefregio, "?status=beeindigd")
    assert ACHTERNAMEN["klaar"] in inhoud
    assert ACHTERNAMEN["loopt"] not in inhoud


def test_roles_without_client_data_get_no_export(client, proefregio):
    for gebruiker in ("contractmanager", "inkoper", "privacy"):
        client.force_login(proefregio.gebruikers[gebruiker])
        assert client.get(URL).status_code == 403
    assert not AuditEntry.objects.filter(actie="traject.geexporteerd").exists()


def test_user_text_is_written_as_text_in_csv_and_xlsx(client, proefregio):
    team = proefregio.wereld.team_noord
    team.naam = '=HYPERLINK("http://x";"klik")'
    team.save()
    inhoud = _csv(client, "backoffice", proefregio)
    assert "'=HYPERLINK" in inhoud

    antwoord = client.get(URL + "?formaat=xlsx")
    assert antwoord.status_code == 200
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    kop = [c.value for c in blad[1]]
    assert kop[:3] == ["Cliënt", "BSN", "Geboortedatum"]
    teams = [rij[kop.index("Gebiedsteam")] for rij in blad.iter_rows(min_row=2)]
    cel = next(c for c in teams if c.value and c.value.startswith("=HYPERLINK"))
    assert cel.data_type == "s"  # text, not a formula
    namen = {rij[0].value for rij in blad.iter_rows(min_row=2)}
    assert any(ACHTERNAMEN["loopt"] in naam for naam in namen)
    wachtdagen = [rij[kop.index("Wachtdagen")].value for rij in blad.iter_rows(min_row=2)]
    assert all(w is None or isinstance(w, int) for w in wachtdagen)
