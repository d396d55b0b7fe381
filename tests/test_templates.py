"""Each app's templates live under its own name, so no app's template can shadow another's
by the order of INSTALLED_APPS."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from django.apps import apps


def templates_of_our_apps() -> dict[str, list[str]]:
    """Each of our apps' label → the paths of its templates, relative to its templates folder."""
    found = {}
    for app in apps.get_app_configs():
        folder = Path(app.path) / "templates"
        if app.name.startswith("vecinos.") and folder.is_dir():
            paths = (path for path in folder.rglob("*") if path.is_file())
            found[app.label] = sorted(path.relative_to(folder).as_posix() for path in paths)
    return found


def test_no_two_apps_define_the_same_template():
    counts = Counter(path for paths in templates_of_our_apps().values() for path in paths)
    assert [path for path, count in counts.items() if count > 1] == []


def test_each_app_keeps_its_templates_under_its_own_name():
    strays = [
        f"{label}: {path}"
        for label, paths in templates_of_our_apps().items()
        for path in paths
        if not path.startswith(f"{label}/")
    ]
    assert strays == []
