"""Text that a spreadsheet would run as a formula is neutralised on export (issue 13, item 10).

A title such as ``=HYPERLINK("http://evil","click")`` was exported unchanged, and spreadsheet
programs run a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as a
formula. Export now writes such a text cell (id, client, title) with one more leading ``'``,
which spreadsheets show as text, and import removes exactly that one again.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.io.contracts_csv import (
    FORMULA_STARTS,
    format_contracts_csv,
    neutralise_formula,
    parse_contracts_csv,
    restore_formula,
)


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    ("title", "written"),
    [
        ('=HYPERLINK("http://evil","click")', '\'=HYPERLINK("http://evil","click")'),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2 hours", "'-2 hours"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\r=cmd", "'\r=cmd"),
        ("'=already quoted", "''=already quoted"),
        ("''-twice", "'''-twice"),
        ("Logo refresh", "Logo refresh"),
        ("'quoted, no formula", "'quoted, no formula"),
        ("C-3PO = droid", "C-3PO = droid"),
        (" =leading space", " =leading space"),
        ("", ""),
    ],
)
def test_a_title_starting_like_a_formula_gets_one_more_quote(title: str, written: str) -> None:
    contract = make_contract(id="c1", client="Acme", start="2026-01-05", title=title)
    exported = format_contracts_csv([contract])
    assert _rows(exported)[0]["title"] == written
    assert parse_contracts_csv(exported) == (contract,)


def test_ids_and_clients_are_neutralised_too_and_other_cells_never() -> None:
    contract = make_contract(
        id="=id",
        client="@client",
        start="2026-01-05",
        payments=[
            {"date": "2026-01-09", "amount": "500"},
            {"date": "2026-02-01", "amount": "-100"},
        ],
    )
    row = _rows(format_contracts_csv([contract]))[0]
    assert (row["id"], row["client"]) == ("'=id", "'@client")
    assert row["payments"] == "2026-01-09=500;2026-02-01=-100"
    assert parse_contracts_csv(format_contracts_csv([contract])) == (contract,)


def test_a_hand_written_quote_before_a_formula_is_read_as_the_neutralised_text() -> None:
    """What export writes, import reads back; a cell with no formula after its quote is kept."""
    text = "id,client,start,title\n'+c1,'=Acme,2026-01-05,'-draft\nc2,'Beta,2026-01-05,'plain\n"
    first, second = parse_contracts_csv(text)
    assert (first.id, first.client, first.title) == ("+c1", "=Acme", "-draft")
    assert (second.client, second.title) == ("'Beta", "'plain")


formula_like = st.text(alphabet=["'", *FORMULA_STARTS, "a", " ", "\n"], max_size=6)


@given(st.one_of(st.text(), formula_like))
def test_restore_undoes_neutralise_for_every_text(text: str) -> None:
    assert restore_formula(neutralise_formula(text)) == text
    assert not neutralise_formula(text).lstrip("'").startswith(FORMULA_STARTS) or (
        neutralise_formula(text).startswith("'")
    )


@given(
    st.lists(st.one_of(st.text(), formula_like), min_size=1, max_size=4),
    st.one_of(st.text(min_size=1), formula_like).map(str.strip).filter(bool),
)
def test_export_then_import_gives_back_every_title_and_client_exactly(
    titles: list[str], client: str
) -> None:
    contracts = [
        make_contract(id=f"c{k}", client=client, start="2026-01-05", title=title)
        for k, title in enumerate(titles)
    ]
    again = parse_contracts_csv(format_contracts_csv(contracts))
    assert [c.title for c in again] == titles
    assert {c.client for c in again} == {client}
    assert list(again) == contracts
    assert all(isinstance(c, Contract) for c in again)
