"""Confirming an irreversible step (publish, send letters, award, withdraw) on the server.

The strict CSP allows no inline script, so there is no ``confirm()`` dialog: a POST without
``bevestigd=ja`` is answered with a confirmation page that says what cannot be undone and
sends the same form again with ``bevestigd=ja``. Nothing happens until then.
"""

from django.shortcuts import render

BEVESTIGD = "bevestigd"


def is_bevestigd(request) -> bool:
    return request.POST.get(BEVESTIGD) == "ja"


def vraag_bevestiging(request, *, titel: str, gevolgen: list[str], knop: str, terug: str, **extra):
    """The confirmation page for this POST: its fields again as hidden inputs."""
    velden = [
        (naam, waarde)
        for naam, waarden in request.POST.lists()
        if naam not in ("csrfmiddlewaretoken", BEVESTIGD)
        for waarde in waarden
    ]
    return render(
        request,
        "aanbestedingen/bevestigen.html",
        {
            "titel": titel,
            "gevolgen": gevolgen,
            "knop": knop,
            "terug": terug,
            "actie": request.path,
            "velden": velden,
            **extra,
        },
    )


def bevestig_overgang(request, aanbesteding, overgang, *, terug: str, gebruiker=None):
    """For an irreversible transition not yet confirmed: the confirmation page, or ``None``
    when the step may go ahead (confirmed, reversible, or refused anyway: the service then
    gives the refusal, so nobody confirms a step that cannot be taken)."""
    from . import services, state

    if overgang is None or not overgang.onomkeerbaar or is_bevestigd(request):
        return None
    stand = services.stand_van(aanbesteding, gebruiker=gebruiker or request.user)
    if state.weigeringen(stand, overgang):
        return None
    return vraag_bevestiging(
        request,
        titel=str(overgang.label),
        gevolgen=[str(overgang.gevolg)],
        knop=f"Ja, {str(overgang.label)[0].lower()}{str(overgang.label)[1:]}",
        terug=terug,
        aanbesteding=aanbesteding,
    )
