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

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import strategies as st

from jsswhatif.core.contracts import (
    CONTRACT_FIELDS,
    Contract,
    check_unique_ids,
    make_contract,
)
from jsswhatif.core.rules import HISTORICAL, PRESETS, PRESETS_BY_NAME, Rules, custom_rule_set

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
INTERFACES_FEEDBACK: dict[str, dict[str, Any]] = {
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


# -- random documents for the property tests that hold every fast path to the engine ---------

P2024 = PRESETS_BY_NAME["upwork-2024-09"]
D = dt.date.fromisoformat

CUSTOM = (
    # share, floor rounding, trending, the legacy bonus and a biweekly cadence on an odd anchor.
    custom_rule_set(
        P2024,
        "share-floor",
        formula="share",
        rounding="floor",
        trending=True,
        long_term_client_bonus=True,
        cadence="biweekly",
        anchor=D("2021-01-05"),
    ),
    # Counted long-term contracts with fast-growing weights, a low cap and the bonus on.
    custom_rule_set(
        PRESETS_BY_NAME["upwork-2020-03"],
        "long-term",
        open_long_term="counted",
        long_term_client_bonus=True,
        long_term_payment_gap_days=120,
        length_bonus_days=30,
        weight_cap=Decimal("3.5"),
        zero_earnings_no_feedback="neutral",
        cadence="daily",
    ),
    # Unit weights without bonus, no minimums, quick inactivity, no dispute rule.
    custom_rule_set(
        PRESETS_BY_NAME["upwork-2023-12"],
        "loose",
        weighting="unit",
        length_bonus_days=0,
        min_outcomes=0,
        min_clients=0,
        inactive_after_days=30,
        dispute_is_negative=False,
        private_positive_min=8,
        public_positive_min=Decimal("4.8"),
        windows=(1, 6, 18),
    ),
    # Daily weight steps (a comb of period 1) up to a cap off the tier grid, long-term and
    # inactive outcomes both on, the bonus, and trending without a configured 6-month window.
    custom_rule_set(
        P2024,
        "daily-steps",
        windows=(12, 24),
        open_inactive="as_ended",
        inactive_after_days=40,
        long_term_payment_gap_days=100,
        long_term_min_days=0,
        length_bonus_days=1,
        weight_cap=Decimal("12.5"),
        long_term_client_bonus=True,
        trending=True,
    ),
    # Version 1's reading of interim feedback, flagged clients' negatives dropped only, quick
    # long-term status and lapses, so payment gaps matter, and weights per 30-day period.
    custom_rule_set(
        P2024,
        "interim-flagged",
        interim_feedback="counts",
        flagged_client="drop_negative",
        open_inactive="as_ended",
        inactive_after_days=45,
        long_term_min_days=30,
        long_term_payment_gap_days=20,
        length_bonus_days=30,
        long_term_client_bonus=True,
    ),
    custom_rule_set(
        PRESETS_BY_NAME["upwork-2015"],
        "old-flagged",
        interim_feedback="counts",
        flagged_client="drop_negative",
        zero_earnings_no_feedback="negative",
        cadence="daily",
    ),
)
ALL_RULES: tuple[Rules, ...] = (*PRESETS, HISTORICAL, *CUSTOM)

CLIENTS = ("Acme", "acme ", "Beta", "Gamma", " Delta", "Epsilon")
EARNINGS = ("0", "0", "120", "250", "250.01", "1000", "1000.5", "4800")
PUBLIC = (None, "1", "3.4", "3.5", "4.49", "4.5", "5")


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[Contract], dt.date, int]:
    """Random contracts around a random date, and a range of days near that date."""
    around = draw(
        st.sampled_from([D("2020-10-01"), D("2023-11-20"), D("2024-08-01"), D("2026-05-15")])
    )
    offsets = st.integers(0, 700)
    contracts = []
    for k in range(draw(st.integers(0, 16))):
        start = around + dt.timedelta(days=draw(st.integers(-900, 30)))
        earnings = Decimal(draw(st.sampled_from(EARNINGS)))
        data: dict[str, Any] = {
            "id": f"c{k}",
            "client": draw(st.sampled_from(CLIENTS)),
            "start": start,
            "earnings": earnings,
            "public": draw(st.sampled_from(PUBLIC)),
            "private": draw(st.none() | st.integers(0, 10)),
            "disputed": draw(st.integers(0, 9)) == 0,
            "client_flagged": draw(st.integers(0, 19)) == 0,
            "excluded": draw(st.integers(0, 19)) == 0,
        }
        paid = earnings > 0 and draw(st.integers(0, 2)) == 0
        if paid:  # payments instead: earnings and last_paid derived from them
            del data["earnings"]
            data["payments"] = [
                {"date": start + dt.timedelta(days=day), "amount": amount}
                for day, amount in draw(
                    st.lists(
                        st.tuples(
                            st.integers(0, 700),
                            st.sampled_from(["40", "120", "250.5", "600", "1200", "-30"]),
                        ),
                        max_size=12,
                    )
                )
            ]
            if sum(Decimal(p["amount"]) for p in data["payments"]) < 0:
                data["payments"] = []
                data["earnings"] = earnings
        for name, allowed in (
            ("end", True),
            ("last_paid", earnings > 0 and not paid),
            ("feedback_date", True),
        ):
            offset = draw(st.none() | offsets)
            if allowed and offset is not None:
                data[name] = start + dt.timedelta(days=offset)
        contracts.append(make_contract(**data))
    first = around + dt.timedelta(days=draw(st.integers(-60, 60)))
    return contracts, first, draw(st.integers(1, 100))


@pytest.fixture(scope="session")
def all_rules() -> tuple[Rules, ...]:
    """Every preset, ``historical`` and four custom rule sets that stress the fast paths."""
    return ALL_RULES


@pytest.fixture(scope="session")
def random_documents() -> st.SearchStrategy[tuple[list[Contract], dt.date, int]]:
    """Hypothesis strategy: random contracts, a first day near them and a number of days.

    Draw it with ``data.draw(random_documents)`` in a test given ``st.data()``.
    """
    return documents()
