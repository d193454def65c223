"""Regenerate ``upwork-transactions.csv``, a synthetic Upwork transaction history.

Run from the repository root: ``.venv/bin/python resources/samples/make_upwork_sample.py``.
The output is deterministic (hours come from a seeded generator), so running it again rewrites
the same file; ``tests/io/test_upwork_sample.py`` checks that the committed file is what this
script writes, and that ``jsswhatif import`` reads it into the contracts told below.

The file has the current 19-column layout of Upwork's download (Reports > Transaction history
> Download CSV; see upwork-exports.md), newest row first, as a freelancer, Sam Rivera, would
get it on 2026-11-28 after nearly three years of work for ten clients:

- Acorn Analytics: weekly hourly invoices from January 2024 to November 2026 ($45/hr, $55 from
  July 2025), a bonus each December; the last invoice is still pending (no balance yet).
- Bluewater Travel: hourly from May 2024 to February 2025, and again from February to July
  2026: two contracts in truth, one for the default grouping (``--split-gap 60`` splits them).
- Ironbark Games: a fixed-price prototype in August 2025, then weekly hourly work.
- Seven fixed-price clients with one to three milestones each; Driftwood Studio and Granite
  Peak Legal add a bonus; Elmstreet Dental got $150 refunded; Harborview Realty hired twice.

Every earning is followed by Upwork's 10% service fee (refunded with a refund); there are
monthly withdrawals to a bank with their fee, and Connects bought now and then.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "upwork-transactions.csv"
D = dt.date.fromisoformat
CENT = Decimal("0.01")
FEE_RATE = Decimal("0.10")
FREELANCER = "Sam Rivera"
BANK = "Direct to Local Bank (USD)"
WITHDRAWAL_FEE = Decimal("-0.99")
FIRST_ID = 880000
CONNECT_PRICE = Decimal("0.15")
CONNECTS_BOUGHT = (40, 80)
DAYS_BETWEEN_CONNECTS = (61, 75, 92)
DOWNLOADED = D("2026-11-28")
WEEK = dt.timedelta(days=7)
WEEK_OFF = 0.08  # the chance of a week without hours
MINUTES_WORKED = (4 * 60, 22 * 60)  # in a week, from 4 hours to under 22
EARNINGS = ("Hourly", "Fixed Price", "Bonus", "Refund")
HEADER = (
    "Date", "Transaction ID", "Transaction Type", "Transaction Summary",
    "Transaction Summary Details", "Description 1", "Description 2", "Description 3", "Agency",
    "Freelancer", "Team", "Account Name", "PO", "Ref ID", "Amount $", "Amount in local currency",
    "Currency", "Current Balance $", "Payment Method",
)  # fmt: skip
Rate = tuple[dt.date, Decimal]


@dataclass(frozen=True)
class Entry:
    """One transaction before it gets its id and the balance after it."""

    date: dt.date
    kind: str
    summary: str
    amount: Decimal
    client: str = ""
    title: str = ""
    pending: bool = False


def _money(amount: Decimal) -> str:
    """``$1,234.50`` or ``-$48.00``, as the file writes amounts."""
    sign = "-" if amount < 0 else ""
    return f"{sign}${abs(amount):,.2f}"


def _hourly(
    rng: random.Random, client: str, title: str, weeks: tuple[str, str], rates: list[Rate]
) -> list[Entry]:
    """Weekly invoices, each dated the Monday after the week worked; a week off now and then.

    ``weeks`` are the first and the last Monday worked; ``rates`` (from this day, $/hr) pairs,
    ascending.
    """
    entries = []
    week, last = D(weeks[0]), D(weeks[1])
    while week <= last:
        rate = next(r for since, r in reversed(rates) if since <= week)
        if rng.random() > WEEK_OFF:
            minutes = rng.randrange(*MINUTES_WORKED, 10)
            amount = (Decimal(minutes) / 60 * rate).quantize(CENT)
            summary = (
                f"Invoice for {week:%m/%d/%Y}-{week + dt.timedelta(days=6):%m/%d/%Y} - "
                f"{minutes // 60}:{minutes % 60:02d} hrs @ ${rate:.2f}/hr"
            )
            entries.append(Entry(week + WEEK, "Hourly", summary, amount, client, title))
        week += WEEK
    return entries


def _milestones(client: str, title: str, *paid: tuple[str, str, str]) -> list[Entry]:
    """Fixed-price milestones: (day, milestone title, amount)."""
    return [
        Entry(D(day), "Fixed Price", f"Milestone {n}: {name}", Decimal(amount), client, title)
        for n, (day, name, amount) in enumerate(paid, start=1)
    ]


def _earnings(rng: random.Random) -> list[Entry]:
    """The ten clients' payments, bonuses and the refund."""
    always = D("2024-01-01")
    acorn = _hourly(rng, "Acorn Analytics", "Data pipeline maintenance",
                    ("2024-01-08", "2026-11-16"),
                    [(always, Decimal(45)), (D("2025-07-07"), Decimal(55))])  # fmt: skip
    # the last invoice is not paid yet on the day of the download: pending, no balance, dated
    # the day its money will be available
    later = acorn[-1].date + WEEK
    entries = [*acorn[:-1], dataclasses.replace(acorn[-1], date=later, pending=True)]
    entries += _hourly(rng, "Bluewater Travel", "Fare alert service",
                       ("2024-05-06", "2025-02-17"), [(always, Decimal(40))])  # fmt: skip
    entries += _hourly(rng, "Bluewater Travel", "Booking engine upgrade",
                       ("2026-02-02", "2026-07-20"), [(always, Decimal(48))])  # fmt: skip
    entries += _hourly(rng, "Ironbark Games", "Game backend",
                       ("2025-09-01", "2026-11-09"), [(always, Decimal(50))])  # fmt: skip
    entries += _milestones("Ironbark Games", "Multiplayer prototype",
                           ("2025-08-15", "Prototype build", "1200.00"))  # fmt: skip
    entries += _milestones("Copperleaf Books", "EPUB tools",
                           ("2024-02-20", "EPUB converter", "600.00"),
                           ("2024-03-15", "Batch import", "400.00"))  # fmt: skip
    entries += _milestones("Driftwood Studio", "Portfolio site",
                           ("2024-04-12", "Portfolio site", "450.00"))  # fmt: skip
    entries += _milestones("Elmstreet Dental", "Online booking",
                           ("2024-09-10", "Booking widget", "900.00"),
                           ("2024-10-18", "SMS reminders", "700.00"))  # fmt: skip
    entries += _milestones("Foxglove Health", "Patient portal",
                           ("2025-03-03", "Patient intake form", "1500.00"),
                           ("2025-04-14", "Admin dashboard", "1500.00"),
                           ("2025-05-30", "Launch support", "1000.00"))  # fmt: skip
    entries += _milestones("Granite Peak Legal", "Contract search",
                           ("2025-06-16", "Contract search tool", "2400.00"))  # fmt: skip
    entries += _milestones("Harborview Realty", "Listing pages",
                           ("2026-01-19", "Listing page fixes", "350.00"))  # fmt: skip
    entries += _milestones("Harborview Realty", "IDX feed",
                           ("2026-05-11", "IDX feed integration", "800.00"))  # fmt: skip
    entries += _milestones("Juniper & Co", "Shopify store",
                           ("2026-09-07", "Shopify theme", "1200.00"),
                           ("2026-10-19", "Checkout tweaks", "600.00"))  # fmt: skip
    extras = [
        ("2024-04-15", "Bonus", "Driftwood Studio", "Bonus for a great portfolio", "50.00"),
        ("2024-11-04", "Refund", "Elmstreet Dental", "Refund: SMS reminders rework", "-150.00"),
        ("2024-12-23", "Bonus", "Acorn Analytics", "Year-end bonus", "250.00"),
        ("2025-06-20", "Bonus", "Granite Peak Legal", "Bonus: delivered early", "200.00"),
        ("2025-12-22", "Bonus", "Acorn Analytics", "Year-end bonus", "400.00"),
    ]
    entries += [Entry(D(day), kind, summary, Decimal(amount), client)
                for day, kind, client, summary, amount in extras]  # fmt: skip
    return entries


def _connects(rng: random.Random) -> list[Entry]:
    """Connects bought every two or three months."""
    day, entries = D("2024-01-15"), []
    while day < DOWNLOADED:
        count = rng.choice(CONNECTS_BOUGHT)
        summary = f"Fees for additional Connects ({count})."
        entries.append(Entry(day, "Connects", summary, -count * CONNECT_PRICE))
        day += dt.timedelta(days=rng.choice(DAYS_BETWEEN_CONNECTS))
    return entries


class _Ledger:
    """The rows in date order, with ids and the balance after each (none while pending)."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.balance = Decimal(0)
        self.number = FIRST_ID

    def add(self, entry: Entry, method: str = "") -> int:
        """Write ``entry``; returns its id."""
        self.number += 1
        if not entry.pending:
            self.balance += entry.amount
        day = entry.date
        self.rows.append(
            [f"{day:%b} {day.day}, {day.year}", str(self.number), entry.kind, entry.summary, "",
             entry.title, "", "", "", FREELANCER, entry.client, FREELANCER, "", str(self.number),
             _money(entry.amount), f"{entry.amount:.2f}", "USD",
             "" if entry.pending else _money(self.balance), method]
        )  # fmt: skip
        return self.number

    def earning(self, entry: Entry) -> None:
        """Write an earning and Upwork's service fee on it (given back with a refund)."""
        ref = self.add(entry)
        fee = -(entry.amount * FEE_RATE).quantize(CENT)
        kind = "Service fee refund" if entry.amount < 0 else "Service Fee"
        summary = f"Service Fee for Ref ID {ref}"
        self.add(dataclasses.replace(entry, kind=kind, summary=summary, amount=fee))

    def withdraw(self, day: dt.date) -> None:
        """Withdraw the whole hundreds of the balance to the bank, and pay the fee."""
        out = (self.balance // 100) * 100
        if out <= 0:
            return
        summary = f"Withdrawal to {BANK} - xxxx4821"
        for kind, amount in (("Withdrawal", -out), ("Withdrawal Fee", WITHDRAWAL_FEE)):
            self.add(Entry(day, kind, summary, amount), BANK)


def _rows(entries: list[Entry]) -> list[list[str]]:
    """Rows in date order, with a withdrawal on the first day of each month, newest first."""
    ledger, month = _Ledger(), None
    for entry in sorted(entries, key=lambda e: e.date):
        if month is not None and (entry.date.year, entry.date.month) != month:
            ledger.withdraw(entry.date.replace(day=1))
        month = (entry.date.year, entry.date.month)
        if entry.kind in EARNINGS:
            ledger.earning(entry)
        else:
            ledger.add(entry)
    return ledger.rows[::-1]  # the newest first, as the download lists them


def sample_text() -> str:
    """The whole file, as written (CRLF line ends, as CSV has them)."""
    rng = random.Random(2026)
    entries = _earnings(rng) + _connects(rng)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(_rows(entries))
    return buffer.getvalue()


def main() -> None:
    """Write the sample beside this script."""
    OUTPUT.write_bytes(sample_text().encode("utf-8"))
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
