"""Contracts proposed from payments that name no contract (upwork-exports.md, "Grouping").

Upwork's transaction history lists payments with their client but no contract. The default
rule groups them: each client gets one hourly contract of its hourly payments and one fixed
contract of its fixed-price payments; bonuses and refunds then join the contract paid last on
or before their day. :func:`group_payments` applies it; the import preview lets the user
correct it with :func:`split_contract` and :func:`merge_contracts`. All three are pure.

Example:
    >>> rows = [PaymentRow("Acme", "hourly", dt.date(2026, 1, 9), Decimal("400")),
    ...         PaymentRow("Acme", "bonus", dt.date(2026, 1, 9), Decimal("50")),
    ...         PaymentRow("acme ", "fixed", dt.date(2026, 1, 2), Decimal("300"),
    ...                    "Milestone 1: Logo")]
    >>> [(c.id, c.kind, c.title, str(c.earnings)) for c in group_payments(rows)]
    [('u1', 'fixed', 'Logo', '300'), ('u2', 'hourly', 'Hourly work for Acme', '450')]
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from jsswhatif.core.contracts import Contract, ContractError, Kind, client_key, make_contract

RowKind = Literal["hourly", "fixed", "bonus", "refund"]
_MILESTONE = re.compile(r"\s*milestone\s*[0-9]*\s*:\s*", re.IGNORECASE)
_KIND_ORDER: dict[Kind, int] = {"hourly": 0, "fixed": 1}


@dataclass(frozen=True)
class PaymentRow:
    """One payment from a client, before it is placed on a contract.

    Attributes:
        client: The client, trimmed; clients compare case-folded.
        kind: ``hourly`` or ``fixed`` (a payment of that kind of contract), ``bonus`` or
            ``refund`` (placed on one of the client's contracts).
        date: The day it was paid.
        amount: Exact and non-zero, as paid: a refund is negative.
        description: The file's description of it (a milestone title, an invoice period).
        source: Where it was read (a file name), for messages; "" when unknown.
        row: Its row in ``source`` (1 = the first data row); 0 when unknown.
    """

    client: str
    kind: RowKind
    date: dt.date
    amount: Decimal
    description: str = ""
    source: str = ""
    row: int = 0


class GroupingError(ValueError):
    """A proposed contract cannot be made of its payments; nothing is grouped.

    Attributes:
        client: The client, spelled as in its first row.
        kind: The contract's kind.
        row: The payment at fault: for refunds exceeding the payments, the latest refund;
            otherwise the contract's latest payment.
        problem: What that payment does, in words ("makes the refunds to client 'Acme'
            exceed the payments of its fixed contract (they sum to -20.00)").
    """

    def __init__(self, client: str, kind: Kind, row: PaymentRow, problem: str) -> None:
        self.client, self.kind, self.row, self.problem = client, kind, row, problem
        super().__init__(f"the payment of {format(row.amount, 'f')} on {row.date} {problem}")


@dataclass
class _Draft:
    """A contract being grouped: its own rows (ascending by date), then bonuses and refunds."""

    client: str
    kind: Kind
    rows: list[tuple[int, PaymentRow]]
    extras: list[tuple[int, PaymentRow]] = field(default_factory=list)

    @property
    def first(self) -> dt.date:
        """The day of its earliest payment."""
        return min(row.date for _, row in self.rows + self.extras)

    @property
    def order(self) -> int:
        """Where its first row was read."""
        return min(order for order, _ in self.rows + self.extras)


def group_payments(
    rows: Iterable[PaymentRow], split_gap: int | None = None
) -> tuple[Contract, ...]:
    """Contracts of the default grouping rule (upwork-exports.md), ids ``u1``, ``u2``, ...

    Per client (compared case-folded, spelled as in its first row): an hourly contract of its
    hourly rows and a fixed one of its fixed rows; with ``split_gap``, a new contract of the
    same client and kind wherever two consecutive payments lie more than that many days apart.
    A bonus or refund joins the contract with the latest own payment on or before its day (a
    tie: the hourly one), else the one paid first (a tie: the hourly one); a client with only
    bonuses and refunds gets one fixed contract of them. Each contract starts on its earliest
    payment, ends open, has no feedback; ids follow the start, then the case-folded client,
    then hourly before fixed. Rows of the same day keep their order.

    Raises:
        GroupingError: A contract's refunds exceed its payments, or its payments together
            break a rule of contracts (see :func:`~jsswhatif.core.contracts.make_contract`).
        ValueError: ``split_gap`` is negative.
    """
    if split_gap is not None and split_gap < 0:
        raise ValueError(f"split gap {split_gap} is negative: give 0 days or more")
    clients: dict[str, list[tuple[int, PaymentRow]]] = {}
    for order, row in enumerate(rows):
        clients.setdefault(client_key(row.client), []).append((order, row))
    drafts = [
        draft
        for numbered in clients.values()
        for draft in _client_drafts(numbered[0][1].client, numbered, split_gap)
    ]
    drafts.sort(key=lambda d: (d.first, client_key(d.client), _KIND_ORDER[d.kind], d.order))
    return tuple(_contract(f"u{number}", draft) for number, draft in enumerate(drafts, start=1))


def _client_drafts(
    client: str, numbered: list[tuple[int, PaymentRow]], split_gap: int | None
) -> list[_Draft]:
    """One client's contracts: its hourly and fixed ones, then its bonuses and refunds placed."""
    drafts: list[_Draft] = []
    for kind in ("hourly", "fixed"):
        own = sorted((item for item in numbered if item[1].kind == kind), key=_by_date)
        for piece in _pieces(own, split_gap):
            drafts.append(_Draft(client, kind, piece))
    extras = [item for item in numbered if item[1].kind in ("bonus", "refund")]
    if not drafts:
        return [_Draft(client, "fixed", [], extras)] if extras else []
    # every own payment as (day, hourly first, its draft), ascending: where extras are placed
    days = sorted(
        (row.date, _KIND_ORDER[draft.kind], index)
        for index, draft in enumerate(drafts)
        for _, row in draft.rows
    )
    dates = [day for day, _, _ in days]
    for item in extras:
        drafts[_place(item[1].date, dates, days)].extras.append(item)
    return drafts


def _by_date(item: tuple[int, PaymentRow]) -> tuple[dt.date, int]:
    return item[1].date, item[0]


def _pieces(
    own: list[tuple[int, PaymentRow]], split_gap: int | None
) -> list[list[tuple[int, PaymentRow]]]:
    """``own`` (ascending by date) cut wherever two consecutive days lie over the gap apart."""
    pieces: list[list[tuple[int, PaymentRow]]] = []
    for item in own:
        if pieces and (
            split_gap is None or (item[1].date - pieces[-1][-1][1].date).days <= split_gap
        ):
            pieces[-1].append(item)
        else:
            pieces.append([item])
    return pieces


def _place(day: dt.date, dates: list[dt.date], days: list[tuple[dt.date, int, int]]) -> int:
    """The draft a bonus or refund of ``day`` joins (see :func:`group_payments`).

    ``days`` are the own payments as (day, 0 for hourly or 1 for fixed, draft), ascending;
    ``dates`` their days alone.
    """
    index = bisect.bisect_right(dates, day)
    if index == 0:
        return days[0][2]  # nothing paid by then: the contract paid first (hourly on a tie)
    latest = dates[index - 1]
    return days[bisect.bisect_left(dates, latest)][2]  # hourly first within a day


def _title(draft: _Draft) -> str:
    if draft.kind == "hourly":
        return f"Hourly work for {draft.client}"
    for _, row in draft.rows:
        title = _MILESTONE.sub("", row.description, count=1).strip()
        if title:
            return title
    return f"Fixed-price work for {draft.client}" if draft.rows else f"Bonus from {draft.client}"


def _contract(contract_id: str, draft: _Draft) -> Contract:
    items = sorted(draft.rows + draft.extras, key=_by_date)
    total = sum((row.amount for _, row in items), Decimal(0))
    if total < 0:
        culprit = max((item for item in items if item[1].amount < 0), key=_by_date)[1]
        problem = (
            f"makes the refunds to client {draft.client!r} exceed the payments of its "
            f"{draft.kind} contract (they sum to {format(total, 'f')})"
        )
        raise GroupingError(draft.client, draft.kind, culprit, problem)
    try:
        return make_contract(
            id=contract_id,
            client=draft.client,
            title=_title(draft),
            kind=draft.kind,
            start=items[0][1].date,
            payments=[{"date": row.date, "amount": row.amount} for _, row in items],
        )
    except ContractError as exc:  # a rule on the whole, such as a bound on the earnings
        problem = f"leaves the {draft.kind} contract of client {draft.client!r} invalid: {exc}"
        raise GroupingError(draft.client, draft.kind, items[-1][1], problem) from None


# Corrections the user makes in the preview ---------------------------------------------------


def split_contract(contract: Contract, day: dt.date, new_id: str) -> tuple[Contract, Contract]:
    """``contract`` cut in two at ``day``: its payments before ``day``, and from ``day`` on.

    The first keeps the id, the start and everything but the later payments, and is open,
    without feedback and not disputed; the second, ``new_id``, starts on its first payment and
    takes the end, the feedback and the dispute (it is where the contract ended). Both keep
    the client, kind, title, flagged client and exclusion.

    Example:
        >>> c = make_contract(id="u1", client="Acme", start="2026-01-05",
        ...                   payments=[{"date": "2026-01-05", "amount": "100"},
        ...                             {"date": "2026-03-02", "amount": "200"}])
        >>> [(p.id, str(p.start), str(p.earnings)) for p in
        ...  split_contract(c, dt.date(2026, 2, 1), "u9")]
        [('u1', '2026-01-05', '100'), ('u9', '2026-03-02', '200')]

    Raises:
        ContractError: No payment lies before ``day``, or none on or after it (field
            ``payments``, value ``day``); or a part's refunds exceed its payments.
    """
    before = [p for p in contract.payments if p.date < day]
    after = [p for p in contract.payments if p.date >= day]
    if not before or not after:
        side = "before" if not before else "on or after"
        raise ContractError(contract.id, "payments", day, f"has no payment {side} it: no split")
    data = contract.model_dump(exclude={"earnings", "last_paid", "payments"})
    cleared = {"end": None, "public": None, "private": None, "feedback_date": None}
    first = make_contract(**{**data, **cleared, "disputed": False, "payments": before})
    second = make_contract(**{**data, "id": new_id, "start": after[0].date, "payments": after})
    return first, second


def merge_contracts(a: Contract, b: Contract) -> Contract:
    """One contract holding the payments of ``a`` and ``b``, of the same client.

    It keeps ``a``'s id, title, kind, feedback and flags; starts at the earlier start; ends
    open when either is open, else at the later end.

    Example:
        >>> a = make_contract(id="u1", client="Acme", start="2026-01-05",
        ...                   payments=[{"date": "2026-01-05", "amount": "100"}])
        >>> b = make_contract(id="u2", client="ACME", start="2025-12-01",
        ...                   payments=[{"date": "2025-12-01", "amount": "50"}])
        >>> m = merge_contracts(a, b)
        >>> m.id, str(m.start), str(m.earnings), len(m.payments)
        ('u1', '2025-12-01', '150', 2)

    Raises:
        ContractError: Different clients, or one of them has earnings but no payments (its
            payments are not known, so the sum would be wrong).
    """
    if a.client_key != b.client_key:
        raise ContractError(b.id, "client", b.client, f"is not the client of {a.id!r}: no merge")
    for contract in (a, b):
        if contract.earnings and not contract.payments:
            problem = "are not known (earnings without payments): no merge"
            raise ContractError(contract.id, "payments", "", problem)
    end = None if a.end is None or b.end is None else max(a.end, b.end)
    data = a.model_dump(exclude={"earnings", "last_paid", "payments"})
    return make_contract(**{**data, "start": min(a.start, b.start), "end": end,
                            "payments": a.payments + b.payments})  # fmt: skip
