"""Demo data of the monitoring: inhabitants of the region's municipalities, the disclosure
setting, and the consortium's reported spend for the quarters passed of the demo budget.

Inhabitants are rounded, approximate figures for 1 January (CBS order of magnitude), marked as
demo in their source; replace them with the StatLine figures in ``/beheer/``. Idempotent.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import timezone

from wmoregie.catalogi.models import Gemeente, Regio

from .models import Bestedingsopgave, Cijferinstelling, Inwonertal
from .sturing.demo import laad_demo as laad_sturing

INWONERS = {
    # code: (1 January 2025, 1 January 2026)
    "0307": (160_000, 161_500),
    "0308": (25_000, 25_200),
    "0313": (22_500, 22_800),
    "0317": (9_700, 9_800),
    "0327": (30_500, 30_900),
    "0342": (47_900, 48_200),
    "0351": (14_700, 15_000),
}
BRON = "demo: afgerond, orde van grootte CBS StatLine 1 januari"

# Share of the quarterly budget spent on own staff (plus 0–6 % per municipality) and on
# subcontractors.
AANDEEL_EIGEN = Decimal("0.80")
AANDEEL_ONDERAANNEMERS = Decimal("0.18")


def _centen(bedrag: Decimal) -> Decimal:
    return bedrag.quantize(Decimal("0.01"), ROUND_HALF_UP)


def _inwoners() -> None:
    for code, aantallen in INWONERS.items():
        gemeente = Gemeente.objects.filter(code=code).first()
        if gemeente is None:
            continue
        for jaar, aantal in zip((2025, 2026), aantallen, strict=True):
            Inwonertal.objects.get_or_create(
                gemeente=gemeente, jaar=jaar, defaults={"inwoners": aantal, "bron": BRON}
            )


def _bestedingen(vandaag: date) -> None:
    from wmoregie.contracten.models import Budgetaandeel

    for aandeel in Budgetaandeel.objects.select_related("budget__overeenkomst", "gemeente"):
        jaar = aandeel.budget.jaar
        for kwartaal in range(1, 5):
            einde = date(jaar, kwartaal * 3, 1)
            if (einde.year, einde.month) >= (vandaag.year, vandaag.month):
                break
            variatie = Decimal(int(aandeel.gemeente.code) % 7) / 100  # 0 – 6 %
            kwart = aandeel.bedrag / 4
            Bestedingsopgave.objects.get_or_create(
                overeenkomst=aandeel.budget.overeenkomst,
                gemeente=aandeel.gemeente,
                jaar=jaar,
                kwartaal=kwartaal,
                defaults={
                    "eigen_personeel": _centen(kwart * (AANDEEL_EIGEN + variatie)),
                    "onderaannemers": _centen(kwart * AANDEEL_ONDERAANNEMERS),
                },
            )


@transaction.atomic
def laad_demo() -> None:
    _inwoners()
    for regio in Regio.objects.all():
        Cijferinstelling.objects.get_or_create(regio=regio)
    _bestedingen(timezone.localdate())
    laad_sturing()
