"""Every table as CSV or XLSX. Text a user typed (names of reasons, products, teams) is written
as text, never as a formula: in CSV a leading ``= + - @`` (or tab/return) gets a quote in front,
in XLSX the cell is typed as a string."""

from __future__ import annotations

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.styles import Font

from .tabellen import CENT, DECIMAAL, EURO, PROCENT, Tabel

GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")


def waarde(w, soort: str):
    """The exported value: per cent as a number of per cent (1 decimal), cents as euros."""
    if w is None:
        return None
    if isinstance(w, str):
        return w
    if soort == PROCENT:
        return float(Decimal(str(w * 100)).quantize(Decimal("0.1"), ROUND_HALF_UP))
    if soort == CENT:
        return Decimal(w) / 100
    if soort == DECIMAAL and isinstance(w, float):
        return float(Decimal(str(w)).quantize(Decimal("0.01"), ROUND_HALF_UP))
    if soort == EURO:
        return Decimal(w)
    return w


def kopjes(tabel: Tabel) -> list[str]:
    return [
        f"{label} (%)" if soort == PROCENT else f"{label} (EUR)" if soort in (EURO, CENT) else label
        for label, soort in tabel.kolommen
    ]


def _rijen(tabel: Tabel):
    soorten = [soort for _l, soort in tabel.kolommen]
    for rij in [*tabel.rijen, *tabel.voet]:
        yield [waarde(w, s) for w, s in zip(rij, soorten, strict=True)]


def veilige_tekst(w: str) -> str:
    return "'" + w if w.startswith(GEVAARLIJK) else w


def als_csv(tabel: Tabel) -> bytes:
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([veilige_tekst(k) for k in kopjes(tabel)])
    for rij in _rijen(tabel):
        schrijver.writerow(
            ["" if w is None else veilige_tekst(w) if isinstance(w, str) else w for w in rij]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _bladnaam(titel: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", titel)[:31] or "Tabel"


def als_xlsx(tabellen: list[Tabel]) -> bytes:
    boek = Workbook()
    boek.remove(boek.active)
    for tabel in tabellen:
        blad = boek.create_sheet(_bladnaam(tabel.titel))
        blad.append([tabel.titel])
        blad["A1"].font = Font(bold=True)
        for kolom, kop in enumerate(kopjes(tabel), start=1):
            cel = blad.cell(row=2, column=kolom, value=kop)
            cel.data_type = TYPE_STRING
            cel.font = Font(bold=True)
        for r, rij in enumerate(_rijen(tabel), start=3):
            for kolom, w in enumerate(rij, start=1):
                if isinstance(w, Decimal):
                    w = float(w)
                cel = blad.cell(row=r, column=kolom, value=w)
                if isinstance(w, str):
                    cel.data_type = TYPE_STRING  # never a formula
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()
