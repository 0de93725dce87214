"""The layer-3 history on the database: :class:`DatabaseHistorie` answers the questions of
:class:`iwmo.validatie.laag3.Historie` from the tables ``Bericht`` and ``Feit``."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db.models.lookups import In
from django.utils.datastructures import OrderedSet

from iwmo.berichten import wmo319, wmo323
from iwmo.validatie.laag3 import (
    Gedeclareerd,
    Levering,
    LeveringStatus,
    Toewijzing,
    Verzoek,
    VerzoekStatus,
    gemeente_en_aanbieder,
)

from ..models import Bericht, BerichtStatus, Feit
from .opslag import bewaar_feiten


class EenVanLookup(In):
    """``veld__een_van=[...]``: ``in``, on PostgreSQL as ``= ANY(%s)`` with the list as one
    parameter. The query text stays the same whatever the number of values; with a placeholder
    per value psycopg parses every new text again (~3 ms for a few hundred keys)."""

    lookup_name = "een_van"

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        waarden = [w for w in OrderedSet(self.rhs) if w is not None]
        if not waarden:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", (*lhs_params, waarden)


for _model, _naam in (
    (Bericht, "sleutel"), (Feit, "sleutel"), (Feit, "gemeente"), (Feit, "aanbieder"), (Feit, "bsn"),
):  # fmt: skip
    _model._meta.get_field(_naam).register_lookup(EenVanLookup)


_GEBRUIKT = ("referentie", "declaratie", "prestatie")
"""Facts that only say an aanbieder has used a key (ReferentieAanbieder, DeclaratieNummer,
ReferentieNummer of a Prestatie)."""


def _json(feit: Any) -> dict:
    # The facts are flat dataclasses: a shallow read equals ``asdict`` (without its deep copy).
    waarden = ((f.name, getattr(feit, f.name)) for f in fields(feit))
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in waarden}


def _datum(waarde: str | None) -> date | None:
    return date.fromisoformat(waarde) if waarde else None


def _toewijzing(gegevens: dict) -> Toewijzing:
    return Toewijzing(
        **gegevens
        | {
            "ingangsdatum": _datum(gegevens["ingangsdatum"]),
            "einddatum": _datum(gegevens.get("einddatum")),
        }
    )


def _gedeclareerd(gegevens: dict) -> Gedeclareerd:
    return Gedeclareerd(
        **gegevens
        | {
            "begindatum": _datum(gegevens["begindatum"]),
            "einddatum": _datum(gegevens["einddatum"]),
        }
    )


def _verzoek(gegevens: dict) -> Verzoek:
    return Verzoek(
        **gegevens
        | {
            "status": VerzoekStatus(gegevens["status"]),
            "antwoorden": tuple(gegevens.get("antwoorden", ())),
        }
    )


_MET_GEGEVENS = {"referentie": _verzoek, "prestatie": _gedeclareerd}
"""Used keys that also carry a fact (a request, an approved Prestatie); older rows hold only
the key (empty ``gegevens``)."""


def _levering(gegevens: dict) -> Levering:
    return Levering(
        **gegevens
        | {
            "begindatum": _datum(gegevens["begindatum"]),
            "einddatum": _datum(gegevens.get("einddatum")),
            "status": LeveringStatus(gegevens["status"]),
        }
    )


class DatabaseHistorie:
    """:class:`~.validatie.laag3.Historie` on the database (tables ``Bericht`` and ``Feit``).

    Reads are cached, writes are collected and stored by :meth:`flush` with one upsert (call
    it inside the transaction). One history may serve a whole batch in one transaction: it
    answers from the facts written by the batch's earlier messages before they are flushed.
    """

    def __init__(self) -> None:
        self._bekend: dict[tuple[str, str, str], bool] = {}
        self._toewijzing: dict[tuple[str, int], Toewijzing | None] = {}
        self._leveringen: dict[tuple[str, str, str], list[Levering]] = {}
        self._nieuw: dict[tuple[str, str], tuple[str, str, str, dict]] = {}
        self._toewijzingen: dict[tuple[str, str, str], list[Toewijzing]] = {}
        # keys an aanbieder has used (per soort: referentie TR347/TR355, declaratie TR333,
        # prestatie TR314): (aanbieder, key) -> known
        self._gebruikt: dict[str, dict[tuple[str, str], bool]] = {s: {} for s in _GEBRUIKT}
        # the fact behind a used key, when it has one: (aanbieder, key) -> Verzoek/Gedeclareerd
        self._gegevens: dict[str, dict[tuple[str, str], Any]] = {s: {} for s in _MET_GEGEVENS}
        # per client (gemeente, aanbieder, bsn): key -> the fact
        self._per_client: dict[str, dict[tuple[str, str, str], dict[str, Any]]] = {
            s: {} for s in _MET_GEGEVENS
        }
        # contract data of the region (Contractgegevens), asked once per key
        self._tarieven: dict[tuple, int | None] = {}
        self._productcodes: dict[str, frozenset[tuple[str, str]] | None] = {}
        self._voorbereid: dict[int, Any] = {}

    def voorbereiden(self, bericht: Any) -> None:
        """Fetch every fact this message can ask about in one query (then answer from memory)."""
        if id(bericht) not in self._voorbereid:  # not in the batch fetched already
            self.voorbereiden_alle([bericht])

    def voorbereiden_alle(self, berichten: list[Any]) -> None:
        """Fetch every fact these messages can ask about in one query.

        Only what is not in memory yet is fetched, so facts written earlier by this history
        (not flushed yet, e.g. by an earlier message of the same batch) are never overwritten.
        """
        nummers: set[tuple[str, int]] = set()
        klanten: set[tuple[str, str, str]] = set()
        gebruikt: dict[str, set[tuple[str, str]]] = {soort: set() for soort in _GEBRUIKT}
        for bericht in berichten:
            self._verzamel(bericht, nummers, klanten, gebruikt)
            self._voorbereid[id(bericht)] = bericht  # kept, so the id stays its own
        nummers = {k for k in nummers if k[1] is not None and k not in self._toewijzing}
        laad_t = {k for k in klanten if k not in self._toewijzingen}
        laad_l = {k for k in klanten if k not in self._leveringen}
        laad_c = {k for k in klanten if k not in self._per_client["prestatie"]}
        for soort, sleutels in gebruikt.items():
            # (``set -= dict.keys()`` would rebind the name, not change the set in the dict)
            sleutels.difference_update(self._gebruikt[soort].keys())
        # One query, a UNION ALL of parts that each use an index (an OR makes PostgreSQL scan
        # the whole table once it has grown); a fact in two parts is read once, below.
        alle = Feit.objects.values_list("soort", "sleutel", "gegevens")
        delen = []
        if laad_t or laad_l or laad_c:  # a superset in one simple condition; filtered below
            klanten = laad_t | laad_l | laad_c
            delen.append(
                alle.filter(
                    gemeente__een_van=sorted({k[0] for k in klanten}),
                    aanbieder__een_van=sorted({k[1] for k in klanten}),
                    bsn__een_van=sorted({k[2] for k in klanten}),
                )
            )
        for soort, sleutels in (
            ("toewijzing", [f"{g}/{n}" for g, n in nummers]),
            *((soort, [f"{a}/{k}" for a, k in paren]) for soort, paren in gebruikt.items()),
        ):
            if sleutels:
                delen.append(alle.filter(soort=soort, sleutel__een_van=sleutels))
        if not delen:
            return
        feiten = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
        for k in nummers:
            self._toewijzing[k] = None
        for k in laad_t:
            self._toewijzingen[k] = []
        for k in laad_l:
            self._leveringen[k] = []
        for k in laad_c:
            for per_client in self._per_client.values():
                per_client[k] = {}
        for soort, sleutels in gebruikt.items():
            self._gebruikt[soort].update(dict.fromkeys(sleutels, False))
            if soort in _MET_GEGEVENS:
                self._gegevens[soort].update(dict.fromkeys(sleutels, None))
        gelezen: set[tuple[str, str]] = set()
        for soort, feitsleutel, gegevens in feiten:
            if (soort, feitsleutel) in gelezen:
                continue
            gelezen.add((soort, feitsleutel))
            if soort == "toewijzing":
                t = _toewijzing(gegevens)
                if (t.gemeente, t.nummer) in nummers:
                    self._toewijzing[(t.gemeente, t.nummer)] = t
                if (t.gemeente, t.aanbieder, t.bsn) in laad_t:
                    self._toewijzingen[(t.gemeente, t.aanbieder, t.bsn)].append(t)
            elif soort == "levering":
                lev = _levering(gegevens)
                if (lev.gemeente, lev.aanbieder, lev.bsn) in laad_l:
                    self._leveringen[(lev.gemeente, lev.aanbieder, lev.bsn)].append(lev)
            elif soort in gebruikt:
                sleutel = tuple(feitsleutel.split("/", 1))
                feit = (
                    _MET_GEGEVENS[soort](gegevens) if soort in _MET_GEGEVENS and gegevens else None
                )
                if sleutel in gebruikt[soort]:
                    self._gebruikt[soort][sleutel] = True  # type: ignore[index]
                    if feit is not None:
                        self._gegevens[soort][sleutel] = feit  # type: ignore[index]
                if (
                    feit is not None
                    and (klant := (feit.gemeente, feit.aanbieder, feit.bsn)) in laad_c
                ):
                    self._per_client[soort][klant][sleutel[1]] = feit

    @staticmethod
    def _verzamel(bericht: Any, nummers, klanten, gebruikt: dict[str, set]) -> None:
        gemeente, aanbieder = gemeente_en_aanbieder(bericht)
        referenties = gebruikt["referentie"]
        if isinstance(bericht, wmo323.Wmo323Bericht):
            gebruikt["declaratie"].add((aanbieder, bericht.declaratie.declaratie_nummer))
            for client in bericht.declaratie.clienten:
                klanten.add((gemeente, aanbieder, client.bsn))
                for p in client.prestaties:
                    nummers.add((gemeente, p.toewijzing_nummer))
                    gebruikt["prestatie"].add((aanbieder, p.product_referentie.referentie_nummer))
                    if p.product_referentie.vorig_referentie_nummer:  # the debet it credits
                        vorig = p.product_referentie.vorig_referentie_nummer
                        gebruikt["prestatie"].add((aanbieder, vorig))
        elif hasattr(bericht, "client"):
            client = bericht.client
            klanten.add((gemeente, aanbieder, client.bsn))
            for veld in ("toegewezen_producten", "start_producten", "stop_producten"):
                for product in getattr(client, veld, []):
                    nummers.add((gemeente, product.toewijzing_nummer))
                    if getattr(product, "referentie_aanbieder", None):
                        referenties.add((aanbieder, product.referentie_aanbieder))
            for product in getattr(client, "aangevraagde_producten", []):
                referenties.add((aanbieder, product.referentie_aanbieder))
            verzoek = getattr(client, "verzoek", None)
            if verzoek is not None:
                referenties.add((aanbieder, verzoek.referentie_aanbieder))
                for product in verzoek.ongewijzigde_producten + verzoek.te_wijzigen_producten:
                    nummers.add((gemeente, product.toewijzing_nummer))
        elif isinstance(bericht, wmo319.Wmo319Bericht):  # TR355: the request it answers
            referenties.add((aanbieder, bericht.antwoord.referentie_aanbieder))

    def weet_bericht(self, bericht: str, afzender: str, identificatie: str, bekend: bool) -> None:
        """Tell the history what the caller already looked up (saves a query)."""
        self._bekend[(bericht, afzender, identificatie)] = bekend

    def bericht_bekend(self, bericht: str, afzender: str, identificatie: str) -> bool:
        sleutel = (bericht, afzender, identificatie)
        if sleutel not in self._bekend:
            self._bekend[sleutel] = (
                Bericht.objects.filter(
                    berichttype=bericht, afzender=afzender, identificatie=identificatie
                )
                .exclude(status=BerichtStatus.GEWEIGERD)  # refused at intake: not received
                .exists()
            )
        return self._bekend[sleutel]

    def toewijzing(self, gemeente: str, nummer: int) -> Toewijzing | None:
        if (gemeente, nummer) not in self._toewijzing:
            feit = Feit.objects.filter(soort="toewijzing", sleutel=f"{gemeente}/{nummer}").first()
            self._toewijzing[(gemeente, nummer)] = _toewijzing(feit.gegevens) if feit else None
        return self._toewijzing[(gemeente, nummer)]

    def toewijzingen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Toewijzing]:
        if (gemeente, aanbieder, bsn) not in self._toewijzingen:
            self._toewijzingen[(gemeente, aanbieder, bsn)] = [
                _toewijzing(f.gegevens)
                for f in Feit.objects.filter(
                    soort="toewijzing", gemeente=gemeente, aanbieder=aanbieder, bsn=bsn
                )
            ]
        return list(self._toewijzingen[(gemeente, aanbieder, bsn)])

    def leveringen(self, gemeente: str, aanbieder: str, bsn: str) -> list[Levering]:
        if (gemeente, aanbieder, bsn) not in self._leveringen:
            self._leveringen[(gemeente, aanbieder, bsn)] = [
                _levering(f.gegevens)
                for f in Feit.objects.filter(
                    soort="levering", gemeente=gemeente, aanbieder=aanbieder, bsn=bsn
                )
            ]
        return list(self._leveringen[(gemeente, aanbieder, bsn)])

    def _is_gebruikt(self, soort: str, aanbieder: str, sleutel: str) -> bool:
        bekend = self._gebruikt[soort]
        if (aanbieder, sleutel) not in bekend:
            bekend[(aanbieder, sleutel)] = Feit.objects.filter(
                soort=soort, sleutel=f"{aanbieder}/{sleutel}"
            ).exists()
        return bekend[(aanbieder, sleutel)]

    def referentie_bekend(self, aanbieder: str, referentie: str) -> bool:
        return self._is_gebruikt("referentie", aanbieder, referentie)

    def declaratie_bekend(self, aanbieder: str, nummer: str) -> bool:
        return self._is_gebruikt("declaratie", aanbieder, nummer)

    def prestatie_bekend(self, aanbieder: str, referentienummer: str) -> bool:
        return self._is_gebruikt("prestatie", aanbieder, referentienummer)

    def _feit(self, soort: str, aanbieder: str, sleutel: str) -> Any:
        if not self._is_gebruikt(soort, aanbieder, sleutel):
            return None
        bekend = self._gegevens[soort]
        if (aanbieder, sleutel) not in bekend:
            gegevens = (
                Feit.objects.filter(soort=soort, sleutel=f"{aanbieder}/{sleutel}")
                .values_list("gegevens", flat=True)
                .first()
            )
            bekend[(aanbieder, sleutel)] = _MET_GEGEVENS[soort](gegevens) if gegevens else None
        return bekend[(aanbieder, sleutel)]

    def _van_client(self, soort: str, gemeente: str, aanbieder: str, bsn: str) -> dict[str, Any]:
        per_client = self._per_client[soort]
        if (gemeente, aanbieder, bsn) not in per_client:
            per_client[(gemeente, aanbieder, bsn)] = {
                sleutel.split("/", 1)[1]: _MET_GEGEVENS[soort](gegevens)
                for sleutel, gegevens in Feit.objects.filter(
                    soort=soort, gemeente=gemeente, aanbieder=aanbieder, bsn=bsn
                ).values_list("sleutel", "gegevens")
                if gegevens
            }
        return per_client[(gemeente, aanbieder, bsn)]

    def prestatie(self, aanbieder: str, referentienummer: str) -> Gedeclareerd | None:
        return self._feit("prestatie", aanbieder, referentienummer)

    def prestaties(self, gemeente: str, aanbieder: str, bsn: str) -> list[Gedeclareerd]:
        return list(self._van_client("prestatie", gemeente, aanbieder, bsn).values())

    def verzoek(self, aanbieder: str, referentie: str) -> Verzoek | None:
        return self._feit("referentie", aanbieder, referentie)

    def verzoeken(self, gemeente: str, aanbieder: str, bsn: str) -> list[Verzoek]:
        return list(self._van_client("referentie", gemeente, aanbieder, bsn).values())

    # contract data of the region (Contractgegevens): from contracten and catalogi
    def contracttarief(
        self, gemeente: str, aanbieder: str, categorie: str, code: str, eenheid: str, datum: date
    ) -> int | None:
        sleutel = (gemeente, aanbieder, categorie, code, eenheid, datum)
        if sleutel not in self._tarieven:
            from .contractgegevens import contracttarief

            self._tarieven[sleutel] = contracttarief(*sleutel)
        return self._tarieven[sleutel]

    def productcodes(self, gemeente: str) -> frozenset[tuple[str, str]] | None:
        if gemeente not in self._productcodes:
            from .contractgegevens import productcodes

            self._productcodes[gemeente] = productcodes(gemeente)
        return self._productcodes[gemeente]

    def bewaar_bericht(self, bericht: str, afzender: str, identificatie: str) -> None:
        """Nothing to store: the exchange keeps every message in ``Bericht`` itself."""
        self._bekend[(bericht, afzender, identificatie)] = True

    def _bewaar(
        self, soort: str, sleutel: str, gemeente: str = "", aanbieder: str = "", bsn: str = "",
        gegevens: dict | None = None,
    ) -> None:  # fmt: skip
        self._nieuw[(soort, sleutel[:200])] = (gemeente, aanbieder, bsn, gegevens or {})

    def flush(self) -> None:
        """Store the collected facts (insert or update by soort + sleutel) in one query."""
        if self._nieuw:
            bewaar_feiten(self._nieuw)
            self._nieuw.clear()

    def bewaar_toewijzing(self, toewijzing: Toewijzing) -> None:
        t = toewijzing
        self._toewijzing[(t.gemeente, t.nummer)] = t  # keep the caches true to the writes
        self.toewijzingen(t.gemeente, t.aanbieder, t.bsn)  # in memory from now on
        lijst = self._toewijzingen[(t.gemeente, t.aanbieder, t.bsn)]
        lijst[:] = [x for x in lijst if x.nummer != t.nummer] + [t]
        self._bewaar(
            "toewijzing",
            f"{toewijzing.gemeente}/{toewijzing.nummer}",
            gemeente=toewijzing.gemeente,
            aanbieder=toewijzing.aanbieder,
            bsn=toewijzing.bsn,
            gegevens=_json(toewijzing),
        )

    def bewaar_levering(self, levering: Levering) -> None:
        lev = levering
        self.leveringen(lev.gemeente, lev.aanbieder, lev.bsn)  # in memory from now on
        lijst = self._leveringen[(lev.gemeente, lev.aanbieder, lev.bsn)]
        lijst[:] = [x for x in lijst if x.sleutel != lev.sleutel] + [lev]
        self._bewaar(
            "levering",
            "/".join("" if deel is None else str(deel) for deel in levering.sleutel),
            gemeente=levering.gemeente,
            aanbieder=levering.aanbieder,
            bsn=levering.bsn,
            gegevens=_json(levering),
        )

    def _gebruik(self, soort: str, aanbieder: str, sleutel: str) -> None:
        self._gebruikt[soort][(aanbieder, sleutel)] = True
        self._bewaar(soort, f"{aanbieder}/{sleutel}", aanbieder=aanbieder)

    def bewaar_referentie(self, aanbieder: str, referentie: str) -> None:
        self._gebruik("referentie", aanbieder, referentie)

    def bewaar_declaratie(self, aanbieder: str, nummer: str) -> None:
        self._gebruik("declaratie", aanbieder, nummer)

    def bewaar_prestatie(self, aanbieder: str, referentienummer: str) -> None:
        self._gebruik("prestatie", aanbieder, referentienummer)

    def _bewaar_met_gegevens(self, soort: str, sleutel: str, feit: Any) -> None:
        klant = (feit.gemeente, feit.aanbieder, feit.bsn)
        self._van_client(soort, *klant)[sleutel] = feit  # in memory from now on
        self._gebruikt[soort][(feit.aanbieder, sleutel)] = True
        self._gegevens[soort][(feit.aanbieder, sleutel)] = feit
        self._bewaar(
            soort, f"{feit.aanbieder}/{sleutel}", gemeente=feit.gemeente,
            aanbieder=feit.aanbieder, bsn=feit.bsn, gegevens=_json(feit),
        )  # fmt: skip

    def bewaar_gedeclareerd(self, prestatie: Gedeclareerd) -> None:
        self._bewaar_met_gegevens("prestatie", prestatie.referentienummer, prestatie)

    def bewaar_verzoek(self, verzoek: Verzoek) -> None:
        self._bewaar_met_gegevens("referentie", verzoek.referentie, verzoek)
