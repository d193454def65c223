"""Fuzz the whole path: whatever a loader accepts, everything computes (issue 13, item 4).

Random contracts CSVs and saved documents, most of them valid and many at the edges of the
domain (core.domain: the first and last dates, the largest amounts, rule parameters at their
bounds) or just past them, go through the loaders. Each file is either refused with one
:class:`~jsswhatif.io.errors.DocumentFileError` on one line, or accepted, and then everything
is computed from it, as the command line and the application compute it:

- the command line, in process: ``score`` (text and ``--json``), ``range --json``, ``changes``
  over the 24 months after the as-of date, ``timeline --csv`` around it, and ``calibrate``
  when the document holds observations: each must exit 0 with nothing on standard error;
- the application's own computation (no Qt): the plot range it would choose
  (``default_range``), the compute cache's results (evaluation, impacts, fragility, window
  exits, the timelines of the range, the baseline and every scenario compared), and the
  worker thread's insights (forecast, Top Rated, the Top Rated band over the range); plus
  the explanation of every contract, the Top Rated changes and the range of readings.

Run by hand, for the figures issue 13 asks for (about 25 minutes on two cores)::

    .venv/bin/python tests/fuzz_whole_path.py --csv 10000 --documents 10000 --jobs 2

It prints how many files were generated, refused and accepted, and exits 1 at the first
accepted file that fails to compute, printing the file. The suite runs the same generators
with fewer examples (tests/io/test_whole_path.py).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import io
import json
import multiprocessing
import random
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jsswhatif.app.window.comparison import Compare
from jsswhatif.app.window.compute_cache import ComputeCache
from jsswhatif.app.window.insights import compute_insights
from jsswhatif.app.window.plot_range import default_range
from jsswhatif.cli import main
from jsswhatif.core.calendar import months_after
from jsswhatif.core.document import Document
from jsswhatif.core.domain import (
    AMOUNT_LIMIT,
    FIRST_DATE,
    LAST_DATE,
    MAX_DAYS,
    MAX_MINIMUM,
    MAX_TIERS,
    MAX_WEIGHT,
    MAX_WINDOW_MONTHS,
    MAX_WINDOWS,
)
from jsswhatif.core.explain import explain_result
from jsswhatif.core.readings import score_range
from jsswhatif.core.rules import PRESETS
from jsswhatif.core.top_rated_days import top_rated_changes
from jsswhatif.io.documents import read_any
from jsswhatif.io.errors import DocumentFileError

D = dt.date.fromisoformat
ONE_DAY = dt.timedelta(days=1)
#: The day the application is imagined to run on ("today" for its plot range).
TODAY = D("2026-12-01")
LARGEST = AMOUNT_LIMIT - Decimal("0.0001")

#: Dates: the domain's edges, days near today, a few at random (see ``_date``), and just past.
EDGE_DATES = [FIRST_DATE, FIRST_DATE + ONE_DAY, LAST_DATE - ONE_DAY, LAST_DATE]
NEAR_DATES = [D("2015-03-01"), D("2020-11-08"), D("2024-09-01"), D("2026-06-30"), TODAY]
OUTSIDE_DATES = ["1989-12-31", "2200-01-01", "9999-12-31", "0001-01-01", "2026-02-30"]
AMOUNTS = ["0", "0.0001", "1", "250", "250.0001", "1000", "1000.01", "4800", "999999999"]
OUTSIDE_AMOUNTS = [f"{AMOUNT_LIMIT}", "9" * 400, "0.00001", "1e3", "-5"]
BAD_PAYS = [f"{AMOUNT_LIMIT}", "9" * 400, "0.00001", f"{LARGEST}"]  # the last: a sum too large
REFUNDS = ["-0.0001", "-30", "-250", f"-{LARGEST}"]
DAYS = [0, 1, 2, 29, 30, 90, 365, MAX_DAYS - 1, MAX_DAYS]
OUTSIDE_DAYS = [MAX_DAYS + 1, 10**12]
WEIGHTS = ["0.0001", "1", "1.25", "1.5", "8", f"{MAX_WEIGHT}"]
STARS = ["", "1", "3.4", "3.5", "4.49", "4.5", "4.9999", "5"]


def _pick(rng: random.Random, good: list[Any], bad: list[Any], odds: float = 0.006) -> Any:
    """Mostly one of ``good``; with probability ``odds`` one of ``bad`` (outside the domain)."""
    return rng.choice(bad) if bad and rng.random() < odds else rng.choice(good)


def _date(rng: random.Random, after: dt.date | None = None) -> dt.date:
    """A domain date: an edge, a day near today, or any day; on or after ``after`` if given."""
    low = after or FIRST_DATE
    kind = rng.random()
    if kind < 0.2:
        day = rng.choice(EDGE_DATES)
    elif kind < 0.6:
        day = rng.choice(NEAR_DATES) + dt.timedelta(days=rng.randint(-400, 400))
    elif kind < 0.8 and after is not None:
        day = after + dt.timedelta(days=rng.choice([0, 1, 30, 89, 90, 91, 365, 3650, 80_000]))
    else:
        day = dt.date.fromordinal(rng.randint(FIRST_DATE.toordinal(), LAST_DATE.toordinal()))
    return min(max(day, low), LAST_DATE)


def _date_text(rng: random.Random, after: dt.date | None = None) -> str:
    return str(_pick(rng, [_date(rng, after).isoformat()], OUTSIDE_DATES))


def _payments(rng: random.Random, start: dt.date) -> list[tuple[str, str]]:
    """Entries ``(date, amount)`` on or after ``start``, summing to 0 or more (mostly)."""
    entries = []
    count = rng.choice([1, 1, 2, 3, 6])
    for _ in range(count):
        amount = _pick(rng, AMOUNTS[1:] if count > 1 else [*AMOUNTS[1:], f"{LARGEST}"], BAD_PAYS)
        entries.append((_date_text(rng, start), amount))
    if rng.random() < 0.3:  # a refund, no larger than what was paid (mostly)
        refund = rng.choice(REFUNDS)
        if rng.random() < 0.9 and all(a in AMOUNTS for _, a in entries):
            paid = sum(Decimal(a) for _, a in entries)
            refund = str(max(Decimal(refund), -paid)) if paid else ""
        if refund and Decimal(refund):
            entries.append((_date_text(rng, start), refund))
    return entries


def contract_fields(rng: random.Random, number: int) -> dict[str, str]:
    """One contract's fields as text (as a CSV row holds them), ``""`` for empty."""
    start = _date(rng)
    fields = {
        "id": f"c{number}",
        "client": rng.choice(["Acme", "acme ", "Beta", "Gamma", "Delta", "Epsilon"]),
        "title": rng.choice(["", "Landing page", "=SUM(A1)", "+1", "-x", "@me", "'=quoted"]),
        "kind": rng.choice(["", "hourly", "fixed"]),
        "start": _pick(rng, [start.isoformat()], OUTSIDE_DATES),
        "end": rng.choice(["", _date_text(rng, start)]),
        "public": _pick(rng, STARS, ["0.9", "5.1"]),
        "private": rng.choice(["", "", "0", "6", "7", "8", "9", "10"]),
        "feedback_date": rng.choice(["", "", _date_text(rng, start)]),
        "disputed": rng.choice(["false"] * 9 + ["true"]),
        "client_flagged": rng.choice(["false"] * 19 + ["true"]),
        "excluded": rng.choice(["false"] * 19 + ["true"]),
    }
    if rng.random() < 0.3:
        entries = _payments(rng, start)
        fields["payments"] = ";".join(f"{day}={amount}" for day, amount in entries)
    else:
        fields["earnings"] = _pick(rng, [*AMOUNTS, f"{LARGEST}"], OUTSIDE_AMOUNTS)
        if fields["earnings"] not in ("0", *OUTSIDE_AMOUNTS) and rng.random() < 0.5:
            fields["last_paid"] = _date_text(rng, start)
    return fields


def csv_text(rng: random.Random) -> str:
    """A contracts CSV: every column in a random order, 0 to 6 contracts."""
    rows = [contract_fields(rng, k) for k in range(rng.choice([0, 1, 2, 3, 4, 6]))]
    columns = sorted({name for row in rows for name in row} | {"client", "start"})
    rng.shuffle(columns)
    buffer = io.StringIO()
    buffer.write(",".join(columns) + "\n")
    for row in rows:
        cells = [row.get(name, "") for name in columns]
        buffer.write(",".join(f'"{cell}"' for cell in cells) + "\n")
    return buffer.getvalue()


def _contract_json(rng: random.Random, number: int) -> dict[str, Any]:
    fields = contract_fields(rng, number)
    data: dict[str, Any] = {}
    for name, text in fields.items():
        if name == "payments":
            pairs = [entry.split("=") for entry in text.split(";")]
            data[name] = [{"date": day, "amount": amount} for day, amount in pairs]
        elif name in ("disputed", "client_flagged", "excluded"):
            data[name] = text == "true"
        elif name == "private":
            data[name] = int(text) if text else None
        elif text or name in ("title", "kind"):
            data[name] = text or ("hourly" if name == "kind" else "")
    return data


def rule_set_json(rng: random.Random, name: str) -> dict[str, Any]:
    """A custom rule set based on a preset, its parameters mostly at or near their bounds."""
    base = rng.choice(PRESETS)
    data: dict[str, Any] = base.model_dump(mode="json")
    data.update(name=name, based_on=base.name, effective_from=None)
    months = list(range(1, MAX_WINDOW_MONTHS + 1))
    data["windows"] = sorted(rng.sample(months, rng.randint(1, MAX_WINDOWS)))
    if rng.random() < 0.02:
        data["windows"] = rng.choice([[0], [MAX_WINDOW_MONTHS + 1], [120000], months[:13]])
    for key in ("long_term_min_days", "long_term_payment_gap_days", "length_bonus_days"):
        data[key] = _pick(rng, DAYS, OUTSIDE_DAYS)
    data["inactive_after_days"] = _pick(rng, DAYS[1:], OUTSIDE_DAYS)
    data["weight_cap"] = _pick(rng, WEIGHTS, ["0", "100.0001", "1e16"])
    bounds = sorted(rng.sample(["0", "0.0001", "250", "1000", "5000", f"{LARGEST}"], 3))
    count = rng.randint(1, MAX_TIERS)
    cuts = sorted({*rng.sample(bounds, min(len(bounds), count - 1))}, key=Decimal)
    data["earnings_tiers"] = [
        {"up_to": up_to, "weight": rng.choice(WEIGHTS)} for up_to in [*cuts, None]
    ]
    for key in ("min_outcomes", "min_clients"):
        data[key] = _pick(rng, [0, 1, 2, 4, MAX_MINIMUM], [MAX_MINIMUM + 1])
    positive = rng.choice(["1", "3.5", "4.5", "4.8", "5"])
    data["public_positive_min"] = positive
    data["public_neutral_min"] = rng.choice([t for t in ["1", "3", "3.5", "4.5"] if t <= positive])
    for key in ("trending", "long_term_client_bonus", "dispute_is_negative"):
        data[key] = rng.random() < 0.5
    data["cadence"] = rng.choice(["daily", "biweekly"])
    data["anchor"] = _date_text(rng)
    data["open_inactive"] = rng.choice(["as_ended", "not_counted"])
    data["open_long_term"] = rng.choice(["counted", "not_counted"])
    data["interim_feedback"] = rng.choice(["ignored", "counts"])
    data["flagged_client"] = rng.choice(["drop_all", "drop_negative"])
    data["formula"] = rng.choice(["net", "share"])
    data["rounding"] = rng.choice(["half_up", "floor"])
    return data


def document_text(rng: random.Random) -> str:
    """A saved document: contracts, scenarios, custom rule sets and observations."""
    contracts = [_contract_json(rng, k) for k in range(rng.choice([0, 1, 2, 3, 5]))]
    rule_sets = [rule_set_json(rng, f"custom {k}") for k in range(rng.choice([0, 0, 1, 2]))]
    names = [*(p.name for p in PRESETS), "historical", *(r["name"] for r in rule_sets)]
    scenarios = []
    for k in range(rng.choice([0, 0, 1, 2])):
        overrides = {}
        for contract in rng.sample(contracts, min(len(contracts), 2)):
            overrides[contract["id"]] = rng.choice(
                [
                    {"end": _date_text(rng, D(contract["start"]))}
                    if contract["start"] not in OUTSIDE_DATES
                    else {"end": None},
                    {"excluded": True},
                    {"public": rng.choice(["5", "1", None])},
                    {"earnings": _pick(rng, AMOUNTS, OUTSIDE_AMOUNTS)}
                    if "payments" not in contract
                    else {"title": "=cmd"},
                ]
            )
        added = [_contract_json(rng, 100 + k)] if rng.random() < 0.5 else []
        scenarios.append({"name": f"what if {k}", "overrides": overrides, "added": added})
    observations = [
        {"date": _date_text(rng), "value": rng.randint(0, 100), "note": ""}
        for _ in range(rng.choice([0, 0, 1, 3]))
    ]
    data = {
        "format": "jsswhatif",
        "version": 2,
        "contracts": contracts,
        "scenarios": scenarios,
        "rule_sets": rule_sets,
        "rules_name": rng.choice(names),
        "as_of": rng.choice([None, _date_text(rng)]),
        "active_scenario": rng.choice([None, *(s["name"] for s in scenarios)]),
        "observations": observations,
        "large_contract": _pick(rng, ["0.0001", "5000", f"{LARGEST}"], [f"{AMOUNT_LIMIT}"]),
    }
    return json.dumps(data, indent=1)


# -- computing everything ---------------------------------------------------------------------


def _cli(*argv: str) -> None:
    """Run the command line in process; it must exit 0 with nothing on standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    assert (status, err.getvalue()) == (0, ""), f"jsswhatif {' '.join(argv)}: {err.getvalue()}"


def command_line_paths(path: Path, document: Document, as_of: dt.date) -> None:
    """Every command of the command line on an accepted file, at ``as_of``."""
    day = as_of.isoformat()
    ahead = min(months_after(as_of, 24), LAST_DATE).isoformat()
    around = (max(as_of - 30 * ONE_DAY, FIRST_DATE), min(as_of + 30 * ONE_DAY, LAST_DATE))
    _cli("score", str(path), "--as-of", day, "--json")
    _cli("score", str(path), "--as-of", day)
    _cli("range", str(path), "--as-of", day, "--json")
    _cli("changes", str(path), "--from", day, "--to", ahead)
    _cli("timeline", str(path), "--from", around[0].isoformat(), "--to", around[1].isoformat())
    if document.observations:
        _cli("calibrate", str(path), "--json")


def application_paths(document: Document, as_of: dt.date) -> None:
    """What the application computes for ``document`` at ``as_of`` (without Qt)."""
    cache = ComputeCache()
    scenario = document.active_scenario
    contracts = cache.contracts_for(document, scenario) if scenario else document.contracts
    span = default_range(document, contracts, TODAY, as_of)
    compare = Compare("scenarios", (None, *(s.name for s in document.scenarios)))
    results = cache.results(document, contracts, as_of, span, compare)
    evaluation = results.evaluation
    for result in evaluation.results:
        explain_result(result, evaluation.rule_set, evaluation.computed_on)
    results.window_exits()  # the plot's exit markers
    compute_insights(contracts, document.rules, as_of, scenario, span)
    top_rated_changes(contracts, document.rules, as_of)
    score_range(contracts, document.rules, as_of)


def check_file(path: Path, as_of: dt.date) -> bool:
    """Load ``path``: False when refused (one line), else compute everything and return True."""
    try:
        document = read_any(path)
    except DocumentFileError as error:
        refusal = str(error)
    else:
        refusal = ""
    if refusal:
        assert "\n" not in refusal, refusal
        return False
    when = document.as_of or as_of
    application_paths(document, when)
    command_line_paths(path, document, when)
    return True


def _as_of(rng: random.Random) -> dt.date:
    return rng.choice([*EDGE_DATES, _date(rng), TODAY])


Generator = Callable[[random.Random], str]
KINDS: dict[str, tuple[str, Generator]] = {
    "csv": ("contracts.csv", csv_text),
    "documents": ("fuzzed.jsswhatif", document_text),
}


def run_seeds(kind: str, seeds: range) -> tuple[int, int]:
    """Check the files of ``seeds``; (accepted, refused). Raises at the first failure."""
    name, generate = KINDS[kind]
    accepted = refused = 0
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        for seed in seeds:
            rng = random.Random(f"{kind} {seed}")
            text = generate(rng)
            path.write_text(text, encoding="utf-8")
            try:
                ok = check_file(path, _as_of(rng))
            except Exception as exc:
                detail = traceback.format_exc()
                raise AssertionError(f"{kind} seed {seed} fails:\n{text}\n{detail}") from exc
            accepted += ok
            refused += not ok
    return accepted, refused


def _work(job: tuple[str, int, int]) -> tuple[int, int]:
    kind, first, stop = job
    return run_seeds(kind, range(first, stop))


def main_script(argv: list[str] | None = None) -> int:
    """The script: fuzz N CSVs and N documents; print the counts; 1 at the first failure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--csv", type=int, default=10_000, help="CSV files to generate")
    parser.add_argument("--documents", type=int, default=10_000, help="documents to generate")
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=multiprocessing.cpu_count())
    args = parser.parse_args(argv)
    status = 0
    for kind, count in (("csv", args.csv), ("documents", args.documents)):
        started = time.monotonic()
        step = max(1, min(250, count // (4 * args.jobs) or 1))
        stops = range(args.first_seed, args.first_seed + count, step)
        jobs = [(kind, s, min(s + step, args.first_seed + count)) for s in stops]
        try:
            with multiprocessing.Pool(args.jobs) as pool:
                counts = pool.map(_work, jobs)
        except AssertionError as failure:
            print(failure, file=sys.stderr)
            status = 1
            continue
        accepted = sum(a for a, _ in counts)
        refused = sum(r for _, r in counts)
        minutes = (time.monotonic() - started) / 60
        print(
            f"{kind}: {count} generated (seeds {args.first_seed} to "
            f"{args.first_seed + count - 1}), {refused} refused with one line, {accepted} "
            f"accepted, and every accepted one computed everything ({minutes:.1f} min)"
        )
    return status


if __name__ == "__main__":
    sys.exit(main_script())
