"""What the command line's tests share: the interfaces.md contracts CSV on disk, and a run."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from jsswhatif.cli import main

#: The contracts CSV of interfaces.md, shipped as the application's CSV sample.
SAMPLE_CSV = (files("jsswhatif.resources") / "samples" / "freelancer-example.csv").read_text()


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The interfaces.md contracts CSV on disk."""
    path = tmp_path / "contracts.csv"
    path.write_text(SAMPLE_CSV, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the command line in-process; returns (status, stdout, stderr)."""
    status = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return status, out, err
