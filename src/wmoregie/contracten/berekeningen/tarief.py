"""Tariff build-up of a price sheet (prijsblad), in line with the AMvB reële prijs.

Wmo 2015 art. 2.6.6 and Uitvoeringsbesluit Wmo 2015 art. 5.4 ask that a fixed price reflects
the real cost of the service. This module builds a tariff from its cost components, in this
order (every number is input, none is fixed in code):

1. personnel cost per FTE per year: gross monthly salary (CAO, scale, step) × months, plus
   holiday allowance and year-end bonus (percentages of that yearly base), plus employer
   charges (a percentage of the gross yearly salary);
2. productive hours per FTE per year: the contract hours minus each kind of non-productive
   time (leave, illness, training, travel, indirect client time …), each given as a
   percentage of the contract hours or as a number of hours;
3. personnel cost per productive hour = 1 ÷ 2;
4. plus overhead, a percentage of the personnel cost per hour;
5. plus material costs per hour;
6. for a tariff per unit other than the hour: × staff hours per unit, plus material costs per
   unit;
7. plus the risk/profit margin, a percentage of everything before it;
8. the tariff, rounded half up to cents — the only rounding in the whole chain.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from .fouten import BerekeningFout
from .getallen import (
    EEN,
    NUL,
    Getal,
    formatteer,
    formatteer_percentage,
    niet_negatief,
    percentage_als_fractie,
    rekencontext,
    rond_af_op_centen,
)
from .stappen import MetStappen, Stap

UUR = "uur"


@dataclass(frozen=True)
class NietProductieveTijd:
    """One kind of time an FTE is paid for but does not spend with clients.

    Give either ``percentage`` (of the contract hours per FTE per year) or ``uren`` (hours per
    FTE per year), not both.
    """

    omschrijving: str
    percentage: Getal | None = None
    uren: Getal | None = None


@dataclass(frozen=True)
class Tariefopbouw:
    """The inputs of one price sheet line. Percentages are in per cent: 8.33 means 8,33 %."""

    maandsalaris: Getal
    werkgeverslasten_percentage: Getal
    jaaruren_per_fte: Getal
    overhead_percentage: Getal
    risico_winst_percentage: Getal
    niet_productieve_tijd: tuple[NietProductieveTijd, ...] = ()
    cao: str = ""
    schaal: str = ""
    trede: str = ""
    maanden_per_jaar: Getal = 12
    vakantietoeslag_percentage: Getal = 0
    eindejaarsuitkering_percentage: Getal = 0
    materiele_kosten_per_uur: Getal = 0
    eenheid: str = UUR
    uren_per_eenheid: Getal = 1
    materiele_kosten_per_eenheid: Getal = 0


@dataclass(frozen=True)
class Tariefberekening(MetStappen):
    """The outcome: the rounded tariff, its exact value, and every step with a Dutch label."""

    eenheid: str
    tarief: Decimal
    tarief_exact: Decimal
    productieve_uren: Decimal
    stappen: tuple[Stap, ...] = field(default_factory=tuple)


def _salarisomschrijving(opbouw: Tariefopbouw) -> str:
    delen = [opbouw.cao.strip()]
    if opbouw.schaal.strip():
        delen.append(f"schaal {opbouw.schaal.strip()}")
    if opbouw.trede.strip():
        delen.append(f"trede {opbouw.trede.strip()}")
    tekst = ", ".join(deel for deel in delen if deel)
    return f" ({tekst})" if tekst else ""


def calculate_tarief(opbouw: Tariefopbouw) -> Tariefberekening:
    """Build the tariff per hour (or per unit) from its components; see the module docstring."""
    maandsalaris = niet_negatief(opbouw.maandsalaris, "Het bruto maandsalaris")
    maanden = niet_negatief(opbouw.maanden_per_jaar, "Het aantal maanden per jaar")
    vakantie_pct = niet_negatief(opbouw.vakantietoeslag_percentage, "De vakantietoeslag")
    eindejaar_pct = niet_negatief(opbouw.eindejaarsuitkering_percentage, "De eindejaarsuitkering")
    lasten_pct = niet_negatief(opbouw.werkgeverslasten_percentage, "De werkgeverslasten")
    jaaruren = niet_negatief(opbouw.jaaruren_per_fte, "Het aantal jaaruren per fte")
    overhead_pct = niet_negatief(opbouw.overhead_percentage, "De overhead")
    risico_pct = niet_negatief(opbouw.risico_winst_percentage, "De opslag voor risico en winst")
    materieel_uur = niet_negatief(opbouw.materiele_kosten_per_uur, "De materiële kosten per uur")
    eenheid = opbouw.eenheid.strip() or UUR
    uren_per_eenheid = niet_negatief(opbouw.uren_per_eenheid, "Het aantal uren per eenheid")
    materieel_eenheid = niet_negatief(
        opbouw.materiele_kosten_per_eenheid, "De materiële kosten per eenheid"
    )
    if eenheid == UUR and (uren_per_eenheid != EEN or materieel_eenheid != NUL):
        raise BerekeningFout(
            "eenheid-uur-met-eenheidsgegevens",
            "Bij een tarief per uur horen geen ‘uren per eenheid’ of ‘materiële kosten per "
            "eenheid’; geef materiële kosten dan op per uur.",
        )
    if eenheid != UUR and uren_per_eenheid == NUL:
        raise BerekeningFout(
            "geen-uren-per-eenheid",
            f"Geef op hoeveel uur inzet van een medewerker één {eenheid} kost; nul kan niet.",
        )

    stappen: list[Stap] = []

    def stap(code: str, label: str, waarde: Decimal, eenheid_: str, toelichting: str = ""):
        stappen.append(Stap(code, label, waarde, eenheid_, toelichting))
        return waarde

    with rekencontext():
        # 1. Personnel cost per FTE per year.
        stap(
            "maandsalaris",
            f"Bruto maandsalaris{_salarisomschrijving(opbouw)}",
            maandsalaris,
            "EUR",
        )
        basis = stap(
            "jaarsalaris_basis",
            "Bruto salaris over de maanden van het jaar",
            maandsalaris * maanden,
            "EUR",
            f"{formatteer(maandsalaris)} × {formatteer(maanden, 0)} maanden",
        )
        vakantie = stap(
            "vakantietoeslag",
            f"Vakantietoeslag ({formatteer_percentage(vakantie_pct)})",
            basis * percentage_als_fractie(vakantie_pct),
            "EUR",
            f"{formatteer(basis)} × {formatteer_percentage(vakantie_pct)}",
        )
        eindejaar = stap(
            "eindejaarsuitkering",
            f"Eindejaarsuitkering ({formatteer_percentage(eindejaar_pct)})",
            basis * percentage_als_fractie(eindejaar_pct),
            "EUR",
            f"{formatteer(basis)} × {formatteer_percentage(eindejaar_pct)}",
        )
        bruto_jaar = stap(
            "bruto_jaarsalaris",
            "Bruto jaarsalaris",
            basis + vakantie + eindejaar,
            "EUR",
            f"{formatteer(basis)} + {formatteer(vakantie)} + {formatteer(eindejaar)}",
        )
        lasten = stap(
            "werkgeverslasten",
            f"Werkgeverslasten ({formatteer_percentage(lasten_pct)})",
            bruto_jaar * percentage_als_fractie(lasten_pct),
            "EUR",
            f"{formatteer(bruto_jaar)} × {formatteer_percentage(lasten_pct)}",
        )
        loonkosten_jaar = stap(
            "loonkosten_per_fte",
            "Loonkosten per fte per jaar",
            bruto_jaar + lasten,
            "EUR",
            f"{formatteer(bruto_jaar)} + {formatteer(lasten)}",
        )

        # 2. Productive hours per FTE per year.
        stap("jaaruren_per_fte", "Contracturen per fte per jaar", jaaruren, UUR)
        niet_productief = NUL
        for nummer, tijd in enumerate(opbouw.niet_productieve_tijd, start=1):
            niet_productief += stap(
                f"niet_productief_{nummer}",
                *_niet_productieve_uren(tijd, jaaruren),
            )
        stap(
            "niet_productieve_uren",
            "Niet-productieve uren per fte per jaar, totaal",
            niet_productief,
            UUR,
        )
        productieve_uren = jaaruren - niet_productief
        if productieve_uren <= NUL:
            raise BerekeningFout(
                "geen-productieve-uren",
                f"Na aftrek van de niet-productieve tijd ({formatteer(niet_productief)} uur) "
                f"blijven er van de {formatteer(jaaruren)} contracturen geen productieve uren "
                f"over.",
            )
        stap(
            "productieve_uren",
            "Productieve uren per fte per jaar",
            productieve_uren,
            UUR,
            f"{formatteer(jaaruren)} − {formatteer(niet_productief)}",
        )

        # 3–5. Cost per productive hour.
        loonkosten_uur = stap(
            "loonkosten_per_uur",
            "Loonkosten per productief uur",
            loonkosten_jaar / productieve_uren,
            "EUR per uur",
            f"{formatteer(loonkosten_jaar)} ÷ {formatteer(productieve_uren)} uur",
        )
        overhead = stap(
            "overhead",
            f"Overhead ({formatteer_percentage(overhead_pct)} van de loonkosten)",
            loonkosten_uur * percentage_als_fractie(overhead_pct),
            "EUR per uur",
            f"{formatteer(loonkosten_uur)} × {formatteer_percentage(overhead_pct)}",
        )
        stap("materiele_kosten_per_uur", "Materiële kosten per uur", materieel_uur, "EUR per uur")
        kostprijs = stap(
            "kostprijs_per_uur",
            "Kostprijs per uur",
            loonkosten_uur + overhead + materieel_uur,
            "EUR per uur",
            f"{formatteer(loonkosten_uur)} + {formatteer(overhead)} + {formatteer(materieel_uur)}",
        )

        # 6. Per unit, when the tariff is not per hour.
        per = "EUR per uur" if eenheid == UUR else f"EUR per {eenheid}"
        if eenheid != UUR:
            stap("uren_per_eenheid", f"Uren inzet per {eenheid}", uren_per_eenheid, UUR)
            stap(
                "materiele_kosten_per_eenheid",
                f"Materiële kosten per {eenheid}",
                materieel_eenheid,
                per,
            )
            kostprijs = stap(
                "kostprijs_per_eenheid",
                f"Kostprijs per {eenheid}",
                kostprijs * uren_per_eenheid + materieel_eenheid,
                per,
                f"{formatteer(kostprijs)} × {formatteer(uren_per_eenheid, 4)} uur + "
                f"{formatteer(materieel_eenheid)}",
            )

        # 7–8. Risk/profit margin, then the single rounding.
        risico = stap(
            "risico_winst",
            f"Opslag voor risico en winst ({formatteer_percentage(risico_pct)})",
            kostprijs * percentage_als_fractie(risico_pct),
            per,
            f"{formatteer(kostprijs)} × {formatteer_percentage(risico_pct)}",
        )
        exact = stap(
            "tarief_exact",
            "Tarief, onafgerond",
            kostprijs + risico,
            per,
            f"{formatteer(kostprijs)} + {formatteer(risico)}",
        )
        tarief = stap(
            "tarief",
            f"Tarief per {eenheid}, afgerond op centen",
            rond_af_op_centen(exact),
            per,
            "half naar boven afgerond op hele centen",
        )

    return Tariefberekening(
        eenheid=eenheid,
        tarief=tarief,
        tarief_exact=exact,
        productieve_uren=productieve_uren,
        stappen=tuple(stappen),
    )


def _niet_productieve_uren(
    tijd: NietProductieveTijd, jaaruren: Decimal
) -> tuple[str, Decimal, str, str]:
    """(label, hours, unit, explanation) for one kind of non-productive time."""
    omschrijving = tijd.omschrijving.strip()
    if not omschrijving:
        raise BerekeningFout(
            "niet-productieve-tijd-zonder-omschrijving",
            "Geef elke soort niet-productieve tijd een omschrijving (bijvoorbeeld ‘Verlof’).",
        )
    if (tijd.percentage is None) == (tijd.uren is None):
        raise BerekeningFout(
            "niet-productieve-tijd-percentage-of-uren",
            f"Geef voor ‘{omschrijving}’ óf een percentage óf een aantal uren op, niet beide "
            f"en niet geen van beide.",
        )
    if tijd.percentage is not None:
        percentage = niet_negatief(tijd.percentage, f"Het percentage voor ‘{omschrijving}’")
        uren = jaaruren * percentage_als_fractie(percentage)
        return (
            f"{omschrijving} ({formatteer_percentage(percentage)} van de contracturen)",
            uren,
            UUR,
            f"{formatteer(jaaruren)} × {formatteer_percentage(percentage)}",
        )
    uren = niet_negatief(tijd.uren, f"Het aantal uren voor ‘{omschrijving}’")
    return (omschrijving, uren, UUR, f"{formatteer(uren)} uur per fte per jaar")
