"""Dutch notation of amounts, percentages and calculation steps in templates."""

from decimal import Decimal

from django import template

from ..berekeningen.getallen import formatteer

register = template.Library()


@register.filter
def euro(waarde) -> str:
    """61.6720 -> '€ 61,67'; empty for None."""
    if waarde is None or waarde == "":
        return ""
    return f"€ {formatteer(Decimal(waarde))}"


@register.filter
def getal(waarde, decimalen=2) -> str:
    if waarde is None or waarde == "":
        return ""
    return formatteer(Decimal(waarde), int(decimalen))


@register.filter
def procent(waarde, decimalen=2) -> str:
    if waarde is None or waarde == "":
        return ""
    return f"{formatteer(Decimal(waarde), int(decimalen))} %"


@register.filter
def stapwaarde(stap) -> str:
    """A calculation step's value, rounded for display by its unit (the sum used the exact one)."""
    if stap.eenheid == "%":
        return f"{formatteer(stap.waarde, 4)} %"
    if stap.eenheid.startswith("EUR"):
        rest = stap.eenheid[3:].strip()
        return f"€ {formatteer(stap.waarde)}" + (f" {rest}" if rest else "")
    return f"{formatteer(stap.waarde)} {stap.eenheid}"
