"""Ingest in groups (``per_transactie`` > 1): the same outcome as one message at a time."""

import shutil
from pathlib import Path

import pytest
from iwmo.berichten import build
from iwmo.tests import factories
from iwmo.tests.test_retour import wmo305_geldig, wmo307_geldig, wmo323_geldig

from wmoregie.iwmo.models import Bericht, Bevinding, Feit
from wmoregie.iwmo.uitwisseling import ingest, mappen, verstuur, verwerking

from .test_uitwisseling import VANDAAG, G, bestanden, vot


def inbox_bestanden(basis: Path) -> None:
    """A mixed inbox: a flow, resends in the same group, a TR056 duplicate, broken files."""
    berichten = {
        "01-start": wmo305_geldig(),
        "02-start-opnieuw": wmo305_geldig(),  # TR074
        "03-stop": wmo307_geldig(),
        "04-vot": factories.wmo315_bericht(),
        "05-vot-zelfde-ref": factories.wmo315_bericht(),  # TR347
        "06-declaratie": wmo323_geldig(),
        "07-declaratie-zelfde-nummer": wmo323_geldig(),  # TR333
    }
    inbox = mappen(basis, G).inbox
    for i, (naam, bericht) in enumerate(berichten.items()):
        bericht.header.bericht_identificatie.identificatie = f"A{i}"
        (inbox / f"{naam}.xml").write_bytes(build(bericht))
    (inbox / "08-a.xml").write_bytes(vot(77))
    (inbox / "09-a-opnieuw.xml").write_bytes(vot(77))  # same file again: processed once
    ander = factories.wmo315_bericht(referentie_aanbieder="VOT-ander")
    ander.header.bericht_identificatie.identificatie = "A77"
    (inbox / "10-a-ander.xml").write_bytes(build(ander))  # same Identificatie: TR056
    (inbox / "11-kapot.xml").write_bytes(b"<Bericht")
    (inbox / "12-kapot-opnieuw.xml").write_bytes(b"<Bericht")
    (inbox / "13-leeg.xml").write_bytes(b"")


def _uitkomst(basis: Path) -> tuple:
    m = mappen(basis, G)
    berichten = sorted(
        (
            b.bestandsnaam,
            b.sleutel,
            b.status,
            b.dubbel_van.bestandsnaam if b.dubbel_van else None,
            b.retourcodes,
            b.retour_bestandsnaam,
            b.retour_geschreven_op is not None,
            tuple((f.regel, f.xpath, f.retourcode) for f in b.bevindingen.all()),
        )
        for b in Bericht.objects.all()
    )
    feiten = sorted((f.soort, f.sleutel, str(f.gegevens)) for f in Feit.objects.all())
    uit = {p.name: p.read_bytes() for p in m.outbox.iterdir()}
    return berichten, feiten, uit, bestanden(m.inbox), bestanden(m.archief)


@pytest.mark.django_db
@pytest.mark.parametrize("per_transactie", [4, 50])
def test_groups_give_the_same_outcome_as_one_by_one(tmp_path, per_transactie):
    uitkomsten = []
    for groep in (1, per_transactie):
        Bevinding.objects.all().delete()
        Bericht.objects.exclude(dubbel_van=None).delete()
        Bericht.objects.all().delete()
        Feit.objects.all().delete()
        basis = tmp_path / f"hub-{groep}"
        verstuur(basis, G, build(factories.wmo301_bericht()), vandaag=VANDAAG)
        inbox_bestanden(basis)
        resultaat = ingest(basis, G, vandaag=VANDAAG, per_transactie=groep)
        uitkomsten.append((resultaat.aantallen, _uitkomst(basis)))

    assert uitkomsten[0] == uitkomsten[1]
    aantallen, (berichten, _, _, inbox, archief) = uitkomsten[1]
    assert aantallen["al-verwerkt"] == 2 and inbox == [] and len(archief) == 13
    assert any(b[0] == "10-a-ander.xml" and b[3] == "08-a.xml" for b in berichten)


@pytest.mark.django_db
def test_a_second_run_of_a_group_stores_nothing_again(tmp_path):
    verstuur(tmp_path, G, build(factories.wmo301_bericht()), vandaag=VANDAAG)
    inbox_bestanden(tmp_path)
    m = mappen(tmp_path, G)
    kopie = tmp_path / "kopie"
    shutil.copytree(m.inbox, kopie)
    ingest(tmp_path, G, vandaag=VANDAAG, per_transactie=10)
    voor = _uitkomst(tmp_path)[:3]
    for pad in kopie.iterdir():  # the whole batch once more (a crash before archiving)
        shutil.copy(pad, m.inbox / pad.name)

    resultaat = ingest(tmp_path, G, vandaag=VANDAAG, per_transactie=10)

    assert resultaat.aantallen == {"al-verwerkt": 13}
    assert _uitkomst(tmp_path)[:3] == voor


@pytest.mark.django_db
def test_one_failing_message_does_not_cost_the_others_their_work(tmp_path, monkeypatch):
    for i in range(6):
        (mappen(tmp_path, G).inbox / f"{i}.xml").write_bytes(vot(i))
    echte = verwerking.beoordeel

    def soms_stuk(gelezen, **opties):
        if b"<iwmo:Identificatie>A3<" in (getattr(gelezen, "data", None) or gelezen):
            raise RuntimeError("stuk")
        return echte(gelezen, **opties)

    monkeypatch.setattr(verwerking, "beoordeel", soms_stuk)

    resultaat = ingest(tmp_path, G, vandaag=VANDAAG, per_transactie=10)

    m = mappen(tmp_path, G)
    assert resultaat.aantallen == {"geaccepteerd": 5, "fout": 1}
    assert bestanden(m.inbox) == ["3.xml"]  # stays for the next run
    assert len(bestanden(m.archief)) == 5 and len(bestanden(m.outbox)) == 5
    assert Bericht.objects.count() == 5
    monkeypatch.setattr(verwerking, "beoordeel", echte)
    assert ingest(tmp_path, G, vandaag=VANDAAG, per_transactie=10).aantallen == {"geaccepteerd": 1}
