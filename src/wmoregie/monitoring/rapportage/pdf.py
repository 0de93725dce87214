"""The quarterly report as PDF: Dutch HTML rendered by WeasyPrint with local fonts only; the
URL fetcher refuses everything, so rendering never reaches out. Charts are the dashboards'
own SVG, tables the dashboards' own :class:`~..cijfers.tabellen.Tabel` rows as the page shows
them (Dutch notation, suppression kept)."""

from __future__ import annotations

from django.template.loader import render_to_string

from ..cijfers.grafiek import staafgrafiek
from . import kwartaal as kw


def _geen_externe_bronnen(url, *args, **kwargs):
    raise ValueError(f"externe bron geweigerd: {url}")


def rapport_html(inhoud) -> str:
    return render_to_string(
        "monitoring/pdf/kwartaalrapport.html",
        {
            "inhoud": inhoud,
            "kwartaalnaam": kw.naam(inhoud.kwartaal),
            "van": kw.datum(inhoud.periode.van),
            "tot": kw.datum(inhoud.periode.tot),
            "peildatum": kw.datum(inhoud.peildatum),
            "onderdelen": [
                (deel, [(t, staafgrafiek(t, los=True)) for t in deel.tabellen])
                for deel in inhoud.onderdelen
            ],
        },
    )


def rapport_pdf(inhoud) -> bytes:
    """A tagged PDF (structure for screen readers, language nl), nothing fetched."""
    from weasyprint import HTML  # imported here: loading it takes a moment

    return HTML(string=rapport_html(inhoud), url_fetcher=_geen_externe_bronnen).write_pdf(
        pdf_tags=True
    )
