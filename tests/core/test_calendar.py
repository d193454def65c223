"""Calendar arithmetic of the scoring model (section 2): month shifts, window exits, updates."""

from __future__ import annotations

import datetime as dt

import pytest

from jsswhatif.core.calendar import biweekly_update, months_after, months_before, window_exit

D = dt.date.fromisoformat
ANCHOR = D("2023-12-10")


@pytest.mark.parametrize(
    ("t", "months", "expected"),
    [
        ("2026-08-31", 6, "2026-02-28"),  # the spec's example: February is shorter
        ("2024-08-31", 6, "2024-02-29"),  # leap year: clamp to the 29th
        ("2026-03-31", 1, "2026-02-28"),
        ("2024-03-31", 1, "2024-02-29"),
        ("2026-05-31", 1, "2026-04-30"),  # 30-day month
        ("2026-09-15", 6, "2026-03-15"),  # same day number when it exists
        ("2026-01-15", 3, "2025-10-15"),  # across a year
        ("2026-11-25", 24, "2024-11-25"),
        ("2024-02-29", 12, "2023-02-28"),  # from a leap day to a common year
        ("2024-02-29", 48, "2020-02-29"),  # leap day to leap day
        ("2026-07-04", 0, "2026-07-04"),
    ],
)
def test_months_before_clamps_to_the_end_of_a_shorter_month(
    t: str, months: int, expected: str
) -> None:
    """months_before keeps the day number, or takes the last day of a shorter month."""
    assert months_before(D(t), months) == D(expected)


@pytest.mark.parametrize(
    ("t", "months", "expected"),
    [
        ("2026-01-31", 1, "2026-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2026-11-30", 3, "2027-02-28"),  # across a year, clamped
        ("2026-08-31", 24, "2028-08-31"),
        ("2026-11-25", 24, "2028-11-25"),
        ("2025-12-15", 1, "2026-01-15"),
    ],
)
def test_months_after_clamps_like_months_before(t: str, months: int, expected: str) -> None:
    """months_after adds calendar months with the same end-of-month clamp."""
    assert months_after(D(t), months) == D(expected)


@pytest.mark.parametrize(
    ("d", "months", "expected"),
    [
        # The spec's example: months_before(2026-08-31, 6) = 2026-02-28 still holds it.
        ("2026-02-28", 6, "2026-09-01"),
        # "no longer counted once it is 6 months and one day old".
        ("2026-03-15", 6, "2026-09-16"),
        # months_before(2027-02-28, 6) = 2026-08-28 <= 08-31: still in on Feb 28.
        ("2026-08-31", 6, "2027-03-01"),
        # months_before(2026-02-28, 6) = 2025-08-28 < 08-29: in on Feb 28, out on Mar 1.
        ("2025-08-29", 6, "2026-03-01"),
        # Leap February: months_before(2024-02-29, 6) = 2023-08-29 < 08-30.
        ("2023-08-30", 6, "2024-03-01"),
        # A leap day itself: months_before(2025-02-28, 12) = 2024-02-28 <= 02-29.
        ("2024-02-29", 12, "2025-03-01"),
        ("2025-12-31", 3, "2026-04-01"),
        ("2026-11-25", 24, "2028-11-26"),
    ],
)
def test_window_exit_is_the_first_day_out_of_the_window(d: str, months: int, expected: str) -> None:
    """window_exit is the first t with months_before(t, L) > d, clamp included."""
    assert window_exit(D(d), months) == D(expected)


@pytest.mark.parametrize("months", [1, 3, 6, 12, 24])
def test_window_exit_agrees_with_the_window_definition(months: int) -> None:
    """For each day d of 2023-2025: d is in the window the day before its exit, out on it."""
    day = D("2023-01-01")
    while day <= D("2025-12-31"):
        exit_day = window_exit(day, months)
        before = exit_day - dt.timedelta(days=1)
        assert months_before(before, months) <= day, (day, exit_day)
        assert months_before(exit_day, months) > day, (day, exit_day)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        ("2020-11-08", "2020-11-01"),  # section 10: the first day of upwork-2020-11
        ("2020-11-15", "2020-11-15"),
        ("2023-12-10", "2023-12-10"),  # the anchor itself
        ("2023-12-23", "2023-12-10"),  # 13 days later: still the anchor
        ("2023-12-24", "2023-12-24"),
        ("2023-12-09", "2023-11-26"),  # the day before the anchor: floor toward minus infinity
        ("2024-09-01", "2024-09-01"),
        ("2024-08-31", "2024-08-18"),
        ("2024-12-08", "2024-12-08"),  # 2023-12-10 + 364 days (2024 is a leap year)
        ("2026-12-06", "2026-12-06"),  # 2023-12-10 + 1092 days = 78 fortnights
    ],
)
def test_biweekly_update_is_the_latest_update_on_or_before_t(t: str, expected: str) -> None:
    """biweekly_update = anchor + 14 * floor((t - anchor) / 14)."""
    assert biweekly_update(D(t), ANCHOR) == D(expected)
