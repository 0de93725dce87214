from django.core.exceptions import ValidationError

import pytest

from wmoregie.catalogi.constants import Bekostigingsvariant, Eenheid

from .factories import GemeenteFactory, PerceelFactory, ProductFactory, RegioFactory


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


@pytest.mark.django_db
def test_the_leading_municipality_belongs_to_the_region():
    regio = RegioFactory()
    andere = RegioFactory(naam="Regio Elders")
    regio.penvoerende_gemeente = GemeenteFactory(regio=andere, code="0363", naam="Amsterdam")
    with pytest.raises(ValidationError) as fout:
        regio.full_clean()
    assert fout.value.error_dict["penvoerende_gemeente"][0].code == "penvoerder-buiten-regio"
    regio.penvoerende_gemeente = GemeenteFactory(regio=regio, code="0307", naam="Amersfoort")
    regio.full_clean()
    assert regio.penvoerende_gemeente.officiele_naam == "Gemeente Amersfoort"
