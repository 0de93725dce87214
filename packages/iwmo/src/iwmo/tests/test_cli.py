"""``python -m iwmo validate``: run as a real subprocess, as a user would from the project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import iwmo

# The folder that holds the package, so the subprocess imports this very copy of it.
SRC = Path(iwmo.__file__).resolve().parents[1]


def run(*args: str, cwd: Path = SRC) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "iwmo", "validate", *args],
        cwd=cwd,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def regels(uitvoer: str) -> list[dict]:
    return [json.loads(regel) for regel in uitvoer.splitlines()]


@pytest.fixture
def kapot(tmp_path: Path, reference_dir: Path) -> Path:
    """A folder with broken files next to one good message, one level deep."""
    map_ = tmp_path / "inbox" / "sub"
    map_.mkdir(parents=True)
    goed = (reference_dir / "examples/WMO305.xml").read_bytes()
    (map_ / "goed.xml").write_bytes(goed)
    (map_ / "leeg.xml").write_bytes(b"")
    (map_ / "document.xml").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    (map_ / "oud.xml").write_bytes(goed.replace(b"/3_2/", b"/3_1/"))
    (map_ / "afgekapt.xml").write_bytes(goed[: len(goed) // 2])
    (map_ / "xxe.xml").write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    )
    (map_ / "latin1.xml").write_bytes(goed.replace(b"UTF-8", b"UTF-16"))
    (map_ / "bsn.xml").write_bytes(goed.replace(b"999900006", b"999900007"))
    (map_ / "negeren.txt").write_text("geen xml")
    return tmp_path / "inbox"


def test_official_examples_are_ok_with_exit_code_0(reference_dir):
    uitslag = run(str(reference_dir / "examples"), "--datum", "2026-01-15")

    assert uitslag.returncode == 0, uitslag.stdout + uitslag.stderr
    regels_ = uitslag.stdout.splitlines()
    assert sum(regel.startswith("OK  ") for regel in regels_) == 7
    assert "Traceback" not in uitslag.stderr


def test_json_gives_one_object_per_message(reference_dir):
    uitslag = run(
        "--json",
        str(reference_dir / "examples/WMO301.xml"),
        str(reference_dir / "examples/WMO323.xml"),
    )

    objecten = regels(uitslag.stdout)
    assert uitslag.returncode == 0
    assert [o["path"].rsplit("/", 1)[-1] for o in objecten] == ["WMO301.xml", "WMO323.xml"]
    assert all(o["valid"] is True and o["findings"] == [] for o in objecten)


def test_broken_files_in_a_folder_are_reported_not_skipped(kapot):
    uitslag = run("--json", str(kapot))

    assert uitslag.returncode == 1
    assert "Traceback" not in uitslag.stderr
    per_naam = {Path(o["path"]).name: o for o in regels(uitslag.stdout)}
    assert sorted(per_naam) == sorted(
        [
            "goed.xml",
            "leeg.xml",
            "document.xml",
            "oud.xml",
            "afgekapt.xml",
            "xxe.xml",
            "latin1.xml",
            "bsn.xml",
        ]
    )
    assert per_naam["goed.xml"]["valid"] is True
    for naam, obj in per_naam.items():
        if naam == "goed.xml":
            continue
        assert obj["valid"] is False, naam
        assert obj["findings"], naam
        for finding in obj["findings"]:
            assert set(finding) >= {"rule", "xpath", "message"}
            assert finding["message"]
    assert per_naam["leeg.xml"]["findings"][0]["rule"] == "XML"
    assert "3.1" in per_naam["oud.xml"]["findings"][0]["message"]
    assert "DOCTYPE" in per_naam["xxe.xml"]["findings"][0]["message"]
    assert [(f["rule"], f["xpath"]) for f in per_naam["bsn.xml"]["findings"]] == [
        ("CS002", "/Bericht/Client/Bsn")
    ]


def test_text_output_lists_findings_under_the_file(kapot):
    uitslag = run(str(kapot / "sub" / "bsn.xml"))

    assert uitslag.returncode == 1
    assert uitslag.stdout.splitlines()[0].startswith("ONGELDIG")
    assert (
        "[CS002] /Bericht/Client/Bsn: BSN 999900007 voldoet niet aan de elfproef." in uitslag.stdout
    )


def test_missing_path_and_empty_folder_are_failures(tmp_path):
    ontbreekt = run("--json", str(tmp_path / "bestaat-niet.xml"))
    leeg = run(str(tmp_path))

    assert ontbreekt.returncode == 1
    assert regels(ontbreekt.stdout)[0]["valid"] is False
    assert leeg.returncode == 1
    assert "Geen XML-bestanden" in leeg.stderr


def test_usage_errors_exit_with_2():
    assert run().returncode == 2
    assert run("--datum", "morgen", "x.xml").returncode == 2
    assert run("--werkers", "0", "x.xml").returncode == 2
    assert run("--werkers", "twee", "x.xml").returncode == 2


@pytest.fixture
def map_met_berichten(tmp_path: Path) -> Path:
    """Our example of every message type (14), each also cut in half and with a letter in the
    BSN (11 types have one), in five folders: more files than one chunk of a worker."""
    from iwmo.voorbeelden import voorbeelden

    for deel in range(5):
        map_ = tmp_path / f"deel{deel}"
        map_.mkdir()
        for naam, xml in voorbeelden().items():
            (map_ / naam).write_bytes(xml)
            (map_ / f"bsn-{naam}").write_bytes(xml.replace(b"Bsn>", b"Bsn>x", 1))
            (map_ / f"half-{naam}").write_bytes(xml[: len(xml) // 2])
    return tmp_path


@pytest.mark.parametrize("formaat", [(), ("--json",)])
def test_workers_give_the_same_output_in_the_same_order(map_met_berichten, formaat):
    een = run(*formaat, str(map_met_berichten))
    twee = run(*formaat, "--werkers", "2", str(map_met_berichten))

    assert "Traceback" not in een.stderr + twee.stderr
    assert een.returncode == twee.returncode == 1
    assert twee.stdout == een.stdout
    # per folder: 14 valid examples, 14 cut, 11 with a wrong BSN and 3 without a BSN to break
    assert sorted(uitslagen(een.stdout, formaat)) == [False] * 5 * 25 + [True] * 5 * 17


def test_workers_pass_file_names_that_are_not_utf8_unchanged(map_met_berichten):
    vreemd = map_met_berichten / "deel0" / "caf\udce9.xml"  # b"caf\xe9.xml" on disk
    vreemd.write_bytes((map_met_berichten / "deel0" / "half-WMO301.xml").read_bytes())
    een = run(str(map_met_berichten))
    twee = run("--werkers", "3", str(map_met_berichten))

    assert twee.stdout == een.stdout
    assert "caf\\udce9.xml" in een.stdout  # shown with backslashreplace, not a crash


def test_a_worker_that_dies_ends_the_run_with_a_message_and_what_was_done(
    map_met_berichten, monkeypatch, capsys
):
    import os
    import signal

    from iwmo import cli

    ouder = os.getpid()
    echt = cli._verslag

    def sterft_buiten_de_ouder(groep, *args):
        if os.getpid() != ouder:
            os.kill(os.getpid(), signal.SIGKILL)
        return echt(groep, *args)

    monkeypatch.setattr(cli, "_verslag", sterft_buiten_de_ouder)
    status = cli.main(["validate", "--werkers", "2", str(map_met_berichten)])
    uit = capsys.readouterr()

    # 210 files in groups of 27: the parent's first group was written, the child's never came
    assert status == 2
    assert "Traceback" not in uit.err
    assert "Een werkproces stopte onverwacht na 27 bericht(en)" in uit.err
    assert len(uitslagen(uit.out, ())) == 27


@pytest.mark.parametrize("werkers", ["1", "2"])
def test_a_reader_that_stops_early_ends_the_run_quietly(map_met_berichten, werkers):
    """``python -m iwmo validate map/ | head -1``: no traceback, the shell's code for SIGPIPE,
    and no worker left behind."""
    import shutil

    for kopie in range(8):  # ~2,000 files: more output than a pipe holds
        shutil.copytree(map_met_berichten / "deel0", map_met_berichten / f"kopie{kopie}")
        shutil.copytree(map_met_berichten / "deel1", map_met_berichten / f"kopie{kopie}b")
    proces = subprocess.Popen(
        [sys.executable, "-m", "iwmo", "validate", "--werkers", werkers, str(map_met_berichten)],
        cwd=SRC,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proces.stdout.readline().startswith((b"OK  ", b"ONGELDIG  "))
    proces.stdout.close()  # the reader stops after one line, as head -1 does
    fouten = proces.stderr.read().decode()
    assert proces.wait(timeout=60) == 141, fouten
    assert fouten == ""


def uitslagen(uitvoer: str, formaat: tuple[str, ...]) -> list[bool]:
    if formaat:
        return [o["valid"] for o in regels(uitvoer)]
    return [r.startswith("OK  ") for r in uitvoer.splitlines() if r.startswith(("OK  ", "ONG"))]


def test_xsd_dir_adds_the_official_schema_check(kapot, reference_dir):
    bsn_fout = kapot / "sub" / "letters.xml"
    bsn_fout.write_bytes(
        (kapot / "sub" / "goed.xml").read_bytes().replace(b"999900006", b"99990000X")
    )

    uitslag = run(
        "--json",
        "--xsd-dir",
        str(reference_dir / "xsd"),
        str(bsn_fout),
        str(kapot / "sub" / "goed.xml"),
    )

    fout, goed = regels(uitslag.stdout)
    assert {f["rule"] for f in fout["findings"]} == {"RS037", "XSD-OFFICIEEL"}  # 9 digits
    assert goed["valid"] is True
    assert uitslag.returncode == 1


def test_tr135_uses_the_given_date(reference_dir):
    uitslag = run("--json", "--datum", "2025-04-04", str(reference_dir / "examples/WMO305.xml"))

    obj = regels(uitslag.stdout)[0]
    assert uitslag.returncode == 1
    assert [f["rule"] for f in obj["findings"]] == ["TR135"]


def test_retour_writes_a_retour_per_message_with_layer3_across_the_files(tmp_path: Path):
    from iwmo.berichten import build, parse

    from . import factories

    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "1-vot.xml").write_bytes(build(factories.wmo315_bericht()))
    (inbox / "2-vot-dubbel.xml").write_bytes(build(factories.wmo315_bericht()))  # TR056
    (inbox / "3-kapot.xml").write_bytes(b"<Bericht")
    uit = tmp_path / "uit"

    opdracht = ["retour", str(inbox), "--out", str(uit), "--datum", "2026-01-05"]
    proces = subprocess.run(
        [sys.executable, "-m", "iwmo", *opdracht],
        cwd=SRC,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert proces.returncode == 1, proces.stderr  # the broken file gets no retour
    assert "GEEN RETOUR" in proces.stdout and "3-kapot.xml" in proces.stdout
    assert "Traceback" not in proces.stderr
    eerste = parse((uit / "1-vot.wmo316.xml").read_bytes())
    tweede = parse((uit / "2-vot-dubbel.wmo316.xml").read_bytes())
    assert eerste.header.retour_codes == []
    assert tweede.header.retour_codes == ["9056"]


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "a"],
        ["validate", "a", "b/", "./c//d"],
        ["validate", "--json", "a"],
        ["validate", "a", "b", "--datum", "2026-01-05", "--werkers", "3", "--json"],
        ["validate", "--werkers", "2", "--datum", "2026-12-31", "a", "--werkers", "01"],
        ["validate", "", "a"],
    ],
)
def test_the_quick_reading_of_validate_equals_argparse(argv):
    from iwmo.cli import _parser, _validate_eenvoudig

    snel = _validate_eenvoudig(argv)
    assert snel is not None
    assert vars(snel) == vars(_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["validate"],
        ["validate", "a", "--json", "b"],  # argparse: unrecognized arguments
        ["validate", "--datum", "20260105", "a"],  # argparse reads it (or explains)
        ["validate", "--datum", "2026-13-01", "a"],
        ["validate", "--datum=2026-01-05", "a"],
        ["validate", "--werkers", "0", "a"],
        ["validate", "--werkers", "²", "a"],
        ["validate", "--wer", "2", "a"],
        ["validate", "--xsd-dir", "x", "a"],
        ["validate", "-h"],
        ["validate", "--", "a"],
        ["validate", "a", "--datum"],
        ["retour", "a", "--out", "b"],
        [],
    ],
)
def test_anything_else_is_left_to_argparse(argv):
    from iwmo.cli import _validate_eenvoudig

    assert _validate_eenvoudig(argv) is None


@pytest.mark.parametrize(
    "pad", ["a", "a/", "./a", "a//b/./c/", "/a/b", "//a", "///a", ".", "", "./"]
)
def test_folder_names_are_shown_as_pathlib_writes_them(pad):
    from iwmo.cli import _als_path

    assert _als_path(pad) == str(Path(pad))


def test_validate_starts_without_argparse_and_pathlib():
    code = (
        "import sys, iwmo.cli as c; c.main(['validate', '--datum', '2026-01-05', 'nergens']);"
        "print(sorted({'argparse', 'pathlib', 'shutil'} & set(sys.modules)))"
    )
    uitslag = subprocess.run(
        [sys.executable, "-c", code],
        cwd=SRC,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert uitslag.stdout.splitlines()[-1] == "[]", uitslag.stdout + uitslag.stderr


@pytest.mark.parametrize(
    ("aantal", "werkers", "grootte"),
    [(5000, 2, 256), (20000, 4, 256), (300, 2, 38), (10, 2, 2), (1, 2, 1), (0, 2, 1)],
)
def test_groups_for_workers_are_large_yet_at_least_four_per_worker(aantal, werkers, grootte):
    from iwmo.cli import _groepgrootte

    assert _groepgrootte(aantal, werkers) == grootte
