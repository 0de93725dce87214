"""The contract partner reports its spend per quarter and municipality (own staff and
subcontractors) on a taakgericht agreement. One business action, atomic and audited."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from wmoregie.audit.services import record
from wmoregie.contracten.models import Budgetaandeel, Overeenkomst

from .models import Bestedingsopgave


def overeenkomsten_van(gebruiker):
    """The taakgericht agreements whose spend the user's back office reports."""
    from wmoregie.accounts.constants import Rol

    organisaties = gebruiker.roltoekenningen.filter(rol=Rol.BACKOFFICE).values("organisatie_id")
    return (
        Overeenkomst.objects.filter(
            Q(opdrachtnemer_id__in=organisaties) | Q(combinanten__organisatie_id__in=organisaties),
            bekostigingsvariant="taakgericht",
        )
        .distinct()
        .order_by("nummer")
    )


@transaction.atomic
def geef_besteding_op(
    *,
    gebruiker,
    overeenkomst: Overeenkomst,
    gemeente,
    jaar: int,
    kwartaal: int,
    eigen_personeel: Decimal,
    onderaannemers: Decimal,
) -> Bestedingsopgave:
    """Record (or correct) the spend of one quarter. Refused: an agreement that is not the
    user's or not taakgericht, a municipality without a budget share that year, a negative
    amount. A correction replaces the figures and is audited with the old ones."""
    if not overeenkomsten_van(gebruiker).filter(pk=overeenkomst.pk).exists():
        raise ValidationError(
            {
                "overeenkomst": ValidationError(
                    _(
                        "U geeft alleen besteding op voor een taakgerichte overeenkomst van uw organisatie."
                    ),
                    code="overeenkomst-niet-van-u",
                )
            }
        )
    if not Budgetaandeel.objects.filter(
        budget__overeenkomst=overeenkomst, budget__jaar=jaar, gemeente=gemeente
    ).exists():
        raise ValidationError(
            {
                "gemeente": ValidationError(
                    _("Deze gemeente heeft in %(jaar)s geen budget in deze overeenkomst.")
                    % {"jaar": jaar},
                    code="geen-budgetaandeel",
                )
            }
        )
    if not 1 <= kwartaal <= 4:
        raise ValidationError(
            {
                "kwartaal": ValidationError(
                    _("Kies kwartaal 1 tot en met 4."), code="kwartaal-ongeldig"
                )
            }
        )
    fouten = {
        veld: ValidationError(_("Een bedrag kan niet negatief zijn."), code="bedrag-negatief")
        for veld, bedrag in (
            ("eigen_personeel", eigen_personeel),
            ("onderaannemers", onderaannemers),
        )
        if bedrag < 0
    }
    if fouten:
        raise ValidationError(fouten)
    opgave, nieuw = Bestedingsopgave.objects.select_for_update().get_or_create(
        overeenkomst=overeenkomst,
        gemeente=gemeente,
        jaar=jaar,
        kwartaal=kwartaal,
        defaults={
            "eigen_personeel": eigen_personeel,
            "onderaannemers": onderaannemers,
            "opgegeven_door": gebruiker,
        },
    )
    vorige = None
    if not nieuw:
        vorige = {
            "eigen_personeel": str(opgave.eigen_personeel),
            "onderaannemers": str(opgave.onderaannemers),
        }
        opgave.eigen_personeel, opgave.onderaannemers = eigen_personeel, onderaannemers
        opgave.opgegeven_door = gebruiker
        opgave.save()
    record(
        "monitoring.besteding-opgegeven" if nieuw else "monitoring.besteding-gecorrigeerd",
        gebruiker=gebruiker,
        obj=opgave,
        omschrijving=f"{overeenkomst.nummer} {gemeente} {jaar}-K{kwartaal}",
        gegevens={
            "eigen_personeel": str(eigen_personeel),
            "onderaannemers": str(onderaannemers),
            **({"vorige": vorige} if vorige else {}),
        },
    )
    return opgave
