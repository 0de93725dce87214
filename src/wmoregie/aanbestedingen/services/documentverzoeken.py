"""Documents on request (#15.6): per procedure which documents (GVA, tax statement, KvK extract,
VOG) are asked with the registration and which only on request, their maximum age and the
delivery term; the inkoper's request to a party, and the party's delivery."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wmoregie.audit.services import record

from .. import selectors
from ..constants import (
    GVA_MAX_MAANDEN,
    OPVRAAGBARE_DOCUMENTEN,
    Documentsoort,
    Fase,
    Status,
    Vraagmoment,
)
from ..models import Aanbesteding, Document, Documentvereiste, Documentverzoek, Inschrijving
from ..termijnen import kalenderdag
from ..validators import validate_upload
from ._helpers import _controleer_afgiftedatum, _label_partij, _nu, _vergrendeld

#: When the inkoper can ask a document: from the opening of the registrations (before it their
#: parties are sealed) until the award is provisional. A request of the selection assessment
#: guards the admission, a later one the award.
VERZOEK_MOGELIJK = (Status.SELECTIE_BEOORDELING, Status.GUNNINGSFASE, Status.GUNNING_BEOORDELING)
#: A party can deliver a requested document until the procedure ends.
LEVEREN_MOGELIJK = (*VERZOEK_MOGELIJK, Status.VOORLOPIG_GEGUND, Status.OPGESCHORT)


@transaction.atomic
def stel_documentvereisten_in(
    aanbesteding: Aanbesteding,
    *,
    gebruiker,
    vereisten: Mapping[str, tuple[str, int | None]],
    levertermijn_dagen: int,
) -> Aanbesteding:
    """Set per document when it is asked and its maximum age, and the delivery term. Only while
    the procedure is a concept: after publication these are part of the published terms."""
    aanbesteding = _vergrendeld(aanbesteding.pk)
    if aanbesteding.status != Status.CONCEPT:
        raise ValidationError(
            _("Na publicatie wijzigen de gevraagde documenten en de levertermijn niet meer."),
            code="niet-meer-wijzigbaar",
        )
    onbekend = set(vereisten) - set(OPVRAAGBARE_DOCUMENTEN)
    if onbekend:
        raise ValidationError(
            _("Dit document kan hier niet worden ingesteld."), code="document-onbekend"
        )
    oud = {
        v.soort: [v.moment, v.max_maanden] for v in selectors.documentvereisten(aanbesteding)
    } | {"levertermijn_dagen": aanbesteding.levertermijn_dagen}
    aanbesteding.levertermijn_dagen = levertermijn_dagen
    # only this field: the planning has its own form and checks
    aanbesteding.clean_fields(
        exclude=[f.name for f in Aanbesteding._meta.fields if f.name != "levertermijn_dagen"]
    )
    aanbesteding.save(update_fields=["levertermijn_dagen"])
    for soort, (moment, max_maanden) in vereisten.items():
        gevraagd = moment != Vraagmoment.NIET
        if soort == Documentsoort.GVA and (
            (gevraagd and not max_maanden) or (max_maanden or 0) > GVA_MAX_MAANDEN
        ):
            # Aanbestedingswet 2012, art. 4.14: a GVA is at most two years old; a procedure
            # that does not ask it needs no maximum
            raise ValidationError(
                {
                    f"{soort}_maanden": ValidationError(
                        _(
                            "Een gedragsverklaring aanbesteden mag volgens de wet hooguit "
                            "%(maanden)s maanden oud zijn: vul 1 tot en met %(maanden)s in."
                        )
                        % {"maanden": GVA_MAX_MAANDEN},
                        code="gva-maximumleeftijd",
                    )
                }
            )
        vereiste = Documentvereiste(
            aanbesteding=aanbesteding, soort=soort, moment=moment, max_maanden=max_maanden
        )
        vereiste.full_clean(exclude=["aanbesteding"], validate_unique=False)
        Documentvereiste.objects.update_or_create(
            aanbesteding=aanbesteding,
            soort=soort,
            defaults={"moment": moment, "max_maanden": max_maanden},
        )
    nieuw = {
        v.soort: [v.moment, v.max_maanden] for v in selectors.documentvereisten(aanbesteding)
    } | {"levertermijn_dagen": aanbesteding.levertermijn_dagen}
    record(
        "aanbesteding.documentvereisten-ingesteld",
        gebruiker=gebruiker,
        obj=aanbesteding,
        omschrijving=_("Gevraagde documenten en levertermijn ingesteld"),
        gegevens={"oud": oud, "nieuw": nieuw},
    )
    return aanbesteding


@transaction.atomic
def verzoek_document(
    inschrijving: Inschrijving,
    *,
    partij,
    soort: str,
    gebruiker,
    toelichting: str = "",
    nu: datetime | None = None,
) -> Documentverzoek:
    """Ask one party of a registration to deliver a document the procedure asks on request.
    The due date is the request's Europe/Amsterdam calendar day plus the delivery term."""
    moment = _nu(nu)
    aanbesteding = _vergrendeld(inschrijving.aanbesteding_id)
    if aanbesteding.status not in VERZOEK_MOGELIJK:
        raise ValidationError(
            _(
                "Een document opvragen kan vanaf het openen van de aanmeldingen tot de voorlopige "
                "gunning; de aanbesteding is nu: %(status)s."
            )
            % {"status": aanbesteding.get_status_display().lower()},
            code="verzoek-niet-mogelijk",
        )
    if partij is None or partij.inschrijving_id != inschrijving.pk:
        raise ValidationError(
            {"partij": ValidationError(_("Kies een partij van deze inschrijving."), code="partij")}
        )
    if soort not in selectors.op_verzoek(aanbesteding):
        raise ValidationError(
            {
                "soort": ValidationError(
                    _("Deze aanbesteding vraagt dit document niet op verzoek."),
                    code="niet-op-verzoek",
                )
            }
        )
    if inschrijving.documentverzoeken.filter(
        partij=partij, soort=soort, document__isnull=True
    ).exists():
        raise ValidationError(
            _("Er loopt al een verzoek om dit document bij %(naam)s.") % {"naam": partij.naam},
            code="verzoek-loopt-al",
        )
    verzocht_op = kalenderdag(moment)
    fase = Fase.SELECTIE if aanbesteding.status == Status.SELECTIE_BEOORDELING else Fase.GUNNING
    verzoek = Documentverzoek.objects.create(
        inschrijving=inschrijving,
        partij=partij,
        soort=soort,
        fase=fase,
        toelichting=toelichting,
        verzocht_op=verzocht_op,
        uiterlijk_op=verzocht_op + timedelta(days=aanbesteding.levertermijn_dagen),
        verzocht_door=gebruiker,
    )
    record(
        "documentverzoek.verstuurd",
        gebruiker=gebruiker,
        obj=inschrijving,
        omschrijving=f"{Documentsoort(soort).label} gevraagd van {_label_partij(partij)}",
        gegevens={
            "verzoek": verzoek.pk,
            "soort": soort,
            "partij": partij.pk,
            "fase": fase,
            "verzocht_op": verzoek.verzocht_op.isoformat(),
            "uiterlijk_op": verzoek.uiterlijk_op.isoformat(),
        },
    )
    return verzoek


@transaction.atomic
def lever_document(
    verzoek: Documentverzoek,
    bestand,
    *,
    gebruiker,
    afgiftedatum,
    nu: datetime | None = None,
) -> Document:
    """The party delivers the requested document: the file is checked by parsing it, like every
    upload; its date of issue is kept for the age rule. A late delivery is stored and shows as a
    finding (``verzoek-<soort>-te-laat-<verzoek>``)."""
    moment = _nu(nu)
    aanbesteding = _vergrendeld(verzoek.inschrijving.aanbesteding_id)
    verzoek = Documentverzoek.objects.select_for_update().get(pk=verzoek.pk)
    if verzoek.document_id is not None:
        raise ValidationError(_("Dit document is al aangeleverd."), code="verzoek-al-geleverd")
    if aanbesteding.status not in LEVEREN_MOGELIJK:
        raise ValidationError(
            _("De aanbesteding is afgerond: aanleveren kan niet meer."),
            code="leveren-niet-mogelijk",
        )
    _controleer_afgiftedatum(afgiftedatum, moment)
    inhoudstype = validate_upload(bestand)
    document = Document(
        inschrijving=verzoek.inschrijving,
        partij=verzoek.partij,
        soort=verzoek.soort,
        # part of the registration's dossier, not of a sealed tender: readable by the region
        # side as soon as it arrives (the selection phase is opened before any request)
        fase=Fase.SELECTIE,
        bestandsnaam=bestand.name[:255],
        inhoudstype=inhoudstype,
        grootte=bestand.size,
        afgiftedatum=afgiftedatum,
        ontvangen_op=moment,
        ontvangen_van=gebruiker,
    )
    document.bestand = bestand
    document.full_clean(exclude=["bestand"])
    document.save()
    verzoek.document = document
    verzoek.save(update_fields=["document"])
    record(
        "documentverzoek.geleverd",
        gebruiker=gebruiker,
        obj=verzoek.inschrijving,
        omschrijving=f"{document.get_soort_display()} (document {document.pk}) aangeleverd",
        gegevens={
            "verzoek": verzoek.pk,
            "document": document.pk,
            "partij": verzoek.partij_id,
            "op_tijd": kalenderdag(moment) <= verzoek.uiterlijk_op,
        },
    )
    return document
