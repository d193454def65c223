"""Advisor benchmark: prints one JSON object of median seconds (issue 11's 0.5 s target).

Shape: ``{"1000": {"advise_cold_s": {"upwork-2024-09": .., "upwork-2023-12": ..,
"historical": ..}, "advise_s": {...}, "actions": ..}}``. ``advise_cold_s`` runs on contracts
the engine has never seen (a file just opened), ``advise_s`` again on the same ones (what the
Advisor panel meets after an edit elsewhere, the engine remembering the other contracts);
``upwork-2023-12`` has the biweekly cadence, so its actions are scored on the next update.

Run: ``.venv/bin/python benchmarks/bench_advice.py`` (add ``--repeat N`` for more runs).
Wall-clock medians: on a machine shared with other work, run it several times.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import AS_OF, synthetic_contracts

from jsswhatif.core.advice import advise
from jsswhatif.core.rules import Rules, builtin_rules

RULE_SETS = ("upwork-2024-09", "upwork-2023-12", "historical")
SIZE = 1000


def _rules(name: str) -> Rules:
    found = builtin_rules(name)
    assert found is not None
    return found


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    cold: dict[str, float] = {}
    warm: dict[str, float] = {}
    actions = 0
    for name in RULE_SETS:
        rules = _rules(name)
        cold_runs, warm_runs = [], []
        for _ in range(repeat):
            contracts = synthetic_contracts(SIZE)  # new objects: nothing remembered
            start = time.perf_counter()
            advise(contracts, rules, AS_OF)
            cold_runs.append(time.perf_counter() - start)
            start = time.perf_counter()
            actions = len(advise(contracts, rules, AS_OF).actions)
            warm_runs.append(time.perf_counter() - start)
        cold[name] = round(statistics.median(cold_runs), 4)
        warm[name] = round(statistics.median(warm_runs), 4)
    figures = {str(SIZE): {"advise_cold_s": cold, "advise_s": warm, "actions": actions}}
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
