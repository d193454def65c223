"""The engine's memory of per-contract results (issue 14) never changes an answer.

:func:`~jsswhatif.core.engine.evaluate` reuses the result of a contract object it has already
judged, at the same date, at another once the contract has settled, or at another day of its
steady span (between the days it can change on). Copies of the
contracts are new objects the memory has never seen, so evaluating them is the reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.core.calendar import months_before
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.engine import Evaluation, contract_result, evaluate
from jsswhatif.core.insights import contract_impacts, window_exits
from jsswhatif.core.rules import PRESETS_BY_NAME, Rules, builtin_rules, custom_rule_set, resolve

RandomDocuments = st.SearchStrategy[tuple[list[Contract], dt.date, int]]


def _fresh(contracts: list[Contract], rules: Rules, day: dt.date) -> object:
    return evaluate([c.model_copy() for c in contracts], rules, day)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_remembered_results_equal_fresh_ones_across_dates_and_edits(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Evaluations at random dates, with random contracts replaced between them, equal the
    evaluation of never-seen copies: every result, window, score and bonus."""
    contracts, first, days = data.draw(random_documents)
    others, _, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    for _ in range(data.draw(st.integers(1, 6))):
        day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
        replace, toggle = data.draw(st.booleans()), data.draw(st.booleans())
        if contracts and others and replace:
            k = data.draw(st.integers(0, len(contracts) - 1))
            replacement = data.draw(st.sampled_from(others))
            contracts[k] = replacement.model_copy(update={"id": contracts[k].id})
        if contracts and toggle:
            k = data.draw(st.integers(0, len(contracts) - 1))
            contracts[k] = contracts[k].model_copy(update={"excluded": not contracts[k].excluded})
        assert evaluate(contracts, rules, day) == _fresh(contracts, rules, day)


def test_a_settled_contract_reused_on_another_day_moves_out_of_its_windows(
    table: Callable[[str], list[Contract]],
) -> None:
    """An ended contract judged on one day and reused a year later (settled: the same verdict)
    is held by the 24-month window only: the 6- and 12-month windows have let it go."""
    contracts = table(
        """
        id | client | start      | end        | earnings | public
        c1 | Acme   | 2024-01-01 | 2024-03-01 | 500      | 5
        c2 | Beta   | 2024-02-01 | 2024-04-01 | 500      | 5
        """
    )
    rules = builtin_rules("upwork-2024-09")
    assert rules is not None
    on_day = evaluate(contracts, rules, dt.date(2024, 6, 1))
    later = evaluate(contracts, rules, dt.date(2025, 6, 1))
    assert [r.windows for r in on_day.results] == [(6, 12, 24), (6, 12, 24)]
    assert [r.windows for r in later.results] == [(24,), (24,)]
    assert later.results[0].outcome == on_day.results[0].outcome
    assert later == _fresh(contracts, rules, dt.date(2025, 6, 1))


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_one_contracts_result_is_its_entry_in_the_evaluation(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """``contract_result`` (a drag step's rows in view) equals the contract's entry in the
    whole evaluation: a result never depends on the other contracts."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
    evaluation = _fresh(contracts, rules, day)
    assert isinstance(evaluation, Evaluation)
    computed_on, rule_set = resolve(rules, day)
    alone = [contract_result(c.model_copy(), rule_set, computed_on) for c in contracts]
    assert alone == list(evaluation.results)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=80)
@given(data=st.data())
def test_steps_of_a_few_days_reuse_steady_results_exactly(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """An as-of date stepping a few days at a time, back and forth (a drag, Alt+Left), gives
    the evaluations of never-seen copies: results reused between the days their contract
    can change on (payments, the long-term and inactivity days, feedback, the end) are
    exact, including open and inactive contracts."""
    contracts, first, _ = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    days = [first]
    for step in data.draw(st.lists(st.integers(-40, 40), min_size=3, max_size=25)):
        days.append(days[-1] + dt.timedelta(days=step))
    # The references first: evaluating copies in between would crowd the walk's contracts
    # out of the engine's memory, and nothing would be reused.
    expected = [_fresh(contracts, rules, day) for day in days]
    assert [evaluate(contracts, rules, day) for day in days] == expected
    # One tuple (the application's contracts) is stepped from its last evaluation.
    walked = tuple(contracts)
    assert [evaluate(walked, rules, day) for day in days] == expected


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(data=st.data())
def test_steps_of_tuples_edited_and_under_other_rules_equal_fresh_evaluations(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Tuples stepped from their last evaluation, one edited into the next (most contract
    objects shared; an edit's tuple starts from the last one's on the same day), an edit
    undone (the old tuple back), and stepped again under two rule sets in turn: each
    evaluation equals that of never-seen copies."""
    contracts, first, days = data.draw(random_documents)
    rule_sets = data.draw(st.lists(st.sampled_from(all_rules), min_size=1, max_size=2))
    walked = tuple(contracts)
    for _ in range(data.draw(st.integers(1, 8))):
        day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
        for rules in rule_sets:
            assert evaluate(walked, rules, day) == _fresh(list(walked), rules, day)
        edit = data.draw(st.booleans())
        if walked and edit:
            k = data.draw(st.integers(0, len(walked) - 1))
            flipped = data.draw(st.sampled_from(["excluded", "disputed", "client_flagged"]))
            edited = walked[k].model_copy(update={flipped: not getattr(walked[k], flipped)})
            before, walked = walked, (*walked[:k], edited, *walked[k + 1 :])
            for rules in rule_sets:  # the same day: the edit starts from the tuple before
                assert evaluate(walked, rules, day) == _fresh(list(walked), rules, day)
            if data.draw(st.booleans()):  # undone: the tuple before, its objects remembered
                walked = before
                for rules in rule_sets:
                    assert evaluate(walked, rules, day) == _fresh(list(walked), rules, day)
                # Then another day, and the edit made again as a new tuple: the edited
                # contract is remembered from the first day only.
                day += dt.timedelta(days=data.draw(st.integers(1, 90)))
                again = (*walked[:k], edited, *walked[k + 1 :])
                for rules in rule_sets:
                    assert evaluate(walked, rules, day) == _fresh(list(walked), rules, day)
                    assert evaluate(again, rules, day) == _fresh(list(again), rules, day)


def test_every_day_of_open_contracts_lives_equals_a_fresh_evaluation() -> None:
    """Walking day by day through the lives of open contracts, and back, (payments far apart, a last
    payment planned, nothing earned, mid-contract feedback, a late end) under daily rule sets
    that count inactive contracts as ended, long-term ones, and interim feedback: every day
    a contract can change on is one its steady span stops at."""
    start = dt.date(2024, 1, 10)
    contracts = [
        make_contract(
            id="paid",
            client="A",
            start=start,
            payments=[
                {"date": start + dt.timedelta(days=20), "amount": "300"},
                {"date": start + dt.timedelta(days=150), "amount": "900"},
                {"date": start + dt.timedelta(days=400), "amount": "50"},
            ],
            public=4,
            feedback_date=start + dt.timedelta(days=170),
        ),
        make_contract(
            id="planned",
            client="B",
            start=start,
            earnings=2000,
            last_paid=start + dt.timedelta(days=200),
            end=start + dt.timedelta(days=520),
        ),
        make_contract(id="nothing", client="C", start=start, earnings=0, public=5),
        make_contract(
            id="late", client="D", start=start + dt.timedelta(days=60), earnings=700, private=8
        ),
    ]
    base = PRESETS_BY_NAME["upwork-2024-09"]
    rule_sets = [
        base,
        custom_rule_set(
            base, "inactive ended", open_inactive="as_ended", long_term_client_bonus=True
        ),
        custom_rule_set(
            base,
            "interim",
            interim_feedback="counts",
            open_inactive="as_ended",
            open_long_term="not_counted",
            long_term_client_bonus=True,
            long_term_payment_gap_days=30,
            inactive_after_days=45,
        ),
    ]
    forth = [start + dt.timedelta(days=k) for k in range(-5, 600)]
    days = forth + forth[::-1]  # then back: a span reaches both ways
    walked = tuple(contracts)  # stepped from its last evaluation, as in the application
    for rules in rule_sets:
        expected = [_fresh(contracts, rules, day) for day in days]  # first: see above
        for day, fresh in zip(days, expected, strict=True):
            assert evaluate(contracts, rules, day) == fresh, day
            assert evaluate(walked, rules, day) == fresh, day


def _never_seen(contracts: tuple[Contract, ...], rules: Rules, day: dt.date) -> Evaluation:
    return evaluate([c.model_copy() for c in contracts], rules, day)


def _agrees(contracts: tuple[Contract, ...], rules: Rules, day: dt.date) -> None:
    """The evaluation of ``contracts`` (by whichever path the engine's memory picks) equals
    that of never-seen copies, and so do the arrays it keeps beside its results (patched,
    not remade, after an edit or a step) and the impacts and window exits read from them."""
    got, fresh = evaluate(contracts, rules, day), _never_seen(contracts, rules, day)
    assert got == fresh
    outcomes = [r.outcome for r in fresh.results]
    arrays = got.arrays
    assert arrays.dated.tolist() == [-1 if o is None else o.date.toordinal() for o in outcomes]
    assert arrays.value.tolist() == [0 if o is None else o.value for o in outcomes]
    assert arrays.weight.tolist() == [None if o is None else o.weight for o in outcomes]
    assert arrays.key.tolist() == [c.client_key for c in contracts]
    assert arrays.bonus.tolist() == [r.bonus for r in fresh.results]
    assert contract_impacts(got) == contract_impacts(fresh)
    for held_only in (False, True):
        assert window_exits(got, held_only) == window_exits(fresh, held_only)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(data=st.data())
def test_every_contract_excluded_at_once_and_back_equals_fresh_evaluations(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """An Exclude of every row (every contract a new, excluded object: judged directly, not
    edited from the tuple before), its undo (the tuple before, asked again on the same day),
    an Include of every row (new objects again), then as-of steps of each: every evaluation
    equals that of never-seen copies, contracts not started yet included."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
    later = day + dt.timedelta(days=data.draw(st.integers(-200, 400)))
    walked = tuple(contracts)
    excluded = tuple(c.model_copy(update={"excluded": True}) for c in walked)
    included = tuple(c.model_copy(update={"excluded": False}) for c in excluded)
    for each, on in [
        (walked, day),
        (excluded, day),
        (walked, day),
        (walked, day),
        (included, day),
        (excluded, later),
        (walked, later),
        (included, later),
    ]:
        _agrees(each, rules, on)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(data=st.data())
def test_edits_steps_and_repeats_keep_the_engines_columns_exact(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """A tuple edited one contract at a time (the evaluation patched from the tuple before),
    stepped to other days, and asked again unchanged: its outcome days, bonuses and impacts
    stay those of never-seen copies."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    walked = tuple(contracts)
    day = first + dt.timedelta(days=data.draw(st.integers(0, days)))
    for _ in range(data.draw(st.integers(1, 8))):
        move = data.draw(st.sampled_from(["edit", "step", "again"]))
        if move == "edit" and walked:
            k = data.draw(st.integers(0, len(walked) - 1))
            flipped = data.draw(st.sampled_from(["excluded", "disputed", "client_flagged"]))
            edited = walked[k].model_copy(update={flipped: not getattr(walked[k], flipped)})
            walked = (*walked[:k], edited, *walked[k + 1 :])
        elif move == "step":
            day += dt.timedelta(days=data.draw(st.integers(-60, 60)))
        _agrees(walked, rules, day)


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(data=st.data())
def test_window_sums_are_those_of_adding_the_weights_one_by_one(
    random_documents: RandomDocuments, all_rules: tuple[Rules, ...], data: st.DataObject
) -> None:
    """Each window's P, Q and N (summed from the engine's arrays, window by window) equal the
    Decimals of adding its outcomes' weights one by one, trailing zeros included, and its
    outcome and client counts are those of its outcomes."""
    contracts, first, days = data.draw(random_documents)
    rules = data.draw(st.sampled_from(all_rules))
    day = first + dt.timedelta(days=data.draw(st.integers(-400, days + 400)))
    evaluation = evaluate(tuple(contracts), rules, day)
    bonus = len(evaluation.bonus_clients)
    for months, window in evaluation.windows.items():
        start = months_before(evaluation.computed_on, months)
        held = [r for r in evaluation.results if r.outcome and r.outcome.date >= start]
        positive = negative = total = Decimal(0)
        for result in held:
            assert result.outcome is not None
            total += result.outcome.weight
            if result.outcome.value == 1:
                positive += result.outcome.weight
            elif result.outcome.value == -1:
                negative += result.outcome.weight
        sums = (window.positive, window.negative, window.total)
        assert tuple(map(str, sums)) == (str(positive + bonus), str(negative), str(total + bonus))
        assert window.outcomes == len(held)
        assert window.clients == len({r.contract.client_key for r in held})


def test_the_result_arrays_are_read_only_however_they_were_made() -> None:
    """Evaluations and the engine's memory share their arrays: built afresh, patched after
    an edit or moved to another day, none can be written to."""
    contracts = [
        make_contract(
            id=f"c{i}",
            client=f"Client {i % 3}",
            start="2025-01-06",
            end="2025-09-30",
            earnings="900",
            public="5" if i % 2 else "3",
        )
        for i in range(6)
    ]
    rules = PRESETS_BY_NAME["upwork-2024-09"]
    day = dt.date(2026, 3, 2)
    edited = [*contracts[:-1], contracts[-1].model_copy(update={"excluded": True})]
    for evaluation in (
        evaluate(tuple(contracts), rules, day),  # afresh
        evaluate(tuple(edited), rules, day),  # patched from the tuple before
        evaluate(tuple(edited), rules, day + dt.timedelta(days=40)),  # another day
    ):
        for name in evaluation.arrays._fields:
            assert not getattr(evaluation.arrays, name).flags.writeable, name
