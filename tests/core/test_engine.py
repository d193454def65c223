"""The scoring engine against the specification (scoring model, sections 3-10).

Every expected value is computed by hand from the specification; the arithmetic is written in
a comment beside it. Scores are exact fractions, so a test compares with ``pct(P - Q, N)``
rather than a rounded float. Pre-2024 presets update biweekly from 2023-12-10; their tests use
update days (2024-06-09, 2024-12-08, 2024-12-22, 2026-12-06) unless the cadence is the subject.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest

from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import ContractResult, Evaluation, evaluate, round_displayed
from jsswhatif.core.rules import HISTORICAL, PRESETS_BY_NAME, Rules, custom_rule_set

D = dt.date.fromisoformat
R2015 = PRESETS_BY_NAME["upwork-2015"]
R2020_03 = PRESETS_BY_NAME["upwork-2020-03"]
R2020_11 = PRESETS_BY_NAME["upwork-2020-11"]
R2023_12 = PRESETS_BY_NAME["upwork-2023-12"]
R2024_09 = PRESETS_BY_NAME["upwork-2024-09"]
LTA = "long_term_active"
INACTIVE = "inactive_as_ended"


def at(contracts: list[Contract], rules: Rules, day: str) -> Evaluation:
    """Evaluate ``contracts`` on ``day`` (ISO text)."""
    return evaluate(contracts, rules, D(day))


def result(evaluation: Evaluation, contract_id: str) -> ContractResult:
    """The result of one contract, by id."""
    (found,) = [r for r in evaluation.results if r.contract.id == contract_id]
    return found


def outcome(evaluation: Evaluation, contract_id: str) -> tuple[int, float, str, str] | str:
    """``(value, weight, outcome date, reason)`` of a counted contract, else its status."""
    found = result(evaluation, contract_id)
    if found.outcome is None:
        return found.status
    assert found.status == "counted"
    counted = found.outcome
    return counted.value, float(counted.weight), counted.date.isoformat(), counted.reason


def pct(good: Any, total: Any) -> Fraction:
    """``100 * good / total`` exactly (good = P - Q for the net formula)."""
    return Fraction(100) * Fraction(str(good)) / Fraction(str(total))


def scores(evaluation: Evaluation) -> dict[int, Fraction | None]:
    """Window scores by months."""
    return {months: window.score for months, window in evaluation.windows.items()}


def sums(evaluation: Evaluation, months: int) -> tuple[float, float, float, int, int]:
    """``(P, Q, N, outcomes, clients)`` of one window."""
    w = evaluation.windows[months]
    return float(w.positive), float(w.negative), float(w.total), w.outcomes, w.clients


def daily(base: Any, **changes: Any) -> Any:
    """A custom copy of ``base`` updated daily (so any date is its own update day)."""
    return custom_rule_set(base, f"{base.name} daily", cadence="daily", **changes)


# --- Section 3: contract state ----------------------------------------------------------------


def test_state_not_started_contract_is_ignored(table: Any) -> None:
    """A contract starting after t is not_started and counts nowhere."""
    contracts = table("""
        id  client  start       end         earnings  public
        a   A       2026-01-01  2026-03-01  200       5
        b   B       2026-02-01  2026-04-01  200       5
        n   C       2026-06-02  -           200       -
    """)
    evaluation = at(contracts, R2024_09, "2026-06-01")
    assert outcome(evaluation, "n") == "not_started"
    assert result(evaluation, "n").windows == ()
    # P = 1 + 1 = 2, N = 2 -> 100; n adds nothing.
    assert sums(evaluation, 6) == (2, 0, 2, 2, 2)
    assert evaluation.displayed == 100


def test_state_end_on_t_is_ended_and_end_after_t_is_open(table: Any) -> None:
    """end <= t is ended (outcome dated end); end > t is still open."""
    contracts = table("""
        id  client  start       end         earnings  public
        e   A       2026-05-01  2026-06-01  200       5
        o   B       2026-05-01  2026-06-02  200       5
    """)
    evaluation = at(contracts, R2024_09, "2026-06-01")
    assert outcome(evaluation, "e") == (1, 1.0, "2026-06-01", "ended")
    # Open, 31 days old: not long-term, and 2024-09 does not count inactive contracts.
    assert outcome(evaluation, "o") == "open_pending"
    assert outcome(at(contracts, R2024_09, "2026-06-02"), "o") == (1, 1.0, "2026-06-02", "ended")


# --- Section 4: feedback class ----------------------------------------------------------------

FEEDBACK_RULES = [
    pytest.param(R2020_11, id="private_first"),
    pytest.param(R2024_09, id="worst_of"),
]


@pytest.mark.parametrize("rules", FEEDBACK_RULES)
def test_feedback_public_class_thresholds(table: Any, rules: Any) -> None:
    """public >= 4.5 is +1, >= 3.5 is 0, below is -1 (only public given)."""
    contracts = table("""
        id    client  start       end         earnings  public
        p4.5  A       2026-09-01  2026-10-01  200       4.5
        p4.4  B       2026-09-01  2026-10-01  200       4.4
        p3.5  C       2026-09-01  2026-10-01  200       3.5
        p3.4  D       2026-09-01  2026-10-01  200       3.4
    """)
    evaluation = at(contracts, rules, "2026-12-06")
    values = [result(evaluation, c.id).feedback for c in contracts]
    assert values == [1, 0, 0, -1]
    assert [outcome(evaluation, c.id)[0] for c in contracts] == [1, 0, 0, -1]


@pytest.mark.parametrize("rules", FEEDBACK_RULES)
def test_feedback_private_class_thresholds(table: Any, rules: Any) -> None:
    """private >= 9 is +1, >= 7 is 0, below is -1 (only private given)."""
    contracts = table("""
        id  client  start       end         earnings  private
        q9  A       2026-09-01  2026-10-01  200       9
        q8  B       2026-09-01  2026-10-01  200       8
        q7  C       2026-09-01  2026-10-01  200       7
        q6  D       2026-09-01  2026-10-01  200       6
    """)
    evaluation = at(contracts, rules, "2026-12-06")
    assert [result(evaluation, c.id).feedback for c in contracts] == [1, 0, 0, -1]


def test_feedback_private_first_prefers_private_then_public(table: Any) -> None:
    """combine = private_first: the private class when given, else the public class."""
    contracts = table("""
        id  client  start       end         earnings  public  private
        a   A       2026-09-01  2026-10-01  200       5       6
        b   B       2026-09-01  2026-10-01  200       1       10
        c   C       2026-09-01  2026-10-01  200       3.4     8
        d   D       2026-09-01  2026-10-01  200       4.0     -
        e   E       2026-09-01  2026-10-01  200       -       9
    """)
    evaluation = at(contracts, R2020_11, "2026-12-06")
    assert [result(evaluation, c.id).feedback for c in contracts] == [-1, 1, 0, 0, 1]


def test_feedback_worst_of_takes_the_lower_class(table: Any) -> None:
    """combine = worst_of: the minimum of the visible classes."""
    contracts = table("""
        id  client  start       end         earnings  public  private
        a   A       2026-09-01  2026-10-01  200       5       6
        b   B       2026-09-01  2026-10-01  200       1       10
        c   C       2026-09-01  2026-10-01  200       4.5     8
        d   D       2026-09-01  2026-10-01  200       3.4     9
        e   E       2026-09-01  2026-10-01  200       -       9
        f   F       2026-09-01  2026-10-01  200       4.0     -
    """)
    evaluation = at(contracts, R2024_09, "2026-12-06")
    assert [result(evaluation, c.id).feedback for c in contracts] == [-1, -1, 0, -1, 1, 0]


def test_feedback_dated_after_end_is_invisible_until_its_date(table: Any) -> None:
    """Until its date the contract is 'ended without feedback'; then it counts, dated end."""
    contracts = table("""
        id  client  start       end         earnings  public  feedback_date
        a   A       2026-04-01  2026-05-01  200       5       2026-05-20
    """)
    assert outcome(at(contracts, R2024_09, "2026-05-19"), "a") == "excluded_no_feedback"
    assert outcome(at(contracts, R2024_09, "2026-05-20"), "a") == (1, 1.0, "2026-05-01", "ended")
    # Under no_feedback = neutral, the waiting contract counts 0 until the feedback shows.
    neutral = daily(R2015)
    assert outcome(at(contracts, neutral, "2026-05-19"), "a") == (0, 1.0, "2026-05-01", "ended")
    assert outcome(at(contracts, neutral, "2026-05-20"), "a") == (1, 1.0, "2026-05-01", "ended")


def test_feedback_dated_before_end_is_the_end_of_contract_feedback(table: Any) -> None:
    """Feedback left before the end counts when the contract ends, not while it is open."""
    contracts = table("""
        id  client  start       end         earnings  public  feedback_date
        a   A       2026-04-01  2026-05-01  200       2       2026-04-15
    """)
    assert outcome(at(contracts, R2024_09, "2026-04-20"), "a") == "open_pending"
    assert outcome(at(contracts, R2024_09, "2026-05-01"), "a") == (-1, 1.0, "2026-05-01", "ended")


def test_feedback_dispute_is_negative_even_without_feedback(table: Any) -> None:
    """A disputed contract counts -1 whatever its feedback, also with none."""
    contracts = table("""
        id  client  start       end         earnings  public  disputed
        a   A       2026-04-01  2026-05-01  300       -       yes
        b   B       2026-04-01  2026-05-01  300       5       yes
        c   C       2026-04-01  2026-05-01  300       -       no
        d   D       2026-04-01  2026-05-01  300       5       no
    """)
    evaluation = at(contracts, R2024_09, "2026-06-01")
    assert outcome(evaluation, "a") == (-1, 1.25, "2026-05-01", "ended")
    assert outcome(evaluation, "b") == (-1, 1.25, "2026-05-01", "ended")
    assert outcome(evaluation, "c") == "excluded_no_feedback"
    # P = 1.25, Q = 1.25 + 1.25 = 2.5, N = 3.75 -> 100 * (1.25 - 2.5) / 3.75 < 0, clamped to 0.
    assert sums(evaluation, 6) == (1.25, 2.5, 3.75, 3, 3)
    assert evaluation.best == 0
    assert evaluation.displayed == 0


@pytest.mark.parametrize("rules", [R2024_09, R2023_12], ids=lambda r: r.name)
def test_feedback_dispute_never_makes_an_open_pending_contract_count(
    table: Any, rules: Any
) -> None:
    """An open contract that is neither long-term nor inactive stays open_pending if disputed."""
    contracts = table("""
        id  client  start       end  earnings  last_paid   public  disputed
        a   A       2026-11-01  -    300       2026-12-01  1       yes
    """)
    evaluation = at(contracts, rules, "2026-12-06")
    assert outcome(evaluation, "a") == "open_pending"
    assert evaluation.best is None


def test_feedback_dispute_has_no_effect_when_the_rule_is_off(table: Any) -> None:
    """With dispute_is_negative off, disputed changes nothing."""
    contracts = table("""
        id  client  start       end         earnings  public  disputed
        a   A       2026-04-01  2026-05-01  300       -       yes
        b   B       2026-04-01  2026-05-01  300       5       yes
    """)
    lenient = custom_rule_set(R2024_09, "lenient", dispute_is_negative=False)
    evaluation = at(contracts, lenient, "2026-06-01")
    assert outcome(evaluation, "a") == "excluded_no_feedback"
    assert outcome(evaluation, "b") == (1, 1.25, "2026-05-01", "ended")


# --- Section 5: the outcome of one contract ---------------------------------------------------


def test_outcome_checks_run_in_order(table: Any) -> None:
    """not_started, then excluded_by_user, then client_flagged decide before anything else."""
    contracts = table("""
        id  client  start       end         earnings  public  excluded  client_flagged
        ns  A       2026-07-01  -           0         -       yes       yes
        ex  B       2026-04-01  2026-05-01  300       5       yes       yes
        fl  C       2026-04-01  2026-05-01  300       5       no        yes
        ok  D       2026-04-01  2026-05-01  300       5       no        no
        ok2 E       2026-04-01  2026-05-01  300       1       no        no
    """)
    evaluation = at(contracts, R2024_09, "2026-06-01")
    assert [outcome(evaluation, i) for i in ("ns", "ex", "fl")] == [
        "not_started",
        "excluded_by_user",
        "client_flagged",
    ]
    # Only ok (+1, 1.25) and ok2 (-1, 1.25): P - Q = 0, N = 2.5 -> 0.
    assert sums(evaluation, 6) == (1.25, 1.25, 2.5, 2, 2)


ZERO_EARNINGS = """
    id  client  start       end         earnings  public
    zp  A       2026-09-01  2026-10-01  0         5
    zn  B       2026-09-01  2026-10-01  0         -
    z0  C       2026-09-01  2026-10-01  0         4.0
    zm  D       2026-09-01  2026-10-01  0         2
"""
ENDED = (1.0, "2026-10-01", "ended")


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        # zero_earnings_positive counted, zero_earnings_no_feedback neutral (model version 2:
        # two reported first scores, 75% and 63%, fit neutral and not negative).
        (R2015, [(1, *ENDED), (0, *ENDED), (0, *ENDED), (-1, *ENDED)]),
        # zero_earnings_positive excluded, zero_earnings_no_feedback neutral.
        (R2020_03, ["excluded_zero_positive", (0, *ENDED), (0, *ENDED), (-1, *ENDED)]),
        # Both excluded from 2020-11 on; $0 with a neutral or negative class still counts.
        (
            R2020_11,
            ["excluded_zero_positive", "excluded_zero_no_feedback", (0, *ENDED), (-1, *ENDED)],
        ),
        (
            R2023_12,
            ["excluded_zero_positive", "excluded_zero_no_feedback", (0, *ENDED), (-1, *ENDED)],
        ),
        (
            R2024_09,
            ["excluded_zero_positive", "excluded_zero_no_feedback", (0, *ENDED), (-1, *ENDED)],
        ),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_outcome_zero_earnings_rules_per_preset(table: Any, rules: Any, expected: Any) -> None:
    """$0 contracts: positive and no-feedback ones follow the preset, others count their class."""
    evaluation = at(table(ZERO_EARNINGS), rules, "2026-12-06")
    assert [outcome(evaluation, i) for i in ("zp", "zn", "z0", "zm")] == expected


def test_outcome_zero_earnings_without_feedback_can_count_neutral(table: Any) -> None:
    """zero_earnings_no_feedback = neutral counts a $0 contract without feedback as 0."""
    rules = custom_rule_set(R2024_09, "zero neutral", zero_earnings_no_feedback="neutral")
    assert outcome(at(table(ZERO_EARNINGS), rules, "2026-12-06"), "zn") == (0, *ENDED)


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (R2015, (0, 1.0, "2026-10-01", "ended")),  # neutral, unit weight
        (R2020_03, (0, 1.25, "2026-10-01", "ended")),  # neutral, $300 tier
        (R2020_11, "excluded_no_feedback"),
        (R2023_12, "excluded_no_feedback"),
        (R2024_09, "excluded_no_feedback"),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_outcome_no_feedback_neutral_or_excluded_per_preset(
    table: Any, rules: Any, expected: Any
) -> None:
    """A paid contract ended without feedback counts 0 (neutral) or is excluded."""
    contracts = table("""
        id  client  start       end         earnings
        a   A       2026-09-01  2026-10-01  300
    """)
    assert outcome(at(contracts, rules, "2026-12-06"), "a") == expected


LONG_TERM = """
    id  client  start       end  earnings  last_paid
    lt  A       2026-01-01  -    5000      2026-12-31
"""


def test_outcome_long_term_active_counts_dated_t_with_a_moving_weight(table: Any) -> None:
    """An open contract paid over >= 90 days, recently, counts +1 dated t (2024-09)."""
    contracts = table(LONG_TERM)
    # 89 days from start to t (paid up to t): not yet long-term.
    assert outcome(at(contracts, R2024_09, "2026-03-31"), "lt") == "open_pending"
    # 90 days: K1 = floor(90 / 90) = 1, K2 = floor(364 / 90) + 1 = 5 -> 1.5 + 1 = 2.5.
    assert outcome(at(contracts, R2024_09, "2026-04-01"), "lt") == (1, 2.5, "2026-04-01", LTA)
    # 181 days: K1 = 2 -> 1.5 + 2 = 3.5, and the outcome moves with t.
    evaluation = at(contracts, R2024_09, "2026-07-01")
    assert outcome(evaluation, "lt") == (1, 3.5, "2026-07-01", LTA)
    assert result(evaluation, "lt").windows == (6, 12, 24)


def test_outcome_long_term_payment_gap_of_90_days(table: Any) -> None:
    """2024-09: the latest payment may be up to 90 days before t, not 91."""
    contracts = table("""
        id  client  start       end  earnings  last_paid
        g   A       2026-01-01  -    5000      2026-04-01
    """)
    # t - last = 2026-04-01 -> 06-30 = 90 days; span 90 days; K1 = floor(180 / 90) = 2,
    # K2 = floor(90 / 90) + 1 = 2 -> 1.5 + 2 = 3.5.
    assert outcome(at(contracts, R2024_09, "2026-06-30"), "g") == (1, 3.5, "2026-06-30", LTA)
    assert outcome(at(contracts, R2024_09, "2026-07-01"), "g") == "open_pending"


def test_outcome_long_term_needs_payments_spanning_the_minimum(table: Any) -> None:
    """Paid over 89 days, or only on the start day, is never long-term."""
    contracts = table("""
        id   client  start       end  earnings  last_paid
        p89  A       2026-01-01  -    5000      2026-03-31
        p0   B       2026-01-01  -    5000      -
    """)
    evaluation = at(contracts, R2024_09, "2026-04-15")
    assert outcome(evaluation, "p89") == "open_pending"
    assert outcome(evaluation, "p0") == "open_pending"


INTERIM = """
    id  client  start       end  earnings  last_paid   public  feedback_date  disputed
    f1  A       2026-01-01  -    5000      2026-06-20  2       2026-05-01     no
    f2  B       2026-01-01  -    5000      2026-06-20  4.0     2026-05-01     no
    f3  C       2026-01-01  -    5000      2026-06-20  2       2026-07-15     no
    f4  D       2026-01-01  -    5000      2026-06-20  1       -              no
    f5  E       2026-01-01  -    5000      2026-06-20  -       -              yes
"""


def test_outcome_long_term_value_with_interim_feedback_counted(table: Any) -> None:
    """interim_feedback = counts (version 1's reading): a long-term contract counts +1 unless
    visible mid-contract feedback or a dispute says else."""
    contracts = table(INTERIM)
    rules = custom_rule_set(R2024_09, "interim", interim_feedback="counts")
    evaluation = at(contracts, rules, "2026-06-30")
    values = [outcome(evaluation, c.id)[0] for c in contracts]
    # f3's feedback is dated after t; f4's has no date, so on an open contract it is unseen.
    assert values == [-1, 0, 1, 1, -1]


def test_outcome_long_term_value_ignores_interim_feedback(table: Any) -> None:
    """interim_feedback = ignored (every preset): mid-contract feedback never counts while the
    contract is open; a dispute still does (it is not feedback)."""
    evaluation = at(table(INTERIM), R2024_09, "2026-06-30")
    assert [outcome(evaluation, c)[0] for c in ("f1", "f2", "f3", "f4", "f5")] == [1, 1, 1, 1, -1]
    assert [r.feedback for r in evaluation.results] == [None, None, None, None, -1]


def test_interim_feedback_counts_once_the_contract_ends(table: Any) -> None:
    """Feedback left mid-contract is the end-of-contract feedback once the contract ends."""
    contracts = table("""
        id  client  start       end         earnings  public  feedback_date
        a   A       2026-01-01  2026-06-25  5000      2       2026-05-01
    """)
    # Ended 2026-06-25: the 2-star feedback of 2026-05-01 is visible: -1; $5,000 over 175
    # days: 1.5 + min(1, 2) = 2.5.
    assert outcome(at(contracts, R2024_09, "2026-06-30"), "a") == (-1, 2.5, "2026-06-25", "ended")


def test_outcome_inactive_as_ended_then_dated_end_once_the_end_passes(table: Any) -> None:
    """Pre-2024: an open contract unpaid for 90 days counts as ended on last + 90, then on end."""
    contracts = table("""
        id  client  start       end         earnings  last_paid   public
        i   A       2024-01-01  2025-03-01  800       2024-06-01  5
    """)
    evaluation = at(contracts, R2023_12, "2024-12-08")
    # last = 2024-06-01, t - last = 190 >= 90 -> d = 2024-06-01 + 90 = 2024-08-30.
    # K1 = floor((08-30 - 01-01 = 242) / 90) = 2, K2 = floor(152 / 90) + 1 = 2 -> 1.25 + 2.
    # Feedback without a date is left at d: 5 stars -> +1.
    assert outcome(evaluation, "i") == (1, 3.25, "2024-08-30", INACTIVE)
    assert result(evaluation, "i").windows == (6, 12, 24)  # 3-month window starts 2024-09-08
    # 2025-03-02 is the first update after the end: evaluated as ended, dated end.
    # K1 = floor(425 / 90) = 4, K2 = 2 -> 1.25 + 2 = 3.25 (paid only early on a long contract).
    later = at(contracts, R2023_12, "2025-03-02")
    assert outcome(later, "i") == (1, 3.25, "2025-03-01", "ended")
    assert result(later, "i").windows == (3, 6, 12, 24)
    # 2024-09 never counts an inactive open contract.
    assert outcome(at(contracts, R2024_09, "2024-12-08"), "i") == "open_pending"


def test_outcome_inactive_after_exactly_90_days_without_payment(table: Any) -> None:
    """(t - last) >= 90 makes a contract inactive; 89 days does not."""
    contracts = table("""
        id   client  start       end  earnings  last_paid   public
        g90  A       2024-08-01  -    400       2024-09-09  5
        g89  B       2024-08-01  -    400       2024-09-10  5
    """)
    evaluation = at(contracts, R2023_12, "2024-12-08")
    # d = 2024-09-09 + 90 = 2024-12-08 = t; K1 = floor(129 / 90) = 1,
    # K2 = floor(39 / 90) + 1 = 1 -> 1.25 + 1 = 2.25.
    assert outcome(evaluation, "g90") == (1, 2.25, "2024-12-08", INACTIVE)
    assert outcome(evaluation, "g89") == "open_pending"


@pytest.mark.parametrize(
    ("feedback_date", "expected_2023", "expected_2020"),
    [
        # Left after d but by t: visible. 2 stars -> -1.
        ("2024-11-01", (-1, 3.25, "2024-08-30", INACTIVE), -1),
        # Left after t: not visible yet; the contract is inactive without feedback.
        ("2024-12-20", "excluded_no_feedback", 0),
    ],
)
def test_outcome_inactive_contract_sees_feedback_only_from_its_date(
    table: Any, feedback_date: str, expected_2023: Any, expected_2020: int
) -> None:
    """Dated feedback on an inactive contract shows from its date, like on an ended one."""
    contracts = table(f"""
        id  client  start       end  earnings  last_paid   public  feedback_date
        i   A       2024-01-01  -    800       2024-06-01  2       {feedback_date}
    """)
    # d = 2024-08-30 and weight 1.25 + 2 as in the test above.
    assert outcome(at(contracts, R2023_12, "2024-12-08"), "i") == expected_2023
    assert outcome(at(contracts, R2020_03, "2024-12-08"), "i")[0] == expected_2020


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        (R2015, (0, 1.0, "2024-10-30", INACTIVE)),
        (R2020_03, (0, 1.0, "2024-10-30", INACTIVE)),
        (R2020_11, "excluded_zero_no_feedback"),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_outcome_inactive_zero_earnings_contract_counts_from_its_start(
    table: Any, rules: Any, expected: Any
) -> None:
    """A $0 open contract is inactive 90 days after its start, then follows the $0 rules."""
    contracts = table("""
        id  client  start       end  earnings
        z   A       2024-08-01  -    0
    """)
    # last = start; d = 2024-08-01 + 90 = 2024-10-30; $0 without feedback.
    assert outcome(at(contracts, rules, "2024-12-08"), "z") == expected


def test_outcome_long_term_active_is_never_also_inactive(table: Any) -> None:
    """A contract both long-term (gap 100 <= 120) and inactive (100 >= 90) counts as long-term."""
    rules = daily(R2023_12, open_long_term="counted", long_term_payment_gap_days=120)
    contracts = table("""
        id  client  start       end  earnings  last_paid
        a   A       2025-06-01  -    5000      2026-02-21
    """)
    # t - last = 100 days; K1 = floor(365 / 90) = 4, K2 = floor(265 / 90) + 1 = 3 -> 1.5 + 3.
    assert outcome(at(contracts, rules, "2026-06-01"), "a") == (1, 4.5, "2026-06-01", LTA)


# --- Section 6: weight ------------------------------------------------------------------------


def test_weight_earnings_tiers_on_the_exact_amount(table: Any) -> None:
    """<= 250.00 weighs 1, <= 1000.00 weighs 1.25, 1000.01 weighs 1.5; $0 weighs 1."""
    contracts = table("""
        id       client  start       end         earnings  public
        e0       A       2026-04-01  2026-05-01  0         4.0
        e250     B       2026-04-01  2026-05-01  250.00    5
        e250.01  C       2026-04-01  2026-05-01  250.01    5
        e1000    D       2026-04-01  2026-05-01  1000.00   5
        e1000.01 E       2026-04-01  2026-05-01  1000.01   5
    """)
    evaluation = at(contracts, R2024_09, "2026-06-01")
    weights = [outcome(evaluation, c.id)[1] for c in contracts]
    assert weights == [1.0, 1.0, 1.25, 1.25, 1.5]


def test_weight_unit_weighting_ignores_earnings(table: Any) -> None:
    """upwork-2015 weighs every short contract 1, whatever it earned."""
    contracts = table("""
        id  client  start       end         earnings  public
        a   A       2026-09-01  2026-10-01  5000      5
    """)
    assert outcome(at(contracts, R2015, "2026-12-06"), "a") == (1, 1.0, "2026-10-01", "ended")


LENGTHS = """
    id     client  start       end         earnings  last_paid   public
    d89    A       2025-01-01  2025-03-31  2000      -           5
    d90    A       2025-01-01  2025-04-01  2000      -           5
    early  A       2025-01-01  2025-12-31  2000      2025-02-15  5
    k2     A       2025-01-01  2025-12-31  2000      2025-04-01  5
    late   A       2025-01-01  2025-12-31  2000      -           5
    after  A       2025-01-01  2025-04-01  2000      2025-12-01  5
    w7.5   A       2023-01-01  2024-07-01  2000      -           5
    w8     A       2023-01-01  2024-10-01  200       -           5
    cap    A       2023-01-01  2024-12-31  2000      -           5
    zero   A       2023-01-01  2024-12-31  0         -           4.0
"""


def test_weight_length_bonus_counts_complete_paid_periods_up_to_the_cap(table: Any) -> None:
    """bonus = max(0, min(K1, K2)), weight = min(8, base + bonus)."""
    evaluation = at(table(LENGTHS), R2024_09, "2026-06-01")
    weights = {r.contract.id: float(r.outcome.weight) for r in evaluation.results if r.outcome}
    assert weights == {
        "d89": 1.5,  # 89 days: K1 = 0
        "d90": 2.5,  # 90 days: K1 = 1, K2 = 2
        "early": 2.5,  # 364 days: K1 = 4, paid 45 days: K2 = 0 + 1 = 1
        "k2": 3.5,  # K1 = 4, paid 90 days: K2 = 2
        "late": 5.5,  # paid to the end: K1 = 4, K2 = 5
        "after": 2.5,  # last_paid after end: K1 = 1 limits
        "w7.5": 7.5,  # 547 days: K1 = 6 -> 1.5 + 6
        "w8": 8.0,  # 639 days: K1 = 7 -> 1 + 7, exactly the cap
        "cap": 8.0,  # 730 days: K1 = 8, K2 = 9 -> 9.5, capped at 8
        "zero": 1.0,  # $0: no bonus
    }


def test_weight_bonus_period_and_cap_are_parameters(table: Any) -> None:
    """length_bonus_days and weight_cap change the bonus and the cap."""
    contracts = table(LENGTHS)
    no_bonus = custom_rule_set(R2024_09, "no bonus", length_bonus_days=0)
    monthly = custom_rule_set(R2024_09, "monthly", length_bonus_days=30, weight_cap=Decimal(3))
    assert outcome(at(contracts, no_bonus, "2026-06-01"), "late")[1] == 1.5
    # d90 with P = 30: K1 = 3, K2 = floor(90 / 30) + 1 = 4 -> 1.5 + 3 = 4.5, capped at 3.
    assert outcome(at(contracts, monthly, "2026-06-01"), "d90")[1] == 3.0
    # d89: K1 = floor(89 / 30) = 2 -> 3.5, capped at 3; early: K2 = floor(45 / 30) + 1 = 2.
    assert outcome(at(contracts, monthly, "2026-06-01"), "early")[1] == 3.0


# --- Section 7: long-term client bonus --------------------------------------------------------

BONUS = """
    | id  | client  | start      | end        | earnings | last_paid  | public | excluded | client_flagged |
    | a   | A       | 2024-10-01 | 2024-11-01 | 200      | -          | 5      | no       | no             |
    | b   | B       | 2024-10-15 | 2024-11-15 | 200      | -          | 4.0    | no       | no             |
    | lt1 |  Acme   | 2024-01-01 | -          | 5000     | 2024-12-01 | -      | no       | no             |
    | lt2 | ACME    | 2024-06-01 | -          | 3000     | 2024-11-20 | -      | no       | no             |
"""  # noqa: E501


def test_bonus_adds_one_positive_job_per_long_term_client_in_every_window(table: Any) -> None:
    """Each client with an open long-term contract adds (+1, weight 1, d = t) to every window."""
    evaluation = at(table(BONUS), R2023_12, "2024-12-08")
    # lt1 and lt2 are both long-term (gaps 7 and 18 days <= 30) for the same client "acme".
    assert evaluation.bonus_clients == ("Acme",)
    # The contracts themselves are open, recently paid: not counted.
    assert outcome(evaluation, "lt1") == outcome(evaluation, "lt2") == "open_pending"
    # Every window, the 3-month one included: a (+1, 1), b (0, 1), bonus (+1, 1):
    # P = 2, N = 3 -> 66.666667; real outcomes 2 from 2 clients.
    for months in (3, 6, 12, 24):
        assert sums(evaluation, months) == (2, 0, 3, 2, 2)
        assert evaluation.windows[months].score == pct(2, 3)
    assert evaluation.trending == pct(2, 3)
    assert evaluation.displayed == 67


def test_bonus_is_given_once_per_distinct_client(table: Any) -> None:
    """A second long-term client adds a second pseudo-outcome."""
    contracts = table(BONUS) + table("""
        id   client  start       end  earnings  last_paid
        lt3  Other   2024-05-01  -    900       2024-12-05
    """)
    evaluation = at(contracts, R2023_12, "2024-12-08")
    assert evaluation.bonus_clients == ("Acme", "Other")
    # P = 1 + 2, N = 2 + 2 -> 75.
    assert evaluation.windows[6].score == 75


def test_bonus_does_not_count_toward_the_minimums(table: Any) -> None:
    """Pseudo-outcomes are neither outcomes nor clients for min_outcomes and min_clients."""
    contracts = [c for c in table(BONUS) if c.id != "b"]
    evaluation = at(contracts, R2023_12, "2024-12-08")
    # One real outcome (a) plus the bonus: 1 < 2 outcomes -> no score.
    assert sums(evaluation, 6) == (2, 0, 2, 1, 1)
    assert evaluation.displayed is None
    same_client = table(BONUS.replace("| B ", "| A "))
    # Two real outcomes, both from client A: 1 < 2 clients -> no score.
    assert at(same_client, R2023_12, "2024-12-08").displayed is None


def test_bonus_is_independent_of_the_contracts_own_outcome(table: Any) -> None:
    """A long-term contract that counts itself still earns its client the bonus."""
    rules = custom_rule_set(R2023_12, "counted and bonus", open_long_term="counted")
    evaluation = at(table(BONUS), rules, "2024-12-08")
    # lt1: 342 days to t: K1 = 3, paid 335 days: K2 = 4 -> 1.5 + 3 = 4.5.
    # lt2: 190 days to t: K1 = 2, paid 172 days: K2 = 2 -> 1.5 + 2 = 3.5.
    assert outcome(evaluation, "lt1") == (1, 4.5, "2024-12-08", LTA)
    assert outcome(evaluation, "lt2") == (1, 3.5, "2024-12-08", LTA)
    assert evaluation.bonus_clients == ("Acme",)
    # P = 1 (a) + 4.5 + 3.5 + 1 (bonus) = 10, N = 10 + 1 (b) = 11 -> 90.909091.
    assert sums(evaluation, 6) == (10, 0, 11, 4, 3)
    assert evaluation.displayed == 91


@pytest.mark.parametrize("flag", ["excluded", "client_flagged"])
def test_bonus_ignores_excluded_and_flagged_contracts(table: Any, flag: str) -> None:
    """An excluded or flagged long-term contract does not earn its client a bonus."""
    contracts = [
        c.model_copy(update={flag: True}) if c.id in {"lt1", "lt2"} else c for c in table(BONUS)
    ]
    evaluation = at(contracts, R2023_12, "2024-12-08")
    assert evaluation.bonus_clients == ()
    assert evaluation.windows[6].score == 50  # P = 1, N = 2


def test_bonus_needs_a_recent_payment_and_is_off_in_2024_09(table: Any) -> None:
    """No bonus when the last payment is over 30 days old; 2024-09 has no bonus at all."""
    late = [
        c.model_copy(update={"last_paid": D("2024-11-01")}) if c.id in {"lt1", "lt2"} else c
        for c in table(BONUS)
    ]
    assert at(late, R2023_12, "2024-12-08").bonus_clients == ()  # gap 37 > 30
    evaluation = at(table(BONUS), R2024_09, "2024-12-08")
    assert evaluation.bonus_clients == ()
    assert outcome(evaluation, "lt1")[3] == "long_term_active"


# --- Section 8: window scores -----------------------------------------------------------------

SIX_MONTHS = """
    id  client  start       end         earnings  public
    x   A       2026-03-01  2026-03-15  200       5
    y   B       2026-05-01  2026-06-01  200       4.0
"""


def test_window_holds_an_outcome_exactly_6_months_old_but_not_one_day_older(table: Any) -> None:
    """months_before(t, 6) <= d: in on 2026-09-15 (d = 2026-03-15), out on 2026-09-16."""
    contracts = table(SIX_MONTHS)
    on_the_day = at(contracts, R2024_09, "2026-09-15")
    assert result(on_the_day, "x").windows == (6, 12, 24)
    assert on_the_day.windows[6].score == 50  # P = 1, N = 2
    day_after = at(contracts, R2024_09, "2026-09-16")
    assert result(day_after, "x").windows == (12, 24)
    assert day_after.windows[6].score is None  # only y left: 1 < 2 outcomes
    assert day_after.windows[12].score == 50


def test_window_outcome_of_feb_28_leaves_the_6_month_window_on_sep_1(table: Any) -> None:
    """Because of the clamp, 2026-02-28 is still in the 6-month window on 2026-08-31."""
    contracts = table(SIX_MONTHS.replace("2026-03-15", "2026-02-28").replace("03-01", "02-01"))
    assert result(at(contracts, R2024_09, "2026-08-31"), "x").windows == (6, 12, 24)
    assert result(at(contracts, R2024_09, "2026-09-01"), "x").windows == (12, 24)


MINIMUMS = """
    | id | client | start      | end        | earnings | public |
    | a  | A      | 2026-09-01 | 2026-09-20 | 200      | 5      |
    | b  | Beta   | 2026-09-01 | 2026-09-20 | 200      | 5      |
    | c  | C      | 2026-09-01 | 2026-09-20 | 200      | 5      |
    | d  | C      | 2026-10-01 | 2026-10-20 | 200      | 4.0    |
"""


def test_window_one_outcome_short_of_the_minimum_has_no_score(table: Any) -> None:
    """upwork-2020-03 needs 4 outcomes: 3 give "no JSS", a 4th (value 0) gives a score."""
    contracts = table(MINIMUMS)
    short = at(contracts[:3], R2020_03, "2026-12-06")
    assert sums(short, 24)[3:] == (3, 3)
    assert short.best is None
    assert short.displayed is None
    enough = at(contracts, R2020_03, "2026-12-06")
    # P = 3, N = 4 -> 75; 4 outcomes from 3 clients.
    assert sums(enough, 24) == (3, 0, 4, 4, 3)
    assert enough.displayed == 75


def test_window_one_client_short_of_the_minimum_has_no_score(table: Any) -> None:
    """upwork-2020-03 needs 3 clients; "Beta", "BETA " and " beta" are one client."""
    text = MINIMUMS.replace("| C      |", "| BETA   |", 1).replace("| C      |", "|  beta  |")
    evaluation = at(table(text), R2020_03, "2026-12-06")
    assert sums(evaluation, 24)[3:] == (4, 2)
    assert evaluation.displayed is None


def test_window_2024_minimum_is_two_outcomes_from_two_clients(table: Any) -> None:
    """upwork-2024-09 scores from 2 outcomes of 2 clients, not from 1."""
    contracts = table(MINIMUMS)
    assert at(contracts[:1], R2024_09, "2026-12-06").displayed is None
    assert at(contracts[2:], R2024_09, "2026-12-06").displayed is None  # c and d: one client
    assert at(contracts[:2], R2024_09, "2026-12-06").displayed == 100


def test_window_with_nothing_in_it_has_no_score_even_without_minimums() -> None:
    """N must be > 0: an empty window has no score even with minimums of 0."""
    rules = custom_rule_set(R2024_09, "no minimums", min_outcomes=0, min_clients=0)
    evaluation = evaluate([], rules, D("2026-06-01"))
    assert evaluation.windows[6].score is None
    assert evaluation.displayed is None


FORMULA = """
    id  client  start       end         earnings  public
    p   A       2026-01-01  2026-04-01  2000      5
    m   B       2026-04-01  2026-05-01  500       2
    z   C       2026-04-01  2026-05-01  200       4.0
"""


def test_window_net_formula_subtracts_negative_outcomes(table: Any) -> None:
    """net: 100 (P - Q) / N."""
    evaluation = at(table(FORMULA), R2024_09, "2026-06-01")
    # P = 2.5, Q = 1.25, N = 2.5 + 1.25 + 1 = 4.75 -> 100 * 1.25 / 4.75 = 26.315789
    assert sums(evaluation, 6) == (2.5, 1.25, 4.75, 3, 3)
    assert evaluation.windows[6].score == pct("1.25", "4.75")
    assert evaluation.displayed == 26


def test_window_share_formula_counts_only_positive_outcomes(table: Any) -> None:
    """share: 100 P / N."""
    share = custom_rule_set(R2024_09, "share", formula="share")
    # 100 * 2.5 / 4.75 = 52.631579
    assert at(table(FORMULA), share, "2026-06-01").windows[6].score == pct("2.5", "4.75")


TRENDING = """
    id  client  start       end         earnings  public
    r1  A       2024-10-20  2024-11-01  200       5
    r2  B       2024-11-01  2024-11-15  200       5
    o1  C       2024-06-20  2024-07-01  200       2
    o2  D       2024-07-01  2024-07-15  200       4.0
    y1  E       2024-01-01  2024-01-15  200       4.0
    y2  F       2023-05-01  2023-06-01  200       5
"""


def test_trending_is_the_mean_of_3_and_6_and_3_is_not_a_candidate(table: Any) -> None:
    """Trending = (m3 + m6) / 2 competes for best; the 3-month score alone does not."""
    evaluation = at(table(TRENDING), R2023_12, "2024-12-08")
    # 3 months (from 2024-09-08): r1, r2 -> 100. 6 months (from 2024-06-08): P = 2, Q = 1
    # (o1), N = 4 -> 25. 12 months adds y1 (0): 1 / 5 -> 20. 24 months adds y2: 2 / 6 -> 33.3.
    assert scores(evaluation) == {3: 100, 6: 25, 12: 20, 24: pct(2, 6)}
    # Trending (100 + 25) / 2 = 62.5 is best (not 100), and rounds half up to 63.
    assert evaluation.trending == Fraction(125, 2)
    assert evaluation.best == Fraction(125, 2)
    assert evaluation.displayed == 63


def test_trending_needs_both_the_3_and_the_6_month_window(table: Any) -> None:
    """With one outcome in 3 months, trending has no value and best comes from the others."""
    contracts = [c for c in table(TRENDING) if c.id != "r2"]
    evaluation = at(contracts, R2023_12, "2024-12-08")
    assert evaluation.windows[3].score is None
    assert evaluation.trending is None
    # 6: (1 - 1) / 3 = 0; 12: (1 - 1) / 4 = 0; 24: (2 - 1) / 5 = 20.
    assert evaluation.best == 20
    assert evaluation.displayed == 20


def test_trending_uses_a_6_month_window_even_when_6_is_not_configured(table: Any) -> None:
    """Windows (12, 24) with trending: the 6-month score still feeds trending, unreported."""
    rules = custom_rule_set(R2023_12, "no six", windows=(12, 24))
    evaluation = at(table(TRENDING), rules, "2024-12-08")
    assert evaluation.rule_set.reported_windows == (3, 12, 24)
    assert result(evaluation, "o1").windows == (12, 24)  # 6 is not reported
    assert evaluation.windows[6].score == 25  # but it is scored, as above
    assert evaluation.trending == Fraction(125, 2)  # (100 + 25) / 2, as above
    assert evaluation.displayed == 63


def test_trending_off_reports_no_3_month_window(table: Any) -> None:
    """Without trending there is no 3-month window and no trending value."""
    evaluation = at(table(TRENDING), R2024_09, "2024-12-08")
    assert evaluation.rule_set.reported_windows == (6, 12, 24)
    assert sorted(evaluation.windows) == [6, 12, 24]
    assert evaluation.trending is None
    assert result(evaluation, "r1").windows == (6, 12, 24)


# --- Section 9: the displayed score -----------------------------------------------------------

SNAPSHOT = """
    id  client  start       end         earnings  public
    a   A       2024-10-01  2024-10-20  200       5
    b   B       2024-10-01  2024-11-20  200       5
    n   C       2024-11-01  2024-12-10  200       1
"""


def test_biweekly_value_on_a_non_update_day_equals_the_update_days(table: Any) -> None:
    """Everything reported for t is computed at the latest update day u(t)."""
    contracts = table(SNAPSHOT)
    update_day = at(contracts, R2023_12, "2024-12-08")
    # n ends on 12-10, but until the next update (12-22) nothing shows it.
    for day in ("2024-12-10", "2024-12-21"):
        later = at(contracts, R2023_12, day)
        assert later.computed_on == D("2024-12-08")
        assert later.results == update_day.results
        assert later.windows == update_day.windows
        assert (later.best, later.displayed) == (update_day.best, update_day.displayed)
        assert later.displayed == 100
        assert outcome(later, "n") == "open_pending"
    # 2024-12-22: n counts -1. P = 2, Q = 1, N = 3 -> 33.3 -> 33.
    next_update = at(contracts, R2023_12, "2024-12-22")
    assert outcome(next_update, "n") == (-1, 1.0, "2024-12-10", "ended")
    assert next_update.displayed == 33


def test_daily_cadence_shows_a_change_the_same_day(table: Any) -> None:
    """upwork-2024-09 computes at u = t."""
    evaluation = at(table(SNAPSHOT), R2024_09, "2024-12-10")
    assert evaluation.computed_on == D("2024-12-10")
    assert evaluation.displayed == 33  # (2 - 1) / 3


HALF = """
    id  client  start       end         earnings  public
    p   A       2026-01-01  2026-04-01  2000      5
    z   B       2026-03-01  2026-03-20  2000      4.0
"""


def test_displayed_rounds_half_up_or_floors(table: Any) -> None:
    """A best of exactly 62.5 displays 63 under half_up and 62 under floor."""
    contracts = table(HALF)
    # p: 1.5 + min(1, 2) = 2.5 (+1); z: 1.5 (0). P = 2.5, N = 4 -> 62.5.
    evaluation = at(contracts, R2024_09, "2026-06-01")
    assert evaluation.best == Fraction(125, 2)
    assert evaluation.displayed == 63
    floor = custom_rule_set(R2024_09, "floor", rounding="floor")
    assert at(contracts, floor, "2026-06-01").displayed == 62


@pytest.mark.parametrize(
    ("best", "half_up", "floor"),
    [
        ("89.5", 90, 89),  # a tie goes up
        ("89.4999996", 90, 89),  # 6 decimals first: 89.500000 -> 90
        ("89.4999994", 89, 89),  # 89.499999 -> 89
        ("89.9999999", 90, 89),  # floor takes the exact value
        ("2000/23", 87, 86),  # 86.956522
        ("0", 0, 0),
        ("100", 100, 100),
    ],
)
def test_displayed_rounding_of_a_best_score(best: str, half_up: int, floor: int) -> None:
    """half_up is floor(x + 0.5) of x rounded to 6 decimals; floor is floor of the exact x."""
    assert round_displayed(Fraction(best), "half_up") == half_up
    assert round_displayed(Fraction(best), "floor") == floor


def test_displayed_none_stays_none() -> None:
    """No defined window means no JSS, whatever the rounding."""
    assert round_displayed(None, "half_up") is None
    assert round_displayed(None, "floor") is None


# --- Section 10: historical -------------------------------------------------------------------

NOVEMBER_2020 = """
    id  client  start       end         earnings  public
    a   A       2020-06-01  2020-06-20  200       5
    b   B       2020-07-01  2020-07-20  200       5
    c   C       2020-08-01  2020-08-20  200       5
    d   D       2020-09-01  2020-09-20  200       -
"""


def test_historical_switches_presets_on_the_first_update_under_the_new_one(table: Any) -> None:
    """On 2020-11-08 the score is still upwork-2020-03's; 2020-11-15 shows upwork-2020-11."""
    contracts = table(NOVEMBER_2020)
    old = at(contracts, HISTORICAL, "2020-11-08")
    assert (old.computed_on, old.rule_set.name, old.rules_name) == (
        D("2020-11-01"),
        "upwork-2020-03",
        "historical",
    )
    # d has no feedback: neutral under 2020-03. P = 3, N = 4 -> 75.
    assert outcome(old, "d") == (0, 1.0, "2020-09-20", "ended")
    assert old.displayed == 75
    new = at(contracts, HISTORICAL, "2020-11-15")
    assert (new.computed_on, new.rule_set.name) == (D("2020-11-15"), "upwork-2020-11")
    # d is now excluded: 3 outcomes < 4 -> no JSS.
    assert outcome(new, "d") == "excluded_no_feedback"
    assert new.displayed is None


def test_historical_becomes_daily_on_2024_09_01(table: Any) -> None:
    """2024-08-31 is computed on 2024-08-18 (2023-12); from 2024-09-01 every day is its own."""
    contracts = table(SNAPSHOT)
    assert at(contracts, HISTORICAL, "2024-08-31").computed_on == D("2024-08-18")
    evaluation = at(contracts, HISTORICAL, "2024-12-10")
    assert (evaluation.computed_on, evaluation.rule_set.name) == (
        D("2024-12-10"),
        "upwork-2024-09",
    )
    assert evaluation.displayed == 33


# --- Every preset on one contract set ---------------------------------------------------------

PRESET_SET = """
    id  client  start       end         earnings  last_paid   public  private
    p1  A       2024-06-01  2024-10-01  2000      -           5       10
    p2  B       2024-07-01  2024-08-15  500       -           4.0     10
    p3  C       2024-08-01  2024-09-01  300       -           -       -
    p4  D       2024-09-01  2024-10-01  0         -           -       -
    p5  E       2024-03-01  -           3000      2024-12-01  -       -
    p6  F       2024-10-01  2024-10-20  0         -           5       -
"""


@pytest.mark.parametrize(
    ("rules", "statuses", "six", "trending", "displayed"),
    [
        # unit weights: p1 1 + min(K1 = floor(122 / 90) = 1, K2 = 2) = 2 (+1); p2 1 (+1, private
        # 10 first); p3 1 (0, neutral); p4 1 (0, $0 no feedback); p6 1 (+1, $0 counted);
        # p5 is long-term (gap 7 <= 30) but not counted: its client E adds a bonus.
        # P = 2 + 1 + 1 + 1 = 5, Q = 0, N = 7 -> 100 * 5 / 7 = 71.428571.
        (
            R2015,
            ["counted", "counted", "counted", "counted", "open_pending", "counted"],
            pct(5, 7),
            None,
            71,
        ),
        # tiers: p1 2.5 (+1), p2 1.25 (+1), p3 1.25 (0), p4 1 (0), p6 excluded, bonus 1.
        # P = 2.5 + 1.25 + 1 = 4.75, Q = 0, N = 7 -> 100 * 4.75 / 7 = 67.857143.
        (
            R2020_03,
            ["counted", "counted", "counted", "counted", "open_pending", "excluded_zero_positive"],
            pct("4.75", 7),
            None,
            68,
        ),
        # Only p1 and p2 count: 2 < 4 outcomes -> no JSS.
        (
            R2020_11,
            [
                "counted",
                "counted",
                "excluded_no_feedback",
                "excluded_zero_no_feedback",
                "open_pending",
                "excluded_zero_positive",
            ],
            None,
            None,
            None,
        ),
        # worst_of: p2 is min(0, +1) = 0. P = 2.5 + bonus 1 = 3.5, N = 2.5 + 1.25 + 1 = 4.75
        # -> 73.684211; the 3-month window (from 09-08) holds only p1: no trending.
        (
            R2023_12,
            [
                "counted",
                "counted",
                "excluded_no_feedback",
                "excluded_zero_no_feedback",
                "open_pending",
                "excluded_zero_positive",
            ],
            pct("3.5", "4.75"),
            None,
            74,
        ),
        # p5 counts itself: +1, 1.5 + min(K1 = floor(282 / 90) = 3, K2 = floor(275 / 90) + 1
        # = 4) = 4.5; no bonus. P = 2.5 + 4.5 = 7, N = 7 + 1.25 = 8.25 -> 84.848485.
        (
            R2024_09,
            [
                "counted",
                "counted",
                "excluded_no_feedback",
                "excluded_zero_no_feedback",
                "counted",
                "excluded_zero_positive",
            ],
            pct(7, "8.25"),
            None,
            85,
        ),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_every_preset_on_the_same_contracts(
    table: Any,
    rules: Any,
    statuses: list[str],
    six: Fraction | None,
    trending: Fraction | None,
    displayed: int | None,
) -> None:
    """The five presets score one contract set as their parameters say (2024-12-08)."""
    evaluation = at(table(PRESET_SET), rules, "2024-12-08")
    assert evaluation.computed_on == D("2024-12-08")
    assert [r.status for r in evaluation.results] == statuses
    assert evaluation.windows[6].score == six
    assert evaluation.windows[12].score == evaluation.windows[24].score == six
    assert evaluation.trending == trending
    assert evaluation.displayed == displayed


# --- Worked examples --------------------------------------------------------------------------

INTERFACES_EXAMPLE = """
    | id | client       | title                   | kind   | start      | end        | earnings  | last_paid  | public | private | feedback_date | disputed | client_flagged | excluded |
    | c1 | Acme Corp    | Landing page redesign   | fixed  | 2026-03-02 | 2026-07-15 | $1,800.00 | -          | 5      | 10      | 2026-07-20    | no       | no             | no       |
    | c2 | Beta LLC     | Ongoing backend support | hourly | 2025-08-15 | -          | $6,400.00 | 2026-11-20 | -      | -       | -             | no       | no             | no       |
    | c3 | Gamma Studio | Logo refresh            | fixed  | 2026-06-01 | 2026-06-28 | $450      | -          | 4.0    | 8       | -             | no       | no             | no       |
    | c4 | Delta Co     | Data migration          | hourly | 2025-01-06 | 2025-06-30 | $2,000    | -          | 5      | -       | -             | no       | no             | no       |
    | c5 | Acme Corp    | Bug fixes               | hourly | 2026-09-01 | 2026-10-31 | $240      | -          | -      | -       | -             | no       | no             | no       |
"""  # noqa: E501


def test_interfaces_example_scores_as_documented(table: Any) -> None:
    """The contracts CSV of interfaces.md, as-of 2026-11-25 under upwork-2024-09."""
    evaluation = at(table(INTERFACES_EXAMPLE), R2024_09, "2026-11-25")
    assert evaluation.computed_on == D("2026-11-25")
    # c1: 135 days, paid to the end: 1.5 + min(1, 2) = 2.5; 5 stars and 10 -> +1.
    # c2: open, paid 2026-11-20 (gap 5), 462 days of payments: long-term;
    #     1.5 + min(K1 = floor(467 / 90) = 5, K2 = floor(462 / 90) + 1 = 6) = 6.5, +1.
    # c3: 27 days, $450: 1.25; worst of (4.0 -> 0, 8 -> 0) = 0.
    # c4: 175 days: 1.5 + 1 = 2.5; 5 stars -> +1; ended 2025-06-30: only in 24 months.
    # c5: ended without feedback: excluded.
    rows = [
        (r.contract.id, r.status, outcome(evaluation, r.contract.id), r.windows)
        for r in evaluation.results
    ]
    assert rows == [
        ("c1", "counted", (1, 2.5, "2026-07-15", "ended"), (6, 12, 24)),
        ("c2", "counted", (1, 6.5, "2026-11-25", LTA), (6, 12, 24)),
        ("c3", "counted", (0, 1.25, "2026-06-28", "ended"), (6, 12, 24)),
        ("c4", "counted", (1, 2.5, "2025-06-30", "ended"), (24,)),
        ("c5", "excluded_no_feedback", "excluded_no_feedback", ()),
    ]
    # 6 and 12: P = 2.5 + 6.5 = 9, N = 10.25 -> 87.804878.
    # 24: P = 9 + 2.5 = 11.5, N = 12.75 -> 90.196078, displayed 90.
    assert scores(evaluation) == {6: pct(9, "10.25"), 12: pct(9, "10.25"), 24: pct("11.5", "12.75")}
    six_decimals = {m: round(float(s), 6) for m, s in scores(evaluation).items() if s is not None}
    assert six_decimals == {6: 87.804878, 12: 87.804878, 24: 90.196078}
    assert evaluation.trending is None
    assert evaluation.best == pct("11.5", "12.75")
    assert evaluation.displayed == 90
    assert evaluation.bonus_clients == ()


# Upwork's trending example: 24 months 92%, 12 months 88%, 6 months 94%, 3 months 98% give
# trending 96% and a displayed 96%. Weights: $2,000 over 630 days is 1.5 + 7 = 8.5, capped at 8;
# $100 over 540 days is 1 + 6 = 7; $2,000 over 360 days 1.5 + 4 = 5.5, over 180 days 3.5;
# $500 over 360 days 1.25 + 4 = 5.25; short contracts weigh 1 ($100) or 1.25 ($500).
UPWORK_TRENDING_EXAMPLE = """
    id   client  start       end         earnings  public
    # ended 2024-05-01, in all windows: six of 8 and one of 1 positive, one of 1 neutral
    a1   A       2022-08-10  2024-05-01  2000      5
    a2   B       2022-08-10  2024-05-01  2000      5
    a3   C       2022-08-10  2024-05-01  2000      5
    a4   A       2022-08-10  2024-05-01  2000      5
    a5   B       2022-08-10  2024-05-01  2000      5
    a6   C       2022-08-10  2024-05-01  2000      5
    a7   A       2024-04-01  2024-05-01  100       5
    a8   B       2024-04-01  2024-05-01  100       4.0
    # ended 2024-02-01, in 6 months and more: 8 + 8 + 5.5 positive, 3.5 neutral
    b1   C       2022-05-12  2024-02-01  2000      5
    b2   A       2022-05-12  2024-02-01  2000      5
    b3   B       2023-02-06  2024-02-01  2000      5
    b4   C       2023-08-05  2024-02-01  2000      4.0
    # ended 2023-09-01, in 12 months and more: 1 positive, 5.25 neutral
    c1   A       2023-08-01  2023-09-01  100       5
    c2   B       2022-09-06  2023-09-01  500       4.0
    # ended 2023-01-01, in 24 months only: six of 8 and one of 7 positive, 1.25 neutral
    d1   C       2021-04-11  2023-01-01  2000      5
    d2   A       2021-04-11  2023-01-01  2000      5
    d3   B       2021-04-11  2023-01-01  2000      5
    d4   C       2021-04-11  2023-01-01  2000      5
    d5   A       2021-04-11  2023-01-01  2000      5
    d6   B       2021-04-11  2023-01-01  2000      5
    d7   C       2021-07-10  2023-01-01  100       5
    d8   A       2022-12-01  2023-01-01  500       4.0
"""


def test_upwork_trending_example_displays_96(table: Any) -> None:
    """24 m 92%, 12 m 88%, 6 m 94%, 3 m 98%: trending 96% is the best and is displayed."""
    # 2024-06-09 is an update day; windows start 2024-03-09 (3), 2023-12-09 (6),
    # 2023-06-09 (12) and 2022-06-09 (24).
    evaluation = at(table(UPWORK_TRENDING_EXAMPLE), R2023_12, "2024-06-09")
    assert evaluation.computed_on == D("2024-06-09")
    # 3: P = 6 * 8 + 1 = 49, N = 50 -> 98.
    assert sums(evaluation, 3) == (49, 0, 50, 8, 3)
    # 6: P = 49 + 8 + 8 + 5.5 = 70.5, N = 50 + 25 = 75 -> 94.
    assert sums(evaluation, 6) == (70.5, 0, 75, 12, 3)
    # 12: P = 70.5 + 1 = 71.5, N = 75 + 1 + 5.25 = 81.25 -> 88.
    assert sums(evaluation, 12) == (71.5, 0, 81.25, 14, 3)
    # 24: P = 71.5 + 6 * 8 + 7 = 126.5, N = 81.25 + 6 * 8 + 7 + 1.25 = 137.5 -> 92.
    assert sums(evaluation, 24) == (126.5, 0, 137.5, 22, 3)
    assert scores(evaluation) == {3: 98, 6: 94, 12: 88, 24: 92}
    assert evaluation.trending == 96  # (98 + 94) / 2
    assert evaluation.best == 96
    assert evaluation.displayed == 96
