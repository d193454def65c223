"""The ``advise``, ``report`` and ``calendar`` commands of ``jsswhatif`` (issue 11).

``advise FILE [--as-of D] [--rules R] [--json]`` prints the advisor's ranked actions;
``report FILE --output X.pdf`` writes the one- or two-page PDF report (rendered with Qt,
offscreen when there is no display); ``calendar FILE --output X.ics`` writes the coming
changes as all-day events. Options and failures follow the other commands (:mod:`jsswhatif.cli`):
bad input is one line and status 2.

:mod:`jsswhatif.cli` imports this module when it builds its parser (this module imports it
back, so not at its top); what the commands need (the core, Qt) is imported when one runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsswhatif.cli import BadInput, _opened

#: The commands of this module, by name.
NAMES = ("advise", "report", "calendar")


def add_parsers(commands: Any, rules_help: str, date: Callable[[str], dt.date]) -> None:
    """Add this module's commands to the ``jsswhatif`` subparsers ``commands``."""
    advise = commands.add_parser(
        "advise", help="what to do next: actions on your contracts, ranked by the score they give"
    )
    report = commands.add_parser("report", help="a one- or two-page PDF report")
    calendar = commands.add_parser(
        "calendar", help="the coming changes of the score and Top Rated as calendar events"
    )
    for parser in (advise, report, calendar):
        parser.add_argument("file", type=Path, help="contracts CSV or saved document")
        parser.add_argument("--as-of", type=date, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--rules", help=rules_help)
    advise.add_argument("--json", action="store_true", help="print one JSON object")
    report.add_argument("--output", type=Path, required=True, help="the PDF to write (.pdf)")
    calendar.add_argument(
        "--output", type=Path, required=True, help="the iCalendar file to write (.ics)"
    )


def run(args: argparse.Namespace) -> str:
    """Run the command named by ``args.command``; the text it prints."""
    handlers: dict[str, Callable[[argparse.Namespace], str]] = {
        "advise": _advise,
        "report": _report,
        "calendar": _calendar,
    }
    return handlers[args.command](args)


def _as_of(args: argparse.Namespace) -> dt.date:
    given: dt.date | None = args.as_of
    return given or dt.datetime.now().astimezone().date()


def _advise(args: argparse.Namespace) -> str:
    from jsswhatif.core.advice import advise
    from jsswhatif.io.advice_output import advice_json, advice_text

    _, rules, contracts = _opened(args)
    advice = advise(contracts, rules, _as_of(args))
    return advice_json(advice) if args.json else advice_text(advice)


def _output(args: argparse.Namespace, suffix: str) -> Path:
    output: Path = args.output
    if output.suffix.lower() != suffix:
        raise BadInput(f"--output {output} must end in {suffix}")
    if output.resolve() == args.file.resolve():
        raise BadInput(f"--output {output} is the file to read")
    return output


def _report(args: argparse.Namespace) -> str:
    output = _output(args, ".pdf")
    document, rules, _ = _opened(args)
    from jsswhatif.app.report import write_report_offscreen

    pages = write_report_offscreen(document, rules, _as_of(args), output)
    return f"Wrote {output} ({pages} {'page' if pages == 1 else 'pages'}).\n"


def _calendar(args: argparse.Namespace) -> str:
    from jsswhatif.io.calendar_file import calendar_events, write_calendar

    output = _output(args, ".ics")
    document, rules, contracts = _opened(args)
    events = calendar_events(contracts, rules, _as_of(args))
    name = f"JSS: {document.title or args.file.stem}"
    stamp = dt.datetime.now(dt.UTC)
    try:
        write_calendar(output, events, name, stamp, str(args.file.resolve()))
    except OSError as exc:
        raise BadInput(f"{output}: cannot be written: {exc.strerror or exc}") from None
    return f"Wrote {output} ({len(events)} {'event' if len(events) == 1 else 'events'}).\n"
