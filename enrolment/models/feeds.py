"""A person's private calendar feed and its secret token."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

CALENDAR_TOKEN_BYTES = 32


# What _new_token makes: URL-safe base64 of 32 random bytes, 43 ASCII characters, no padding.
_CALENDAR_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{43}", re.ASCII)


def _new_token() -> str:
    return secrets.token_urlsafe(CALENDAR_TOKEN_BYTES)


def is_calendar_token(value: str) -> bool:
    """Whether `value` has the form of a calendar feed token (checked before any lookup, so a
    NUL byte or other junk from the URL never reaches the database)."""
    return bool(_CALENDAR_TOKEN_RE.fullmatch(value))


class CalendarFeed(models.Model):
    """The secret token of a person's calendar feed; resetting it revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kalendarz osobisty")
        verbose_name_plural = _("kalendarze osobiste")

    def __str__(self):
        return str(self.user)
