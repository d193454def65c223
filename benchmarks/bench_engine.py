"""Engine benchmark: prints one JSON object of median seconds.

Shape: ``{"1000": {"evaluate_s": .., "impacts_s": .., "timeline_s": {"upwork-2024-09": ..,
"upwork-2015": .., "historical": ..}, ...}, "10000": {...}}``: evaluate one date,
leave-one-out impact of every contract at one date, and the timeline of 1,096 days per rule
set; at 10,000 contracts also ``range_s`` (the range at one date over every reading),
``changes_s`` (the changes over 2 years) and ``timeline_payments_s`` (the timeline with a
payment every 14 days on every contract, per rule set); at 1,000 also ``range_timeline_s``
(the range over 1,096 days) and ``calibrate_s`` (every candidate against 8 observations).

Run: ``.venv/bin/python benchmarks/bench_engine.py`` (add ``--repeat N`` for more runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import AS_OF, synthetic_contracts, with_payments

from jsswhatif.core.calendar import months_after
from jsswhatif.core.contracts import Contract
from jsswhatif.core.engine import evaluate
from jsswhatif.core.forecast import changes_between
from jsswhatif.core.insights import contract_impacts
from jsswhatif.core.readings import calibrate, range_timeline, score_range
from jsswhatif.core.rules import Rules, builtin_rules
from jsswhatif.core.timeline import compute_timeline

RULE_SETS = ("upwork-2024-09", "upwork-2015", "historical")
DAYS = 1096
SMALL, LARGE = 1000, 10000  # the sizes whose version 2 figures issue 9 asks for


def _median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return round(statistics.median(timings), 5)


def _timelines(contracts: list[Contract], first: dt.date, repeat: int) -> dict[str, float]:
    """The 1,096-day timeline's median seconds per rule set of :data:`RULE_SETS`."""
    figures = {}
    for name in RULE_SETS:
        named: Rules | None = builtin_rules(name)
        assert named is not None
        timeline = partial(compute_timeline, contracts, named, first, AS_OF)
        figures[name] = _median_seconds(timeline, repeat)
    return figures


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args()
    first = AS_OF - dt.timedelta(days=DAYS - 1)
    figures: dict[str, object] = {}
    for size in args.sizes:
        contracts = synthetic_contracts(size)
        rules = builtin_rules("upwork-2024-09")
        assert rules is not None
        evaluation = evaluate(contracts, rules, AS_OF)
        timeline_s = _timelines(contracts, first, args.repeat)
        sized: dict[str, object] = {
            "evaluate_s": _median_seconds(partial(evaluate, contracts, rules, AS_OF), args.repeat),
            "impacts_s": _median_seconds(partial(contract_impacts, evaluation), args.repeat),
            "timeline_s": timeline_s,
        }
        if size == LARGE:
            two_years = months_after(AS_OF, 24)
            changes = partial(changes_between, contracts, rules, AS_OF, two_years)
            sized["range_s"] = _median_seconds(partial(score_range, contracts, rules, AS_OF), 3)
            sized["changes_s"] = _median_seconds(changes, 3)
            sized["timeline_payments_s"] = _timelines(with_payments(contracts), first, 3)
        if size == SMALL:
            band = partial(range_timeline, contracts, rules, first, AS_OF)
            seen = [(AS_OF - dt.timedelta(days=45 * k), 90) for k in range(8)]
            sized["range_timeline_s"] = _median_seconds(band, 3)
            sized["calibrate_s"] = _median_seconds(partial(calibrate, contracts, seen), 3)
        figures[str(size)] = sized
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
