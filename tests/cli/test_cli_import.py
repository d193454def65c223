"""``jsswhatif import``: Upwork's transaction history to a contracts CSV or a document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jsswhatif.cli import EXIT_BAD_INPUT
from jsswhatif.io.contracts_csv import read_contracts_csv
from jsswhatif.io.store import load_document

from .conftest import run

SAMPLE = Path(__file__).parents[2] / "resources" / "samples" / "upwork-transactions.csv"
HEADER = "Date,Transaction ID,Transaction Type,Transaction Summary,Team,Amount $,Current Balance $"


def history(folder: Path, name: str, *rows: str) -> Path:
    path = folder / name
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding="utf-8")
    return path


def test_the_sample_imports_to_a_contracts_csv_that_score_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "contracts.csv"
    status, out, err = run(capsys, "import", SAMPLE, "--output", output)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        f"{SAMPLE}: current layout (19 columns), UTF-8; 280 rows used; skipped 279 Service Fee, "
        "34 Withdrawal Fee, 34 Withdrawal, 14 Connects, 1 Service fee refund, 2 pending",
        "11 contracts of 10 clients from 280 payments in 1 file, 2024-01-15 to 2026-11-16, "
        "earnings $179,545.03.",
        f"Wrote {output}. Add each contract's end date and feedback from your profile's work "
        "history.",
    ]
    contracts = read_contracts_csv(output)
    assert [c.id for c in contracts] == [f"u{n}" for n in range(1, 12)]
    assert output.read_text(encoding="utf-8").splitlines()[0].endswith(",payments")
    status, out, err = run(capsys, "score", output, "--as-of", "2026-11-28", "--json")
    assert (status, err) == (0, "")
    scored = json.loads(out)
    assert [c["id"] for c in scored["contracts"]] == [c.id for c in contracts]
    assert scored["top_rated"]["earnings_12m"] > 0


def test_the_import_writes_a_document_by_its_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "mine.JSSWHATIF"
    status, _, err = run(capsys, "import", SAMPLE, "--output", output, "--split-gap", "60")
    assert (status, err) == (0, "")
    document = load_document(output)
    assert len(document.contracts) == 13
    status, out, _ = run(capsys, "score", output, "--as-of", "2026-11-28", "--json")
    assert status == 0
    assert len(json.loads(out)["contracts"]) == 13


def test_several_files_one_line_each_repeats_counted_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = history(tmp_path, "a.csv", '"Jan 5, 2026",1,Hourly,x,Acme,$100.00,$100.00')
    second = history(
        tmp_path,
        "b.csv",
        '"Jan 5, 2026",1,Hourly,x,Acme,$100.00,$100.00',
        '"Jan 12, 2026",2,Hourly,x,Acme,$200.00,$300.00',
        '"Jan 12, 2026",3,Adjustment,x,Acme,$1.00,$301.00',
    )
    output = tmp_path / "out.csv"
    status, out, _ = run(capsys, "import", first, second, "--output", output)
    assert status == 0
    assert out.splitlines()[:3] == [
        f"{first}: other layout, read by its column names, UTF-8; 1 row used",
        f"{second}: other layout, read by its column names, UTF-8; 1 row used; skipped "
        "1 Adjustment (unknown type), 1 repeated",
        "1 contract of 1 client from 2 payments in 2 files, 2026-01-05 to 2026-01-12, "
        "earnings $300.00. Rows of unknown types skipped: Adjustment (1).",
    ]
    (contract,) = read_contracts_csv(output)
    assert str(contract.earnings) == "300.00"


@pytest.mark.parametrize("existing", [False, True])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], existing: bool
) -> None:
    good = history(tmp_path, "a.csv", '"Jan 5, 2026",1,Hourly,x,Acme,$100.00,$100.00')
    bad = history(tmp_path, "b.csv", '"Jan 5, 2026",2,Hourly,x,Acme,$1OO.00,$100.00')
    output = tmp_path / "out.csv"
    if existing:
        output.write_text("kept\n", encoding="utf-8")
    status, out, err = run(capsys, "import", good, bad, "--output", output)
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert err == (
        f"jsswhatif: error: {bad}: row 1, column 'Amount $': '$1OO.00' is not an amount like "
        "500, -$4.13 or $1,250.50\n"
    )
    assert output.read_text(encoding="utf-8") == "kept\n" if existing else not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["a.csv", "b.csv", "home", *(["out.csv"] if existing else [])]
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--output", "out.txt"],
            "--output out.txt must end in .csv (contracts CSV) or .jsswhatif",
        ),
        (["--output", "h.csv"], "--output h.csv is one of the files to read"),
        (["--output", "no/such/folder/out.csv"], "no/such/folder/out.csv: cannot be written: "),
        (["--output", "out.csv", "--split-gap", "-1"], "argument --split-gap: '-1' is not a whole"),
        (["--output", "out.csv", "--split-gap", "2.5"], "argument --split-gap: '2.5' is not a"),
        ([], "the following arguments are required: --output"),
    ],
    ids=["extension", "overwrites input", "no folder", "negative gap", "fraction gap", "no output"],
)
def test_bad_arguments_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    history(tmp_path, "h.csv", '"Jan 5, 2026",1,Hourly,x,Acme,$100.00,$100.00')
    status, out, err = run(capsys, "import", "h.csv", *argv)
    assert (status, out) == (EXIT_BAD_INPUT, "")
    assert err.startswith(f"jsswhatif: error: {message}")
    assert err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["h.csv", "home"]


def test_import_is_a_command_of_the_installed_program_without_qt(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    code = (
        "import sys; sys.modules['PySide6'] = None; from jsswhatif.cli import main; "
        f"sys.exit(main(['import', {str(SAMPLE)!r}, '--output', {str(output)!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert len(read_contracts_csv(output)) == 11
