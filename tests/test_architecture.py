"""The code's layers, read from its source (README, « Organisation du code »).

- `portal` is the shared core: feature apps may import it; it imports no feature app, except in
  `portal/settings/` (INSTALLED_APPS…) and `portal/urls.py` (which includes each app's URLs);
- no import cycle, neither between apps nor between the modules of the project;
- a rule that several places ask has one definition;
- tests share data through helper modules (`tests/factories.py`, `tests/questionnaire.py`…),
  never by importing another folder's conftest.

Imports are read with `ast`, wherever they stand (module level or inside a function: an import
moved into a function to dodge a cycle is still a cycle). Migrations are left out: they record the
code of their day.
"""

import ast
from collections import defaultdict
from pathlib import Path

from django.apps import apps
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CORE = "portal"
# The only portal modules that may name a feature app.
CORE_MAY_IMPORT_APPS = ("portal.settings", "portal.urls")
KNOWN_APP_CYCLES = []


def project_apps():
    """The apps whose code lives in this repository, by top-level package."""
    return sorted(
        {
            config.name.partition(".")[0]
            for config in apps.get_app_configs()
            # Apps whose package sits at the repository's top level (not in a virtualenv).
            if Path(config.path).resolve().parent == ROOT.resolve()
        }
    )


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    """{module name: path} for every module of the project's apps, migrations excepted."""
    modules = {}
    for app in project_apps():
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.relative_to(ROOT).parts:
                continue
            modules[module_name(path)] = path
    return modules


def imported_names(path, name):
    """The absolute names of the modules (or module attributes) that `path` imports."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join(filter(None, [*parent, base]))
            for alias in node.names:
                yield f"{base}.{alias.name}" if alias.name != "*" else base


def resolve(name, modules):
    """The project module `name` designates (`pkg.module.attribute` → `pkg.module`), or None."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph():
    """{module: {project modules it imports}}, a module's own package excepted."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        targets = set()
        for imported in imported_names(path, name):
            target = resolve(imported, modules)
            # `from . import x` names the package first: importing one's own package (its
            # __init__) is not an arrow between modules.
            if target is not None and target != name and not name.startswith(target + "."):
                targets.add(target)
        graph[name] = targets
    return graph


def app_of(module):
    return module.partition(".")[0]


def cycles(graph):
    """The strongly connected components of more than one node (Tarjan), sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def app_graph(graph):
    arrows = defaultdict(set)
    for source, targets in graph.items():
        for target in targets:
            if app_of(source) != app_of(target):
                arrows[app_of(source)].add(app_of(target))
    return arrows


def is_wiring(module):
    return any(module == m or module.startswith(m + ".") for m in CORE_MAY_IMPORT_APPS)


def core_arrows_to_feature_apps(graph):
    """`portal` modules, wiring aside, that import a feature app."""
    return sorted(
        f"{source} → {target}"
        for source, targets in graph.items()
        if app_of(source) == CORE and not is_wiring(source)
        for target in targets
        if app_of(target) != CORE
    )


def test_the_core_imports_no_feature_app_outside_settings_and_urls():
    assert core_arrows_to_feature_apps(import_graph()) == []


def test_no_import_cycle_between_modules():
    assert cycles(import_graph()) == []


def test_no_import_cycle_between_apps():
    outside_wiring = {
        source: targets for source, targets in import_graph().items() if not is_wiring(source)
    }
    assert cycles(app_graph(outside_wiring)) == KNOWN_APP_CYCLES


def test_the_contracts_see_the_whole_project():
    """The checks above read every app: the feature apps and the core are all there."""
    graph = import_graph()
    assert CORE in project_apps()
    assert {"fiches", "forum", "diagnostic"} <= set(project_apps())
    assert "portal.urls" in graph
    assert any(app_of(target) == CORE for target in graph["forum.permissions"])


def test_the_detector_finds_a_cycle_and_a_wrong_arrow():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
    assert app_graph({"portal.models": {"forum.models"}}) == {"portal": {"forum"}}
    graph = {
        "portal.models": {"forum.models", "portal.roles"},
        "portal.urls": {"forum.views"},
        "portal.settings.base": {"forum.apps"},
        "forum.models": {"portal.models"},
    }
    assert core_arrows_to_feature_apps(graph) == ["portal.models → forum.models"]


def test_one_definition_of_who_moderates():
    """The forum, the comments and the admin menu ask the same question: one `is_moderator`."""
    definitions = [
        name
        for name, path in project_modules().items()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name in {"is_moderator", "is_forum_moderator"}
    ]
    assert definitions == ["portal.roles"]


def test_no_test_imports_another_folders_conftest():
    tests = ROOT / "tests"
    wrong = []
    for path in sorted(tests.rglob("*.py")):
        name = module_name(path)
        for imported in imported_names(path, name):
            parts = imported.split(".")
            if "conftest" in parts:
                folder = ".".join(parts[: parts.index("conftest")])
                if folder != name.rpartition(".")[0]:
                    wrong.append(f"{name} → {imported}")
    assert wrong == []
