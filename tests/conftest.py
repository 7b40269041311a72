"""Shared fixtures. Browser tests run in Debian's Chromium through Playwright, with axe-core
checking every page they visit; under CI=true a missing browser fails the run, never skips."""

import os
import shutil

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run there
# unless told it is safe (it is: the loop only drives the browser).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI") == "true"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The roles and their permissions, made once in the session's test database (about 160
    queries): each test's transaction is rolled back to a database that has them."""
    from cms import roles

    with django_db_blocker.unblock():
        roles.ensure_roles()


@pytest.fixture
def programme_coordinator(db):
    from cms import roles
    from tests.factories import UserFactory

    return UserFactory(role=roles.PROGRAMME_COORDINATORS)


@pytest.fixture
def trainer(db):
    from cms import roles
    from tests.factories import UserFactory

    return UserFactory(role=roles.TRAINERS, centre=None)


@pytest.fixture
def site(transactional_db):
    """For browser tests: the home page as the default Site's root, with its menu pages and
    site settings, and the roles. Transactional tests flush the database afterwards, taking
    Wagtail's migration-made root page and the roles with it, so both are made again here."""
    from wagtail.models import Locale, Page

    from cms import demo, roles

    roles.ensure_roles()
    locale, _ = Locale.objects.get_or_create(language_code="pl")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home, _about = demo._page_tree()
    return home


@pytest.fixture
def with_roles(db):
    """The roles exist. A transactional test's flush removes them; pytest-django runs those
    tests last, so only they make them again."""
    from django.contrib.auth.models import Group

    from cms import roles

    if Group.objects.filter(name__in=roles.ALL_ROLES).count() != len(roles.ALL_ROLES):
        roles.ensure_roles()


def pytest_collection_modifyitems(config, items):
    # Row-lock tests need PostgreSQL; `make test` runs the suite again there (required in CI).
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL: run `make pytest-pg`")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_cache_and_language():
    """No test inherits another's cache (allauth's rate-limit counters, cached pages) or language:
    a request to /en/ leaves English active in the test thread, and reverse() would then give
    /en/ URLs in the next test."""
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    translation.activate(settings.LANGUAGE_CODE)


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def _browser():
    path = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if not path:
        if IN_CI:
            pytest.fail("Chromium and Playwright are required under CI=true (make browser-deps).")
        pytest.skip("Chromium not installed: `make browser-deps`")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_browser, live_server):
    """A fresh browser tab. Every page it loads is checked with axe-core (see `axe`)."""
    context = _browser.new_context(base_url=live_server.url, locale="pl-PL")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def mobile_page(_browser, live_server):
    context = _browser.new_context(
        base_url=live_server.url,
        locale="pl-PL",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def axe():
    """axe-core against WCAG 2.1 A/AA; call it on a page and it fails the test on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    checker = Axe()

    def check(tab):
        results = checker.run(
            tab,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        violations = results.response["violations"]
        assert not violations, f"axe-core on {tab.url}:\n" + results.generate_report()
        return results

    return check
