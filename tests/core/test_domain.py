"""The domain, decided once (core.domain): every record and parser enforces it, and on it every
computation is total (issue 13, item 4).

Each refused value is one that crashed a computation before it had a bound: an end of
9999-12-31, a start of 9999-12-01 or 0001-01-01, 400-digit earnings, an as-of of 0001-01-01,
``windows: [120000]``, day parameters of 1e12, and ``length_bonus_days`` of 1e9 (66 s, 15.7 GB).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract, ContractError, make_contract
from jsswhatif.core.document import Document, Observation
from jsswhatif.core.domain import (
    AMOUNT_LIMIT,
    FIRST_DATE,
    LAST_DATE,
    MAX_DAYS,
    MAX_TIERS,
    MAX_WINDOW_MONTHS,
    MAX_WINDOWS,
    amount_problem,
    bound_problem,
    date_problem,
)
from jsswhatif.core.engine import evaluate
from jsswhatif.core.explain import explain_result
from jsswhatif.core.fields import FieldError, parse_amount, parse_date, parse_payments
from jsswhatif.core.forecast import forecast
from jsswhatif.core.insights import contract_impacts, window_exits
from jsswhatif.core.readings import calibrate, score_range
from jsswhatif.core.rules import (
    HISTORICAL,
    PRESETS,
    PRESETS_BY_NAME,
    EarningsTier,
    Rules,
    RuleSet,
    custom_rule_set,
)
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.top_rated import top_rated
from jsswhatif.core.top_rated_days import top_rated_changes, top_rated_days

D = dt.date.fromisoformat
P2024 = PRESETS_BY_NAME["upwork-2024-09"]
LARGEST = AMOUNT_LIMIT - Decimal("0.0001")
AFTER = (
    "is after 2199-12-31, the latest date jsswhatif handles (if it means 'no end', leave end empty)"
)
BEFORE = "is before 1990-01-01, the earliest date jsswhatif handles"
TOO_LARGE = "must be less than 1,000,000,000,000 in size"
TOO_PRECISE = "has more than 4 decimals (jsswhatif keeps amounts to 4 decimals)"


# -- the parsers: the CSV, the table and the dialogs read text through them ------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [("9999-12-31", AFTER), ("2200-01-01", AFTER), ("0001-01-01", BEFORE), ("1989-12-31", BEFORE)],
)
def test_a_date_outside_the_domain_is_refused_saying_which_bound(text: str, problem: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_date(text)
    assert caught.value.problem == problem


def test_the_first_and_last_dates_are_accepted() -> None:
    assert parse_date("1990-01-01") == FIRST_DATE
    assert parse_date("2199-12-31") == LAST_DATE


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1000000000000", TOO_LARGE),
        ("$1,000,000,000,000.00", TOO_LARGE),
        ("9" * 400, TOO_LARGE),
        ("250.00001", TOO_PRECISE),
    ],
)
def test_an_amount_outside_the_domain_is_refused(text: str, problem: str) -> None:
    with pytest.raises(FieldError) as caught:
        parse_amount(text)
    assert caught.value.problem == problem


def test_the_largest_amount_and_trailing_zeros_are_accepted() -> None:
    assert parse_amount("999,999,999,999.9999") == LARGEST
    assert parse_amount("1250.500000") == Decimal("1250.500000")  # 1 decimal, as written


def test_a_payment_outside_the_domain_names_the_entry_and_the_bound() -> None:
    with pytest.raises(FieldError) as caught:
        parse_payments("2026-01-05=500;2026-02-05=-1000000000000")
    assert caught.value.text == "2026-02-05=-1000000000000"
    assert caught.value.problem == f"has amount '-1000000000000', which {TOO_LARGE}"
    with pytest.raises(FieldError) as caught:
        parse_payments("9999-01-05=500")
    assert caught.value.problem == f"has date '9999-01-05', which {AFTER}"


# -- the records: documents, the table's edits and the Rules dialog build them -------------------


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"end": "9999-12-31"}, "end", AFTER),
        ({"start": "9999-12-01"}, "start", AFTER),
        ({"start": "0001-01-01"}, "start", BEFORE),
        ({"earnings": "9" * 400}, "earnings", TOO_LARGE),
        ({"earnings": "0.00001"}, "earnings", TOO_PRECISE),
        ({"earnings": "5", "last_paid": "2200-01-01"}, "last_paid", AFTER),
        ({"feedback_date": "2200-01-01"}, "feedback_date", AFTER),
    ],
)
def test_a_contract_outside_the_domain_is_an_error_naming_field_and_bound(
    changes: dict[str, str], field: str, problem: str
) -> None:
    data = {"id": "c1", "client": "Acme", "start": "2026-01-05", **changes}
    with pytest.raises(ContractError) as caught:
        make_contract(**data)
    assert (caught.value.contract_id, caught.value.field) == ("c1", field)
    assert caught.value.problem == problem


@pytest.mark.parametrize(
    ("payment", "problem"),
    [
        ({"date": "9999-01-01", "amount": "5"}, f"date {AFTER}"),
        ({"date": "2026-02-01", "amount": "1e12"}, f"amount {TOO_LARGE}"),
        ({"date": "2026-02-01", "amount": "0.00001"}, f"amount {TOO_PRECISE}"),
    ],
)
def test_a_payment_outside_the_domain_is_an_error(payment: dict[str, str], problem: str) -> None:
    with pytest.raises(ContractError) as caught:
        make_contract(id="c1", client="Acme", start="2026-01-05", payments=[payment])
    assert caught.value.field == "payments"
    assert caught.value.problem == problem


def test_payments_summing_past_the_largest_amount_are_an_error() -> None:
    payments = [{"date": "2026-02-01", "amount": str(LARGEST)}] * 2
    with pytest.raises(ContractError) as caught:
        make_contract(id="c1", client="Acme", start="2026-01-05", payments=payments)
    assert caught.value.field == "payments"
    assert caught.value.problem == f"sum to an amount that {TOO_LARGE}"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"windows": (120000,)}, "1 to 120 months"),
        ({"windows": (0, 6)}, "1 to 120 months"),
        ({"windows": tuple(range(1, MAX_WINDOWS + 2))}, "at most 12 windows"),
        ({"inactive_after_days": 10**12}, "less than or equal to 3650"),
        ({"inactive_after_days": 0}, "greater than or equal to 1"),
        ({"long_term_min_days": 10**12}, "less than or equal to 3650"),
        ({"long_term_payment_gap_days": 10**12}, "less than or equal to 3650"),
        ({"length_bonus_days": 10**9}, "less than or equal to 3650"),
        ({"weight_cap": Decimal("100.5")}, "less than or equal to 100"),
        ({"min_outcomes": 1001}, "less than or equal to 1000"),
        ({"min_clients": 1001}, "less than or equal to 1000"),
        ({"public_positive_min": Decimal("5.5")}, "less than or equal to 5"),
        ({"public_neutral_min": Decimal("0.5")}, "greater than or equal to 1"),
        ({"anchor": D("0001-01-01")}, "greater than or equal to 1990-01-01"),
    ],
)
def test_a_rule_parameter_outside_its_bounds_is_refused(
    changes: dict[str, Any], words: str
) -> None:
    with pytest.raises(ValidationError, match=words):
        custom_rule_set(P2024, "custom", **changes)
    with pytest.raises(ValidationError, match="less than or equal to 2199-12-31"):
        RuleSet(effective_from=D("9999-01-01"))


def test_earnings_tiers_are_bounded_in_number_amount_and_weight() -> None:
    tier = EarningsTier(up_to=None, weight=Decimal(1))
    many = tuple(EarningsTier(up_to=Decimal(k), weight=Decimal(1)) for k in range(MAX_TIERS))
    with pytest.raises(ValidationError, match="at most 10 tiers"):
        custom_rule_set(P2024, "many", earnings_tiers=(*many, tier))
    with pytest.raises(ValidationError, match="less than 1000000000000"):
        EarningsTier(up_to=AMOUNT_LIMIT, weight=Decimal(1))
    with pytest.raises(ValidationError, match="greater than or equal to 0"):
        EarningsTier(up_to=Decimal(-1), weight=Decimal(1))
    with pytest.raises(ValidationError, match="less than or equal to 100"):
        EarningsTier(up_to=None, weight=Decimal(101))


def test_the_bounds_themselves_are_accepted() -> None:
    rules = custom_rule_set(
        P2024,
        "edges",
        windows=tuple(range(MAX_WINDOW_MONTHS - MAX_WINDOWS + 1, MAX_WINDOW_MONTHS + 1)),
        inactive_after_days=MAX_DAYS,
        long_term_min_days=0,
        long_term_payment_gap_days=MAX_DAYS,
        length_bonus_days=MAX_DAYS,
        weight_cap=Decimal(100),
        anchor=LAST_DATE,
    )
    assert rules.windows[-1] == MAX_WINDOW_MONTHS


def test_a_document_outside_the_domain_is_refused() -> None:
    with pytest.raises(ValidationError, match="less than or equal to 2199-12-31"):
        Document(as_of=D("9999-01-01"))
    with pytest.raises(ValidationError, match="greater than or equal to 1990-01-01"):
        Document(as_of=D("0001-01-01"))
    with pytest.raises(ValidationError, match="greater than or equal to 1990-01-01"):
        Observation(date=D("0002-06-30"), value=90)
    with pytest.raises(ValidationError, match="less than 1000000000000"):
        Document(large_contract=AMOUNT_LIMIT)


def test_two_observations_on_one_day_are_refused() -> None:
    """Calibration compares one JSS per day: a second one made ``calibrate`` fail later."""
    seen = (
        Observation(date=D("2026-05-01"), value=90),
        Observation(date=D("2026-05-01"), value=91),
    )
    with pytest.raises(ValueError, match="two observations on 2026-05-01"):
        Document(observations=seen)


def test_pydantic_errors_of_the_bounds_get_the_domain_words() -> None:
    assert bound_problem({"type": "less_than_equal", "ctx": {"le": "2199-12-31"}}) == AFTER
    assert bound_problem({"type": "greater_than_equal", "ctx": {"ge": "1990-01-01"}}) == BEFORE
    assert bound_problem({"type": "less_than", "ctx": {"lt": AMOUNT_LIMIT}}) == TOO_LARGE
    assert bound_problem({"type": "greater_than", "ctx": {"gt": -AMOUNT_LIMIT}}) == TOO_LARGE
    assert bound_problem({"type": "decimal_max_places", "ctx": {"decimal_places": 4}}) == (
        TOO_PRECISE
    )
    assert bound_problem({"type": "less_than_equal", "ctx": {"le": 3650}}) is None
    assert bound_problem({"type": "missing"}) is None
    assert date_problem(dt.date(2026, 1, 1)) is None
    assert amount_problem(Decimal("NaN")) == "must be a finite amount"
    assert amount_problem(Decimal("0E-10")) is None


# -- totality: on the domain's edges every computation returns ----------------------------------


def _edge_contracts(first: dt.date, last: dt.date) -> list[Contract]:
    """Contracts spanning ``[first, last]``: the largest and smallest amounts, payments on both
    days, a refund, a $0 disputed one, an open long-term one."""
    return [
        make_contract(
            id="a", client="A", start=first, end=last, earnings=LARGEST, public="5",
            feedback_date=last,
        ),
        make_contract(id="b", client="B", start=first, earnings=LARGEST, last_paid=last),
        make_contract(
            id="c", client="C", start=first, end=last,
            payments=[
                {"date": first, "amount": LARGEST},
                {"date": last, "amount": "-0.0001"},
                {"date": last, "amount": "0.0001"},
            ],
        ),
        make_contract(id="d", client="D", start=last, earnings="0.0001"),
        make_contract(id="e", client="E", start=first, end=first, public="1", disputed=True),
        make_contract(id="f", client="F", start=first, payments=[{"date": first, "amount": "5"}]),
    ]  # fmt: skip


def _edge_rule_sets() -> list[Rules]:
    tiers = tuple(EarningsTier(up_to=Decimal(k), weight=Decimal("0.0001")) for k in range(9))
    tiers += (EarningsTier(up_to=None, weight=Decimal(100)),)
    widest: dict[str, Any] = {
        "windows": tuple(range(109, 121)),
        "inactive_after_days": MAX_DAYS,
        "long_term_min_days": MAX_DAYS,
        "long_term_payment_gap_days": MAX_DAYS,
        "length_bonus_days": MAX_DAYS,
        "weight_cap": Decimal(100),
        "earnings_tiers": tiers,
        "trending": True,
        "long_term_client_bonus": True,
        "open_inactive": "as_ended",
    }
    narrowest: dict[str, Any] = {
        "windows": (1,),
        "inactive_after_days": 1,
        "long_term_min_days": 0,
        "long_term_payment_gap_days": 0,
        "length_bonus_days": 1,
        "weight_cap": Decimal("0.0001"),
        "min_outcomes": 0,
        "min_clients": 0,
        "cadence": "biweekly",
        "anchor": LAST_DATE,
        "open_inactive": "as_ended",
    }
    customs = [custom_rule_set(P2024, name, **changes) for name, changes in
               (("widest", widest), ("narrowest", narrowest))]  # fmt: skip
    return [PRESETS[0], P2024, HISTORICAL, *customs]


def compute_everything(contracts: list[Contract], rules: Rules, as_of: dt.date) -> None:
    """What the command line and the application compute at ``as_of``, over the plot range."""
    evaluation = evaluate(contracts, rules, as_of)
    contract_impacts(evaluation)
    window_exits(evaluation)
    for result in evaluation.results:
        explain_result(result, evaluation.rule_set, evaluation.computed_on)
    first = min([c.start for c in contracts] + [as_of])
    last = months_after(as_of, 24)
    compute_timeline(contracts, rules, first, last)
    forecast(contracts, rules, as_of)
    top_rated(contracts, rules, as_of, LARGEST)
    top_rated_days(contracts, rules, first, last)
    top_rated_changes(contracts, rules, as_of)
    score_range(contracts, rules, as_of)


@pytest.mark.parametrize(
    ("first", "last"), [(FIRST_DATE, FIRST_DATE), (FIRST_DATE, LAST_DATE), (LAST_DATE, LAST_DATE)]
)
@pytest.mark.parametrize("as_of", [FIRST_DATE, LAST_DATE])
def test_every_computation_is_total_on_the_edges_of_the_domain(
    first: dt.date, last: dt.date, as_of: dt.date
) -> None:
    contracts = _edge_contracts(first, last)
    for rules in _edge_rule_sets():
        compute_everything(contracts, rules, as_of)
    calibrate(contracts[:2], [(FIRST_DATE, 50), (FIRST_DATE + dt.timedelta(days=30), 90)])
    calibrate(contracts[:2], [(LAST_DATE - dt.timedelta(days=30), 50), (LAST_DATE, 90)])


def test_the_largest_bonus_period_is_quick() -> None:
    """``length_bonus_days`` of 1e9 took 66 s and 15.7 GB (an array as long as the period);
    at its bound of 3650 days a timeline over the whole domain is quick."""
    rules = custom_rule_set(P2024, "slow", length_bonus_days=MAX_DAYS, open_long_term="counted")
    contracts = _edge_contracts(FIRST_DATE, LAST_DATE)
    timeline = compute_timeline(contracts, rules, FIRST_DATE, LAST_DATE)
    assert timeline.days == (LAST_DATE - FIRST_DATE).days + 1
    assert isinstance(rules, RuleSet)
