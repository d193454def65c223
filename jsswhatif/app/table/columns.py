"""The columns of the contracts table: titles, explanations and how each cell reads.

The first columns are the contract fields (in the order of the contracts CSV); the computed
ones follow and read the core's verdicts from :class:`~jsswhatif.app.window.results.Results`.
Nothing here computes a score: it formats what the core returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from PySide6.QtCore import QDate

from jsswhatif.app.locale_text import date_text, money_text
from jsswhatif.app.window.results import Results
from jsswhatif.core.engine import ContractResult
from jsswhatif.core.explain import status_label, value_words
from jsswhatif.core.fields import (
    parse_amount,
    parse_boolean,
    parse_client,
    parse_date,
    parse_kind,
    parse_private,
    parse_stars,
)

Kind = Literal["text", "kind", "date", "money", "stars", "private", "bool", "computed"]
Reader = Callable[[Results, ContractResult, "float | None"], Any]

MINUS = "\u2212"
#: How an editor shows an empty optional value.
NO_VALUE = "(none)"

#: Impacts smaller than this (points) show as none: they round to +0.00.
NEGLIGIBLE_IMPACT = 0.005


def _none(results: Results, result: ContractResult, impact: float | None) -> Any:
    return None


@dataclass(frozen=True, slots=True)
class Column:
    """One column: ``key`` is the contract field (or the computed quantity) it shows."""

    key: str
    title: str
    tip: str
    kind: Kind
    editable: bool = True
    numeric: bool = False
    computed_text: Reader = _none
    computed_key: Reader = _none
    computed_tip: Reader = _none


def _signed(x: float, decimals: int = 2) -> str:
    text = f"{x:+.{decimals}f}"
    return text.replace("-", MINUS)


def _value_text(results: Results, result: ContractResult, impact: float | None) -> str:
    outcome = result.outcome
    return "" if outcome is None else {1: "+1", 0: "0", -1: f"{MINUS}1"}[outcome.value]


def _value_tip(results: Results, result: ContractResult, impact: float | None) -> str:
    return f"Feedback: {value_words(result.feedback)}"


def _weight_text(results: Results, result: ContractResult, impact: float | None) -> str:
    return "" if result.outcome is None else f"{result.outcome.weight.normalize():f}"


def _windows_text(results: Results, result: ContractResult, impact: float | None) -> str:
    return ", ".join(str(m) for m in result.windows)


def _exits(results: Results, result: ContractResult) -> tuple[tuple[int, dt.date], ...]:
    return results.exits_of(result.contract.id)


def _exit_text(results: Results, result: ContractResult, impact: float | None) -> str:
    exits = _exits(results, result)
    if not exits:
        return "moves with date" if result.windows else ""
    months, when = min(exits, key=lambda e: e[1])
    return f"{date_text(when)} ({months} mo)"


def _exit_key(results: Results, result: ContractResult, impact: float | None) -> Any:
    exits = _exits(results, result)
    return min(when for _, when in exits) if exits else None


def _exit_tip(results: Results, result: ContractResult, impact: float | None) -> str:
    exits = _exits(results, result)
    if not exits:
        if result.windows:
            return "A long-term contract's outcome is dated each day: it never leaves a window."
        return "Not in any window."
    return "\n".join(f"Leaves the {m}-month window on {date_text(when)}" for m, when in exits)


def _impact_text(results: Results, result: ContractResult, impact: float | None) -> str:
    if impact is None:
        return "…" if results.glance and not results.is_exact else ""  # on the drag's release
    return _signed(impact)


def _impact_tip(results: Results, result: ContractResult, impact: float | None) -> str:
    best = results.day.best
    if results.glance and not results.is_exact:
        return "Computed when the as-of date is let go."
    if impact is None or best is None:
        return "No score with or without this contract."
    without = float(best) - impact
    if abs(impact) < NEGLIGIBLE_IMPACT:
        return f"The best score is {float(best):.2f} with or without this contract."
    word = "helps" if impact > 0 else "costs"
    return (
        f"This contract {word} {abs(impact):.2f} points: the best score is {float(best):.2f} "
        f"with it and {without:.2f} without it."
    )


COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", "Unique key of the contract (edited in the baseline).", "text"),
    Column("client", "Client", "Client name; distinct clients are counted on this.", "text"),
    Column("title", "Title", "Informational.", "text"),
    Column("kind", "Kind", "Hourly or fixed price (no effect on the score).", "kind"),
    Column("start", "Start", "Start date.", "date"),
    Column("end", "End", "End date; empty while the contract is open.", "date"),
    Column("earnings", "Earnings", "Total USD paid on the contract.", "money", numeric=True),
    Column("last_paid", "Last paid", "Latest payment (may be planned).", "date"),
    Column("public", "Stars", "Public star rating 1-5; empty: none.", "stars", numeric=True),
    Column("private", "Private", "Private score 0-10; empty: none.", "private", numeric=True),
    Column("feedback_date", "Feedback on", "When feedback was left; empty: at the end.", "date"),
    Column("disputed", "Disputed", "The contract went to dispute.", "bool"),
    Column("client_flagged", "Flagged", "The client was flagged or suspended.", "bool"),
    Column("excluded", "Excluded", "You know Upwork excludes this contract.", "bool"),
    Column(
        "status",
        "Status",
        "Whether the contract counts on the as-of date, and why (tooltip: the rule).",
        "computed",
        editable=False,
        computed_text=lambda r, res, i: status_label(res, r.rule_set),
        computed_key=lambda r, res, i: status_label(res, r.rule_set),
    ),
    Column(
        "value",
        "Value",
        "Outcome: +1 success, 0 neutral, \u22121 negative.",
        "computed",
        editable=False,
        numeric=True,
        computed_text=_value_text,
        computed_key=lambda r, res, i: None if res.outcome is None else res.outcome.value,
        computed_tip=_value_tip,
    ),
    Column(
        "weight",
        "Weight",
        "Weight in jobs (earnings tier plus length bonus, capped).",
        "computed",
        editable=False,
        numeric=True,
        computed_text=_weight_text,
        computed_key=lambda r, res, i: None if res.outcome is None else res.outcome.weight,
    ),
    Column(
        "windows",
        "Windows",
        "The windows (months) that hold the outcome on the as-of date.",
        "computed",
        editable=False,
        computed_text=_windows_text,
        computed_key=lambda r, res, i: res.windows or None,
    ),
    Column(
        "leaves",
        "Leaves",
        "The next day the outcome leaves a window (tooltip: every window).",
        "computed",
        editable=False,
        computed_text=_exit_text,
        computed_key=_exit_key,
        computed_tip=_exit_tip,
    ),
    Column(
        "impact",
        "Impact",
        "Points the best score would lose without this contract (negative: it costs points).",
        "computed",
        editable=False,
        numeric=True,
        computed_text=_impact_text,
        computed_key=lambda r, res, i: i,
        computed_tip=_impact_tip,
    ),
)

#: Position of the first computed column.
COMPUTED_START = next(i for i, c in enumerate(COLUMNS) if c.kind == "computed")
#: Column position by key.
COLUMN_OF = {c.key: i for i, c in enumerate(COLUMNS)}


def display_text(column: Column, value: Any) -> str:
    """How a field value reads in a cell: dates and amounts as the user's locale writes them
    (see :mod:`jsswhatif.app.locale_text`; amounts with every decimal stored)."""
    if value is None:
        return ""
    if column.kind == "date":
        return date_text(value)
    if column.kind == "money":
        return money_text(value)
    if column.kind == "stars":
        return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)
    if column.kind == "bool":
        return "yes" if value else "no"
    return str(value)


def edit_value(column: Column, value: Any) -> Any:
    """The value an editor starts from: QDate (invalid when empty), text or number."""
    if column.kind == "date":
        return QDate() if value is None else QDate(value.year, value.month, value.day)
    if column.kind == "money":
        return f"{value:f}"
    if column.kind == "stars":
        return "" if value is None else f"{value.normalize():f}"
    if column.kind == "private":
        return -1 if value is None else value
    if column.kind == "bool":
        return bool(value)
    return str(value)


def parse_edit(column: Column, value: Any) -> Any:  # noqa: PLR0911 (one parser per kind)
    """A field value from what an editor returned (QDate, text, number, None).

    Text is read by the parser of the field's kind in :mod:`jsswhatif.core.fields`, the one
    the contracts CSV reader uses, so a cell accepts what the CSV accepts; ``(none)`` empties
    an optional field.

    Raises:
        FieldError: The text is not a value of this field; the message says why.
    """
    if column.kind == "date":
        if isinstance(value, QDate):
            return value.toPython() if value.isValid() else None
        if isinstance(value, dt.date):
            return value
        return parse_date(_text(value))
    if column.kind == "money":
        return parse_amount(_text(value))
    if column.kind == "stars":
        return parse_stars(_text(value))
    if column.kind == "private":
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            return None  # the spin box's special value "(none)"
        return parse_private(_text(value))
    if column.kind == "kind":
        return parse_kind(_text(value))
    if column.kind == "bool":
        return value if isinstance(value, bool) else parse_boolean(_text(value))
    if column.key == "client":
        return parse_client(_text(value))
    return str(value).strip() if column.key == "id" else str(value)


def _text(value: Any) -> str:
    """The text an editor returned; empty for None and for the "(none)" choice."""
    text = "" if value is None else str(value)
    return "" if text.strip() == NO_VALUE else text
