"""The forecast of the next changes of the displayed score (scoring model, section 11)."""

from __future__ import annotations

import datetime as dt

from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.forecast import changes_between, forecast
from jsswhatif.core.rules import HISTORICAL, PRESETS_BY_NAME

D = dt.date.fromisoformat


def test_next_changes_of_the_interfaces_example(interfaces_sample) -> None:
    """Every change in the 24 months after 2026-11-25, with its cause, computed by hand."""
    changes = forecast(interfaces_sample, PRESETS_BY_NAME["upwork-2024-09"], D("2026-11-25"))
    summary = [(c.date, c.before, c.after, [(x.contract_id, x.kind, x.months) for x in c.causes])
               for c in changes]  # fmt: skip
    assert summary == [
        # c3 (0, 1.25) leaves the 6-month window: 6 = 100 * 9 / 9 = 100.
        (D("2026-12-29"), 90, 100, [("c3", "window_exit", 6)]),
        # c1 leaves the 6-month window: 6 holds c2 alone (1 < 2 outcomes): best = 24 = 90.2.
        (D("2027-01-16"), 100, 90, [("c1", "window_exit", 6)]),
        # c2 is 540 days old: K1 = 6, K2 = floor(462 / 90) + 1 = 6: weight 1.5 + 6 = 7.5;
        # 24 = 100 * 12.5 / 13.75 = 90.909091.
        (D("2027-02-06"), 90, 91, [("c2", "payment", None)]),
        # last paid 2026-11-20 + 90 days = 2027-02-18 is its last long-term day;
        # 24 = c1, c3, c4: 100 * 5 / 6.25 = 80.
        (D("2027-02-19"), 91, 80, [("c2", "long_term_lapse", None)]),
        # c4 (2025-06-30) leaves the 24-month window: 24 = 100 * 2.5 / 3.75 = 66.67.
        (D("2027-07-01"), 80, 67, [("c4", "window_exit", 24)]),
        # c3 leaves the 24-month window: one outcome (c1) left anywhere: no JSS.
        (D("2028-06-29"), 67, None, [("c3", "window_exit", 24)]),
    ]
    assert changes[0].text == (
        "2026-12-29: 90% -> 100%, contract 'Logo refresh' (neutral, weight 1.25) leaves the "
        "6-month window"
    )
    assert changes[-1].text.startswith("2028-06-29: 67% -> no JSS")


def test_biweekly_changes_show_on_update_days_with_all_causes(table) -> None:
    """Under a biweekly preset a change shows on the update day and names events since the last."""
    # upwork-2023-12, updates every 14 days from 2023-12-10: ... 2026-11-22, 2026-12-06.
    contracts = table("""
        id  client  start       end         earnings  public
        a   Acme    2026-03-01  2026-05-25  100       2
        b   Beta    2026-08-01  2026-09-01  100       5
        c   Gamma   2026-08-01  2026-09-01  100       5
    """)
    changes = forecast(contracts, PRESETS_BY_NAME["upwork-2023-12"], D("2026-11-22"))
    # Before (2026-11-22): 3-month (from 08-22) holds b, c: 100; 6-month holds a, b, c:
    # 100 * (2 - 1) / 3 = 33.3 (a lasted 85 days: weight 1); trending (100 + 33.3) / 2 = 66.7.
    # a (-1) leaves the 6-month window on 2026-11-26 (months_before(2026-11-26, 6) = 05-26);
    # the 2026-12-06 update shows it: 6-month (b, c) = 100; the 3-month window (from 09-06)
    # is empty, so trending is undefined; best 100.
    first = changes[0]
    assert (first.date, first.before, first.after) == (D("2026-12-06"), 67, 100)
    # b and c (2026-09-01) left the 3-month window on 2026-12-02, in the same fortnight.
    causes = [(x.contract_id, x.kind, x.months) for x in first.causes]
    assert causes == [("a", "window_exit", 6), ("b", "window_exit", 3), ("c", "window_exit", 3)]


def test_alike_causes_are_named_once_with_a_count(table) -> None:
    """Two identical hypothetical jobs ending the same day read as one cause, times two."""
    contracts = table("""
        id  client  title  start       end         earnings  public
        a   Acme    Old    2026-01-01  2026-01-20  100       5
        h1  New-1   Job    2026-11-27  2026-12-18  500       5
        h2  New-2   Job    2026-11-27  2026-12-18  500       5
    """)
    change = forecast(contracts, PRESETS_BY_NAME["upwork-2024-09"], D("2026-11-25"))[0]
    # Until 2026-12-18 a alone: one outcome, no JSS; then three +1 outcomes: 100.
    assert change.text == (
        "2026-12-18: no JSS -> 100%, contract 'Job' ends and counts as positive (x2)"
    )


def test_changes_between_two_past_dates(interfaces_sample: list[Contract]) -> None:
    """Why did the score move in June and July 2026? Worked out by hand.

    2026-06-01: c1 (open, paid through its planned end: 91 days, so long-term; 1.5 + 1 = 2.5
    jobs) and c2 (long-term, 290 days old: 1.5 + 3 = 4.5) count +1, and c4 (+1, 2.5) in the 12-
    and 24-month windows: 100.
    - 2026-06-28, c3 ends (0, 1.25): 24-month 100 * 9.5 / 10.75 = 88.4, 88.
    - 2026-07-15, c1 ends, but its feedback is dated 2026-07-20: ended without feedback, it no
      longer counts: 24-month c2, c3, c4: 100 * 7 / 8.25 = 84.8, 85.
    - 2026-07-20, c1's feedback shows (+1, $1,800 over 135 days: 1.5 + 1 = 2.5): 88 again.
    """
    changes = changes_between(
        interfaces_sample, PRESETS_BY_NAME["upwork-2024-09"], D("2026-06-01"), D("2026-07-31")
    )
    summary = [(c.date, c.before, c.after, [(x.contract_id, x.kind) for x in c.causes])
               for c in changes]  # fmt: skip
    assert summary == [
        (D("2026-06-28"), 100, 88, [("c3", "end")]),
        (D("2026-07-15"), 88, 85, [("c1", "end")]),
        (D("2026-07-20"), 85, 88, [("c1", "feedback")]),
    ]


def test_a_new_preset_is_the_cause_for_every_contract_it_judges_otherwise() -> None:
    """Under historical, upwork-2024-09 takes effect on 2024-09-01. Two open $0 contracts,
    disputed (class -1), counted as ended and negative after 90 days of inactivity under
    upwork-2023-12 (0%), are open and pending under upwork-2024-09, which does not count
    inactive contracts: no JSS. Both are named, with the rules as their cause, whether or not
    either had an event of its own that day (c0's 540th day, a weight step, is one)."""
    contracts = [
        make_contract(id=f"c{k}", client=client, start=start, earnings=0, disputed=True)
        for k, (client, start) in enumerate(
            [("Acme", dt.date(2023, 3, 11)), ("Beta", dt.date(2023, 11, 20))]
        )
    ]
    changes = changes_between(contracts, HISTORICAL, dt.date(2024, 8, 1), dt.date(2024, 10, 1))
    assert [(c.date, c.before, c.after) for c in changes] == [(dt.date(2024, 9, 1), 0, None)]
    assert [(cause.contract_id, cause.kind, cause.text) for cause in changes[0].causes] == [
        (None, "rules", "the upwork-2024-09 rules take effect (historical)"),
        (
            "c0",
            "rules",
            "contract 'c0' no longer counts (open pending) under the upwork-2024-09 rules",
        ),
        (
            "c1",
            "rules",
            "contract 'c1' no longer counts (open pending) under the upwork-2024-09 rules",
        ),
    ]
