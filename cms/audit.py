"""Every state change that matters is written to Wagtail's audit log (Reports → Site history),
with who did it, when, and what changed. Custom actions are registered in wagtail_hooks."""

import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.log_actions import get_active_log_context, log, registry
from wagtail.models import ModelLogEntry

logger = logging.getLogger("akademia.audit")


def audit(instance, action: str, *, user=None, data: dict | None = None) -> None:
    entry_model = registry.get_log_model_for_instance(instance)
    if entry_model is ModelLogEntry:
        _insert_model_entry(instance, action, user=user, data=data or {})
    else:  # pages and anything else with its own log model: Wagtail's own path
        log(instance=instance, action=action, user=user, data=data or {})
    logger.info("%s %s#%s by %s %s", action, type(instance).__name__, instance.pk, user, data or "")


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
                label=ModelLogEntry.objects.get_instance_title(instance),
                action=action,
                timestamp=timezone.now(),
                data=data,
                uuid=context.uuid,
                user=user or context.user,
            )
        ]
    )
