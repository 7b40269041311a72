"""RODO: what the platform holds about a person, gathered from every app.

Apps register a collector from their AppConfig.ready(); `cms` itself never imports them. A
collector returns JSON-ready data (strings, numbers, booleans, ISO dates, lists and dicts). The
same data is the JSON export (`to_json`) and the "my data" page (`present`): there each field is
shown under its Polish label, codes under their Polish names and dates in the reader's locale."""

import datetime
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

Collector = Callable[[object], list | dict]
Labels = Mapping[str, str]
Choices = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class _Registered:
    key: str
    title: str
    collect: Collector
    labels: Labels
    choices: Choices
    verbatim: frozenset[str]


_collectors: list[_Registered] = []
_anonymisers: list[Callable[[object], None]] = []


def register_collector(
    key: str,
    title: str,
    collector: Collector,
    *,
    labels: Labels | None = None,
    choices: Choices | None = None,
    verbatim: tuple[str, ...] = (),
) -> None:
    """`key` names the section in the JSON export; `title` heads it on the "my data" page.

    `labels` gives the Polish name of each field the collector returns (nested ones too);
    `choices` maps a field to {code: Polish name} for fields that hold codes; ISO dates are
    shown as dates except in the `verbatim` fields (a version named by its date, say)."""
    _collectors.append(
        _Registered(key, title, collector, labels or {}, choices or {}, frozenset(verbatim))
    )


def register_anonymiser(anonymiser: Callable[[object], None]) -> None:
    """Called when an account is deleted, to scrub personal data an app keeps in its own records."""
    _anonymisers.append(anonymiser)


def collectors() -> list[tuple[str, str, Collector]]:
    return [(c.key, c.title, c.collect) for c in _collectors]


def anonymisers() -> list[Callable[[object], None]]:
    return list(_anonymisers)


# --- the JSON export -------------------------------------------------------------------------


def to_json(value):
    """Collected data as JSON values: times in the local zone, dates as ISO, decimals as text."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


# --- the page --------------------------------------------------------------------------------


@dataclass
class Node:
    """One thing to show: kind is text, time, empty, list, fields, table or groups."""

    kind: str
    text: str = ""
    iso: str = ""
    items: list = field(default_factory=list)  # fields, groups: (label, Node); list: Node
    columns: list[str] = field(default_factory=list)  # table
    rows: list[list[tuple[str, "Node"]]] = field(default_factory=list)  # table: (column, Node)


@dataclass
class Section:
    key: str
    title: str
    body: Node


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _time(value) -> Node:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.replace(microsecond=0)
        text = formats.date_format(value, "DATETIME_FORMAT")
        return Node("time", text=text, iso=value.isoformat())
    return Node("time", text=formats.date_format(value, "DATE_FORMAT"), iso=value.isoformat())


def _scalar(value, key: str, choices: Choices, verbatim: frozenset[str]) -> Node:
    if value is None or value == "":
        return Node("empty", text="—")
    if isinstance(value, bool):
        return Node("text", text=_("tak") if value else _("nie"))
    if isinstance(value, datetime.date):
        return _time(value)
    if isinstance(value, int | float | Decimal):
        return Node("text", text=formats.number_format(value))
    text = str(value)
    if key in choices:
        return Node("text", text=str(choices[key].get(text, text)))
    if key in verbatim:
        return Node("text", text=text)
    if _ISO_DATETIME.match(text) and (moment := parse_datetime(text)) is not None:
        return _time(moment)
    if _ISO_DATE.match(text) and (day := parse_date(text)) is not None:
        return _time(day)
    return Node("text", text=text)


def _is_record_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _label(key: str, labels: Labels) -> str:
    return str(labels.get(key, key))


def _node(value, key: str, c: _Registered) -> Node:
    labels = c.labels
    if _is_record_list(value):
        keys = list(dict.fromkeys(k for record in value for k in record))
        columns = [_label(k, labels) for k in keys]
        pairs = list(zip(columns, keys, strict=True))
        return Node(
            "table",
            columns=columns,
            rows=[[(col, _node(r.get(k), k, c)) for col, k in pairs] for r in value],
        )
    if isinstance(value, list):
        if not value:
            return Node("empty", text=_("brak"))
        return Node("list", items=[_node(v, key, c) for v in value])
    if isinstance(value, Mapping):
        items = [(_label(k, labels), _node(v, k, c)) for k, v in value.items()]
        if value and all(isinstance(v, list | Mapping) for v in value.values()):
            return Node("groups", items=items)
        return Node("fields", items=items)
    return _scalar(value, key, c.choices, c.verbatim)


def present(data: Mapping) -> list[Section]:
    """The collected `data` (as `user_personal_data` returns it) as sections for the page, in
    the order the collectors were registered."""
    return [
        Section(c.key, c.title, _node(data.get(c.key), c.key, c))
        for c in _collectors
        if c.key in data
    ]
