"""User text in CSV and XLSX exports is written as text, never as a formula (#14 A.3).

A spreadsheet program treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and, in some,
a tab or carriage return) as a formula: an organisation called ``=HYPERLINK(…)`` or
``=cmd|' /C calc'!A0`` would run when the export is opened. Every export goes through this
module:

* CSV: :func:`csv_schrijver` / :func:`csv_dictschrijver` put a ``'`` before such text (the OWASP
  advice; spreadsheet programs hide it and show the text). Numbers, dates and ``None`` pass
  unchanged: give numbers as numbers, not as formatted text. :func:`uit_csv_tekst` undoes the
  prefix for an import of our own export.
* XLSX: :func:`tekst_als_tekst` marks every text cell of a workbook as text (cell type ``s``
  with the quote prefix), so the text stays exactly as typed and is never evaluated.
"""

import csv

#: First characters that make a spreadsheet program read a cell as a formula (with the
#: full-width forms some programs also accept).
FORMULETEKENS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")


def als_tekst(waarde):
    """A CSV cell: text that could be read as a formula gets a leading ``'``."""
    if isinstance(waarde, str) and waarde[:1] in FORMULETEKENS:
        return "'" + waarde
    return waarde


def uit_csv_tekst(waarde: str) -> str:
    """Undo :func:`als_tekst` for a cell of one of our own CSV exports read back in."""
    if len(waarde) > 1 and waarde[0] == "'" and waarde[1] in FORMULETEKENS:
        return waarde[1:]
    return waarde


def _regeleinde_in(rij) -> bool:
    """A line break inside a cell must be quoted, or a program splits the row there and the
    rest (``=1+1``) starts a new cell; the csv module leaves a bare ``\r`` unquoted when the
    line terminator is ``\n``."""
    return any(isinstance(w, str) and ("\r" in w or "\n" in w) for w in rij)


class _VeiligeSchrijver:
    def __init__(self, uit, opties):
        self._gewoon = csv.writer(uit, **opties)
        self._gequote = csv.writer(uit, **{**opties, "quoting": csv.QUOTE_ALL})

    def writerow(self, rij):
        rij = [als_tekst(w) for w in rij]
        return (self._gequote if _regeleinde_in(rij) else self._gewoon).writerow(rij)

    def writerows(self, rijen):
        for rij in rijen:
            self.writerow(rij)


class _VeiligeDictSchrijver(csv.DictWriter):
    def __init__(self, uit, fieldnames, **opties):
        super().__init__(uit, fieldnames=fieldnames, **opties)
        self._gequote = csv.DictWriter(
            uit, fieldnames=fieldnames, **{**opties, "quoting": csv.QUOTE_ALL}
        )

    def writerow(self, rowdict):
        rij = {k: als_tekst(v) for k, v in rowdict.items()}
        if _regeleinde_in(rij.values()):
            return self._gequote.writerow(rij)
        return super().writerow(rij)

    def writerows(self, rowdicts):
        for rij in rowdicts:
            self.writerow(rij)


def csv_schrijver(uit, **opties) -> _VeiligeSchrijver:
    """``csv.writer`` whose rows pass through :func:`als_tekst`."""
    return _VeiligeSchrijver(uit, opties)


def csv_dictschrijver(uit, fieldnames, **opties) -> csv.DictWriter:
    """``csv.DictWriter`` whose values pass through :func:`als_tekst` (the header is ours)."""
    return _VeiligeDictSchrijver(uit, fieldnames, **opties)


def tekst_als_tekst(werkboek) -> None:
    """Mark every text cell of an openpyxl workbook as text, so none is stored as a formula."""
    for blad in werkboek.worksheets:
        for rij in blad.iter_rows():
            for cel in rij:
                if isinstance(cel.value, str):
                    cel.data_type = "s"
                    if cel.value[:1] in FORMULETEKENS:
                        cel.quotePrefix = True
