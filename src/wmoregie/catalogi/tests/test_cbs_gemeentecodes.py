import re

import pytest

from wmoregie.catalogi.cbs_gemeentecodes import CBS_GEMEENTECODES


@pytest.mark.shared
def test_our_cbs_table_equals_the_iwmo_reference_list(shared_dir):
    tekst = (shared_dir / "reference/iwmo-3.2/codelists/CBS_Gemeentecodes.md").read_text(
        encoding="utf-8"
    )
    referentie = dict(re.findall(r"^\|\s*(\d{4})\s*\|\s*([^|]+?)\s*\|", tekst, re.MULTILINE))
    assert referentie == CBS_GEMEENTECODES
    assert len(CBS_GEMEENTECODES) == 342


def test_the_municipalities_of_regio_amersfoort_have_their_cbs_codes():
    assert CBS_GEMEENTECODES["0307"] == "Amersfoort"
    assert CBS_GEMEENTECODES["0351"] == "Woudenberg"
