"""The helper process: the look-ahead computed out of the main process (issue 14, item 3).

Its Python work then leaves the main process's interpreter lock to the edits. These tests
hold it to the answers computed in-process, also after an edit (only the edited contract is
sent), and check that it recovers when the helper dies and reports the job's errors.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from jsswhatif.app.helper import HELPER, HELPER_ARGUMENT, Helper, command, process_id, remote
from jsswhatif.app.window.insights import Insights, compute_insights
from jsswhatif.core.contracts import Contract, make_contract
from jsswhatif.core.rules import RuleSet

AS_OF = dt.date(2026, 11, 25)
SPAN = (dt.date(2025, 1, 1), dt.date(2027, 6, 30))


def _contracts() -> tuple[Contract, ...]:
    return tuple(
        make_contract(
            id=f"c{k}",
            client=f"Client {k % 4}",
            start=dt.date(2024, 1, 1) + dt.timedelta(days=23 * k),
            end=dt.date(2024, 3, 1) + dt.timedelta(days=23 * k),
            earnings=str(300 + 450 * k),
            public="5" if k % 5 else "3",
        )
        for k in range(20)
    )


def _same(a: Insights, b: Insights) -> None:
    assert (a.as_of, a.forecast, a.past, a.top_rated) == (b.as_of, b.forecast, b.past, b.top_rated)
    assert (a.top_rated_changes, a.score_range) == (b.top_rated_changes, b.score_range)
    assert np.array_equal(a.top_rated_days, b.top_rated_days)
    assert a.plus_days is not None
    assert b.plus_days is not None
    assert np.array_equal(a.plus_days, b.plus_days)
    assert a.range_band is not None
    assert b.range_band is not None
    assert np.array_equal(a.range_band.low, b.range_band.low, equal_nan=True)
    assert np.array_equal(a.range_band.high, b.range_band.high, equal_nan=True)


def test_the_look_ahead_job_runs_in_another_process() -> None:
    assert remote(partial(compute_insights, (), RuleSet(), AS_OF, None, SPAN))
    assert not remote(lambda: None)
    assert HELPER.run(partial(process_id)) != os.getpid()


def test_answers_equal_the_in_process_ones_also_after_an_edit() -> None:
    helper = Helper()
    try:
        contracts, rules = _contracts(), RuleSet()
        for version in range(3):
            job = partial(compute_insights, contracts, rules, AS_OF, None, SPAN)
            answer = helper.run(job)
            assert isinstance(answer, Insights)
            _same(answer, job())
            # Toggle one contract: the helper is sent that contract alone.
            k = 3 + version
            changed = contracts[k].model_copy(update={"excluded": not contracts[k].excluded})
            contracts = (*contracts[:k], changed, *contracts[k + 1 :])
    finally:
        helper.close()


def test_rows_added_and_deleted_are_sent_as_moves() -> None:
    helper = Helper()
    try:
        contracts, rules = _contracts(), RuleSet()
        added = contracts[0].model_copy(update={"id": "new", "client": "Client 9"})
        previous: tuple[Contract, ...] = ()
        for version in (
            contracts,
            contracts[:5] + contracts[6:],  # one deleted
            (added, *contracts[:5], *contracts[6:]),  # one added in front
            contracts[::-1],  # every row moved
        ):
            probe = Helper()
            probe._sent[0] = previous
            encoded = probe._encoded(0, version)
            assert isinstance(encoded, tuple)
            assert encoded[0] == ("remap" if previous else "value")
            previous = version
            job = partial(compute_insights, version, rules, AS_OF, None, SPAN)
            answer = helper.run(job)
            assert isinstance(answer, Insights)
            _same(answer, job())
    finally:
        helper.close()


def test_a_dead_helper_is_started_again() -> None:
    helper = Helper()
    try:
        first = helper.run(partial(process_id))
        assert helper._process is not None
        helper._process.kill()
        helper._process.wait()
        contracts = _contracts()
        job = partial(compute_insights, contracts, RuleSet(), AS_OF, None, SPAN)
        answer = helper.run(job)  # on a new helper, sent in full again
        assert isinstance(answer, Insights)
        _same(answer, job())
        assert helper.run(partial(process_id)) not in (first, os.getpid())
    finally:
        helper.close()


def test_an_error_in_the_helper_is_raised_to_the_caller() -> None:
    helper = Helper()
    try:
        backwards = (SPAN[1], SPAN[0])
        with pytest.raises(ValueError, match="before it starts"):
            helper.run(partial(compute_insights, _contracts(), RuleSet(), AS_OF, None, backwards))
        # It forgot what it held, and so did the caller: the next job is sent in full.
        job = partial(compute_insights, _contracts(), RuleSet(), AS_OF, None, SPAN)
        answer = helper.run(job)
        assert isinstance(answer, Insights)
        _same(answer, job())
    finally:
        helper.close()


def test_jobs_run_here_when_no_helper_can_start(monkeypatch: pytest.MonkeyPatch) -> None:
    helper = Helper()
    monkeypatch.setattr("jsswhatif.app.helper.sys.executable", "/nonexistent/python")
    try:
        for _ in range(4):  # the last ones no longer try to start one
            assert helper.run(partial(process_id)) == os.getpid()
        assert helper._failures == 3
    finally:
        helper.close()


def test_a_frozen_application_starts_itself_as_the_helper(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a bundle ``sys.executable`` is the application: it is started with the helper
    argument (``packaging/entry.py`` then serves; tests/packaging runs the real bundle so).
    Here a stand-in executable serves only when given that argument."""
    bundle = tmp_path / "jsswhatif"
    serve = "from jsswhatif.app.helper import serve; serve()"
    bundle.write_text(
        f'#!/bin/sh\n[ "$*" = "{HELPER_ARGUMENT}" ] && exec "{sys.executable}" -c "{serve}"\n'
        "exit 3\n"
    )
    bundle.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(bundle))
    assert command() == [str(bundle), HELPER_ARGUMENT]
    helper = Helper()
    try:
        assert helper.run(partial(process_id)) != os.getpid()
        assert helper._failures == 0
    finally:
        helper.close()
