"""The command line never prints a traceback (issue 13, items 4 and 5).

Bad input is one line on standard error and status 2; output that cannot be written is one
line and status 1; a reader that went away ends the command quietly; a bug of ours is one
line and status 1. Files outside the domain (core.domain), a FIFO, ``/dev/zero``, a name with a
newline, an empty ``--rules``: each is refused in one line.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from jsswhatif import cli
from jsswhatif.cli import main

CSV = (
    "id,client,kind,start,end,earnings,public,private\n"
    "c1,Acme,fixed,2026-01-05,2026-02-05,500,5,10\n"
    "c2,Beta,fixed,2026-03-02,2026-04-03,800,5,10\n"
)
#: The command line as a process, so that its standard streams can be closed or full.
PROGRAM = [sys.executable, "-c", "import sys; from jsswhatif.cli import main; sys.exit(main())"]
AFTER = (
    "is after 2199-12-31, the latest date jsswhatif handles (if it means 'no end', leave end empty)"
)


@pytest.fixture
def csv_file(tmp_path: Path) -> Path:
    path = tmp_path / "contracts.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def one_line_error(capsys: pytest.CaptureFixture[str], status: int, expected: int = 2) -> str:
    out, err = capsys.readouterr()
    assert status == expected
    assert out == ""
    assert err.startswith("jsswhatif: ")
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def _process(*args: str, stdout: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*PROGRAM, *args], stdout=stdout, stderr=subprocess.PIPE, timeout=60, check=False
    )


# -- dates and files outside the domain (item 4), as the command line meets them -----------------


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["score", "{csv}", "--as-of", "0002-06-30"], "argument --as-of: '0002-06-30' is before"),
        (["range", "{csv}", "--as-of", "9999-12-31"], f"argument --as-of: '9999-12-31' {AFTER}"),
        (["timeline", "{csv}", "--from", "0001-01-01", "--to", "2026-01-01"], "--from: "),
        (["changes", "{csv}", "--from", "2026-01-01", "--to", "2200-01-01"], "--to: "),
        (["calibrate", "{csv}", "--observed", "1989-12-31=90"], "is before 1990-01-01"),
    ],
)
def test_a_date_outside_the_domain_is_bad_input(
    csv_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """``--as-of 0002-06-30`` printed a traceback (year 0 is out of range)."""
    status = main([arg.replace("{csv}", str(csv_file)) for arg in argv])
    assert words in one_line_error(capsys, status)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("client,start,end\nAcme,2026-01-05,9999-12-31\n", f"column 'end': '9999-12-31' {AFTER}"),
        ("client,start\nAcme,9999-12-01\n", f"column 'start': '9999-12-01' {AFTER}"),
        ("client,start\nAcme,0001-01-01\n", "'0001-01-01' is before 1990-01-01"),
        (f"client,start,earnings\nAcme,2026-01-05,{'9' * 400}\n", "must be less than"),
    ],
)
def test_a_csv_outside_the_domain_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    """These files loaded, then every computation crashed (window exits past year 9999)."""
    path = tmp_path / "far.csv"
    path.write_text(content, encoding="utf-8")
    assert words in one_line_error(capsys, main(["score", str(path), "--as-of", "2026-06-01"]))


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"as_of": "9999-01-01"}, "field 'as_of': is after 2199-12-31"),
        ({"as_of": "0001-01-01"}, "field 'as_of': is before 1990-01-01"),
        ({"rule_sets": [{"name": "wide", "windows": [120000]}]}, "1 to 120 months"),
        ({"rule_sets": [{"name": "x", "inactive_after_days": 10**12}]}, "less than or equal"),
        ({"rule_sets": [{"name": "x", "long_term_min_days": 10**12}]}, "less than or equal"),
        ({"rule_sets": [{"name": "x", "long_term_payment_gap_days": 10**12}]}, "less than"),
        ({"rule_sets": [{"name": "x", "length_bonus_days": 10**9}]}, "less than or equal"),
    ],
)
def test_a_document_outside_the_domain_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fields: dict[str, object], words: str
) -> None:
    """``jsswhatif score`` exited 0 on the as-of of 9999 and ``open`` crashed; the others
    crashed every computation, or (length_bonus_days) took 66 s and 15.7 GB."""
    path = tmp_path / "far.jsswhatif"
    path.write_text(json.dumps({"format": "jsswhatif", "version": 2, **fields}), "utf-8")
    assert words in one_line_error(capsys, main(["score", str(path), "--as-of", "2026-06-01"]))


# -- files that are no files (item 5) ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.jsswhatif"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, name: str) -> None:
    """Reading a FIFO hung the command line until something wrote to it."""
    pipe = tmp_path / name
    os.mkfifo(pipe)
    done = _process("score", str(pipe), stdout=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.decode() == f"jsswhatif: error: {pipe}: is not a regular file\n"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_refused_unread(capsys: pytest.CaptureFixture[str]) -> None:
    """``/dev/zero`` was read until the memory ran out (MemoryError, a traceback)."""
    err = one_line_error(capsys, main(["score", "/dev/zero"]))
    assert err == "jsswhatif: error: /dev/zero: is not a regular file\n"


def test_a_file_name_with_a_newline_stays_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two\nlines.csv"
    path.write_text("client,start\nAcme,2026-02-30\n", encoding="utf-8")
    err = one_line_error(capsys, main(["score", str(path)]))
    assert f"{tmp_path}/two\\nlines.csv: row 1, column 'start'" in err
    err = one_line_error(capsys, main(["score", str(tmp_path / "missing\n.jsswhatif")]))
    assert "missing\\n.jsswhatif: cannot be read" in err


def test_an_empty_rule_set_name_is_refused_not_taken_for_the_default(
    csv_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--rules ""`` silently meant the document's rule set."""
    err = one_line_error(capsys, main(["score", str(csv_file), "--rules", ""]))
    assert "argument --rules: the rule set name is empty" in err
    err = one_line_error(capsys, main(["range", str(csv_file), "--rules", "  "]))
    assert "the rule set name is empty" in err


# -- standard output that cannot be written (item 5) ---------------------------------------------


def test_closed_standard_output_is_one_line_and_status_1(csv_file: Path) -> None:
    """``jsswhatif score FILE >&-``: Python starts with no sys.stdout at all."""
    done = subprocess.run(
        ["bash", "-c", 'exec "$@" >&-', "-", *PROGRAM, "score", str(csv_file)],
        stderr=subprocess.PIPE,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    err = done.stderr.decode()
    assert err == "jsswhatif: error: cannot write the output: standard output is closed\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("argv", [["score", "{csv}", "--json"], ["--help"], ["--version"]])
def test_a_full_disk_is_one_line_and_status_1(csv_file: Path, argv: list[str]) -> None:
    """Writing to /dev/full failed at exit, with Python's 'Exception ignored' report."""
    with Path("/dev/full").open("wb") as full:
        done = _process(*[arg.replace("{csv}", str(csv_file)) for arg in argv], stdout=full)
    assert done.returncode == 1
    err = done.stderr.decode()
    assert err == "jsswhatif: error: cannot write the output: No space left on device\n"


def test_a_reader_that_went_away_ends_the_command_quietly(csv_file: Path) -> None:
    """``jsswhatif timeline ... | head -1``: a broken pipe is not worth a message."""
    command = [*PROGRAM, "timeline", str(csv_file), "--from", "2026-01-01", "--to", "2026-12-31"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.close()  # the reader is gone before the command writes
        err = process.stderr.read()
        status = process.wait(timeout=60)
    assert (status, err) == (1, b"")


# -- whatever else goes wrong (item 5) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "status", "words"),
    [
        (RuntimeError("boom\nagain"), 1, "jsswhatif: internal error: RuntimeError: boom\\nagain"),
        (MemoryError(), 1, "jsswhatif: error: not enough memory\n"),
        (KeyboardInterrupt(), 130, ""),
    ],
)
def test_an_unexpected_failure_is_one_line_never_a_traceback(
    csv_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    status: int,
    words: str,
) -> None:
    def fail(*_: object) -> str:
        raise error

    monkeypatch.setitem(cli._COMMANDS, "score", fail)
    assert main(["score", str(csv_file)]) == status
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(words)
    assert err.count("\n") == (1 if words else 0)
    assert "Traceback" not in err


# -- the same, in process: each way the output can fail ---------------------------------------


class _Failing(io.StringIO):
    """A standard output whose write or flush fails with ``error``."""

    def __init__(self, error: OSError, on: str) -> None:
        super().__init__()
        self.error, self.on = error, on

    def write(self, text: str) -> int:
        if self.on == "write":
            raise self.error
        return super().write(text)

    def flush(self) -> None:
        if self.on == "flush":
            raise self.error

    def fileno(self) -> int:
        raise io.UnsupportedOperation("no file descriptor")  # not redirected to the null device


@pytest.mark.parametrize("on", ["write", "flush"])
@pytest.mark.parametrize(
    ("error", "said"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
        (BrokenPipeError(errno.EPIPE, "Broken pipe"), None),
    ],
)
@pytest.mark.parametrize("argv", [["score", "{csv}"], ["--version"], ["score", "--help"]])
def test_output_that_cannot_be_written_is_one_line_or_silence_for_a_closed_pipe(
    csv_file: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    on: str,
    error: OSError,
    said: str | None,
    argv: list[str],
) -> None:
    monkeypatch.setattr(sys, "stdout", _Failing(error, on))
    status = main([arg.replace("{csv}", str(csv_file)) for arg in argv])
    assert status == 1
    err = capsys.readouterr().err
    assert err == ("" if said is None else f"jsswhatif: error: cannot write the output: {said}\n")


def test_without_standard_output_help_goes_to_standard_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, csv_file: Path
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert main(["--version"]) == 0
    assert capsys.readouterr().err.startswith("jsswhatif ")
    assert main(["score", str(csv_file)]) == 1
    assert capsys.readouterr().err == (
        "jsswhatif: error: cannot write the output: standard output is closed\n"
    )


def test_with_neither_output_nor_error_stream_nothing_is_printed_and_nothing_raised(
    monkeypatch: pytest.MonkeyPatch, csv_file: Path
) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--version"]) == 1
    assert main(["score", str(csv_file)]) == 1
    assert main(["score", str(csv_file), "--as-of", ""]) == 2


def test_an_empty_date_is_bad_input(csv_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = one_line_error(capsys, main(["score", str(csv_file), "--as-of", " "]))
    assert "argument --as-of: a date YYYY-MM-DD is needed, not an empty text" in err
