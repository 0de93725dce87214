"""Demo: what the demo procedure's EU notices need, and its contract notice at publication.

The catalogue ships the CPV codes of the lots and the NUTS code of the municipalities (public
facts). The municipalities' KvK-nummers and postcodes, the contact point and the platform address
below are DEMO values (KvK-nummers 92000 + CBS code): replace them before a real publication.
"""

from decimal import Decimal

from wmoregie.catalogi.services import wijzig_voor_aankondiging

from . import services
from .constants import Selectiesoort, Soort

#: Demo postcodes per CBS code (a postcode area of each municipality, not a real address).
POSTCODES = {
    "0307": "3811 AA",
    "0308": "3741 AA",
    "0313": "3751 AA",
    "0317": "3755 AA",
    "0327": "3831 AA",
    "0342": "3761 AA",
    "0351": "3931 AA",
}
#: The kinds of the demo's three suitability requirements, in their order (BT-809).
SELECTIESOORTEN = (
    Selectiesoort.KWALITEITSCERTIFICAAT,
    Selectiesoort.REFERENTIES,
    Selectiesoort.PERSONEEL,
)


def kondig_aan(aanbesteding, *, gebruiker, nu):
    """Fill in the demo values and hand out the contract notice (version 01) at ``nu``."""
    regio = aanbesteding.regio
    for gemeente in regio.gemeenten.all():
        wijzig_voor_aankondiging(
            gemeente,
            gebruiker=gebruiker,
            kvk_nummer=gemeente.kvk_nummer or f"92000{gemeente.code[1:]}",
            postcode=gemeente.postcode or POSTCODES.get(gemeente.code, "3800 AA"),
            nuts_code=gemeente.nuts_code or "NL350",
        )
    aanbesteding.regio = wijzig_voor_aankondiging(
        regio,
        gebruiker=gebruiker,
        contact_naam=regio.contact_naam or f"Inkoopteam sociaal domein {regio.naam} (demo)",
        contact_email=regio.contact_email or "inkoop-sociaal-domein@example.org",
        contact_telefoon=regio.contact_telefoon or "+31 33 000 0000",
        penvoerende_gemeente=regio.penvoerende_gemeente
        or regio.gemeenten.filter(code="0307").first()
        or regio.gemeenten.order_by("naam").first(),
    )
    services.wijzig_eforms_gegevens(
        aanbesteding,
        gebruiker=gebruiker,
        platform_url=f"https://aanbestedingen.example.org/{aanbesteding.kenmerk}",
        geraamde_waarde=Decimal("24750000.00"),
        looptijd_maanden=48,
    )
    services.stel_selectiesoorten_in(
        aanbesteding,
        gebruiker=gebruiker,
        soorten={
            f"eis-{eis.pk}": soort
            for eis, soort in zip(
                aanbesteding.geschiktheidseisen.all(), SELECTIESOORTEN, strict=False
            )
        },
    )
    return services.geef_uit(aanbesteding, Soort.CN, gebruiker=gebruiker, nu=nu)
