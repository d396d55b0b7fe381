"""The arrows DESIGN.md allows between the parts, checked on the import graph of
src/vecinos (every import, including those inside functions)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import vecinos

SRC = Path(vecinos.__file__).parent
APPS = {
    "networks",
    "reports",
    "responders",
    "alerts",
    "neighbors",
    "messaging",
    "privacy",
    "rights",
    "web",
}
# messaging's outbox rows point at neighbors' contact points, and neighbors send their codes
# and answers through the outbox: one part of the loop seen from two sides.
ALLOWED_CYCLES = [{"messaging", "neighbors"}]


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each module of vecinos and the vecinos modules it imports."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        module = _module_name(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                graph[module] |= {a.name for a in node.names if a.name.startswith("vecinos")}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "vecinos":
                    graph[module] |= {f"vecinos.{a.name}" for a in node.names}
                elif node.module.startswith("vecinos."):
                    graph[module].add(node.module)
    return graph


def part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def arrows_from(source: str) -> dict[str, list[str]]:
    """The parts that the modules of ``source`` import, with the modules that do."""
    found: dict[str, list[str]] = defaultdict(list)
    for module, imported in imports().items():
        if module == source or module.startswith(source + "."):
            for target in imported:
                if part(target) != part(source):
                    found[part(target)].append(f"{module} → {target}")
    return found


def broken(source: str, forbidden: set[str]) -> list[str]:
    arrows = arrows_from(source)
    return sorted(line for target in forbidden & set(arrows) for line in arrows[target])


def test_messaging_knows_no_alert_report_or_responder():
    assert broken("vecinos.messaging", {"alerts", "reports", "responders"}) == []


def test_privacy_and_geo_import_no_app():
    assert broken("vecinos.privacy", APPS - {"privacy"}) == []
    assert broken("vecinos.geo", APPS) == []


def test_the_runners_import_no_app():
    assert broken("vecinos.worker", APPS) == []
    assert broken("vecinos.messaging.inbound", APPS - {"messaging"}) == []
    assert broken("vecinos.messaging.channels", APPS - {"messaging"}) == []


def test_no_app_imports_web():
    assert [line for app in APPS - {"web"} for line in broken(f"vecinos.{app}", {"web"})] == []


def _app_graph() -> dict[str, set[str]]:
    return {app: set(arrows_from(f"vecinos.{app}")) & APPS for app in APPS}


def _reaches(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for target in graph[todo.pop()] - seen:
            seen.add(target)
            todo.append(target)
    return seen


def test_the_only_cycle_between_apps_is_the_one_named():
    graph = _app_graph()
    reach = {app: _reaches(graph, app) for app in APPS}
    cycles = {frozenset({a, b}) for a in APPS for b in reach[a] if a != b and a in reach[b]}
    unnamed = cycles - {frozenset(pair) for pair in ALLOWED_CYCLES}
    # Name the direct arrows of each cycle's parts, so the one to cut is plain.
    arrows = [
        line
        for pair in unnamed
        for app in pair
        for target, lines in arrows_from(f"vecinos.{app}").items()
        if target in pair
        for line in lines
    ]
    assert not unnamed, sorted(arrows)
