"""Everything a race has produced so far, in growable arrays the views slice.

The GUI's frame slot calls `append(frame)` and nothing else; views read slices
(`points[:n]`) when the redraw timer fires. Arrays grow by doubling, so appending a
frame of k rows costs O(k) amortised and plotting never copies the whole history.
States arrive once per frame (at its last row); `state_at(step)` returns the latest
one recorded at or before `step`, with the step it belongs to.
"""

from __future__ import annotations

import bisect
from typing import Any

import numpy as np

from gradlab.core.buffer import GrowingArray


class RaceHistory:
    """Rows 0..n-1 of a race with m optimizers (row i is step `steps[i]`)."""

    def __init__(self, m: int, minima: list[tuple[float, float]] | None = None,
                 capacity: int = 256) -> None:
        self.m = m
        # Distance to the nearest minimum is kept per row as rows arrive, so a long
        # race never recomputes it for the whole history at redraw time.
        self._minima = np.asarray(minima or [], dtype=np.float64).reshape(-1, 2)
        self.has_minima = len(self._minima) > 0
        self._rows = {
            "steps": GrowingArray((), np.int64, capacity),
            "points": GrowingArray((m, 2), np.float64, capacity),
            "losses": GrowingArray((m,), np.float64, capacity),
            "grads": GrowingArray((m, 2), np.float64, capacity),
            "updates": GrowingArray((m, 2), np.float64, capacity),
            "dists": GrowingArray((m,), np.float64, capacity),
        }
        self.diverged: list[int | None] = [None] * m
        self.overflowed: list[int | None] = [None] * m  # the step whose g² overflowed
        self._state_steps: list[int] = []
        self._states: list[list[dict[str, Any]]] = []
        self.done = False

    # Rows 0..n-1 of each quantity: views of the buffers, valid until the next append.
    @property
    def n(self) -> int:
        return len(self._rows["steps"])

    @property
    def steps(self) -> np.ndarray:
        return self._rows["steps"].view()

    @property
    def points(self) -> np.ndarray:
        return self._rows["points"].view()

    @property
    def losses(self) -> np.ndarray:
        return self._rows["losses"].view()

    @property
    def grads(self) -> np.ndarray:
        return self._rows["grads"].view()

    @property
    def updates(self) -> np.ndarray:
        return self._rows["updates"].view()

    @property
    def dists(self) -> np.ndarray:
        """Distance from each point to the nearest minimum (no rows without minima)."""
        return self._rows["dists"].view()

    def append(self, frame: Any) -> None:
        """Add a `RaceFrame`'s rows (a frame may have none: a final flush)."""
        k = len(frame.steps)
        if k:
            rows = self._rows
            rows["steps"].extend(frame.steps)
            rows["points"].extend(frame.points)
            rows["losses"].extend(frame.losses)
            rows["grads"].extend(frame.grads)
            rows["updates"].extend(frame.updates)
            if self.has_minima:
                d = frame.points[:, :, None, :] - self._minima[None, None, :, :]
                rows["dists"].extend(np.sqrt((d * d).sum(axis=-1)).min(axis=-1))
            self._state_steps.append(int(frame.steps[-1]))
            self._states.append(frame.states)
        self.diverged = list(frame.diverged)
        # A frame without the field (made by hand, in tests) keeps what was marked.
        self.overflowed = list(getattr(frame, "overflowed", None) or self.overflowed)
        self.done = bool(frame.done)

    @property
    def last_step(self) -> int:
        return int(self.steps[self.n - 1]) if self.n else -1

    def index_of(self, step: int) -> int:
        """Row index of `step` (rows are consecutive steps from steps[0])."""
        if not self.n:
            return -1
        return int(min(max(step - int(self.steps[0]), 0), self.n - 1))

    def state_at(self, step: int) -> tuple[int, list[dict[str, Any]]] | None:
        i = bisect.bisect_right(self._state_steps, step) - 1
        if i < 0:
            return None
        return self._state_steps[i], self._states[i]
