"""Every state change that matters is written to Wagtail's audit log (Reports → Site history),
with who did it, when, and what changed. Custom actions are registered in wagtail_hooks.

RODO: the log refers to people, it does not copy them. Who acted is the entry's user (a foreign
key, shown with the person's current name, so it follows an erasure); an entry about a person or
one of their records (a model registered with `register_personal_model`) is labelled with its
kind and number, never with the person's name; `data` holds references (primary keys, codes)
and, for changes to personal fields, the names of the fields, not their values. When an account
is deleted, `log_scrub` removes what older entries still hold of the person."""

import logging
import re

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.db.models.signals import pre_save
from django.utils import timezone, translation
from wagtail.log_actions import get_active_log_context, log, registry
from wagtail.models import ModelLogEntry

logger = logging.getLogger("akademia.audit")

ERASED = "[usunięto]"
_personal_models: set[type] = set()


def register_personal_model(model: type) -> None:
    """Entries about rows of `model` (a person, or a record that names one) get a neutral
    label: its kind and number. Called from the app's AppConfig.ready()."""
    _personal_models.add(model)


def _cms_personal_models() -> set[type]:
    """cms's own: the account, its consents and its requests to move to another centre."""
    return {
        apps.get_model(settings.AUTH_USER_MODEL),
        apps.get_model("cms", "ConsentRecord"),
        apps.get_model("cms", "CentreChangeRequest"),
        apps.get_model("cms", "OutgoingEmail"),
    }


def is_personal_model(model: type | None) -> bool:
    return model is not None and any(
        issubclass(model, m) for m in _personal_models | _cms_personal_models()
    )


def neutral_label(model: type, pk) -> str:
    """ "Użytkownik #12": in the site's language, whatever the request's, as every label."""
    with translation.override(settings.LANGUAGE_CODE):
        return f"{str(model._meta.verbose_name).capitalize()} #{pk}"


def entry_label(instance) -> str:
    if is_personal_model(instance.__class__):
        return neutral_label(instance.__class__, instance.pk)
    return ModelLogEntry.objects.get_instance_title(instance)


def person_display(user_id) -> str:
    """The current name of the account `user_id`, for reading the log (one query)."""
    from django.contrib.auth import get_user_model
    from django.utils.translation import gettext as _

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or user.anonymised_at is not None:
        return _("konto usunięte, nr %(pk)s") % {"pk": user_id}
    return user.get_full_name().strip() or user.email


def changed_field_names(entry) -> list[str]:
    """The Polish names of the fields a change record says changed (display time)."""
    model = entry.content_type.model_class() if entry.content_type_id else None
    data = _changed_fields_only(entry.data or {})
    names = []
    for field in data.get("fields", []):
        try:
            names.append(str(model._meta.get_field(field).verbose_name))
        except (AttributeError, FieldDoesNotExist, TypeError):
            names.append(str(field))
    return names


def audit(instance, action: str, *, user=None, data: dict | None = None) -> None:
    entry_model = registry.get_log_model_for_instance(instance)
    if entry_model is ModelLogEntry:
        _insert_model_entry(instance, action, user=user, data=data or {})
    else:  # pages and anything else with its own log model: Wagtail's own path
        log(instance=instance, action=action, user=user, data=data or {})
    # The application log names people by number too (it is kept outside the erasure's reach).
    logger.info(
        "%s %s#%s by user#%s %s",
        action,
        instance.__class__.__name__,
        instance.pk,
        getattr(user, "pk", None),
        data or "",
    )


def _insert_model_entry(instance, action: str, *, user, data: dict) -> None:
    """The same row Wagtail's log() writes, in one INSERT. Wagtail's save() runs full_clean(),
    which checks with two queries that the content type and the user exist — both are in hand
    here — and that the action is registered, which is checked here without a query."""
    if instance.pk is None:
        raise ValueError(f"Attempted to log an action for {instance!r} with empty primary key")
    if not registry.action_exists(action):
        raise ValidationError({"action": f"The log action {action!r} has not been registered."})
    context = get_active_log_context()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
                object_id=str(instance.pk),
                label=entry_label(instance),
                action=action,
                timestamp=timezone.now(),
                data=data,
                uuid=context.uuid,
                user=user or context.user,
            )
        ]
    )


def _neutral_label_on_save(sender, instance: ModelLogEntry, **kwargs) -> None:
    """Wagtail's own log entries (an edit in the admin, say) are labelled with str(instance):
    for a person's records that is their name, so it is replaced before the row is written."""
    content_type = instance.content_type
    model = content_type.model_class() if content_type is not None else None
    if is_personal_model(model):
        instance.label = neutral_label(model, instance.object_id)


pre_save.connect(_neutral_label_on_save, sender=ModelLogEntry, dispatch_uid="osl-audit-label")


# --- erasure ---------------------------------------------------------------------------------


def person_identifiers(user) -> list[str]:
    """What identifies the person in free text: names, e-mail addresses, phone number."""
    from allauth.account.models import EmailAddress

    values = [
        user.get_full_name(),
        f"{user.last_name} {user.first_name}",
        user.first_name,
        user.last_name,
        user.email,
        user.phone,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    ]
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True)


def person_pattern(user) -> re.Pattern | None:
    """A pattern matching the person's names, e-mail addresses and phone number in free text."""
    return _pattern(person_identifiers(user))


def _pattern(identifiers: list[str]) -> re.Pattern | None:
    parts = []
    for value in identifiers:
        digits = re.sub(r"\D", "", value)
        if len(digits) >= 6 and not re.search(r"[^\d\s()+./-]", value):
            # A phone number, however it was spaced (600 100 200, 600-100-200, 600100200),
            # with or without the country code (+48 600 100 200).
            for number in {digits, digits[-9:]}:
                parts.append(r"(?<!\d)" + r"[\s()./-]*".join(number) + r"(?!\d)")
        else:
            parts.append(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def scrub_value(value, pattern: re.Pattern | None):
    """`value` (JSON data) with every occurrence of the person replaced by ERASED."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(ERASED, value)
    if isinstance(value, list):
        return [scrub_value(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: scrub_value(v, pattern) for k, v in value.items()}
    return value


def _changed_fields_only(data: dict) -> dict:
    """A change record written before values were left out: keep which fields changed."""
    if isinstance(data, dict) and isinstance(data.get("before"), dict):
        fields = sorted(set(data["before"]) | set(data.get("after") or {}))
        rest = {k: v for k, v in data.items() if k not in ("before", "after")}
        return {**rest, "fields": fields}
    return data


PERSONAL_VALUE_ACTIONS = {"osl.account.profile_change"}


def log_scrub(user, *, objects=None) -> int:
    """Remove the person from the audit log: entries about `user` itself or about `objects`
    (a queryset of their records, from the app that keeps them) and entries they made lose the
    person's names, e-mail addresses and phone number (labels become neutral, change records
    keep only the names of the fields that changed); any other entry whose label names them
    gets a label without the name. Returns the number of entries changed."""
    from django.contrib.auth import get_user_model

    pattern = person_pattern(user)
    user_model = get_user_model()
    if objects is None:
        objects = user_model.objects.filter(pk=user.pk)
    content_type = ContentType.objects.get_for_model(objects.model, for_concrete_model=False)
    ids = [str(pk) for pk in objects.values_list("pk", flat=True)]
    about = Q(content_type=content_type, object_id__in=ids)
    named = Q(pk__in=[])
    if objects.model is user_model:
        about |= Q(user=user)
        for value in {user.email, user.get_full_name().strip()} - {""}:
            named |= Q(label__icontains=value)
    changed = []
    entries = ModelLogEntry.objects.filter(about | named).select_related("content_type")
    id_set = set(ids)
    for entry in entries:
        is_about = (entry.content_type_id == content_type.pk and entry.object_id in id_set) or (
            objects.model is user_model and entry.user_id == user.pk
        )
        model = entry.content_type.model_class() if entry.content_type_id else None
        label = (
            neutral_label(model, entry.object_id)
            if is_personal_model(model)
            else scrub_value(entry.label, pattern)
        )
        data = entry.data
        if is_about:
            data = scrub_value(data, pattern)
            if entry.action in PERSONAL_VALUE_ACTIONS:
                data = _changed_fields_only(data)
        if (label, data) != (entry.label, entry.data):
            entry.label, entry.data = label, data
            changed.append(entry)
    ModelLogEntry.objects.bulk_update(changed, ["label", "data"])
    return len(changed)
