"""``distinct`` and ``distinct_inverse`` give what ``np.unique`` gives (without numpy.ma)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from jsswhatif.core.arrays import distinct, distinct_inverse

integers = hnp.arrays(
    np.int64,
    st.integers(0, 60),
    elements=st.integers(-(2**62), 2**62) | st.integers(-3, 3),  # many repeats, and extremes
)


def test_distinct_values_ascending() -> None:
    assert distinct(np.array([5, 1, 5, 3, 1], dtype=np.int64)).tolist() == [1, 3, 5]
    assert distinct(np.array([], dtype=np.int64)).tolist() == []


def test_each_value_knows_its_place_among_the_distinct_ones() -> None:
    values, places = distinct_inverse(np.array([7, 2, 7, 9, 2], dtype=np.int64))

    assert values.tolist() == [2, 7, 9]
    assert places.tolist() == [1, 0, 1, 2, 0]


@given(integers)
def test_distinct_is_np_unique(values: np.ndarray) -> None:
    found = distinct(values)

    assert found.dtype == values.dtype
    assert np.array_equal(found, np.unique(values))


@given(integers)
def test_distinct_inverse_is_np_unique_with_its_inverse(values: np.ndarray) -> None:
    found, places = distinct_inverse(values)
    expected, expected_places = np.unique(values, return_inverse=True)

    assert np.array_equal(found, expected)
    assert np.array_equal(places, expected_places.ravel())
    assert np.array_equal(found[places], values)
