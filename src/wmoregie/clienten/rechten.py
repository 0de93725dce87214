"""Who may take which action on which referral or trajectory: the one answer for pages and API.

The role check of a view (``accounts.access``) and the scoped selectors decide what a user sees;
these functions decide what the user may *do* with an object it sees. A refused action is a 403
(the object itself is visible), never a silent no-op.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wmoregie.catalogi.constants import IwmoKanaal

from . import selectors


def mag_aanmelden(user, *, gemeente, gebiedsteam=None) -> bool:
    """A municipality worker for its municipality; an area-team worker for its team's."""
    scope = selectors.scope_van(user)
    if gebiedsteam is not None and gebiedsteam.pk in scope.gebiedsteams:
        return gebiedsteam.gemeente_id == gemeente.pk
    return gemeente.pk in scope.gemeenten


def kan_aanmelden(user) -> bool:
    scope = selectors.scope_van(user)
    return bool(scope.gemeenten or scope.gebiedsteams)


def mag_besluiten(user, aanmelding) -> bool:
    """Accept or refuse: the back office of the agreement's contract partner."""
    return selectors.is_backoffice_van(user, aanmelding)


def mag_intrekken(user, aanmelding) -> bool:
    scope = selectors.scope_van(user)
    return aanmelding.gemeente_id in scope.gemeenten or (
        aanmelding.gebiedsteam_id is not None and aanmelding.gebiedsteam_id in scope.gebiedsteams
    )


def mag_regisseren(user, traject) -> bool:
    """Assign the executor, make the plan, change, claim, refer on: the back office."""
    return selectors.is_backoffice_van(user, traject)


def mag_uitvoeren(user, traject) -> bool:
    """Start, record scores and stop: the back office, or the assigned subcontractor."""
    return selectors.is_backoffice_van(user, traject) or selectors.is_uitvoerder_van(user, traject)


def mag_toewijzen_als_gemeente(user, traject) -> bool:
    """Issue a toewijzing (WMO301) or refuse a request (WMO319) on a page: a worker of the
    trajectory's municipality, when that municipality works in wmoregie."""
    aanmelding = traject.aanmelding
    return aanmelding.gemeente.iwmo_kanaal == IwmoKanaal.WMOREGIE and selectors.is_gemeente_van(
        user, aanmelding
    )


def vereis(toegestaan: bool) -> None:
    if not toegestaan:
        raise PermissionDenied(_("Deze handeling hoort niet bij uw rol."))
