"""Layer 3 rules on requests (315, 317) and their answers (319), against the requests kept in
the history as :class:`~.laag3.Verzoek` (``registreer`` of the 315/317, then of the 301 or 319
that answers it).

- TR374 (315, 317): no new request while one of the same client at the same aanbieder is open
  (no 301 with its ReferentieAanbieder and no refusing 319 yet).
- TR359 (319): no answer on a request that a 301 already answered.
- TR360 (319): "in onderzoek" (VerzoekAntwoord 2) only as the first answer.
- TR365 (319): a second answer only after an earlier "in onderzoek".

The 319 has no BSN: the request is found by the aanbieder and its ReferentieAanbieder.
"""

from __future__ import annotations

from typing import Any

from ..berichten import wmo315, wmo319
from .laag3 import C, Context3, Uitkomst, Variant, _referenties, gemeente_en_aanbieder, regel3

_IN_ONDERZOEK = "2"


@regel3(
    "TR374",
    "wmo315",
    "wmo317",
    omschrijving="Geen nieuw verzoek zolang een verzoek voor de client bij deze aanbieder "
    "onderhanden is.",
)
def tr374_geen_tweede_verzoek(bericht: Any, ctx: Context3) -> Uitkomst:
    if ctx.variant is Variant.TAAKGERICHT:
        return  # VARIANT refuses requests there
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    eigen = {referentie for _pad, referentie in _referenties(bericht)}
    open_ = sorted(
        v.referentie
        for v in ctx.historie.verzoeken(gemeente, aanbieder, bericht.client.bsn)
        if v.onderhanden and v.referentie not in eigen  # a reused reference is TR347
    )
    if open_:
        pad = C if isinstance(bericht, wmo315.Wmo315Bericht) else f"{C}/Verzoek"
        yield (
            pad,
            f"Er is al een verzoek voor deze client in behandeling ({', '.join(open_)}); "
            "wacht op de toewijzing of de afwijzing daarvan.",
        )


def _verzoek(bericht: wmo319.Wmo319Bericht, ctx: Context3):
    _, aanbieder = gemeente_en_aanbieder(bericht)
    return ctx.historie.verzoek(aanbieder, bericht.antwoord.referentie_aanbieder)


A = "/Bericht/Antwoord"


@regel3(
    "TR359",
    "wmo319",
    omschrijving="Geen antwoordbericht op een verzoek waarop al een toewijzing is gestuurd.",
)
def tr359_niet_na_toewijzing(bericht: wmo319.Wmo319Bericht, ctx: Context3) -> Uitkomst:
    verzoek = _verzoek(bericht, ctx)
    if verzoek is not None and verzoek.status == "toegewezen":
        yield (
            f"{A}/ReferentieAanbieder",
            f"Op verzoek {verzoek.referentie!r} is al een toewijzing gestuurd.",
        )


@regel3(
    "TR360",
    "wmo319",
    omschrijving="'Aanvraag in onderzoek' alleen als eerste antwoord op een verzoek.",
)
def tr360_een_keer_in_onderzoek(bericht: wmo319.Wmo319Bericht, ctx: Context3) -> Uitkomst:
    verzoek = _verzoek(bericht, ctx)
    if (
        verzoek is not None
        and verzoek.antwoorden
        and bericht.antwoord.verzoek_antwoord == _IN_ONDERZOEK
    ):
        yield (
            f"{A}/VerzoekAntwoord",
            f"Op verzoek {verzoek.referentie!r} is al geantwoord; 'in onderzoek' kan alleen "
            "het eerste antwoord zijn.",
        )


@regel3(
    "TR365",
    "wmo319",
    omschrijving="Een tweede antwoord volgt alleen op een eerder 'Aanvraag in onderzoek'.",
)
def tr365_na_in_onderzoek(bericht: wmo319.Wmo319Bericht, ctx: Context3) -> Uitkomst:
    verzoek = _verzoek(bericht, ctx)
    if verzoek is not None and any(a != _IN_ONDERZOEK for a in verzoek.antwoorden):
        yield (
            f"{A}/VerzoekAntwoord",
            f"Verzoek {verzoek.referentie!r} is al afgewezen; daarop volgt geen antwoord meer.",
        )
