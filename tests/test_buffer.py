"""GrowingArray: rows kept in order through growth, views of the filled part, dtype, shapes."""

from __future__ import annotations

import numpy as np
import pytest

from gradlab.core.buffer import GrowingArray


def test_appended_rows_survive_every_doubling():
    buf = GrowingArray((3, 2), capacity=2)
    rows = np.arange(11 * 6, dtype=np.float64).reshape(11, 3, 2)
    capacities = []
    for row in rows:
        buf.append(row)
        capacities.append(buf.capacity)
    assert capacities == [2, 2, 4, 4, 8, 8, 8, 8, 16, 16, 16]
    assert len(buf) == 11 and buf.view().shape == (11, 3, 2)
    np.testing.assert_array_equal(buf.view(), rows)


def test_extend_grows_to_fit_a_large_batch_at_once():
    buf = GrowingArray((), capacity=4)
    buf.extend([1.0, 2.0, 3.0])
    buf.extend(np.arange(10.0))  # 13 rows: 4 -> 8 -> 16 in one call
    assert buf.capacity == 16
    np.testing.assert_array_equal(buf.view(), [1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    buf.extend(np.empty(0))  # an empty frame changes nothing
    assert len(buf) == 13


def test_view_is_the_storage_not_a_copy_until_it_grows():
    buf = GrowingArray((2,), capacity=4)
    buf.extend([[1.0, 2.0], [3.0, 4.0]])
    v = buf.view()
    v[-1] = np.nan  # a writer (the race marks diverged rows) changes the stored row
    assert np.isnan(buf.view()[1]).all()
    buf.append([5.0, 6.0])  # fits: the old view still shares the storage
    assert np.shares_memory(v, buf.view())
    buf.extend(np.zeros((3, 2)))  # grows: the old view keeps the old rows only
    assert not np.shares_memory(v, buf.view())
    np.testing.assert_array_equal(buf.view()[0], [1.0, 2.0])
    np.testing.assert_array_equal(buf.view()[2], [5.0, 6.0])


def test_dtype_is_kept_and_values_are_converted_to_it():
    ints = GrowingArray((), np.int64, capacity=1)
    ints.extend(np.array([3, 4], np.int32))
    ints.append(5)
    assert ints.view().dtype == np.int64 and ints.view().tolist() == [3, 4, 5]
    floats = GrowingArray()
    floats.extend(np.array([1, 2], np.int64))
    assert floats.view().dtype == np.float64 and floats.view().tolist() == [1.0, 2.0]
    assert GrowingArray((), np.int64).view().dtype == np.int64


def test_row_shape_taken_from_the_first_rows():
    buf = GrowingArray(None, capacity=2)
    assert len(buf) == 0 and buf.view().shape == (0,)
    buf.extend(np.ones((1, 3)))
    buf.extend(2 * np.ones((4, 3)))
    assert buf.row_shape == (3,) and buf.view().shape == (5, 3)
    assert buf.view()[:, 0].tolist() == [1.0, 2.0, 2.0, 2.0, 2.0]
    with pytest.raises(ValueError, match=r"\(2,\)"):
        buf.extend(np.ones((1, 2)))


def test_rows_of_the_wrong_shape_are_refused():
    buf = GrowingArray((2, 2))
    with pytest.raises(ValueError, match="shape"):
        buf.extend(np.ones((3, 2)))  # rows of (2,), not (2, 2)
    with pytest.raises(ValueError):
        buf.append(np.ones(3))  # numpy cannot broadcast (3,) into a (2, 2) row
    assert len(buf) == 0


def test_clear_forgets_rows_and_keeps_the_storage():
    buf = GrowingArray((), capacity=2)
    buf.extend(np.arange(5.0))
    cap = buf.capacity
    buf.clear()
    assert len(buf) == 0 and buf.view().shape == (0,) and buf.capacity == cap
    buf.append(7.0)
    assert buf.view().tolist() == [7.0]
