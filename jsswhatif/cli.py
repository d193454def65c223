"""The ``jsswhatif`` command: the desktop application, ``score``, ``timeline``, ``changes``,
``range``, ``calibrate`` and ``import``; ``advise``, ``report`` and ``calendar`` live in
:mod:`jsswhatif.cli_reports`.

Formats are those of interfaces.md. Bad input exits with status 2 and one line on standard
error naming the problem; a traceback is never the message. The command line, not the core,
reads today's date.

``jsswhatif FILE [FILE...]`` (what the desktop file runs, ``jsswhatif %F``) means ``jsswhatif
open FILE [FILE...]``: the application opens the first file, and standard error names the
others, not opened (one window holds one document). An argument that is a command's name is
that command; ``jsswhatif open score`` opens a file called ``score``.

Output that cannot be written (standard output closed, a full disk, ``/dev/full``) is one line
on standard error and status 1; a reader that went away (``jsswhatif timeline ... | head``)
ends the command quietly with status 1. Whatever else goes wrong is one line and status 1,
never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import errno
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from jsswhatif import __version__
from jsswhatif.core.contracts import Contract
from jsswhatif.core.document import Document
from jsswhatif.core.engine import evaluate
from jsswhatif.core.explain import explain_result, status_label
from jsswhatif.core.fields import FieldError, parse_date
from jsswhatif.core.insights import contract_impacts
from jsswhatif.core.rules import PRESETS, Rules
from jsswhatif.core.timeline import compute_timeline
from jsswhatif.core.top_rated import TopRatedEstimate
from jsswhatif.io.documents import DocumentFileError, is_document_path, read_any
from jsswhatif.io.errors import one_line, shown_path

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_BAD_INPUT = 2
#: Output that could not be written, or a failure that is no fault of the input.
EXIT_FAILED = 1
#: Interrupted by the user (Ctrl+C): 128 + SIGINT, as shells report it.
EXIT_INTERRUPTED = 130
MAX_JSS = 100


class BadInput(Exception):
    """A problem with what the user typed or gave, reported as one line."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise BadInput(message)

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """Print ``--help`` and ``--version``, letting a failed write be seen (argparse's own
        ignores it, and the text is lost without a word)."""
        if not message:
            return
        stream = file or sys.stderr
        if stream is None:
            raise OSError(errno.EBADF, "standard output is closed")
        stream.write(message)


def _date(text: str) -> dt.date:
    """A date as the contracts CSV writes it, within the domain (core.domain)."""
    try:
        day = parse_date(text)
    except FieldError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if day is None:
        raise argparse.ArgumentTypeError("a date YYYY-MM-DD is needed, not an empty text")
    return day


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
    opener = commands.add_parser(
        "open", help="start the desktop application on FILE (also: jsswhatif FILE)"
    )
    opener.add_argument("files", nargs="+", type=Path, metavar="FILE")
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
    changes = commands.add_parser(
        "changes", help="the changes of the displayed score between two dates, with causes"
    )
    changes.add_argument("file", type=Path, help="contracts CSV or saved document")
    changes.add_argument("--from", dest="first", type=_date, required=True)
    changes.add_argument("--to", dest="last", type=_date, required=True)
    changes.add_argument("--rules", help=rules_help)
    changes.add_argument("--json", action="store_true", help="print one JSON object")
    ranged = commands.add_parser(
        "range", help="the score under the rule set and each alternative reading of it"
    )
    ranged.add_argument("file", type=Path, help="contracts CSV or saved document")
    ranged.add_argument("--as-of", type=_date, help="YYYY-MM-DD (default: today)")
    ranged.add_argument("--rules", help=rules_help)
    ranged.add_argument("--json", action="store_true", help="print one JSON object")
    calibrate = commands.add_parser(
        "calibrate", help="which rule set best matches the JSS values you saw on Upwork"
    )
    calibrate.add_argument("file", type=Path, help="contracts CSV or saved document")
    calibrate.add_argument(
        "--observed",
        action="append",
        type=_observations,
        default=[],
        metavar="DATE=VALUE[,DATE=VALUE...]",
        help="a JSS seen on Upwork on a date (repeatable), besides the document's",
    )
    calibrate.add_argument("--top", type=_positive, help="keep the first N candidates")
    calibrate.add_argument("--json", action="store_true", help="print one JSON object")
    imported = commands.add_parser(
        "import", help="contracts from Upwork transaction history files, to a CSV or document"
    )
    imported.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imported.add_argument(
        "--output", type=Path, required=True, help="contracts CSV (.csv) or document (.jsswhatif)"
    )
    imported.add_argument(
        "--split-gap",
        type=_days,
        metavar="DAYS",
        help="a new contract where a client's payments pause for more than DAYS days",
    )
    from jsswhatif.cli_reports import add_parsers

    add_parsers(commands, rules_help, _date)
    return parser


def _observations(text: str) -> list[tuple[dt.date, int]]:
    found = []
    for entry in text.split(","):
        day, equals, value = entry.strip().partition("=")
        if not equals or not value.strip().isdigit() or not 0 <= int(value) <= MAX_JSS:
            raise argparse.ArgumentTypeError(
                f"{entry.strip()!r} is not DATE=VALUE with a JSS from 0 to 100"
            )
        found.append((_date(day.strip()), int(value)))
    return found


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days (0 or more)")
    return int(text)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 1 or more")
    return int(text)


def _opened(args: argparse.Namespace) -> tuple[Document, Rules, tuple[Contract, ...]]:
    """The document of ``args.file``, the rule set asked for, and the contracts to score.

    A ``--from``/``--to`` range is checked first: a reversed one is bad input.
    """
    first, last = getattr(args, "first", None), getattr(args, "last", None)
    if first is not None and last is not None and last < first:
        raise BadInput(f"--to {last} is before --from {first}")
    document = read_any(args.file)
    rules = _rules(document, getattr(args, "rules", None))
    return document, rules, document.contracts_for(document.active_scenario)


def _rules(document: Document, name: str | None) -> Rules:
    if name is not None and not name.strip():
        raise BadInput(
            "argument --rules: the rule set name is empty "
            "(leave --rules out for the document's own rule set)"
        )
    chosen = document.rules_name if name is None else name
    rules = document.rules_by_name(chosen)
    if rules is None:
        known = ", ".join([p.name for p in PRESETS] + ["historical"])
        custom = "".join(f", {r.name}" for r in document.rule_sets)
        raise BadInput(f"unknown rule set {chosen!r} (choose from {known}{custom})")
    return rules


def _score(args: argparse.Namespace) -> str:
    from jsswhatif.core.readings import score_range
    from jsswhatif.core.top_rated import top_rated
    from jsswhatif.io.exports import evaluation_json, round6

    document, rules, contracts = _opened(args)
    as_of = args.as_of or dt.datetime.now().astimezone().date()
    evaluation = evaluate(contracts, rules, as_of)
    impacts = contract_impacts(evaluation)
    estimate = top_rated(contracts, rules, as_of, document.large_contract)
    if args.json:
        seen = None
        if is_document_path(args.file):
            days = sorted(document.observations, key=lambda o: o.date)
            seen = [(o.date, o.value, evaluate(contracts, rules, o.date).displayed) for o in days]
        return evaluation_json(evaluation, impacts, estimate, seen)
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
    lines.append(f"Range: {score_range(contracts, rules, as_of).sentence}.")
    lines.append(_top_rated_line(estimate))
    lines.append("")
    for result, impact in zip(evaluation.results, impacts, strict=True):
        effect = "" if impact is None else f", impact {float(impact):+.2f} points"
        title = f" {result.contract.title!r}" if result.contract.title else ""
        held = "" if result.outcome is None else f", {_windows_words(result.windows)}"
        lines.append(f"{result.contract.id}{title}: {status_label(result)}{held}{effect}")
        lines.append(f"    {explain_result(result, rule_set, evaluation.computed_on)}")
    return "\n".join(lines) + "\n"


def _top_rated_line(estimate: TopRatedEstimate) -> str:
    """``Top Rated: likely (Plus: no)`` with the unmet criteria, in one line."""
    verdict = "likely" if estimate.eligible else "not now"
    unmet = [c.text for c in estimate.criteria if not c.met]
    plus = "likely" if estimate.plus else "no"
    why = f": {'; '.join(unmet)}" if unmet else ""
    return f"Top Rated: {verdict}{why} (Top Rated Plus: {plus})."


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

    _, rules, contracts = _opened(args)
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


def _changes(args: argparse.Namespace) -> str:
    from jsswhatif.core.forecast import changes_between
    from jsswhatif.io.advice_output import changes_json, changes_text

    _, rules, contracts = _opened(args)
    found = changes_between(contracts, rules, args.first, args.last)
    output = changes_json if args.json else changes_text
    return output(rules.name, args.first, args.last, found)


def _range(args: argparse.Namespace) -> str:
    from jsswhatif.core.readings import score_range
    from jsswhatif.io.advice_output import range_json, range_text

    _, rules, contracts = _opened(args)
    as_of = args.as_of or dt.datetime.now().astimezone().date()
    result = score_range(contracts, rules, as_of)
    return range_json(result) if args.json else range_text(result)


def _calibrate(args: argparse.Namespace) -> str:
    from jsswhatif.core.readings import calibrate
    from jsswhatif.io.advice_output import calibration_json, calibration_text

    document = read_any(args.file)
    observed = [(o.date, o.value) for o in document.observations]
    observed += [pair for given in args.observed for pair in given]
    if not observed:
        raise BadInput(
            "no observed JSS: give --observed DATE=VALUE, or record observations in the document"
        )
    seen: set[dt.date] = set()
    for day, _ in observed:
        if day in seen:
            raise BadInput(f"two observed values on {day}")
        seen.add(day)
    contracts = document.contracts_for(document.active_scenario)
    fits = calibrate(contracts, observed, document.rule_sets)
    if args.json:
        return calibration_json(observed, fits[: args.top])
    return calibration_text(observed, fits, args.top)


def _import(args: argparse.Namespace) -> str:
    from jsswhatif.io.contracts_csv import write_contracts_csv
    from jsswhatif.io.store import save_document
    from jsswhatif.io.upwork import read_transaction_history

    output: Path = args.output
    if output.suffix.lower() not in (".csv", ".jsswhatif"):
        raise BadInput(f"--output {output} must end in .csv (contracts CSV) or .jsswhatif")
    if any(output.resolve() == path.resolve() for path in args.files):
        raise BadInput(f"--output {output} is one of the files to read")
    found = read_transaction_history(args.files, args.split_gap)
    try:
        if is_document_path(output):
            save_document(output, Document(contracts=found.contracts))
        else:
            write_contracts_csv(output, found.contracts)
    except OSError as exc:
        raise BadInput(f"{output}: cannot be written: {exc.strerror or exc}") from None
    lines = [report.line() for report in found.reports]
    lines.append(found.summary)
    lines.append(
        f"Wrote {output}. Add each contract's end date and feedback from your profile's "
        "work history."
    )
    return "\n".join(lines) + "\n"


_COMMANDS = {
    "score": _score,
    "timeline": _timeline,
    "changes": _changes,
    "range": _range,
    "calibrate": _calibrate,
    "import": _import,
}
#: The commands of :mod:`jsswhatif.cli_reports` (cli_reports.NAMES), imported when they run.
_REPORTS = ("advise", "report", "calendar")


def _arguments(argv: Sequence[str] | None) -> list[str]:
    """The arguments, ``open`` put first when the first one is a file (``jsswhatif FILE``).

    A first argument is a file when it is no command's name and exists, or looks like a path
    (a folder separator or a suffix: ``jsswhatif missing.csv`` then says the file is missing);
    any other word stays a command, so that a misspelt one is named as such.
    """
    given = list(sys.argv[1:] if argv is None else argv)
    if given[:1] == ["--"]:  # jsswhatif -- -file-starting-with-a-dash
        return ["open", *given]
    if not given or given[0] in ("open", *_COMMANDS, *_REPORTS) or given[0].startswith("-"):
        return given
    first = Path(given[0])
    if os.sep in given[0] or "/" in given[0] or first.suffix or os.path.lexists(first):
        return ["open", *given]
    return given


def _openable(path: Path) -> Path:
    """``path``, checked to be a regular file before the application starts for it.

    Raises:
        BadInput: In the loaders' words: the file cannot be read, or is no regular file.
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise BadInput(f"{shown_path(path)}: cannot be read: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise BadInput(f"{shown_path(path)}: is not a regular file")
    return path


def _run(argv: Sequence[str] | None) -> int | str:
    """The exit status of a command that prints nothing, or the text a command prints."""
    try:
        args = _parser().parse_args(_arguments(argv))
    except SystemExit as done:  # --help or --version, printed already
        return done.code if isinstance(done.code, int) else EXIT_FAILED
    except OSError as exc:  # --help or --version could not be printed
        _output_failed(exc)
        return EXIT_FAILED
    if args.smoke_test is not None:
        from jsswhatif.app.launch import smoke_test

        return smoke_test(args.smoke_test)
    if args.command in (None, "open"):
        from jsswhatif.app.system_libraries import missing_libraries_message

        if missing := missing_libraries_message():  # before Qt aborts with a vaguer message
            _say(f"error: {missing}")
            return EXIT_FAILED
        from jsswhatif.app.launch import run

        files: list[Path] = getattr(args, "files", None) or []
        if len(files) > 1:
            others = ", ".join(shown_path(path) for path in files[1:])
            first = shown_path(files[0])
            _say(f"opening {first} only, one document per window (not opened: {others})")
        return run(_openable(files[0]) if files else None)
    if args.command in _REPORTS:
        from jsswhatif import cli_reports

        output: str = cli_reports.run(args)
    else:
        output = _COMMANDS[args.command](args)
    return output


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the process exit status.

    0 on success; :data:`EXIT_BAD_INPUT` (2) for bad input; :data:`EXIT_FAILED` (1) when the
    output cannot be written or anything else fails; :data:`EXIT_INTERRUPTED` on Ctrl+C. Every
    failure is one line on standard error, never a traceback.
    """
    try:
        done = _run(argv)
    except (BadInput, DocumentFileError) as problem:
        _say(f"error: {problem}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except MemoryError:
        _say("error: not enough memory")
        return EXIT_FAILED
    except Exception as exc:  # a bug of ours: one line, never a traceback
        _say(f"internal error: {type(exc).__name__}: {exc} (please report it)")
        return EXIT_FAILED
    if isinstance(done, int):
        return done if _flushed() else EXIT_FAILED
    return _write(done)


def _write(text: str) -> int:
    """Print ``text`` on standard output; 0, or :data:`EXIT_FAILED` when it cannot be written."""
    stream = sys.stdout
    if stream is None:  # started with standard output closed (jsswhatif ... >&-)
        _say("error: cannot write the output: standard output is closed")
        return EXIT_FAILED
    try:
        stream.write(text)
    except OSError as exc:  # a full buffer is written as it fills: the error may come here
        _output_failed(exc)
        return EXIT_FAILED
    return 0 if _flushed() else EXIT_FAILED


def _flushed() -> bool:
    """Flush standard output: True, or False once :func:`_output_failed` has said why."""
    stream = sys.stdout
    if stream is None:
        return True
    try:
        stream.flush()
    except OSError as exc:
        _output_failed(exc)
        return False
    return True


def _output_failed(error: OSError) -> None:
    """Say why the output could not be written (unless the reader went away), and point
    standard output at the null device, so that no later flush fails again (the interpreter
    flushes at exit, and would report it with a traceback-like message)."""
    if error.errno != errno.EPIPE:
        _say(f"error: cannot write the output: {error.strerror or error}")
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _say(message: str) -> None:
    """One line on standard error, if it can be written at all."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write(f"jsswhatif: {one_line(message)}\n")
            sys.stderr.flush()
