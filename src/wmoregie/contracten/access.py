"""Who may use the pages and endpoints of contracten. Scope is applied in ``selectors.py``."""

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol

CONTRACTMANAGER = roles(Rol.CONTRACTMANAGER, description="contractmanager (regio)")
REGIO_EN_CONSORTIUM = roles(
    Rol.CONTRACTMANAGER, Rol.BACKOFFICE, description="contractmanager en backoffice consortium"
)
#: The agreement and its budget: the region, the contract partner, and (read only, its own share
#: of the budget) a municipality that pays into it (#15.9).
MET_GEMEENTE = roles(
    Rol.CONTRACTMANAGER,
    Rol.BACKOFFICE,
    Rol.GEMEENTE_MEDEWERKER,
    description="contractmanager, backoffice en gemeente (alleen het eigen budgetaandeel)",
)
#: The overview: everyone with a part in an agreement.
OVERZICHT = roles(
    Rol.CONTRACTMANAGER,
    Rol.BACKOFFICE,
    Rol.ONDERAANNEMER_MEDEWERKER,
    Rol.GEMEENTE_MEDEWERKER,
    description="contractmanager, backoffice, onderaannemer en gemeente (ieder binnen de eigen scope)",
)
IEDEREEN_IN_CONTRACT = roles(
    Rol.CONTRACTMANAGER,
    Rol.BACKOFFICE,
    Rol.ONDERAANNEMER_MEDEWERKER,
    description="contractmanager, backoffice en onderaannemer (ieder binnen de eigen scope)",
)
