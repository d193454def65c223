"""Engine benchmark: prints one JSON object of median seconds.

Shape: ``{"1000": {"evaluate_s": .., "impacts_s": .., "timeline_s": {"upwork-2024-09": ..,
"upwork-2015": .., "historical": ..}}, "10000": {...}}``: evaluate one date, leave-one-out
impact of every contract at one date, and the timeline of 1,096 days per rule set.

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

from synthetic import AS_OF, synthetic_contracts

from jsswhatif.core.engine import evaluate
from jsswhatif.core.insights import contract_impacts
from jsswhatif.core.rules import builtin_rules
from jsswhatif.core.timeline import compute_timeline

RULE_SETS = ("upwork-2024-09", "upwork-2015", "historical")
DAYS = 1096


def _median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return round(statistics.median(timings), 5)


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
        timeline_s = {}
        for name in RULE_SETS:
            named = builtin_rules(name)
            assert named is not None
            timeline = partial(compute_timeline, contracts, named, first, AS_OF)
            timeline_s[name] = _median_seconds(timeline, args.repeat)
        figures[str(size)] = {
            "evaluate_s": _median_seconds(partial(evaluate, contracts, rules, AS_OF), args.repeat),
            "impacts_s": _median_seconds(partial(contract_impacts, evaluation), args.repeat),
            "timeline_s": timeline_s,
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
