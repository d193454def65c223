"""Whatever the loaders accept computes everything (issue 13, item 4), at a modest count.

The generators and the checks are those of tests/fuzz_whole_path.py, the script that fuzzes
10,000 CSVs and 10,000 documents by hand; here hypothesis drives them a few dozen times per
run, and each accepted file goes through the command line and the application's computation.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jsswhatif.app.files.samples import bundled_samples
from jsswhatif.core.domain import FIRST_DATE, LAST_DATE
from jsswhatif.io.documents import read_any


def _script() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "fuzz_whole_path.py"
    spec = importlib.util.spec_from_file_location("fuzz_whole_path", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("fuzz_whole_path", module)
    spec.loader.exec_module(module)
    return module


FUZZ = _script()
as_of_dates = st.sampled_from([FIRST_DATE, LAST_DATE, dt.date(2026, 12, 1)]) | st.dates(
    min_value=FIRST_DATE, max_value=LAST_DATE
)
few = settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])


@few
@given(rng=st.randoms(use_true_random=False), as_of=as_of_dates)
def test_an_accepted_contracts_csv_computes_everything(
    rng: random.Random, as_of: dt.date, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("csv") / "contracts.csv"
    path.write_text(FUZZ.csv_text(rng), encoding="utf-8")
    FUZZ.check_file(path, as_of)


@few
@given(rng=st.randoms(use_true_random=False), as_of=as_of_dates)
def test_an_accepted_document_computes_everything(
    rng: random.Random, as_of: dt.date, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("document") / "fuzzed.jsswhatif"
    path.write_text(FUZZ.document_text(rng), encoding="utf-8")
    FUZZ.check_file(path, as_of)


def test_the_script_checks_seeds_and_counts_what_it_accepted() -> None:
    accepted, refused = FUZZ.run_seeds("csv", range(3))
    assert accepted + refused == 3
    assert FUZZ.main_script(["--csv", "2", "--documents", "2", "--jobs", "1"]) == 0


def test_the_application_computes_without_np_unique(monkeypatch: pytest.MonkeyPatch) -> None:
    """np.unique imports numpy.ma at its first call (20-35 ms of a cold start): the start and
    its look-ahead use ``core.arrays`` instead."""

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("np.unique called")

    monkeypatch.setattr(np, "unique", refused)
    for sample in bundled_samples():
        document = read_any(sample.path)
        FUZZ.application_paths(document, document.as_of or dt.date(2026, 12, 1))
