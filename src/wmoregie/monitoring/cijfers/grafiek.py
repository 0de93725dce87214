"""Server-rendered bar charts: no script, no download from the internet. Each chart names its
table, which holds the same figures for screen readers and for copying.

One layout (:func:`opzet`) is drawn twice: as SVG (:func:`staafgrafiek`, on the page, in the
download and in the quarterly report) and as PNG (:func:`staafgrafiek_png`, drawn by Pillow with a
local font), so both downloads show the same chart at the same size."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tabellen import CENT, PROCENT, Tabel

BREEDTE = 720
LABEL = 230
WAARDE = 90
STAAF = 22
RUIMTE = 8

KLEUR_TEKST = "#1a1a1a"
KLEUR_STAAF = "#01689b"
KLEUR_NEGATIEF = "#a90061"
KLEUR_AS = "#555555"
LETTERGROOTTE = 13
# Local fonts only, in this order (the PNG); Pillow's own font when none is installed.
LETTERTYPEN = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")


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


@dataclass(frozen=True)
class Staaf:
    naam: str  # the full label
    kort: str  # the label as drawn (at most 32 characters)
    waarde: str  # the value as drawn
    x: float
    y: int
    breedte: float
    negatief: bool
    waarde_x: float  # where the value's text starts

    @property
    def tekst_y(self) -> float:
        return self.y + STAAF * 0.7


@dataclass(frozen=True)
class Opzet:
    """The geometry of one chart, in pixels (the SVG's user units)."""

    breedte: int
    hoogte: int
    nul: float  # x of the axis
    staven: list[Staaf]
    titel: str
    kolom: str


def opzet(tabel: Tabel) -> Opzet | None:
    """A horizontal bar chart of column ``tabel.grafiek`` against column 0; None without data."""
    if tabel.grafiek is None:
        return None
    label, soort = tabel.kolommen[tabel.grafiek]
    punten = [
        (str(rij[0]), _getal(rij[tabel.grafiek], soort))
        for rij in tabel.rijen
        if _getal(rij[tabel.grafiek], soort) is not None
    ]
    if not punten:
        return None
    laagste = min(0.0, *(w for _l, w in punten))
    hoogste = max(0.0, *(w for _l, w in punten))
    bereik = (hoogste - laagste) or 1.0
    ruimte = BREEDTE - LABEL - WAARDE
    nul = LABEL + (0 - laagste) / bereik * ruimte
    staven = []
    for i, (naam, waarde) in enumerate(punten):
        x1 = LABEL + (min(0.0, waarde) - laagste) / bereik * ruimte
        breedte = max(1.0, abs(waarde) / bereik * ruimte)
        staven.append(
            Staaf(
                naam=naam,
                kort=naam if len(naam) <= 32 else naam[:31] + "…",
                waarde=_tekst(waarde, soort),
                x=x1,
                y=RUIMTE + i * (STAAF + RUIMTE),
                breedte=breedte,
                negatief=waarde < 0,
                waarde_x=max(x1 + breedte, nul) + 6,
            )
        )
    return Opzet(
        breedte=BREEDTE,
        hoogte=len(punten) * (STAAF + RUIMTE) + RUIMTE,
        nul=nul,
        staven=staven,
        titel=tabel.titel,
        kolom=label,
    )


def staafgrafiek(tabel: Tabel, *, los: bool = False) -> SafeString:
    """The chart as SVG; "" without data. ``los``: a standalone SVG file (with the XML
    namespace and its own styles)."""
    o = opzet(tabel)
    if o is None:
        return SafeString("")
    titel_id = f"grafiek-{tabel.slug}"
    delen = [
        f'<svg class="grafiek" viewBox="0 0 {o.breedte} {o.hoogte}" width="{o.breedte}" '
        f'height="{o.hoogte}" role="img" aria-labelledby="{titel_id}-titel {titel_id}-uitleg"'
        + (' xmlns="http://www.w3.org/2000/svg"' if los else "")
        + ">",
        f'<title id="{titel_id}-titel">{escape(o.titel)}: {escape(o.kolom)}</title>',
        f'<desc id="{titel_id}-uitleg">Staafdiagram; de cijfers staan in de tabel '
        f"‘{escape(o.titel)}’.</desc>",
    ]
    if los:
        delen.append(
            f"<style>text{{font:{LETTERGROOTTE}px sans-serif;fill:{KLEUR_TEKST}}}"
            f".staaf{{fill:{KLEUR_STAAF}}}.staaf--negatief{{fill:{KLEUR_NEGATIEF}}}"
            f".as{{stroke:{KLEUR_AS}}}</style>"
        )
    for s in o.staven:
        klasse = "staaf staaf--negatief" if s.negatief else "staaf"
        delen.append(
            f'<text x="{LABEL - 8}" y="{s.tekst_y:.1f}" text-anchor="end">{escape(s.kort)}</text>'
            f'<rect class="{klasse}" x="{s.x:.1f}" y="{s.y}" width="{s.breedte:.1f}" '
            f'height="{STAAF}"><title>{escape(s.naam)}: {s.waarde}</title></rect>'
            f'<text x="{s.waarde_x:.1f}" y="{s.tekst_y:.1f}">{s.waarde}</text>'
        )
    delen.append(f'<line class="as" x1="{o.nul:.1f}" x2="{o.nul:.1f}" y1="0" y2="{o.hoogte}"/>')
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 -- every text above went through escape()  # nosec B308 B703


@cache
def _lettertype():
    from PIL import ImageFont

    for naam in LETTERTYPEN:
        try:
            return ImageFont.truetype(naam, LETTERGROOTTE)
        except OSError:
            continue
    return ImageFont.load_default(LETTERGROOTTE)


def staafgrafiek_png(tabel: Tabel) -> bytes:
    """The chart as PNG of the SVG's size (``BREEDTE`` × its height); b"" without data."""
    from PIL import Image, ImageDraw

    o = opzet(tabel)
    if o is None:
        return b""
    beeld = Image.new("RGB", (o.breedte, o.hoogte), "white")
    teken = ImageDraw.Draw(beeld)
    letter = _lettertype()
    for s in o.staven:
        teken.rectangle(
            [s.x, s.y, s.x + s.breedte, s.y + STAAF - 1],
            fill=KLEUR_NEGATIEF if s.negatief else KLEUR_STAAF,
        )
        # "rs"/"ls": right/left aligned on the baseline, as text-anchor in the SVG
        teken.text((LABEL - 8, s.tekst_y), s.kort, fill=KLEUR_TEKST, font=letter, anchor="rs")
        teken.text((s.waarde_x, s.tekst_y), s.waarde, fill=KLEUR_TEKST, font=letter, anchor="ls")
    teken.line([o.nul, 0, o.nul, o.hoogte], fill=KLEUR_AS, width=1)
    uit = io.BytesIO()
    beeld.save(uit, format="PNG", optimize=True)
    return uit.getvalue()
