"""The report's content as HTML, assembled without Qt (issue 11, deliverable 7).

:func:`report_html` gathers what the one- or two-page report shows: the score with its rule
set and range, the windows, the plot (an image the renderer supplies under :data:`PLOT_IMAGE`,
as wide as the page), the changes of the last 90 days and the next ones, Top Rated, the
advisor's top actions and every contract with its status and why. :mod:`jsswhatif.app.report`
renders it to PDF or a printer with Qt. The HTML keeps to what ``QTextDocument`` draws (tables,
``font-size``, ``color``); the user's text is escaped.

Contracts whose explanation is the same sentence (45 open contracts of one kind) share one
row naming them all, so that a long history still fits on two pages.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from decimal import Decimal

from jsswhatif.core.advice import Action, advise
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import Evaluation, evaluate
from jsswhatif.core.explain import explain_result, status_label, value_words
from jsswhatif.core.forecast import ScoreChange, changes_between, forecast
from jsswhatif.core.readings import score_range
from jsswhatif.core.rules import Rules
from jsswhatif.core.top_rated import LARGE_CONTRACT, top_rated
from jsswhatif.core.top_rated_days import top_rated_changes
from jsswhatif.io.exports import round6

#: The name under which the renderer supplies the plot image.
PLOT_IMAGE = "jsswhatif-plot.png"
#: The days before the as-of date whose changes the report lists.
LAST_DAYS = 90
#: The most changes listed for the last 90 days, and for the next ones.
CHANGES_SHOWN = 8
TOP_ACTIONS = 5
#: Above this many contracts, contracts are listed by status and value (ids only), so that
#: the report stays within two pages.
COMPACT_ABOVE = 120
_STYLE = (
    "body { font-size: 8.5pt; } h1 { font-size: 15pt; } h2 { font-size: 10.5pt; }"
    " td { padding: 1px 4px; } p.small { font-size: 6.5pt; margin: 0px; }"
    " .muted { color: #444444; }"
    " .lowers { color: #a02020; }"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _percent(value: int | None) -> str:
    return "no JSS" if value is None else f"{value}%"


def report_html(  # noqa: PLR0913 (what the report is about, each named)
    contracts: Sequence[Contract],
    rules: Rules,
    as_of: dt.date,
    *,
    title: str = "",
    large_contract: Decimal = LARGE_CONTRACT,
    plot: bool = True,
) -> str:
    """The whole report as one HTML text (the plot as ``<img src=PLOT_IMAGE>`` if ``plot``)."""
    evaluation = evaluate(contracts, rules, as_of)
    heading = title or "Job Success Score report"
    parts = [
        f"<html><head><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(heading)}</h1>",
        _score(contracts, rules, as_of, evaluation),
        _windows(evaluation),
    ]
    if plot:
        parts.append(f'<p><img src="{PLOT_IMAGE}"></p>')
    parts += [
        _top_rated(contracts, rules, as_of, large_contract),
        _actions(advise(contracts, rules, as_of).actions[:TOP_ACTIONS]),
        _changes(
            f"Changes in the last {LAST_DAYS} days",
            changes_between(contracts, rules, as_of - dt.timedelta(days=LAST_DAYS), as_of),
            "No change of the displayed score.",
            latest=True,
        ),
        _changes(
            "Next changes with no action",
            forecast(contracts, rules, as_of),
            "No change in the next 24 months.",
        ),
        _contracts(evaluation),
        "</body></html>",
    ]
    return "\n".join(parts)


def _score(
    contracts: Sequence[Contract], rules: Rules, as_of: dt.date, evaluation: Evaluation
) -> str:
    used = evaluation.rule_set.name
    preset = f" (preset {_e(used)})" if used != evaluation.rules_name else ""
    sentence = score_range(contracts, rules, as_of).sentence
    return (
        f'<p><span style="font-size: 22pt; font-weight: bold;">'
        f"{_percent(evaluation.displayed)}</span>&nbsp;&nbsp;estimated JSS as of "
        f"{as_of.isoformat()} under rule set <b>{_e(evaluation.rules_name)}</b>{preset}, "
        f"computed on the update of {evaluation.computed_on.isoformat()}.<br>"
        f"Range: {_e(sentence)}.</p>"
    )


def _windows(evaluation: Evaluation) -> str:
    rows = []
    for months in evaluation.rule_set.reported_windows:
        window = evaluation.windows[months]
        score = "not enough history" if window.score is None else f"{round6(window.score)}%"
        rows.append(
            f"<tr><td>{months} months</td><td>{score}</td>"
            f"<td>{window.outcomes} outcomes, {window.clients} clients</td></tr>"
        )
    if evaluation.trending is not None:
        rows.append(
            f"<tr><td>trending</td><td>{round6(evaluation.trending)}%</td><td>3 and 6 months"
            "</td></tr>"
        )
    return f"<h2>Windows</h2><table>{''.join(rows)}</table>"


def _top_rated(
    contracts: Sequence[Contract], rules: Rules, as_of: dt.date, large_contract: Decimal
) -> str:
    estimate = top_rated(contracts, rules, as_of, large_contract)
    verdict = "likely" if estimate.eligible else "not now"
    plus = "likely" if estimate.plus else "no"
    items = [
        f"<li>{plus_mark}{'met' if c.met else 'not met'}: {_e(c.text)}</li>"
        for plus_mark, group in (("", estimate.criteria), ("Plus, ", estimate.plus_criteria[1:]))
        for c in group
    ]
    coming = [f"<li>{_e(c.text)}</li>" for c in top_rated_changes(contracts, rules, as_of)[:2]]
    later = f"<p>With no action:</p><ul>{''.join(coming)}</ul>" if coming else ""
    return f"<h2>Top Rated: {verdict} (Top Rated Plus: {plus})</h2><ul>{''.join(items)}</ul>{later}"


def _actions(actions: Sequence[Action]) -> str:
    if not actions:
        return "<h2>What to do next</h2><p>No action to suggest.</p>"
    rows = []
    for action in actions:
        day = "" if action.date is None else action.date.isoformat()
        mark = ' <span class="lowers">(lowers the score)</span>' if action.lowers else ""
        top = "Top Rated" if action.top_rated_after else ""
        rows.append(
            f"<tr><td>{day}</td><td>{_percent(action.displayed_after)}</td><td>{top}</td>"
            f"<td>{_e(action.text)}{mark}</td></tr>"
        )
    return f"<h2>What to do next</h2><table>{''.join(rows)}</table>"


def _changes(
    heading: str, changes: Sequence[ScoreChange], none: str, *, latest: bool = False
) -> str:
    """The first :data:`CHANGES_SHOWN` changes (the last ones if ``latest``), in date order,
    and how many more there are."""
    if not changes:
        return f"<h2>{heading}</h2><p>{none}</p>"
    shown = changes[-CHANGES_SHOWN:] if latest else changes[:CHANGES_SHOWN]
    rows = [
        f"<tr><td>{c.date.isoformat()}</td><td>{_percent(c.before)} &rarr; "
        f"{_percent(c.after)}</td><td>{_e(c.why)}</td></tr>"
        for c in shown
    ]
    more = len(changes) - len(shown)
    which = "earlier" if latest else "later"
    note = f'<p class="muted">and {more} {which} {"change" if more == 1 else "changes"}</p>'
    return f"<h2>{heading}</h2><table>{''.join(rows)}</table>{note if more else ''}"


def _contracts(evaluation: Evaluation) -> str:
    """Every contract with its status and why, a short paragraph each (flowing text fits
    more on a page than table columns); contracts explained alike share one.

    Beyond :data:`COMPACT_ABOVE` contracts the sentences would take many pages: contracts
    are then grouped by status and value, each group naming its contracts by id and giving
    one of them as the example of why.
    """
    compact = len(evaluation.results) > COMPACT_ABOVE
    groups: dict[tuple[str, str], list[Contract]] = {}
    examples: dict[tuple[str, str], str] = {}
    for result in evaluation.results:
        label = status_label(result, evaluation.rule_set)
        why = explain_result(result, evaluation.rule_set, evaluation.computed_on)
        key = (label, why)
        if compact:
            value = "" if result.outcome is None else value_words(result.outcome.value)
            key = (label, value)
            examples.setdefault(key, f"For example {result.contract.id}: {why}")
        groups.setdefault(key, []).append(result.contract)
    if not groups:
        return "<h2>Contracts</h2><p>No contracts.</p>"
    entries = []
    for key, members in groups.items():
        label, detail = key
        if compact:
            names = ", ".join(c.id for c in members)
            label = f"{label}, {detail}" if detail else label
            why = examples[key]
        else:
            names = ", ".join(f"{c.id} {c.title}".strip() for c in members)
            why = detail
        count = f" ({len(members)} contracts)" if len(members) > 1 else ""
        entries.append(
            f'<p class="small"><b>{_e(names)}</b>{count}: {_e(label)}. '
            f'<span class="muted">{_e(why)}</span></p>'
        )
    return f"<h2>Contracts ({len(evaluation.results)})</h2>{''.join(entries)}"
