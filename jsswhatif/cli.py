"""The ``jsswhatif`` command: the desktop application, ``score`` and ``timeline``.

Formats are those of interfaces.md. Bad input exits with status 2 and one line on standard
error naming the problem; a traceback is never the message. The command line, not the core,
reads today's date.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from jsswhatif import __version__
from jsswhatif.core.document import Document
from jsswhatif.core.engine import evaluate
from jsswhatif.core.explain import explain_result, status_label
from jsswhatif.core.insights import contract_impacts
from jsswhatif.core.rules import PRESETS, Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.io.documents import DocumentFileError, read_any

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A problem with what the user typed or gave, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise BadInput(message)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _no_date(text)
    except ValueError:
        _no_date(text)


def _no_date(text: str) -> NoReturn:
    raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)")


def _parser() -> _Parser:
    parser = _Parser(prog="jsswhatif", description="What-if calculator for Upwork's JSS.")
    parser.add_argument("--version", action="version", version=f"jsswhatif {__version__}")
    parser.add_argument(
        "--smoke-test",
        metavar="PNG",
        type=Path,
        help="start offscreen on the bundled sample, export the plot to PNG and exit",
    )
    commands = parser.add_subparsers(dest="command")
    opener = commands.add_parser("open", help="start the desktop application on FILE")
    opener.add_argument("file", type=Path)
    names = ", ".join([p.name for p in PRESETS] + ["historical"])
    rules_help = f"preset ({names}) or a custom rule set of the document"
    score = commands.add_parser("score", help="estimate the JSS at a date")
    score.add_argument("file", type=Path, help="contracts CSV or saved document")
    score.add_argument("--as-of", type=_date, help="YYYY-MM-DD (default: today)")
    score.add_argument("--rules", help=rules_help)
    score.add_argument("--json", action="store_true", help="print one JSON object")
    timeline = commands.add_parser("timeline", help="the score on every day of a range")
    timeline.add_argument("file", type=Path, help="contracts CSV or saved document")
    timeline.add_argument("--from", dest="first", type=_date, required=True)
    timeline.add_argument("--to", dest="last", type=_date, required=True)
    timeline.add_argument("--rules", help=rules_help)
    timeline.add_argument("--csv", action="store_true", help="print CSV")
    return parser


def _rules(document: Document, name: str | None) -> Rules:
    chosen = name or document.rules_name
    rules = document.rules_by_name(chosen)
    if rules is None:
        known = ", ".join([p.name for p in PRESETS] + ["historical"])
        custom = "".join(f", {r.name}" for r in document.rule_sets)
        raise BadInput(f"unknown rule set {chosen!r} (choose from {known}{custom})")
    return rules


def _score(args: argparse.Namespace) -> str:
    from jsswhatif.io.exports import evaluation_json, round6

    document = read_any(args.file)
    rules = _rules(document, args.rules)
    as_of = args.as_of or dt.datetime.now().astimezone().date()
    contracts = document.contracts_for(document.active_scenario)
    evaluation = evaluate(contracts, rules, as_of)
    impacts = contract_impacts(evaluation)
    if args.json:
        return evaluation_json(evaluation, impacts)
    rule_set = evaluation.rule_set
    used = f" (preset {rule_set.name})" if rule_set.name != evaluation.rules_name else ""
    shown = "no JSS" if evaluation.displayed is None else f"{evaluation.displayed}%"
    lines = [
        f"Estimated JSS under rule set {evaluation.rules_name}{used} as of {as_of}: {shown}",
        f"(computed on the update of {evaluation.computed_on})",
    ]
    for months in rule_set.reported_windows:
        window = evaluation.windows[months]
        score = "not enough history" if window.score is None else f"{round6(window.score)}%"
        lines.append(
            f"  {months:>2}-month window: {score} "
            f"({window.outcomes} outcomes, {window.clients} clients)"
        )
    if evaluation.trending is not None:
        lines.append(f"  trending (3 and 6 months): {round6(evaluation.trending)}%")
    if evaluation.bonus_clients:
        lines.append(f"  long-term client bonus: {', '.join(evaluation.bonus_clients)}")
    lines.append("")
    for result, impact in zip(evaluation.results, impacts, strict=True):
        effect = "" if impact is None else f", impact {float(impact):+.2f} points"
        title = f" {result.contract.title!r}" if result.contract.title else ""
        held = "" if result.outcome is None else f", {_windows_words(result.windows)}"
        lines.append(f"{result.contract.id}{title}: {status_label(result)}{held}{effect}")
        lines.append(f"    {explain_result(result, rule_set, evaluation.computed_on)}")
    return "\n".join(lines) + "\n"


def _windows_words(months: tuple[int, ...]) -> str:
    """``in the 6-, 12- and 24-month windows``, ``in the 24-month window``, or none."""
    if not months:
        return "outside every window"
    if len(months) == 1:
        return f"in the {months[0]}-month window"
    listed = ", ".join(f"{m}-" for m in months[:-1])
    return f"in the {listed} and {months[-1]}-month windows"


def _timeline(args: argparse.Namespace) -> str:
    from jsswhatif.io.exports import timeline_csv

    if args.last < args.first:
        raise BadInput(f"--to {args.last} is before --from {args.first}")
    document = read_any(args.file)
    rules = _rules(document, args.rules)
    contracts = document.contracts_for(document.active_scenario)
    timeline = compute_timeline(contracts, rules, args.first, args.last)
    text = timeline_csv(timeline)
    if args.csv:
        return text
    rows = [line.split(",") for line in text.splitlines()]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return (
        "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) for r in rows)
        + "\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status."""
    try:
        args = _parser().parse_args(argv)
        if args.smoke_test is not None:
            from jsswhatif.app.launch import smoke_test

            return smoke_test(args.smoke_test)
        if args.command in (None, "open"):
            from jsswhatif.app.launch import run

            return run(getattr(args, "file", None))
        output = _score(args) if args.command == "score" else _timeline(args)
    except (BadInput, DocumentFileError) as problem:
        print(f"jsswhatif: error: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    sys.stdout.write(output)
    return 0
