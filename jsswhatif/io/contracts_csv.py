"""The contracts CSV: one contract per row under a header row (interfaces.md, "Contracts CSV").

Reading is all or nothing: the first problem, in row order and then in the file's column order,
raises one :class:`CsvError` naming the row, the column, the cell text and the contract id, and
no contract is returned. Each cell is read by the parser of its kind in
:mod:`jsswhatif.core.fields` (the table and the dialogs use the same ones); its
:class:`~jsswhatif.core.fields.FieldError` gets the row, column and text here. Rules that tie
two fields together (``end`` before ``start``, ``last_paid`` with no earnings) belong to
:func:`~jsswhatif.core.contracts.make_contract`; their errors are reported on the later
field's column (``end``, ``last_paid``, ``feedback_date``, ``payments``). Such a rule is not
checked when a cell it needs failed to parse; that cell's own error stands.

Payments (``payments``, version 2): an error names the offending entry (``2026-02-30=5``) as
the text, or the whole cell when no one entry is at fault (an empty entry, a negative sum).
With payments, ``earnings`` and ``last_paid`` may be left empty: they are derived. Given, they
must equal the derived values; otherwise the error is on that column (``earnings`` or
``last_paid``), naming the given value and the derived one.

Example:
    >>> [c.id for c in parse_contracts_csv("client,start\\nAcme,2026-01-05\\n")]
    ['c1']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jsswhatif.core.contracts import (
    CONTRACT_FIELDS,
    Contract,
    ContractError,
    Payment,
    make_contract,
)
from jsswhatif.core.domain import FIRST_DATE
from jsswhatif.core.fields import (
    FieldError,
    format_payments,
    parse_amount,
    parse_boolean,
    parse_client,
    parse_date,
    parse_kind,
    parse_payments,
    parse_private,
    parse_stars,
)
from jsswhatif.io.atomic import write_atomic
from jsswhatif.io.encoding import MAX_FILE_BYTES, TextFileError, read_text_detecting
from jsswhatif.io.errors import DocumentFileError, shown_path

_REQUIRED = ("client", "start")
_SHOWN = 60  # characters of an offending text quoted in an error
#: Stand-ins for cells that failed to parse, chosen so that no rule of make_contract fires.
#: Earnings stand in for payments too: without them, no rule about earnings of 0 may fire.
_STAND_INS: dict[str, object] = {"client": "?", "start": FIRST_DATE, "earnings": Decimal(1)}


class CsvError(DocumentFileError):
    """A contracts CSV breaks the format; the whole file is rejected.

    Attributes:
        source: The file or text the CSV came from, as shown in the message.
        row: The data record (1 = the first after the header); 0 for the header or the file.
        column: The column name as matched (``"end"``), or "" when no column applies.
        text: The offending cell text, as in the file (the message shortens it past 60).
        contract_id: The row's contract id (explicit or generated), None outside data rows.
        problem: What is wrong, in words ("is not a real calendar day").
        path: The file, when the CSV was read from one.
    """

    def __init__(  # noqa: PLR0913 (an error names all it knows)
        self,
        row: int,
        column: str,
        text: str,
        problem: str,
        *,
        contract_id: str | None = None,
        source: str = "<text>",
        path: Path | None = None,
    ) -> None:
        self.row, self.column, self.text, self.problem = row, column, text, problem
        self.contract_id, self.source, self.path = contract_id, source, path
        where = f"row {row}" if row else ("header" if column else "")
        if column:
            where += f", column {column!r}"
        shown = text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
        what = f"{shown!r} {problem}" if column and (row or text) else problem
        suffix = "" if contract_id is None else f" (contract {contract_id!r})"
        super().__init__(f"{source}: {where + ': ' if where else ''}{what}{suffix}")


def _start(cell: str) -> dt.date:
    start = parse_date(cell)
    if start is None:
        raise FieldError(cell, "is empty: start is required (YYYY-MM-DD)")
    return start


_PARSERS: dict[str, Callable[[str], Any]] = {
    "client": parse_client,
    "title": str,
    "kind": parse_kind,
    "start": _start,
    "end": parse_date,
    "earnings": parse_amount,
    "last_paid": parse_date,
    "public": parse_stars,
    "private": parse_private,
    "feedback_date": parse_date,
    "disputed": parse_boolean,
    "client_flagged": parse_boolean,
    "excluded": parse_boolean,
    "payments": parse_payments,
}


def _header(cells: list[str], ignore_unknown: bool, source: str) -> list[str | None]:
    """Map each header cell to its field, or to None for an ignored unknown column."""
    names = [cell.strip().lower() for cell in cells]
    for number, (name, cell) in enumerate(zip(names, cells, strict=True), start=1):
        if not name:
            raise CsvError(0, "", cell, f"header column {number} has no name", source=source)
        if name in names[: number - 1]:
            problem = f"repeats header column {names.index(name) + 1}"
            raise CsvError(0, name, cell, problem, source=source)
        if name not in CONTRACT_FIELDS and not ignore_unknown:
            unknown = ", ".join(repr(n) for n in dict.fromkeys(names) if n not in CONTRACT_FIELDS)
            known = ", ".join(CONTRACT_FIELDS)
            problem = f"is not a contracts column (unknown: {unknown}; known: {known})"
            raise CsvError(0, name, cell, problem, source=source)
    for name in _REQUIRED:
        if name not in names:
            raise CsvError(0, name, "", "required column is missing", source=source)
    return [name if name in CONTRACT_FIELDS else None for name in names]


def _without(data: dict[str, Any], field: str) -> dict[str, Any]:
    """``data`` without ``field``; without payments, with earnings standing in for them."""
    kept = {name: value for name, value in data.items() if name != field}
    if field == "payments":
        kept["earnings"] = _STAND_INS["earnings"]
    return kept


def _validate(data: dict[str, Any]) -> tuple[Contract | None, list[ContractError]]:
    """Run make_contract, retried without each offending field, to collect every field's error.

    make_contract reports one error in its own field order; the CSV reports the first in the
    file's column order, so all of them are needed. Dropping an optional field (payments with
    the earnings stand-in) never makes a new error appear.
    """
    found: list[ContractError] = []
    while True:
        try:
            contract = make_contract(**data)
        except ContractError as exc:
            found.append(exc)
            if exc.field not in data:
                return None, found
            data = _without(data, exc.field)
        else:
            return (None if found else contract), found


def _model_error_text(error: ContractError, cell: str, payments: tuple[Payment, ...]) -> str:
    """The text a make_contract error is about: the cell, or for payments the entry at fault.

    A payment dated before start is the first entry, as written, with that date; a negative
    sum is no one entry's fault, so the whole cell.
    """
    if error.field == "payments" and isinstance(error.value, dt.date):
        entries = [entry.strip() for entry in cell.split(";")]  # as parse_payments split it
        for entry, payment in zip(entries, payments, strict=False):
            if payment.date == error.value:
                return entry
    return cell


def _model_error_problem(error: ContractError) -> str:
    if error.field == "payments" and isinstance(error.value, Decimal) and error.value < 0:
        return f"sum to {format(error.value, 'f')}: refunds must not exceed the payments"
    return error.problem


def _row_contract(
    row: int, cells: list[str], fields: list[str | None], seen: dict[str, int], source: str
) -> Contract:
    """Turn data record ``row`` into a contract, or raise its first error in column order."""
    position = {name: index for index, name in enumerate(fields) if name is not None}
    given_id = restore_formula(cells[position["id"]]) if "id" in position else ""
    contract_id = given_id.strip() or f"c{row}"
    errors: list[tuple[int, str, str, str]] = []  # (column index, field, text, problem)
    if contract_id in seen:
        problem = f"gives id {contract_id!r}, already used by row {seen[contract_id]}"
        errors.append((position["id"], "id", cells[position["id"]], problem))
    values: dict[str, Any] = {"id": contract_id}
    for index, (name, cell) in enumerate(zip(fields, cells, strict=True)):
        if name is None or name == "id" or (name == "earnings" and not cell.strip()):
            continue  # an empty earnings is not given: the default 0, or derived from payments
        try:
            values[name] = _PARSERS[name](restore_formula(cell) if name in TEXT_FIELDS else cell)
        except FieldError as exc:
            errors.append((index, name, exc.text, exc.problem))
    failed = {name for _, name, _, _ in errors}
    stand_ins = {name: _STAND_INS[name] for name in failed if name in _STAND_INS}
    if "payments" in failed:
        stand_ins["earnings"] = values.pop("earnings", None) or _STAND_INS["earnings"]
    elif values.get("payments"):
        stand_ins.pop("earnings", None)  # derived from the payments
    contract, model_errors = _validate({**values, **stand_ins})
    payments = values.get("payments", ())
    for error in model_errors:
        index = position.get(error.field, len(cells))
        text = _model_error_text(error, cells[index], payments) if index < len(cells) else ""
        errors.append((index, error.field, text, _model_error_problem(error)))
    if errors:
        index, name, text, problem = min(errors, key=lambda error: error[0])
        column = name if index < len(cells) else ""
        raise CsvError(row, column, text, problem, contract_id=contract_id, source=source)
    assert contract is not None
    seen[contract_id] = row
    return contract


def parse_contracts_csv(
    text: str, *, source: str = "<text>", ignore_unknown_columns: bool = False
) -> tuple[Contract, ...]:
    """Read contracts from the text of a contracts CSV.

    Args:
        text: The whole CSV; a leading byte-order mark is dropped.
        source: How messages name the text, usually the file name.
        ignore_unknown_columns: Skip columns that are no contract field instead of failing.

    Returns:
        The contracts in row order; empty when the header has no data rows.

    Raises:
        CsvError: At the first problem; nothing is half-imported.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    fields: list[str | None] | None = None
    contracts: list[Contract] = []
    seen: dict[str, int] = {}
    try:
        for cells in reader:
            if all(not cell.strip() for cell in cells):
                continue
            if fields is None:
                fields = _header(cells, ignore_unknown_columns, source)
                continue
            row = len(contracts) + 1
            if len(cells) != len(fields):
                problem = f"has {len(cells)} fields, the header has {len(fields)}"
                raise CsvError(row, "", "", problem, source=source)
            contracts.append(_row_contract(row, cells, fields, seen, source))
    except csv.Error as exc:
        row = 0 if fields is None else len(contracts) + 1
        problem = f"bad CSV (line {reader.line_num}): {exc}"
        raise CsvError(row, "", "", problem, source=source) from None
    if fields is None:
        raise CsvError(0, "", "", "has no header row", source=source)
    return tuple(contracts)


def read_csv_text(path: Path) -> tuple[str, str]:
    """The text of a CSV file and its encoding, detected as :mod:`jsswhatif.io.encoding` says.

    UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, else cp1252;
    the encoding is a key of :data:`~jsswhatif.io.encoding.ENCODING_NAMES`, for a preview to
    say which was used.

    Raises:
        CsvError: The file cannot be read, is no regular file, is larger than
            :data:`~jsswhatif.io.encoding.MAX_FILE_BYTES`, or is in none of those encodings;
            its ``path`` is set and its message starts with the file name.
    """
    try:
        return read_text_detecting(path, MAX_FILE_BYTES)
    except TextFileError as exc:
        raise CsvError(0, "", "", exc.problem, source=shown_path(path), path=path) from None


def read_contracts_csv(path: Path, *, ignore_unknown_columns: bool = False) -> tuple[Contract, ...]:
    """Read contracts from a contracts CSV file, in the encoding :func:`read_csv_text` detects.

    Raises:
        CsvError: The file cannot be read or decoded, or breaks the format; its ``path`` is
            set and its message starts with the file name.
    """
    source = shown_path(path)
    text, _ = read_csv_text(path)
    try:
        return parse_contracts_csv(
            text, source=source, ignore_unknown_columns=ignore_unknown_columns
        )
    except CsvError as exc:
        exc.path = path
        raise


#: The columns of free text: the only ones whose cells a spreadsheet could take for a formula
#: (every other cell starts with a letter or a digit: dates, amounts, kinds, booleans).
TEXT_FIELDS = ("id", "client", "title")
#: The first characters that make a spreadsheet program read a cell as a formula (OWASP's
#: list for CSV injection: ``=``, ``+``, ``-``, ``@``, tab and carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``text`` with one more leading ``'`` when, after its leading ``'`` if any, it starts
    like a formula; spreadsheet programs then show it as text. :func:`restore_formula` undoes it.

    Example:
        >>> [neutralise_formula(text) for text in ("=SUM(A1:A9)", "'=quoted", "C-3PO")]
        ["'=SUM(A1:A9)", "''=quoted", 'C-3PO']
    """
    return "'" + text if text.lstrip("'").startswith(FORMULA_STARTS) else text


def restore_formula(cell: str) -> str:
    """The text :func:`neutralise_formula` made ``cell`` from: one leading ``'`` less where it
    added one, else ``cell`` itself (so ``restore_formula(neutralise_formula(t)) == t``).

    Example:
        >>> [restore_formula(cell) for cell in ("'=SUM(A1:A9)", "''=quoted", "'quote")]
        ['=SUM(A1:A9)', "'=quoted", "'quote"]
    """
    added = cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_STARTS)
    return cell[1:] if added else cell


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return format_payments(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def format_contracts_csv(contracts: Iterable[Contract]) -> str:
    """The contracts CSV text of ``contracts``: every column, in the order of CONTRACT_FIELDS.

    Dates are ISO, empty for None; amounts and ratings are plain decimals exactly as stored
    (``1800.00``, never an exponent); booleans are ``true``/``false``. Ids and clients are written
    as stored; the import trims them, so only trimmed, non-empty ones come back unchanged.
    A text cell (id, client, title) that starts like a formula (``=``, ``+``, ``-``, ``@``, tab
    or carriage return, after any leading ``'``) gets one more leading ``'``, so that spreadsheet
    programs do not run it (:func:`neutralise_formula`); the import removes it again.
    ``payments`` is the last column: entries sorted by date (stable), amounts plain (``-100``),
    empty for a contract without payments; ``earnings`` and ``last_paid`` are then written as
    derived, which the import checks against the payments.

    Example:
        >>> c = make_contract(id="c1", client="Acme", start="2026-01-05", earnings="1800.00")
        >>> format_contracts_csv([c]).splitlines()[1]
        'c1,Acme,,hourly,2026-01-05,,1800.00,,,,,false,false,false,'
        >>> pays = [{"date": "2026-02-01", "amount": "-100"},
        ...         {"date": "2026-01-09", "amount": "500"}]
        >>> c = make_contract(id="c2", client="Acme", start="2026-01-05", payments=pays)
        >>> row = format_contracts_csv([c]).splitlines()[1].split(",")
        >>> row[6:8], row[-1]
        (['400', '2026-01-09'], '2026-01-09=500;2026-02-01=-100')
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CONTRACT_FIELDS)
    for contract in contracts:
        cells = {name: _cell(getattr(contract, name)) for name in CONTRACT_FIELDS}
        for name in TEXT_FIELDS:
            cells[name] = neutralise_formula(cells[name])
        writer.writerow(cells.values())
    return buffer.getvalue()


def write_contracts_csv(path: Path, contracts: Iterable[Contract]) -> None:
    """Write the contracts CSV (UTF-8, no byte-order mark) to ``path`` atomically.

    Through a symbolic link the link's target is written
    (:func:`~jsswhatif.io.atomic.write_atomic`).

    Raises:
        OSError: The folder cannot be written, or the target is read-only
            (:class:`~jsswhatif.io.atomic.ReadOnlyFileError`); the target is left as it was.
        UnicodeEncodeError: A text field holds a lone surrogate; nothing is written.
    """
    write_atomic(path, format_contracts_csv(contracts))
