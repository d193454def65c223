"""Contracts from any table: guessing the mapping, reading through it, and the copy format."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jsswhatif.core.contracts import CONTRACT_FIELDS, make_contract
from jsswhatif.core.fields import FieldError
from jsswhatif.io.column_mapping import (
    DATE_FORMATS,
    ColumnMapping,
    RowProblem,
    Table,
    TableError,
    apply_mapping,
    contracts_tsv,
    guess_date_format,
    guess_mapping,
    is_contracts_header,
    parse_date_as,
    parse_lenient_amount,
    parse_lenient_kind,
    read_table,
)

SPREADSHEET = """Client Name;Job title;Contract type;Started;Ended;Total earnings (USD);Rating
Acme Corp;Landing page;Fixed price;02.03.2026;15.07.2026;"$1,800.00";5
Beta LLC;Backend;Hourly;15.08.2025;;6400;
"""


def test_a_header_is_mapped_by_its_names() -> None:
    table = read_table(SPREADSHEET)
    assert table.delimiter == ";"
    mapping = guess_mapping(table)
    assert mapping.header
    assert dict(mapping.columns) == {
        "client": 0,
        "title": 1,
        "kind": 2,
        "start": 3,
        "end": 4,
        "earnings": 5,
        "public": 6,
    }
    assert mapping.date_format == "DD.MM.YYYY"
    assert table.column_names(True)[:2] == ["A: Client Name", "B: Job title"]


def test_rows_read_through_the_mapping_and_bad_rows_are_left_out() -> None:
    mapped = apply_mapping(read_table(SPREADSHEET), guess_mapping(read_table(SPREADSHEET)))
    acme, beta = mapped.contracts
    assert (acme.id, acme.client, acme.kind, acme.start, acme.end) == (
        "c1",
        "Acme Corp",
        "fixed",
        dt.date(2026, 3, 2),
        dt.date(2026, 7, 15),
    )
    assert acme.earnings == Decimal("1800.00")
    assert acme.public == Decimal(5)
    assert (beta.kind, beta.end, beta.earnings, beta.public) == (
        "hourly",
        None,
        Decimal(6400),
        None,
    )
    assert mapped.problems == ()
    assert mapped.rows == 2


def test_each_bad_row_names_its_column_and_text() -> None:
    text = (
        "id,client,start,end,stars\n"
        "a,Acme,2026-01-05,2026-02-30,5\n"
        "b,,2026-01-05,,\n"
        "c,Gamma,2026-03-01,2026-02-01,\n"
        "e,Delta,2026-03-01,,4\n"
        "e,Echo,2026-03-01,,\n"
    )
    table = read_table(text)
    mapping = guess_mapping(table)
    assert mapping.columns["public"] == 4
    mapped = apply_mapping(table, mapping)
    assert [(c.id, c.client, c.public) for c in mapped.contracts] == [("e", "Delta", Decimal(4))]
    assert [str(p) for p in mapped.problems] == [
        "row 1, column D: end: '2026-02-30' is not a real calendar day",
        "row 2, column B: client: is blank: client is required",
        "row 3, column D: end: '2026-02-01' must be on or after start 2026-03-01",
        "row 5, column A: id: 'e' repeats an earlier id",
    ]


def test_rows_without_a_header_are_mapped_by_what_their_cells_hold() -> None:
    table = read_table(
        "Acme\tLogo\tfixed\t2026-01-05\t2026-02-01\t$450\t\tnote\n"
        "Beta\tAPI\thourly\t2026-03-01\t\t90\t\tnote\n"
    )
    mapping = guess_mapping(table)
    assert not mapping.header
    assert dict(mapping.columns) == {
        "client": 0,
        "title": 1,
        "kind": 2,
        "start": 3,
        "end": 4,
        "earnings": 5,
    }
    mapped = apply_mapping(table, mapping)
    assert [(c.id, c.client, c.earnings) for c in mapped.contracts] == [
        ("c1", "Acme", Decimal(450)),
        ("c2", "Beta", Decimal(90)),
    ]
    assert table.column_names(False)[:2] == ["A", "B"]


def test_copied_rows_come_back_with_or_without_their_header() -> None:
    pays = [{"date": "2026-01-09", "amount": "500"}, {"date": "2026-02-01", "amount": "-100"}]
    contracts = (
        make_contract(
            id="u1", client="Acme, Inc.", title='Say "hi"\tthere', start="2026-01-05", payments=pays
        ),
        make_contract(
            id="c2", client="Beta", start="2026-03-01", end="2026-04-01", public="4.5", private=8
        ),
    )
    text = contracts_tsv(contracts)
    lines = text.splitlines()
    assert lines[0].split("\t") == list(CONTRACT_FIELDS)
    assert lines[1].startswith('u1\tAcme, Inc.\t"Say ""hi""\tthere"\thourly\t')
    for pasted in (text, "\n".join(lines[1:])):
        table = read_table(pasted)
        assert table.delimiter == "\t"
        mapped = apply_mapping(table, guess_mapping(table))
        assert mapped.contracts == contracts
        assert mapped.problems == ()


def test_rows_with_payments_need_no_start() -> None:
    table = read_table("client,payments\nAcme,2026-01-09=500;2026-02-01=20\n")
    mapping = guess_mapping(table)
    assert mapping.problem() is None
    (acme,) = apply_mapping(table, mapping).contracts
    assert (acme.start, acme.earnings) == (dt.date(2026, 1, 9), Decimal(520))
    table = read_table("client,start\nAcme,\n")
    assert [str(p) for p in apply_mapping(table, guess_mapping(table)).problems] == [
        "row 1, column B: start: has no start date"
    ]


def test_a_mapping_needs_a_client_and_a_start() -> None:
    assert ColumnMapping({"start": 1}).problem() == "Choose the column that holds the client."
    assert ColumnMapping({"client": 0}).problem() == "Choose the column that holds the start date."
    assert ColumnMapping({"client": 0, "payments": 1}).problem() is None
    problem = apply_mapping(read_table("a,b\nx,y\n"), ColumnMapping({"client": 0}, header=True))
    assert [str(p) for p in problem.problems] == ["row 1: has no start date"]


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["03/02/2026", "12/31/2026"], "MM/DD/YYYY"),
        (["03/02/2026", "31/12/2026"], "DD/MM/YYYY"),
        (["2026-03-02 00:00:00", "2026/3/2"], "YYYY-MM-DD"),
        (["2.3.2026"], "DD.MM.YYYY"),
        (["Mar 2, 2026", "March 31, 2026"], "Mon D, YYYY"),
        (["", "someday"], "YYYY-MM-DD"),
    ],
)
def test_the_date_format_is_the_first_that_reads_every_cell(
    cells: list[str], expected: str
) -> None:
    assert guess_date_format(cells) == expected


def test_dates_in_each_format() -> None:
    assert [parse_date_as("2026-03-02T10:00", "YYYY-MM-DD"), parse_date_as(" ", "MM/DD/YYYY")] == [
        dt.date(2026, 3, 2),
        None,
    ]
    with pytest.raises(FieldError, match="is not a date MM/DD/YYYY"):
        parse_date_as("2026-03-02", "MM/DD/YYYY")
    with pytest.raises(FieldError, match="not a real calendar day"):
        parse_date_as("31.02.2026", "DD.MM.YYYY")
    assert set(DATE_FORMATS) >= {"YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY"}


def test_kinds_and_amounts_as_spreadsheets_write_them() -> None:
    assert [parse_lenient_kind(t) for t in ("Hourly", "", "Fixed-price", "MILESTONE")] == [
        "hourly",
        "hourly",
        "fixed",
        "fixed",
    ]
    with pytest.raises(FieldError, match="is not a kind"):
        parse_lenient_kind("Hourly work for Acme")
    assert parse_lenient_amount("USD 1,250.50") == Decimal("1250.50")
    assert parse_lenient_amount("99 usd") == Decimal(99)


def test_the_contracts_header_is_recognised() -> None:
    assert is_contracts_header(["ID", "client", "start", "payments"])
    assert not is_contracts_header(["client", "start", "notes"])
    assert not is_contracts_header(["client", "end"])


def test_a_text_that_is_no_table() -> None:
    with pytest.raises(TableError, match="holds no rows"):
        read_table("\n , \n")
    with pytest.raises(TableError, match="is not a table"):
        read_table('a,"b\n')


def test_column_letters_go_on_past_z() -> None:
    table = Table((tuple(str(i) for i in range(28)),))
    assert table.column_names(False)[25:] == ["Z", "AA", "AB"]
    assert table.width == 28


def test_a_row_problem_without_text_or_column() -> None:
    assert str(RowProblem(3, "", "", "has no start date")) == "row 3: has no start date"
