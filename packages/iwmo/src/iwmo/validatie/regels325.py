"""Layer 2 for the WMO325 (declaratie-antwoord) as the aanbieder receives it.

The 325 is the gemeente's answer to a 323: its Prestaties are 323 Prestaties with retourcodes.
The rules of the 323 that can be checked inside the answer apply to it too (CD060, CS325,
TR101, TR137; CS002, CS015 and CS025 are registered for it in :mod:`.regels`), plus TR134 (the answered claim is not dated after the answer) and
TR342 (only rejected Prestaties are listed). The cross-message rules of the 325 (TR337, TR366,
TR367, TR376) are in :mod:`.laag3`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from ..berichten import wmo325
from .regels import Context, Uitkomst, _d, _dagtekening, regel

A = "/Bericht/DeclaratieAntwoord"
_GOEDGEKEURD = "0200"


def _clienten(bericht: wmo325.Wmo325Bericht) -> Iterator[tuple[str, wmo325.Client]]:
    antwoord = bericht.declaratie_antwoord
    for i, client in enumerate(antwoord.clienten if antwoord else [], 1):
        yield f"{A}/Clienten/Client[{i}]", client


def prestaties_325(bericht: wmo325.Wmo325Bericht) -> Iterator[tuple[str, str, Any]]:
    """(XPath, Bsn, Prestatie) of every Prestatie the answer lists."""
    for pad, client in _clienten(bericht):
        for j, prestatie in enumerate(client.prestaties, 1):
            yield f"{pad}/Prestaties/Prestatie[{j}]", client.bsn, prestatie


@regel("CS325", "wmo325", omschrijving="Een bedrag 0 heeft DebetCredit D.")
def cs325_325(bericht: wmo325.Wmo325Bericht, ctx: Context) -> Uitkomst:
    antwoord = bericht.declaratie_antwoord
    if antwoord is None:
        return
    for naam, totaal in (
        ("TotaalIngediendBedrag", antwoord.totaal_ingediend_bedrag),
        ("TotaalToegekendBedrag", antwoord.totaal_toegekend_bedrag),
    ):
        if totaal.totaal_bedrag == 0 and totaal.debet_credit != "D":
            yield f"{A}/{naam}/DebetCredit", "Een bedrag van 0 krijgt DebetCredit D."
    for pad, _bsn, prestatie in prestaties_325(bericht):
        bedrag = prestatie.ingediend_bedrag
        if bedrag.bedrag == 0 and bedrag.debet_credit != "D":
            yield f"{pad}/IngediendBedrag/DebetCredit", "Een bedrag van 0 krijgt DebetCredit D."


@regel("CD060", "wmo325", omschrijving="VorigReferentieNummer alleen en verplicht bij credit.")
def cd060_325(bericht: wmo325.Wmo325Bericht, ctx: Context) -> Uitkomst:
    for pad, _bsn, prestatie in prestaties_325(bericht):
        credit = prestatie.ingediend_bedrag.debet_credit == "C"
        vorig = prestatie.product_referentie.vorig_referentie_nummer
        if credit != (vorig is not None):
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                "VorigReferentieNummer is gevuld bij, en alleen bij, een creditregel.",
            )


@regel("TR101", "wmo325", omschrijving="Geen dubbele regels: de logische sleutel is uniek.")
def tr101_325(bericht: wmo325.Wmo325Bericht, ctx: Context) -> Uitkomst:
    bsns = Counter(client.bsn for _pad, client in _clienten(bericht))
    for pad, client in _clienten(bericht):
        if bsns[client.bsn] > 1:
            yield f"{pad}/Bsn", f"Client {client.bsn} staat meer dan eens in het antwoord."
    nummers = Counter(p.product_referentie.referentie_nummer for *_, p in prestaties_325(bericht))
    for pad, _bsn, prestatie in prestaties_325(bericht):
        nummer = prestatie.product_referentie.referentie_nummer
        if nummers[nummer] > 1:
            yield (
                f"{pad}/ProductReferentie/ReferentieNummer",
                f"Prestatie {nummer!r} staat meer dan eens in het antwoord.",
            )


@regel(
    "TR134",
    "wmo325",
    omschrijving="De beantwoorde declaratie is niet gedateerd na de Dagtekening van het antwoord.",
)
def tr134_325(bericht: wmo325.Wmo325Bericht, ctx: Context) -> Uitkomst:
    gedateerd = bericht.header.declaratie_identificatie.dagtekening
    if gedateerd > _dagtekening(bericht):
        yield (
            "/Bericht/Header/DeclaratieIdentificatie/Dagtekening",
            f"De declaratie ({_d(gedateerd)}) is gedateerd na dit antwoord "
            f"({_d(_dagtekening(bericht))}).",
        )


@regel(
    "TR137",
    "wmo325",
    omschrijving="Einddatum van een ProductPeriode ligt op/na de Begindatum.",
)
def tr137_325(bericht: wmo325.Wmo325Bericht, ctx: Context) -> Uitkomst:
    for pad, _bsn, prestatie in prestaties_325(bericht):
        periode = prestatie.product_periode
        if periode.einddatum < periode.begindatum:
            yield (
                f"{pad}/ProductPeriode/Einddatum",
                f"Einddatum {_d(periode.einddatum)} ligt voor Begindatum {_d(periode.begindatum)}.",
            )


@regel("TR342", "wmo325", omschrijving="Het antwoord noemt alleen afgewezen prestaties.")
def tr342_alleen_afgewezen(bericht: wmo325.Wmo325Bericht, ctx: Context) -> Uitkomst:
    for pad, _bsn, prestatie in prestaties_325(bericht):
        if set(prestatie.retour_codes) <= {_GOEDGEKEURD}:
            yield (
                f"{pad}/RetourCodes",
                "Een goedgekeurde prestatie hoort niet in het declaratie-antwoord: alleen "
                "afgewezen prestaties worden teruggemeld.",
            )
