"""The demo procedure's EU notices: the contract notice handed out at publication and, after
the definitive award, the award notice — both valid by the official eForms SDK 1.15.1."""

from decimal import Decimal

from django.utils import timezone

import pytest
from lxml import etree

from wmoregie.aanbestedingen.constants import Status
from wmoregie.aanbestedingen.eforms import gegevens, services
from wmoregie.aanbestedingen.eforms.constants import Soort
from wmoregie.aanbestedingen.eforms.models import Aankondiging, EformsGegevens

from . import eforms_officieel
from .conftest import lokaal
from .eforms_helpers import demo_definitief_gegund, met_omvang_en_regio
from .test_eforms import NS, sdk  # noqa: F401 (fixture)


@pytest.mark.django_db
def test_the_demo_yields_both_notices_valid_by_the_sdk(sdk):  # noqa: F811
    aanbesteding, inkoper = demo_definitief_gegund()
    assert aanbesteding.status == Status.DEFINITIEF_GEGUND

    # the contract notice: version 01, handed out at the publication of 2 June 2025
    [cn] = Aankondiging.objects.get(aanbesteding=aanbesteding, soort=Soort.CN).versies.all()
    assert (cn.versie, timezone.localtime(cn.uitgegeven_op).date().isoformat()) == (1, "2025-06-02")
    rapport = eforms_officieel.valideer(cn.xml.encode(), sdk)
    assert rapport.geldig, rapport
    print("waarschuwingen contract notice:", [str(b) for b in rapport.waarschuwingen])
    notice = etree.fromstring(cn.xml.encode())
    assert len(notice.findall("cac:ContractingParty", NS)) == 7  # the seven municipalities
    assert len(notice.findall(".//efac:SelectionCriteria", NS)) == 3
    # the award criteria are published with the procurement documents (issue 15.4)
    assert len(notice.findall(".//cac:SubordinateAwardingCriterion", NS)) == 4
    # a changed notice (here: another estimated value) cannot go out after the request
    # deadline; version 01 stays as it was handed out
    EformsGegevens.objects.filter(aanbesteding=aanbesteding).update(
        geraamde_waarde=Decimal("25000000")
    )
    with pytest.raises(services.AankondigingOnvolledig) as fout:
        services.geef_uit(aanbesteding, Soort.CN, gebruiker=inkoper)
    assert [o.code for o in fout.value.ontbrekend] == ["aanmelden-gesloten"]

    # the award notice: sizes and regions of the tenderers are the inkoper's to add
    assert {o.code for o in gegevens.controlelijst(aanbesteding, Soort.CAN) if o.blokkeert} == {
        "omvang-ontbreekt",
        "winnaar-nuts-ontbreekt",
    }
    met_omvang_en_regio(aanbesteding, inkoper)
    can = services.geef_uit(aanbesteding, Soort.CAN, gebruiker=inkoper, nu=lokaal(2025, 10, 1, 10))
    rapport = eforms_officieel.valideer(can.xml.encode(), sdk)
    assert rapport.geldig, rapport
    print("waarschuwingen award notice:", [str(b) for b in rapport.waarschuwingen])
    notice = etree.fromstring(can.xml.encode())
    assert notice.findtext(
        ".//efac:SettledContract/efac:ContractReference/cbc:ID", namespaces=NS
    ) == ("WMO-BEG-2026-A")
    # two tenders in the award phase (the consortium did not tender), the combination of three won
    assert (
        notice.findtext(
            ".//efac:ReceivedSubmissionsStatistics[efbc:StatisticsCode='tenders']/efbc:StatisticsNumeric",
            namespaces=NS,
        )
        == "2"
    )
    assert len(notice.findall(".//efac:TenderingParty/efac:Tenderer", NS)) == 3
    assert notice.findtext("cac:TenderResult/cbc:AwardDate", namespaces=NS) == "2025-09-01+02:00"
