"""`jsswhatif advise`: the advisor's ranked actions as text and JSON (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run


def test_advise_json_on_the_bundled_sample(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interfaces.md contracts as of 2026-11-25 (90%): c2, open and long-term (+1, weight
    6.5 = 1.5 + 5 paid 90-day periods), is the only open contract.

    - wait: c3 (0, 1.25) leaves the 6-month window on 2026-12-29: c1 and c2 alone, 100%.
    - new jobs of the median $1,800 (of 1800, 6400, 450, 2000, 240), weight 1.5, ending
      2026-12-25: the 24-month window holds c1 2.5, c2 6.5, c3 0 (1.25), c4 2.5 and k jobs:
      100 * (13 + 1.5 (k - 1)) / (14.25 + 1.5 (k - 1)) = 91.23, 92.06, 92.75.
    - ending c2 with 5 stars keeps its +1 (6.5): 90%; without feedback it no longer counts:
      100 * 5 / 6.25 = 80%, which lowers the score.
    """
    status, out, err = run(capsys, "advise", str(sample), "--as-of", "2026-11-25", "--json")
    assert (status, err) == (0, "")
    printed = json.loads(out)
    assert list(printed) == ["as_of", "rules", "displayed", "actions"]
    assert (printed["as_of"], printed["rules"], printed["displayed"]) == (
        "2026-11-25",
        "upwork-2024-09",
        90,
    )
    keys = ["kind", "contract", "text", "date", "displayed_after", "top_rated_after"]
    assert all(list(action) == keys for action in printed["actions"])
    summary = [
        (a["kind"], a["contract"], a["date"], a["displayed_after"], a["top_rated_after"])
        for a in printed["actions"]
    ]
    assert summary == [
        ("wait", None, "2026-12-29", 100, False),
        ("new_jobs", None, "2026-12-25", 93, False),
        ("new_jobs", None, "2026-12-25", 92, False),
        ("new_jobs", None, "2026-12-25", 91, False),
        ("end_with_feedback", "c2", "2026-11-25", 90, False),
        ("end_without_feedback", "c2", "2026-11-25", 80, False),
    ]
    assert printed["actions"][1]["text"] == "Finish 3 new $1,800 jobs with 5 stars by 2026-12-25"


def test_advise_text_marks_what_lowers_the_score(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "advise", str(sample), "--as-of", "2026-11-25")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Under upwork-2024-09 as of 2026-11-25: now 90%."
    assert lines[2].split() == ["1.", "2026-12-29", "100%", "Wait", "until", "2026-12-29:",
                                "90%", "->", "100%,", "contract", "'Logo", "refresh'",
                                "(neutral,", "weight", "1.25)", "leaves", "the", "6-month",
                                "window"]  # fmt: skip
    assert lines[-1].endswith("End 'Ongoing backend support' without feedback today  (lowers "
                              "the score)")  # fmt: skip
    assert "(lowers" not in lines[-2]


def test_advise_names_top_rated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two positive $700 and $750 jobs since the spring: 100% every week, $1,450 in 12 months,
    first contract 324 days ago: ending the open $0 job keeps Top Rated."""
    path = tmp_path / "top.csv"
    path.write_text(
        "id,client,title,start,end,earnings,public\n"
        "a,Acme,A,2026-01-05,2026-03-01,700,5\n"
        "b,Beta,B,2026-02-01,2026-04-01,750,5\n"
        "c,Gamma,C,2026-11-01,,0,\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "advise", str(path), "--as-of", "2026-11-25")
    assert status == 0
    ended = [line for line in out.splitlines() if "End 'C' with 5 stars" in line]
    assert ended[0].split()[1:4] == ["2026-11-25", "100%", "Top"]


def test_advise_without_actions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("id,client,start\n", encoding="utf-8")
    status, out, _ = run(capsys, "advise", str(path), "--as-of", "2026-11-25")
    assert status == 0
    assert out == (
        "Under upwork-2024-09 as of 2026-11-25: now no JSS.\n"
        "No action to suggest: no open or recent contract, nothing earned.\n"
    )


def test_advise_rules_and_bad_input(sample: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "advise", str(sample), "--as-of", "2026-11-25", "--rules", "historical", "--json"
    )
    assert status == 0
    assert json.loads(out)["rules"] == "historical"
    status, out, err = run(capsys, "advise", str(sample), "--rules", "nope")
    assert (status, out) == (2, "")
    assert err.startswith("jsswhatif: error: unknown rule set 'nope' (choose from upwork-2015")
    status, _, err = run(capsys, "advise", str(sample), "--as-of", "2026-13-01")
    assert status == 2
    assert "argument --as-of" in err
    status, _, err = run(capsys, "advise", str(sample.with_name("missing.csv")))
    assert status == 2
    assert "missing.csv" in err


def test_advise_is_a_command_name_not_a_file(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``jsswhatif advise`` alone is the command missing its FILE, not a file to open."""
    status, _, err = run(capsys, "advise")
    assert status == 2
    assert "file" in err


def test_the_command_line_knows_every_command_of_cli_reports() -> None:
    from jsswhatif import cli, cli_reports

    assert cli._REPORTS == cli_reports.NAMES
