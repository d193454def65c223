"""The calendar export: coming changes as all-day iCalendar events (issue 11, deliverable 7)."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from pathlib import Path

import icalendar
import pytest

from jsswhatif.cli import main
from jsswhatif.core.rules import PRESETS_BY_NAME
from jsswhatif.core.top_rated_days import top_rated_changes
from jsswhatif.io.calendar_file import calendar_bytes, calendar_events, write_calendar
from jsswhatif.io.contracts_csv import read_contracts_csv

D = dt.date.fromisoformat
AS_OF = D("2026-11-25")
STAMP = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
SAMPLE = files("jsswhatif.resources") / "samples" / "freelancer-example.csv"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "contracts.csv"
    path.write_text(SAMPLE.read_text(), encoding="utf-8")
    return path


def _parsed(data: bytes) -> list[tuple[dt.date, str, str]]:
    calendar = icalendar.Calendar.from_ical(data)
    return [
        (event.decoded("dtstart"), str(event["summary"]), str(event["uid"]))
        for event in calendar.walk("VEVENT")
    ]


def test_events_of_the_interfaces_sample(sample: Path) -> None:
    """The score changes are those of tests/core/test_forecast.py; the window exits follow
    from the outcome dates (c3 2026-06-28, c1 2026-07-15, c4 2025-06-30: a date's exit from
    L months is the first day whose L-month start lies after it); c2, long-term and last paid
    2026-11-20, lapses 90 days later, on 2027-02-19."""
    contracts = read_contracts_csv(sample)
    rules = PRESETS_BY_NAME["upwork-2024-09"]
    events = calendar_events(contracts, rules, AS_OF)
    top = {(c.date, "Top Rated back" if c.eligible else "Top Rated likely lost")
           for c in top_rated_changes(contracts, rules, AS_OF)}  # fmt: skip
    without_top = [(e.date, e.summary) for e in events if not e.key.startswith("top-rated")]
    assert without_top == [
        (D("2026-12-29"), "JSS 90% -> 100%"),
        (D("2026-12-29"), "'Logo refresh' (neutral) leaves the 6-month window"),
        (D("2027-01-16"), "JSS 100% -> 90%"),
        (D("2027-01-16"), "'Landing page redesign' (positive) leaves the 6-month window"),
        (D("2027-02-06"), "JSS 90% -> 91%"),
        (D("2027-02-19"), "JSS 91% -> 80%"),
        (D("2027-02-19"), "Long-term 'Ongoing backend support' lapses"),
        (D("2027-06-29"), "'Logo refresh' (neutral) leaves the 12-month window"),
        (D("2027-07-01"), "JSS 80% -> 67%"),
        (D("2027-07-01"), "'Data migration' (positive) leaves the 24-month window"),
        (D("2027-07-16"), "'Landing page redesign' (positive) leaves the 12-month window"),
        (D("2028-06-29"), "JSS 67% -> no JSS"),
        (D("2028-06-29"), "'Logo refresh' (neutral) leaves the 24-month window"),
        (D("2028-07-16"), "'Landing page redesign' (positive) leaves the 24-month window"),
    ]
    assert {(e.date, e.summary) for e in events if e.key.startswith("top-rated")} == top
    # The 91% -> 80% lapse ends Top Rated that day: JSS 80% (needs 90%).
    assert (D("2027-02-19"), "Top Rated likely lost") in top
    first = events[0]
    assert first.description == (
        "Contract 'Logo refresh' (neutral, weight 1.25) leaves the 6-month window. "
        "Estimated under rule set upwork-2024-09 as of 2026-11-25."
    )


def test_the_file_parses_back_with_all_day_events(sample: Path) -> None:
    contracts = read_contracts_csv(sample)
    events = calendar_events(contracts, PRESETS_BY_NAME["upwork-2024-09"], AS_OF)
    data = calendar_bytes(events, "JSS: sample", STAMP, "/home/me/sample.csv")
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["x-wr-calname"]) == "JSS: sample"
    entries = list(calendar.walk("VEVENT"))
    assert len(entries) == len(events)
    first = entries[0]
    # All day: DATE values (no time), ending the next day, and free time.
    assert first.decoded("dtstart") == D("2026-12-29")
    assert first.decoded("dtend") == D("2026-12-30")
    assert type(first.decoded("dtstart")) is dt.date
    assert str(first["transp"]) == "TRANSPARENT"
    assert first.decoded("dtstamp") == STAMP
    assert str(first["description"]).startswith("Contract 'Logo refresh' (neutral")
    uids = [str(e["uid"]) for e in entries]
    assert len(set(uids)) == len(uids)


def test_uids_are_stable_across_exports_and_documents(sample: Path) -> None:
    """A later export names the same exits and lapses by the same UIDs (so a calendar updates
    them), though the dates move; another document's UIDs differ."""
    contracts = read_contracts_csv(sample)
    rules = PRESETS_BY_NAME["upwork-2024-09"]
    now = calendar_bytes(calendar_events(contracts, rules, AS_OF), "a", STAMP, "/a.csv")
    later = calendar_bytes(calendar_events(contracts, rules, D("2027-01-01")), "a", STAMP, "/a.csv")
    elsewhere = calendar_bytes(calendar_events(contracts, rules, AS_OF), "a", STAMP, "/b.csv")
    uid_now = {summary: uid for _, summary, uid in _parsed(now)}
    uid_later = {summary: uid for _, summary, uid in _parsed(later)}
    lapse = "Long-term 'Ongoing backend support' lapses"
    assert uid_now[lapse] == uid_later[lapse]
    assert uid_now[lapse].startswith("lapse-c2-")
    assert uid_now[lapse].endswith("@jsswhatif")
    exit_c1 = "'Landing page redesign' (positive) leaves the 6-month window"
    assert uid_now[exit_c1] == uid_later[exit_c1]
    assert "'Logo refresh' (neutral) leaves the 6-month window" not in uid_later  # it is past
    assert set(uid_now.values()).isdisjoint({uid for _, _, uid in _parsed(elsewhere)})


def test_write_calendar_and_the_command(sample: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    path = tmp_path / "out.ics"
    write_calendar(path, (), "empty", STAMP)
    assert list(icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")) == []
    ics = tmp_path / "jss.ics"
    status = main(["calendar", str(sample), "--as-of", "2026-11-25", "--output", str(ics)])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    events = _parsed(ics.read_bytes())
    assert out == f"Wrote {ics} ({len(events)} events).\n"
    assert events[0][:2] == (D("2026-12-29"), "JSS 90% -> 100%")
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    assert str(calendar["x-wr-calname"]) == "JSS: contracts"


def test_the_command_refuses_bad_outputs(sample: Path, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    status = main(["calendar", str(sample), "--output", str(tmp_path / "x.txt")])
    _, err = capsys.readouterr()
    assert status == 2
    assert err == f"jsswhatif: error: --output {tmp_path / 'x.txt'} must end in .ics\n"
    status = main(["calendar", str(sample), "--output", str(tmp_path / "no" / "x.ics")])
    _, err = capsys.readouterr()
    assert status == 2
    assert "cannot be written" in err
    status = main(["calendar", str(sample)])
    _, err = capsys.readouterr()
    assert status == 2
    assert "--output" in err
    same = tmp_path / "events.ics"
    status = main(["calendar", str(same), "--output", str(same)])
    _, err = capsys.readouterr()
    assert status == 2
    assert err == f"jsswhatif: error: --output {same} is the file to read\n"
