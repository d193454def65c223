"""Sorted distinct values of arrays, as ``np.unique`` gives them.

``np.unique`` asks whether its argument is a masked array, which imports ``numpy.ma`` at the
first call: 20-35 ms of the first computation of a cold start (issue 14), for a module the
program never uses.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import numpy.typing as npt

Item = TypeVar("Item", bound=np.generic)


def distinct(values: npt.NDArray[Item]) -> npt.NDArray[Item]:
    """The distinct values of ``values``, ascending: ``np.unique(values)``."""
    ordered = np.sort(values, axis=None)
    return ordered[_firsts(ordered)]


def distinct_inverse(
    values: npt.NDArray[Item],
) -> tuple[npt.NDArray[Item], npt.NDArray[np.intp]]:
    """``distinct(values)`` and, for each value, its position in them:
    ``np.unique(values, return_inverse=True)`` for a one-dimensional ``values``."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    firsts = _firsts(ordered)
    inverse = np.empty(values.size, dtype=np.intp)
    inverse[order] = np.cumsum(firsts) - 1
    return ordered[firsts], inverse


def _firsts(ordered: npt.NDArray[Item]) -> npt.NDArray[np.bool_]:
    """Where each run of equal values of the sorted ``ordered`` begins."""
    firsts = np.ones(ordered.size, dtype=np.bool_)
    np.not_equal(ordered[1:], ordered[:-1], out=firsts[1:])
    return firsts
