"""Packaging tests: the slow bundle build runs only when asked for with ``-m packaging``.

``pytest`` alone skips tests marked ``packaging`` (saying how to run them), so the everyday run
stays fast; ``pytest -m packaging`` runs them alone, as .ci/run does.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "packaging" in (config.getoption("markexpr", "") or ""):
        return
    skip = pytest.mark.skip(reason="builds the desktop bundle: run with pytest -m packaging")
    for item in items:
        if item.get_closest_marker("packaging") is not None:
            item.add_marker(skip)
