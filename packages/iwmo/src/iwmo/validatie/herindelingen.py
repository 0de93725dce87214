"""Which CBS gemeentecodes were valid on a date: the 2026 list with the reorganisations since 2019.

Municipalities merge nearly every year. A merger under a new name gets a new code; the codes of
the municipalities that merged stop existing that day (CBS, "Gemeentelijke indelingen per jaar").
TR378 allows the list that was current on the start date of the assignment, so a message about a
toewijzing that started before a merger may still name the old gemeente.

The overview covers 1 January 2019 onwards (355 municipalities then, 352 in 2021, 345 on
1 January 2022, 344 after Weesp joined Amsterdam on 24 March 2022, 342 from 2023 to 2026: the
tests check these counts). For a date before 2019 a code outside the overview cannot be judged.
"""

from __future__ import annotations

from datetime import date

from .gemeentecodes import CBS_GEMEENTECODES_2026

BEGIN_OVERZICHT = date(2019, 1, 1)

_2019, _2021, _2022, _2023 = date(2019, 1, 1), date(2021, 1, 1), date(2022, 1, 1), date(2023, 1, 1)

OPGEHEVEN: dict[str, tuple[str, date]] = {
    # code: (name, first day it no longer exists)
    "0017": ("Haren", _2019),  # into Groningen (0014)
    "0009": ("Ten Boer", _2019),  # into Groningen (0014)
    "0005": ("Bedum", _2019),  # Het Hogeland (1966)
    "1663": ("De Marne", _2019),
    "1651": ("Eemsmond", _2019),
    "0053": ("Winsum", _2019),
    "0015": ("Grootegast", _2019),  # Westerkwartier (1969)
    "0022": ("Leek", _2019),
    "0025": ("Marum", _2019),
    "0056": ("Zuidhorn", _2019),
    "0058": ("Dongeradeel", _2019),  # Noardeast-Fryslân (1970)
    "1722": ("Ferwerderadiel", _2019),
    "0079": ("Kollumerland en Nieuwkruisland", _2019),
    "0393": ("Haarlemmerliede en Spaarnwoude", _2019),  # into Haarlemmermeer (0394)
    "0576": ("Noordwijkerhout", _2019),  # into Noordwijk (0575)
    "0545": ("Leerdam", _2019),  # Vijfheerenlanden (1961)
    "0707": ("Zederik", _2019),
    "0620": ("Vianen", _2019),
    "0689": ("Giessenlanden", _2019),  # Molenlanden (1978)
    "1927": ("Molenwaard", _2019),
    "0236": ("Geldermalsen", _2019),  # West Betuwe (1960)
    "0733": ("Lingewaal", _2019),
    "0304": ("Neerijnen", _2019),
    "0738": ("Aalburg", _2019),  # Altena (1959)
    "0870": ("Werkendam", _2019),
    "0874": ("Woudrichem", _2019),
    "0951": ("Nuth", _2019),  # Beekdaelen (1954)
    "0881": ("Onderbanken", _2019),
    "0962": ("Schinnen", _2019),
    "0585": ("Binnenmaas", _2019),  # Hoeksche Waard (1963)
    "0588": ("Korendijk", _2019),
    "0611": ("Cromstrijen", _2019),
    "0584": ("Oud-Beijerland", _2019),
    "0617": ("Strijen", _2019),
    "0003": ("Appingedam", _2021),  # Eemsdelta (1979)
    "0010": ("Delfzijl", _2021),
    "0024": ("Loppersum", _2021),
    "0788": ("Haaren", _2021),  # divided over Boxtel, Oisterwijk, Tilburg and Vught
    "0398": ("Heerhugowaard", _2022),  # Dijk en Waard (1980)
    "0416": ("Langedijk", _2022),
    "1685": ("Landerd", _2022),  # Maashorst (1991)
    "0856": ("Uden", _2022),
    "0756": ("Boxmeer", _2022),  # Land van Cuijk (1982)
    "1684": ("Cuijk", _2022),
    "0786": ("Grave", _2022),
    "0815": ("Mill en Sint Hubert", _2022),
    "1702": ("Sint Anthonis", _2022),
    "0370": ("Beemster", _2022),  # into Purmerend (0439)
    "0457": ("Weesp", date(2022, 3, 24)),  # into Amsterdam (0363)
    "0501": ("Brielle", _2023),  # Voorne aan Zee (1992)
    "0530": ("Hellevoetsluis", _2023),
    "0614": ("Westvoorne", _2023),
}

NIEUW: dict[str, tuple[str, date]] = {
    # code: (name, first day it exists), for the codes of the 2026 list made since 2019
    "1966": ("Het Hogeland", _2019),
    "1969": ("Westerkwartier", _2019),
    "1970": ("Noardeast-Fryslân", _2019),
    "1961": ("Vijfheerenlanden", _2019),
    "1978": ("Molenlanden", _2019),
    "1960": ("West Betuwe", _2019),
    "1959": ("Altena", _2019),
    "1954": ("Beekdaelen", _2019),
    "1963": ("Hoeksche Waard", _2019),
    "1979": ("Eemsdelta", _2021),
    "1980": ("Dijk en Waard", _2022),
    "1991": ("Maashorst", _2022),
    "1982": ("Land van Cuijk", _2022),
    "1992": ("Voorne aan Zee", _2023),
}


def geldig_op(code: str, datum: date) -> bool | None:
    """Whether ``code`` was a CBS gemeentecode on ``datum``; ``None`` when that cannot be said
    (a code outside the overview, on a date before it)."""
    if code in CBS_GEMEENTECODES_2026:
        return code not in NIEUW or datum >= NIEUW[code][1]
    if code in OPGEHEVEN:
        return datum < OPGEHEVEN[code][1]
    return False if datum >= BEGIN_OVERZICHT else None


def codes_op(datum: date) -> frozenset[str]:
    """Every gemeentecode valid on ``datum`` (from 1 January 2019)."""
    alle = CBS_GEMEENTECODES_2026 | OPGEHEVEN.keys()
    return frozenset(code for code in alle if geldig_op(code, datum))
