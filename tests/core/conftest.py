"""Fixtures of the core tests: scenarios written as small text tables.

A test asks for the ``table`` fixture and writes its contracts as an inline table whose header
names contract fields (scoring model, section 1), so that it reads as input, then the
hand-computed expected score::

    def test_something(table):
        contracts = table('''
            id  client  start       end         earnings  public
            a   Acme    2026-01-01  2026-02-01  200       5
            b   Beta    2026-01-01  -           0         -
        ''')

Cells are separated by whitespace, or by ``|`` when the header line holds one (then a cell
may contain spaces, and a Markdown rule line such as ``|---|---|`` is skipped). ``-`` is an
empty cell (the field's default). Blank lines and lines starting with ``#`` are skipped. Rows
without an ``id`` column get ``c1``, ``c2``, ... in row order. ``earnings`` may carry ``$`` and
thousands commas. Every contract goes through :func:`make_contract`, so a bad row raises the
same :class:`~jsswhatif.core.contracts.ContractError` as any other input.

The parser is handed out as a fixture rather than imported: the tests folders are not
packages, and a fixture works under every pytest import mode without path tweaks.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jsswhatif.core.contracts import (
    CONTRACT_FIELDS,
    Contract,
    check_unique_ids,
    make_contract,
)

ContractTable = Callable[[str], list[Contract]]

EMPTY = "-"


def _is_rule_line(line: str) -> bool:
    return "---" in line and set(line) <= set("|-:+ ")


def _cells(line: str, piped: bool) -> list[str]:
    if not piped:
        return line.split()
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def contracts_from_table(text: str) -> list[Contract]:
    """Parse an inline table of contracts (see the module docstring for the format).

    Raises:
        ValueError: The header names an unknown field, or a row has the wrong number of cells.
        ContractError: A row breaks a rule of the scoring model, or an id repeats.
    """
    lines = [line.strip() for line in text.strip().splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if not lines:
        return []
    piped = "|" in lines[0]
    rows = [_cells(line, piped) for line in lines if not _is_rule_line(line)]
    header, body = rows[0], rows[1:]
    unknown = [name for name in header if name not in CONTRACT_FIELDS]
    if unknown:
        raise ValueError(f"unknown contract fields in the table header: {unknown}")
    contracts = []
    for number, cells in enumerate(body, start=1):
        if len(cells) != len(header):
            raise ValueError(f"table row {number} has {len(cells)} cells, the header {len(header)}")
        data = {name: cell for name, cell in zip(header, cells, strict=True) if cell != EMPTY}
        if "earnings" in data:
            data["earnings"] = data["earnings"].replace("$", "").replace(",", "")
        data.setdefault("id", f"c{number}")
        contracts.append(make_contract(**data))
    check_unique_ids(contracts)
    return contracts


@pytest.fixture
def table() -> ContractTable:
    """The text-table parser :func:`contracts_from_table`."""
    return contracts_from_table


INTERFACES_SAMPLE = """
id | client       | title                 | start      | end        | earnings | last_paid
c1 | Acme Corp    | Landing page redesign | 2026-03-02 | 2026-07-15 | 1800.00  | -
c2 | Beta LLC     | Ongoing backend       | 2025-08-15 | -          | 6400.00  | 2026-11-20
c3 | Gamma Studio | Logo refresh          | 2026-06-01 | 2026-06-28 | 450      | -
c4 | Delta Co     | Data migration        | 2025-01-06 | 2025-06-30 | 2000     | -
c5 | Acme Corp    | Bug fixes             | 2026-09-01 | 2026-10-31 | 240      | -
"""
INTERFACES_FEEDBACK = {
    "c1": {"public": "5", "private": 10, "feedback_date": "2026-07-20"},
    "c3": {"public": "4.0", "private": 8},
    "c4": {"public": "5"},
}


@pytest.fixture
def interfaces_sample() -> list[Contract]:
    """The five contracts of the interfaces.md example (scored there as-of 2026-11-25)."""
    return [
        make_contract(**{**c.model_dump(), **INTERFACES_FEEDBACK.get(c.id, {})})
        for c in contracts_from_table(INTERFACES_SAMPLE)
    ]
