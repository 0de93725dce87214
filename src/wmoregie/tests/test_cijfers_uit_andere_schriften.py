"""A number written in another script (``²``, ``١``) where an id or amount is asked.

``str.isdigit`` admits such characters, ``int`` then fails (a server error) or reads another
number (``١`` is 1). Every page and API operation that takes an id or a number from a query or
a form answers as for any other wrong value, as the demo users meet them.
"""

from __future__ import annotations

import pytest

from wmoregie.aanbestedingen.models import Inschrijving
from wmoregie.catalogi.models import Gemeente
from wmoregie.contracten.models import Overeenkomst


@pytest.mark.django_db
@pytest.mark.parametrize("cijfer", ["²", "١", "١٢"])
def test_a_digit_of_another_script_is_a_wrong_value_not_a_server_error(als, cijfer):
    backoffice, privacy = als("backoffice"), als("privacy")
    for adres in ("/clienten/trajecten/", "/clienten/trajecten/export/"):
        assert backoffice.get(adres, {"product": cijfer}).status_code == 200
    assert privacy.get("/audit/inzage/", {"client": cijfer}).status_code == 200
    api = privacy.get("/api/v1/audit/inzage/", {"client": cijfer})
    assert api.status_code == 400
    assert "client" in api.json()

    overeenkomst = Overeenkomst.objects.order_by("pk").first()
    pagina = als("contractmanager").get(
        f"/contracten/overeenkomsten/{overeenkomst.pk}/prijsbladen/nieuw/", {"van": cijfer}
    )
    assert pagina.status_code == 200

    traject = backoffice.get("/api/v1/clienten/trajecten/").json()["results"][0]["id"]
    toewijzen = backoffice.post(
        f"/api/v1/clienten/trajecten/{traject}/toewijzen/",
        {"uitvoerder": cijfer},
        content_type="application/json",
    )
    assert toewijzen.status_code == 400
    assert toewijzen.json()["uitvoerder"][0]["code"] == "uitvoerder-onbekend"

    gemeente = Gemeente.objects.get(code="0307")
    declaratie = backoffice.post(
        f"/clienten/declaraties/nieuw/?gemeente={gemeente.pk}&maand=2026-11",
        {"overeenkomst": cijfer, "regel_0": "1", "volume_0": "1"},
    )
    assert declaratie.status_code in (200, 400)  # the page again, with what is wrong
    volume = backoffice.post(
        f"/clienten/declaraties/nieuw/?gemeente={gemeente.pk}&maand=2026-11",
        {"overeenkomst": "0", "regel_0": "1", "volume_0": cijfer},
    )
    assert volume.status_code in (200, 400)

    inschrijving = Inschrijving.objects.order_by("pk").first()
    besluit = als("inkoper").post(
        f"/aanbestedingen/inschrijvingen/{inschrijving.pk}/regelbesluiten/",
        {
            "sleutel": "r0",
            "code": "derde-exclusief",
            "partij": cijfer,
            "r0-besluit": "hersteld",
            "r0-motivering": "controle",
        },
    )
    assert besluit.status_code < 500
