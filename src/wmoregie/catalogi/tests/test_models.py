from django.core.exceptions import ValidationError

import pytest

from wmoregie.catalogi.constants import Bekostigingsvariant, Eenheid

from .factories import GemeenteFactory, PerceelFactory, ProductFactory


@pytest.mark.django_db
def test_a_product_of_a_taakgericht_lot_may_not_have_a_unit():
    product = ProductFactory.build(perceel=PerceelFactory(), eenheid=Eenheid.UUR)
    with pytest.raises(ValidationError) as exc:
        product.full_clean()
    assert exc.value.error_dict["eenheid"][0].code == "eenheid-bij-taakgericht"


@pytest.mark.django_db
def test_a_product_of_an_inspanningsgericht_lot_needs_a_unit():
    perceel = PerceelFactory(bekostigingsvariant=Bekostigingsvariant.INSPANNINGSGERICHT)
    product = ProductFactory.build(perceel=perceel, eenheid="")
    with pytest.raises(ValidationError) as exc:
        product.full_clean()
    assert exc.value.error_dict["eenheid"][0].code == "eenheid-ontbreekt"
    assert "inspanningsgericht" in exc.value.error_dict["eenheid"][0].messages[0]


@pytest.mark.django_db
def test_a_gemeente_with_an_unknown_cbs_code_does_not_validate():
    gemeente = GemeenteFactory.build(code="9999")
    with pytest.raises(ValidationError) as exc:
        gemeente.full_clean()
    assert exc.value.error_dict["code"][0].code == "gemeentecode-onbekend"
