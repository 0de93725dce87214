"""Dutch notation in the client administration's templates."""

from decimal import Decimal

from django import template
from django.utils.translation import ngettext

from wmoregie.contracten.berekeningen.getallen import formatteer

register = template.Library()


@register.filter
def eurocent(waarde) -> str:
    """245800 -> '€ 2.458,00'; empty for None."""
    if waarde is None or waarde == "":
        return ""
    return f"€ {formatteer(Decimal(int(waarde)) / 100)}"


@register.filter
def dagen(aantal) -> str:
    if aantal is None:
        return "—"
    return ngettext("%(n)s dag", "%(n)s dagen", int(aantal)) % {"n": aantal}


@register.filter
def procent_van(fractie) -> str:
    """0.8333 -> '83 %'; '—' without a value."""
    if fractie is None:
        return "—"
    return f"{round(fractie * 100)} %"


@register.filter
def getal1(waarde) -> str:
    """One decimal in Dutch notation: 12.5 -> '12,5'."""
    if waarde is None:
        return "—"
    return formatteer(Decimal(str(waarde)), 1)
