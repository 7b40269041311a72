"""Playwright's `expect` for the browser test modules. Without Playwright installed they are
skipped (a developer's machine without the test extras); under CI=true the import fails the run,
as a missing browser does (tests/conftest.py)."""

import os

import pytest

if os.environ.get("CI") == "true":
    from playwright.sync_api import expect
else:
    expect = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed").expect

__all__ = ["expect"]
