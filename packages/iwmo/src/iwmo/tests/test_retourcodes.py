"""Every retourcode of the code list has a Dutch meaning for the people who act on it."""

from iwmo.retourcodes import BETEKENIS, afgekeurd, betekenis
from iwmo.validatie.xsdfeiten import EENVOUDIGE_TYPEN


def test_every_code_of_the_code_list_has_a_meaning():
    codes = set(EENVOUDIGE_TYPEN["iwmo:LDT_RetourCode"]["enumeratie"])
    assert codes <= set(BETEKENIS), sorted(codes - set(BETEKENIS))
    assert all(tekst.endswith(".") and tekst[0].isupper() for tekst in BETEKENIS.values())


def test_an_unknown_code_is_named_not_hidden():
    assert betekenis("1234") == "Retourcode 1234."


def test_only_remarks_other_than_approval_reject():
    assert not afgekeurd(["0200", "0233", "8001"])
    assert afgekeurd(["0200", "9307"])
    assert afgekeurd(["0001"])
