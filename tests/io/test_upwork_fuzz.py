"""Whatever the Upwork import accepts also computes and round-trips through the contracts CSV.

Random transaction histories of likely cells (most rows valid, some not) go the whole way:
read, grouped, scored on a date (:func:`~jsswhatif.core.engine.evaluate`) and over a range
(:func:`~jsswhatif.core.timeline.compute_timeline`), written as a contracts CSV and read back
equal. What is refused is one :class:`~jsswhatif.io.upwork.UpworkError` of one line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jsswhatif.core.engine import evaluate
from jsswhatif.core.rules import HISTORICAL, PRESETS, Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.io.contracts_csv import format_contracts_csv, parse_contracts_csv
from jsswhatif.io.upwork import UpworkError, UpworkImport, read_transaction_history
from jsswhatif.io.upwork_layouts import LAYOUTS

D = dt.date


def mostly(good: st.SearchStrategy[str], bad: list[str]) -> st.SearchStrategy[str]:
    """``good`` 79 times in 80, else one of ``bad``."""
    return st.integers(0, 79).flatmap(lambda k: good if k else st.sampled_from(bad))


def money(low: int, high: int) -> st.SearchStrategy[str]:
    """Amounts from ``low`` to ``high`` in the forms the files write: ``-$4.13``, ``1,250.00``."""
    exact = st.decimals(min_value=low, max_value=high, places=2)
    return exact.map(lambda a: f"{'-' if a < 0 else ''}${abs(a):,.2f}") | exact.map(
        lambda a: f"{a:,.2f}" if a >= 0 else str(a)
    )


days = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))
dates = mostly(
    days.map(lambda d: f"{d:%b} {d.day}, {d.year}")
    | days.map(lambda d: f"{d:%B} {d.day}, {d.year}")
    | days.map(dt.date.isoformat),
    ["", "Feb 30, 2026", "13/01/2026", "Sept 1, 2026", "x"],
)
BAD_AMOUNTS = ["", "$-5", "1.2.3", "5 USD", "1e3"]
#: (type, amount): payments 14 times in 20, small refunds once, skipped types 5 times.
payments = st.tuples(
    st.sampled_from(["Hourly", "Fixed Price", "fixed-price", "Milestone", "Bonus"]),
    mostly(money(0, 9000) | st.sampled_from(["0", "$0.00", "-$4.13"]), BAD_AMOUNTS),
)
refunds = st.tuples(
    st.sampled_from(["Refund", "Refund to client"]), mostly(money(-60, 60), BAD_AMOUNTS)
)
skipped = st.tuples(
    st.sampled_from(["Service Fee", "Withdrawal", "VAT", "Adjustment", ""]),
    st.sampled_from(["-$5.00", "x"]),
)
typed_amounts = st.integers(0, 19).flatmap(
    lambda k: payments if k < 14 else refunds if k == 14 else skipped
)
clients = mostly(st.sampled_from(["Acme", "acme ", "Café Zoë"]), ["", " "])
balances = st.integers(0, 19).map(lambda k: "$1.00" if k else "")
ids = st.one_of(st.just(""), st.integers(1, 40).map(str))
rows = st.lists(
    st.tuples(dates, ids, typed_amounts, clients, balances).map(
        lambda r: (r[0], r[1], r[2][0], r[3], r[2][1], r[4])
    ),
    min_size=1,
    max_size=25,
)
headers = st.sampled_from([list(names) for _, names in LAYOUTS])


def history(header: list[str], records: list[tuple[str, ...]]) -> str:
    """A CSV of ``header`` with each record's cells where its layout puts them."""
    place = ["date", "id", "type", "client", "amount", "balance"]
    names = {
        "date": ["Date"],
        "id": ["Transaction ID", "Ref ID"],
        "type": ["Transaction Type", "Type"],
        "client": ["Client team", "Team"],
        "amount": ["Amount $", "Amount"],
        "balance": ["Current Balance $", "Balance"],
    }
    lower = [name.lower() for name in header]
    columns = [
        lower.index(next(n.lower() for n in names[key] if n.lower() in lower)) for key in place
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        cells = [""] * len(header)
        for column, value in zip(columns, record, strict=True):
            cells[column] = value
        writer.writerow(cells)
    return buffer.getvalue()


def accepted_or_refused(text: str, gap: int | None) -> UpworkImport | UpworkError:
    """The whole import of ``text`` written to a file (UTF-8), or its error."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "h.csv"
        path.write_text(text, encoding="utf-8", newline="")
        try:
            return read_transaction_history([path], gap)
        except UpworkError as error:
            return error


rule_choices = st.sampled_from([*PRESETS, HISTORICAL])
as_of_dates = st.dates(min_value=D(2025, 6, 1), max_value=D(2027, 6, 1))
gaps = st.none() | st.integers(0, 120)


def check(result: UpworkImport | UpworkError, rules: Rules, as_of: dt.date) -> None:
    if isinstance(result, UpworkError):
        assert "\n" not in str(result)
        assert str(result).startswith(f"{result.path}: ")
        return
    contracts = result.contracts
    assert len(result.rows) == result.reports[0].rows_used
    evaluate(contracts, rules, as_of)
    window = dt.timedelta(days=45)
    compute_timeline(contracts, rules, as_of - window, as_of + window)
    again = parse_contracts_csv(format_contracts_csv(contracts))
    assert again == contracts
    assert [c.payments for c in again] == [c.payments for c in contracts]


@given(headers, rows, gaps, rule_choices, as_of_dates)
def test_a_random_history_computes_and_round_trips_or_is_one_error(
    header: list[str], records: list[tuple[str, ...]], gap: int | None, rules: Rules, as_of: dt.date
) -> None:
    check(accepted_or_refused(history(header, records), gap), rules, as_of)


@given(
    st.text(alphabet=st.sampled_from(list('Date,Type,Team,Amount "Hourly$1-05\r\n')), max_size=120)
)
def test_arbitrary_text_is_contracts_or_one_error(text: str) -> None:
    check(accepted_or_refused(text, None), PRESETS[-1], D(2026, 3, 1))
