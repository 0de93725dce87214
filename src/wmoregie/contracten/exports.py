"""Exports: a price sheet as XLSX and PDF, a subcontract as PDF, the register as XLSX.

PDFs are rendered from Dutch HTML templates by WeasyPrint. The templates carry their own CSS
and WeasyPrint is given a URL fetcher that refuses everything, so rendering never reaches out.
"""

import io
from datetime import date

from django.template.loader import render_to_string

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from wmoregie.exports import tekst_als_tekst

from .selectors import compliance

BEDRAG = "#,##0.00"
EXACT = "#,##0.0000"
DATUMFORMAAT = "DD-MM-YYYY"


def _geen_externe_bronnen(url, *args, **kwargs):
    raise ValueError(f"externe bron geweigerd: {url}")


def html_naar_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported here: loading it takes a moment

    return HTML(string=html, url_fetcher=_geen_externe_bronnen).write_pdf()


def _werkboek_bytes(werkboek: Workbook) -> bytes:
    tekst_als_tekst(werkboek)  # user text is never a formula (#14 A.3)
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


def _kolombreedtes(blad, breedtes):
    for nummer, breedte in enumerate(breedtes, start=1):
        blad.column_dimensions[get_column_letter(nummer)].width = breedte


# ---------------------------------------------------------------------------------------------
# Price sheet
# ---------------------------------------------------------------------------------------------


def prijsblad_context(prijsblad) -> dict:
    return {
        "prijsblad": prijsblad,
        "berekening": prijsblad.berekening(),
        "marge": prijsblad.marge(),
        "regels": list(prijsblad.niet_productieve_tijd.all()),
    }


def prijsblad_html(prijsblad) -> str:
    return render_to_string("contracten/pdf/prijsblad.html", prijsblad_context(prijsblad))


def prijsblad_pdf(prijsblad) -> bytes:
    return html_naar_pdf(prijsblad_html(prijsblad))


def prijsblad_xlsx(prijsblad) -> bytes:
    context = prijsblad_context(prijsblad)
    werkboek = Workbook()
    blad = werkboek.active
    blad.title = "Prijsblad"
    vet = Font(bold=True)
    blad.append([f"Standaardprijsblad {prijsblad.product} — {prijsblad.kwalificatieniveau}"])
    blad["A1"].font = Font(bold=True, size=14)
    gegevens = [
        ("Overeenkomst", str(prijsblad.overeenkomst)),
        ("Versie", prijsblad.versie),
        ("Status", prijsblad.get_status_display()),
        ("Geldig vanaf", prijsblad.geldig_vanaf),
        ("Cao", prijsblad.cao),
        ("Schaal en trede", f"{prijsblad.schaal} {prijsblad.trede}".strip()),
    ]
    for label, waarde in gegevens:
        blad.append([label, waarde])
        if isinstance(waarde, date):
            blad.cell(blad.max_row, 2).number_format = DATUMFORMAAT
    blad.append([])
    blad.append(["Stap", "Waarde (onafgerond)", "Eenheid", "Zo berekend"])
    for cel in blad[blad.max_row]:
        cel.font = vet
    for stap in context["berekening"].stappen:
        blad.append([stap.label, stap.waarde, stap.eenheid, stap.toelichting])
        blad.cell(blad.max_row, 2).number_format = (
            BEDRAG if stap.eenheid.startswith("EUR") else EXACT
        )
    blad.append([])
    blad.append(
        [
            "Kostprijstarief onderaannemer" if prijsblad.overeenkomst.is_taakgericht else "Tarief",
            context["berekening"].tarief,
            f"EUR per {prijsblad.eenheid}",
        ]
    )
    blad.cell(blad.max_row, 1).font = vet
    blad.cell(blad.max_row, 2).number_format = BEDRAG
    if context["marge"] is not None:
        blad.append([])
        blad.append(["Marge van de hoofdaannemer"])
        blad.cell(blad.max_row, 1).font = vet
        for stap in context["marge"].stappen:
            blad.append([stap.label, stap.waarde, stap.eenheid, stap.toelichting])
            blad.cell(blad.max_row, 2).number_format = (
                BEDRAG if stap.eenheid.startswith("EUR") else EXACT
            )
    blad.append([])
    blad.append(["Bronnen en aannames", prijsblad.bronnen])
    blad.append(
        [
            "Afronding",
            "Alles exact gerekend; alleen het tarief is half naar boven afgerond op centen.",
        ]
    )
    _kolombreedtes(blad, [58, 20, 16, 60])
    return _werkboek_bytes(werkboek)


# ---------------------------------------------------------------------------------------------
# Tariff list
# ---------------------------------------------------------------------------------------------

TARIEFKOLOMMEN = [
    "Jaar",
    "Product",
    "Productcode",
    "Eenheid",
    "Tarief (EUR)",
    "Geldig van",
    "Geldig tot en met",
    "Herkomst",
    "Vorig tarief (EUR)",
    "Indexeringspercentage (exact, %)",
    "Onafgerond (EUR)",
    "Zo berekend",
]


def tarieven_xlsx(overeenkomst, jaren) -> bytes:
    """The tariff list: one row per tariff with how an indexed tariff was computed, and per
    indexation the index figures step by step."""
    werkboek = Workbook()
    blad = werkboek.active
    blad.title = "Tarieven"
    blad.append(TARIEFKOLOMMEN)
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for tariefjaar in jaren:
        for regel in tariefjaar.regels:
            tarief, berekening = regel.tarief, regel.berekening
            blad.append(
                [
                    tariefjaar.jaar,
                    tarief.product.naam,
                    tarief.product.productcode,
                    tarief.get_eenheid_display(),
                    tarief.bedrag,
                    tarief.geldig_van,
                    tarief.geldig_tot or "zonder einddatum",
                    "geïndexeerd" if berekening else "vastgesteld",
                    berekening.bedrag if berekening else None,
                    berekening.indexpercentage if berekening else None,
                    berekening.nieuw_bedrag_exact if berekening else None,
                    berekening.stap("nieuw_bedrag_exact").toelichting
                    if berekening
                    else tarief.bron,
                ]
            )
            rij = blad.max_row
            for kolom in (5, 9):
                blad.cell(rij, kolom).number_format = BEDRAG
            for kolom in (6, 7):
                blad.cell(rij, kolom).number_format = DATUMFORMAAT
            blad.cell(rij, 10).number_format = "0.00000000"
            blad.cell(rij, 11).number_format = "#,##0.000000"
    blad.freeze_panes = "A2"
    blad.auto_filter.ref = blad.dimensions
    _kolombreedtes(blad, [6, 40, 11, 14, 13, 12, 16, 12, 16, 18, 16, 50])

    index = werkboek.create_sheet("Indexering")
    index.append(["Jaar", "Stap", "Waarde (onafgerond)", "Eenheid", "Zo berekend"])
    for cel in index[1]:
        cel.font = Font(bold=True)
    for tariefjaar in jaren:
        for stap in tariefjaar.indexstappen:
            index.append([tariefjaar.jaar, stap.label, stap.waarde, stap.eenheid, stap.toelichting])
            index.cell(index.max_row, 3).number_format = EXACT
    _kolombreedtes(index, [6, 70, 20, 8, 40])

    info = werkboek.create_sheet("Over dit bestand")
    info.append(["Overeenkomst", str(overeenkomst)])
    info.append(["Bekostiging", overeenkomst.get_bekostigingsvariant_display()])
    info.append(
        [
            "Afronding",
            "Indexering exact (art. 3.2); elk nieuw tarief pas aan het eind half naar boven "
            "afgerond op centen.",
        ]
    )
    _kolombreedtes(info, [16, 90])
    return _werkboek_bytes(werkboek)


# ---------------------------------------------------------------------------------------------
# Subcontract
# ---------------------------------------------------------------------------------------------


def onderaanneemcontract_html(contract) -> str:
    context = prijsblad_context(contract.prijsblad)
    context["contract"] = contract
    context["onderaannemer"] = contract.onderaannemer
    context["overeenkomst"] = contract.onderaannemer.overeenkomst
    return render_to_string("contracten/pdf/onderaanneemcontract.html", context)


def onderaanneemcontract_pdf(contract) -> bytes:
    return html_naar_pdf(onderaanneemcontract_html(contract))


# ---------------------------------------------------------------------------------------------
# Subcontractor register
# ---------------------------------------------------------------------------------------------

REGISTERKOLOMMEN = [
    "KvK-nummer",
    "Naam",
    "Soort",
    "Status",
    "Expertise",
    "Producten",
    "Ingangsdatum",
    "Einddatum",
    "Zzp",
    "Toestemming regio vereist",
    "Toestemming verleend op",
    "Kenmerk toestemming",
    "Documenten",
    "Eerstvolgende verloopdatum",
]


def onderaannemers_xlsx(overeenkomst, onderaannemers, op: date) -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    blad.title = "Onderaannemers"
    blad.append(REGISTERKOLOMMEN)
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for onderaannemer in onderaannemers:
        regels = compliance(onderaannemer, op)
        verloopdata = [
            r.document.geldig_tot for r in regels if r.document and r.document.geldig_tot
        ]
        blad.append(
            [
                onderaannemer.organisatie.kvk_nummer,
                onderaannemer.organisatie.naam,
                onderaannemer.get_soort_display(),
                onderaannemer.get_status_display(),
                onderaannemer.expertise,
                ", ".join(p.naam for p in onderaannemer.producten.all()),
                onderaannemer.ingangsdatum,
                onderaannemer.einddatum or "hele looptijd",
                "ja" if onderaannemer.is_zzp else "nee",
                "ja" if onderaannemer.toestemming_vereist else "nee",
                onderaannemer.toestemming_op,
                onderaannemer.toestemming_kenmerk,
                "; ".join(f"{r.soort_label}: {r.stand_label}" for r in regels),
                min(verloopdata) if verloopdata else None,
            ]
        )
        for kolom in (7, 8, 11, 14):
            blad.cell(blad.max_row, kolom).number_format = DATUMFORMAAT
    blad.freeze_panes = "A2"
    blad.auto_filter.ref = blad.dimensions
    _kolombreedtes(blad, [12, 36, 30, 30, 40, 50, 13, 13, 6, 10, 13, 20, 80, 14])
    info = werkboek.create_sheet("Over dit bestand")
    info.append(["Overeenkomst", str(overeenkomst)])
    info.append(["Stand per", op])
    info.cell(2, 2).number_format = DATUMFORMAAT
    return _werkboek_bytes(werkboek)
