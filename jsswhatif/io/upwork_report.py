"""What an import of Upwork's transaction history found: per file, in all, and its errors.

Example:
    >>> report = FileReport(Path("t.csv"), "legacy layout (13 columns)", "utf-8", 40,
    ...                     skipped=(("Service Fee", 4),), pending=1)
    >>> print(report.line())
    t.csv: legacy layout (13 columns), UTF-8; 40 rows used; skipped 4 Service Fee, 1 pending
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from jsswhatif.core.contracts import Contract
from jsswhatif.core.imported import PaymentRow
from jsswhatif.io.encoding import ENCODING_NAMES
from jsswhatif.io.errors import DocumentFileError
from jsswhatif.io.upwork_layouts import type_key

_SHOWN = 60  # characters of an offending text quoted in an error


class UpworkError(DocumentFileError):
    """A transaction history cannot be imported; nothing is.

    Attributes:
        path: The file.
        row: The data row (1 = the first after the header); 0 for the header or the file.
        column: The column's name as written in the header, "" when none applies.
        text: The offending cell text, as in the file.
        problem: What is wrong, in words.
    """

    def __init__(self, path: Path, row: int, column: str, text: str, problem: str) -> None:
        self.path, self.row, self.column, self.text, self.problem = path, row, column, text, problem
        where = f"row {row}" if row else ""
        if column:
            where += f", column {column!r}" if where else f"column {column!r}"
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
        what = f"{shown!r} {problem}" if column else problem
        super().__init__(f"{path}: {where + ': ' if where else ''}{what}")


@dataclass(frozen=True)
class FileReport:
    """What was read from one file.

    Attributes:
        path: The file.
        layout: The layout recognised by its header.
        encoding: The encoding it was read in (a key of
            :data:`~jsswhatif.io.encoding.ENCODING_NAMES`).
        rows_used: Rows that became payments.
        skipped: Rows of types that are no earnings, as (type as first spelled, count), in
            the order first met.
        unknown: Rows of unknown types, likewise.
        pending: Rows with an empty balance (future-dated, not paid yet).
        repeats: Rows already read, in this file or an earlier one.
        zero: Payment rows of 0, skipped.
    """

    path: Path
    layout: str
    encoding: str
    rows_used: int
    skipped: tuple[tuple[str, int], ...] = ()
    unknown: tuple[tuple[str, int], ...] = ()
    pending: int = 0
    repeats: int = 0
    zero: int = 0

    def line(self) -> str:
        """One line for the command line: ``FILE: LAYOUT, ENCODING; N rows used; skipped ...``."""
        skipped = [f"{count} {name}" for name, count in self.skipped]
        skipped += [f"{count} {name or '(no type)'} (unknown type)" for name, count in self.unknown]
        others = ((self.pending, "pending"), (self.repeats, "repeated"), (self.zero, "of $0"))
        skipped += [f"{count} {what}" for count, what in others if count]
        rows = f"{self.rows_used} row{'' if self.rows_used == 1 else 's'} used"
        tail = f"; skipped {', '.join(skipped)}" if skipped else ""
        return f"{self.path}: {self.layout}, {ENCODING_NAMES[self.encoding]}; {rows}{tail}"


@dataclass(frozen=True)
class UpworkImport:
    """The contracts read from transaction history files, and what was read from each.

    Attributes:
        contracts: The contracts of the default grouping, ids ``u1``, ``u2``, ...
        reports: One per file, in the order read.
        rows: The payments read, in the order read: ``group_payments(rows, gap)`` groups
            them again with another split gap.
    """

    contracts: tuple[Contract, ...]
    reports: tuple[FileReport, ...]
    rows: tuple[PaymentRow, ...] = ()

    @property
    def summary(self) -> str:
        """The import in one sentence (two when rows of unknown types were skipped)."""
        files = f"{len(self.reports)} file{'' if len(self.reports) == 1 else 's'}"
        if not self.rows:
            return f"No payments in {files}: no contract."
        clients = len({c.client_key for c in self.contracts})
        earned = sum((c.earnings for c in self.contracts), Decimal(0))
        first, last = min(r.date for r in self.rows), max(r.date for r in self.rows)
        text = (
            f"{_count(len(self.contracts), 'contract')} of {_count(clients, 'client')} from "
            f"{_count(len(self.rows), 'payment')} in {files}, {first} to {last}, "
            f"earnings ${earned:,.2f}."
        )
        unknown: Counter[str] = Counter()
        spelled: dict[str, str] = {}
        for report in self.reports:
            for name, count in report.unknown:
                unknown[type_key(name)] += count
                spelled.setdefault(type_key(name), name or "(no type)")
        if unknown:
            named = ", ".join(f"{spelled[key]} ({count})" for key, count in unknown.items())
            text += f" Rows of unknown types skipped: {named}."
        return text


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
