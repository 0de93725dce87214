"""The synthetic data generator (genereer_data): counts, reproducibility, the SQLite refusal."""

from datetime import date
from io import StringIO

from django.core.management import CommandError, call_command
from django.db import connection

import pytest

from wmoregie.catalogi.models import Gemeente
from wmoregie.clienten.models import Aanmelding, Client, Traject, Trajectbericht
from wmoregie.iwmo.models import Bericht
from wmoregie.monitoring import synthetisch
from wmoregie.monitoring.models import Berichtstand, Cijferperiode, Inwonertal, Wachtstand

KLEIN = ["--schaal", "klein", "--gemeenten", "3", "--clienten", "40"]
KLEIN += ["--trajecten", "100", "--berichten", "330", "--blok", "15"]


def _synthetisch():
    clienten = Client.objects.filter(bsn__startswith="1")
    return {
        "clienten": list(
            clienten.order_by("pk").values_list(
                "achternaam", "geboortedatum", "geslacht", "gemeente__code"
            )
        ),
        "trajecten": list(
            Traject.objects.filter(client__in=clienten)
            .order_by("pk")
            .values_list("product_id", "startdatum", "einddatum", "status")
        ),
        "berichten": list(
            Trajectbericht.objects.filter(traject__client__in=clienten)
            .order_by("pk")
            .values_list("berichttype", "antwoordstatus", "retourcodes", "verzonden_op")
        ),
    }


def _wis():
    clienten = Client.objects.filter(bsn__startswith="1")
    berichten = list(
        Trajectbericht.objects.filter(traject__client__in=clienten).values_list(
            "bericht_id", flat=True
        )
    )
    Trajectbericht.objects.filter(traject__client__in=clienten).delete()
    Bericht.objects.filter(pk__in=berichten).delete()
    Aanmelding.objects.filter(client__in=clienten).update(vorig_traject=None)
    Traject.objects.filter(client__in=clienten).delete()
    Aanmelding.objects.filter(client__in=clienten).delete()
    clienten.delete()


@pytest.mark.django_db
def test_generator_writes_the_asked_counts_reproducibly(wereld):
    uit = StringIO()
    call_command("genereer_data", *KLEIN, "--seed", "7", stdout=uit)
    assert "40 cliënten, 100 trajecten, 330 berichten" in uit.getvalue()
    assert Gemeente.objects.filter(naam__startswith="Synthetische gemeente").count() == 3
    assert Inwonertal.objects.filter(gemeente__code="9000").count() == 5  # 2022 … 2026
    eerste = _synthetisch()
    assert len(eerste["clienten"]) == 40
    assert len(eerste["trajecten"]) == 100
    assert len(eerste["berichten"]) == 330
    assert Bericht.objects.filter(sleutel__startswith="SYN/").count() == 330
    # every trajectory is consistent with the model's rules
    for _product, start, eind, status in eerste["trajecten"]:
        assert eind is None or (start is not None and eind >= start)
        assert (status == "lopend") == (start is not None and eind is None)

    _wis()
    call_command("genereer_data", *KLEIN, "--seed", "7", stdout=StringIO())
    assert _synthetisch() == eerste

    _wis()
    call_command("genereer_data", *KLEIN, "--seed", "8", stdout=StringIO())
    assert _synthetisch() != eerste


@pytest.mark.django_db
def test_generator_refuses_the_national_scale_on_sqlite(wereld):
    if connection.vendor != "sqlite":
        pytest.skip("alleen op SQLite")
    with pytest.raises(CommandError, match="alleen in PostgreSQL"):
        call_command("genereer_data", "--schaal", "landelijk", stdout=StringIO())
    assert not Client.objects.filter(bsn__startswith="1").exists()


@pytest.mark.django_db
def test_generator_explains_missing_demo_and_bad_counts():
    with pytest.raises(CommandError, match="Laad eerst de demo"):
        call_command("genereer_data", "--schaal", "klein", stdout=StringIO())
    with pytest.raises(CommandError, match="positief getal"):
        call_command("genereer_data", "--clienten", "0", stdout=StringIO())
    with pytest.raises(CommandError, match="minstens zoveel trajecten"):
        call_command("genereer_data", "--clienten", "10", "--trajecten", "5", stdout=StringIO())


def test_schalen_match_the_issue():
    landelijk = synthetisch.SCHALEN["landelijk"]
    assert (landelijk.gemeenten, landelijk.clienten) == (342, 1_000_000)
    assert (landelijk.trajecten, landelijk.berichten) == (3_000_000, 10_000_000)


@pytest.mark.django_db
def test_generated_rows_make_the_summaries_over_their_dates_stale(wereld):
    """The generator writes without signals; a period summarised before it would show old figures."""
    binnen = Cijferperiode.objects.create(
        van=date(2026, 1, 1), tot=date(2026, 3, 31), vervallen=False
    )
    buiten = Cijferperiode.objects.create(
        van=date(2030, 1, 1), tot=date(2030, 3, 31), vervallen=False
    )
    stand = Berichtstand.objects.create(vervallen=False)
    wachtenden = Wachtstand.objects.create(vervallen=False, peildatum=date(2026, 12, 1))
    assert not binnen.vervallen and not stand.vervallen
    call_command("genereer_data", *KLEIN, stdout=StringIO())
    binnen.refresh_from_db()
    buiten.refresh_from_db()
    stand.refresh_from_db()
    wachtenden.refresh_from_db()
    assert binnen.vervallen and stand.vervallen and wachtenden.vervallen
    assert not buiten.vervallen
