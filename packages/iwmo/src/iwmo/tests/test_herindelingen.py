"""The CBS gemeentecodes over time (TR378): the 2026 list with the reorganisations since 2019."""

from datetime import date

import pytest

from iwmo.validatie.gemeentecodes import CBS_GEMEENTECODES_2026
from iwmo.validatie.herindelingen import NIEUW, OPGEHEVEN, codes_op, geldig_op


@pytest.mark.parametrize(
    ("datum", "aantal"),
    [
        (date(2019, 1, 1), 355),
        (date(2020, 6, 1), 355),
        (date(2021, 1, 1), 352),
        (date(2022, 1, 1), 345),
        (date(2022, 3, 24), 344),
        (date(2023, 1, 1), 342),
        (date(2026, 1, 1), 342),
    ],
)
def test_the_number_of_municipalities_per_date_is_the_one_cbs_published(datum, aantal):
    assert len(codes_op(datum)) == aantal


def test_new_codes_are_in_the_2026_list_and_abolished_ones_are_not():
    assert NIEUW.keys() <= CBS_GEMEENTECODES_2026
    assert not OPGEHEVEN.keys() & CBS_GEMEENTECODES_2026
    assert codes_op(date(2026, 1, 1)) == CBS_GEMEENTECODES_2026


def test_a_code_outside_the_overview_cannot_be_judged_before_2019():
    assert geldig_op("0001", date(2018, 12, 31)) is None
    assert geldig_op("0001", date(2019, 1, 1)) is False
    assert geldig_op("1966", date(2018, 12, 31)) is False  # Het Hogeland began in 2019
