"""Server-rendered SVG bar charts: no script, no download from the internet. Each chart
names its table, which holds the same figures for screen readers and for copying."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tabellen import CENT, PROCENT, Tabel

BREEDTE = 720
LABEL = 230
WAARDE = 90
STAAF = 22
RUIMTE = 8


def _getal(waarde, soort: str) -> float | None:
    if waarde is None or isinstance(waarde, str):
        return None
    if soort == PROCENT:
        return float(waarde) * 100
    if soort == CENT:
        return float(Decimal(waarde) / 100)
    return float(waarde)


def _tekst(waarde: float, soort: str) -> str:
    if soort == PROCENT:
        return f"{waarde:.0f}%"
    if waarde == int(waarde) and abs(waarde) >= 1:
        return f"{int(waarde):,}".replace(",", ".")
    return f"{waarde:.1f}".replace(".", ",")


def staafgrafiek(tabel: Tabel, *, los: bool = False) -> SafeString:
    """A horizontal bar chart of column ``tabel.grafiek`` against column 0; "" without data.
    ``los``: a standalone SVG file (with the XML namespace and its own styles)."""
    if tabel.grafiek is None:
        return SafeString("")
    label, soort = tabel.kolommen[tabel.grafiek]
    punten = [
        (str(rij[0]), _getal(rij[tabel.grafiek], soort))
        for rij in tabel.rijen
        if _getal(rij[tabel.grafiek], soort) is not None
    ]
    if not punten:
        return SafeString("")
    laagste = min(0.0, *(w for _l, w in punten))
    hoogste = max(0.0, *(w for _l, w in punten))
    bereik = (hoogste - laagste) or 1.0
    ruimte = BREEDTE - LABEL - WAARDE
    nul = LABEL + (0 - laagste) / bereik * ruimte
    hoogte = len(punten) * (STAAF + RUIMTE) + RUIMTE
    titel_id = f"grafiek-{tabel.slug}"
    delen = [
        f'<svg class="grafiek" viewBox="0 0 {BREEDTE} {hoogte}" width="{BREEDTE}" '
        f'height="{hoogte}" role="img" aria-labelledby="{titel_id}-titel {titel_id}-uitleg"'
        + (' xmlns="http://www.w3.org/2000/svg"' if los else "")
        + ">",
        f'<title id="{titel_id}-titel">{escape(tabel.titel)}: {escape(label)}</title>',
        f'<desc id="{titel_id}-uitleg">Staafdiagram; de cijfers staan in de tabel '
        f"‘{escape(tabel.titel)}’.</desc>",
    ]
    if los:
        delen.append(
            "<style>text{font:13px sans-serif;fill:#1a1a1a}.staaf{fill:#01689b}"
            ".staaf--negatief{fill:#a90061}.as{stroke:#555}</style>"
        )
    for i, (naam, waarde) in enumerate(punten):
        y = RUIMTE + i * (STAAF + RUIMTE)
        x1 = LABEL + (min(0.0, waarde) - laagste) / bereik * ruimte
        breedte = max(1.0, abs(waarde) / bereik * ruimte)
        klasse = "staaf staaf--negatief" if waarde < 0 else "staaf"
        kort = naam if len(naam) <= 32 else naam[:31] + "…"
        delen.append(
            f'<text x="{LABEL - 8}" y="{y + STAAF * 0.7:.1f}" text-anchor="end">{escape(kort)}</text>'
            f'<rect class="{klasse}" x="{x1:.1f}" y="{y}" width="{breedte:.1f}" height="{STAAF}">'
            f"<title>{escape(naam)}: {_tekst(waarde, soort)}</title></rect>"
            f'<text x="{max(x1 + breedte, nul) + 6:.1f}" y="{y + STAAF * 0.7:.1f}">'
            f"{_tekst(waarde, soort)}</text>"
        )
    delen.append(f'<line class="as" x1="{nul:.1f}" x2="{nul:.1f}" y1="0" y2="{hoogte}"/>')
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 -- every text above went through escape()  # nosec B308 B703
