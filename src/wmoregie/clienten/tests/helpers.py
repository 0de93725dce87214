"""Shortcuts for tests: a referral as the area team makes it, and the steps after it."""

from datetime import date

from wmoregie.clienten import services
from wmoregie.clienten.constants import Geslacht


def clientgegevens(wereld, **anders) -> services.Clientgegevens:
    waarden = {
        "bsn": "999993021",
        "achternaam": "Vries",
        "voorvoegsel": "de",
        "voorletters": "JP",
        "geboortedatum": date(1980, 5, 17),
        "geslacht": Geslacht.MAN,
        "gemeente": wereld.amersfoort,
        "straat": "Stationsplein",
        "huisnummer": 12,
        "postcode": "3811 AB",
        "woonplaats": "Amersfoort",
    }
    waarden.update(anders)
    return services.Clientgegevens(**waarden)


def meld_aan(wereld, product=None, gebruiker=None, **anders):
    client = anders.pop("client", None) or clientgegevens(wereld)
    return services.meld_aan(
        gebruiker=gebruiker or wereld.gebruikers["gebiedsteam"],
        client=client,
        gemeente=anders.pop("gemeente", client.gemeente),
        gebiedsteam=anders.pop("gebiedsteam", wereld.team_noord),
        product=product or wereld.begeleiding,
        bron=anders.pop("bron", wereld.bron),
        vraag=anders.pop("vraag", "Ondersteuning bij geldzaken en het huishouden."),
        aangemeld_op=anders.pop("aangemeld_op", date(2026, 3, 2)),
        **anders,
    )


def doelen(wereld):
    domeinen = list(wereld.instrument.domeinen.all())
    return [services.Doelinvoer(domeinen[0], "Rekeningen op tijd betalen")]


def tot_lopend(wereld, traject, *, startdatum=date(2026, 3, 16), onderaannemer=None):
    backoffice = wereld.gebruikers["backoffice"]
    services.wijs_uitvoerder_toe(
        traject, gebruiker=backoffice, onderaannemer=onderaannemer, datum=date(2026, 3, 10)
    )
    services.stel_plan_vast(
        traject, gebruiker=backoffice, volume=3, eenheid="04", frequentie="2", doelen=doelen(wereld)
    )
    return services.start(traject, gebruiker=backoffice, datum=startdatum)
