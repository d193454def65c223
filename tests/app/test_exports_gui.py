"""File ▸ Export: every export writes a file that parses.

The timeline CSV has one row per day of the plot's range, for the scenario and rule set on
screen; the SVG is valid XML; the PNG has the requested width; the document copy and the
contracts CSV read back equal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from jsswhatif.app.files.import_export import PNG_WIDTH
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.io.contracts_csv import read_contracts_csv
from jsswhatif.io.store import load_document

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    """The five-contract sample in a scenario that excludes c3 (every window 100)."""
    made = make_window()
    made.controller.new_scenario("Without c3")
    made.controller.toggle_excluded(["c3"])
    made.controller.flush()
    return made


def export(window: MainWindow, monkeypatch: pytest.MonkeyPatch, action: str, target: Path) -> Path:
    """Trigger Export ▸ ``action`` answering ``target``; the file written."""
    suggested: list[Path] = []

    def ask(parent: object, title: str, proposed: Path, filters: str) -> Path:
        suggested.append(proposed)
        return target

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    assert window.window_actions[action] in window.window_actions.submenus["export"].actions()
    window.window_actions[action].trigger()
    assert len(suggested) == 1
    return target


def test_document_copy_reads_back_equal_and_the_window_keeps_its_file(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = export(window, monkeypatch, "export_copy", tmp_path / "copy.jsswhatif")
    assert load_document(path) == window.controller.document.model_copy(update={"as_of": AS_OF})
    assert window.controller.path is None
    assert window.isWindowModified()  # a copy is not a save


def test_contracts_csv_holds_the_contracts_on_screen(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = export(window, monkeypatch, "export_contracts", tmp_path / "contracts")
    assert path.with_suffix(".csv").is_file()  # the suffix is added
    back = read_contracts_csv(path.with_suffix(".csv"))
    assert back == window.controller.contracts
    assert next(c for c in back if c.id == "c3").excluded


def test_timeline_csv_has_one_row_per_day_of_the_plot_range(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = export(window, monkeypatch, "export_timeline", tmp_path / "timeline.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    first, last = window.controller.flush().plot_range
    assert len(rows) == (last - first).days + 1
    days = [dt.date.fromisoformat(r["date"]) for r in rows]
    assert days[0] == first
    assert days[-1] == last
    assert all((b - a).days == 1 for a, b in itertools.pairwise(days))
    on_as_of = next(r for r in rows if r["date"] == AS_OF.isoformat())
    assert on_as_of["displayed"] == "100"  # the scenario on screen, not the baseline's 90
    assert float(on_as_of["m6"]) == 100.0


def test_plot_png_has_the_requested_width(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = export(window, monkeypatch, "export_png", tmp_path / "plot.png")
    image = QImage(str(path))
    assert not image.isNull()
    assert image.width() == PNG_WIDTH == 1600
    assert image.height() > 0


def test_plot_svg_is_valid_xml(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = export(window, monkeypatch, "export_svg", tmp_path / "plot.svg")
    root = ET.parse(path).getroot()
    assert root.tag.endswith("svg")
    assert len(list(root.iter())) > 10


def test_an_export_that_cannot_be_written_says_so(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    export(window, monkeypatch, "export_png", tmp_path / "missing folder" / "plot.png")
    assert len(shown) == 1
    assert "plot.png" in shown[0]


def test_plot_exports_say_what_rules_and_date_they_show(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = (
        "Job Success Score · scenario Without c3 · rule set upwork-2024-09 · as of 2026-11-25"
    )
    assert window.score_plot.caption == expected
    path = export(window, monkeypatch, "export_svg", tmp_path / "plot.svg")
    root = ET.parse(path).getroot()
    title = next(e for e in root.iter() if e.tag.endswith("title"))
    assert title.text == expected
    drawn = "".join(e.text or "" for e in root.iter() if e.tag.endswith("text"))
    assert "rule set upwork-2024-09" in drawn
    assert "as of 2026-11-25" in drawn
    assert not window.score_plot.canvas.caption.isVisible()  # on screen, the status bar says it
