"""What each iWmo retourcode (code list WJ001) means, in plain Dutch for the people who act on it.

Written in our own words from the code list; the code itself stays in the API and in details.
"""

BETEKENIS: dict[str, str] = {
    "0001": "Het bericht is technisch afgekeurd: het voldoet niet aan het berichtformaat of aan een controle binnen het bericht.",
    "0200": "Geen opmerkingen.",
    "0233": "Niet beoordeeld, omdat een ander deel van het bericht al is afgekeurd.",
    "0611": "Het gedeclareerde tarief wijkt af van het tarief in het contract.",
    "8001": "De declaratie is volledig toegekend.",
    "8017": "Bij deze creditregel is geen debetregel bekend.",
    "8021": "Dit referentienummer van de prestatie is al eerder gebruikt.",
    "8187": "De regel hoort niet bij deze cliënt.",
    "8214": "De declaratieperiode sluit niet aan op de vorige declaratieperiode.",
    "8848": "De dagtekening ligt in de toekomst.",
    "9019": "Het bericht is niet te koppelen aan een toewijzing van deze cliënt bij deze aanbieder.",
    "9056": "Er is al een bericht met dezelfde identificatie ontvangen.",
    "9063": "Er is geen eerder bericht om te verwijderen.",
    "9069": "Er is geen lopende start met dezelfde gegevens.",
    "9071": "De start kan niet worden verwijderd: de ondersteuning is al gestopt.",
    "9074": "Dit bericht is al eerder ontvangen.",
    "9307": "De periode begint niet binnen de looptijd van de toewijzing.",
    "9308": "De periode eindigt niet binnen de looptijd van de toewijzing.",
    "9319": "De periode van de prestatie valt niet binnen de declaratieperiode.",
    "9321": "Er is meer gedeclareerd dan toegewezen.",
    "9322": "Alle declaraties samen zijn meer dan het toegewezen volume.",
    "9326": "De vorige levering van deze toewijzing is nog niet gestopt.",
    "9332": "Het toewijzingnummer is al voor iets anders gebruikt.",
    "9333": "Het declaratienummer is al eerder gebruikt.",
    "9338": "Een prestatie hoort niet bij een toewijzing van deze aanbieder.",
    "9339": "De productcategorie wijkt af van die van de toewijzing.",
    "9340": "De productcode wijkt af van die van de toewijzing.",
    "9341": "De eenheid past niet bij de eenheid van de toewijzing.",
    "9346": "Het bedrag is niet gelijk aan volume maal tarief.",
    "9347": "Deze referentie van de aanbieder is al eerder gebruikt.",
    "9349": "Het wijzigingsverzoek noemt niet alle lopende toewijzingen van de cliënt.",
    "9350": "Een ongewijzigd product is geen lopende toewijzing.",
    "9351": "Een te wijzigen product is geen lopende toewijzing.",
    "9355": "Het antwoord hoort niet bij een verzoek van deze aanbieder.",
    "9357": "Een wijziging met terugwerkende kracht moet ingaan op de ingangsdatum van de toewijzing.",
    "9359": "Op dit verzoek is al een toewijzing gestuurd.",
    "9360": "Op dit verzoek is al geantwoord dat het in onderzoek is.",
    "9361": "Het product overlapt met een lopende toewijzing van hetzelfde product.",
    "9365": "Op dit verzoek is al definitief geantwoord.",
    "9366": "Deze prestatie komt in geen enkele declaratie voor.",
    "9367": "Een waarde wijkt af van de gedeclareerde prestatie.",
    "9369": "De declaraties passen niet binnen het toegewezen budget.",
    "9373": "Bij een budgetwijziging moet de ingangsdatum gelijk blijven.",
    "9374": "Er loopt al een verzoek voor deze cliënt.",
    "9375": "Een omvang is ingevuld bij een toewijzing zonder product.",
    "9379": "De referentie verwijst niet naar een verzoek van deze aanbieder.",
    "9384": "Er is gedeclareerd op een verwijderde toewijzing.",
    "9385": "De toewijzing heeft al goedgekeurde declaraties.",
    "9387": "De periode begint niet op de eerste dag van de maand (of op de ingangsdatum van de toewijzing).",
    "9388": "De periode eindigt niet op de laatste dag van de maand (of op de einddatum van de toewijzing).",
    "9389": "Bij deze debetregel ontbreekt de creditregel.",
    "9390": "Deze prestatie is al gecrediteerd.",
    "9411": "Vul de omvang in: de toewijzing heeft een productcode.",
    "9412": "Laat de omvang leeg: de toewijzing heeft geen productcode.",
    "9413": "Er is al een tijdelijke stop voor deze levering.",
    "9414": "De einddatum ligt vóór die van de vorige stop.",
    "9415": "Er is al een definitieve stop voor deze levering.",
    "S300": "De gemeentecode is onbekend of niet geldig op die datum.",
    "S329": "De productcode staat niet in de productenlijst van de gemeente.",
}

GOEDGEKEURD = frozenset({"0200", "8001"})


def betekenis(code: str) -> str:
    return BETEKENIS.get(code, f"Retourcode {code}.")


def afgekeurd(codes: list[str] | tuple[str, ...]) -> bool:
    """Whether a message with these retour codes was (partly) rejected: any code other than
    'no remark', 'fully granted' or 'not assessed'."""
    return any(code not in GOEDGEKEURD and code != "0233" for code in codes)
