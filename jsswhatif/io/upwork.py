"""Upwork's transaction history in: payments, then the contracts they imply.

Freelancers can download their transaction history (Reports > Transaction history > Download
CSV); upwork-exports.md describes the layouts seen, their values and transaction types.
:func:`read_transaction_history` reads one or more such files in the order given: each file
in the encoding detected (:mod:`jsswhatif.io.encoding`), its header matched by
:func:`~jsswhatif.io.upwork_layouts.read_header`. Hourly, fixed-price, bonus and refund rows
become payments; fee, withdrawal and other rows that are no earnings from a client are
skipped and counted by type, unknown types too (and named); rows with an empty balance are
pending and skipped; a row repeated within or across files (same transaction id, date and
amount as written) counts once. The payments are then grouped into contracts by
:func:`~jsswhatif.core.imported.group_payments`.

Rows are numbered as in the contracts CSV: 1 is the first record after the header, and rows
whose cells are all blank are skipped and not numbered. Dates, amounts and clients are read,
and an error stops the import, only on rows that become payments; a row shorter than the
header reads its missing cells as empty. A payment row whose amount is 0 is skipped and
counted (a payment is never 0).

Example:
    >>> text = 'Date,Type,Team,Amount,Balance\\n"Oct 2, 2026",Hourly,Acme,$400.00,$400.00\\n'
    >>> report, rows = read_history_text(text, Path("t.csv"))
    >>> report.line()
    't.csv: other layout, read by its column names, UTF-8; 1 row used'
    >>> [(r.client, r.kind, str(r.date), str(r.amount)) for r in rows]
    [('Acme', 'hourly', '2026-10-02', '400.00')]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from jsswhatif.core.fields import FieldError, parse_client, parse_signed_amount, parse_upwork_date
from jsswhatif.core.imported import GroupingError, PaymentRow, RowKind, group_payments
from jsswhatif.io.encoding import TextFileError, read_text_detecting
from jsswhatif.io.upwork_layouts import (
    SKIPPED_TYPES,
    TYPE_KINDS,
    Header,
    HeaderError,
    read_header,
    type_key,
)
from jsswhatif.io.upwork_report import FileReport, UpworkError, UpworkImport

__all__ = [
    "MAX_FILE_BYTES",
    "FileReport",
    "PaymentRow",
    "UpworkError",
    "UpworkImport",
    "group_payments",
    "read_history_text",
    "read_transaction_history",
]

#: Larger files are refused unread: years of weekly invoices take a few hundred kilobytes.
MAX_FILE_BYTES = 50 * 1024 * 1024
_T = TypeVar("_T")


def read_transaction_history(paths: Sequence[Path], split_gap: int | None = None) -> UpworkImport:
    """Read transaction history files, in the order given, into contracts.

    Args:
        paths: The files; a row repeated in a later file (or within one) counts once.
        split_gap: Start a new contract of the same client and kind wherever two consecutive
            payments lie more than this many days apart (None: never).

    Raises:
        UpworkError: A file cannot be read (missing, no regular file, over
            :data:`MAX_FILE_BYTES`, not decodable, not CSV), is no transaction history (its
            message names the columns missing and those found), has a bad date, amount or
            client on a payment row (file, row, column and text), or a proposed contract's
            refunds exceed its payments (the refund's file, row and amount, and the client).
        ValueError: ``split_gap`` is negative.
    """
    seen: set[tuple[str, str, str]] = set()
    readers: dict[str, _FileReader] = {}
    reports, rows = [], []
    for path in paths:
        try:
            text, encoding = read_text_detecting(path, MAX_FILE_BYTES)
        except TextFileError as exc:
            raise UpworkError(path, 0, "", "", exc.problem) from None
        reader = _read(text, path, seen)
        readers.setdefault(str(path), reader)
        reports.append(reader.report(encoding))
        rows.extend(reader.rows)
    try:
        contracts = group_payments(rows, split_gap)
    except GroupingError as exc:
        raise readers[exc.row.source].grouping_error(exc) from None
    return UpworkImport(contracts, tuple(reports), tuple(rows))


def read_history_text(
    text: str,
    path: Path,
    encoding: str = "utf-8",
    seen: set[tuple[str, str, str]] | None = None,
) -> tuple[FileReport, list[PaymentRow]]:
    """The report and the payments of one transaction history, from its text.

    Args:
        text: The file's text (a leading byte-order mark is dropped).
        path: The file, for the report and messages.
        encoding: The encoding the text was read in, for the report.
        seen: (transaction id, date, amount) of the rows read before, as written; the rows
            of this text are added. A row without transaction id is never a repeat.

    Raises:
        UpworkError: See :func:`read_transaction_history`.
    """
    reader = _read(text, path, set() if seen is None else seen)
    return reader.report(encoding), reader.rows


def _read(text: str, path: Path, seen: set[tuple[str, str, str]]) -> _FileReader:
    reader = _FileReader(path, seen)
    lines = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    try:
        for cells in lines:
            if any(cell.strip() for cell in cells):
                reader.take(cells)
    except csv.Error as exc:
        problem = f"is not CSV (line {lines.line_num}): {exc}"
        row = 0 if reader.header is None else reader.number + 1  # the record that failed
        raise UpworkError(path, row, "", "", problem) from None
    if reader.header is None:
        raise UpworkError(path, 0, "", "", "is empty: no header row, no transaction history")
    return reader


class _Cells:
    """One data row's cells, read by meaning; a cell past the row's end is empty."""

    def __init__(self, header: Header, cells: list[str]) -> None:
        self.header, self.cells = header, cells

    def text(self, role: str) -> str:
        index = self.header.columns[role]
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def column(self, role: str) -> str:
        """The name of the column read for ``role``, as written in the header."""
        index = self.header.columns[role]
        return "" if index is None else self.header.names[index]


class _FileReader:
    """The rows of one file, taken one by one (blank ones left out)."""

    def __init__(self, path: Path, seen: set[tuple[str, str, str]]) -> None:
        self.path, self.seen = path, seen
        self.header: Header | None = None
        self.number = 0  # the data row being read
        self.rows: list[PaymentRow] = []
        self.amounts: dict[int, str] = {}  # data row -> its amount as written, payment rows
        self.skipped: dict[str, tuple[str, int]] = {}  # type key -> (first spelling, count)
        self.unknown: dict[str, tuple[str, int]] = {}
        self.pending = self.repeats = self.zero = 0

    def report(self, encoding: str) -> FileReport:
        assert self.header is not None
        return FileReport(
            self.path, self.header.layout, encoding, len(self.rows),
            tuple(self.skipped.values()), tuple(self.unknown.values()),
            self.pending, self.repeats, self.zero,
        )  # fmt: skip

    def grouping_error(self, error: GroupingError) -> UpworkError:
        """The error on the payment a contract cannot be made with: its row and amount."""
        assert self.header is not None
        column = _Cells(self.header, []).column("amount")
        text = self.amounts[error.row.row]
        return UpworkError(self.path, error.row.row, column, text, error.problem)

    def take(self, cells: list[str]) -> None:
        """Read the header, or one data row."""
        if self.header is None:
            try:
                self.header = read_header(cells)
            except HeaderError as exc:
                raise UpworkError(self.path, 0, "", "", str(exc)) from None
            return
        self.number += 1
        cell = _Cells(self.header, cells)
        if self.header.columns["balance"] is not None and not cell.text("balance").strip():
            self.pending += 1
            return
        if self._repeated(cell):
            self.repeats += 1
            return
        type_text = cell.text("type").strip()
        key = type_key(type_text)
        kind = TYPE_KINDS.get(key)
        if kind is None:
            counted = self.skipped if key in SKIPPED_TYPES else self.unknown
            spelled, count = counted.get(key, (type_text, 0))
            counted[key] = (spelled, count + 1)
            return
        self._payment(cell, kind)

    def _repeated(self, cell: _Cells) -> bool:
        """Whether the row was read before; remembers it. A row without id never repeats."""
        key = (cell.text("transaction_id").strip(), cell.text("date").strip(),
               cell.text("amount").strip())  # fmt: skip
        if not key[0]:
            return False
        repeated = key in self.seen
        self.seen.add(key)
        return repeated

    def _payment(self, cell: _Cells, kind: RowKind) -> None:
        date = self._parsed(cell, "date", parse_upwork_date)
        amount = self._parsed(cell, "amount", parse_signed_amount)
        client = self._parsed(cell, "client", parse_client)
        if kind == "refund" and amount > 0:
            amount = amount.copy_negate()
        if not amount:
            self.zero += 1
            return
        description = cell.text("description").strip()
        self.amounts[self.number] = cell.text("amount")
        self.rows.append(
            PaymentRow(client, kind, date, amount, description, str(self.path), self.number)
        )

    def _parsed(self, cell: _Cells, role: str, parse: Callable[[str], _T]) -> _T:
        """The cell of ``role`` read by ``parse``; its error names the file, row and column."""
        try:
            return parse(cell.text(role))
        except FieldError as exc:
            raise UpworkError(
                self.path, self.number, cell.column(role), cell.text(role), exc.problem
            ) from None
