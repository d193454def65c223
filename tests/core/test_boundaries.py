"""House rules as checks: no Qt in core or io, no clock in core or io, no blanket suppressions."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import textwrap
import tokenize
from pathlib import Path

import pytest

import jsswhatif

PACKAGE = Path(jsswhatif.__file__).parent

#: Imports every module of a package in a fresh interpreter where Qt cannot load, then fails
#: if any module of the packages it must not reach got imported; prints the modules imported.
IMPORT_WITHOUT = textwrap.dedent("""
    import importlib
    import pkgutil
    import sys

    package_name, forbidden = sys.argv[1], tuple(sys.argv[2:])
    for blocked in ("PySide6", "pyqtgraph", "shiboken6"):
        sys.modules[blocked] = None  # any import of them now raises ImportError

    package = importlib.import_module(package_name)
    names = sorted(
        info.name for info in pkgutil.walk_packages(package.__path__, package_name + ".")
    )
    for name in names:
        importlib.import_module(name)
    leaked = sorted(name for name in sys.modules if name.startswith(forbidden))
    assert not leaked, f"{package_name} imports {leaked}"
    print("\\n".join(names))
""")


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("core", ("jsswhatif.app", "jsswhatif.io", "jsswhatif.cli")),
        ("io", ("jsswhatif.app", "jsswhatif.cli")),
    ],
    ids=["core", "io"],
)
def test_every_module_imports_without_qt_or_the_layers_above(
    package: str, forbidden: tuple[str, ...]
) -> None:
    """Each module of core (and of io) imports in a fresh interpreter where Qt cannot load.

    core reaches neither io, app nor cli; io reaches core only, never app or cli.
    """
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_WITHOUT, f"jsswhatif.{package}", *forbidden],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    imported = set(done.stdout.split())
    files = (PACKAGE / package).glob("*.py")
    expected = {f"jsswhatif.{package}.{path.stem}" for path in files if path.stem != "__init__"}
    assert expected <= imported  # pkgutil found every module file


def test_the_import_check_catches_a_leak() -> None:
    """The check itself fails, naming the module, when a forbidden layer is imported."""
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_WITHOUT, "jsswhatif.io", "jsswhatif.core"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "jsswhatif.io imports ['jsswhatif.core" in done.stderr


def _python_files(*folders: str) -> list[Path]:
    roots = [PACKAGE / folder for folder in folders] if folders else [PACKAGE]
    return sorted(path for root in roots for path in root.rglob("*.py"))


def clock_reads(source: str) -> list[int]:
    """Line numbers of ``date.today()``, ``datetime.now()`` and ``datetime.utcnow()`` calls."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        if node.func.attr in {"today", "now", "utcnow"} and name in {"date", "datetime"}:
            lines.append(node.lineno)
    return lines


def blanket_suppressions(source: str) -> list[int]:
    """Line numbers of comments with ``noqa`` or ``type: ignore`` but no error code."""
    lines = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type != tokenize.COMMENT:
            continue
        text = token.string.lower().replace(" ", "")
        blanket_noqa = "noqa" in text and "noqa:" not in text
        blanket_ignore = "type:ignore" in text and "type:ignore[" not in text
        if blanket_noqa or blanket_ignore:
            lines.append(token.start[0])
    return lines


def test_the_house_rule_detectors_catch_their_targets() -> None:
    """The two detectors flag the forbidden forms and accept the allowed ones."""
    sample = textwrap.dedent("""
        import datetime as dt
        from datetime import date, datetime
        a = dt.date.today()
        b = datetime.now()
        c = date(2026, 1, 1)  # noqa: E501
        d = dt.datetime.utcnow()  # noqa
        e = c  # type: ignore
        f = c  # type: ignore[assignment]
        g = "date.today() in a string, # noqa in a string"
    """)
    assert clock_reads(sample) == [4, 5, 7]
    assert blanket_suppressions(sample) == [7, 8]


@pytest.mark.parametrize(
    "path", _python_files("core", "io"), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_core_and_io_never_read_the_clock(path: Path) -> None:
    """core and io take every date as an argument: no date.today() or datetime.now()."""
    assert clock_reads(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_blanket_noqa_or_type_ignore_in_the_package(path: Path) -> None:
    """Every noqa and type: ignore in the package names the error it silences."""
    assert blanket_suppressions(path.read_text(encoding="utf-8")) == []
