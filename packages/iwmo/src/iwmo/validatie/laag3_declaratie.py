"""Layer 3 rules that need the claims approved before and the contract data of the region.

- TR319 (323): the ProductPeriode lies in the current or an earlier declaratieperiode.
- TR321, TR322, TR369 (323): the claimed volume (per Prestatie, and in total) or amount fits
  the Omvang or Budget of the toewijzing (:mod:`.volume` computes the maximum as IV077).
- TR323, TR390, TR389 (323): a credit cancels an earlier approved debet, once; a new debet for
  the same product and period only after the earlier one is credited.
- TR385 (301): a toewijzing with approved, uncredited Prestaties cannot be deleted (13).
- TR418 (323) and TR381 (301, 305, 307, 315, 317, 323): the contract tariff and the product
  code list of the region, asked of the store as :class:`~.laag3.Contractgegevens`; a store
  without them (or without an answer for the product) leaves the rule silent.

The store keeps an approved Prestatie as :class:`~.laag3.Gedeclareerd` (``registreer``; of a
claim approved in part only the approved Prestaties).
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from ..berichten import wmo301, wmo305, wmo307, wmo315, wmo317, wmo323
from . import volume as vol
from .laag3 import (
    C,
    Context3,
    Gedeclareerd,
    Toewijzing,
    Uitkomst,
    Variant,
    _prestaties,
    _prestaties_met_toewijzing,
    _start_stop,
    gemeente_en_aanbieder,
    regel3,
)

EENHEID_NAAM = {
    "01": ("minuut", "minuten"), "04": ("uur", "uur"), "14": ("etmaal", "etmalen"),
    "16": ("dagdeel", "dagdelen"), "82": ("stuk", "stuks"), "84": ("stuk", "stuks"),
    "83": ("eurocent", "eurocent"),
}  # fmt: skip


def _aantal(waarde: int | Fraction, eenheid: str | None) -> str:
    enkel, meer = EENHEID_NAAM.get(eenheid or "", ("", ""))
    tekst = (
        f"{float(waarde):,.2f}".rstrip("0").rstrip(".")
        if isinstance(waarde, Fraction)
        else f"{waarde:,}"
    )
    tekst = tekst.replace(",", "\u202f").replace(".", ",").replace("\u202f", ".")
    naam = enkel if waarde == 1 else meer
    return f"{tekst} {naam}".strip()


def _is_credit(prestatie: Any) -> bool:
    return prestatie.ingediend_bedrag.debet_credit == "C"


@regel3(
    "TR319",
    "wmo323",
    omschrijving="De ProductPeriode valt in de huidige of een voorgaande declaratieperiode.",
)
def tr319_periode(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    einde = bericht.declaratie.declaratie_periode.einddatum
    for pad, _bsn, prestatie in _prestaties(bericht):
        periode = prestatie.product_periode
        if periode.einddatum > einde:
            yield (
                f"{pad}/ProductPeriode/Einddatum",
                f"De ProductPeriode loopt tot {periode.einddatum:%d-%m-%Y}, na het einde van de "
                f"declaratieperiode ({einde:%d-%m-%Y}): declareer alleen de huidige of een "
                "eerdere periode.",
            )


def _factor(eenheid: str, t: Toewijzing) -> int | None:
    return vol.omrekenfactor(eenheid, t.eenheid) if t.eenheid else None


@regel3(
    "TR321",
    "wmo323",
    omschrijving="GeleverdVolume past binnen de Omvang van de toewijzing in de ProductPeriode.",
)
def tr321_volume_in_periode(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        if _is_credit(prestatie) or t.volume is None or t.frequentie is None:
            continue
        factor = _factor(prestatie.eenheid, t)
        if factor is None:
            continue  # another unit: TR341 says what is wrong
        periode = prestatie.product_periode
        if periode.begindatum < t.ingangsdatum or (
            t.einddatum is not None and periode.einddatum > t.einddatum
        ):
            continue  # outside the toewijzing: TR307/TR308 say what is wrong
        maximum = vol.maximaal_volume(
            volume=t.volume, frequentie=t.frequentie, categorie=t.categorie,
            t_begin=t.ingangsdatum, t_eind=t.einddatum,
            begin=periode.begindatum, eind=periode.einddatum,
            outputgericht=ctx.variant is Variant.OUTPUTGERICHT,
        )  # fmt: skip
        if maximum is not None and prestatie.geleverd_volume > maximum * factor:
            yield (
                f"{pad}/GeleverdVolume",
                f"Er is {_aantal(prestatie.geleverd_volume, prestatie.eenheid)} gedeclareerd, "
                f"meer dan toewijzing {t.nummer} in deze ProductPeriode toestaat "
                f"({_aantal(maximum * factor, prestatie.eenheid)}).",
            )


def _goedgekeurd_per_toewijzing(
    bericht: wmo323.Wmo323Bericht, ctx: Context3, nummer: int, bsn: str
) -> list[Gedeclareerd]:
    """The approved, uncredited debet Prestaties on toewijzing ``nummer`` before this claim,
    without those this claim credits."""
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    gecrediteerd = {
        p.product_referentie.vorig_referentie_nummer
        for _pad, _bsn, p in _prestaties(bericht)
        if _is_credit(p)
    }
    return [
        p
        for p in ctx.historie.prestaties(gemeente, aanbieder, bsn)
        if p.toewijzing_nummer == nummer
        and p.debet
        and not p.gecrediteerd
        and p.referentienummer not in gecrediteerd
    ]


def _totaal_boven(
    bericht: wmo323.Wmo323Bericht, ctx: Context3, waarde, maximum
) -> Iterator[tuple[str, Any, Toewijzing, Fraction, Fraction]]:
    """Each debet Prestatie of this claim at which the running total on its toewijzing (the
    approved claims before it first) passes ``maximum(t)``; ``waarde(eenheid, volume, bedrag,
    t)`` is the amount a Prestatie counts for (``None``: not counted)."""
    totalen: dict[int, Fraction] = {}
    for pad, prestatie, t in _prestaties_met_toewijzing(bericht, ctx):
        grens = maximum(t)
        if grens is None or _is_credit(prestatie):
            continue
        if t.nummer not in totalen:
            totalen[t.nummer] = sum(
                (
                    Fraction(w)
                    for p in _goedgekeurd_per_toewijzing(bericht, ctx, t.nummer, t.bsn)
                    if (w := waarde(p.eenheid, p.volume, p.bedrag, t)) is not None
                ),
                Fraction(0),
            )
        w = waarde(
            prestatie.eenheid, prestatie.geleverd_volume, prestatie.ingediend_bedrag.bedrag, t
        )
        if w is None:
            continue
        totalen[t.nummer] += w
        if totalen[t.nummer] > grens:
            yield pad, prestatie, t, totalen[t.nummer], Fraction(grens)


def _in_toewijzingseenheid(eenheid: str, volume: int, _bedrag: int, t: Toewijzing):
    factor = _factor(eenheid, t)
    return None if factor is None else Fraction(volume, factor)


@regel3(
    "TR322",
    "wmo323",
    omschrijving="Het totaal van alle gedeclareerde volumes past binnen de Omvang van de "
    "toewijzing over de hele looptijd.",
)
def tr322_volume_totaal(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    def maximum(t: Toewijzing) -> int | None:
        if t.volume is None or t.frequentie is None or t.eenheid is None:
            return None
        return vol.maximaal_over_toewijzing(
            volume=t.volume, frequentie=t.frequentie, categorie=t.categorie,
            t_begin=t.ingangsdatum, t_eind=t.einddatum,
            outputgericht=ctx.variant is Variant.OUTPUTGERICHT,
        )  # fmt: skip

    for pad, _prestatie, t, totaal, grens in _totaal_boven(
        bericht, ctx, _in_toewijzingseenheid, maximum
    ):
        yield (
            f"{pad}/GeleverdVolume",
            f"Met deze prestatie is op toewijzing {t.nummer} in totaal "
            f"{_aantal(totaal, t.eenheid)} gedeclareerd, meer dan de toegewezen "
            f"{_aantal(grens, t.eenheid)} over de hele looptijd.",
        )


_EUROS = "83"


def _in_eurocent(eenheid: str, volume: int, bedrag: int, _t: Toewijzing):
    # Our reading: GeleverdVolume in euro's is in eurocent (IV042); a Prestatie in another
    # unit counts for its IngediendBedrag.
    return Fraction(volume if eenheid == _EUROS else bedrag)


@regel3(
    "TR369",
    "wmo323",
    omschrijving="Het totaal van alle declaraties op een toewijzing met Budget past binnen "
    "het Budget.",
)
def tr369_binnen_budget(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, _prestatie, t, totaal, grens in _totaal_boven(
        bericht, ctx, _in_eurocent, lambda t: t.budget
    ):
        yield (
            f"{pad}/GeleverdVolume",
            f"Met deze prestatie is op toewijzing {t.nummer} in totaal € {_euro(totaal)} "
            f"gedeclareerd, meer dan het budget van € {_euro(grens)}.",
        )


def _euro(eurocent: Fraction | int) -> str:
    tekst = f"{float(eurocent) / 100:,.2f}"
    return tekst.replace(",", "\u202f").replace(".", ",").replace("\u202f", ".")


def _credits(bericht: wmo323.Wmo323Bericht) -> Iterator[tuple[str, str, Any, str]]:
    for pad, bsn, prestatie in _prestaties(bericht):
        vorig = prestatie.product_referentie.vorig_referentie_nummer
        if _is_credit(prestatie) and vorig:  # without VorigReferentieNummer: CD060
            yield pad, bsn, prestatie, vorig


@regel3(
    "TR323",
    "wmo323",
    omschrijving="Een creditprestatie hoort bij een eerder goedgekeurde debetprestatie.",
)
def tr323_credit_bij_debet(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    _, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, bsn, prestatie, vorig in _credits(bericht):
        debet = ctx.historie.prestatie(aanbieder, vorig)
        periode = prestatie.product_periode
        if (
            debet is None
            or not debet.debet
            or (debet.bsn, debet.toewijzing_nummer) != (bsn, prestatie.toewijzing_nummer)
            or (debet.begindatum, debet.einddatum) != (periode.begindatum, periode.einddatum)
        ):
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                f"Er is geen eerder goedgekeurde debetprestatie {vorig!r} van deze client op "
                f"toewijzing {prestatie.toewijzing_nummer} in dezelfde ProductPeriode.",
            )


@regel3(
    "TR390",
    "wmo323",
    omschrijving="Een prestatie wordt maar één keer gecrediteerd.",
)
def tr390_niet_dubbel_crediteren(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    # Twice in one message is TR315 (layer 2); here: credited by an earlier claim.
    _, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, _bsn, _prestatie, vorig in _credits(bericht):
        debet = ctx.historie.prestatie(aanbieder, vorig)
        if debet is not None and debet.gecrediteerd:
            yield (
                f"{pad}/ProductReferentie/VorigReferentieNummer",
                f"Prestatie {vorig!r} is al eerder gecrediteerd.",
            )


@regel3(
    "TR389",
    "wmo323",
    omschrijving="Een debetprestatie voor dezelfde ProductPeriode, hetzelfde product en "
    "dezelfde toewijzing alleen als de eerdere is gecrediteerd.",
)
def tr389_geen_tweede_debet(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    for pad, bsn, prestatie in _prestaties(bericht):
        if _is_credit(prestatie):
            continue
        periode = prestatie.product_periode
        for p in _goedgekeurd_per_toewijzing(bericht, ctx, prestatie.toewijzing_nummer, bsn):
            if (p.categorie, p.code, p.begindatum, p.einddatum) == (
                prestatie.product_categorie,
                prestatie.product_code,
                periode.begindatum,
                periode.einddatum,
            ):
                yield (
                    f"{pad}/IngediendBedrag/DebetCredit",
                    f"Voor deze ProductPeriode en dit product is al prestatie "
                    f"{p.referentienummer!r} gedeclareerd; crediteer die eerst.",
                )
                break


@regel3(
    "TR385",
    "wmo301",
    omschrijving="Een toewijzing met goedgekeurde, niet gecrediteerde prestaties wordt niet "
    "verwijderd.",
)
def tr385_niet_verwijderen(bericht: wmo301.Wmo301Bericht, ctx: Context3) -> Uitkomst:
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    prestaties = None
    for i, tp in enumerate(bericht.client.toegewezen_producten, 1):
        if tp.reden_wijziging != "13":
            continue
        if prestaties is None:
            prestaties = ctx.historie.prestaties(gemeente, aanbieder, bericht.client.bsn)
        open_ = [
            p.referentienummer
            for p in prestaties
            if p.toewijzing_nummer == tp.toewijzing_nummer and p.debet and not p.gecrediteerd
        ]
        if open_:
            yield (
                f"{C}/ToegewezenProducten/ToegewezenProduct[{i}]/RedenWijziging",
                f"Op toewijzing {tp.toewijzing_nummer} zijn goedgekeurde prestaties "
                f"gedeclareerd die niet zijn gecrediteerd ({', '.join(sorted(open_))}); "
                "verwijderen kan pas na creditering.",
            )


# --- contract data of the region (Contractgegevens), when the store has it --------------------


@regel3(
    "TR418",
    "wmo323",
    omschrijving="ProductTarief is het contractuele tarief van de ProductCode.",
)
def tr418_contracttarief(bericht: wmo323.Wmo323Bericht, ctx: Context3) -> Uitkomst:
    vraag = getattr(ctx.historie, "contracttarief", None)
    if vraag is None:
        return
    gemeente, aanbieder = gemeente_en_aanbieder(bericht)
    for pad, _bsn, prestatie in _prestaties(bericht):
        if prestatie.product_tarief is None:
            continue
        tarief = vraag(
            gemeente, aanbieder, prestatie.product_categorie, prestatie.product_code,
            prestatie.eenheid, prestatie.product_periode.begindatum,
        )  # fmt: skip
        if tarief is not None and prestatie.product_tarief != tarief:
            yield (
                f"{pad}/ProductTarief",
                f"ProductTarief € {_euro(prestatie.product_tarief)} wijkt af van het "
                f"contractuele tarief € {_euro(tarief)} van product {prestatie.product_code} "
                f"per {EENHEID_NAAM.get(prestatie.eenheid, ('eenheid',))[0]}.",
            )


def _producten(bericht: Any) -> Iterator[tuple[str, str, str]]:
    """(XPath of the code, categorie, code) of every product with a code in the message."""
    if isinstance(bericht, wmo323.Wmo323Bericht):
        for pad, _bsn, p in _prestaties(bericht):
            yield f"{pad}/ProductCode", p.product_categorie, p.product_code
        return
    regels: list[tuple[str, Any]] = []
    if isinstance(bericht, wmo301.Wmo301Bericht):
        regels = [
            (f"{C}/ToegewezenProducten/ToegewezenProduct[{i}]", tp.product)
            for i, tp in enumerate(bericht.client.toegewezen_producten, 1)
        ]
    elif isinstance(bericht, wmo305.Wmo305Bericht | wmo307.Wmo307Bericht):
        regels = [(pad, sp.product) for pad, sp in _start_stop(bericht)]
    elif isinstance(bericht, wmo315.Wmo315Bericht):
        regels = [
            (f"{C}/AangevraagdeProducten/AangevraagdProduct[{i}]", ap.product)
            for i, ap in enumerate(bericht.client.aangevraagde_producten, 1)
        ]
    elif isinstance(bericht, wmo317.Wmo317Bericht):
        regels = [
            (f"{C}/Verzoek/NieuweProducten/NieuwProduct[{i}]", np.product)
            for i, np in enumerate(bericht.client.verzoek.nieuwe_producten, 1)
        ]
    for pad, product in regels:
        if product is not None and product.code:
            yield f"{pad}/Product/Code", product.categorie, product.code


@regel3(
    "TR381",
    "wmo301",
    "wmo305",
    "wmo307",
    "wmo315",
    "wmo317",
    "wmo323",
    omschrijving="ProductCode staat in de productcodelijst van de regio, bij de ProductCategorie.",
)
def tr381_productcodelijst(bericht: Any, ctx: Context3) -> Uitkomst:
    vraag = getattr(ctx.historie, "productcodes", None)
    if vraag is None:
        return
    gemeente, _ = gemeente_en_aanbieder(bericht)
    lijst = vraag(gemeente)
    if not lijst:
        return  # no product code list known for this gemeente
    for pad, categorie, code in _producten(bericht):
        if (categorie, code) not in lijst:
            yield (
                pad,
                f"Productcode {code} staat niet bij categorie {categorie} in de "
                "productcodelijst van de regio.",
            )
