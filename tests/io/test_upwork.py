"""Reading Upwork's transaction history: layouts, values, skipped rows, repeats, reports.

Every file here is written by hand, small, in one of the layouts of upwork-exports.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from jsswhatif.core.imported import group_payments
from jsswhatif.io import upwork
from jsswhatif.io.upwork import FileReport, UpworkError, UpworkImport, read_transaction_history
from jsswhatif.io.upwork_layouts import LAYOUTS, OTHER_LAYOUT, SKIPPED_TYPES

D = dt.date.fromisoformat
CURRENT = list(LAYOUTS[0][1])
RENAMED = list(LAYOUTS[1][1])
LEGACY = list(LAYOUTS[2][1])


def table(header: list[str], *rows: dict[str, str], newline: str = "\r\n") -> str:
    """A CSV of ``header`` whose rows give cells by meaning, in any layout.

    Keys: ``date``, ``id``, ``type``, ``client``, ``text`` (the description), ``amount`` and
    ``balance`` (default ``$1.00``: paid, not pending); other cells are empty.
    """
    where = {
        "date": ["Date"],
        "id": ["Transaction ID", "Ref ID"],
        "type": ["Transaction Type", "Type"],
        "client": ["Client team", "Team"],
        "text": ["Transaction Summary", "Description"],
        "amount": ["Amount $", "Amount"],
        "balance": ["Current Balance $", "Balance", "Current balance $"],
    }
    lower = [name.strip().lower() for name in header]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(header)
    for row in rows:
        cells = [""] * len(header)
        for key, value in {"balance": "$1.00", **row}.items():
            names = [n.lower() for n in where[key] if n.lower() in lower]
            if names:
                cells[lower.index(names[0])] = value
        writer.writerow(cells)
    return buffer.getvalue()


def pay(day: str, kind: str, client: str, amount: str, **more: str) -> dict[str, str]:
    return {"date": day, "type": kind, "client": client, "amount": amount, **more}


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def imported(folder: Path, text: str, **kw: int) -> UpworkImport:
    return read_transaction_history([write(folder, "history.csv", text)], **kw)


def summary(found: UpworkImport) -> list[tuple[str, str, str, str, str]]:
    """(id, client, kind, start, payments DAY=AMOUNT) of each contract."""
    return [
        (
            c.id,
            c.client,
            c.kind,
            c.start.isoformat(),
            ";".join(f"{p.date.isoformat()}={p.amount}" for p in c.payments),
        )
        for c in found.contracts
    ]


HISTORY = [
    pay(
        "Oct 2, 2026",
        "Hourly",
        "Acme",
        "$400.00",
        id="11",
        text="Invoice for 09/21/2026-09/27/2026",
    ),
    pay("Oct 2, 2026", "Service Fee", "Acme", "-$40.00", id="12", text="Service Fee for Ref ID 11"),
    pay("Sep 4, 2026", "Fixed Price", "Beta LLC", "$1,250.00", id="10", text="Milestone 1: Logo"),
    pay("Sep 1, 2026", "Withdrawal", "", "-$900.00", id="9"),
]
EXPECTED = [
    ("u1", "Beta LLC", "fixed", "2026-09-04", "2026-09-04=1250.00"),
    ("u2", "Acme", "hourly", "2026-10-02", "2026-10-02=400.00"),
]


# Layouts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "layout"),
    [
        (CURRENT, "current layout (19 columns)"),
        (RENAMED, "current layout, renamed columns"),
        ([n.lower() for n in RENAMED], "current layout, renamed columns"),
        (LEGACY, "legacy layout (13 columns)"),
        ([f"  {n.upper()} " for n in LEGACY], "legacy layout (13 columns)"),
        (["Notes", *reversed(CURRENT), "Tags"], "current layout (19 columns)"),
        (["Date", "Type", "Team", "Amount"], OTHER_LAYOUT),
        (["Date", "Transaction Type", "Client team", "Amount $", "Extra"], OTHER_LAYOUT),
    ],
    ids=[
        "current",
        "renamed",
        "renamed lower",
        "legacy",
        "legacy shouting",
        "reordered extra",
        "fewest columns",
        "other names",
    ],
)
def test_every_layout_is_recognised_by_its_header(
    tmp_path: Path, header: list[str], layout: str
) -> None:
    found = imported(tmp_path, table(header, *HISTORY))
    assert summary(found) == EXPECTED
    (report,) = found.reports
    assert (report.layout, report.rows_used, report.skipped) == (
        layout,
        2,
        (("Service Fee", 1), ("Withdrawal", 1)),
    )


def test_the_first_column_of_each_meaning_is_read() -> None:
    """Client team before Team, Transaction ID before Ref ID, Transaction Summary first."""
    header = [
        "Team",
        "Client team",
        "Ref ID",
        "Transaction ID",
        "Description 1",
        "Transaction Summary",
        "Date",
        "Type",
        "Amount",
    ]
    text = table(header)
    text += (
        '"Acme agency",Acme,1,7,Milestone 1: Wrong,Milestone 1: Right,2026-01-05,Milestone,5\r\n'
    )
    text += '"Acme agency",Acme,2,7,x,y,2026-01-05,Milestone,5\r\n'  # Transaction ID 7 again
    report, rows = upwork.read_history_text(text, Path("h.csv"))
    assert [(r.client, r.description) for r in rows] == [("Acme", "Milestone 1: Right")]
    assert report.repeats == 1


def test_bom_crlf_and_quoted_line_breaks_are_read(tmp_path: Path) -> None:
    rows = [pay("Oct 2, 2026", "Fixed Price", "Acme", "$5.00", text="Milestone 1: Two\r\nlines")]
    text = "\ufeff" + table(CURRENT, *rows)
    found = imported(tmp_path, text)
    assert found.contracts[0].title == "Two\r\nlines"
    assert found.reports[0].encoding == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "cp1252"])
def test_a_file_in_a_windows_encoding_is_read(tmp_path: Path, encoding: str) -> None:
    text = table(LEGACY, pay("Oct 2, 2026", "Hourly", "Café Zoë", "$5.00"))
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        data = b"\xff\xfe" + data
    path = tmp_path / "history.csv"
    path.write_bytes(data)
    found = read_transaction_history([path])
    assert found.contracts[0].client == "Café Zoë"
    assert found.reports[0].encoding == ("cp1252" if encoding == "cp1252" else "utf-16")
    assert found.reports[0].line().startswith(f"{path}: legacy layout (13 columns), ")


# Values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("$258.00", "258.00"),
        ("-$4.13", "-4.13"),
        ("1,250.00", "1250.00"),
        ("-22.92", "-22.92"),
        ("$ 1,234,567.89", "1234567.89"),
        ("7", "7"),
    ],
)
def test_amounts_in_each_form_seen_are_kept_exactly(
    tmp_path: Path, written: str, amount: str
) -> None:
    rows = [
        pay("2026-01-05", "Hourly", "Acme", "$10,000.00"),
        pay("2026-01-06", "Hourly", "Acme", written),
    ]
    found = imported(tmp_path, table(CURRENT, *rows))
    assert found.rows[1].amount.as_tuple() == Decimal(amount).as_tuple()


@pytest.mark.parametrize(
    "written", ["Oct 2, 2026", "October 2, 2026", "2026-10-02", " oct 02 , 2026 "]
)
def test_dates_in_each_form_seen(tmp_path: Path, written: str) -> None:
    found = imported(tmp_path, table(CURRENT, pay(written, "Hourly", "Acme", "5")))
    assert found.rows[0].date == D("2026-10-02")


@pytest.mark.parametrize(
    ("kind", "amount", "becomes", "paid"),
    [
        ("Hourly", "5", "hourly", "5"),
        ("HOURLY", "5", "hourly", "5"),
        ("Fixed Price", "5", "fixed", "5"),
        ("fixed-price", "5", "fixed", "5"),
        ("Milestone", "5", "fixed", "5"),
        (" Fixed  price ", "5", "fixed", "5"),
        ("Bonus", "5", "bonus", "5"),
        ("Refund", "-5", "refund", "-5"),
        ("Refund to client", "5", "refund", "-5"),
        ("refund", "$5.00", "refund", "-5.00"),
    ],
)
def test_payment_types_in_each_spelling(
    tmp_path: Path, kind: str, amount: str, becomes: str, paid: str
) -> None:
    rows = [pay("2026-01-05", "Hourly", "Acme", "100"), pay("2026-01-06", kind, "Acme", amount)]
    found = imported(tmp_path, table(LEGACY, *rows))
    assert (found.rows[1].kind, str(found.rows[1].amount)) == (becomes, paid)


def test_a_row_shorter_than_the_header_reads_empty_cells_and_a_longer_one_is_cut(
    tmp_path: Path,
) -> None:
    text = "Date,Type,Team,Amount,Notes,Balance\r\n"
    text += "2026-01-05,Hourly,Acme,100,,$1\r\n"
    text += "2026-01-06,Hourly,Acme,200\r\n"  # no balance: pending
    text += "2026-01-07,Hourly,Acme,300,x,$1,more,cells\r\n"
    found = imported(tmp_path, text)
    assert [str(r.amount) for r in found.rows] == ["100", "300"]
    assert found.reports[0].pending == 1


def test_blank_rows_are_skipped_and_not_numbered(tmp_path: Path) -> None:
    text = "Date,Type,Team,Amount\r\n,,,\r\n\r\n2026-01-05,Hourly,Acme,100\r\n  , ,\r\n"
    text += "2026-01-06,Hourly,Acme,bad\r\n"
    with pytest.raises(UpworkError) as info:
        imported(tmp_path, text)
    assert info.value.row == 2


# Skipped rows ----------------------------------------------------------------------------------


def test_fee_withdrawal_and_other_rows_are_skipped_and_counted_by_type(tmp_path: Path) -> None:
    spelled = [
        "Service Fee",
        "Service fee refund",
        "Withdrawal",
        "Withdrawal Fee",
        "Connects",
        "Membership Fee",
        "Subscription",
        "VAT",
        "GST",
        "Payment",
        "Miscellaneous",
    ]
    assert {s.lower() for s in spelled} == SKIPPED_TYPES
    rows = [pay("not a date", kind, "", "not an amount") for kind in spelled]
    rows += [pay("x", "SERVICE FEE", "", "y"), pay("2026-01-05", "Hourly", "Acme", "5")]
    found = imported(tmp_path, table(CURRENT, *rows))
    counts = dict(found.reports[0].skipped)
    assert counts == {**dict.fromkeys(spelled, 1), "Service Fee": 2}
    assert found.reports[0].unknown == ()
    assert found.reports[0].rows_used == 1


def test_unknown_types_are_skipped_and_named_with_their_count(tmp_path: Path) -> None:
    rows = [
        pay("x", "Adjustment", "Acme", "y"),
        pay("x", "ADJUSTMENT", "Acme", "y"),
        pay("x", "", "Acme", "y"),
        pay("2026-01-05", "Hourly", "Acme", "5"),
    ]
    found = imported(tmp_path, table(CURRENT, *rows))
    assert found.reports[0].unknown == (("Adjustment", 2), ("", 1))
    assert (
        found.reports[0]
        .line()
        .endswith("1 row used; skipped 2 Adjustment (unknown type), 1 (no type) (unknown type)")
    )
    assert found.summary.endswith(" Rows of unknown types skipped: Adjustment (2), (no type) (1).")


def test_pending_rows_are_skipped_and_counted_before_anything_else(tmp_path: Path) -> None:
    rows = [
        pay("Dec 9, 2026", "Hourly", "Acme", "$400.00", balance=" "),
        pay("bad date", "Hourly", "", "bad amount", balance=""),
        pay("2026-01-05", "Hourly", "Acme", "5"),
    ]
    found = imported(tmp_path, table(CURRENT, *rows))
    assert (found.reports[0].pending, found.reports[0].rows_used) == (2, 1)


def test_without_a_balance_column_no_row_is_pending(tmp_path: Path) -> None:
    found = imported(
        tmp_path,
        table(["Date", "Type", "Team", "Amount"], pay("2026-01-05", "Hourly", "Acme", "5")),
    )
    assert (found.reports[0].pending, found.reports[0].rows_used) == (0, 1)


def test_a_payment_of_0_is_skipped_and_counted(tmp_path: Path) -> None:
    rows = [
        pay("2026-01-05", "Hourly", "Acme", "$0.00"),
        pay("2026-01-06", "Refund", "Acme", "-0"),
        pay("2026-01-07", "Hourly", "Acme", "5"),
    ]
    found = imported(tmp_path, table(CURRENT, *rows))
    assert (found.reports[0].zero, found.reports[0].rows_used) == (2, 1)
    assert found.reports[0].line().endswith("1 row used; skipped 2 of $0")


# Repeats ---------------------------------------------------------------------------------------


def test_rows_repeated_across_overlapping_files_count_once(tmp_path: Path) -> None:
    older = table(
        LEGACY,
        pay("Jan 5, 2026", "Hourly", "Acme", "$100.00", id="1"),
        pay("Jan 12, 2026", "Hourly", "Acme", "$200.00", id="2"),
    )
    newer = table(
        CURRENT,
        pay("Jan 12, 2026", "Hourly", "ACME", "$200.00", id="2"),
        pay("Jan 19, 2026", "Hourly", "Acme", "$300.00", id="3"),
        pay("Jan 19, 2026", "Hourly", "Acme", "$300.00", id="3"),
    )
    paths = [write(tmp_path, "2026-01.csv", older), write(tmp_path, "2026-02.csv", newer)]
    found = read_transaction_history(paths)
    assert [r.repeats for r in found.reports] == [0, 2]
    assert [str(p.amount) for p in found.contracts[0].payments] == ["100.00", "200.00", "300.00"]
    assert found.rows[1].source == str(paths[0])  # the first read is kept


def test_a_repeat_is_the_same_id_date_and_amount_as_written(tmp_path: Path) -> None:
    rows = [
        pay("Jan 5, 2026", "Hourly", "Acme", "$100.00", id="1"),
        pay("Jan 5, 2026", "Hourly", "Acme", "100.00", id="1"),  # another amount text
        pay("2026-01-05", "Hourly", "Acme", "$100.00", id="1"),  # another date text
        pay("Jan 5, 2026", "Hourly", "Acme", "$100.00", id="2"),
        pay(" Jan 5, 2026 ", "Hourly", "Acme", " $100.00", id=" 1 "),  # trimmed: a repeat
        pay("Jan 5, 2026", "Hourly", "Acme", "$100.00"),  # no id: never a repeat
        pay("Jan 5, 2026", "Hourly", "Acme", "$100.00"),
    ]
    found = imported(tmp_path, table(CURRENT, *rows))
    assert (found.reports[0].rows_used, found.reports[0].repeats) == (6, 1)


def test_a_pending_row_paid_in_a_later_file_is_read_there(tmp_path: Path) -> None:
    first = table(CURRENT, pay("Jan 5, 2026", "Hourly", "Acme", "$100.00", id="1", balance=""))
    later = table(CURRENT, pay("Jan 5, 2026", "Hourly", "Acme", "$100.00", id="1"))
    paths = [write(tmp_path, "a.csv", first), write(tmp_path, "b.csv", later)]
    found = read_transaction_history(paths)
    assert [(r.pending, r.rows_used, r.repeats) for r in found.reports] == [(1, 0, 0), (0, 1, 0)]


def test_a_repeated_fee_counts_as_a_repeat(tmp_path: Path) -> None:
    fee = pay("Jan 5, 2026", "Service Fee", "Acme", "-$10.00", id="9")
    found = imported(tmp_path, table(CURRENT, fee, fee))
    assert (found.reports[0].skipped, found.reports[0].repeats) == ((("Service Fee", 1),), 1)


# Grouping through the reader -------------------------------------------------------------------


def test_the_split_gap_and_grouping_again_from_the_rows(tmp_path: Path) -> None:
    rows = [
        pay("2026-01-05", "Hourly", "Acme", "100"),
        pay("2026-03-09", "Hourly", "Acme", "100"),
        pay("2026-03-10", "Bonus", "Acme", "25"),
    ]
    text = table(CURRENT, *rows)
    assert len(imported(tmp_path, text).contracts) == 1
    found = imported(tmp_path, text, split_gap=30)
    assert summary(found) == [
        ("u1", "Acme", "hourly", "2026-01-05", "2026-01-05=100"),
        ("u2", "Acme", "hourly", "2026-03-09", "2026-03-09=100;2026-03-10=25"),
    ]
    assert group_payments(found.rows) == imported(tmp_path, text).contracts
    assert group_payments(found.rows, 30) == found.contracts


def test_a_client_is_spelled_as_in_its_first_row_read(tmp_path: Path) -> None:
    first = table(LEGACY, pay("2026-03-01", "Hourly", " acme corp ", "5"))
    second = table(LEGACY, pay("2026-01-05", "Hourly", "Acme Corp", "5"))
    paths = [write(tmp_path, "a.csv", first), write(tmp_path, "b.csv", second)]
    found = read_transaction_history(paths)
    assert [(c.client, str(c.start)) for c in found.contracts] == [("acme corp", "2026-01-05")]


# Reports ---------------------------------------------------------------------------------------


def test_the_report_line_and_summary(tmp_path: Path) -> None:
    path = write(tmp_path, "statements.csv", table(LEGACY, *HISTORY))
    found = read_transaction_history([path, path])
    assert [r.line() for r in found.reports] == [
        f"{path}: legacy layout (13 columns), UTF-8; 2 rows used; skipped 1 Service Fee, "
        "1 Withdrawal",
        f"{path}: legacy layout (13 columns), UTF-8; 0 rows used; skipped 4 repeated",
    ]
    assert found.summary == (
        "2 contracts of 2 clients from 2 payments in 2 files, 2026-09-04 to 2026-10-02, "
        "earnings $1,650.00."
    )
    assert found.reports[0] == FileReport(
        path, "legacy layout (13 columns)", "utf-8", 2, (("Service Fee", 1), ("Withdrawal", 1))
    )


def test_a_file_without_payments(tmp_path: Path) -> None:
    found = imported(tmp_path, table(CURRENT, pay("2026-01-05", "Withdrawal", "", "-5")))
    assert found.contracts == ()
    assert found.rows == ()
    assert found.summary == "No payments in 1 file: no contract."
    one = FileReport(Path("a.csv"), OTHER_LAYOUT, "utf-8", 1)
    assert one.line() == f"a.csv: {OTHER_LAYOUT}, UTF-8; 1 row used"
    assert UpworkImport((), (one, one)).summary == "No payments in 2 files: no contract."
