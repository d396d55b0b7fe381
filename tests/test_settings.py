"""Settings are read once: every VECINOS_* variable through config.py's readers, in
settings.py, and README's tables name exactly the variables the code reads."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from vecinos import config
from vecinos.messaging import channels

SRC = Path(config.__file__).parent
README = SRC.parent.parent / "README.md"
READERS = {"env_str", "env_bool", "env_list", "env_int"}
# Only env_str also reads VECINOS_<NAME>_FILE (for secrets).
FILE_READERS = {"env_str"}
# A name made at run time, e.g. f"{kind.upper()}_RATE"; README writes it <CHANNEL>_RATE.
ANY = "<*>"


def _modules() -> dict[str, ast.Module]:
    return {
        path.relative_to(SRC).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(SRC.rglob("*.py"))
    }


def _reader(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _reader_calls(tree: ast.Module) -> list[ast.Call]:
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    return [call for call in calls if _reader(call) in READERS and call.args]


def _variable(argument: ast.expr) -> str:
    if isinstance(argument, ast.Constant):
        return config.PREFIX + argument.value
    assert isinstance(argument, ast.JoinedStr), ast.unparse(argument)
    parts = [v.value if isinstance(v, ast.Constant) else ANY for v in argument.values]
    return config.PREFIX + "".join(parts)


def declared_by_the_channels() -> set[str]:
    """Each channel type's own variables, which settings.py reads for it, and its rate."""
    declared = {name for channel in channels.TYPES.values() for name in channel.variables}
    return {config.PREFIX + name for name in declared} | {f"{config.PREFIX}{ANY}_RATE"}


def read_by_the_code() -> tuple[set[str], set[str]]:
    """The variables the code reads, and their _FILE variants (every channel variable may
    come from a file: they are read as env_str reads)."""
    names = declared_by_the_channels()
    files = {f"{name}_FILE" for name in names}
    for tree in _modules().values():
        for call in _reader_calls(tree):
            if isinstance(call.args[0], ast.Name):
                continue  # a reader passing a name along (config.env_group): its caller names it
            name = _variable(call.args[0])
            names.add(name)
            if _reader(call) in FILE_READERS:
                files.add(f"{name}_FILE")
    return names, files


def documented_in_readme() -> tuple[set[str], set[str]]:
    """The variables named in the column that names them ("variable", "settings") of the
    tables under README's "Configuration", and those documented with "(or `_FILE`)"."""
    section = README.read_text(encoding="utf-8").split("## Configuration", 1)[1]
    section = section.split("\n## ", 1)[0]
    names, files, column = set(), set(), None
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.startswith("|"):
            column = None
        elif column is None:
            column = next(i for i, cell in enumerate(cells) if cell in ("variable", "settings"))
        elif not set(cells[column]) <= set("-"):
            found = {
                re.sub(r"<[A-Z]+>", ANY, n)
                for n in re.findall(r"VECINOS_[A-Z0-9_<>]+", cells[column])
            }
            names |= found
            if "(or `_FILE`)" in cells[column]:
                files |= {f"{n}_FILE" for n in found}
    return names, files


def test_readme_documents_exactly_the_variables_the_code_reads():
    read, readable_from_files = read_by_the_code()
    documented, documented_files = documented_in_readme()
    undocumented, unread = sorted(read - documented), sorted(documented - read)
    assert not undocumented, f"read by the code, missing from README's tables: {undocumented}"
    assert not unread, f"in README's tables, read by no code: {unread}"
    no_file = sorted(documented_files - readable_from_files)
    assert not no_file, f"README offers these, the code reads no such file: {no_file}"


def test_only_settings_reads_the_environment():
    modules = _modules()
    reading = {path for path, tree in modules.items() if _reader_calls(tree)}
    elsewhere = sorted(reading - {"settings.py", "config.py"})
    assert not elsewhere, f"read these through settings.py and use settings.X: {elsewhere}"
    direct = sorted(
        path for path, tree in modules.items() if path != "config.py" and _reads_os(tree)
    )
    assert not direct, f"read the environment through config.py, in settings.py: {direct}"


def _reads_os(tree: ast.Module) -> bool:
    """os.getenv(…), os.environ.get(…) or os.environ[…]."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and ast.unparse(node) in ("os.getenv", "os.environ.get"):
            return True
        if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
            return True
    return False


def test_a_number_must_be_a_whole_number(monkeypatch):
    monkeypatch.setenv("VECINOS_REPORTS_PER_AREA", "twenty")
    with pytest.raises(ImproperlyConfigured, match="VECINOS_REPORTS_PER_AREA"):
        config.env_int("REPORTS_PER_AREA", 20)
    monkeypatch.setenv("VECINOS_REPORTS_PER_AREA", "30")
    assert config.env_int("REPORTS_PER_AREA", 20) == 30
