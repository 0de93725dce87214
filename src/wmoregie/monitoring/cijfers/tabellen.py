"""The tables of the dashboards: one structure for the page, the chart and the exports, so a
figure on the page and in a download is the same number."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from . import (
    bereik,
    berichten,
    cbs,
    geld,
    lezen,
    samenvatting,
    samenvatting_berichten,
    samenvatting_geld,
    samenvatting_stromen,
)
from .feiten import TrajectFeit
from .lezen import ALLES, Cijferscope, Filter
from .onderdrukking import ONDERDRUKT, Onderdrukking

# Column kinds: how a value is shown (the export keeps the raw value).
TEKST, GETAL, DECIMAAL, PROCENT, EURO, CENT = (
    "tekst",
    "getal",
    "decimaal",
    "procent",
    "euro",
    "cent",
)


@dataclass
class Tabel:
    slug: str
    titel: str
    kolommen: list[tuple[str, str]]  # (label, kind)
    rijen: list[list]
    voet: list[list] = field(default_factory=list)  # total rows
    grafiek: int | None = None  # index of the column drawn as bars (against column 0)
    toelichting: str = ""

    @property
    def leeg(self) -> bool:
        return not self.rijen

    @property
    def weergave_rijen(self) -> list[list[tuple[str, bool]]]:
        return weergave(self, self.rijen)

    @property
    def weergave_voet(self) -> list[list[tuple[str, bool]]]:
        return weergave(self, self.voet)


@dataclass
class Onderdeel:
    slug: str
    titel: str
    tabellen: list[Tabel]
    melding: str = ""


ONDERDELEN = {
    "bereik": "Bereik",
    "wachten": "Wachten",
    "doorstroom": "Doorstroom en duur",
    "uitkomsten": "Uitkomsten",
    "geld": "Geld",
    "berichten": "Berichtenverkeer",
    "cbs": "CBS-vergelijkbare cijfers",
}


def _naam(namen: dict[str, str], code: str) -> str:
    return namen.get(code, code)


def _bereik_rij(b: bereik.Bereik, label: str, inwoners: int | None) -> list:
    return [
        label,
        b.unieke_clienten,
        bereik.per_duizend(b.unieke_clienten, inwoners),
        b.instroom,
        b.uitstroom,
        b.in_zorg,
    ]


BEREIK_KOLOMMEN = [
    ("Unieke cliënten", GETAL),
    ("Per 1.000 inwoners", DECIMAAL),
    ("Instroom", GETAL),
    ("Uitstroom", GETAL),
    ("In zorg op einddatum", GETAL),
]


def onderdeel_bereik(
    scope: Cijferscope,
    filter_: Filter,
    namen: dict[str, str],
    feiten: list[TrajectFeit] | None = None,
    cijfers: samenvatting.Bereikset | None = None,
) -> Onderdeel:
    """From the trajectories (``feiten``) or from the summary tables (``cijfers``)."""
    periode = filter_.periode
    alle_inwoners = lezen.inwoners(periode.tot.year)
    if cijfers is None:
        cijfers = samenvatting.bereikset_uit_feiten(
            scope,
            filter_,
            feiten if feiten is not None else lezen.traject_feiten(scope, filter_),
            lezen.traject_feiten(ALLES, filter_.zonder_gebied()) if scope.regio_totaal else None,
        )
    per_gemeente, totaal = cijfers.per_gemeente, cijfers.totaal
    if (scope.alles or scope.regio_totaal) and not filter_.gebiedsteam:
        # the population of the municipalities looked at, also those without clients
        gebied = (
            {filter_.gemeente}
            if filter_.gemeente
            else set(alle_inwoners)
            if scope.alles
            else set(scope.gemeenten)
        )
        inwoners = {code: alle_inwoners[code] for code in gebied if code in alle_inwoners}
    else:
        # an area team's or a provider's share is not a municipality's population
        inwoners = {}
    voet = [_bereik_rij(totaal, "Totaal", sum(inwoners.values()) or None)]
    if scope.regio_totaal and cijfers.regio is not None:
        voet.append(
            _bereik_rij(
                cijfers.regio, "Regio (alle gemeenten)", sum(alle_inwoners.values()) or None
            )
        )
    return Onderdeel(
        "bereik",
        ONDERDELEN["bereik"],
        [
            Tabel(
                "bereik-gemeente",
                "Bereik per gemeente",
                [("Gemeente", TEKST), *BEREIK_KOLOMMEN],
                [
                    _bereik_rij(b, _naam(namen, b.sleutel), inwoners.get(b.sleutel))
                    for b in per_gemeente
                ],
                voet,
                grafiek=1,
                toelichting=(
                    "Unieke cliënten met ondersteuning op ten minste één dag van de periode; "
                    "instroom en uitstroom: trajecten gestart of beëindigd in de periode."
                ),
            ),
            Tabel(
                "bereik-product",
                "Bereik per product",
                [("Product", TEKST), *[k for k in BEREIK_KOLOMMEN if k[0] != "Per 1.000 inwoners"]],
                [
                    [b.sleutel, b.unieke_clienten, b.instroom, b.uitstroom, b.in_zorg]
                    for b in cijfers.per_product
                ],
                [
                    [
                        totaal.sleutel,
                        totaal.unieke_clienten,
                        totaal.instroom,
                        totaal.uitstroom,
                        totaal.in_zorg,
                    ]
                ],
                grafiek=1,
            ),
            Tabel(
                "bereik-uitvoerder",
                "Bereik per uitvoerder",
                [
                    ("Uitvoerder", TEKST),
                    *[k for k in BEREIK_KOLOMMEN if k[0] != "Per 1.000 inwoners"],
                ],
                [
                    [b.sleutel, b.unieke_clienten, b.instroom, b.uitstroom, b.in_zorg]
                    for b in cijfers.per_uitvoerder
                ],
                grafiek=1,
            ),
        ],
    )


def onderdeel_wachten(
    scope: Cijferscope,
    filter_: Filter,
    peildatum: date,
    cijfers: samenvatting_stromen.Wachtset | None = None,
) -> Onderdeel:
    """From the referrals themselves, or from the summary tables (``cijfers``)."""
    if cijfers is None:
        cijfers = samenvatting_stromen.wachtset_uit_feiten(scope, filter_, peildatum)
    maanden, klassen, weigeringen = cijfers.maanden, cijfers.klassen, cijfers.weigeringen
    voet = [
        [label, r.gestart, r.aandeel, r.mediaan]
        for label, r in (("Totaal", cijfers.totaal), ("Regio (alle gemeenten)", cijfers.regio))
        if r is not None
    ]
    return Onderdeel(
        "wachten",
        ONDERDELEN["wachten"],
        [
            Tabel(
                "wachten-maand",
                "Binnen de norm gestart, per maand van de start",
                [
                    ("Maand", TEKST),
                    ("Gestart", GETAL),
                    ("Binnen de norm", PROCENT),
                    ("Mediaan (dagen)", DECIMAAL),
                ],
                [[m.maand, m.gestart, m.aandeel_binnen_norm, m.mediaan] for m in maanden],
                voet,
                grafiek=2,
                toelichting=(
                    "Kalenderdagen van aanmelding tot start; de norm per product is de "
                    "wachttijdnorm van de regio (standaard de Treeknorm van 6 weken)."
                ),
            ),
            Tabel(
                "wachten-verdeling",
                "Verdeling van de wachttijd (gestart in de periode)",
                [("Wachttijd", TEKST), ("Gestart", GETAL)],
                [[naam, n] for naam, n in klassen.items()],
                grafiek=1,
            ),
            Tabel(
                "wachten-nu",
                f"Wacht nog op start op {peildatum:%d-%m-%Y}",
                [("", TEKST), ("Aantal", GETAL)],
                [
                    ["Wacht nog", cijfers.wachtend],
                    ["Daarvan boven de norm", cijfers.boven_norm],
                ],
            ),
            Tabel(
                "weigeringen",
                "Geweigerde aanmeldingen per reden",
                [("Reden", TEKST), ("Aantal", GETAL)],
                [[reden, n] for reden, n in weigeringen],
                [["Totaal", sum(n for _r, n in weigeringen)]] if weigeringen else [],
                grafiek=1,
            ),
        ],
    )


def onderdeel_doorstroom(
    scope: Cijferscope,
    filter_: Filter,
    feiten: list[TrajectFeit] | None = None,
    cijfers: samenvatting_stromen.Doorstroomset | None = None,
) -> Onderdeel:
    """From the trajectories (``feiten``) or from the summary tables (``cijfers``)."""
    if cijfers is None:
        cijfers = samenvatting_stromen.doorstroomset_uit_feiten(
            scope, filter_, feiten if feiten is not None else lezen.traject_feiten(scope, filter_)
        )
    duur, totaal, her = cijfers.duur, cijfers.totaal, cijfers.herinstroom
    return Onderdeel(
        "doorstroom",
        ONDERDELEN["doorstroom"],
        [
            Tabel(
                "doorstroom-producten",
                "Doorstroom tussen producten (vervolgaanmeldingen)",
                [("Van product", TEKST), ("Naar product", TEKST), ("Aantal", GETAL)],
                [list(r) for r in cijfers.stromen],
            ),
            Tabel(
                "doorstroom-duur",
                "Duur van beëindigde trajecten (dagen)",
                [
                    ("Product", TEKST),
                    ("Beëindigd", GETAL),
                    ("Gemiddeld", DECIMAAL),
                    ("Mediaan", DECIMAAL),
                    ("Langste", GETAL),
                ],
                [[d.sleutel, d.beeindigd, d.gemiddeld, d.mediaan, d.langste] for d in duur],
                [
                    [
                        totaal.sleutel,
                        totaal.beeindigd,
                        totaal.gemiddeld,
                        totaal.mediaan,
                        totaal.langste,
                    ]
                ],
                grafiek=3,
            ),
            Tabel(
                "doorstroom-herinstroom",
                "Opnieuw aangemeld binnen 12 maanden na het einde",
                [
                    ("", TEKST),
                    ("Beëindigd", GETAL),
                    ("Opnieuw aangemeld", GETAL),
                    ("Aandeel", PROCENT),
                ],
                [["Trajecten beëindigd in de periode", her.beeindigd, her.opnieuw, her.aandeel]],
            ),
        ],
    )


def onderdeel_uitkomsten(
    scope: Cijferscope, filter_: Filter, cijfers: samenvatting_stromen.Uitkomstset | None = None
) -> Onderdeel:
    """From the measurements themselves, or from the summary tables (``cijfers``)."""
    if cijfers is None:
        cijfers = samenvatting_stromen.uitkomstset_uit_feiten(scope, filter_)
    rijen, doelen = cijfers.scores, cijfers.doelen
    return Onderdeel(
        "uitkomsten",
        ONDERDELEN["uitkomsten"],
        [
            Tabel(
                "uitkomsten-scores",
                "Verandering van de score per levensdomein (start → eind)",
                [
                    ("Levensdomein", TEKST),
                    ("Trajecten", GETAL),
                    ("Gemiddeld bij start", DECIMAAL),
                    ("Gemiddeld bij einde", DECIMAAL),
                    ("Verandering", DECIMAAL),
                    ("Verbeterd", GETAL),
                    ("Gelijk", GETAL),
                    ("Verslechterd", GETAL),
                ],
                [
                    [
                        r.levensdomein,
                        r.aantal,
                        r.gemiddeld_start,
                        r.gemiddeld_eind,
                        r.gemiddelde_verandering,
                        r.verbeterd,
                        r.gelijk,
                        r.verslechterd,
                    ]
                    for r in rijen
                ],
                grafiek=4,
                toelichting="Trajecten die in de periode eindigden, met een start- en eindmeting.",
            ),
            Tabel(
                "uitkomsten-doelen",
                "Doelen per levensdomein",
                [
                    ("Levensdomein", TEKST),
                    ("Behaald", GETAL),
                    ("Deels", GETAL),
                    ("Niet", GETAL),
                    ("Niet beoordeeld", GETAL),
                    ("Aandeel behaald", PROCENT),
                ],
                [
                    [d.levensdomein, d.behaald, d.deels, d.niet, d.open, d.aandeel_behaald]
                    for d in doelen
                ],
                grafiek=5,
            ),
        ],
    )


def onderdeel_geld(
    scope: Cijferscope, filter_: Filter, namen: dict[str, str], samengevat: bool = True
) -> Onderdeel:
    if not scope.ziet_geld:
        return Onderdeel(
            "geld",
            ONDERDELEN["geld"],
            [],
            melding="Budget en declaraties horen niet bij uw rol.",
        )
    cijfers = samenvatting_geld.geldset(scope, filter_) if samengevat else None
    if cijfers is not None:
        realisatie, decl = cijfers.realisatie, cijfers.declaraties
    else:
        budgetten, bestedingen, declaratiefeiten = lezen.geld_feiten(scope, filter_)
        realisatie = geld.budgetrealisatie(budgetten, bestedingen)
        decl = geld.declaraties(declaratiefeiten)
    totaal = geld.totaal_budget(realisatie)
    tdecl = geld.totaal_declaraties(decl)

    def budgetrij(r, label):
        return [
            label,
            r.budget,
            r.betaald,
            r.eigen_personeel,
            r.onderaannemers,
            r.besteed,
            r.aandeel_onderaannemers,
            r.resterend,
        ]

    def declrij(d, label):
        return [label, d.ingediend, d.toegekend, d.afgewezen, d.open, d.aandeel_afgewezen]

    jaar = filter_.periode.tot.year
    return Onderdeel(
        "geld",
        ONDERDELEN["geld"],
        [
            Tabel(
                "geld-budget",
                f"Taakgericht budget {jaar}: betaald en besteed tot {filter_.periode.tot:%d-%m-%Y}",
                [
                    ("Gemeente", TEKST),
                    ("Budget", EURO),
                    ("Betaalde termijnen", EURO),
                    ("Besteed eigen personeel", EURO),
                    ("Besteed onderaannemers", EURO),
                    ("Besteed totaal", EURO),
                    ("Aandeel onderaannemers", PROCENT),
                    ("Budget min besteed", EURO),
                ],
                [budgetrij(r, _naam(namen, r.gemeente)) for r in realisatie],
                [budgetrij(totaal, "Totaal")] if realisatie else [],
                grafiek=5,
                toelichting="Besteding zoals opgegeven door de opdrachtnemer per kwartaal.",
            ),
            Tabel(
                "geld-declaraties",
                "Declaraties per cliënt (WMO323/325), periode van de declaratie",
                [
                    ("Gemeente", TEKST),
                    ("Gedeclareerd", CENT),
                    ("Toegekend", CENT),
                    ("Afgewezen", CENT),
                    ("Nog niet beantwoord", CENT),
                    ("Aandeel afgewezen", PROCENT),
                ],
                [declrij(d, _naam(namen, d.gemeente)) for d in decl],
                [declrij(tdecl, "Totaal")] if decl else [],
                grafiek=1,
            ),
        ],
    )


def onderdeel_berichten(
    scope: Cijferscope,
    filter_: Filter,
    namen: dict[str, str],
    peildatum: date,
    samengevat: bool = True,
) -> Onderdeel:
    cijfers = samenvatting_berichten.berichtenset(scope, filter_, peildatum) if samengevat else None
    if cijfers is None:
        feiten = lezen.bericht_feiten(scope, filter_, peildatum)
        doorlooptijden = lezen.toewijzing_tot_start(scope, filter_)
        cijfers = samenvatting_berichten.Berichtenset(
            stromen=berichten.per_type_en_gemeente(feiten),
            codes=berichten.per_retourcode(feiten),
            doorlooptijden=len(doorlooptijden),
            mediaan_doorlooptijd=berichten.mediaan(doorlooptijden),
            te_laat=sum(1 for f in feiten if f.te_laat),
        )
    onverwerkt = (
        samenvatting_berichten.onverwerkte_declaratieberichten(scope, filter_)
        if samengevat
        else None
    )
    if onverwerkt is None:
        onverwerkt = lezen.onverwerkte_declaratieberichten(scope, filter_)
    stromen, codes = cijfers.stromen, cijfers.codes
    return Onderdeel(
        "berichten",
        ONDERDELEN["berichten"],
        [
            Tabel(
                "berichten-type",
                "Berichten per type en gemeente",
                [
                    ("Bericht", TEKST),
                    ("Gemeente", TEKST),
                    ("Verstuurd", GETAL),
                    ("Afgekeurd", GETAL),
                    ("Aandeel afgekeurd", PROCENT),
                    ("Wacht op antwoord", GETAL),
                    ("Antwoord te laat", GETAL),
                    ("Mediaan tot retour (uur)", DECIMAAL),
                ],
                [
                    [
                        s.berichttype,
                        _naam(namen, s.gemeente),
                        s.aantal,
                        s.afgekeurd,
                        s.aandeel_afgekeurd,
                        s.wacht,
                        s.te_laat,
                        s.mediaan_uren_tot_retour,
                    ]
                    for s in stromen
                ],
                grafiek=4,
            ),
            Tabel(
                "berichten-retourcode",
                "Afkeur per retourcode",
                [
                    ("Retourcode", TEKST),
                    ("Afgekeurde berichten", GETAL),
                    ("Aandeel van beantwoorde", PROCENT),
                ],
                [list(r) for r in codes],
                grafiek=1,
            ),
            Tabel(
                "berichten-doorloop",
                "Doorlooptijden en openstaande punten",
                [("", TEKST), ("Waarde", DECIMAAL)],
                [
                    ["Toewijzing → start: trajecten", cijfers.doorlooptijden],
                    ["Toewijzing → start: mediaan (dagen)", cijfers.mediaan_doorlooptijd],
                    ["Antwoorden te laat (nu)", cijfers.te_laat],
                    ["Ontvangen declaratieberichten zonder declaratie", onverwerkt],
                ],
            ),
        ],
    )


DASHBOARDS = ["bereik", "wachten", "doorstroom", "uitkomsten", "geld", "berichten"]


def gemeentenamen() -> dict[str, str]:
    from wmoregie.catalogi.models import Gemeente

    return dict(Gemeente.objects.values_list("code", "naam"))


def bouw_onderdeel(
    slug: str,
    scope: Cijferscope,
    filter_: Filter,
    peildatum: date,
    namen: dict[str, str] | None = None,
    samengevat: bool = True,
) -> Onderdeel:
    """One dashboard part, as its page, its exports and the quarterly report show it.

    ``samengevat``: read the summary tables where they answer exactly (the default); False
    computes from the trajectories themselves (the benchmark's naive route)."""
    namen = gemeentenamen() if namen is None else namen
    if slug == "bereik" and samengevat:
        cijfers = samenvatting.bereikset(scope, filter_)
        if cijfers is not None:
            return onderdeel_bereik(scope, filter_, namen, cijfers=cijfers)
    if slug == "bereik":
        return onderdeel_bereik(scope, filter_, namen, lezen.traject_feiten(scope, filter_))
    if slug == "doorstroom":
        stroom = samenvatting_stromen.doorstroomset(scope, filter_) if samengevat else None
        return onderdeel_doorstroom(scope, filter_, cijfers=stroom)
    if slug == "wachten":
        wacht = samenvatting_stromen.wachtset(scope, filter_, peildatum) if samengevat else None
        return onderdeel_wachten(scope, filter_, peildatum, wacht)
    if slug == "uitkomsten":
        uitkomst = samenvatting_stromen.uitkomstset(scope, filter_) if samengevat else None
        return onderdeel_uitkomsten(scope, filter_, uitkomst)
    if slug == "geld":
        return onderdeel_geld(scope, filter_, namen, samengevat)
    if slug == "berichten":
        return onderdeel_berichten(scope, filter_, namen, peildatum, samengevat)
    raise ValueError(f"onbekend onderdeel: {slug}")


# --- CBS ---------------------------------------------------------------------------------------


def cbs_gepubliceerd(
    scope: Cijferscope,
    gemeente: str,
    halfjaar: str,
    regel: Onderdrukking | None = None,
    samengevat: bool = True,
    inwoners: dict[str, int] | None = None,
    voorraad: samenvatting.Cbsvoorraad | None = None,
    *,
    feiten: Callable[[], list[TrajectFeit]] | None = None,
) -> cbs.Gepubliceerd:
    """The CBS-comparable figures of one municipality (or ``"regio"``), suppressed; from the
    summary tables when they answer exactly and ``samengevat``. ``inwoners`` and ``feiten``
    (the facts of the municipality or region for the half year, read when first needed): from
    the caller when a page shows several municipalities."""
    periode = cbs.halfjaar(halfjaar)
    regel = regel or lezen.onderdrukking()
    inwoners = lezen.inwoners(periode.tot.year) if inwoners is None else inwoners
    aantal = (sum(inwoners.values()) or None) if gemeente == "regio" else inwoners.get(gemeente)
    cijfers = (
        samenvatting.cbs_cijfers(scope, gemeente, periode, aantal, voorraad) if samengevat else None
    )
    if cijfers is None:
        if feiten is None:
            filter_ = Filter(periode=periode, gemeente="" if gemeente == "regio" else gemeente)
            gelezen = lezen.traject_feiten(
                scope if gemeente != "regio" else _regio_scope(scope), filter_
            )
        else:
            gelezen = feiten()
        cijfers = cbs.bereken(gemeente, gelezen, periode, aantal)
    return cbs.publiceer(cijfers, halfjaar, regel)


def _regio_scope(scope: Cijferscope) -> Cijferscope:
    """Region totals: everything for region roles and municipalities; providers their own."""
    return ALLES if scope.alles or scope.regio_totaal else scope


def onderdeel_cbs(
    scope: Cijferscope,
    halfjaar: str,
    namen: dict[str, str],
    gemeenten: list[str],
    samengevat: bool = True,
) -> Onderdeel:
    regel = lezen.onderdrukking()
    periode = cbs.halfjaar(halfjaar)
    inwoners = lezen.inwoners(periode.tot.year)
    voorraad = samenvatting.Cbsvoorraad(periode)
    # Where the summaries do not answer, the facts are read once for every municipality (split
    # per municipality here, as the filter on one municipality would) and once for the region.
    gelezen: dict[str, list[TrajectFeit]] = {}

    def feiten_van(code: str) -> Callable[[], list[TrajectFeit]]:
        def lees() -> list[TrajectFeit]:
            if code == "regio":
                if "regio" not in gelezen:
                    gelezen["regio"] = lezen.traject_feiten(
                        _regio_scope(scope), Filter(periode=periode)
                    )
                return gelezen["regio"]
            if "scope" not in gelezen:
                gelezen["scope"] = lezen.traject_feiten(scope, Filter(periode=periode))
            return [f for f in gelezen["scope"] if f.gemeente == code]

        return lees

    tabellen = []
    overzicht = []
    for code in [*gemeenten, "regio"]:
        g = cbs_gepubliceerd(
            scope, code, halfjaar, regel, samengevat, inwoners, voorraad, feiten=feiten_van(code)
        )
        label = "Regio (alle gemeenten)" if code == "regio" else _naam(namen, code)
        overzicht.append(
            [label, g.inwoners, g.clienten, g.clienten_per_1000, g.voorzieningen_per_client]
        )
        for n, (titel, rijen) in enumerate(g.uitsplitsingen):
            tabellen.append(
                Tabel(
                    f"cbs-{code}-{n}",  # the same slug whichever municipalities are shown
                    f"{label}: {titel.lower()}",
                    [
                        (titel.removeprefix("Per ").capitalize(), TEKST),
                        ("Cliënten", GETAL),
                        ("Per 1.000 inwoners", GETAL),
                    ],
                    [[lab, cel, per] for lab, cel, per in rijen],
                )
            )
    toelichting = (
        f"Halfjaar {halfjaar}. Aantallen kleiner dan {regel.drempel} worden getoond als "
        f"‘{ONDERDRUKT}’; aantallen zijn afgerond op een veelvoud van {regel.afronding}."
    )
    return Onderdeel(
        "cbs",
        ONDERDELEN["cbs"],
        [
            Tabel(
                "cbs-overzicht",
                "Cliënten met een maatwerkvoorziening",
                [
                    ("Gebied", TEKST),
                    ("Inwoners", GETAL),
                    ("Cliënten", GETAL),
                    ("Per 1.000 inwoners", GETAL),
                    ("Voorzieningen per cliënt", DECIMAAL),
                ],
                overzicht,
                grafiek=3,
                toelichting=toelichting,
            ),
            *tabellen,
        ],
    )


# --- display ----------------------------------------------------------------------------------


def _nl(getal, decimalen: int) -> str:
    tekst = f"{getal:,.{decimalen}f}"
    return tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def opmaak(waarde, soort: str) -> str:
    """A value as the page shows it (Dutch notation); the raw value goes to the exports."""
    if waarde is None:
        return "–"
    if isinstance(waarde, str) or soort == TEKST:
        return str(waarde)
    if soort == PROCENT:
        return f"{_nl(float(waarde) * 100, 0)}%"
    if soort == EURO:
        return f"€ {_nl(waarde, 2)}"
    if soort == CENT:
        return f"€ {_nl(waarde / 100, 2)}"
    if soort == DECIMAAL:
        return _nl(waarde, 0) if float(waarde) == int(waarde) else _nl(waarde, 1)
    return _nl(waarde, 0)


def weergave(tabel: Tabel, rijen: list[list]) -> list[list[tuple[str, bool]]]:
    return [
        [
            (opmaak(w, soort), soort != TEKST)
            for w, (_l, soort) in zip(rij, tabel.kolommen, strict=True)
        ]
        for rij in rijen
    ]
