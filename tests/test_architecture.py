"""The structure docs/architecture.md describes, checked from the source: apps depend one way,
no two modules of an app import each other (directly or round a loop), and nothing imports a
private name from Django or Wagtail."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Lowest first: an app may import the apps before it, never one after it.
LAYERS = ["cms", "courses", "enrolment", "certificates", "programme", "network"]


def _modules(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        yield name.removesuffix(".__init__"), path


def _imports(name: str, path: Path, *, top_level_only: bool):
    """The modules `name` imports (absolute names), at module level only when asked: an import
    inside a function runs later and cannot make a loop at import time."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    nodes = tree.body if top_level_only else ast.walk(tree)
    for node in nodes:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            for alias in node.names:
                yield module, alias.name


def _apps():
    return [app for app in LAYERS if (ROOT / app).is_dir()]


@pytest.mark.parametrize("app", _apps())
def test_an_app_imports_only_the_apps_below_it(app):
    above = set(LAYERS[LAYERS.index(app) + 1 :])
    wrong = sorted(
        f"{name} imports {module}"
        for name, path in _modules(app)
        for module, _ in _imports(name, path, top_level_only=False)
        if module.split(".")[0] in above
    )
    assert not wrong, wrong


@pytest.mark.parametrize("app", _apps())
def test_no_import_loop_inside_an_app(app):
    modules = dict(_modules(app))
    graph = {}
    for name, path in modules.items():
        targets = set()
        for module, imported in _imports(name, path, top_level_only=True):
            # `from package import submodule` imports the submodule.
            for candidate in (f"{module}.{imported}" if imported else None, module):
                if candidate in modules and candidate != name:
                    targets.add(candidate)
                    break
        # A package's __init__ is what importing its submodules runs first; a submodule that
        # imports its own package (e.g. `from . import x`) is not a loop of two modules.
        graph[name] = {t for t in targets if not name.startswith(t + ".")}
    loops, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                loops.append(trail[trail.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])
    assert not loops, loops


def test_nothing_imports_a_private_name_from_django_or_wagtail():
    wrong = sorted(
        f"{name}: from {module} import {imported}"
        for app in _apps()
        for name, path in _modules(app)
        for module, imported in _imports(name, path, top_level_only=False)
        if module.split(".")[0] in {"django", "wagtail"}
        and (imported or module.rpartition(".")[2]).startswith("_")
    )
    assert not wrong, wrong


WAGTAIL_PRIVATE = re.compile(r"\._wagtail_|[\"']_wagtail_")


def test_private_wagtail_request_attributes_are_used_in_one_module_only():
    allowed = ROOT / "cms" / "caching" / "wagtail_site.py"
    users = sorted(
        str(path.relative_to(ROOT))
        for app in _apps()
        for _, path in _modules(app)
        if path != allowed and WAGTAIL_PRIVATE.search(path.read_text(encoding="utf-8"))
    )
    assert not users, users
