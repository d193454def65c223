"""The layouts and transaction types of Upwork's transaction history (upwork-exports.md).

A header is matched by its column names, trimmed and compared case-insensitively with runs of
spaces made one, in any order; extra columns are ignored. Each meaning (date, type, client,
amount, ...) is read from the first of its columns the header has; a header lacking a required
one is no transaction history.

Example:
    >>> header = read_header(["Date", "Type", "Team", "Amount", "Balance", "Notes"])
    >>> header.layout, header.columns["client"], header.columns["transaction_id"]
    ('other layout, read by its column names', 2, None)
    >>> TYPE_KINDS[type_key(" Fixed-price ")], type_key("Service  Fee") in SKIPPED_TYPES
    ('fixed', True)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from jsswhatif.core.imported import RowKind

#: What a column means -> the names it goes by, in the order tried.
ROLES: dict[str, tuple[str, ...]] = {
    "date": ("Date",),
    "transaction_id": ("Transaction ID", "Ref ID"),
    "type": ("Transaction Type", "Type"),
    "client": ("Client team", "Team"),
    "description": ("Transaction Summary", "Description", "Description 1"),
    "amount": ("Amount $", "Amount"),
    "balance": ("Current Balance $", "Balance"),
}
#: The meanings without which a file is no transaction history.
REQUIRED = ("date", "type", "client", "amount")

_CURRENT = (
    "Date", "Transaction ID", "Transaction Type", "Transaction Summary",
    "Transaction Summary Details", "Description 1", "Description 2", "Description 3", "Agency",
    "Freelancer", "Team", "Account Name", "PO", "Ref ID", "Amount $", "Amount in local currency",
    "Currency", "Current Balance $", "Payment Method",
)  # fmt: skip
_RENAMED = {"Agency": "Agency team", "Team": "Client team"}
_LEGACY = (
    "Date", "Ref ID", "Type", "Description", "Agency", "Freelancer", "Team", "Account Name",
    "PO", "Amount", "Amount in local currency", "Currency", "Balance",
)  # fmt: skip
#: The layouts seen, by name, with their columns, the most recent first.
LAYOUTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("current layout (19 columns)", _CURRENT),
    ("current layout, renamed columns", tuple(_RENAMED.get(n, n) for n in _CURRENT)),
    ("legacy layout (13 columns)", _LEGACY),
)
OTHER_LAYOUT = "other layout, read by its column names"

#: Transaction types that become payments (keys as :func:`type_key` gives them).
TYPE_KINDS: dict[str, RowKind] = {
    "hourly": "hourly",
    "fixed price": "fixed",
    "fixed-price": "fixed",
    "milestone": "fixed",
    "bonus": "bonus",
    "refund": "refund",
    "refund to client": "refund",
}
#: Transaction types that are no earnings from a client: skipped and counted.
SKIPPED_TYPES = frozenset(
    {
        "service fee", "service fee refund", "withdrawal", "withdrawal fee", "connects",
        "membership fee", "subscription", "vat", "gst", "payment", "miscellaneous",
    }
)  # fmt: skip


def column_key(name: str) -> str:
    """A header name as compared: trimmed, case-folded, inner runs of spaces made one."""
    return " ".join(name.split()).casefold()


type_key = column_key  # a transaction type compares the same way


class HeaderError(ValueError):
    """A header lacks a required meaning.

    Attributes:
        missing: The meanings missing, each with the names it goes by.
        found: The header's names as written (trimmed), without empty ones.
    """

    def __init__(self, missing: list[str], found: list[str]) -> None:
        self.missing, self.found = missing, found
        wanted = "; ".join(f"{role} ({' or '.join(ROLES[role])})" for role in missing)
        shown = ", ".join(repr(name) for name in found) or "none"
        super().__init__(
            f"is not a transaction history: missing columns {wanted}; columns found: {shown}"
        )


@dataclass(frozen=True)
class Header:
    """Where each meaning is read in the rows of a file.

    Attributes:
        layout: The layout recognised (a name of :data:`LAYOUTS`, or :data:`OTHER_LAYOUT`).
        columns: Meaning -> the index of its column, None when the header has none.
        names: The header's names as written, trimmed (for messages).
    """

    layout: str
    columns: dict[str, int | None]
    names: tuple[str, ...]


def read_header(cells: Sequence[str]) -> Header:
    """The header of a transaction history: its layout and the column of each meaning.

    A name that repeats is read from its first column.

    Raises:
        HeaderError: A required meaning has none of its columns.
    """
    keys = [column_key(cell) for cell in cells]
    where: dict[str, int] = {}
    for index, key in enumerate(keys):
        where.setdefault(key, index)
    columns = {
        role: next((where[column_key(n)] for n in names if column_key(n) in where), None)
        for role, names in ROLES.items()
    }
    missing = [role for role in REQUIRED if columns[role] is None]
    if missing:
        raise HeaderError(missing, [cell.strip() for cell in cells if cell.strip()])
    layout = next(
        (name for name, known in LAYOUTS if all(column_key(n) in where for n in known)),
        OTHER_LAYOUT,
    )
    return Header(layout, columns, tuple(cell.strip() for cell in cells))
