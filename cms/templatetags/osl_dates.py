"""Dates as a Polish reader expects them, in one place for every template.

- ``date_range``: a workshop's two days as one range, the shared month and year said once:
  "22–23 stycznia 2027", across months "30 stycznia – 2 lutego 2027", across years
  "31 grudnia 2026 – 2 stycznia 2027", one day "22 stycznia 2027".
- ``day_long``: a weekday and date, the weekday in lower case as Polish writes it mid-sentence
  ("środa, 20 stycznia 2027"); other languages keep their own capitals.
- ``deadline``: a moment something closes. Midnight is ambiguous ("do 15 stycznia, 00:00" reads as
  the end of the 15th to many), so a deadline at midnight is shown as the last minute of the day
  before ("14 stycznia 2027, 23:59").
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def format_date_range(start, end):
    start, end = _as_date(start), _as_date(end)
    if not start:
        return ""
    if not end or end == start:
        return date_format(start, "j E Y")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{date_format(end, 'j E Y')}"
    if start.year == end.year:
        return f"{date_format(start, 'j E')} – {date_format(end, 'j E Y')}"
    return f"{date_format(start, 'j E Y')} – {date_format(end, 'j E Y')}"


def format_day_long(value):
    value = _as_date(value)
    if not value:
        return ""
    weekday = date_format(value, "l")
    if (get_language() or "").startswith("pl"):
        weekday = weekday.lower()
    return f"{weekday}, {date_format(value, 'j E Y')}"


def format_deadline(value):
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time(0, 0):
        value = value - datetime.timedelta(minutes=1)
    return date_format(value, "j E Y, H:i")


@register.filter
def date_range(start, end):
    """{{ workshop.day_one_date|date_range:workshop.day_two_date }}"""
    return format_date_range(start, end)


@register.filter
def day_long(value):
    """{{ workshop.day_one_date|day_long }}"""
    return format_day_long(value)


@register.filter
def deadline(value):
    """{{ workshop.effective_signup_closes_at|deadline }}"""
    return format_deadline(value)
