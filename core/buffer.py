"""A growable array: rows appended at the end, capacity doubled when full.

    buf = GrowingArray((n, 2))         # each row is an (n, 2) array
    buf.append(row)                    # one row
    buf.extend(rows)                   # k rows, shape (k, n, 2)
    buf.view()                         # the filled part, (len(buf), n, 2)

The race (its per-frame rows and the whole history the views slice) and the MNIST tab's
per-run curves all grow by appending. Doubling makes appending k rows O(k) amortised,
and a reader's `view()` is a slice of the storage, never a copy of the whole history.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class GrowingArray:
    """Rows of shape `row_shape` and type `dtype`, appended at the end.

    `row_shape=()` holds scalars (a 1-D array); `row_shape=None` takes the shape from the
    first rows given to `extend` (the MNIST tab learns a network's layer count from its
    first frame). Capacity starts at `capacity` rows and doubles whenever a row would not
    fit. `view()` is a view of the storage: valid until the next `append`/`extend` that
    grows it, and its rows are reused after `clear()`.
    """

    def __init__(self, row_shape: tuple[int, ...] | None = (), dtype: Any = np.float64,
                 capacity: int = 256) -> None:
        self.dtype = np.dtype(dtype)
        self.row_shape = None if row_shape is None else tuple(row_shape)
        self._capacity = max(int(capacity), 1)
        self._data: np.ndarray | None = None
        if self.row_shape is not None:
            self._data = np.empty((self._capacity, *self.row_shape), self.dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def capacity(self) -> int:
        """Rows that fit before the storage doubles."""
        return self._capacity if self._data is None else len(self._data)

    def _reserve(self, need: int) -> np.ndarray:
        """Storage for at least `need` rows, the filled ones kept (doubling)."""
        data = self._data
        assert data is not None
        cap = len(data)
        if need > cap:
            while cap < need:
                cap *= 2
            grown = np.empty((cap, *data.shape[1:]), data.dtype)
            grown[: self._n] = data[: self._n]
            self._data = data = grown
        return data

    def append(self, row: Any) -> None:
        """Add one row (assigned as numpy assigns: a scalar fills a whole row)."""
        if self._data is None:
            self.extend(np.asarray(row, self.dtype)[None])
            return
        n = self._n
        data = self._data if n < len(self._data) else self._reserve(n + 1)
        data[n] = row
        self._n = n + 1

    def extend(self, rows: Any) -> None:
        """Add the rows of `rows`, shape (k, *row_shape); k may be 0."""
        rows = np.asarray(rows, self.dtype)
        if self._data is None:  # the first rows fix the row shape
            self.row_shape = rows.shape[1:]
            self._data = np.empty((self._capacity, *self.row_shape), self.dtype)
        if rows.shape[1:] != self.row_shape:
            raise ValueError(f"rows of shape {rows.shape[1:]} do not fit rows of shape {self.row_shape}")
        k = len(rows)
        data = self._reserve(self._n + k)
        data[self._n : self._n + k] = rows
        self._n += k

    def view(self) -> np.ndarray:
        """The filled part, (len(self), *row_shape); empty (0,) before a shape is known."""
        if self._data is None:
            return np.empty(0, self.dtype)
        return self._data[: self._n]

    def clear(self) -> None:
        """Forget every row; the storage (and its capacity) is kept for reuse."""
        self._n = 0
