"""The command line on a contracts CSV with payments: `score` and `timeline` use them.

The expected numbers are worked out by hand from the scoring model (sections 1, 5, 6, 8) under
`upwork-2024-09` at 2026-11-25:

- c1 (Acme): 2026-01-05 to 2026-10-31, paid 500 on 01-09 and 700 on 10-20: earnings 1200
  (weight 1.5); 299 days hold K1 = 3 complete 90-day periods, and only the first (from 01-05 to
  04-05) holds a payment: bonus 1, weight 2.5. Five stars: +1, dated 2026-10-31. (Written with
  earnings and last_paid instead, the regular-payment assumption gives a bonus of 3: 4.5.)
- c2 (Beta): 2026-03-01 to 2026-04-15, paid $400: weight 1.25, 45 days: no bonus; 4 stars: 0.
- c3 (Gamma): 2025-06-01 to 2025-09-30, paid 300 then refunded 50: earnings 250 (weight 1);
  121 days, one period, paid on 06-10 in it: bonus 1, weight 2; 2 stars: -1.

Windows at 2026-11-25: 6 months (from 2026-05-25) holds only c1: undefined (2 outcomes
needed). 12 months (from 2025-11-25): c1 and c2, 100 * 2.5 / 3.75 = 66.666667. 24 months:
all three, 100 * (2.5 - 2) / 5.75 = 8.695652. Best 66.666667, displayed 67.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run

CSV = """\
id,client,kind,start,end,earnings,last_paid,public,payments
c1,Acme,hourly,2026-01-05,2026-10-31,,,5,2026-10-20=700;2026-01-09=500
c2,Beta,fixed,2026-03-01,2026-04-15,,,4.0,"2026-04-15=$400.00"
c3,Gamma,fixed,2025-06-01,2025-09-30,$250,2025-06-10,2,2025-06-10=300; 2025-07-01=-50
"""


@pytest.fixture
def paid_csv(tmp_path: Path) -> Path:
    path = tmp_path / "paid.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_score_json_uses_the_payments(paid_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "score", str(paid_csv), "--as-of", "2026-11-25", "--json")
    assert (status, err) == (0, "")
    printed = json.loads(out)
    assert (printed["as_of"], printed["rules"]) == ("2026-11-25", "upwork-2024-09")
    assert (printed["displayed"], printed["best"]) == (67, 66.666667)
    assert printed["windows"] == {"6": None, "12": 66.666667, "24": 8.695652}
    rows = [(c["id"], c["value"], c["weight"], c["outcome_date"]) for c in printed["contracts"]]
    assert rows == [
        ("c1", 1, 2.5, "2026-10-31"),
        ("c2", 0, 1.25, "2026-04-15"),
        ("c3", -1, 2.0, "2025-09-30"),
    ]


def test_without_payments_the_regular_payment_assumption_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """c1 with earnings and last_paid instead: weight 4.5; 12 months 100 * 4.5 / 5.75."""
    path = tmp_path / "unpaid.csv"
    path.write_text(
        "id,client,start,end,earnings,last_paid,public\n"
        "c1,Acme,2026-01-05,2026-10-31,1200,2026-10-20,5\n"
        "c2,Beta,2026-03-01,2026-04-15,400,,4.0\n",
        encoding="utf-8",
    )
    status, out, _ = run(capsys, "score", str(path), "--as-of", "2026-11-25", "--json")
    printed = json.loads(out)
    assert (status, printed["displayed"], printed["windows"]["12"]) == (0, 78, 78.26087)
    assert printed["contracts"][0]["weight"] == 4.5


def test_score_text_and_timeline_csv(paid_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "score", str(paid_csv), "--as-of", "2026-11-25")
    assert (status, err) == (0, "")
    assert out.startswith("Estimated JSS under rule set upwork-2024-09 as of 2026-11-25: 67%\n")
    status, out, err = run(
        capsys, "timeline", str(paid_csv), "--from", "2026-11-24", "--to", "2026-11-25", "--csv"
    )
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "date,displayed,best,m3,m6,m12,m24,trending",
        "2026-11-24,67,66.666667,,,66.666667,8.695652,",
        "2026-11-25,67,66.666667,,,66.666667,8.695652,",
    ]


def test_a_bad_payment_is_one_line_with_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("client,start,payments\nAcme,2026-01-05,2026-01-09=$-5\n", encoding="utf-8")
    status, out, err = run(capsys, "score", str(path), "--as-of", "2026-11-25")
    assert (status, out) == (2, "")
    assert err == (
        f"jsswhatif: error: {path}: row 1, column 'payments': '2026-01-09=$-5' has amount '$-5',"
        " which is not an amount like 500, $1,250.50 or -100 (a refund) (contract 'c1')\n"
    )
