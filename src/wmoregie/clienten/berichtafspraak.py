"""The message agreement of a trajectory, derived from the data, not kept by hand.

The lot (catalogi) gives the uitvoeringsvariant, the agreement (contracten) the provider and its
AGB code and, for a taakgericht lot, whether start and stop are reported; the municipality
(catalogi) says whether it works in wmoregie or through the exchange folders. From these follow
which iWmo messages the trajectory exchanges:

==================  =====================  ==================
variant             toewijzing (315→301)   start/stop (305/307)   claims (323→325)
==================  =====================  ==================
taakgericht         no                     if agreed, without ToewijzingNummer   no
inspanningsgericht  yes                    yes                    yes
outputgericht       yes                    yes                    yes
==================  =====================  ==================
"""

from __future__ import annotations

from dataclasses import dataclass

from wmoregie.catalogi.constants import Bekostigingsvariant, IwmoKanaal


@dataclass(frozen=True)
class Berichtafspraak:
    gemeentecode: str
    aanbieder: str  # AGB code of the contract partner ("" when it has none: no messages)
    variant: str
    kanaal: str
    start_stop: bool
    toewijzing: bool
    declaraties: bool

    @property
    def taakgericht(self) -> bool:
        return self.variant == Bekostigingsvariant.TAAKGERICHT

    @property
    def in_wmoregie(self) -> bool:
        return self.kanaal == IwmoKanaal.WMOREGIE

    @property
    def berichten(self) -> list[str]:
        """The message types of this agreement, in the order of the flow."""
        soorten = []
        if self.toewijzing:
            soorten += ["WMO315", "WMO301", "WMO319"]
        if self.start_stop:
            soorten += ["WMO305", "WMO307"]
        if self.toewijzing:
            soorten += ["WMO317"]
        if self.declaraties:
            soorten += ["WMO323", "WMO325"]
        return soorten


def afspraak(gemeente, overeenkomst) -> Berichtafspraak:
    variant = overeenkomst.bekostigingsvariant
    taakgericht = variant == Bekostigingsvariant.TAAKGERICHT
    return Berichtafspraak(
        gemeentecode=gemeente.code,
        aanbieder=overeenkomst.opdrachtnemer.agb_code,
        variant=variant,
        kanaal=gemeente.iwmo_kanaal,
        start_stop=overeenkomst.berichten_start_stop if taakgericht else True,
        toewijzing=not taakgericht,
        declaraties=not taakgericht,
    )


def afspraak_voor(traject_of_aanmelding) -> Berichtafspraak:
    aanmelding = getattr(traject_of_aanmelding, "aanmelding", traject_of_aanmelding)
    return afspraak(aanmelding.gemeente, aanmelding.overeenkomst)
