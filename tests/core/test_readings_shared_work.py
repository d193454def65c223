"""The work the readings share never changes an answer.

The look-ahead's range computes every alternative reading after each edit. The grids of those
readings are remembered (:meth:`~jsswhatif.core.timeline_grid.Grid.of`) and, after an edit,
patched from the grid of the previous contracts; the weights and the rating pairs are found
once per book for every reading. Copies of the contracts are new objects no memory has seen,
and a grid memory that keeps nothing computes every grid afresh: they give the reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from unittest import mock

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core import timeline_grid
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.readings import RangeTimeline, ScoreRange, readings, score_ranges
from jsswhatif.core.rules import PRESETS_BY_NAME, Rules, RuleSet, custom_rule_set
from jsswhatif.core.timeline import Timeline, compute_timeline
from jsswhatif.core.timeline_grid import Book, Grid

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]
Ranges = tuple[ScoreRange, RangeTimeline]


@contextmanager
def _no_grid_memory() -> Iterator[None]:
    """Every grid computed afresh: a memory that keeps none."""
    with mock.patch.object(timeline_grid, "_GRIDS", timeline_grid._GridCache(0)):
        yield


def _fresh(contracts: Sequence[Contract]) -> list[Contract]:
    return [c.model_copy() for c in contracts]


def _ranges(contracts: Sequence[Contract], rules: Rules, day: dt.date, last: dt.date) -> Ranges:
    """:func:`score_ranges` as the look-ahead calls it: with the timeline of ``rules``."""
    own = compute_timeline(contracts, rules, day - dt.timedelta(days=30), last)
    return score_ranges(contracts, rules, day, day, last, own=own)


def _same_ranges(a: Ranges, b: Ranges) -> None:
    assert a[0] == b[0]
    assert a[1].first == b[1].first
    np.testing.assert_array_equal(a[1].low, b[1].low)
    np.testing.assert_array_equal(a[1].high, b[1].high)


def _same_timeline(a: Timeline, b: Timeline) -> None:
    assert (a.first, a.days, a.rule_set_names) == (b.first, b.days, b.rule_set_names)
    for x, y in ((a.trending, b.trending), (a.best, b.best), (a.displayed, b.displayed)):
        np.testing.assert_array_equal(x, y)
    for mine, theirs in ((a.windows, b.windows), (a.outcomes, b.outcomes), (a.clients, b.clients)):
        assert mine.keys() == theirs.keys()
        for m in mine:
            np.testing.assert_array_equal(mine[m], theirs[m])


def _edited(
    contracts: tuple[Contract, ...], others: list[Contract], data: st.DataObject
) -> tuple[Contract, ...]:
    """One edit: a contract's excluded or ended state toggled, or one or two contracts
    replaced by random ones (another client, other payments, other feedback)."""
    changed = list(contracts)
    count = data.draw(st.integers(1, min(2, len(changed))))
    for k in data.draw(st.lists(st.integers(0, len(changed) - 1), min_size=count, max_size=count)):
        old = changed[k]
        kind = data.draw(st.sampled_from(["excluded", "ended", "replaced"]))
        if kind == "excluded":
            changed[k] = old.model_copy(update={"excluded": not old.excluded})
        elif kind == "ended" and old.end is None:
            changed[k] = old.model_copy(update={"end": old.start + dt.timedelta(days=200)})
        elif others:
            changed[k] = data.draw(st.sampled_from(others)).model_copy(update={"id": old.id})
    return tuple(changed)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=50, deadline=None)
@given(data=st.data())
def test_ranges_after_edits_equal_those_of_never_seen_contracts(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """The range and its band after a sequence of edits, the grids of each step patched from
    the previous step's, equal those computed afresh on copies; and so does every reading's
    whole timeline (window scores, trending, counts of outcomes and clients)."""
    contracts, first, days = data.draw(random_documents)
    others, _, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    last = first + dt.timedelta(days=days + 60)
    steps = [tuple(contracts)]
    for _ in range(data.draw(st.integers(1, 5)) if contracts else 0):
        steps.append(_edited(steps[-1], others, data))
    every = [rules, *(r.rules for r in readings(rules))]
    warm = []
    for step in steps:
        book = Book.of(step)
        shown = [compute_timeline(step, r, first, last, book=book, remember=True) for r in every]
        warm.append((_ranges(step, rules, first, last), shown))
    with _no_grid_memory():
        for step, (ranges, shown) in zip(steps, warm, strict=True):
            copies = _fresh(step)
            _same_ranges(ranges, _ranges(copies, rules, first, last))
            for r, timeline in zip(every, shown, strict=True):
                _same_timeline(timeline, compute_timeline(copies, r, first, last))


def _history() -> list[Contract]:
    """Clients with several contracts each: ended and open ones, long-term ones with payment
    gaps, $0 ones, disputes, a flagged client, mid-contract feedback."""
    clients = ["Acme", "Beta", "Gamma", "Delta", "Eps"]
    contracts = []
    for k in range(40):
        start = dt.date(2023, 1, 5) + dt.timedelta(days=37 * k)
        is_open = k % 4 == 0
        data: dict[str, Any] = {
            "id": f"c{k}",
            "client": clients[k % 5],
            "start": start,
            "earnings": Decimal(0 if k % 9 == 0 else 100 + 250 * (k % 5)),
            "public": [None, "5", "4.2", "3.6", "4.8", "2"][k % 6],
            "private": [None, 9, 7, 10, 5][k % 5],
            "disputed": k % 11 == 3,
            "client_flagged": clients[k % 5] == "Eps" and k % 2 == 1,
        }
        if is_open and k % 9:
            data["last_paid"] = start + dt.timedelta(days=300)
        if not is_open:
            data["end"] = start + dt.timedelta(days=20 + 9 * k)
        if k % 7 == 2:  # feedback given before the end: mid-contract feedback
            data["feedback_date"] = start + dt.timedelta(days=10)
        contracts.append(make_contract(**data))
    return contracts


def test_a_patched_grid_equals_a_computed_one_and_an_edit_patches() -> None:
    """Each edit of a sequence (toggle ended, toggle excluded, another client, another rating)
    patches the previous step's grid of every reading, and the patched grid's sums, scores and
    displayed values equal a grid computed afresh on the same book."""
    rules = PRESETS_BY_NAME["upwork-2024-09"]
    origin, size = dt.date(2023, 1, 1).toordinal(), 1400
    base = tuple(_history())
    steps = [base]
    for k, update in (
        (4, {"end": dt.date(2024, 2, 1)}),
        (7, {"excluded": True}),
        (12, {"client": "Zeta"}),
        (13, {"public": None, "private": 3}),
        (8, {"client": "Acme"}),
    ):
        changed = list(steps[-1])
        changed[k] = changed[k].model_copy(update=update)
        steps.append(tuple(changed))
    every = [rules, *(r.rules for r in readings(rules))]
    patched = mock.patch.object(Grid, "patched", autospec=True, side_effect=Grid.patched)
    with patched as spy:
        for step in steps:
            book = Book.of(step)
            for rs in every:
                assert isinstance(rs, RuleSet)
                grid = Grid.of(book, rs, origin, size)
                fresh = Grid(Book.build(_fresh(step)), rs, origin, size)
                assert grid.book is book
                for m, sums in fresh.sums.items():
                    for x, y in zip(grid.sums[m], sums, strict=True):
                        np.testing.assert_array_equal(x, y)
                    np.testing.assert_array_equal(grid.scores[m], fresh.scores[m])
                np.testing.assert_array_equal(grid.displayed, fresh.displayed)
                np.testing.assert_array_equal(grid.trending, fresh.trending)
    assert spy.call_count == len(every) * (len(steps) - 1)


def test_the_same_contracts_get_the_same_grid() -> None:
    """Asked again for the same book, rule set and days, the memory returns its grid."""
    contracts = tuple(_fresh([]))
    rules = PRESETS_BY_NAME["upwork-2024-09"]
    book = Book.of(contracts)
    day = dt.date(2024, 1, 1).toordinal()
    assert Grid.of(book, rules, day, 10) is Grid.of(book, rules, day, 10)


def _weighting_variants() -> list[RuleSet]:
    """The 2024 preset with each parameter the weights read changed in turn."""
    base = PRESETS_BY_NAME["upwork-2024-09"]
    tiers = base.earnings_tiers
    heavier = (*tiers[:-1], tiers[-1].model_copy(update={"weight": Decimal("2.5")}))
    lower = (tiers[0].model_copy(update={"up_to": Decimal("100")}), *tiers[1:])
    changes: list[dict[str, Any]] = [
        {},
        {"length_bonus_days": 30},
        {"length_bonus_days": 1},
        {"length_bonus_days": 0},
        {"weight_cap": Decimal("3.5")},
        {"weight_cap": Decimal("12.5")},
        {"weighting": "unit"},
        {"earnings_tiers": heavier},
        {"earnings_tiers": lower},
    ]
    return [custom_rule_set(base, f"variant {k}", **c) for k, c in enumerate(changes)]


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40, deadline=None)
@given(data=st.data())
def test_rule_sets_sharing_a_book_equal_each_computed_alone(
    random_documents: RandomDocuments, data: st.DataObject
) -> None:
    """Rule sets that differ in one parameter of the weights, computed one after another on
    the same contracts (their book remembers what some of them share), each equal the same
    rule set computed on never-seen copies."""
    contracts, first, days = data.draw(random_documents)
    last = first + dt.timedelta(days=days + 60)
    variants = data.draw(st.permutations(_weighting_variants()))
    step = tuple(contracts)
    shown = [compute_timeline(step, rs, first, last, remember=True) for rs in variants]
    with _no_grid_memory():
        for rs, timeline in zip(variants, shown, strict=True):
            _same_timeline(timeline, compute_timeline(_fresh(step), rs, first, last))
