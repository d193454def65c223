"""Seeded synthetic contract sets with a realistic mix, for benchmarks.

Hourly and fixed, open and ended, with and without feedback, long-term contracts, a few
zero-earnings, disputed and excluded ones, spread over ``clients`` clients and the eight years
before ``as_of``.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from jsswhatif.core.contracts import Contract, make_contract

AS_OF = dt.date(2026, 11, 25)


def synthetic_contracts(
    count: int, *, clients: int = 200, seed: int = 1, as_of: dt.date = AS_OF
) -> list[Contract]:
    """``count`` valid contracts, the same for the same arguments."""
    rng = random.Random(seed)
    contracts = []
    for index in range(count):
        start = as_of - dt.timedelta(days=rng.randint(0, 8 * 365))
        long_term = rng.random() < 0.15
        length = rng.randint(120, 900) if long_term else rng.randint(1, 120)
        end: dt.date | None = start + dt.timedelta(days=length)
        if end is not None and (end > as_of or rng.random() < 0.2):
            end = None  # still open: running, or finished but never ended by the client
        earnings = Decimal(0) if rng.random() < 0.05 else Decimal(rng.randint(50, 20000))
        last_paid = None
        if earnings and rng.random() < 0.6:
            paid_days = length if long_term else rng.randint(0, length)
            last_paid = start + dt.timedelta(days=paid_days)
        reviewed = end is not None and rng.random() < 0.7
        stars = rng.choices(["5", "4.8", "4.5", "4", "3", "2"], [50, 20, 10, 10, 5, 5])[0]
        public = Decimal(stars) if reviewed else None
        recommend = rng.choices([10, 9, 8, 7, 5, 2], [50, 25, 10, 5, 5, 5])[0]
        private = recommend if reviewed and rng.random() < 0.8 else None
        contracts.append(
            make_contract(
                id=f"c{index + 1}",
                client=f"Client {rng.randrange(clients)}",
                title=f"Job {index + 1}",
                kind=rng.choice(["hourly", "fixed"]),
                start=start,
                end=end,
                earnings=earnings,
                last_paid=last_paid,
                public=public,
                private=private,
                disputed=rng.random() < 0.01,
                excluded=rng.random() < 0.01,
            )
        )
    return contracts


def with_payments(contracts: list[Contract], every_days: int = 14) -> list[Contract]:
    """``contracts`` with a payment every ``every_days`` days over each paid span, from start.

    The earnings are spread over the payments (whole cents, the rest on the last), so
    earnings stay the same; a contract without earnings stays without payments.
    """
    paid = []
    for contract in contracts:
        through = contract.paid_through
        if through is None:
            paid.append(contract)
            continue
        count = (through - contract.start).days // every_days + 1
        cents = int(contract.earnings * 100)
        each = cents // count
        amounts = [each] * (count - 1) + [cents - each * (count - 1)]
        days = [contract.start + dt.timedelta(days=k * every_days) for k in range(count)]
        payments = [
            {"date": day, "amount": Decimal(amount) / 100}
            for day, amount in zip(days, amounts, strict=True)
            if amount
        ]
        data = contract.model_dump(exclude={"earnings", "last_paid", "payments"})
        paid.append(make_contract(**data, payments=payments))
    return paid
