"""Date arithmetic for terms and expiry dates (no third-party dependency)."""

import calendar
from datetime import date


def plus_maanden(datum: date, maanden: int) -> date:
    """``datum`` plus whole calendar months; the 31st becomes the last day of a shorter month."""
    index = datum.month - 1 + maanden
    jaar, maand = datum.year + index // 12, index % 12 + 1
    return date(jaar, maand, min(datum.day, calendar.monthrange(jaar, maand)[1]))
