"""Playwright's `expect` for the browser test modules. Without Playwright installed they are
skipped (a developer's machine without the test extras); under CI=true the import fails the run,
as a missing browser does (tests/conftest.py)."""

import os
import re

import pytest

if os.environ.get("CI") == "true":
    from playwright.sync_api import expect
else:
    expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

__all__ = ["expect", "log_in"]


def log_in(tab, user):
    """Log `user` in through the log-in form (their password is tests.factories.PASSWORD)."""
    from tests.factories import PASSWORD

    tab.goto("/konto/login/")
    tab.fill("#id_login", user.email)
    tab.fill("#id_password", PASSWORD)
    tab.locator("main form button[type=submit]").last.click()
    expect(tab).not_to_have_url(re.compile(r"/konto/login/"))
