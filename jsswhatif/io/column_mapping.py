"""Contracts from any table of text: a spreadsheet's CSV, or rows pasted from one.

A file whose header is not the contracts CSV's (interfaces.md) is read as a :class:`Table`
of text cells; a :class:`ColumnMapping` says which column holds each contract field (or none)
and how dates are written; :func:`apply_mapping` reads the rows through it. The application
proposes a mapping with :func:`guess_mapping` (from the header's names, or from what the
cells look like when there is no header) and lets the user correct it while a preview shows
the first errors. A row with an error is left out and reported; the others are read.

Cells are read by the parsers of :mod:`jsswhatif.core.fields`, a little more leniently where
spreadsheets differ: a date in the chosen format (a time after it is ignored), an amount with
a currency code, a kind written ``Hourly`` or ``Fixed price``.

:func:`contracts_tsv` writes contracts as tab-separated rows under the contracts CSV's header,
the text Copy puts on the clipboard, which a spreadsheet and Paste both read back.

Example:
    >>> table = read_table("Customer\\tJob\\tStarted\\tPaid\\nAcme\\tLogo\\t03/02/2026\\t$450\\n")
    >>> mapping = guess_mapping(table)
    >>> sorted(mapping.columns.items()), mapping.date_format, mapping.header
    ([('client', 0), ('earnings', 3), ('start', 2), ('title', 1)], 'MM/DD/YYYY', True)
    >>> [(c.id, c.client, str(c.start), str(c.earnings))
    ...  for c in apply_mapping(table, mapping).contracts]
    [('c1', 'Acme', '2026-03-02', '450')]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jsswhatif.core.contracts import CONTRACT_FIELDS, Contract, ContractError, Kind, make_contract
from jsswhatif.core.fields import (
    FieldError,
    parse_amount,
    parse_boolean,
    parse_client,
    parse_payments,
    parse_private,
    parse_stars,
    parse_upwork_date,
)
from jsswhatif.io.contracts_csv import format_contracts_csv

#: The date formats offered, by the name the user sees.
DATE_FORMATS: tuple[str, ...] = (
    "YYYY-MM-DD",
    "MM/DD/YYYY",
    "DD/MM/YYYY",
    "DD.MM.YYYY",
    "Mon D, YYYY",
)
#: Fields holding dates (read in the mapping's date format).
DATE_FIELDS = ("start", "end", "last_paid", "feedback_date")
#: Fields a mapping must give: without a client or a start (or payments) there is no contract.
REQUIRED_FIELDS = ("client", "start")

_NUMERIC_DATE = {
    "YYYY-MM-DD": (re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})"), (1, 2, 3)),
    "MM/DD/YYYY": (re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"), (3, 1, 2)),
    "DD/MM/YYYY": (re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"), (3, 2, 1)),
    "DD.MM.YYYY": (re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})"), (3, 2, 1)),
}
_TIME = re.compile(r"[ T][0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?$")
_CURRENCY = re.compile(r"^(usd|us\$)\s*|\s*(usd)$", re.IGNORECASE)
_WORDS = re.compile(r"[^0-9a-z]+")
#: Header names (as :func:`_words` gives them) each field goes by, the most likely first.
_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "contract id", "ref", "ref id", "reference"),
    "client": ("client", "client name", "customer", "company", "client team", "team", "buyer"),
    "title": ("title", "job", "job title", "contract", "contract title", "project", "name"),
    "kind": ("kind", "type", "contract type", "job type"),
    "start": ("start", "start date", "started", "started on", "begin", "from", "date"),
    "end": ("end", "end date", "ended", "ended on", "finished", "closed", "to"),
    "earnings": ("earnings", "amount", "total", "paid", "earned", "total earnings", "price"),
    "last_paid": ("last paid", "last payment", "last paid on", "last payment date"),
    "public": ("public", "stars", "rating", "feedback", "public feedback", "client rating"),
    "private": ("private", "private feedback", "private score", "private rating"),
    "feedback_date": ("feedback date", "feedback on", "feedback left", "reviewed on"),
    "disputed": ("disputed", "dispute"),
    "client_flagged": ("client flagged", "flagged", "suspended"),
    "excluded": ("excluded", "exclude"),
    "payments": ("payments",),
}
_HOURLY = frozenset({"", "hourly", "hour", "hourly contract", "per hour"})
_FIXED = frozenset({"fixed", "fixed price", "fixed price contract", "milestone", "milestones"})
_SHOWN_ROWS = 20  # rows looked at to guess what a column holds


class TableError(ValueError):
    """A text is no table (bad CSV quoting, or nothing in it)."""


@dataclass(frozen=True)
class Table:
    """Rows of text cells, blank rows dropped; the header (if any) is the first row.

    Attributes:
        rows: Every non-blank row, as read.
        delimiter: The delimiter found: a tab, a comma or a semicolon.
    """

    rows: tuple[tuple[str, ...], ...]
    delimiter: str = ","

    @property
    def width(self) -> int:
        """The number of columns: that of the longest row."""
        return max((len(row) for row in self.rows), default=0)

    def column_names(self, header: bool) -> list[str]:
        """``A: Client`` for each column (``A``, ``B``, ... without a header)."""
        names = []
        for index in range(self.width):
            letter = _letter(index)
            name = self.rows[0][index].strip() if header and index < len(self.rows[0]) else ""
            names.append(f"{letter}: {name}" if name else letter)
        return names


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds each contract field, and how dates are written.

    Attributes:
        columns: Field name -> column index (0 = the first); a field not named is not in the
            file.
        date_format: One of :data:`DATE_FORMATS`.
        header: Whether the first row is a header (then it is not read as a contract).
    """

    columns: Mapping[str, int] = field(default_factory=dict)
    date_format: str = DATE_FORMATS[0]
    header: bool = True

    def problem(self) -> str | None:
        """Why this mapping cannot read contracts, or None.

        Example:
            >>> ColumnMapping({"start": 1}).problem()
            'Choose the column that holds the client.'
        """
        if "client" not in self.columns:
            return "Choose the column that holds the client."
        if "start" not in self.columns and "payments" not in self.columns:
            return "Choose the column that holds the start date."
        return None


@dataclass(frozen=True)
class RowProblem:
    """A row that could not be read, left out of the import.

    Attributes:
        row: Its data row (1 = the first after the header).
        column: The column's name as :meth:`Table.column_names` gives it ("" for the row).
        text: The offending cell.
        problem: What is wrong, in words.
    """

    row: int
    column: str
    text: str
    problem: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        shown = f"{self.text!r} " if self.text.strip() else ""
        return f"{where}: {shown}{self.problem}"


@dataclass(frozen=True)
class Mapped:
    """What a mapping read: the contracts, and the rows left out with their first problem."""

    contracts: tuple[Contract, ...]
    problems: tuple[RowProblem, ...]
    rows: int


def read_table(text: str) -> Table:
    """The cells of a CSV, semicolon- or tab-separated text (the delimiter is guessed from the
    first non-blank line: a tab if it has one, else the more frequent of ``;`` and ``,``).

    Raises:
        TableError: The quoting is broken, or there is no cell with text.
    """
    text = text.removeprefix("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if first.count(";") > first.count(",") else ","
    delimiter = "\t" if "\t" in first else delimiter
    try:
        rows = tuple(
            tuple(row)
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
            if any(cell.strip() for cell in row)
        )
    except csv.Error as exc:
        raise TableError(f"is not a table: {exc}") from None
    if not rows:
        raise TableError("holds no rows")
    return Table(rows, delimiter)


def is_contracts_header(cells: Sequence[str]) -> bool:
    """Whether ``cells`` is a contracts CSV header: known names only, client and start among
    them (the contracts CSV reader then reads the file, as strictly as interfaces.md says).

    Example:
        >>> is_contracts_header(["Client", " start ", "end"]), is_contracts_header(["Date"])
        (True, False)
    """
    names = [cell.strip().lower() for cell in cells]
    return set(names) <= set(CONTRACT_FIELDS) and all(n in names for n in REQUIRED_FIELDS)


def guess_mapping(table: Table) -> ColumnMapping:
    """A mapping proposed for ``table``: from its header's names when the first row reads as a
    header, else from what its cells look like (positions of a contracts CSV when the row is as
    wide as one); the date format under which every date cell reads."""
    header = _looks_like_header(table.rows[0])
    if header:
        columns = _columns_by_name(table.rows[0])
    elif table.width in (len(CONTRACT_FIELDS), len(CONTRACT_FIELDS) - 1):
        columns = {name: index for index, name in enumerate(CONTRACT_FIELDS[: table.width])}
    else:
        columns = _columns_by_content(table.rows)
    body = table.rows[1:] if header else table.rows
    cells = [
        row[i] for row in body for f, i in columns.items() if f in DATE_FIELDS and i < len(row)
    ]
    return ColumnMapping(columns, guess_date_format(cells), header)


def guess_date_format(cells: Iterable[str]) -> str:
    """The first of :data:`DATE_FORMATS` that reads every non-empty cell (the first when none
    does): ``03/02/2026`` is March 2 (MM/DD/YYYY comes first), ``13/02/2026`` February 13.

    Example:
        >>> guess_date_format(["01/02/2026", "25/02/2026"])
        'DD/MM/YYYY'
    """
    texts = [c for c in cells if c.strip()]
    for name in DATE_FORMATS:
        if all(_reads_date(t, name) for t in texts):
            return name
    return DATE_FORMATS[0]


def parse_date_as(text: str, date_format: str) -> dt.date | None:
    """A date written in ``date_format`` (a time after it is ignored); empty means none.

    Example:
        >>> parse_date_as("2/3/2026 00:00", "DD/MM/YYYY")
        datetime.date(2026, 3, 2)
        >>> parse_date_as("Mar 2, 2026", "Mon D, YYYY")
        datetime.date(2026, 3, 2)

    Raises:
        FieldError: Not a date of that form, or no real calendar day.
    """
    stripped = _TIME.sub("", text.strip())
    if not stripped:
        return None
    if date_format not in _NUMERIC_DATE:
        return parse_upwork_date(stripped)
    pattern, (year, month, day) = _NUMERIC_DATE[date_format]
    match = pattern.fullmatch(stripped)
    if match is None:
        raise FieldError(text, f"is not a date {date_format}")
    try:
        return dt.date(int(match[year]), int(match[month]), int(match[day]))
    except ValueError:
        raise FieldError(text, "is not a real calendar day") from None


def parse_lenient_kind(text: str) -> Kind:
    """``hourly`` or ``fixed`` as spreadsheets write them (``Hourly``, ``Fixed price``,
    ``Fixed-price``, ``Milestone``); empty means ``hourly``.

    Raises:
        FieldError: Anything else.
    """
    words = _words(text)
    if words in _HOURLY:
        return "hourly"
    if words in _FIXED:
        return "fixed"
    raise FieldError(text, "is not a kind: hourly or fixed")


def parse_lenient_amount(text: str) -> Decimal:
    """An amount as :func:`~jsswhatif.core.fields.parse_amount` reads it, after an optional
    ``USD`` or ``US$`` before or after it."""
    return parse_amount(_CURRENCY.sub("", text.strip()))


def apply_mapping(table: Table, mapping: ColumnMapping) -> Mapped:
    """The contracts ``mapping`` reads from ``table``; rows with a problem are left out.

    Ids: the id column's (trimmed) when given and not empty, else ``c<row>``; an id already
    used by an earlier row is a problem of that row. Without a start, a row with payments
    starts on its first one.
    """
    names = table.column_names(mapping.header)
    body = table.rows[1:] if mapping.header else table.rows
    parsers = _parsers(mapping.date_format)
    contracts: list[Contract] = []
    problems: list[RowProblem] = []
    seen: set[str] = set()
    for number, row in enumerate(body, start=1):
        try:
            contract = _row_contract(number, row, mapping, parsers, names)
        except _RowError as exc:
            problems.append(exc.problem)
            continue
        if contract.id in seen:
            column = names[mapping.columns["id"]] if "id" in mapping.columns else ""
            problems.append(RowProblem(number, column, contract.id, "repeats an earlier id"))
            continue
        seen.add(contract.id)
        contracts.append(contract)
    return Mapped(tuple(contracts), tuple(problems), len(body))


def contracts_tsv(contracts: Iterable[Contract]) -> str:
    """Contracts as tab-separated rows under the contracts CSV's header (what Copy puts on the
    clipboard); cells as the contracts CSV writes them, quoted only when they hold a tab, a
    quote or a line break.

    Example:
        >>> c = make_contract(id="c1", client="Acme", start="2026-01-05", earnings="10")
        >>> contracts_tsv([c]).splitlines()[1].split("\\t")[:7]
        ['c1', 'Acme', '', 'hourly', '2026-01-05', '', '10']
    """
    rows = csv.reader(io.StringIO(format_contracts_csv(contracts), newline=""))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter="\t", lineterminator="\n").writerows(rows)
    return buffer.getvalue()


# Internals -----------------------------------------------------------------------------------


class _RowError(Exception):
    def __init__(self, problem: RowProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def _letter(index: int) -> str:
    """Spreadsheet column letters: A, B, ..., Z, AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _words(name: str) -> str:
    return " ".join(_WORDS.sub(" ", name.casefold()).split())


def _reads(parse: Callable[[str], object], text: str) -> bool:
    try:
        parse(text)
    except FieldError:
        return False
    return True


def _reads_date(text: str, date_format: str) -> bool:
    try:
        parse_date_as(text, date_format)
    except FieldError:
        return False
    return True


def _is_date(text: str) -> bool:
    return any(_reads_date(text, name) for name in DATE_FORMATS)


def _looks_like_header(row: Sequence[str]) -> bool:
    """A row of names: no date and no amount in it, and some cell a known field's name."""
    cells = [cell for cell in row if cell.strip()]
    if any(_is_date(cell) or _reads(parse_lenient_amount, cell) for cell in cells):
        return False
    return bool(_columns_by_name(row))


def _columns_by_name(header: Sequence[str]) -> dict[str, int]:
    """Field -> column from the header's names: exact names first, then names that start with
    one (``Client name (company)``); each column serves one field."""
    words = [_words(cell) for cell in header]
    columns: dict[str, int] = {}
    for exact in (True, False):
        for name, aliases in _ALIASES.items():
            if name in columns:
                continue
            for alias in aliases:
                found = next(
                    (
                        i
                        for i, w in enumerate(words)
                        if i not in columns.values()
                        and (w == alias if exact else w.startswith(alias + " "))
                    ),
                    None,
                )
                if found is not None:
                    columns[name] = found
                    break
    return columns


def _columns_by_content(rows: Sequence[Sequence[str]]) -> dict[str, int]:
    """Field -> column for rows without a header: the first text columns are the client and
    the title, the first kind column the kind, the date columns start and end, the first
    amount column the earnings."""
    wanted = {"text": ["client", "title"], "kind": ["kind"], "date": ["start", "end"]}
    wanted["amount"] = ["earnings"]
    columns: dict[str, int] = {}
    for index in range(max(len(row) for row in rows)):
        cells = [
            row[index] for row in rows[:_SHOWN_ROWS] if index < len(row) and row[index].strip()
        ]
        if not cells:
            continue
        if all(_is_date(c) for c in cells):
            what = "date"
        elif all(_reads(parse_lenient_kind, c) for c in cells):
            what = "kind"
        elif all(_reads(parse_lenient_amount, c) for c in cells):
            what = "amount"
        else:
            what = "text"
        if wanted[what]:
            columns[wanted[what].pop(0)] = index
    return columns


def _parsers(date_format: str) -> dict[str, Callable[[str], Any]]:
    def date(text: str) -> dt.date | None:
        return parse_date_as(text, date_format)

    return {
        "client": parse_client,
        "title": str.strip,
        "kind": parse_lenient_kind,
        "start": date,
        "end": date,
        "earnings": parse_lenient_amount,
        "last_paid": date,
        "public": parse_stars,
        "private": parse_private,
        "feedback_date": date,
        "disputed": parse_boolean,
        "client_flagged": parse_boolean,
        "excluded": parse_boolean,
        "payments": parse_payments,
    }


def _row_contract(
    number: int,
    row: Sequence[str],
    mapping: ColumnMapping,
    parsers: Mapping[str, Callable[[str], Any]],
    names: Sequence[str],
) -> Contract:
    """Data row ``number`` read through ``mapping``, or its first problem in field order."""
    values: dict[str, Any] = {}
    for name in CONTRACT_FIELDS:
        if name not in mapping.columns:
            continue
        index = mapping.columns[name]
        cell = row[index] if index < len(row) else ""
        if name == "id":
            values["id"] = cell.strip()
            continue
        try:
            values[name] = parsers[name](cell)
        except FieldError as exc:
            raise _RowError(RowProblem(number, names[index], cell, exc.problem)) from None
    values["id"] = values.get("id") or f"c{number}"
    payments = values.get("payments") or ()
    if values.get("start") is None:
        if not payments:
            column = names[mapping.columns["start"]] if "start" in mapping.columns else ""
            raise _RowError(RowProblem(number, column, "", "has no start date"))
        values["start"] = min(p.date for p in payments)
    if payments:
        values["payments"] = [{"date": p.date, "amount": p.amount} for p in payments]
        if not values.get("earnings"):
            values.pop("earnings", None)
    try:
        return make_contract(**values)
    except ContractError as exc:
        where = mapping.columns.get(exc.field)
        column = names[where] if where is not None else ""
        text = row[where] if where is not None and where < len(row) else ""
        raise _RowError(RowProblem(number, column, text, exc.problem)) from None
