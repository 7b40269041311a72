"""The registry of centres: proposals from people signing up, approved by programme coordinators."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import roles
from cms.audit import audit
from cms.models import Centre, CentreChangeRequest, CentreStatus

MSG_NOT_PENDING = _("Ta prośba została już rozpatrzona.")
MSG_SAME_CENTRE = _("To jest już Twój ośrodek.")


MSG_CENTRE_EXISTS = _(
    "Ośrodek o tej nazwie w tej miejscowości jest już w rejestrze. Wybierz go z listy "
    "(jeśli czeka na zatwierdzenie, poczekaj na nie) albo podaj pełną nazwę swojego ośrodka."
)


def _proposed_centre(
    *,
    name: str,
    kind: str,
    street: str,
    postal_code: str,
    town: str,
    county: str,
    voivodeship: str,
    email: str = "",
    phone: str = "",
    proposed_by=None,
) -> Centre:
    return Centre(
        name=name.strip(),
        kind=kind,
        street=street.strip(),
        postal_code=postal_code.strip(),
        town=town.strip(),
        county=county.strip(),
        voivodeship=voivodeship,
        email=email,
        phone=phone,
        status=CentreStatus.PENDING,
        proposed_by=proposed_by,
    )


def centre_proposal_check(**fields) -> None:
    """Everything the model would refuse about a proposed centre (its validators, choices,
    lengths and constraints, the unique name and town included), as a ValidationError keyed by
    Centre field, before anything is written. The sign-up form calls it; so does
    `centre_propose`."""
    centre = _proposed_centre(**fields)
    try:
        centre.full_clean(exclude=["proposed_by"])
    except ValidationError as exc:
        errors = exc.update_error_dict({})
        general = errors.pop(NON_FIELD_ERRORS, [])
        for error in general:
            if error.code == "unique_together":
                errors.setdefault("name", []).append(
                    ValidationError(MSG_CENTRE_EXISTS, code="centre_exists")
                )
            else:
                errors.setdefault(NON_FIELD_ERRORS, []).append(error)
        raise ValidationError(errors) from exc


def centre_propose(*, proposed_by=None, **fields) -> Centre:
    """A person signing up proposes a centre that is not in the registry yet (the fields of
    `_proposed_centre`).

    It is usable for that person at once and shown to programme coordinators for approval."""
    centre_proposal_check(**fields)
    centre = _proposed_centre(**fields, proposed_by=proposed_by)
    centre.save()
    audit(centre, "osl.centre.propose", user=proposed_by)
    return centre


def _close(change: CentreChangeRequest, status: str, actor) -> None:
    change.status = status
    change.decided_at = timezone.now()
    change.decided_by = actor
    change.save(update_fields=["status", "decided_at", "decided_by"])


@transaction.atomic
def centre_change_request(*, user, centre: Centre, actor) -> CentreChangeRequest:
    """A person asks to move to another centre. Nothing changes until a programme coordinator
    approves; a newer request replaces one that still waits."""
    if centre.pk == user.centre_id:
        raise ValidationError(MSG_SAME_CENTRE, code="same_centre")
    waiting = CentreChangeRequest.objects.select_for_update().filter(
        user=user, status=CentreChangeRequest.Status.PENDING
    )
    for old in waiting:
        _close(old, CentreChangeRequest.Status.WITHDRAWN, actor)
        audit(old, "osl.centre_change.withdraw", user=actor)
    change = CentreChangeRequest.objects.create(
        user=user, from_centre_id=user.centre_id, to_centre=centre
    )
    audit(
        change,
        "osl.centre_change.request",
        user=actor,
        data={"from_centre": user.centre_id, "to_centre": centre.pk},
    )
    return change


@transaction.atomic
def centre_change_decide(*, change: CentreChangeRequest, approve: bool, actor):
    """A programme coordinator approves or rejects a request; approval moves the profile. A
    centre coordinator's own assignment (`coordinated_centre`) is not touched: it is decided
    separately, with `centre_coordinator_assign`."""
    if not roles.is_programme_coordinator(actor):
        raise PermissionDenied
    change = CentreChangeRequest.objects.select_for_update().get(pk=change.pk)
    if change.status != CentreChangeRequest.Status.PENDING:
        raise ValidationError(MSG_NOT_PENDING, code="not_pending")
    status = CentreChangeRequest.Status
    _close(change, status.APPROVED if approve else status.REJECTED, actor)
    data = {"from_centre": change.from_centre_id, "to_centre": change.to_centre_id}
    if approve:
        user = change.user
        user.centre = change.to_centre
        user.save(update_fields=["centre"])
        audit(user, "osl.account.centre_change", user=actor, data=data)
    audit(
        change,
        "osl.centre_change.approve" if approve else "osl.centre_change.reject",
        user=actor,
        data=data,
    )
    return change


@transaction.atomic
def centre_coordinator_assign(*, user, centre: Centre | None, actor=None) -> None:
    """Make `user` the coordinator of `centre` (None: of no centre). The only way a person comes
    to speak for a centre; logged with the centre before and after."""
    before = user.coordinated_centre_id
    user.coordinated_centre = centre
    user.save(update_fields=["coordinated_centre"])
    if centre is not None and not roles.has_role(user, roles.CENTRE_COORDINATORS):
        roles.add_role(user, roles.CENTRE_COORDINATORS)
    audit(
        user,
        "osl.account.coordinator_assign",
        user=actor,
        data={"before": before, "after": centre.pk if centre else None},
    )
