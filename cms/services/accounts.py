"""Accounts: sign-up completion, profile changes, RODO export and deletion."""

import uuid

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms import consent, personal_data, roles
from cms.audit import audit, log_scrub
from cms.models import Centre, CentreChangeRequest, CentreKind, ConsentRecord, Voivodeship
from cms.services import outbox
from cms.services.centres import centre_change_request, centre_coordinator_assign

User = get_user_model()

PROFILE_FIELDS = ["first_name", "last_name", "job_title", "phone", "centre"]


@transaction.atomic
def user_complete_signup(
    *,
    user,
    first_name: str,
    last_name: str,
    job_title: str,
    phone: str,
    centre: Centre,
    consent_version: str,
) -> None:
    """Fill the profile of a new account and record the RODO consent it agreed to."""
    user.first_name = first_name
    user.last_name = last_name
    user.job_title = job_title
    user.phone = phone
    user.centre = centre
    user.save(update_fields=PROFILE_FIELDS)
    consent_record(user=user, version=consent_version)
    audit(user, "osl.account.signup", user=user, data={"centre": centre.pk})


def consent_record(*, user, version: str = consent.CURRENT_VERSION) -> ConsentRecord:
    return ConsentRecord.objects.create(
        user=user, kind=ConsentRecord.Kind.PERSONAL_DATA, text_version=version
    )


def user_email_verified(*, user) -> None:
    """Every verified account is a participant."""
    if not roles.has_role(user, roles.PARTICIPANTS):
        roles.add_role(user, roles.PARTICIPANTS)
        audit(user, "osl.account.verified", user=user)


@transaction.atomic
def user_update_profile(*, user, actor, **changes) -> list[str]:
    """Save the person's own fields. A centre is set directly only when the person has none;
    moving to another centre becomes a request a programme coordinator decides
    (`centre_change_request`), reported as "centre_request" in the list of changes."""
    centre = changes.pop("centre", None)
    requested = []
    if centre is not None and user.centre_id is None:
        changes["centre"] = centre
    elif centre is not None and centre.pk != user.centre_id:
        centre_change_request(user=user, centre=centre, actor=actor)
        requested = ["centre_request"]
    return _save_profile_fields(user=user, actor=actor, changes=changes) + requested


def _save_profile_fields(*, user, actor, changes) -> list[str]:
    """The change record names the fields that changed, never their old or new values: those
    are personal data, and the log outlives an erasure (cms.audit)."""
    changed = [f for f in PROFILE_FIELDS if f in changes and getattr(user, f) != changes[f]]
    if not changed:
        return []
    for field in changed:
        setattr(user, field, changes[field])
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    audit(user, "osl.account.profile_change", user=actor, data={"fields": changed})
    return changed


def _account(user) -> dict:
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": user.job_title,
        "phone": user.phone,
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }


def _centre(user) -> dict | None:
    centre = user.centre
    if centre is None:
        return None
    return {
        "name": centre.name,
        "kind": centre.kind,
        "town": centre.town,
        "county": centre.county,
        "voivodeship": centre.voivodeship,
    }


def _email_addresses(user) -> list[dict]:
    from allauth.account.models import EmailAddress

    return [
        {"email": e.email, "verified": e.verified, "primary": e.primary}
        for e in EmailAddress.objects.filter(user=user)
    ]


def _consents(user) -> list[dict]:
    return [
        {"kind": c.kind, "text_version": c.text_version, "given_at": c.given_at.isoformat()}
        for c in user.consents.all()
    ]


# cms's own sections come first: this module is imported when cms is ready, before the apps
# above it register theirs.
personal_data.register_collector(
    "account",
    _("Konto"),
    _account,
    labels={
        "email": _("E-mail"),
        "first_name": _("Imię"),
        "last_name": _("Nazwisko"),
        "job_title": _("Stanowisko"),
        "phone": _("Telefon"),
        "date_joined": _("Konto założone"),
        "last_login": _("Ostatnie logowanie"),
        "roles": _("Role"),
    },
)
personal_data.register_collector(
    "centre",
    _("Ośrodek"),
    _centre,
    labels={
        "name": _("Nazwa"),
        "kind": _("Typ"),
        "town": _("Miejscowość"),
        "county": _("Powiat"),
        "voivodeship": _("Województwo"),
    },
    choices={"kind": dict(CentreKind.choices), "voivodeship": dict(Voivodeship.choices)},
)
personal_data.register_collector(
    "email_addresses",
    _("Adresy e-mail"),
    _email_addresses,
    labels={"email": _("Adres"), "verified": _("Potwierdzony"), "primary": _("Główny")},
)
personal_data.register_collector(
    "consents",
    _("Zgody"),
    _consents,
    labels={"kind": _("Zgoda"), "text_version": _("Wersja treści"), "given_at": _("Udzielona")},
    choices={"kind": dict(ConsentRecord.Kind.choices)},
    verbatim=("text_version",),
)


personal_data.register_anonymiser(outbox.emails_erase_for)


def user_personal_data(*, user) -> dict:
    """Everything the platform holds about a person, as JSON-ready data (RODO art. 15 and 20):
    one section per collector, cms's own first (the page shows it: personal_data.present)."""
    return {
        key: personal_data.to_json(collect(user))
        for key, _title, collect in personal_data.collectors()
    }


@transaction.atomic
def user_delete_account(*, user) -> None:
    """Delete an account at the person's request.

    Records that are evidence for an EU-funded project (enrolments, attendance, certificates) must
    stay, so the account is not removed: its personal data is erased, the login is disabled and the
    apps scrub what they hold. What is kept then refers to an anonymous, numbered person."""
    from allauth.account.models import EmailAddress

    for anonymise in personal_data.anonymisers():
        anonymise(user)
    # What the log still holds of the person (entries older than the rule that it refers to
    # people by number, free-text reasons) goes while their name is still known.
    log_scrub(user)
    log_scrub(user, objects=CentreChangeRequest.objects.filter(user=user))
    waiting = CentreChangeRequest.objects.filter(
        user=user, status=CentreChangeRequest.Status.PENDING
    )
    for change in waiting:
        change.status = CentreChangeRequest.Status.WITHDRAWN
        change.decided_at = timezone.now()
        change.save(update_fields=["status", "decided_at"])
        audit(change, "osl.centre_change.withdraw", user=user)
    if user.coordinated_centre_id is not None:
        centre_coordinator_assign(user=user, centre=None, actor=user)
    audit(user, "osl.account.delete", user=user)
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"usunieto-{uuid.uuid4().hex}@invalid.akademia-osl"
    user.first_name = ""
    user.last_name = ""
    user.job_title = ""
    user.phone = ""
    # The account no longer belongs to a centre (its staff list) nor speaks for one (above);
    # what was recorded for a centre (enrolments, certificates) keeps its own centre.
    user.centre = None
    user.is_active = False
    user.is_staff = False
    user.anonymised_at = timezone.now()
    user.set_unusable_password()
    user.save()
    user.groups.clear()
