import re

import pytest
from iwmo.validatie.gemeentecodes import CBS_GEMEENTECODES_2026


@pytest.mark.shared
def test_the_cbs_codes_we_validate_against_equal_the_iwmo_reference_list(shared_dir):
    tekst = (shared_dir / "reference/iwmo-3.2/codelists/CBS_Gemeentecodes.md").read_text(
        encoding="utf-8"
    )
    referentie = set(re.findall(r"^\|\s*(\d{4})\s*\|", tekst, re.MULTILINE))
    assert referentie == CBS_GEMEENTECODES_2026
    assert len(CBS_GEMEENTECODES_2026) == 342


def test_the_municipalities_of_regio_amersfoort_are_in_the_cbs_list():
    assert {"0307", "0308", "0313", "0317", "0327", "0342", "0351"} <= CBS_GEMEENTECODES_2026
