"""Sorting the voivodeship table: the sort keys a coordinator may ask for (?sort=), checked."""

import re

from .figures import Figures

SORT_KEYS = {
    "name": lambda f: f.order,
    "held": lambda f: f.held,
    "planned": lambda f: f.planned,
    "cancelled": lambda f: f.cancelled,
    "seats": lambda f: f.seats,
    "confirmed": lambda f: f.confirmed,
    "waiting": lambda f: f.waiting,
    "fill": lambda f: f.fill_rate if f.fill_rate is not None else -1,
    "people": lambda f: f.people_completed,
    "progress": lambda f: f.people_progress if f.people_progress is not None else -1,
    "certificates": lambda f: f.certificates,
    "completion": lambda f: f.completion_rate if f.completion_rate is not None else -1,
}


DEFAULT_SORT = "name"


_SORT_RE = re.compile(r"-?[a-z]{1,20}", re.ASCII)


def parse_sort(value: str | None) -> tuple[str, bool, bool]:
    """(key, descending, valid) from ?sort=; an unknown or non-ASCII value is not valid and
    gives the default order."""
    if not value:
        return DEFAULT_SORT, False, True
    if not _SORT_RE.fullmatch(value) or value.lstrip("-") not in SORT_KEYS:
        return DEFAULT_SORT, False, False
    return value.lstrip("-"), value.startswith("-"), True


def sort_regions(regions: list[Figures], key: str, descending: bool) -> list[Figures]:
    """Sorted by the key, ties by name (always ascending, so the order is stable)."""
    ordered = sorted(regions, key=lambda f: f.order)
    return sorted(ordered, key=SORT_KEYS[key], reverse=descending)
