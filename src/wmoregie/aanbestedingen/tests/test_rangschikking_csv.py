"""#14 A.3: the ranking CSV writes the tenderers' names as text, never as a formula."""

import csv
import io

from django.urls import reverse

import pytest

from .gunning_helpers import consensus, in_beoordeling

pytestmark = pytest.mark.django_db


def test_hostile_names_in_the_ranking_csv_are_text(client, regio, inkoper):
    namen = {'=HYPERLINK("http://example.com","x")': (8, 6, 10), "+SUM(1+1)": (6, 10, 6)}
    aanbesteding = in_beoordeling(regio, inkoper, tuple(namen))
    consensus(aanbesteding, inkoper, namen)
    client.force_login(inkoper)
    antwoord = client.get(reverse("aanbestedingen:rangschikking-csv", args=[aanbesteding.pk]))
    assert antwoord.status_code == 200
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode(), newline=""), delimiter=";"))
    cellen = [cel for rij in rijen for cel in rij]
    assert all(cel[:1] not in "=+-@" or cel == "" for cel in cellen), cellen
    assert "'+SUM(1+1)" in cellen
