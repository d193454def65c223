"""Machine-readable outputs whose formats users' scripts rely on (interfaces.md).

``score --json`` (:func:`evaluation_json`) and ``timeline --csv`` (:func:`timeline_csv`).
Numbers are rounded to 6 decimals, ties away from zero, and written in their shortest form
(``87.804878``, ``6.5``, ``0.0``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from jsswhatif.core.engine import Evaluation
from jsswhatif.core.timeline import Timeline
from jsswhatif.core.top_rated import TopRatedEstimate

_MICRO = Decimal("0.000001")
TIMELINE_COLUMNS = ("date", "displayed", "best", "m3", "m6", "m12", "m24", "trending")


def round6(x: Fraction | Decimal | float) -> float:
    """``x`` rounded to 6 decimals, ties away from zero, as the float JSON writes shortest.

    A float goes through its shortest repr first, so a value that is a short decimal
    (12.3456785) rounds as that decimal and not as its binary neighbour.

    Example:
        >>> round6(Fraction(3600, 41)), round6(-9.8039215686)
        (87.804878, -9.803922)
    """
    if isinstance(x, Fraction):
        exact = Decimal(x.numerator) / Decimal(x.denominator)
        # Decimal division is correctly rounded to 28 digits: a 6-decimal tie survives it.
    elif isinstance(x, float):
        exact = Decimal(repr(x))
    else:
        exact = x
    return float(exact.quantize(_MICRO, rounding=ROUND_HALF_UP))


def _number(x: Fraction | Decimal | float | None) -> float | None:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    return round6(x)


def evaluation_json(
    evaluation: Evaluation,
    impacts: Sequence[Fraction | None],
    top_rated: TopRatedEstimate,
    observations: Sequence[tuple[dt.date, int, int | None]] | None = None,
) -> str:
    """The ``score --json`` object for an evaluation and its leave-one-out impacts, with the
    Top Rated estimate and, for a document, its observations as ``(date, observed,
    displayed)``."""
    rule_set = evaluation.rule_set
    head: dict[str, object] = {
        "as_of": evaluation.as_of.isoformat(),
        "computed_on": evaluation.computed_on.isoformat(),
        "rules": evaluation.rules_name,
    }
    if evaluation.rules_name == "historical":
        head["preset"] = rule_set.name
    head |= {
        "displayed": evaluation.displayed,
        "best": _number(evaluation.best),
        "windows": {
            str(m): _number(evaluation.windows[m].score) for m in rule_set.reported_windows
        },
        "trending": _number(evaluation.trending),
    }
    rows = []
    for result, impact in zip(evaluation.results, impacts, strict=True):
        outcome = result.outcome
        rows.append(
            {
                "id": result.contract.id,
                "status": result.status,
                "reason": outcome and outcome.reason,
                "value": outcome and outcome.value,
                "weight": outcome and _number(outcome.weight),
                "outcome_date": outcome and outcome.date.isoformat(),
                "windows": list(result.windows),
                "impact": _number(impact),
            }
        )
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
    contract_lines = ",\n".join(f"    {json.dumps(row, ensure_ascii=False)}" for row in rows)
    lines.append(f'  "contracts": [\n{contract_lines}\n  ]' if rows else '  "contracts": []')
    if evaluation.bonus_clients:
        lines.append(f'  "bonus_clients": {json.dumps(list(evaluation.bonus_clients))}')
    first_start = top_rated.first_start
    estimate = {
        "estimate": top_rated.eligible,
        "weeks": top_rated.weeks_at_90,
        "earnings_12m": round6(top_rated.earnings_12m),
        "first_start_days": None if first_start is None else (evaluation.as_of - first_start).days,
        "plus": top_rated.plus,
    }
    lines.append(f'  "top_rated": {json.dumps(estimate)}')
    if observations is not None:
        seen = [
            {"date": day.isoformat(), "observed": observed, "displayed": displayed}
            for day, observed, displayed in observations
        ]
        lines.append(f'  "observations": {json.dumps(seen)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def _cell(x: float | None) -> str:
    value = _number(x)
    return "" if value is None else repr(value)


def timeline_csv(timeline: Timeline) -> str:
    """The ``timeline --csv`` text: a header and one row per day, empty when undefined."""
    out = [",".join(TIMELINE_COLUMNS)]
    columns = [timeline.windows.get(m) for m in (3, 6, 12, 24)]
    for i, day in enumerate(timeline.dates()):
        displayed = timeline.displayed[i]
        cells = [
            day.isoformat(),
            "" if math.isnan(displayed) else str(int(displayed)),
            _cell(float(timeline.best[i])),
            *("" if col is None else _cell(float(col[i])) for col in columns),
            _cell(float(timeline.trending[i])),
        ]
        out.append(",".join(cells))
    return "\n".join(out) + "\n"
