"""Regenerate the sample documents of this folder from the stories below.

Run from the repository root: ``.venv/bin/python resources/samples/make_samples.py``. The output
is deterministic (the veteran's older history comes from a seeded generator), so running it
again rewrites the same files. ``tests/io/test_samples.py`` checks, on the committed files,
that each sample still tells its story in the numbers.

Each story comes from a freelancers' forum thread:

- ``dropped-92-to-90.jsswhatif``: "I had 92% JSS even last week. I haven't closed any job. But
  this week the JSS automatically downgraded to 90%!"
- ``veteran-unended-contracts.jsswhatif``: seven years on Upwork, about 45 finished and paid
  jobs the clients never ended, afraid to end them.
- ``lost-top-rated.jsswhatif``: removed from Top Rated "even though no one leaves me nasty
  feedback and no one close the contracts".
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.document import Document, Observation, Scenario
from jsswhatif.io.store import save_document

HERE = Path(__file__).resolve().parent
D = dt.date.fromisoformat
CENT = Decimal("0.01")


def _contracts(rows: list[dict[str, Any]]) -> tuple[Contract, ...]:
    """Contracts sorted by start date, with ids c1, c2, ... in that order, amounts in cents."""
    ordered = sorted(rows, key=lambda row: (row["start"], row.get("title", "")))
    return tuple(
        make_contract(id=f"c{n}", **{**row, "earnings": Decimal(row["earnings"]).quantize(CENT)})
        for n, row in enumerate(ordered, start=1)
    )


def _id_of(contracts: tuple[Contract, ...], title: str) -> str:
    return next(c.id for c in contracts if c.title == title)


# 1. A score that dropped from 92% to 90% in a week, with no action ---------------------------


def dropped_92_to_90() -> Document:
    """The 24-month window loses a long 5-star contract on 2026-09-15: 92% becomes 90%."""

    def job(client: str, title: str, kind: str, start: str, end: str, earnings: str,
            public: str, private: int) -> dict[str, Any]:  # fmt: skip
        return {
            "client": client, "title": title, "kind": kind, "start": D(start), "end": D(end),
            "earnings": earnings, "public": public, "private": private,
        }  # fmt: skip

    contracts = _contracts(
        [
            job("Northwind Outfitters", "Shopify store rebuild", "hourly",
                "2023-09-04", "2024-09-14", "14200.00", "5.0", 10),
            job("Evergreen Tea", "Migration to Online Store 2.0", "hourly",
                "2024-09-23", "2025-03-28", "5400.00", "5.0", 10),
            job("Harbor Dental", "Booking widget", "fixed",
                "2024-10-07", "2024-12-20", "1800.00", "5.0", 10),
            job("Lumen Labs", "Checkout A/B tests", "hourly",
                "2024-11-04", "2025-08-29", "9800.00", "5.0", 10),
            job("Kettle & Co", "Theme maintenance", "hourly",
                "2025-01-13", "2025-04-25", "950.00", "5.0", 9),
            job("Oakridge Books", "Product import script", "fixed",
                "2025-07-07", "2025-08-01", "900.00", "4.8", 9),
            job("Pixel Pantry", "Newsletter template", "fixed",
                "2025-10-06", "2025-10-24", "240.00", "4.0", 8),
            job("Harbor Dental", "Patient portal fixes", "hourly",
                "2025-11-03", "2026-02-13", "2600.00", "5.0", 10),
            job("Quartz Fitness", "Landing page", "fixed",
                "2026-03-02", "2026-03-27", "220.00", "4.3", 8),
            job("Sunny Side Cafe", "Menu page update", "fixed",
                "2026-05-04", "2026-05-15", "180.00", "5.0", 10),
            job("Lumen Labs", "Analytics dashboard", "hourly",
                "2026-06-01", "2026-07-31", "2100.00", "5.0", 9),
        ]
    )  # fmt: skip
    description = (
        "Nothing changed, yet the score fell from 92% to 90% within a week (rule set "
        "upwork-2024-09, updated daily). The best window was the 24-month one. On 2026-09-15 "
        "the 'Shopify store rebuild' for Northwind Outfitters (ended 2024-09-14, 5 stars, "
        "weight 5.5 jobs for its length) turned 24 months and one day old and left that "
        "window: 100 × 23.5 / 25.5 = 92.16% became 100 × 18 / 20 = 90%. Move the as-of date "
        "across 2026-09-15 to watch it happen."
    )
    return Document(
        contracts=contracts,
        rules_name="upwork-2024-09",
        as_of=D("2026-09-17"),
        observations=(
            Observation(date=D("2026-09-10"), value=92, note="last week"),
            Observation(date=D("2026-09-17"), value=90, note="this week, no job closed"),
        ),
        title="Dropped from 92% to 90% without doing anything",
        description=description,
    )


# 2. A veteran with 45 paid contracts their clients never ended --------------------------------

_CLIENTS = (
    "Acorn Digital", "Bluebird Travel", "Cedar Analytics", "Dune Outdoor", "Ember Foods",
    "Fjord Software", "Granite Legal", "Halcyon Health", "Iris Design", "Juniper Finance",
    "Kestrel Media", "Lark Education", "Mosaic Retail", "Nimbus Cloud", "Orchid Beauty",
    "Pine Logistics", "Quill Publishing", "Raven Security", "Sage Consulting", "Tidal Energy",
    "Umber Studio", "Vista Realty", "Willow Wellness", "Yarrow Games", "Zephyr Sports",
)  # fmt: skip
_TASKS = (
    "Bug fixes", "Landing page", "Data cleanup", "API integration", "Report automation",
    "Theme customisation", "Performance tuning", "Spreadsheet macros", "Scraper", "Email setup",
    "Form builder", "Migration", "Chart dashboard", "Plugin update", "Checkout fixes",
)  # fmt: skip
VETERAN_AS_OF = D("2026-09-27")  # a biweekly update day, so both rule sets compute on it
VETERAN_CLIENTS_END_ON = "2026-09-25"


def _veteran_recent() -> list[dict[str, Any]]:
    """Ended, reviewed contracts of the last 24 months (written out: they make the score)."""
    rows = [
        ("Granite Legal", "Contract search tool", "fixed", "2024-10-07", "2024-11-29", "1800"),
        ("Nimbus Cloud", "Monitoring scripts", "hourly", "2024-11-18", "2025-06-13", "4200"),
        ("Lark Education", "Quiz widget", "fixed", "2025-01-06", "2025-01-31", "600"),
        ("Mosaic Retail", "Stock sync", "fixed", "2025-02-17", "2025-04-11", "950"),
        ("Tidal Energy", "Billing portal", "hourly", "2025-04-07", "2025-08-29", "7800"),
        ("Iris Design", "Portfolio site", "fixed", "2025-06-02", "2025-06-27", "450"),
        ("Sage Consulting", "CRM export", "fixed", "2025-08-04", "2025-09-12", "1200"),
        ("Nimbus Cloud", "Cost reports", "hourly", "2025-10-06", "2026-01-30", "5600"),
        ("Orchid Beauty", "Shop theme fixes", "fixed", "2025-11-10", "2025-12-05", "300"),
        ("Fjord Software", "Release automation", "fixed", "2026-01-12", "2026-02-20", "2200"),
        ("Tidal Energy", "Meter data import", "hourly", "2026-03-02", "2026-05-29", "3900"),
        ("Quill Publishing", "EPUB converter", "fixed", "2026-04-13", "2026-05-08", "700"),
        ("Willow Wellness", "Booking app fixes", "fixed", "2026-06-08", "2026-07-31", "1500"),
        ("Bluebird Travel", "Fare alerts", "fixed", "2026-07-20", "2026-09-04", "650"),
    ]
    neutral = {"EPUB converter"}  # private 8, public 4.6: the one lukewarm client lately
    return [
        {
            "client": client, "title": title, "kind": kind, "start": D(start), "end": D(end),
            "earnings": earnings, "public": "4.6" if title in neutral else "5.0",
            "private": 8 if title in neutral else (10 if n % 3 else 9),
        }
        for n, (client, title, kind, start, end, earnings) in enumerate(rows)
    ]  # fmt: skip


def _veteran_history(rng: random.Random) -> list[dict[str, Any]]:
    """Ended, reviewed contracts from 2019-08 to 2024-09: the veteran's first five years."""
    rows = []
    first, last = D("2019-08-05"), D("2024-08-01")
    count = 42
    for n in range(count):
        start = first + dt.timedelta(days=(last - first).days * n // count + rng.randrange(14))
        end = start + dt.timedelta(days=rng.choice((6, 13, 20, 27, 41, 62, 95, 130)))
        roll = rng.random()
        public, private = ("5.0", rng.choice((9, 10, 10))) if roll < 0.85 else ("4.6", 8)
        if roll > 0.97:
            public, private = "4.0", 7
        rows.append(
            {
                "client": rng.choice(_CLIENTS), "title": rng.choice(_TASKS),
                "kind": rng.choice(("hourly", "fixed")), "start": start, "end": end,
                "earnings": str(rng.choice((150, 240, 400, 650, 900, 1200, 1800, 2600, 4100))),
                "public": public, "private": private,
            }
        )  # fmt: skip
    return rows


def _veteran_unended(rng: random.Random) -> list[dict[str, Any]]:
    """45 finished, paid contracts never ended: no end date, no feedback, last paid long ago.

    40 were last paid before mid-2024 (two to seven years ago), 5 in the last two years.
    """
    rows = []
    periods = [(D("2019-09-01"), D("2024-06-01"), 40), (D("2024-07-08"), D("2026-05-15"), 5)]
    for first, last, count in periods:
        for n in range(count):
            start = first + dt.timedelta(days=(last - first).days * n // count)
            paid_days = rng.choice((5, 12, 19, 33, 47, 61))
            rows.append(
                {
                    "client": rng.choice(_CLIENTS), "title": rng.choice(_TASKS),
                    "kind": rng.choice(("hourly", "fixed")), "start": start,
                    "earnings": str(rng.choice((120, 200, 350, 500, 800, 1100, 1600))),
                    "last_paid": start + dt.timedelta(days=paid_days),
                }
            )  # fmt: skip
    return rows


def veteran_unended_contracts() -> Document:
    """Seven years, 45 unended contracts: not counted today, neutral under upwork-2015."""
    rng = random.Random(2019)
    history = _veteran_history(rng)
    unended = _veteran_unended(rng)
    contracts = _contracts(history + _veteran_recent() + unended)
    never_ended = [c.id for c in contracts if c.end is None]
    assert len(never_ended) == 45
    end_them = Scenario(
        name="Clients end them all",
        overrides={cid: {"end": VETERAN_CLIENTS_END_ON} for cid in never_ended},
    )
    description = (
        "Seven years on Upwork, and 45 finished, paid contracts the clients never ended (open, "
        "last paid months or years ago, no feedback). Under upwork-2024-09, the rule set of "
        "this document, an open contract counts only while it is paid at least every 90 "
        "days, so these 45 do not count at all: 95% on 2026-09-27. The scenario 'Clients end "
        "them all' (ended on 2026-09-25, without feedback) changes nothing, 95%: contracts "
        "ended without feedback are excluded. Compare with the rule set upwork-2015: there a "
        "contract without payment for 90 days counts as ended for inactivity, and without "
        "feedback as neutral, so the 5 of them that went inactive within the last 24 months "
        "pull the score down to 61%; ending all 45 at once would put 45 neutral outcomes into "
        "every window: 16%. Under those rules the fear of ending them was justified."
    )
    return Document(
        contracts=contracts,
        scenarios=(end_them,),
        rules_name="upwork-2024-09",
        as_of=VETERAN_AS_OF,
        observations=(Observation(date=VETERAN_AS_OF, value=95, note="as shown on Upwork"),),
        title="A veteran's 45 contracts the clients never ended",
        description=description,
    )


# 3. Lost Top Rated without a bad review or a closed contract ----------------------------------

BRIGHTLINE = "Ongoing WordPress development"


def lost_top_rated() -> Document:
    """A long-term client stops paying; 90 days later the score falls from 93% to 88%."""
    jobs = [
        ("Maple Analytics", "ETL pipeline", "fixed", "2024-07-08", "2024-09-27", "2400", 10),
        ("Cobalt Legal", "Document search prototype", "fixed", "2025-01-20", "2025-03-14",
         "1500", 9),
        ("Fernwood Farms", "Inventory spreadsheet sync", "fixed", "2025-04-07", "2025-04-30",
         "400", 9),
        ("Maple Analytics", "Dashboard fixes", "hourly", "2025-06-02", "2025-07-25", "1100", 10),
        ("Gridline Apps", "API integration", "fixed", "2025-09-01", "2025-10-17", "2000", 9),
        ("Harper & Lane", "Plugin update", "fixed", "2025-12-01", "2025-12-19", "350", 8),
        ("Cobalt Legal", "Search tuning", "hourly", "2026-01-12", "2026-03-20", "1600", 10),
    ]  # fmt: skip
    rows: list[dict[str, Any]] = [
        {
            "client": client, "title": title, "kind": kind, "start": D(start), "end": D(end),
            "earnings": earnings, "public": "4.2" if private == 8 else "5.0",
            "private": private,
        }
        for client, title, kind, start, end, earnings, private in jobs
    ]  # fmt: skip
    rows.append(
        {
            "client": "Brightline Media", "title": BRIGHTLINE, "kind": "hourly",
            "start": D("2024-11-04"), "earnings": "21500.00", "last_paid": D("2026-02-27"),
        }
    )  # fmt: skip
    contracts = _contracts(rows)
    brightline = _id_of(contracts, BRIGHTLINE)
    scenarios = (
        Scenario(
            name="Brightline pays an invoice",
            overrides={brightline: {"last_paid": "2026-06-03"}},
        ),
        Scenario(
            name="Brightline ends it with 5 stars",
            overrides={brightline: {"end": "2026-06-01", "public": "5.0", "private": 10}},
        ),
    )
    description = (
        "Top Rated at 93% on 2026-05-28, 88% the next day: no bad review, no contract closed. "
        "The biggest contract, Brightline Media's ongoing WordPress work (weight 7.5 jobs), "
        "was last paid on 2026-02-27, when the client paused the project. Under "
        "upwork-2024-09 an open contract counts, as a success, only while it is paid at least "
        "every 90 days; on 2026-05-29 it silently stopped counting, the score fell below 90% "
        "and Top Rated was lost. Both scenarios bring back 93% and Top Rated: an invoice paid, "
        "or the client ending the contract with good feedback (an ended contract then stays "
        "in the windows for up to 24 months)."
    )
    return Document(
        contracts=contracts,
        scenarios=scenarios,
        rules_name="upwork-2024-09",
        as_of=D("2026-06-04"),
        observations=(
            Observation(date=D("2026-05-21"), value=93, note="Top Rated"),
            Observation(date=D("2026-06-04"), value=88, note="Top Rated badge gone"),
        ),
        title="Lost Top Rated without a bad review",
        description=description,
    )


SAMPLES: dict[str, Callable[[], Document]] = {
    "dropped-92-to-90.jsswhatif": dropped_92_to_90,
    "veteran-unended-contracts.jsswhatif": veteran_unended_contracts,
    "lost-top-rated.jsswhatif": lost_top_rated,
}


def main() -> None:
    """Write every sample document beside this script."""
    for name, build in SAMPLES.items():
        save_document(HERE / name, build())
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
