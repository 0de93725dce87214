"""The privacy officer's question: who read or changed what of one client, when, in which role,
for which organisation, and from which address (NEN 7513). Asking it is logged too."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

#: What an action means, for people; the code stays in the API.
ACTIES = {
    "client.bekeken": _("Cliëntdossier bekeken"),
    "client.gevonden": _("Gevonden bij zoeken"),
    "client.bsn-getoond": _("Volledig BSN getoond"),
    "aanmelding.aangemaakt": _("Aanmelding gedaan"),
    "aanmelding.bekeken": _("Aanmelding bekeken"),
    "aanmelding.lijst-bekeken": _("In de lijst met aanmeldingen getoond"),
    "aanmelding.formulier-bekeken": _("Formulier bij de aanmelding geopend"),
    "aanmelding.geaccepteerd": _("Aanmelding geaccepteerd"),
    "aanmelding.geweigerd": _("Aanmelding geweigerd"),
    "aanmelding.ingetrokken": _("Aanmelding ingetrokken"),
    "aanmelding.identiteit-bekeken": _("Vergeleken met een cliënt met hetzelfde BSN"),
    "aanmelding.identiteit-zelfde-persoon": _(
        "Vastgesteld: dezelfde persoon, dossiers samengevoegd"
    ),
    "aanmelding.identiteit-andere-persoon": _("Vastgesteld: een andere persoon met dit BSN"),
    "traject.bekeken": _("Traject bekeken"),
    "traject.lijst-bekeken": _("In de lijst met trajecten getoond"),
    "traject.geexporteerd": _("In een export van trajecten opgenomen"),
    "traject.formulier-bekeken": _("Formulier bij het traject geopend"),
    "traject.uitvoerder-toegewezen": _("Uitvoerder toegewezen"),
    "traject.plan-vastgesteld": _("Ondersteuningsplan vastgesteld"),
    "traject.gestart": _("Start vastgelegd"),
    "traject.scores-vastgelegd": _("Scores vastgelegd"),
    "traject.gewijzigd": _("Traject gewijzigd"),
    "traject.beeindigd": _("Traject beëindigd"),
    "audit.inzage-bevraagd": _("Auditlog van deze cliënt ingezien"),
}


def actie_label(actie: str) -> str:
    return str(ACTIES.get(actie, actie))


def regels_over(client) -> QuerySet[AuditEntry]:
    """Every audit entry about one client, newest first. With those about the files merged into
    it (a referral's client the back office found to be this person), and, while the back office
    has not decided yet, about a referral's client with the same BSN (clienten: one person, for
    now in two files). Not those about a client found to be another person."""
    from wmoregie.clienten.constants import AanmeldingStatus
    from wmoregie.clienten.models import Client

    ids = {client.pk}
    for gegevens in AuditEntry.objects.filter(
        betreft_client=client.pk, actie="aanmelding.identiteit-zelfde-persoon"
    ).values_list("gegevens", flat=True):
        if isinstance(gegevens.get("samengevoegd"), int):
            ids.add(gegevens["samengevoegd"])
    if not client.identiteit_onbevestigd:
        ids.update(
            Client.objects.filter(
                bsn=client.bsn,
                identiteit_onbevestigd=True,
                aanmeldingen__status=AanmeldingStatus.AANGEMELD,
            ).values_list("pk", flat=True)
        )
    return (
        AuditEntry.objects.filter(betreft_client__in=ids)
        .select_related("gebruiker")
        .order_by("-tijdstip", "-id")
    )


def vind_client(*, bsn: str = "", client_id: int | None = None):
    """The client with this BSN or id, or None. The privacy officer works region-wide: the
    scope of the client roles does not apply (it reads the log, not the file)."""
    from wmoregie.clienten.models import Client
    from wmoregie.clienten.validators import normaliseer_bsn

    if client_id is not None:
        return Client.objects.filter(pk=client_id).first()
    if not bsn:
        return None
    zelfde_bsn = Client.objects.filter(bsn=normaliseer_bsn(bsn))
    return zelfde_bsn.order_by("identiteit_onbevestigd", "pk").first()


def log_bevraging(request, client, *, bsn: str = "", pagina: int = 1, kanaal: str = "pagina"):
    """The question itself goes into the log: about the client when found, else with the
    masked BSN that was asked for."""
    from wmoregie.clienten import inzage

    gegevens = {"pagina": pagina, "kanaal": kanaal}
    if client is not None:
        inzage.log(
            "audit.inzage-bevraagd",
            [client],
            request=request,
            obj=client,
            omschrijving=str(_("Wie las of wijzigde gegevens van deze cliënt")),
            gegevens=gegevens,
        )
        return
    from .services import record

    rol, organisatie = inzage.werkcontext(request.user)
    gemaskeerd = f"●●●●●●{bsn[-3:]}" if bsn else ""
    record(
        "audit.inzage-bevraagd",
        request=request,
        rol=rol,
        organisatie=organisatie,
        omschrijving=str(_("Geen cliënt gevonden")),
        gegevens={**gegevens, "bsn": gemaskeerd},
    )
