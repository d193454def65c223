"""The command line: exact formats of interfaces.md, and bad input as one line with status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jsswhatif.cli import main

from .conftest import run

# The contracts CSV printed in interfaces.md, shipped as the application's CSV sample.

# The expected output printed in interfaces.md, verbatim.
EXPECTED_JSON = {
    "as_of": "2026-11-25",
    "computed_on": "2026-11-25",
    "rules": "upwork-2024-09",
    "displayed": 90,
    "best": 90.196078,
    "windows": {"6": 87.804878, "12": 87.804878, "24": 90.196078},
    "trending": None,
    "contracts": [
        {"id": "c1", "status": "counted", "reason": "ended", "value": 1, "weight": 2.5,
         "outcome_date": "2026-07-15", "windows": [6, 12, 24], "impact": 2.3912},
        {"id": "c2", "status": "counted", "reason": "long_term_active", "value": 1, "weight": 6.5,
         "outcome_date": "2026-11-25", "windows": [6, 12, 24], "impact": 10.196078},
        {"id": "c3", "status": "counted", "reason": "ended", "value": 0, "weight": 1.25,
         "outcome_date": "2026-06-28", "windows": [6, 12, 24], "impact": -9.803922},
        {"id": "c4", "status": "counted", "reason": "ended", "value": 1, "weight": 2.5,
         "outcome_date": "2025-06-30", "windows": [24], "impact": 2.3912},
        {"id": "c5", "status": "excluded_no_feedback", "reason": None, "value": None,
         "weight": None, "outcome_date": None, "windows": [], "impact": 0.0},
    ],
    # Version 2. Saturdays 2026-08-08 .. 11-21: c2's long-term weight reaches 6.5 on
    # 2026-11-08 (463 days: K1 = 5), lifting the 24-month score from 100 * 10.5 / 11.75 =
    # 89.4 to 90.2: only the samples of 11-14 and 11-21 are at 90. Earnings in the 12 months
    # from 2025-11-25: c1 1,800 + c3 450 + c5 240 + c2 6,400 * 361 / 463 = 7,480.064795.
    # First start 2025-01-06: 688 days before.
    "top_rated": {"estimate": False, "weeks": 2, "earnings_12m": 7480.064795,
                  "first_start_days": 688, "plus": False},
}  # fmt: skip


def test_score_json_reproduces_interfaces_example(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`score --json` prints the exact object of interfaces.md, keys in that order."""
    status, out, err = run(capsys, "score", str(sample), "--as-of", "2026-11-25", "--json")
    assert (status, err) == (0, "")
    printed = json.loads(out)
    assert printed == EXPECTED_JSON
    assert list(printed) == list(EXPECTED_JSON)
    assert isinstance(printed["displayed"], int)
    assert isinstance(printed["contracts"][0]["value"], int)


def test_score_json_historical_names_the_preset(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Under historical an extra key names the preset used at u(t); trending adds window 3."""
    status, out, _ = run(
        capsys, "score", str(sample), "--as-of", "2024-08-31", "--rules", "historical", "--json"
    )
    printed = json.loads(out)
    assert status == 0
    # 2024-08-31 is under upwork-2023-12 (biweekly): it is 265 days after the anchor
    # 2023-12-10, and 14 * floor(265 / 14) = 252 days after the anchor is 2024-08-18.
    assert printed["preset"] == "upwork-2023-12"
    assert printed["computed_on"] == "2024-08-18"
    assert list(printed["windows"]) == ["3", "6", "12", "24"]


def test_score_text_explains_every_contract(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plain report gives the score, the rule set, and why each contract counts or not."""
    status, out, _ = run(capsys, "score", str(sample), "--as-of", "2026-11-25")
    assert status == 0
    assert "Estimated JSS under rule set upwork-2024-09 as of 2026-11-25: 90%" in out
    assert "24-month window: 90.196078% (4 outcomes, 4 clients)" in out
    assert "c5 'Bug fixes': Not counted: no feedback" in out
    assert "c4 'Data migration': Counted: ended, in the 24-month window, impact +2.39" in out
    assert "c1 'Landing page redesign': Counted: ended, in the 6-, 12- and 24-month windows" in out
    assert "ended without feedback" in out
    assert "long-term" in out
    # Version 2: the range in one line, Top Rated in one line (see EXPECTED_JSON).
    assert "\nRange: estimated 90%, between " in out
    assert (
        "\nTop Rated: not now: 2 of the last 16 weeks at 90% or more (needs 13) "
        "(Top Rated Plus: no).\n"
    ) in out


def test_timeline_csv_rows(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`timeline --csv`: header, one row per day inclusive, empty cells for unused windows."""
    status, out, _ = run(
        capsys, "timeline", str(sample), "--from", "2026-12-28", "--to", "2026-12-29", "--csv"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "date,displayed,best,m3,m6,m12,m24,trending"
    # 2026-12-28: as on the as-of date above (c2's weight is still 6.5 until 2027-02-06).
    assert lines[1] == "2026-12-28,90,90.196078,,87.804878,87.804878,90.196078,"
    # 2026-12-29: c3 (neutral, 1.25) has left the 6-month window: 100 * 9 / 9 = 100.
    assert lines[2] == "2026-12-29,100,100.0,,100.0,87.804878,90.196078,"
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["score", "{missing}"], "no-such.csv"),
        (["score", "{csv}", "--as-of", "2026-13-01"], "'2026-13-01' is not a real calendar day"),
        (["score", "{csv}", "--rules", "upwork-1999"], "unknown rule set 'upwork-1999'"),
        (["timeline", "{csv}", "--from", "2026-02-01", "--to", "2026-01-01"], "before --from"),
        (["timeline", "{csv}", "--from", "2026-01-01"], "--to"),
        (["score", "{bad}"], "row 1, column 'end'"),
        (["frobnicate"], "frobnicate"),
    ],
)
def test_bad_input_is_one_line_with_status_2(
    sample: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    """Bad input exits 2 with one line on stderr naming the problem, never a traceback."""
    bad = tmp_path / "bad.csv"
    bad.write_text("client,start,end\nAcme,2026-02-01,2026-01-01\n", encoding="utf-8")
    paths = {"csv": sample, "missing": tmp_path / "no-such.csv", "bad": bad}
    status, out, err = run(capsys, *(a.format(**paths) for a in argv))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("jsswhatif: error: ")
    assert words in err


def test_version_and_installed_command(sample: Path) -> None:
    """`python -m jsswhatif` works as a process: --version, and score on a CSV."""
    version = subprocess.run(
        [sys.executable, "-m", "jsswhatif", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert version.returncode == 0
    assert version.stdout.startswith("jsswhatif ")
    scored = subprocess.run(
        [sys.executable, "-m", "jsswhatif", "score", str(sample), "--as-of", "2026-11-25"],
        capture_output=True,
        check=False,
        text=True,
    )
    assert scored.returncode == 0, scored.stderr
    assert ": 90%" in scored.stdout


def test_score_json_rounds_an_impact_tie_away_from_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An impact of exactly 687/640 = 1.0734375 is printed 1.073438 (ties away from zero).

    The contracts of the core test ``test_impact_that_ends_in_a_six_decimal_tie_is_exact``.
    """
    rows = ["client,start,end,earnings,public"]
    groups = [(64, 100, 5), (3, 500, 5), (56, 100, 4), (1, 500, 4)]
    for group, (count, earnings, stars) in enumerate(groups):
        rows += [f"C{group}-{k},2026-09-01,2026-09-11,{earnings},{stars}" for k in range(count)]
    rows.append("Last,2026-02-01,2026-08-20,200,5")
    path = tmp_path / "tie.csv"
    path.write_text("\n".join(rows) + "\n")
    assert main(["score", str(path), "--as-of", "2026-11-25", "--json"]) == 0
    contracts = json.loads(capsys.readouterr().out)["contracts"]
    assert contracts[-1]["impact"] == 1.073438
