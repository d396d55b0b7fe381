"""The API's routers share their types through `vecinos.apitypes` only: no router imports the
root `vecinos.api` or another router, and `apitypes` imports none of them."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "vecinos"
ROUTERS = sorted(PACKAGE.glob("*/api.py"))


def imported(path: Path) -> set[str]:
    """Every module a file imports, and each `from module import name` as `module.name` too."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_routers_and_their_shared_types_import_no_router():
    forbidden = {"vecinos.api"} | {f"vecinos.{path.parent.name}.api" for path in ROUTERS}
    arrows = [
        f"{path.relative_to(PACKAGE)} → {module}"
        for path in [*ROUTERS, PACKAGE / "apitypes.py"]
        for module in sorted(imported(path) & forbidden)
    ]
    assert arrows == []
