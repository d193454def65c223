"""Every error of the Upwork import: one line naming the file, row, column and text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jsswhatif.io import upwork
from jsswhatif.io.errors import DocumentFileError
from jsswhatif.io.upwork import UpworkError, read_transaction_history

HEADER = (
    "Date,Transaction ID,Transaction Type,Transaction Summary,Client team,Amount $,"
    "Current Balance $"
)


def failure(folder: Path, *lines: str, name: str = "history.csv") -> UpworkError:
    path = folder / name
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    with pytest.raises(UpworkError) as info:
        read_transaction_history([path])
    error = info.value
    assert isinstance(error, DocumentFileError)
    assert error.path == path
    assert "\n" not in str(error)
    return error


def where(error: UpworkError) -> tuple[int, str, str, str]:
    return error.row, error.column, error.text, error.problem


@pytest.mark.parametrize(
    ("cells", "column", "text", "problem"),
    [
        (
            '"Oct 32, 2026",1,Hourly,x,Acme,$5.00,$5.00',
            "Date",
            "Oct 32, 2026",
            "is not a real calendar day",
        ),
        (
            "10/02/2026,1,Hourly,x,Acme,$5.00,$5.00",
            "Date",
            "10/02/2026",
            "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02",
        ),
        (
            ",1,Bonus,x,Acme,$5.00,$5.00",
            "Date",
            "",
            "is not a date like Oct 2, 2026, October 2, 2026 or 2026-10-02",
        ),
        (
            "2026-10-02,1,Fixed Price,x,Acme,$-5.00,$5.00",
            "Amount $",
            "$-5.00",
            "is not an amount like 500, -$4.13 or $1,250.50",
        ),
        (
            "2026-10-02,1,Refund,x,Acme,5 USD,$5.00",
            "Amount $",
            "5 USD",
            "is not an amount like 500, -$4.13 or $1,250.50",
        ),
        (
            "2026-10-02,1,Hourly,x,Acme,,$5.00",
            "Amount $",
            "",
            "is not an amount like 500, -$4.13 or $1,250.50",
        ),
        (
            "2026-10-02,1,Hourly,x,  ,$5.00,$5.00",
            "Client team",
            "  ",
            "is blank: client is required",
        ),
    ],
    ids=[
        "no such day",
        "us date",
        "no date",
        "sign after $",
        "currency code",
        "no amount",
        "no client",
    ],
)
def test_a_bad_value_on_a_payment_row_names_file_row_column_and_text(
    tmp_path: Path, cells: str, column: str, text: str, problem: str
) -> None:
    error = failure(tmp_path, HEADER, "2026-10-01,0,Hourly,x,Acme,$5.00,$5.00", cells)
    assert where(error) == (2, column, text, problem)
    assert str(error) == f"{tmp_path / 'history.csv'}: row 2, column {column!r}: {text!r} {problem}"


def test_the_column_is_named_as_the_header_writes_it(tmp_path: Path) -> None:
    error = failure(tmp_path, "  DATE ,TYPE,team,AMOUNT", "2026-13-01,Hourly,Acme,5")
    assert where(error) == (1, "DATE", "2026-13-01", "is not a real calendar day")


def test_a_long_text_is_shortened_in_the_message(tmp_path: Path) -> None:
    long = "9" * 80
    error = failure(tmp_path, "Date,Type,Team,Amount", f"2026-01-05,Hourly,Acme,{long}x")
    assert error.text == f"{long}x"
    assert f"'{'9' * 57}...' is not an amount" in str(error)


def test_a_file_lacking_a_required_column_says_which_are_missing_and_found(tmp_path: Path) -> None:
    error = failure(tmp_path, "Date, Ref ID ,Type,Notes", "2026-01-05,1,Hourly,x")
    assert where(error) == (0, "", "", error.problem)
    assert str(error) == (
        f"{tmp_path / 'history.csv'}: is not a transaction history: missing columns "
        "client (Client team or Team); amount (Amount $ or Amount); "
        "columns found: 'Date', 'Ref ID', 'Type', 'Notes'"
    )


def test_a_contracts_csv_is_no_transaction_history(tmp_path: Path) -> None:
    error = failure(tmp_path, "client,start,earnings", "Acme,2026-01-05,100")
    assert error.problem == (
        "is not a transaction history: missing columns date (Date); type (Transaction Type or "
        "Type); client (Client team or Team); amount (Amount $ or Amount); columns found: "
        "'client', 'start', 'earnings'"
    )


@pytest.mark.parametrize("text", ["", "\r\n", " , ,\r\n\r\n"])
def test_an_empty_file_is_no_transaction_history(tmp_path: Path, text: str) -> None:
    path = tmp_path / "empty.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UpworkError) as info:
        read_transaction_history([path])
    assert str(info.value) == f"{path}: is empty: no header row, no transaction history"


def test_a_header_without_rows_is_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(HEADER + "\r\n", encoding="utf-8")
    found = read_transaction_history([path])
    assert (found.contracts, found.reports[0].rows_used) == ((), 0)


def test_bad_csv_names_the_record_and_line(tmp_path: Path) -> None:
    error = failure(
        tmp_path, "Date,Type,Team,Amount", "2026-01-05,Hourly,Acme,5", '2026-01-06,"Hourly"x,Acme,5'
    )
    assert where(error)[:3] == (2, "", "")
    assert error.problem == "is not CSV (line 3): ',' expected after '\"'"
    error = failure(tmp_path, 'Date,"Type,Team,Amount')
    assert (error.row, error.problem) == (0, "is not CSV (line 1): unexpected end of data")


def test_refunds_above_the_payments_name_the_refund_and_the_client(tmp_path: Path) -> None:
    first = tmp_path / "a.csv"
    first.write_text(f"{HEADER}\r\n2026-01-05,1,Fixed Price,x,Acme Corp,$400.00,$1\r\n")
    second = tmp_path / "b.csv"
    second.write_text(
        f"{HEADER}\r\n2026-01-09,2,Bonus,x,Acme Corp,$5.00,$1\r\n"
        "2026-01-20,3,Refund,x,Acme Corp,-$500.00,$1\r\n"
    )
    with pytest.raises(UpworkError) as info:
        read_transaction_history([first, second])
    assert str(info.value) == (
        f"{second}: row 2, column 'Amount $': '-$500.00' makes the refunds to client "
        "'Acme Corp' exceed the payments of its fixed contract (they sum to -95.00)"
    )


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda folder: folder, "is not a regular file"),
        (lambda folder: folder / "missing.csv", "cannot be read: No such file or directory"),
    ],
    ids=["folder", "missing"],
)
def test_a_file_that_cannot_be_read_is_refused(tmp_path: Path, make, problem: str) -> None:
    path = make(tmp_path)
    with pytest.raises(UpworkError) as info:
        read_transaction_history([path])
    assert str(info.value) == f"{path}: {problem}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "history.csv"
    os.mkfifo(pipe)
    with pytest.raises(UpworkError, match=r"is not a regular file$"):
        read_transaction_history([pipe])


def test_a_huge_file_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert upwork.MAX_FILE_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(upwork, "MAX_FILE_BYTES", 1024 * 1024)
    path = tmp_path / "huge.csv"
    path.write_bytes(HEADER.encode() + b"\r\n" + b"x" * 1024 * 1024)
    with pytest.raises(UpworkError) as info:
        read_transaction_history([path])
    assert str(info.value) == f"{path}: is larger than 1 MB: not read"


def test_bytes_in_no_known_encoding_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(HEADER.encode() + b"\r\n\x81")
    with pytest.raises(UpworkError) as info:
        read_transaction_history([path])
    offset = len(HEADER) + 2
    assert info.value.problem == (
        f"is neither UTF-8 nor Windows-1252 text (byte 0x81 at offset {offset})"
    )


def test_a_negative_split_gap_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text(HEADER + "\r\n", encoding="utf-8")
    with pytest.raises(ValueError, match="split gap -1 is negative"):
        read_transaction_history([path], split_gap=-1)
