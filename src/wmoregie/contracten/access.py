"""Who may use the pages and endpoints of contracten. Scope is applied in ``selectors.py``."""

from wmoregie.accounts.access import roles
from wmoregie.accounts.constants import Rol

CONTRACTMANAGER = roles(Rol.CONTRACTMANAGER, description="contractmanager (regio)")
REGIO_EN_CONSORTIUM = roles(
    Rol.CONTRACTMANAGER, Rol.BACKOFFICE, description="contractmanager en backoffice consortium"
)
IEDEREEN_IN_CONTRACT = roles(
    Rol.CONTRACTMANAGER,
    Rol.BACKOFFICE,
    Rol.ONDERAANNEMER_MEDEWERKER,
    description="contractmanager, backoffice en onderaannemer (ieder binnen de eigen scope)",
)
