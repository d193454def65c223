"""Contracts CSV in and out (interfaces.md, "Contracts CSV"): every rule, with the text as input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsswhatif.core.contracts import CONTRACT_FIELDS, Contract, Payment, make_contract
from jsswhatif.core.domain import AMOUNT_DECIMALS, AMOUNT_LIMIT, FIRST_DATE, LAST_DATE
from jsswhatif.core.engine import evaluate
from jsswhatif.core.rules import HISTORICAL, PRESETS, Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.io.contracts_csv import (
    CsvError,
    format_contracts_csv,
    parse_contracts_csv,
    read_contracts_csv,
    write_contracts_csv,
)

HEADER = (
    "id,client,title,kind,start,end,earnings,last_paid,public,private,feedback_date,"
    "disputed,client_flagged,excluded"
)
#: What export writes: every column, payments last (interfaces.md, version 2).
EXPORT_HEADER = HEADER + ",payments"
SAMPLE = f"""{HEADER}
c1,Acme Corp,Landing page redesign,fixed,2026-03-02,2026-07-15,"$1,800.00",,5,10,2026-07-20,no,no,no
c2,Beta LLC,Ongoing backend support,hourly,2025-08-15,,"$6,400.00",2026-11-20,,,,no,no,no
c3,Gamma Studio,Logo refresh,fixed,2026-06-01,2026-06-28,$450,,4.0,8,,no,no,no
c4,Delta Co,Data migration,hourly,2025-01-06,2025-06-30,"$2,000",,5,,,no,no,no
c5,Acme Corp,Bug fixes,hourly,2026-09-01,2026-10-31,$240,,,,,no,no,no
"""
D = dt.date


def exact(contract: Contract) -> dict[str, str]:
    """Every field as its repr, so Decimal('4.0') and Decimal('4') differ."""
    return {name: repr(getattr(contract, name)) for name in CONTRACT_FIELDS}


def rows(*records: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(records)
    return buffer.getvalue()


def one(text: str, **kw: Any) -> Contract:
    (contract,) = parse_contracts_csv(text, **kw)
    return contract


def cell(column: str, text: str) -> Contract:
    """The contract of a single row holding ``text`` in ``column`` (next to client and start)."""
    return one(rows(["client", "start", column], ["Acme", "2026-01-05", text]))


def failure(text: str, **kw: Any) -> CsvError:
    with pytest.raises(CsvError) as info:
        parse_contracts_csv(text, source="contracts.csv", **kw)
    return info.value


def where(error: CsvError) -> tuple[int, str, str, str | None]:
    return error.row, error.column, error.text, error.contract_id


def cell_failure(column: str, text: str) -> tuple[int, str, str, str | None, str]:
    error = failure(rows(["client", "start", column], ["Acme", "2026-01-05", text]))
    return (*where(error), error.problem)


# --- the sample of interfaces.md ---------------------------------------------------------------


def test_sample_imports_to_the_exact_values() -> None:
    expected = [
        make_contract(
            id="c1",
            client="Acme Corp",
            title="Landing page redesign",
            kind="fixed",
            start=D(2026, 3, 2),
            end=D(2026, 7, 15),
            earnings=Decimal("1800.00"),
            public=Decimal("5"),
            private=10,
            feedback_date=D(2026, 7, 20),
        ),
        make_contract(
            id="c2",
            client="Beta LLC",
            title="Ongoing backend support",
            kind="hourly",
            start=D(2025, 8, 15),
            earnings=Decimal("6400.00"),
            last_paid=D(2026, 11, 20),
        ),
        make_contract(
            id="c3",
            client="Gamma Studio",
            title="Logo refresh",
            kind="fixed",
            start=D(2026, 6, 1),
            end=D(2026, 6, 28),
            earnings=Decimal("450"),
            public=Decimal("4.0"),
            private=8,
        ),
        make_contract(
            id="c4",
            client="Delta Co",
            title="Data migration",
            start=D(2025, 1, 6),
            end=D(2025, 6, 30),
            earnings=Decimal("2000"),
            public=Decimal("5"),
        ),
        make_contract(
            id="c5",
            client="Acme Corp",
            title="Bug fixes",
            start=D(2026, 9, 1),
            end=D(2026, 10, 31),
            earnings=Decimal("240"),
        ),
    ]
    got = parse_contracts_csv(SAMPLE)
    assert [exact(c) for c in got] == [exact(c) for c in expected]
    assert str(got[0].earnings) == "1800.00"
    assert str(got[2].public) == "4.0"


def test_sample_exports_in_the_documented_form() -> None:
    assert format_contracts_csv(parse_contracts_csv(SAMPLE)).splitlines() == [
        EXPORT_HEADER,
        "c1,Acme Corp,Landing page redesign,fixed,2026-03-02,2026-07-15,1800.00,,5,10,"
        "2026-07-20,false,false,false,",
        "c2,Beta LLC,Ongoing backend support,hourly,2025-08-15,,6400.00,2026-11-20,,,,"
        "false,false,false,",
        "c3,Gamma Studio,Logo refresh,fixed,2026-06-01,2026-06-28,450,,4.0,8,,false,false,false,",
        "c4,Delta Co,Data migration,hourly,2025-01-06,2025-06-30,2000,,5,,,false,false,false,",
        "c5,Acme Corp,Bug fixes,hourly,2026-09-01,2026-10-31,240,,,,,false,false,false,",
    ]


def test_export_writes_plain_decimals_iso_dates_and_true_false() -> None:
    contract = make_contract(
        id="x",
        client='Acme, "Inc"',
        start=D(2026, 1, 5),
        earnings=Decimal("1E+3"),
        last_paid=D(2026, 2, 1),
        public=Decimal("4.50"),
        private=0,
        disputed=True,
        excluded=True,
    )
    assert format_contracts_csv([contract]) == (
        EXPORT_HEADER + "\r\n"
        'x,"Acme, ""Inc""",,hourly,2026-01-05,,1000,2026-02-01,4.50,0,,true,false,true,\r\n'
    )
    assert format_contracts_csv([]) == EXPORT_HEADER + "\r\n"


# --- header ------------------------------------------------------------------------------------


def test_header_names_are_trimmed_and_lower_cased_and_may_come_in_any_order() -> None:
    contract = one(" START ,Client,  Id\n2026-01-05,Acme,x7\n")
    assert (contract.id, contract.client, contract.start) == ("x7", "Acme", D(2026, 1, 5))


def test_header_matching_does_nothing_more_than_trim_and_lower() -> None:
    error = failure("client,start,Last Paid\nAcme,2026-01-05,\n")
    assert where(error) == (0, "last paid", "Last Paid", None)
    assert "'last paid'" in error.problem


def test_unknown_columns_are_an_error_naming_all_of_them() -> None:
    error = failure("client,notes,start,Rate \nAcme,x,2026-01-05,3\n")
    assert where(error) == (0, "notes", "notes", None)
    assert "unknown: 'notes', 'rate';" in error.problem
    assert str(error).startswith("contracts.csv: header, column 'notes': 'notes' is not a")


def test_unknown_columns_can_be_ignored() -> None:
    contract = one("client,notes,start\nAcme,x,2026-01-05\n", ignore_unknown_columns=True)
    assert exact(contract) == exact(make_contract(id="c1", client="Acme", start=D(2026, 1, 5)))


@pytest.mark.parametrize("ignore", [False, True])
def test_duplicate_headers_are_an_error(ignore: bool) -> None:
    error = failure("id,client,start, ID\nc1,Acme,2026-01-05,c2\n", ignore_unknown_columns=ignore)
    assert where(error) == (0, "id", " ID", None)
    assert error.problem == "repeats header column 1"
    error = failure("notes,client,start,notes\n,Acme,2026-01-05,\n", ignore_unknown_columns=True)
    assert where(error) == (0, "notes", "notes", None)


def test_an_empty_header_name_is_an_error() -> None:
    error = failure("client,start, \nAcme,2026-01-05,\n", ignore_unknown_columns=True)
    assert where(error) == (0, "", " ", None)
    assert str(error) == "contracts.csv: header column 3 has no name"


@pytest.mark.parametrize(("header", "missing"), [("id,start", "client"), ("client,end", "start")])
def test_client_and_start_columns_are_required(header: str, missing: str) -> None:
    error = failure(header + "\n")
    assert where(error) == (0, missing, "", None)
    assert str(error) == f"contracts.csv: header, column '{missing}': required column is missing"


@pytest.mark.parametrize("text", ["", "\n", " , \n\n,,\r\n"])
def test_a_file_without_a_header_row_is_an_error(text: str) -> None:
    assert str(failure(text)) == "contracts.csv: has no header row"


def test_a_header_without_data_rows_is_an_empty_valid_file() -> None:
    assert parse_contracts_csv(HEADER + "\n\n , \n") == ()
    assert parse_contracts_csv("client,start") == ()


def test_a_utf8_byte_order_mark_is_accepted() -> None:
    assert one("\ufeffclient,start\nAcme,2026-01-05\n").client == "Acme"


# --- rows --------------------------------------------------------------------------------------


def test_blank_rows_are_skipped_and_not_numbered() -> None:
    text = "client,start\n\nA,2026-01-05\n , \n,\n\nB,2026-01-06\n"
    assert [c.id for c in parse_contracts_csv(text)] == ["c1", "c2"]
    error = failure(text + "\n , \nC,2026-02-30\n")
    assert where(error) == (3, "start", "2026-02-30", "c3")


def test_a_row_with_a_different_number_of_fields_is_an_error() -> None:
    error = failure("client,start\nA,2026-01-05\nB,2026-01-06,\n")
    assert where(error) == (2, "", "", None)
    assert str(error) == "contracts.csv: row 2: has 3 fields, the header has 2"
    assert where(failure("client,start,end\nA,2026-01-05\n")) == (1, "", "", None)


def test_row_numbers_count_records_not_lines() -> None:
    text = 'client,title,start\nA,"two\nlines",2026-01-05\nB,"three\r\nlong\nlines",2026-01-05\n'
    assert [c.title for c in parse_contracts_csv(text)] == ["two\nlines", "three\r\nlong\nlines"]
    error = failure(text + "C,,2026-13-01\n")
    assert where(error) == (3, "start", "2026-13-01", "c3")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('client,start\nA,"x"y\n', "row 1: bad CSV (line 2): ',' expected after '\"'"),
        ('client,start\nA,2026-01-05\nB,"x\n', "row 2: bad CSV (line 3): unexpected end of data"),
        ('"client,start\n', "bad CSV (line 1): unexpected end of data"),
    ],
)
def test_broken_quoting_is_an_error(text: str, message: str) -> None:
    assert str(failure(text)) == f"contracts.csv: {message}"


# --- cells -------------------------------------------------------------------------------------


def test_ids_are_trimmed_compared_case_sensitively_and_generated_from_the_row_number() -> None:
    text = "id,client,start\n  a1 ,A,2026-01-05\nA1,B,2026-01-05\n,C,2026-01-05\n  ,D,2026-01-05\n"
    assert [c.id for c in parse_contracts_csv(text)] == ["a1", "A1", "c3", "c4"]
    assert [c.id for c in parse_contracts_csv("client,start\nA,2026-01-05\nB,2026-01-05\n")] == [
        "c1",
        "c2",
    ]


def test_a_duplicate_explicit_id_is_an_error() -> None:
    error = failure("id,client,start\nx,A,2026-01-05\ny,B,2026-01-05\n x ,C,2026-01-05\n")
    assert where(error) == (3, "id", " x ", "x")
    assert error.problem == "gives id 'x', already used by row 1"


def test_a_generated_id_that_repeats_an_explicit_one_is_an_error() -> None:
    error = failure("id,client,start\nc2,A,2026-01-05\n,B,2026-01-05\n")
    assert where(error) == (2, "id", "", "c2")
    assert str(error) == (
        "contracts.csv: row 2, column 'id': '' gives id 'c2', already used by row 1 (contract 'c2')"
    )


def test_client_is_trimmed_and_must_not_be_blank() -> None:
    assert cell("title", " x ").client == "Acme"
    assert one("client,start\n  Acme Corp \t,2026-01-05\n").client == "Acme Corp"
    error = failure("client,start\n   ,2026-01-05\n")
    assert where(error) == (1, "client", "   ", "c1")
    assert error.problem == "is blank: client is required"


def test_title_is_kept_as_written() -> None:
    assert cell("title", "  Logo, v2 ").title == "  Logo, v2 "


@pytest.mark.parametrize(
    ("text", "kind"), [("", "hourly"), (" ", "hourly"), ("fixed", "fixed"), (" HOURLY ", "hourly")]
)
def test_kind(text: str, kind: str) -> None:
    assert cell("kind", text).kind == kind


@pytest.mark.parametrize("text", ["part-time", "fix", "hourly fixed"])
def test_a_bad_kind_is_an_error(text: str) -> None:
    assert cell_failure("kind", text) == (1, "kind", text, "c1", "is not a kind: hourly or fixed")


@pytest.mark.parametrize("column", ["disputed", "client_flagged", "excluded"])
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True), (" TRUE ", True), ("Yes", True), ("1", True),
        ("false", False), ("No", False), ("0", False), ("", False), ("  ", False),
    ],
)  # fmt: skip
def test_booleans(column: str, text: str, value: bool) -> None:
    assert getattr(cell(column, text), column) is value


@pytest.mark.parametrize("text", ["y", "n", "t", "2", "on", "yes please"])
def test_a_bad_boolean_is_an_error(text: str) -> None:
    problem = "is not true/false, yes/no or 1/0"
    assert cell_failure("excluded", text) == (1, "excluded", text, "c1", problem)


@pytest.mark.parametrize("column", ["end", "last_paid", "feedback_date"])
def test_dates_are_trimmed_and_empty_means_none(column: str) -> None:
    earnings = "1" if column == "last_paid" else "0"
    record = ["Acme", "2026-01-05", earnings, " 2026-02-28\t"]
    contract = one(rows(["client", "start", "earnings", column], record))
    assert getattr(contract, column) == D(2026, 2, 28)
    assert getattr(cell(column, "  "), column) is None


@pytest.mark.parametrize(
    "text",
    ["2026-2-3", "2026/02/03", "20260203", "03.02.2026", "2026-02-03T00:00", "２０２６-01-05"],
)
def test_a_date_not_written_yyyy_mm_dd_is_an_error(text: str) -> None:
    assert cell_failure("end", text) == (1, "end", text, "c1", "is not a date YYYY-MM-DD")


@pytest.mark.parametrize("text", ["2026-02-29", "2026-13-01", "2026-04-31", "0000-01-01"])
def test_a_date_that_is_no_real_day_is_an_error(text: str) -> None:
    assert cell_failure("end", text) == (1, "end", text, "c1", "is not a real calendar day")


def test_an_empty_start_is_an_error() -> None:
    error = failure("client,start\nAcme, \n")
    assert where(error) == (1, "start", " ", "c1")
    assert error.problem == "is empty: start is required (YYYY-MM-DD)"


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("", "0"), ("  ", "0"), ("0", "0"), ("$0.00", "0.00"), ("-0", "0"),
        ("1234.5", "1234.5"), ("$1,234.50", "1234.50"), (" $ 1 234 .50 ", "1234.50"),
        ("1,234,567.891", "1234567.891"), ("0012", "12"), ("999", "999"), ("$5", "5"),
    ],
)  # fmt: skip
def test_earnings(text: str, amount: str) -> None:
    assert repr(cell("earnings", text).earnings) == repr(Decimal(amount))


@pytest.mark.parametrize(
    "text",
    [
        "1e3", "1E+3", "1,234,50", "1234,50", "12,34", "1,2345", "1234,567", ",123", "USD 100",
        "100 USD", "100$", "€100", "$", ".5", "5.", "1.2.3", "$$5", "--5", "-$-5", "1_000",
        "(5)", "+5", "٣",
    ],
)  # fmt: skip
def test_bad_earnings_are_an_error(text: str) -> None:
    problem = "is not an amount like 1234.50 or $1,234.50"
    assert cell_failure("earnings", text) == (1, "earnings", text, "c1", problem)


@pytest.mark.parametrize("text", ["-5", "$-5", "-$1,000.00", " - 0.01"])
def test_negative_earnings_are_an_error(text: str) -> None:
    assert cell_failure("earnings", text) == (1, "earnings", text, "c1", "must be >= 0")


@pytest.mark.parametrize(
    ("text", "rating"), [("4.5", "4.5"), (" 4.50 ", "4.50"), ("5", "5"), ("1.0", "1.0")]
)
def test_public_is_kept_exactly(text: str, rating: str) -> None:
    assert repr(cell("public", text).public) == repr(Decimal(rating))
    assert cell("public", "").public is None


@pytest.mark.parametrize("text", ["4,5", "-4", "1e0", ".5", "5.", "four", "4.5 stars"])
def test_a_public_rating_not_written_as_digits_is_an_error(text: str) -> None:
    assert cell_failure("public", text) == (
        1,
        "public",
        text,
        "c1",
        "is not a rating like 5 or 4.5",
    )


@pytest.mark.parametrize("text", ["0.99", "5.01", "0", "10"])
def test_a_public_rating_outside_1_to_5_is_an_error(text: str) -> None:
    assert cell_failure("public", text) == (1, "public", text, "c1", "must be within 1 and 5")


def test_private_is_a_whole_number() -> None:
    assert cell("private", " 09 ").private == 9
    assert cell("private", "0").private == 0
    assert cell("private", "").private is None


@pytest.mark.parametrize("text", ["8.0", "-1", "8.5", "ten", "1e1"])
def test_a_private_answer_not_written_as_digits_is_an_error(text: str) -> None:
    problem = "is not a whole number 0-10"
    assert cell_failure("private", text) == (1, "private", text, "c1", problem)


@pytest.mark.parametrize("text", ["11", "100", "9" * 5000])
def test_a_private_answer_above_10_is_an_error(text: str) -> None:
    problem = "must be an integer within 0 and 10"
    assert cell_failure("private", text) == (1, "private", text, "c1", problem)


def test_the_message_shortens_a_long_cell() -> None:
    error = failure(rows(["client", "start", "private"], ["Acme", "2026-01-05", "9" * 5000]))
    assert str(error) == (
        f"contracts.csv: row 1, column 'private': '{'9' * 57}...' must be an integer within"
        " 0 and 10 (contract 'c1')"
    )


# --- rules between fields, and which error is reported -----------------------------------------


@pytest.mark.parametrize("column", ["end", "last_paid", "feedback_date"])
def test_a_date_before_start_is_reported_on_the_later_field(column: str) -> None:
    record = ["c9", "Acme", "2026-03-01", "5", "2026-02-28"]
    error = failure(rows(["id", "client", "start", "earnings", column], record))
    assert where(error) == (1, column, "2026-02-28", "c9")
    assert error.problem == "must be on or after start 2026-03-01"


def test_end_before_start_is_reported_on_end_even_when_end_comes_first() -> None:
    error = failure("end,kind,client,start\n2026-02-01,,Acme,2026-03-01\n")
    assert str(error) == (
        "contracts.csv: row 1, column 'end': '2026-02-01' must be on or after start 2026-03-01"
        " (contract 'c1')"
    )


def test_last_paid_with_no_earnings_is_reported_on_last_paid() -> None:
    error = failure("client,start,earnings,last_paid\nAcme,2026-01-05,$0.00,2026-02-01\n")
    assert where(error) == (1, "last_paid", "2026-02-01", "c1")
    assert error.problem == "must be empty when earnings are 0"


def test_the_message_is_one_line_naming_everything() -> None:
    text = "id,client,start,end\nc1,A,2026-01-05,\nc2,B,2026-01-05,\nc3,C,2026-01-05,2026-02-30\n"
    assert str(failure(text)) == (
        "contracts.csv: row 3, column 'end': '2026-02-30' is not a real calendar day"
        " (contract 'c3')"
    )


def test_the_first_error_in_row_order_is_reported() -> None:
    text = "client,start,end,private\nA,2026-01-05,,\nB,2026-01-05,,11\nC,2026-13-01,,\n"
    assert where(failure(text)) == (2, "private", "11", "c2")


@pytest.mark.parametrize(
    ("header", "record", "column"),
    [
        # two cells that do not parse: the earlier column wins
        ("private,client,start,public", ["x", "A", "2026-01-05", "x"], "private"),
        ("public,client,start,private", ["x", "A", "2026-01-05", "x"], "public"),
        # two model errors: the earlier column wins, whatever make_contract checks first
        ("private,client,start,public", ["11", "A", "2026-01-05", "7"], "private"),
        ("client,start,end,public", ["A", "2026-03-01", "2026-02-01", "7"], "end"),
        # a model error before a cell that does not parse, and the other way round
        ("client,start,end,earnings", ["A", "2026-03-01", "2026-02-01", "1e3"], "end"),
        ("client,start,kind,end", ["A", "2026-03-01", "bogus", "2026-02-01"], "kind"),
        ("client,public,start,kind", ["A", "7", "2026-03-01", "bogus"], "public"),
        # a rule whose other cell failed is not checked: that cell's own error stands
        ("client,last_paid,start,earnings", ["A", "2026-01-01", "2026-02-30", "5"], "start"),
        (
            "client,start,last_paid,earnings",
            ["A", "2026-01-05", "2026-01-09", "$1.2.3"],
            "earnings",
        ),
        ("last_paid,client,start,earnings", ["2026-02-01", "", "2026-01-05", "x"], "client"),
    ],
)
def test_within_a_row_the_first_error_in_file_column_order_is_reported(
    header: str, record: list[str], column: str
) -> None:
    names = header.split(",")
    error = failure(rows(names, record))
    assert (error.row, error.column, error.text) == (1, column, record[names.index(column)])


def test_a_duplicate_id_comes_before_errors_in_later_columns() -> None:
    error = failure("id,client,start,public\nc1,A,2026-03-01,\nc1,B,2026-13-01,7\n")
    assert where(error) == (2, "id", "c1", "c1")


# --- files -------------------------------------------------------------------------------------


def test_read_and_write_a_file(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    contracts = parse_contracts_csv(SAMPLE)
    write_contracts_csv(path, contracts)
    assert path.read_bytes().startswith(EXPORT_HEADER.encode() + b"\r\n")
    assert read_contracts_csv(path) == contracts
    write_contracts_csv(path, contracts[:1])
    assert read_contracts_csv(path) == contracts[:1]
    assert [p.name for p in tmp_path.glob("*contracts.csv*")] == ["contracts.csv"]


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_bytes(b"\xef\xbb\xbfclient,start\r\nCaf\xc3\xa9,2026-01-05\r\n")
    assert read_contracts_csv(path)[0].client == "Café"


def test_a_file_that_is_not_utf8_is_read_as_cp1252(tmp_path: Path) -> None:
    """Since version 2 (interfaces.md): what Windows spreadsheet programs write is read."""
    path = tmp_path / "contracts.csv"
    path.write_bytes(b"client,start\nCaf\xe9,2026-01-05\n")
    assert read_contracts_csv(path)[0].client == "Café"


def test_a_file_neither_utf8_nor_cp1252_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_bytes(b"client,start\nCaf\x81,2026-01-05\n")
    with pytest.raises(CsvError) as info:
        read_contracts_csv(path)
    assert info.value.path == path
    assert str(info.value) == (
        f"{path}: is neither UTF-8 nor Windows-1252 text (byte 0x81 at offset 16)"
    )


def test_a_missing_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "missing.csv"
    with pytest.raises(CsvError) as info:
        read_contracts_csv(path)
    assert info.value.path == path
    assert str(info.value) == f"{path}: cannot be read: No such file or directory"


def test_an_error_inside_a_file_names_it(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_text("client,start,notes\nAcme,2026-01-05,x\n", encoding="utf-8")
    with pytest.raises(CsvError) as info:
        read_contracts_csv(path)
    assert (info.value.path, info.value.source) == (path, str(path))
    assert read_contracts_csv(path, ignore_unknown_columns=True)[0].client == "Acme"


def test_a_failed_write_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "contracts.csv"
    path.write_text("old", encoding="utf-8")
    bad = make_contract(id="c1", client="\ud800", start=D(2026, 1, 5))
    with pytest.raises(UnicodeEncodeError):
        write_contracts_csv(path, [bad])
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.glob("*contracts.csv*")] == ["contracts.csv"]


# --- properties --------------------------------------------------------------------------------

trimmed_text = st.text(min_size=1).map(str.strip).filter(bool)
#: Every amount of the domain: 0 to 4 decimals, up to the largest below 10^12.
amounts = st.integers(0, AMOUNT_DECIMALS).flatmap(
    lambda places: st.decimals(
        min_value=0, max_value=AMOUNT_LIMIT - Decimal(1).scaleb(-places), places=places
    )
)
domain_dates = st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)
ratings = st.decimals(min_value=1, max_value=5, allow_nan=False, allow_infinity=False)
#: Non-zero payment amounts, refunds too, with 0 to 4 decimals or an exponent (``5E+2``). At
#: most 13 digits: sums stay exact in Decimal's default 28-digit context.
payment_amounts = st.one_of(
    st.integers(0, 4).flatmap(
        lambda places: st.decimals(min_value=-(10**9), max_value=10**9, places=places)
    ),
    st.sampled_from([Decimal("5E+2"), Decimal("-2.5E+1"), Decimal("1E+3")]),
).filter(bool)


def payment_lists(start: dt.date) -> st.SearchStrategy[list[Payment]]:
    """Payments on or after ``start``, in any order, dates repeating, summing to 0 or more."""
    payment = st.builds(
        Payment, date=st.dates(min_value=start, max_value=LAST_DATE), amount=payment_amounts
    )

    def balanced(payments: list[Payment]) -> list[Payment]:
        total = sum((p.amount for p in payments), Decimal(0))
        if total >= 0:
            return payments
        return [*payments, Payment(date=payments[0].date, amount=-total)]  # fully refunded

    return st.lists(payment, min_size=1, max_size=6).map(balanced)


@st.composite
def contract_lists(draw: st.DrawFn) -> list[Contract]:
    ids = draw(st.lists(trimmed_text, unique=True, max_size=5))
    contracts = []
    for contract_id in ids:
        start = draw(domain_dates)
        later = st.none() | st.dates(min_value=start, max_value=LAST_DATE)
        earnings = draw(amounts)
        payments = draw(st.just([]) | payment_lists(start))
        contracts.append(
            make_contract(
                id=contract_id,
                client=draw(trimmed_text),
                title=draw(st.text()),
                kind=draw(st.sampled_from(["hourly", "fixed"])),
                start=start,
                end=draw(later),
                earnings=None if payments else earnings,  # with payments, derived
                last_paid=draw(later) if earnings and not payments else None,
                payments=payments,
                public=draw(st.none() | ratings),
                private=draw(st.none() | st.integers(0, 10)),
                feedback_date=draw(later),
                disputed=draw(st.booleans()),
                client_flagged=draw(st.booleans()),
                excluded=draw(st.booleans()),
            )
        )
    return contracts


@given(contract_lists())
def test_export_then_import_gives_back_equal_contracts(contracts: list[Contract]) -> None:
    again = parse_contracts_csv(format_contracts_csv(contracts))
    assert again == tuple(contracts)
    assert [c.payments for c in again] == [c.payments for c in contracts]


#: What accepted contracts are computed under: every preset and historical, on dates near the
#: likely cells' dates (an as-of date and the month either side for the timeline).
rule_choices = st.sampled_from([*PRESETS, HISTORICAL])
as_of_dates = st.dates(min_value=dt.date(2025, 10, 1), max_value=dt.date(2027, 3, 1))
AS_OF = D(2026, 3, 1)


def returns_contracts_or_raises_csv_error(
    text: str, ignore: bool = False, rules: Rules = PRESETS[-1], as_of: dt.date = AS_OF
) -> None:
    """Parsing gives contracts or one CsvError; whatever it accepts, the engine can score."""
    try:
        result: object = parse_contracts_csv(text, ignore_unknown_columns=ignore)
    except CsvError as error:
        result = error
    if isinstance(result, CsvError):
        assert "\n" not in str(result)
    else:
        assert isinstance(result, tuple)
        assert all(isinstance(contract, Contract) for contract in result)
        evaluate(result, rules, as_of)
        window = dt.timedelta(days=31)
        compute_timeline(result, rules, as_of - window, as_of + window)


csv_like_text = st.text() | st.text(alphabet=',"\r\n \t$-.0123456789abcdefilnrstu\ufeff')
#: Per column, a few cells that parse and a few that break a rule; mostly drawn from these.
LIKELY_CELLS = {
    "id": ["", " c1 ", "c2", "C2"],
    "client": ["Acme", " B ", " "],
    "title": ["", "x,y", "\n"],
    "kind": ["", "fixed", "part-time"],
    "start": ["2026-01-05", " 2026-01-05", "2026-02-30", ""],
    "end": ["", "2026-01-04", "2026-03-01"],
    "earnings": ["", "$1,234.50", "0", "-5", "1e3", "500"],
    "last_paid": ["", "2026-01-09", "2025-12-31", "2026-02-01"],
    "public": ["", "4.5", "7", "4,5"],
    "private": ["", "9", "11", "9.0"],
    "feedback_date": ["", "2026-01-01", "2026-01-20"],
    "payments": [
        "",
        "2026-01-09=500",
        "2026-01-09=$1,234.50",
        "2026-02-01=500;2026-01-09=$1,234.50",
        " 2026-01-09=$1,234.50 ; 2026-02-01=-$1,234.50 ",
        "2026-01-09=500;2026-02-01=-500",
        "2026-01-09=5;2026-01-09=-5",
        "2026-01-09=-10",
        "2025-12-31=5",
        "2026-01-09=0",
        "2026-01-09=$-5",
        "2026-01-09=5;;2026-01-10=5",
        "2026-01-09=5;",
        "2026-02-30=5",
        "x=5",
        "2026-01-06=1;2026-01-20=2;2026-03-15=3;2026-06-01=4;2026-09-01=-1;2026-12-24=5",
    ],
}


def likely_cell(column: str) -> st.SearchStrategy[str]:
    likely = st.sampled_from(LIKELY_CELLS.get(column, ["", "yes", "0", "maybe"]))
    return st.integers(0, 9).flatmap(lambda k: likely if k else st.text(max_size=8))


OPTIONAL_COLUMNS = [name for name in CONTRACT_FIELDS if name not in ("client", "start")]
valid_headers = st.lists(st.sampled_from(OPTIONAL_COLUMNS), unique=True).flatmap(
    lambda extra: st.permutations(["client", "start", *extra])
)
any_headers = st.lists(st.sampled_from([*CONTRACT_FIELDS, " Client", "notes", ""]) | st.text())
headers = st.integers(0, 3).flatmap(lambda k: valid_headers if k else any_headers)


@st.composite
def tables(draw: st.DrawFn) -> list[list[str]]:
    """A header and up to 5 records, most as wide as the header, with likely cells."""
    header = draw(headers)
    record = st.tuples(*(likely_cell(name) for name in header)).map(list)
    odd = st.lists(st.text(max_size=4), max_size=15)
    either = st.integers(0, 9).flatmap(lambda k: record if k else odd)
    return [header, *draw(st.lists(either, max_size=5))]


@given(csv_like_text, st.booleans())
def test_arbitrary_text_gives_contracts_or_a_csv_error(text: str, ignore: bool) -> None:
    returns_contracts_or_raises_csv_error(text, ignore)


@given(tables(), st.booleans(), rule_choices, as_of_dates)
def test_arbitrary_rows_give_contracts_or_a_csv_error(
    table: list[list[str]], ignore: bool, rules: Rules, as_of: dt.date
) -> None:
    """Rows of likely cells, payments included; what is accepted is scored without error."""
    returns_contracts_or_raises_csv_error(rows(*table), ignore, rules, as_of)


def mostly(good: st.SearchStrategy[str], bad: list[str]) -> st.SearchStrategy[str]:
    """``good`` 29 times in 30, else one of ``bad``."""
    return st.integers(0, 29).flatmap(lambda k: good if k else st.sampled_from(bad))


#: Payment entries near the likely cells' dates, mostly valid, in the forms people write.
payment_entries = st.builds(
    "{2}{0}={1}{2}".format,
    mostly(
        st.dates(min_value=D(2026, 6, 30), max_value=D(2027, 6, 30)).map(dt.date.isoformat),
        ["2026-02-30", "", "x", "2025-11-30", "2026-01-05", "2026-01-09"],
    ),
    mostly(
        st.decimals(min_value=-500, max_value=5000, places=2).map(str)
        | st.sampled_from(["500", "$1,234.50", "-100", "-$1,250.50", "0.01"]),
        ["-0", "$-5", "", "1e3"],
    ),
    st.sampled_from(["", " "]),
)
payment_cells = st.integers(0, 4).flatmap(
    lambda k: (
        st.lists(payment_entries, max_size=5).map(";".join)
        if k
        else st.sampled_from(LIKELY_CELLS["payments"])
    )
)
#: Cells that mostly parse, so that most rows with payments are accepted and then scored.
VALID_CELLS = {
    "id": ["", "a", "b"],
    "client": ["Acme", "Beta", "Gamma"],
    "title": ["", "x"],
    "kind": ["", "fixed"],
    "start": ["2025-12-01", "2026-01-05", "2026-06-30"],
    "end": ["", "", "2026-07-01", "2027-01-31"],
    "earnings": ["", "", "", "500"],
    "last_paid": ["", "", "", "2026-01-09"],
    "public": ["", "5", "4.5", "3"],
    "private": ["", "9", "5"],
    "feedback_date": ["", "", "2026-08-01"],
}


@st.composite
def payment_tables(draw: st.DrawFn) -> list[list[str]]:
    """A header with payments and up to 3 records of cells that mostly parse."""
    extra = draw(st.lists(st.sampled_from(OPTIONAL_COLUMNS), unique=True))
    header = draw(st.permutations(list(dict.fromkeys(["client", "start", "payments", *extra]))))
    cells = {
        name: payment_cells
        if name == "payments"
        else st.sampled_from(VALID_CELLS.get(name, ["", "no", "yes"]))
        for name in header
    }
    record = st.tuples(*(cells[name] for name in header)).map(list)
    return [header, *draw(st.lists(record, min_size=1, max_size=3))]


@given(payment_tables(), rule_choices, as_of_dates)
def test_rows_with_payments_give_contracts_that_score_or_a_csv_error(
    table: list[list[str]], rules: Rules, as_of: dt.date
) -> None:
    """Payments fuzzed: whatever the reader accepts, evaluate and the timeline compute."""
    returns_contracts_or_raises_csv_error(rows(*table), False, rules, as_of)


@given(st.binary())
def test_arbitrary_files_give_contracts_or_a_csv_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contracts.csv"
        path.write_bytes(b"client,start\n" + data)
        try:
            read_contracts_csv(path)
        except CsvError as error:
            failed_on = error.path
        else:
            failed_on = path
        assert failed_on == path
