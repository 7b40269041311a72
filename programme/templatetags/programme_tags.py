from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def percent(value, digits=1):
    """0.456 -> "45,6%" in the active locale; None (nothing to divide by) -> "—"."""
    if value is None:
        return "—"
    return f"{floatformat(value * 100, digits)}%"


@register.filter
def target(value):
    return "—" if value is None else value
