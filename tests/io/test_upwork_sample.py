"""The sample transaction history: reproducible, and read into the contracts its story tells."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from decimal import Decimal
from importlib.resources import as_file, files
from pathlib import Path
from types import ModuleType

from jsswhatif.io.upwork import read_transaction_history

SAMPLES = Path(__file__).parents[2] / "resources" / "samples"
SAMPLE = SAMPLES / "upwork-transactions.csv"
D = dt.date.fromisoformat


def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_upwork_sample", SAMPLES / "make_upwork_sample.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_committed_sample_is_what_its_script_writes() -> None:
    assert SAMPLE.read_bytes() == generator().sample_text().encode("utf-8")


def test_the_sample_ships_inside_the_package() -> None:
    with as_file(files("jsswhatif.resources") / "samples" / SAMPLE.name) as path:
        assert path.read_bytes() == SAMPLE.read_bytes()


def test_the_sample_is_read_in_the_current_layout_with_every_kind_of_row() -> None:
    found = read_transaction_history([SAMPLE])
    (report,) = found.reports
    assert (report.layout, report.encoding) == ("current layout (19 columns)", "utf-8")
    assert report.rows_used == len(found.rows) > 250
    skipped = dict(report.skipped)
    assert set(skipped) == {
        "Service Fee",
        "Service fee refund",
        "Withdrawal",
        "Withdrawal Fee",
        "Connects",
    }
    assert skipped["Service Fee"] == report.rows_used - 1  # all but the refund's
    assert (report.pending, report.repeats, report.unknown, report.zero) == (2, 0, (), 0)
    first, last = min(r.date for r in found.rows), max(r.date for r in found.rows)
    assert (first, last) == (D("2024-01-15"), D("2026-11-16"))  # nearly three years


def test_the_sample_groups_into_the_contracts_of_its_story() -> None:
    found = read_transaction_history([SAMPLE])
    rows = [(c.id, c.client, c.kind, c.title, str(c.start)) for c in found.contracts]
    assert rows == [
        ("u1", "Acorn Analytics", "hourly", "Hourly work for Acorn Analytics", "2024-01-15"),
        ("u2", "Copperleaf Books", "fixed", "EPUB converter", "2024-02-20"),
        ("u3", "Driftwood Studio", "fixed", "Portfolio site", "2024-04-12"),
        ("u4", "Bluewater Travel", "hourly", "Hourly work for Bluewater Travel", "2024-05-13"),
        ("u5", "Elmstreet Dental", "fixed", "Booking widget", "2024-09-10"),
        ("u6", "Foxglove Health", "fixed", "Patient intake form", "2025-03-03"),
        ("u7", "Granite Peak Legal", "fixed", "Contract search tool", "2025-06-16"),
        ("u8", "Ironbark Games", "fixed", "Prototype build", "2025-08-15"),
        ("u9", "Ironbark Games", "hourly", "Hourly work for Ironbark Games", "2025-09-08"),
        ("u10", "Harborview Realty", "fixed", "Listing page fixes", "2026-01-19"),
        ("u11", "Juniper & Co", "fixed", "Shopify theme", "2026-09-07"),
    ]
    by_id = {c.id: c for c in found.contracts}
    assert by_id["u3"].earnings == Decimal("500.00")  # the milestone and its bonus
    assert by_id["u5"].earnings == Decimal("1450.00")  # two milestones less the refund
    assert by_id["u7"].earnings == Decimal("2600.00")
    acorn = by_id["u1"]
    weeks = (acorn.last_paid - acorn.start).days // 7 if acorn.last_paid else 0
    assert weeks * 0.85 < len(acorn.payments) <= weeks + 3  # weekly, a week off now and then
    bonuses = [r for r in found.rows if r.kind == "bonus" and r.client == "Acorn Analytics"]
    assert [(str(r.date), str(r.amount)) for r in bonuses] == [
        ("2025-12-22", "400.00"),
        ("2024-12-23", "250.00"),
    ]  # the year-end bonuses, newest first as the file lists them
    paid = {(p.date, p.amount) for p in acorn.payments}
    assert all((b.date, b.amount) in paid for b in bonuses)  # on the hourly contract
    assert acorn.last_paid == D("2026-11-16")  # the pending invoice is not in


def test_a_split_gap_of_60_days_tells_the_returning_clients_apart() -> None:
    found = read_transaction_history([SAMPLE], split_gap=60)
    clients = [c.client for c in found.contracts]
    assert len(clients) == 13
    assert clients.count("Bluewater Travel") == 2
    assert clients.count("Harborview Realty") == 2
