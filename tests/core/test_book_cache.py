"""The timeline's contract columns, remembered and patched per edit (issue 14).

:meth:`Book.of` returns the remembered book of a sequence it has seen, and patches a
remembered book when a few contracts of a sequence of the same length changed; a patched
book must equal a book built afresh, column by column, and give the same timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.contracts import Contract, Payment
from jsswhatif.core.rules import Rules, RuleSet
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.timeline_grid import Book

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]
COLUMNS = ("start", "end", "earning", "paid", "feedback", "private", "disputed", "flagged")


def _same_book(patched: Book, built: Book) -> None:
    """Equal columns; clients and ratings numbered alike up to renaming."""
    for name in (*COLUMNS, "pay_contract", "pay_day"):
        assert np.array_equal(getattr(patched, name), getattr(built, name)), name
    assert list(patched.earnings) == list(built.earnings)
    ratings = [None if i < 0 else patched.public_values[i] for i in patched.public_index]
    assert ratings == [None if i < 0 else built.public_values[i] for i in built.public_index]
    pairs = set(zip(patched.client.tolist(), built.client.tolist(), strict=True))
    assert len(pairs) == len({b for _, b in pairs}) == len({p for p, _ in pairs})
    for name in ("contract", "paid", "since", "until", "paid_ok"):
        assert np.array_equal(getattr(patched.segments, name), getattr(built.segments, name))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_a_patched_book_equals_a_built_one_and_gives_the_same_timeline(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Replace a few contracts by random others (new clients, ratings, payments, dates): the
    book :meth:`Book.of` patches equals :meth:`Book.build`'s, and so do their timelines."""
    contracts, first, days = data.draw(random_documents)
    others, _, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    before = tuple(contracts)
    old = Book.of(before)
    rule_sets = [r for r in all_rules if isinstance(r, RuleSet)]
    for name in ("live", "bonus_possible"):  # remembered columns the patch must rewrite
        for rs in rule_sets:
            getattr(old, name)(rs)
    edited = list(before)
    if edited and others:
        for _ in range(data.draw(st.integers(1, 3))):
            k = data.draw(st.integers(0, len(edited) - 1))
            replacement = data.draw(st.sampled_from(others))
            edited[k] = replacement.model_copy(update={"id": edited[k].id})
    after = tuple(edited)
    patched, built = Book.of(after), Book.build(after)
    _same_book(patched, built)
    for name in ("live", "bonus_possible"):
        for rs in rule_sets:
            assert np.array_equal(getattr(patched, name)(rs), getattr(built, name)(rs))
    last = first + dt.timedelta(days=days - 1)
    ours = compute_timeline(after, rules, first, last)
    theirs = compute_timeline(after, rules, first, last, book=built)
    assert ours.displayed.tobytes() == theirs.displayed.tobytes()
    assert ours.best.tobytes() == theirs.best.tobytes()
    for months, scores in theirs.windows.items():
        assert ours.windows[months].tobytes() == scores.tobytes()


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=80)
@given(data=st.data())
def test_a_book_patched_after_single_field_edits_equals_a_built_one(
    random_documents: RandomDocuments, data: st.DataObject
) -> None:
    """Change one field of a few contracts, the others staying the very same objects (as a
    flag edit leaves them): the patch, which rewrites only the rows whose read fields
    changed, still equals a book built afresh."""
    contracts, _, _ = data.draw(random_documents)
    others, _, _ = data.draw(random_documents)
    if not contracts or not others:
        return
    before = tuple(contracts)
    Book.of(before)
    edited = list(before)
    for _ in range(data.draw(st.integers(1, 3))):
        k = data.draw(st.integers(0, len(edited) - 1))
        name = data.draw(st.sampled_from([f for f in Contract.model_fields if f != "id"]))
        value = getattr(data.draw(st.sampled_from(others)), name)
        edited[k] = edited[k].model_copy(update={name: value})
    after = tuple(edited)
    _same_book(Book.of(after), Book.build(after))


def test_the_same_sequence_gets_the_same_book_and_an_edit_a_patched_one(
    table: Callable[[str], list[Contract]],
) -> None:
    """One book per sequence; toggling one contract patches (the other rows' objects kept)."""
    contracts = tuple(
        table(
            """
            id | client | start      | end        | earnings | public
            c1 | Acme   | 2024-01-01 | 2024-03-01 | 500      | 5
            c2 | Beta   | 2024-02-01 | 2024-04-01 | 500      | 4.9
            c3 | Gamma  | 2024-02-01 | -          | 700      | -
            c4 | Delta  | 2024-02-01 | -          | 800      | -
            """
        )
    )
    book = Book.of(contracts)
    assert Book.of(contracts) is book
    assert book.live(RuleSet()).tolist() == [True] * 4
    edited = (contracts[0], contracts[1].model_copy(update={"excluded": True}), *contracts[2:])
    patched = Book.of(edited)
    assert patched.segments is book.segments  # no payment changed: shared, not rebuilt
    assert patched.contracts == edited
    assert patched.public_values == (Decimal(5), Decimal("4.9"))
    assert patched.live(RuleSet()).tolist() == [True, False, True, True]  # c2 excluded
    # Every row excluded (select all and Exclude): still a patch of the latest book, whose
    # payment columns stay, and equal to a book built afresh.
    everything = tuple(c.model_copy(update={"excluded": True}) for c in edited)
    all_patched = Book.of(everything)
    assert all_patched.segments is book.segments
    assert all_patched.live(RuleSet()).tolist() == [False] * 4
    _same_book(all_patched, Book.build(everything))


def test_a_list_changed_in_place_is_read_again(table: Callable[[str], list[Contract]]) -> None:
    """A list is no key: the same list object with a contract replaced gets that contract's
    columns; a tuple of the same objects gets the remembered book."""
    contracts = table(
        """
        id | client | start      | end        | earnings
        c1 | Acme   | 2024-01-01 | 2024-03-01 | 500
        c2 | Beta   | 2024-02-01 | 2024-04-01 | 500
        """
    )
    before = Book.of(contracts)
    contracts[1] = contracts[1].model_copy(update={"client_flagged": True})
    after = Book.of(contracts)
    assert before.flagged.tolist() == [False, False]
    assert after.flagged.tolist() == [False, True]
    assert Book.of(tuple(contracts)) is after


def test_a_book_reads_no_payment_days_of_contracts_without_payments() -> None:
    """The cached property's first read is locked (Python 3.11): 27 ms of a cold start at
    10,000 contracts entered by hand. Contracts with payments still give their days."""
    plain = Contract(id="a", client="Acme", start=dt.date(2025, 1, 6), earnings=Decimal(900))
    paid = Contract(
        id="b",
        client="Bolt",
        start=dt.date(2025, 1, 6),
        payments=(
            Payment(date=dt.date(2025, 2, 1), amount=Decimal(300)),
            Payment(date=dt.date(2025, 3, 1), amount=Decimal(600)),
        ),
    )

    book = Book.build([plain, paid])

    assert "payment_days" not in vars(plain)
    assert book.pay_contract.tolist() == [1, 1]
    assert book.pay_day.tolist() == [
        dt.date(2025, 2, 1).toordinal(),
        dt.date(2025, 3, 1).toordinal(),
    ]
