"""The real application in a subprocess, offscreen: it starts, paints and quits by timer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

RUN = (
    "import sys; from pathlib import Path; from jsswhatif.app.launch import run; "
    "sys.exit(run(Path(sys.argv[1]) if len(sys.argv) > 1 else None))"
)
SMOKE = (
    "import sys; from pathlib import Path; from jsswhatif.app.launch import smoke_test; "
    "sys.exit(smoke_test(Path(sys.argv[1])))"
)


def _python(
    code: str, *args: str, quit_after_ms: int | None = 1500
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if quit_after_ms is not None:
        env["JSSWHATIF_QUIT_AFTER_MS"] = str(quit_after_ms)
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("with_file", [True, False], ids=["contracts-csv", "bundled-sample"])
def test_application_starts_and_quits_by_timer(sample_csv: Path, with_file: bool) -> None:
    done = _python(RUN, *([str(sample_csv)] if with_file else []))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "Error" not in done.stderr


def test_a_bad_file_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("client,start\nAcme,2026-02-30\n", encoding="utf-8")
    done = _python(RUN, str(bad))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "bad.csv" in lines[0]
    assert "row 1" in lines[0]
    assert "start" in lines[0]


def test_smoke_test_exports_the_plot(tmp_path: Path) -> None:
    png = tmp_path / "plot.png"
    done = _python(SMOKE, str(png), quit_after_ms=None)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
