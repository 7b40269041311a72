"""Links that apps above cms add to the site's menus, so that cms never names their URLs.

Apps register from their AppConfig.ready(); templates only loop over what the tags return."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuLink:
    label: str
    url_name: str
    order: int = 100
    visible: Callable[[object], bool] | None = None  # given the user; None = everyone


_main: list[MenuLink] = []
_account: list[MenuLink] = []


def register_main_link(**kwargs) -> None:
    """A link in the main navigation, beside the pages marked "show in menus"."""
    _main.append(MenuLink(**kwargs))


def register_account_link(**kwargs) -> None:
    """A link in the logged-in person's menu; `visible(user)` decides who sees it. It may depend
    only on the person's roles and permissions: the menu is cached until those change."""
    _account.append(MenuLink(**kwargs))


def _resolve(links: list[MenuLink], user) -> list[tuple[str, str]]:
    return [
        (link.label, reverse(link.url_name))
        for link in sorted(links, key=lambda link: link.order)
        if link.visible is None or link.visible(user)
    ]


def main_links(user) -> list[tuple[str, str]]:
    return _resolve(_main, user)


def account_links(user) -> list[tuple[str, str]]:
    return _resolve(_account, user)
