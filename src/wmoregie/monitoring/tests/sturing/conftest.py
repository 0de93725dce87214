"""The small region of the clienten tests, plus shortcuts to make trajectories in any state."""

from datetime import date, datetime
from itertools import count
from zoneinfo import ZoneInfo

from wmoregie.clienten.constants import AanmeldingStatus, TrajectStatus
from wmoregie.clienten.tests.conftest import wereld
from wmoregie.clienten.tests.factories import AanmeldingFactory, ClientFactory, TrajectFactory

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
_nummers = count(1)
# The shared region of the clienten tests, used here as a fixture.
GEDEELDE_FIXTURES = (wereld,)


def nieuw_bsn() -> str:
    """A test BSN in the 999 range that passes the elfproef."""
    while True:
        basis = f"99998{next(_nummers):03d}"
        som = sum(int(c) * (9 - i) for i, c in enumerate(basis))
        controle = som % 11
        if controle < 10:
            return basis + str(controle)


def aanmelding(wereld, *, gemeente=None, overeenkomst=None, product=None, **velden):
    gemeente = gemeente or wereld.amersfoort
    overeenkomst = overeenkomst or wereld.overeenkomst
    return AanmeldingFactory(
        client=ClientFactory(bsn=nieuw_bsn(), gemeente=gemeente),
        gemeente=gemeente,
        overeenkomst=overeenkomst,
        product=product or wereld.begeleiding,
        bron=wereld.bron,
        **velden,
    )


def traject(
    wereld,
    *,
    aangemeld=date(2026, 1, 5),
    start=None,
    eind=None,
    reden="",
    gemeente=None,
    overeenkomst=None,
    product=None,
):
    """A trajectory: waiting without a start, running with one, ended with an end date."""
    status = (
        TrajectStatus.BEEINDIGD
        if eind
        else TrajectStatus.LOPEND
        if start
        else TrajectStatus.WACHTEND
    )
    return TrajectFactory(
        aanmelding=aanmelding(
            wereld,
            gemeente=gemeente,
            overeenkomst=overeenkomst,
            product=product,
            aangemeld_op=aangemeld,
            status=AanmeldingStatus.GEACCEPTEERD,
            besloten_op=datetime(
                aangemeld.year, aangemeld.month, aangemeld.day, 12, tzinfo=AMSTERDAM
            ),
        ),
        status=status,
        startdatum=start,
        einddatum=eind,
        reden_beeindiging=reden if eind else "",
    )
