"""The sealed storage syncs what it writes before the transaction that names the file commits."""

import os

from django.core.files.base import ContentFile

from wmoregie.kluis import opslag


def test_a_saved_file_and_its_folder_are_synced_and_rotation_replaces_via_a_synced_copy(
    tmp_path, monkeypatch
):
    gesynct = []
    echte_fsync = os.fsync

    def fsync(fd):
        gesynct.append(os.readlink(f"/proc/self/fd/{fd}"))
        echte_fsync(fd)

    monkeypatch.setattr(opslag.os, "fsync", fsync)
    opslag_ = opslag.VerzegeldeOpslag(location=tmp_path, context="test.bestand")

    naam = opslag_.save("a/b.pdf", ContentFile(b"%PDF- inhoud"))

    pad = opslag_.path(naam)
    assert gesynct == [pad, str(tmp_path / "a")]
    with opslag_.open(naam) as bestand:
        assert bestand.read() == b"%PDF- inhoud"

    gesynct.clear()
    opslag_.schrijf_ruw(naam, opslag_.lees_ruw(naam))
    assert gesynct == [f"{pad}.nieuw", str(tmp_path / "a")]
    assert not os.path.exists(f"{pad}.nieuw")
    with opslag_.open(naam) as bestand:
        assert bestand.read() == b"%PDF- inhoud"
