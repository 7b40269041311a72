"""Every state change that matters is written to Wagtail's audit log (Reports → Site history),
with who did it, when, and what changed. Custom actions are registered in wagtail_hooks."""

import logging

from wagtail.log_actions import log

logger = logging.getLogger("akademia.audit")


def audit(instance, action: str, *, user=None, data: dict | None = None) -> None:
    log(instance=instance, action=action, user=user, data=data or {})
    logger.info("%s %s#%s by %s %s", action, type(instance).__name__, instance.pk, user, data or "")
