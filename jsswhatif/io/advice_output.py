"""What ``changes``, ``range``, ``calibrate`` and ``advise`` print, as text and JSON.

The JSON objects are formats users' scripts rely on: keys in the documented order, numbers
rounded to 6 decimals (:func:`~jsswhatif.io.exports.round6`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from jsswhatif.core.advice import Advice
from jsswhatif.core.forecast import ScoreChange
from jsswhatif.core.readings import Fit, ScoreRange, calibration_sentence
from jsswhatif.io.exports import round6


def _percent(value: int | None) -> str:
    return "no JSS" if value is None else f"{value}%"


def changes_json(rules: str, first: dt.date, last: dt.date, changes: Sequence[ScoreChange]) -> str:
    """The ``changes --json`` object."""
    data = {
        "rules": rules,
        "from": first.isoformat(),
        "to": last.isoformat(),
        "changes": [
            {
                "date": change.date.isoformat(),
                "before": change.before,
                "after": change.after,
                "causes": [
                    {"kind": cause.kind, "contract": cause.contract_id, "text": cause.text}
                    for cause in change.causes
                ],
            }
            for change in changes
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def changes_text(rules: str, first: dt.date, last: dt.date, changes: Sequence[ScoreChange]) -> str:
    """One line per change, or one line saying there is none."""
    if not changes:
        return f"No change of the displayed score from {first} to {last} under {rules}.\n"
    return "".join(f"{change.text}\n" for change in changes)


def range_json(result: ScoreRange) -> str:
    """The ``range --json`` object."""
    data = {
        "as_of": result.as_of.isoformat(),
        "rules": result.reading.name,
        "displayed": result.displayed,
        "low": result.low,
        "high": result.high,
        "most_sensitive": [reading.name for reading in result.most_sensitive],
        "readings": [
            {
                "name": reading.name,
                "parameter": reading.parameter,
                "value": reading.value,
                "displayed": displayed,
            }
            for reading, displayed in result.values
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def range_text(result: ScoreRange) -> str:
    """The sentence, then the displayed score under each reading."""
    head = f"Under {result.reading.name} as of {result.as_of}: {result.sentence}."
    lines = [head[:1].upper() + head[1:], ""]
    width = max((len(r.name) for r, _ in result.values), default=0)
    for reading, displayed in result.values:
        mark = "  <- matters most" if reading in result.most_sensitive else ""
        lines.append(f"  {reading.name:<{width}}  {_percent(displayed):>6}{mark}")
    return "\n".join(lines) + "\n"


def calibration_json(observations: Sequence[tuple[dt.date, int]], fits: Sequence[Fit]) -> str:
    """The ``calibrate --json`` object (``fits`` already cut to ``--top``)."""
    data = {
        "observations": [
            {"date": day.isoformat(), "observed": value} for day, value in sorted(observations)
        ],
        "candidates": [
            {
                "name": fit.reading.name,
                "matches": fit.matches,
                "mean_error": None if fit.mean_error is None else round6(fit.mean_error),
                "no_jss": fit.no_jss,
                "values": list(fit.values),
            }
            for fit in fits
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def calibration_text(
    observations: Sequence[tuple[dt.date, int]],
    fits: Sequence[Fit],
    top: int | None = None,
    weak_below: int = 3,
) -> str:
    """The sentence, a note when few observations make it weak or others fit as well, then
    the ranking (its first ``top`` candidates)."""
    lines = [calibration_sentence(fits)[:1].upper() + calibration_sentence(fits)[1:] + "."]
    if len(observations) < weak_below:
        lines.append(
            f"With fewer than {weak_below} observations the ranking is weak: record more "
            "values you saw on Upwork."
        )
    best = fits[0]
    tied = [f for f in fits[1:] if (f.matches, f.mean_error) == (best.matches, best.mean_error)]
    if tied:
        others = "candidate fits" if len(tied) == 1 else "candidates fit"
        lines.append(f"{len(tied)} other {others} as well; more observations tell them apart.")
    dates = ", ".join(f"{day} {value}%" for day, value in sorted(observations))
    lines += [f"Observed: {dates}", ""]
    for rank, fit in enumerate(fits[:top], start=1):
        error = "no JSS" if fit.mean_error is None else f"mean error {fit.mean_error:.2f}"
        values = ", ".join(_percent(v) for v in fit.values)
        matches = f"{fit.matches} {'match' if fit.matches == 1 else 'matches'}"
        lines.append(f"{rank:>3}. {fit.reading.name}: {matches}, {error} ({values})")
    return "\n".join(lines) + "\n"


def advice_json(advice: Advice) -> str:
    """The ``advise --json`` object: actions in rank order, ``date`` as ``YYYY-MM-DD``."""
    data = {
        "as_of": advice.as_of.isoformat(),
        "rules": advice.rules,
        "displayed": advice.displayed,
        "actions": [
            {
                "kind": action.kind,
                "contract": action.contract,
                "text": action.text,
                "date": None if action.date is None else action.date.isoformat(),
                "displayed_after": action.displayed_after,
                "top_rated_after": action.top_rated_after,
            }
            for action in advice.actions
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def advice_text(advice: Advice, top: int | None = None) -> str:
    """A sentence with today's score, then one line per action (its first ``top``): rank, the
    day it shows, the score then, Top Rated, the action, and a mark on those that lower it.

    Example line: ``  1. 2026-11-25   92%  Top Rated  End 'Logo' with 5 stars today``.
    """
    head = f"Under {advice.rules} as of {advice.as_of}: now {_percent(advice.displayed)}."
    if not advice.actions:
        return f"{head}\nNo action to suggest: no open or recent contract, nothing earned.\n"
    lines = [head, ""]
    for rank, action in enumerate(advice.actions[:top], start=1):
        day = "" if action.date is None else action.date.isoformat()
        top_rated = "Top Rated" if action.top_rated_after else "         "
        mark = "  (lowers the score)" if action.lowers else ""
        score = _percent(action.displayed_after)
        lines.append(f"{rank:>3}. {day:<10}  {score:>6}  {top_rated}  {action.text}{mark}")
    return "\n".join(lines) + "\n"
