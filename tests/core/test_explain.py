"""Why a contract counts or not, in words: one sentence per status, worked out by hand."""

from __future__ import annotations

import datetime as dt

from jsswhatif.core.engine import evaluate
from jsswhatif.core.explain import explain_result, status_label
from jsswhatif.core.rules import PRESETS_BY_NAME, custom_rule_set

D = dt.date.fromisoformat
AS_OF = D("2026-11-25")
# upwork-2023-12 computed daily: open contracts count as ended after 90 days without payment,
# contracts without feedback and $0 ones are excluded, long-term ones are not counted.
PRE_2024 = custom_rule_set(PRESETS_BY_NAME["upwork-2023-12"], "daily-2023", cadence="daily")


def test_every_status_under_the_pre_2024_rules(table) -> None:
    contracts = table("""
        id  client  start       end         earnings  last_paid   public  private  feedback_date
        ns  A       2026-12-01  -           0         -           -       -        -
        ex  B       2026-01-01  2026-02-01  100       -           5       -        -
        fl  C       2026-01-01  2026-02-01  100       -           5       -        -
        zp  D       2026-09-01  2026-10-01  0         -           5       -        -
        zn  E       2026-09-01  2026-10-01  0         -           -       -        -
        nf  F       2026-09-01  2026-10-31  240       -           -       -        -
        in  G       2026-01-05  -           500       2026-06-01  -       -        -
        iz  H       2026-03-01  -           0         -           -       -        -
        op  I       2026-10-01  -           300       2026-11-20  -       -        -
        ce  J       2026-06-01  2026-06-28  450       -           4.0     8        -
        ci  K       2026-01-05  -           100       2026-03-01  5       -        2026-03-10
        dp  L       2026-07-01  2026-07-11  100       -           5       -        -
    """)
    flags = {"ex": "excluded", "fl": "client_flagged", "dp": "disputed"}
    contracts = [
        c.model_copy(update={flags[c.id]: True}) if c.id in flags else c for c in contracts
    ]
    evaluation = evaluate(contracts, PRE_2024, AS_OF)
    said = {r.contract.id: explain_result(r, PRE_2024, AS_OF) for r in evaluation.results}
    assert said == {
        "ns": "Not counted: the contract starts on 2026-12-01.",
        "ex": "Not counted: you marked it as excluded by Upwork.",
        "fl": "Not counted: the client was flagged or suspended; Upwork drops its outcomes.",
        "zp": "Not counted: nothing was earned and the feedback is positive; Upwork excludes "
        "such contracts since March 2020 (zero_earnings_positive = excluded).",
        "zn": "Not counted: nothing was earned and there is no feedback "
        "(zero_earnings_no_feedback = excluded).",
        "nf": "Not counted: the contract ended without feedback, and contracts without feedback "
        "are excluded under this rule set (no_feedback = excluded).",
        # Open, last paid 2026-06-01: inactive from 2026-06-01 + 90 days = 2026-08-30. It did
        # not end: the sentence must not say so (the defect of issue 8).
        "in": "Not counted: the contract is open but had no payment for 90 days, so it counts "
        "as ended on 2026-08-30 (open_inactive = as_ended), without feedback, and contracts "
        "without feedback are excluded under this rule set (no_feedback = excluded).",
        # $0 and open: inactive from its start, 2026-03-01 + 90 days = 2026-05-30.
        "iz": "Not counted: the contract is open but had no payment for 90 days, so it counts "
        "as ended on 2026-05-30 (open_inactive = as_ended); nothing was earned and there is no "
        "feedback (zero_earnings_no_feedback = excluded).",
        # Last paid 2026-11-20: inactive on 2027-02-18 (10 + 31 + 31 + 18 days).
        "op": "Not counted yet: the contract is open. Without a payment it counts as ended on "
        "2027-02-18 (inactivity).",
        # worst_of(4.0 stars -> 0, private 8 -> 0) = neutral; $450 weighs 1.25, 27 days.
        "ce": "Counted as neutral (weight 1.25 jobs): the contract ended on 2026-06-28 and its "
        "feedback is neutral.",
        # Inactive from 2026-03-01 + 90 = 2026-05-30, 145 days after its start: K1 = 1; paid
        # 55 days: K2 = 1; weight 1 + 1 = 2. The feedback of 2026-03-10 is visible: positive.
        "ci": "Counted as positive (weight 2 jobs): no payment for 90 days, so it counts as "
        "ended on 2026-05-30 (open_inactive = as_ended); feedback: positive.",
        "dp": "Counted as negative (weight 1 job): the contract ended on 2026-07-11 and its "
        "feedback is negative because of the dispute (dispute_is_negative).",
    }
    labels = {r.contract.id: status_label(r) for r in evaluation.results}
    assert labels["in"] == "Not counted: no feedback"
    assert labels["ci"] == "Counted: inactive, as ended"
    assert labels["ce"] == "Counted: ended"
    assert labels["op"] == "Open: not counted yet"


def test_long_term_and_pending_under_the_2024_rules(table) -> None:
    rules = PRESETS_BY_NAME["upwork-2024-09"]
    contracts = table("""
        id  client  start       end  earnings  last_paid
        lt  Beta    2025-08-15  -    6400      2026-11-20
        op  Iota    2026-10-01  -    300       2026-11-20
    """)
    evaluation = evaluate(contracts, rules, AS_OF)
    said = [explain_result(r, rules, AS_OF) for r in evaluation.results]
    # 467 days old at 2026-11-25: K1 = 5, K2 = floor(462 / 90) + 1 = 6; 1.5 + 5 = 6.5 jobs.
    assert said == [
        "Counted as positive (weight 6.5 jobs): an open long-term contract paid for at least "
        "90 days with a payment in the last 90 days counts as of 2026-11-25 (open_long_term = "
        "counted); positive unless interim feedback or a dispute says otherwise.",
        "Not counted: the contract is open; it counts once it ends. It would count as "
        "long-term once paid over 90 days with a payment in the last 90 days. Open contracts "
        "without recent payments are not counted (open_inactive).",
    ]
    assert status_label(evaluation.results[0]) == "Counted: long-term"
    # Under upwork-2024-09 an unpaid open contract never counts as ended with time passing.
    assert status_label(evaluation.results[1]) == "Open: not counted yet"
    assert status_label(evaluation.results[1], rules) == "Open: counts once ended or long-term"
    no_long_term = rules.model_copy(update={"open_long_term": "not_counted"})
    assert status_label(evaluation.results[1], no_long_term) == "Open: counts only once ended"
    inactive = PRESETS_BY_NAME["upwork-2023-12"]
    assert status_label(evaluation.results[1], inactive) == "Open: not counted yet"
