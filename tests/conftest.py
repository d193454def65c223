"""Suite-wide settings: hypothesis profiles and a sandboxed home for every test.

``default`` keeps local runs quick; ``ci`` (chosen when the environment has ``CI`` set, as
``.ci/run`` does) runs 150 examples with no deadline, since CI machines are slower and shared,
and prints the blob that reproduces a failure. On a 2-core machine the whole suite takes about
2.5 minutes under ``ci`` with coverage, the slowest property (timeline against the engine)
about 40 s. The header of every run names the profile in use.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_report_header() -> str:
    """Name the hypothesis profile in the run's header, so a CI log shows ``ci`` was used."""
    return f"hypothesis profile: {settings.get_current_profile_name()}"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the XDG folders and HOME at a temporary folder: no test touches the real home."""
    home = tmp_path / "home"
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(home))


#: ``python_calls(run)``: ``run()`` and how many Python calls it took (see the fixture).
PythonCalls = Callable[[Callable[[], Any]], tuple[Any, int]]


@pytest.fixture
def python_calls() -> PythonCalls:
    """``run()`` and how many Python function calls (and generator steps) it took: a bound a
    row holds an edit of thousands of rows to one pass, without timing anything."""

    def counted(run: Callable[[], Any]) -> tuple[Any, int]:
        count = 0

        def profile(frame: FrameType, event: str, arg: object) -> None:
            nonlocal count
            count += event == "call"

        before = sys.getprofile()
        sys.setprofile(profile)
        try:
            result = run()
        finally:
            sys.setprofile(before)
        return result, count

    return counted
