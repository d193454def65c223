"""Amounts show as stored, so the earnings tier a user sees is the tier applied.

Under the default tiers a contract up to $250 weighs 1 job and one above weighs 1.25. Earnings
of $250.005 are above $250; rounded to cents for display (half-even) they read $250.00, the
bound itself, while the contract was weighted 1.25.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from jsswhatif.app.locale_text import money_text
from jsswhatif.app.table.columns import COLUMNS
from jsswhatif.app.window.main_window import MainWindow
from jsswhatif.core.document import Document

from .conftest import MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

KEYS = [column.key for column in COLUMNS]


def cell(window: MainWindow, contract_id: str, key: str) -> str:
    """The text the table shows for ``contract_id``'s ``key`` column."""
    model = window.contracts.table.model()
    row = window.contracts.model.row_of(contract_id)
    assert row is not None
    return str(model.index(row, KEYS.index(key)).data(Qt.ItemDataRole.DisplayRole))


def test_earnings_just_above_a_tier_bound_do_not_read_as_the_bound(
    make_window: MakeWindow, sample_document: Document
) -> None:
    first = sample_document.contracts[0]
    twins = (
        first.model_copy(update={"id": "at", "earnings": Decimal("250.00")}),
        first.model_copy(update={"id": "above", "earnings": Decimal("250.005")}),
    )
    window = make_window(Document(contracts=twins, as_of=sample_document.as_of))
    assert cell(window, "at", "earnings") == "$250.00"
    assert cell(window, "above", "earnings") == "$250.005"  # was $250.00
    weights = {i: Decimal(cell(window, i, "weight")) for i in ("at", "above")}
    assert weights["above"] - weights["at"] == Decimal("0.25")  # the next tier, as shown


def test_an_amount_typed_with_more_decimals_shows_them(
    make_window: MakeWindow, sample_document: Document
) -> None:
    window = make_window(sample_document)
    model = window.contracts.table.model()
    row = window.contracts.model.row_of("c2")
    assert row is not None
    index = model.index(row, KEYS.index("earnings"))
    assert model.setData(index, "1,000.0001", Qt.ItemDataRole.EditRole)
    assert cell(window, "c2", "earnings") == "$1,000.0001"
    assert index.data(Qt.ItemDataRole.EditRole) == "1000.0001"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        ("0", "$0.00"),
        ("2.5", "$2.50"),
        ("1E+3", "$1,000.00"),
        ("1234.500", "$1,234.50"),
        ("999.995", "$999.995"),
        ("1234567.0125", "$1,234,567.0125"),
    ],
)
def test_money_text(amount: str, shown: str) -> None:
    assert money_text(Decimal(amount)) == shown
