"""The steering and survey tables as CSV and XLSX: the same rows as the pages, with the same
suppression ('.'), so nothing leaves in a file that the page would not show."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font

FORMATEN = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _veilig(waarde):
    """Text that a spreadsheet would read as a formula is prefixed with a quote."""
    if isinstance(waarde, str) and waarde[:1] in ("=", "+", "-", "@"):
        return "'" + waarde
    return waarde


def csv_bytes(kop: list[str], rijen: list[list]) -> bytes:
    uit = io.StringIO()
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow(kop)
    for rij in rijen:
        schrijver.writerow([_veilig(w) for w in rij])
    return ("\ufeff" + uit.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def xlsx_bytes(titel: str, kop: list[str], rijen: list[list]) -> bytes:
    werkboek = Workbook()
    blad = werkboek.active
    blad.title = titel[:31]
    blad.append(kop)
    for cel in blad[1]:
        cel.font = Font(bold=True)
    for rij in rijen:
        blad.append([_veilig(w) for w in rij])
    uit = io.BytesIO()
    werkboek.save(uit)
    return uit.getvalue()


def bestand(formaat: str, titel: str, kop: list[str], rijen: list[list]) -> bytes:
    if formaat == "xlsx":
        return xlsx_bytes(titel, kop, rijen)
    return csv_bytes(kop, rijen)


def indicatoren_tabel(standen, gemeenten) -> tuple[list[str], list[list]]:
    kop = ["Indicator", "Gedeeld doel", "Waarde", *[g.naam for g in gemeenten], "Norm", "Koers"]
    rijen = []
    for stand in standen:
        per_gemeente = []
        for gemeente in gemeenten:
            telling = stand.uitkomst.per_gemeente.get(gemeente.pk)
            per_gemeente.append(stand.tekst_van(telling) if telling else "–")
        rijen.append(
            [
                stand.indicator.naam,
                str(stand.indicator.doel or ""),
                stand.waarde_tekst,
                *per_gemeente,
                stand.norm_tekst,
                str(stand.koers_label),
            ]
        )
    return kop, rijen


def ervaring_tabel(uitslag) -> tuple[list[str], list[list]]:
    kop = ["Stelling"]
    for kolom in uitslag.kolommen:
        kop += [f"{kolom.titel}: mee eens", f"{kolom.titel}: aantal"]
    rijen = []
    for rij in uitslag.tabel():
        regel = [str(rij["vraag"])]
        for waarde in rij["waarden"]:
            regel += [waarde["tekst"], waarde["n"]]
        rijen.append(regel)
    rijen.append(["Uitgenodigd", *[w for r in uitslag.respons() for w in (r["uitgenodigd"], "")]])
    rijen.append(["Ingevuld", *[w for r in uitslag.respons() for w in (r["ingevuld"], "")]])
    return kop, rijen
