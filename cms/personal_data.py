"""RODO: what the platform holds about a person, gathered from every app.

Apps register a collector from their AppConfig.ready(); `cms` itself never imports them."""

from collections.abc import Callable

Collector = Callable[[object], list | dict]
_collectors: list[tuple[str, str, Collector]] = []
_anonymisers: list[Callable[[object], None]] = []


def register_collector(key: str, title: str, collector: Collector) -> None:
    """`key` names the section in the JSON export; `title` heads it on the "my data" page."""
    _collectors.append((key, title, collector))


def register_anonymiser(anonymiser: Callable[[object], None]) -> None:
    """Called when an account is deleted, to scrub personal data an app keeps in its own records."""
    _anonymisers.append(anonymiser)


def collectors() -> list[tuple[str, str, Collector]]:
    return list(_collectors)


def anonymisers() -> list[Callable[[object], None]]:
    return list(_anonymisers)
