"""Fuzzing (#14 C.3): hostile input through forms, the API, uploads and the XML intakes.

0 unhandled exceptions and 0 state changes from refused input, per door. CI runs a few
thousand inputs (``WMOREGIE_FUZZ_N``, default 1,000, shared over the doors by weight);
``make fuzz`` runs 100,000 and prints the figures (see docs/security.md).
"""

import os
from datetime import date

from django.test import Client

import pytest
from drf_spectacular.generators import SchemaGenerator

from wmoregie.accounts.models import User
from wmoregie.tests import fuzzing
from wmoregie.tests.routes import alle_routes

TOTAAL = int(os.environ.get("WMOREGIE_FUZZ_N", "1000"))
VAST = "WMOREGIE_FUZZ_N" not in os.environ  # CI runs the same inputs every time
AANDEEL = {"uploads": 0.25, "iwmo": 0.45, "uitwisseling": 0.10, "formulieren": 0.12, "api": 0.08}


def _aantal(doel: str) -> int:
    return max(1, round(TOTAAL * AANDEEL[doel]))


def _meld(telling: fuzzing.Telling) -> None:
    print(f"\n{fuzzing.KOP}\n{telling.regel()}")
    for fout in sorted({f[:1500] for f in telling.onafgevangen + telling.toestandswijzigingen})[
        :40
    ]:
        print("  -", fout[:1500])
    assert telling.pogingen > 0
    assert telling.onafgevangen == [], telling.onafgevangen[:5]
    assert telling.toestandswijzigingen == [], telling.toestandswijzigingen[:5]


def test_uploads_are_refused_or_accepted_never_crash():
    telling = fuzzing.draai(
        "uploads", fuzzing.upload_strategie(), fuzzing.probeer_upload, _aantal("uploads"), vast=VAST
    )
    _meld(telling)
    assert telling.geweigerd > 0  # the mutations reach the refusals


def test_iwmo_messages_get_findings_and_only_valid_retours():
    telling = fuzzing.draai(
        "iwmo (bibliotheek)",
        fuzzing.iwmo_strategie(),
        fuzzing.probeer_iwmo,
        _aantal("iwmo"),
        vast=VAST,
    )
    _meld(telling)
    assert telling.geweigerd > 0


@pytest.mark.django_db
def test_iwmo_files_in_the_exchange_are_each_stored_once_and_archived(tmp_path):
    from iwmo.tests import factories

    probeer = fuzzing.probeer_uitwisseling(tmp_path, factories.GEMEENTE, date(2026, 1, 5))
    telling = fuzzing.draai(
        "iwmo (uitwisseling)", fuzzing.iwmo_strategie(), probeer, _aantal("uitwisseling"), vast=VAST
    )
    _meld(telling)


@pytest.fixture
def demo_gebruikers(kleine_demo):
    gebruikers = {}
    for gebruiker in User.objects.filter(is_superuser=False).order_by("username"):
        gebruikers.setdefault(frozenset(gebruiker.rollen()), gebruiker)
    return list(gebruikers.values())


def _clients(gebruikers) -> dict:
    clients = {}
    for gebruiker in gebruikers:
        clients[gebruiker.pk] = Client(
            raise_request_exception=True
        )  # the traceback names the fault
        clients[gebruiker.pk].force_login(gebruiker)
    return clients


@pytest.mark.django_db
def test_every_form_of_every_role_refuses_hostile_input_without_writing(demo_gebruikers):
    pagina_s = [adres for adres, _toegang in alle_routes() if not adres.startswith("/api/")]
    formulieren = fuzzing.formulieren(demo_gebruikers, pagina_s)
    assert len(formulieren) > 30, "de formulieren worden niet gevonden"

    telling = fuzzing.draai(
        "formulieren",
        fuzzing.formulier_strategie(formulieren),
        fuzzing.probeer_formulier(_clients(demo_gebruikers)),
        _aantal("formulieren"),
        vast=VAST,
    )
    _meld(telling)
    assert telling.geweigerd > 0


@pytest.mark.django_db
def test_every_writing_api_operation_refuses_hostile_json_without_writing(demo_gebruikers):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operaties = fuzzing.api_operaties(schema)
    assert len(operaties) >= 5, "de API-operaties worden niet gevonden"

    telling = fuzzing.draai(
        "api",
        fuzzing.api_strategie(operaties, demo_gebruikers),
        fuzzing.probeer_api(_clients(demo_gebruikers)),
        _aantal("api"),
        vast=VAST,
    )
    _meld(telling)
    assert telling.geweigerd > 0


def test_a_write_rolled_back_to_its_savepoint_does_not_count_and_a_kept_one_does():
    statements = [
        'INSERT INTO "audit_auditentry" VALUES (1)',
        'SAVEPOINT "s1"',
        'INSERT INTO "clienten_client" VALUES (1)',
        'ROLLBACK TO SAVEPOINT "s1"',
        'RELEASE SAVEPOINT "s1"',
        'SAVEPOINT "s2"',
        'UPDATE "contracten_overeenkomst" SET x = 1',
        'RELEASE SAVEPOINT "s2"',
    ]

    assert fuzzing.blijvende_schrijfacties(statements) == ["contracten_overeenkomst"]
    assert fuzzing.blijvende_schrijfacties(statements[:5]) == []
