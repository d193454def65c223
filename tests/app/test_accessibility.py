"""Everyone can use the table (issue 12, item 14): controls have accessible names, no status
is said by colour alone (a symbol says it too), and dates and amounts follow the user's
locale in the views while files stay ISO and plain."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

from jsswhatif.app.files.import_preview import _cells as import_preview_cells
from jsswhatif.app.locale_text import date_format, date_text, money_text
from jsswhatif.app.panels.change_list import short_date
from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.app.table.model import (
    CHANGED_MARK,
    HYPOTHETICAL_MARK,
    INK,
    ContractsModel,
    tones,
)
from jsswhatif.app.window.controller import Controller
from jsswhatif.core.contracts import make_contract
from jsswhatif.core.document import Document, Observation
from jsswhatif.core.edits import REVIEW_CHOICES

from .conftest import AS_OF, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

GERMAN = QLocale(QLocale.Language.German, QLocale.Country.Germany)
AMERICAN = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture
def german() -> Iterator[None]:
    QLocale.setDefault(GERMAN)
    try:
        yield
    finally:
        QLocale.setDefault(QLocale.c())


def text(model: ContractsModel, contract_id: str, key: str, role: int = 0) -> object:
    row = model.row_of(contract_id)
    assert row is not None
    return model.index(row, COLUMN_OF[key]).data(role or Qt.ItemDataRole.DisplayRole)


# Locale ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "day", "amount"),
    [
        (QLocale.c(), "2026-03-02", "$1,234.505"),
        (GERMAN, "02.03.2026", "$1.234,505"),
        (AMERICAN, "3/2/2026", "$1,234.505"),
    ],
)
def test_dates_and_amounts_as_the_locale_writes_them(
    locale: QLocale, day: str, amount: str
) -> None:
    assert date_text(dt.date(2026, 3, 2), locale) == day
    assert money_text(Decimal("1234.505"), locale) == amount
    assert "yyyy" in date_format(locale)  # four-digit years, even where the locale has two


def test_the_table_follows_the_locale_and_the_clipboard_stays_plain(
    german: None, make_window: MakeWindow
) -> None:
    window = make_window()
    model = window.contracts.model
    assert text(model, "c1", "start") == "02.03.2026"
    assert text(model, "c1", "earnings") == "$1.800,00"
    assert text(model, "c1", "leaves") == "16.01.2027 (6 mo)"  # ISO 2027-01-16
    window.contracts.select_ids(["c1"])
    window.window_actions["copy_rows"].trigger()
    copied = QGuiApplication.clipboard().text()
    assert "2026-03-02" in copied
    assert "1800.00" in copied


# Not by colour alone -----------------------------------------------------------------------------


def test_changed_fields_and_hypothetical_rows_carry_a_symbol(
    controller: Controller, qtbot: object
) -> None:
    model = ContractsModel(controller)
    controller.new_scenario()
    controller.review(["c1"], REVIEW_CHOICES[2])  # poor: 2 stars, private 3
    controller.toggle_excluded(["c2"])
    assert text(model, "c1", "public") == f"{CHANGED_MARK} 2"
    assert text(model, "c1", "client") == "Acme Corp"
    assert text(model, "c2", "excluded") == CHANGED_MARK  # next to its check box
    foreground = Qt.ItemDataRole.ForegroundRole
    assert text(model, "c1", "public", foreground) == INK
    assert text(model, "c1", "client", foreground) is None
    new_id = controller.add_contract()
    assert new_id is not None
    controller.flush()
    assert text(model, new_id, "id") == f"{HYPOTHETICAL_MARK} {new_id}"
    assert text(model, new_id, "id", Qt.ItemDataRole.EditRole) == new_id
    assert text(model, new_id, "client", foreground) == INK


def test_the_legend_explains_the_symbols(make_window: MakeWindow) -> None:
    legend = make_window().contracts.legend_label
    assert f"{CHANGED_MARK} changed in scenario" in legend.text().replace("&nbsp;", " ")
    assert HYPOTHETICAL_MARK in legend.accessibleName()


# Accessible names ---------------------------------------------------------------------------------


def test_the_controls_have_accessible_names(make_window: MakeWindow) -> None:
    window = make_window()
    named: list[QWidget] = [
        window.contracts.filter_edit,
        window.contracts.status_filter,
        window.contracts.table,
        window.rules_combo,
        window.scenario_combo,
        window.score_plot.date_edit,
        window.score_plot.slider,
        *window.contracts.welcome.buttons.values(),
    ]
    assert [w.accessibleName() for w in named] == [
        "Filter contracts by id, client or title",
        "Show contracts",
        "Contracts",
        "Rule set",
        "Scenario",
        "As-of date",
        "As-of date (slider)",
        "Import from Upwork",
        "Open a contracts CSV",
        "Add a contract",
        "Open a sample",
    ]


def test_the_import_preview_writes_dates_and_amounts_as_the_table(german: None) -> None:
    """Its earnings were rounded to cents too ($250.005 showed $250.01)."""
    contract = make_contract(
        id="u1",
        client="Acme",
        start=dt.date(2026, 3, 2),
        payments=[
            {"date": dt.date(2026, 3, 2), "amount": Decimal("1000")},
            {"date": dt.date(2026, 4, 6), "amount": Decimal("250.005")},
        ],
    )
    cells = import_preview_cells(contract)
    assert cells[4:7] == ["$1.250,005", "02.03.2026", "06.04.2026"]


def test_status_colours_stay_readable_on_a_dark_palette() -> None:
    dark, light = QPalette(), QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    for palette in (dark, light):
        base = palette.color(QPalette.ColorRole.Base)
        for brush in tones(palette):
            # WCAG's 3:1 contrast for large or bold text, at least.
            assert contrast(brush.color(), base) >= 3.0


def contrast(a: QColor, b: QColor) -> float:
    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_status_bar_writes_the_as_of_date_as_the_locale(
    german: None, make_window: MakeWindow
) -> None:
    window = make_window()
    assert window.status_label.text().endswith("as of 25.11.2026")


def test_the_advisor_and_observations_write_dates_as_the_locale(
    german: None, make_window: MakeWindow
) -> None:
    """The advisor's 'From' column and header, and the observations' dates, were ISO."""
    window = make_window()
    advice = window.panels.advisor.compute_now()
    model = window.panels.advisor.model
    first = advice.actions[0]
    assert first.date is not None
    assert model.index(0, 2).data() == first.date.strftime("%d.%m.%Y")
    assert window.panels.advisor.header.text().endswith(
        f"as of 25.11.2026: {len(advice.actions)} actions, best first"
    )

    def record(document: Document) -> Document:
        return document.model_copy(update={"observations": (Observation(date=AS_OF, value=88),)})

    window.controller.edit("Record", record)
    cell = window.panels.observations.table.item(0, 0)
    assert cell is not None
    assert cell.text() == "25.11.2026"


def test_the_summarys_change_dates_name_the_month_in_the_locale(german: None) -> None:
    """The summary wrote English month names whatever the locale."""
    assert short_date(dt.date(2026, 9, 28)) == "28 Sept. 2026"
