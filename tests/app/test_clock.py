"""Only the launcher reads today's date; crash logs and autosaves only stamp the time.

The controller owns the as-of date and gets "today" from :mod:`jsswhatif.app.launch`; every
view receives the date from it. A view that read the clock itself (the plot used to start
from ``QDate.currentDate()``) would show a day nobody chose.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

import jsswhatif.app

APP = Path(jsswhatif.app.__file__).parent
#: Files allowed to read the clock, and why.
ALLOWED = {
    "launch.py": "today(): the one date the application starts from",
    "crash.py": "the time stamp of a crash log",
    "files/autosave.py": "the time stamp of an autosave",
    "report_export.py": "the DTSTAMP of an exported calendar (when it was written)",
}
_CLOCKS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("QDate", "currentDate"),
    ("QDateTime", "currentDateTime"),
    ("QDateTime", "currentDateTimeUtc"),
    ("QTime", "currentTime"),
    ("time", "time"),
}


def clock_reads(source: str) -> list[int]:
    """Line numbers of calls that read the clock (``date.today()``, ``QDate.currentDate()``,
    ``dt.datetime.now()``, ...), however the module was imported."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        receiver = node.func.value
        name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", "")
        if (name, node.func.attr) in _CLOCKS:
            lines.append(node.lineno)
    return lines


def test_the_detector_sees_every_clock() -> None:
    sample = textwrap.dedent("""
        import datetime as dt
        from PySide6.QtCore import QDate, QDateTime
        a = dt.date.today()
        b = QDate.currentDate()
        c = QDateTime.currentDateTime()
        d = dt.datetime.now().astimezone()
        e = QDate(2026, 1, 1).addDays(1)
        f = dt.date(2026, 1, 1).today  # not called
    """)
    assert clock_reads(sample) == [4, 5, 6, 7]


@pytest.mark.parametrize(
    "path", sorted(APP.rglob("*.py")), ids=lambda p: p.relative_to(APP).as_posix()
)
def test_only_the_launcher_reads_the_date(path: Path) -> None:
    """Views and the controller take the date they are given."""
    reads = clock_reads(path.read_text(encoding="utf-8"))
    if path.relative_to(APP).as_posix() in ALLOWED:
        assert reads  # the exception is still needed; drop it from ALLOWED otherwise
    else:
        assert reads == []
