"""The coming changes as an iCalendar file of all-day events (issue 11, deliverable 7).

:func:`calendar_events` lists, after the as-of date: the changes of the displayed score
(:func:`~jsswhatif.core.forecast.forecast`, 24 months), every counted outcome leaving a window
(:func:`~jsswhatif.core.insights.window_exits`), long-term contracts lapsing without a payment,
and the days the Top Rated estimate is lost or back
(:func:`~jsswhatif.core.top_rated_days.top_rated_changes`). :func:`calendar_bytes` writes them
with the ``icalendar`` library, imported then (not when the application starts).

Each event's UID is made of what it is about, not when it falls (``exit-6-c3``: contract c3
leaves the 6-month window), plus a tag of the document, so that importing a newer file updates
the events instead of adding copies. A change of the displayed score is known by its day.

Example: the interfaces.md contracts as of 2026-11-25 give, first, ``JSS 90% -> 100%`` on
2026-12-29 and ``'Logo refresh' (neutral) leaves the 6-month window`` that same day.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import evaluate
from jsswhatif.core.explain import value_words
from jsswhatif.core.forecast import forecast
from jsswhatif.core.insights import window_exits
from jsswhatif.core.rules import Rules
from jsswhatif.core.scoring import long_term_span
from jsswhatif.core.top_rated_days import top_rated_changes
from jsswhatif.io.atomic import write_atomic

PRODUCT_ID = "-//jsswhatif//Job Success Score what-if//EN"


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event.

    Attributes:
        key: What the event is about, stable from one export to the next (``exit-6-c3``).
        date: The day.
        summary: The title, e.g. ``JSS 90% -> 100%``.
        description: Why, in words.
    """

    key: str
    date: dt.date
    summary: str
    description: str


def _percent(value: int | None) -> str:
    return "no JSS" if value is None else f"{value}%"


def calendar_events(
    contracts: Sequence[Contract], rules: Rules, as_of: dt.date
) -> tuple[CalendarEvent, ...]:
    """Every event after ``as_of`` under ``rules``, by date (then score changes, window exits,
    lapses, Top Rated)."""
    events: list[CalendarEvent] = []
    under = f"Estimated under rule set {rules.name} as of {as_of.isoformat()}."
    for change in forecast(contracts, rules, as_of):
        events.append(
            CalendarEvent(
                f"change-{change.date.isoformat()}",
                change.date,
                f"JSS {_percent(change.before)} -> {_percent(change.after)}",
                f"{change.why[:1].upper()}{change.why[1:]}. {under}",
            )
        )
    evaluation = evaluate(contracts, rules, as_of)
    for gone in window_exits(evaluation):
        if gone.date > as_of:
            name = repr(gone.title or gone.contract_id)
            events.append(
                CalendarEvent(
                    f"exit-{gone.months}-{gone.contract_id}",
                    gone.date,
                    f"{name} ({value_words(gone.value)}) leaves the {gone.months}-month window",
                    f"From this day the {gone.months}-month window no longer holds it. {under}",
                )
            )
    rule_set, on = evaluation.rule_set, evaluation.computed_on
    for result in evaluation.results:
        outcome, contract = result.outcome, result.contract
        paid = contract.last_paid_at(on)
        if outcome is None or outcome.reason != "long_term_active" or paid is None:
            continue
        lapse = long_term_span(contract.start, paid, contract.end, rule_set)[1]
        if lapse > as_of:
            gap = rule_set.long_term_payment_gap_days
            events.append(
                CalendarEvent(
                    f"lapse-{contract.id}",
                    lapse,
                    f"Long-term {contract.title or contract.id!r} lapses",
                    f"No payment in {gap} days: it no longer counts as long-term active "
                    f"unless paid before. {under}",
                )
            )
    for top in top_rated_changes(contracts, rules, as_of):
        events.append(
            CalendarEvent(
                f"top-rated-{top.date.isoformat()}",
                top.date,
                "Top Rated back" if top.eligible else "Top Rated likely lost",
                f"{top.text[:1].upper()}{top.text[1:]}. {under}",
            )
        )
    order = {"change": 0, "exit": 1, "lapse": 2, "top": 3}
    return tuple(sorted(events, key=lambda e: (e.date, order[e.key.split("-")[0]])))


def calendar_bytes(
    events: Sequence[CalendarEvent], name: str, stamp: dt.datetime, tag: str = ""
) -> bytes:
    """The iCalendar file of ``events``, called ``name``.

    Args:
        events: The events to write.
        name: The calendar's name (shown by calendar programs).
        stamp: When the file is made (UTC), the events' DTSTAMP.
        tag: What tells this document's events from another's (its path): hashed into the
            UIDs, so that two documents' calendars never update each other's events.
    """
    import icalendar  # noqa: PLC0415 (70 ms of imports, for an export: not at start)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    document = hashlib.sha256((tag or name).encode("utf-8")).hexdigest()[:12]
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", f"{event.key}-{document}@jsswhatif")
        entry.add("dtstamp", stamp.astimezone(dt.UTC))
        entry.add("dtstart", event.date)
        entry.add("dtend", event.date + dt.timedelta(days=1))
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        entry.add("transp", "TRANSPARENT")  # an estimate takes no time in the user's day
        calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data


def write_calendar(
    path: Path, events: Sequence[CalendarEvent], name: str, stamp: dt.datetime, tag: str = ""
) -> None:
    """Write :func:`calendar_bytes` to ``path`` atomically."""
    write_atomic(path, calendar_bytes(events, name, stamp, tag))
