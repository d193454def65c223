"""The report (PDF and print) and the calendar from the application (issue 11, deliverable 7).

The window shows the five-contract sample of interfaces.md as of 2026-11-25 (90%); its
report names the score, the rule set, the range and every contract, and fits on two pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from jsswhatif.app import report_export
from jsswhatif.app.report import Report, plot_png, write_report
from jsswhatif.app.window import dialogs
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.cli import main
from jsswhatif.io.report_html import PLOT_IMAGE, report_html

from .conftest import AS_OF, SAMPLE_CSV, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")


def _pages(data: bytes) -> int:
    """The page count a PDF's page tree states (Qt writes it uncompressed)."""
    counts = re.findall(rb"/Count (\d+)", data)
    assert counts, "no page tree"
    return int(counts[0])


@pytest.fixture
def window(make_window: MakeWindow) -> MainWindow:
    made = make_window()
    made.controller.flush()
    return made


def _answer(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[Path]:
    suggested: list[Path] = []

    def ask(parent: object, title: str, proposed: Path, filters: str) -> Path:
        suggested.append(proposed)
        return target

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    return suggested


def test_the_html_names_what_the_report_shows(window: MainWindow) -> None:
    c = window.controller
    text = report_html(c.contracts, c.document.rules, AS_OF, title="Me & <my> clients")
    assert "<h1>Me &amp; &lt;my&gt; clients</h1>" in text  # the user's text is escaped
    assert ">90%</span>&nbsp;&nbsp;estimated JSS as of 2026-11-25 under rule set <b>" in text
    assert "<b>upwork-2024-09</b>" in text
    assert "Range: estimated 90%, between 84% and 90%" in text
    assert "<td>6 months</td><td>87.804878%</td><td>3 outcomes, 3 clients</td>" in text
    assert f'<img src="{PLOT_IMAGE}">' in text
    assert "Top Rated: not now (Top Rated Plus: no)" in text
    assert "<li>not met: 2 of the last 16 weeks at 90% or more (needs 13)</li>" in text
    assert "<li>Plus, not met: $7,480.06 earned in 12 months (needs $10,000)</li>" in text
    assert "Finish 3 new $1,800 jobs with 5 stars by 2026-12-25" in text
    # The last 90 days: c2's weight grew on 2026-11-08; the next: c3 leaves the 6 months.
    assert "<td>2026-11-08</td><td>89% &rarr; 90%</td>" in text
    assert "<td>2026-12-29</td><td>90% &rarr; 100%</td>" in text
    assert "<h2>Contracts (5)</h2>" in text
    for title in ("Landing page redesign", "Ongoing backend support", "Logo refresh",
                  "Data migration", "Bug fixes"):  # fmt: skip
        assert title in text
    assert "Not counted: no feedback" in text  # c5, with why
    assert report_html([], c.document.rules, AS_OF, plot=False).count("<img") == 0


def test_export_report_writes_a_pdf_of_one_or_two_pages(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    suggested = _answer(monkeypatch, tmp_path / "mine")
    action = window.window_actions["export_report"]
    assert action in window.window_actions.submenus["export"].actions()
    action.trigger()
    path = tmp_path / "mine.pdf"  # the suffix is added
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert 1 <= _pages(data) <= 2
    assert suggested[0].name == "jss report.pdf"
    assert messages[-1] == f"Exported {path} ({_pages(data)} pages)"


def test_export_report_cancelled_or_failing(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args: None)
    assert window.menu_handlers.reports.export_report() is None
    _answer(monkeypatch, tmp_path / "missing" / "r.pdf")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    assert window.menu_handlers.reports.export_report() is None
    assert errors[0].startswith(f"{tmp_path / 'missing' / 'r.pdf'}: ")


def test_print_report_prints_without_showing_the_dialog(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The print dialog is answered by a stand-in that points the printer at a PDF file."""
    target = tmp_path / "printed.pdf"
    asked: list[QPrinter] = []

    def ask(parent: object, printer: QPrinter) -> bool:
        asked.append(printer)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(report_export, "ask_print", ask)
    action = window.window_actions["print_report"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    assert action in file_menu.actions()
    action.trigger()
    assert len(asked) == 1
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert 1 <= _pages(data) <= 2
    monkeypatch.setattr(report_export, "ask_print", lambda parent, printer: False)
    assert window.menu_handlers.reports.print_report() is None


def test_export_calendar(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _answer(monkeypatch, tmp_path / "jss.ics")
    action = window.window_actions["export_calendar"]
    assert action in window.window_actions.submenus["export"].actions()
    action.trigger()
    calendar = icalendar.Calendar.from_ical((tmp_path / "jss.ics").read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert str(events[0]["summary"]) == "JSS 90% -> 100%"
    assert events[0].decoded("dtstart").isoformat() == "2026-12-29"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *args: None)
    assert window.menu_handlers.reports.export_calendar() is None
    _answer(monkeypatch, tmp_path / "missing" / "c.ics")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    assert window.menu_handlers.reports.export_calendar() is None
    assert len(errors) == 1


def test_a_report_without_plot_and_its_pages(window: MainWindow, tmp_path: Path) -> None:
    c = window.controller
    html = report_html(c.contracts, c.document.rules, AS_OF, plot=False)
    pages = write_report(tmp_path / "plain.pdf", Report(html, None))
    assert pages == _pages((tmp_path / "plain.pdf").read_bytes())
    png = plot_png(c.contracts, c.document.rules, AS_OF, "caption")
    assert png.startswith(b"\x89PNG")


def test_the_report_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``jsswhatif report`` renders offscreen (the tests run offscreen already)."""
    source = tmp_path / "contracts.csv"
    source.write_text(SAMPLE_CSV, encoding="utf-8")
    output = tmp_path / "report.pdf"
    status = main(["report", str(source), "--as-of", "2026-11-25", "--output", str(output)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    data = output.read_bytes()
    assert data.startswith(b"%PDF")
    assert out == f"Wrote {output} ({_pages(data)} pages).\n"
    status = main(["report", str(source), "--output", str(tmp_path / "report.txt")])
    _, err = capsys.readouterr()
    assert status == 2
    assert err.endswith("must end in .pdf\n")
    status = main(["report", str(source), "--output", str(source.with_suffix(".pdf"))])
    assert status == 0


def test_the_offscreen_note_is_quiet_and_other_messages_are_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from PySide6.QtCore import QMessageLogContext, QtMsgType

    from jsswhatif.app.report import _quiet_offscreen

    context = QMessageLogContext()
    _quiet_offscreen(QtMsgType.QtWarningMsg, context, "This plugin does not support "
                     "propagateSizeHints()")  # fmt: skip
    _quiet_offscreen(QtMsgType.QtWarningMsg, context, "something else")
    assert capsys.readouterr().err == "something else\n"


def test_ask_print_is_the_print_dialog(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    """The wrapper titles the dialog and says whether the user chose to print."""
    from PySide6.QtWidgets import QDialog

    seen: list[object] = []

    class Dialog:
        answer = QDialog.DialogCode.Rejected

        def __init__(self, printer: QPrinter, parent: object) -> None:
            seen.append(printer)

        def setWindowTitle(self, title: str) -> None:
            seen.append(title)

        def exec(self) -> QDialog.DialogCode:
            return self.answer

    from PySide6 import QtPrintSupport

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", Dialog)
    printer = QPrinter()
    assert report_export.ask_print(None, printer) is False
    assert seen == [printer, "Print Report"]
    Dialog.answer = QDialog.DialogCode.Accepted
    assert report_export.ask_print(None, printer) is True


def test_a_long_history_stays_short() -> None:
    """130 contracts (more than COMPACT_ABOVE) are listed by status and value, ids only, one
    contract's sentence as the example; at most 8 changes each way, with how many more."""
    import datetime as dt

    from jsswhatif.core.contracts import make_contract
    from jsswhatif.core.rules import PRESETS_BY_NAME
    from jsswhatif.io.report_html import CHANGES_SHOWN, COMPACT_ABOVE

    many = [
        make_contract(
            id=f"k{i}",
            client=f"Client {i % 9}",
            title=f"Job {i}",
            start=AS_OF - dt.timedelta(days=700 - 5 * i),
            end=AS_OF - dt.timedelta(days=690 - 5 * i),
            earnings=100 + 10 * i,
            public=5 if i % 4 else 4,
        )
        for i in range(130)
    ]
    assert len(many) > COMPACT_ABOVE
    text = report_html(many, PRESETS_BY_NAME["upwork-2024-09"], AS_OF, plot=False)
    assert "<h2>Contracts (130)</h2>" in text
    # Every fourth contract (4 stars) is neutral: k0, k4, ..., k128, 33 of them.
    assert "(33 contracts): Counted: ended, neutral. " in text
    assert "For example k0: Counted as neutral" in text
    assert "Job 5" not in text.split("<h2>Contracts")[1]  # ids only
    rows = text.split("Next changes with no action")[1].split("<h2>")[0].count("<tr>")
    assert rows == CHANGES_SHOWN
    assert re.search(r"and \d+ later changes", text)
    assert re.search(r"and \d+ earlier changes", text)


def test_a_build_without_printing_says_so(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bundle may leave Qt's printing module out: Print Report then explains, nothing
    else fails."""
    import sys

    monkeypatch.setitem(sys.modules, "PySide6.QtPrintSupport", None)
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    assert window.menu_handlers.reports.print_report() is None
    assert errors == ["This build of jsswhatif cannot print: export the report as PDF instead."]
