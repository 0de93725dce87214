"""The shipped catalogue holds every product and mapping row of the market consultation (seed)."""

import re

import pytest

from wmoregie.catalogi.constants import Bekostigingsvariant
from wmoregie.catalogi.models import Gemeente, Perceel, Product

# The "Productinrichting" slides of the seed: (was 2025, product 2026, lot).
SEED_PRODUCTINRICHTING = [
    ("Begeleiding", "Praktische begeleiding", "Wmo begeleiding"),
    ("Begeleiding", "Begeleiding regulier", "Wmo begeleiding"),
    ("Begeleiding", "Aanvullende begeleiding, individueel en groepsgericht", "Wmo begeleiding"),
    ("Begeleiding", "Begeleid wonen", "Wmo begeleiding"),
    ("Begeleiding", "Huren onder voorwaarden", "Wmo begeleiding"),
    ("Beschermd thuis", "Beschermd thuis", "Beschermd wonen"),
    ("Respijtverblijf/Time-out", "Adempauzeplekken", "Beschermd wonen"),
    ("Beschermd wonen", "Beschermd wonen t.b.v. stabilisatie en observatie", "Beschermd wonen"),
    ("Beschermd wonen", "Beschermd wonen t.b.v. herstel en groei", "Beschermd wonen"),
    (
        "Begeleid wonen in een safehouse (onderdeel van het perceel Beschermd wonen)",
        "Begeleid wonen in een safehouse",
        "Begeleid wonen in een safehouse",
    ),
    ("Respijtverblijf", "Respijtverblijf", "Respijtverblijf"),
]


def test_every_product_and_mapping_row_of_the_seed_is_in_the_catalogue(catalogus):
    rijen = {
        (p.was_2025, p.naam, p.perceel.naam) for p in Product.objects.select_related("perceel")
    }
    assert rijen == set(SEED_PRODUCTINRICHTING)


@pytest.mark.shared
def test_every_product_name_occurs_in_the_seed_text(catalogus, shared_dir):
    seed = (shared_dir / "seed/marktconsultatie-regio-amersfoort-wmo.txt").read_text(
        encoding="utf-8"
    )
    seed_woorden = re.sub(r"[\s-]+", "", seed).lower()
    for product in Product.objects.all():
        # The OCR splits words over lines and hyphenates them; compare without whitespace.
        naam = (
            re.sub(r"[\s,-]+", "", product.naam).lower().replace("individueelengroepsgericht", "")
        )
        assert naam in seed_woorden, product.naam


def test_lots_carry_their_funding_variant_and_route(catalogus):
    begeleiding = Perceel.objects.get(code="wmo-begeleiding")
    assert begeleiding.bekostigingsvariant == Bekostigingsvariant.TAAKGERICHT
    assert begeleiding.inkooproute == "sas-niet-openbaar"
    assert Perceel.objects.get(code="beschermd-wonen").inkooproute == "afzonderlijke-aanbesteding"
    for code in ("begeleid-wonen-safehouse", "respijtverblijf"):
        assert Perceel.objects.get(code=code).inkooproute == "voortzetting-huidige-procedure"


def test_only_products_of_lots_that_are_not_taakgericht_have_a_unit(catalogus):
    for product in Product.objects.select_related("perceel"):
        assert bool(product.eenheid) is not product.perceel.is_taakgericht, product.naam


def test_the_municipalities_of_the_region_are_present_with_cbs_codes(catalogus):
    assert dict(Gemeente.objects.values_list("code", "naam")) == {
        "0307": "Amersfoort",
        "0308": "Baarn",
        "0313": "Bunschoten",
        "0317": "Eemnes",
        "0327": "Leusden",
        "0342": "Soest",
        "0351": "Woudenberg",
    }
    assert all(g.gebiedsteams.exists() for g in Gemeente.objects.all())
