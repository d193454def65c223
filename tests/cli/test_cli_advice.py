"""`changes`, `range` and `calibrate`: the version 2 commands of interfaces.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run

# A ends on 2026-11-24 (5 stars); B (4.0 stars, neutral) and C (4.6) ended 2026-06-01; $100
# each: every weight is 1 (tests/core/test_readings.py works the numbers out).
STORY_CSV = """id,client,start,end,earnings,public
A,Acme,2026-11-01,2026-11-24,100,5
B,Beta,2026-05-01,2026-06-01,100,4.0
C,Gamma,2026-05-01,2026-06-01,100,4.6
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.csv"
    path.write_text(STORY_CSV, encoding="utf-8")
    return path


def test_changes_between_two_dates_as_json(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The interfaces.md sample from 2026-11-25 to 2027-02-20 (worked out in test_forecast)."""
    status, out, err = run(
        capsys, "changes", str(sample), "--from", "2026-11-25", "--to", "2027-02-20", "--json"
    )
    assert (status, err) == (0, "")
    printed = json.loads(out)
    assert list(printed) == ["rules", "from", "to", "changes"]
    assert (printed["rules"], printed["from"], printed["to"]) == (
        "upwork-2024-09",
        "2026-11-25",
        "2027-02-20",
    )
    summary = [
        (c["date"], c["before"], c["after"], [(x["kind"], x["contract"]) for x in c["causes"]])
        for c in printed["changes"]
    ]
    assert summary == [
        ("2026-12-29", 90, 100, [("window_exit", "c3")]),
        ("2027-01-16", 100, 90, [("window_exit", "c1")]),
        ("2027-02-06", 90, 91, [("payment", "c2")]),
        ("2027-02-19", 91, 80, [("long_term_lapse", "c2")]),
    ]
    assert printed["changes"][0]["causes"][0]["text"] == (
        "contract 'Logo refresh' (neutral, weight 1.25) leaves the 6-month window"
    )


def test_changes_as_text_and_between_equal_dates(
    sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "changes", str(sample), "--from", "2026-11-25", "--to", "2027-01-01"
    )
    assert status == 0
    assert out == (
        "2026-12-29: 90% -> 100%, contract 'Logo refresh' (neutral, weight 1.25) leaves the "
        "6-month window\n"
    )
    status, out, _ = run(
        capsys, "changes", str(sample), "--from", "2026-11-25", "--to", "2026-11-25"
    )
    assert (status, out) == (
        0,
        "No change of the displayed score from 2026-11-25 to 2026-11-25 under upwork-2024-09.\n",
    )


def test_range_as_json(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "range", str(story), "--as-of", "2026-11-25", "--json")
    assert (status, err) == (0, "")
    printed = json.loads(out)
    assert list(printed) == [
        "as_of",
        "rules",
        "displayed",
        "low",
        "high",
        "most_sensitive",
        "readings",
    ]
    assert (printed["displayed"], printed["low"], printed["high"]) == (67, 33, 100)
    assert printed["most_sensitive"] == ["upwork-2024-09 + public_positive_min=4.8"]
    assert printed["readings"][0] == {
        "name": "upwork-2024-09 + cadence=biweekly",
        "parameter": "cadence",
        "value": "biweekly",
        "displayed": 50,
    }
    assert [r["value"] for r in printed["readings"] if r["parameter"] == "trending"] == ["on"]
    assert len(printed["readings"]) == 19


def test_range_as_a_sentence(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "range", str(story), "--as-of", "2026-11-25")
    assert status == 0
    assert out.splitlines()[0] == (
        "Under upwork-2024-09 as of 2026-11-25: estimated 67%, between 33% and 100% under other "
        "readings of Upwork's rules; the star rating that counts as positive matters most."
    )


def test_calibrate_as_json(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(
        capsys, "calibrate", str(story), "--observed", "2026-11-25=50,2026-11-23=50", "--top", "2",
        "--json",
    )  # fmt: skip
    assert (status, err) == (0, "")
    assert json.loads(out) == {
        "observations": [
            {"date": "2026-11-23", "observed": 50},
            {"date": "2026-11-25", "observed": 50},
        ],
        "candidates": [
            {"name": "upwork-2023-12", "matches": 2, "mean_error": 0.0, "no_jss": 0,
             "values": [50, 50]},
            {"name": "upwork-2023-12 + public_neutral_min=3.0", "matches": 2, "mean_error": 0.0,
             "no_jss": 0, "values": [50, 50]},
        ],
    }  # fmt: skip


def test_calibrate_as_a_sentence(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "calibrate",
        str(story),
        "--observed",
        "2026-11-23=50",
        "--observed",
        "2026-11-25=50",
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "Of 2 observed values, upwork-2023-12 matches 2."
    assert lines[1].startswith("With fewer than 3 observations the ranking is weak")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["changes", "{f}", "--from", "2026-02-01", "--to", "2026-01-01"], "is before --from"),
        (["calibrate", "{f}"], "no observed JSS"),
        (["calibrate", "{f}", "--observed", "2026-01-01=101"], "JSS from 0 to 100"),
        (["calibrate", "{f}", "--observed", "2026-01-01=9,2026-01-01=9"], "two observed values"),
        (["calibrate", "{f}", "--observed", "2026-01-01=9", "--top", "0"], "1 or more"),
        (["range", "{f}", "--rules", "nope"], "unknown rule set 'nope'"),
    ],
)
def test_bad_input_is_one_line_with_status_2(
    sample: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *[a.replace("{f}", str(sample)) for a in argv])
    assert (status, out) == (2, "")
    assert err.count("\n") == 1
    assert message in err
