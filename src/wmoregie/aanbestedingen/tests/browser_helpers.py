"""What the browser tests of aanbestedingen share (the ``demo`` fixture is in conftest.py)."""

from wmoregie.demo import DEMO_WACHTWOORD


def inloggen(pagina, gebruikersnaam: str) -> None:
    """Log in as a demo user through the login page and wait for the landing page."""
    pagina.goto("/account/inloggen/")
    pagina.get_by_label("Gebruikersnaam").fill(gebruikersnaam)
    pagina.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/")
