"""Wording that does not mislead (issue 12, item 7): open contracts and the excluded count."""

from __future__ import annotations

import pytest

from jsswhatif.app.table.columns import COLUMN_OF
from jsswhatif.core.document import Document
from jsswhatif.io.contracts_csv import parse_contracts_csv

from .conftest import AS_OF, SAMPLE_CSV, MakeWindow

pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints")

#: c6 is open and unpaid; c7 is excluded by the user (it ended with 5 stars).
EXTRA = (
    "c6,Zeta,Short job,fixed,2026-11-02,,$300,,,,,no,no,no\n"
    "c7,Eta,Excluded job,fixed,2026-01-05,2026-02-05,$500,,5,,,no,no,yes\n"
)


def test_open_status_and_excluded_count_say_what_they_are(make_window: MakeWindow) -> None:
    """Under upwork-2024-09 an open contract never counts by waiting (open_inactive =
    not_counted), so its status says what would make it count; the summary counts c5 (ended,
    no feedback) apart from c7 (excluded by the user)."""
    document = Document(contracts=tuple(parse_contracts_csv(SAMPLE_CSV + EXTRA)), as_of=AS_OF)
    window = make_window(document)
    model = window.contracts.model
    row = model.row_of("c6")
    assert row is not None
    status = model.data(model.index(row, COLUMN_OF["status"]))
    assert status == "Open: counts once ended or long-term"
    # c1, c2, c3, c4 count; c5 has no feedback; c7 is the user's; c6 is open.
    assert window.summary.counts_label.text() == (
        "Contracts: 4 counted · 1 without feedback · 1 excluded by you · 1 open, not counted"
    )
