"""The optimizer race: several optimizers step from one start on one surface.

`Race` is a plain-data generator (no Qt): the GUI runs `frames` in a worker thread,
tests and `gradlab race` run it in-process.

Row t of the race, for each optimizer, holds
    points[t]  = θ_t                 (θ_0 = start)
    losses[t]  = f(θ_t)
    grads[t]   = ∇f(θ_t)
    updates[t] = u_t, the step the optimizer takes from θ_t: θ_{t+1} = θ_t + u_t.
u_t is computed eagerly (as soon as θ_t is known), so the last row of every frame
already carries the next step: the GUI can draw the gradient and the update arrows at
each head. A frame's `states` are each optimizer's state *after* t steps (`step == t`,
torch's convention for its buffers), the state that produced θ_t.

Divergence: an optimizer whose point or loss is not finite at step t, or whose |x| or
|y| exceeds `DIVERGENCE_SPAN` times the larger side of the surface's bounds (overflow is
on its way, and nothing that far out teaches anything), is marked diverged at t. Its rows
are NaN from t on and it takes no more steps; the others go on.

Overflow: an adaptive optimizer squares the gradient (Adam's v, RMSprop's and Adagrad's
running g²). Where |g| > 1.3e154, g² is inf, v is inf, and the update m / (√v + ε) is 0:
the point stalls where it is, its loss finite, and nothing looks wrong. torch.optim does
exactly the same, and so does GradLab (the numbers stay the same), but it says so: a
racer whose state turns non-finite at row t while its point, loss and update are finite
is marked `overflowed[i] = t` ("g² overflowed at step t": the gradient of row t is the
one whose square overflowed). It is not stopped; the marker stays.

Speed: every step evaluates the surface's value and gradient once for all optimizers
(one (n,) call each), writes rows into buffers reused between frames, and copies rows out
only when a frame is yielded.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Sequence

import numpy as np

from gradlab.core.buffer import GrowingArray

# |x| or |y| beyond this many spans of the bounds counts as diverged (see module doc).
DIVERGENCE_SPAN = 1e6
# States are checked for overflow only after a gradient entry beyond this: g² overflows
# at 1.3e154, and a running sum of g² (Adagrad) within 10⁶ steps only from 1.3e151 on.
OVERFLOW_WATCH = 1e150


@dataclass(frozen=True)
class RaceFrame:
    """Rows of a race for k steps and n optimizers; every array is a copy the receiver owns.

    steps (k,) int, points (k, n, 2), losses (k, n), grads (k, n, 2), updates (k, n, 2);
    `states[i]` maps optimizer i's state fields to values at the last row (`step` an int,
    arrays copied); `diverged[i]` is the step where optimizer i diverged, or None;
    `done` is True when the race reached its target step or every optimizer diverged
    (False when a stop request cut it short); `overflowed[i]` is the step whose gradient's
    square overflowed optimizer i's state (see the module doc), or None.
    """

    steps: np.ndarray
    points: np.ndarray
    losses: np.ndarray
    grads: np.ndarray
    updates: np.ndarray
    states: list[dict[str, Any]]
    diverged: list[int | None]
    done: bool
    overflowed: list[int | None] = field(default_factory=list)


def default_labels(names: Sequence[str]) -> list[str]:
    """Names made unique: the second "adam" becomes "adam #2"."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return out


def divergence_limit(bounds: Sequence[float]) -> float:
    """The |x| or |y| beyond which a point counts as diverged."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    span = max(xmax - xmin, ymax - ymin, 1e-12)
    # Bounds far from the origin must not count as divergence: measure from them.
    return max(abs(xmin), abs(xmax), abs(ymin), abs(ymax)) + DIVERGENCE_SPAN * span


def state_dict(state: Any) -> dict[str, Any]:
    """A NamedTuple state as {field: value}: ints and floats as such, arrays copied."""
    out: dict[str, Any] = {}
    for name, value in zip(state._fields, state):
        if isinstance(value, (int, np.integer)):
            out[name] = int(value)
        elif isinstance(value, (float, np.floating)):
            out[name] = float(value)
        else:
            out[name] = np.array(value, dtype=np.float64, copy=True)
    return out


def _evaluate(value: Callable, grad: Callable, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`(loss (n,), grad (n, 2))` for the rows of `points`, one surface call each."""
    n = points.shape[0]
    x = points[:, 0]
    y = points[:, 1]
    loss = np.asarray(value(x, y), dtype=np.float64)
    if loss.shape != (n,):  # a constant formula returns a scalar
        loss = np.broadcast_to(loss, (n,)).copy()
    gx, gy = grad(x, y)
    # A fresh array every step: optimizer states may keep references to their grad row.
    out = np.empty((n, 2))
    out[:, 0] = gx  # broadcasting also fills a constant partial derivative
    out[:, 1] = gy
    return loss, out


class _Rows:
    """Reusable row buffers for one frame (`GrowingArray`s), copied out on `take`."""

    def __init__(self, n: int, capacity: int = 64) -> None:
        self.steps = GrowingArray((), np.int64, capacity)
        self.points = GrowingArray((n, 2), np.float64, capacity)
        self.losses = GrowingArray((n,), np.float64, capacity)
        self.grads = GrowingArray((n, 2), np.float64, capacity)
        self.updates = GrowingArray((n, 2), np.float64, capacity)
        self._all = (self.steps, self.points, self.losses, self.grads, self.updates)

    def add(self, step: int, points: np.ndarray, losses: np.ndarray,
            grads: np.ndarray, updates: np.ndarray) -> None:
        self.steps.append(step)
        self.points.append(points)
        self.losses.append(losses)
        self.grads.append(grads)
        self.updates.append(updates)

    def take(self) -> tuple[np.ndarray, ...]:
        out = tuple(buf.view().copy() for buf in self._all)
        for buf in self._all:
            buf.clear()
        return out


class Race:
    """n optimizers from one start on one surface; see the module docstring for the rows.

    Attributes: `step` (iterations done), `labels` (one per optimizer, unique by default),
    `diverged` (the step where each diverged, or None), `overflowed` (the step whose g²
    overflowed each one's state, or None), `surface`, `optimizers`, `start`.
    """

    def __init__(self, surface: Any, optimizers: Sequence[Any], start: Sequence[float],
                 labels: Sequence[str] | None = None) -> None:
        self.surface = surface
        self.optimizers = list(optimizers)
        n = len(self.optimizers)
        if n == 0:
            raise ValueError("a race needs at least one optimizer")
        self.start = np.array(start, dtype=np.float64).reshape(2)
        if labels is None:
            labels = default_labels([opt.name for opt in self.optimizers])
        self.labels = list(labels)
        if len(self.labels) != n:
            raise ValueError(f"got {len(self.labels)} labels for {n} optimizers")
        self.step = 0
        self.diverged: list[int | None] = [None] * n
        self.overflowed: list[int | None] = [None] * n
        self._limit = divergence_limit(surface.bounds)
        self._alive = np.ones(n, dtype=bool)
        # Surface.value/grad wrap value_fn/grad_fn with input conversion and an errstate
        # the race already provides; calling the functions directly saves a third of the
        # per-step surface cost. Anything without them (a duck-typed surface) still works.
        self._value_fn = getattr(surface, "value_fn", surface.value)
        self._grad_fn = getattr(surface, "grad_fn", surface.grad)

        # Invariant between steps: _points holds θ_t (a diverged row rests at the start, so
        # the surface sees no NaN after the step that found it), _updates holds u_t (zero
        # for a diverged row), _states the states after t steps, _pending after t + 1.
        self._points = np.tile(self.start, (n, 1))
        self._updates = np.zeros((n, 2))
        self._live = list(range(n))
        self._states = [opt.init(self._points[i].copy()) for i, opt in enumerate(self.optimizers)]
        self._pending = list(self._states)
        with np.errstate(all="ignore"):
            loss, grad = _evaluate(self._value_fn, self._grad_fn, self._points)
            self._check(0, self._points, loss)
            self._step_optimizers(0, grad)
        rows = _Rows(n, 1)
        self._add_row(rows, 0, self._points, loss, grad)
        self._initial = self._frame(rows, done=False)

    def initial_frame(self) -> RaceFrame:
        """The step-0 row (the start, its loss, gradient and first update); a fresh copy."""
        f = self._initial
        states = [{k: np.copy(v) if isinstance(v, np.ndarray) else v for k, v in s.items()}
                  for s in f.states]
        return RaceFrame(f.steps.copy(), f.points.copy(), f.losses.copy(), f.grads.copy(),
                         f.updates.copy(), states, list(f.diverged), f.done, list(f.overflowed))

    def frames(self, until_step: int, stop: Callable[[], bool] = lambda: False,
               frame_seconds: float = 0.016,
               clock: Callable[[], float] = time.perf_counter) -> Iterator[RaceFrame]:
        """Advance from `self.step` to `until_step`, yielding batches of new rows.

        A frame is yielded when `frame_seconds` of `clock` have passed since the last one
        (0 yields every step). `stop()` is checked before every step; when it returns
        True the rows so far are flushed with `done=False` and the generator ends, and a
        later call continues from `self.step`. The last frame (possibly with no rows)
        has `done=True` once `until_step` is reached or every optimizer has diverged.
        Use `stop` rather than abandoning the iterator: steps taken since the last
        yield are only delivered by a yield.
        """
        rows = _Rows(len(self.optimizers))
        last = clock()
        while True:
            # The error state is set around the steps only, never across a yield, so the
            # consumer's numpy settings are not changed while the generator is suspended.
            with np.errstate(all="ignore"):
                while True:
                    if self.step >= until_step or not self._live:
                        end: bool | None = True
                        break
                    if stop():
                        end = False
                        break
                    self._advance(rows)
                    now = clock()
                    if now - last >= frame_seconds:
                        last = now
                        end = None
                        break
            if end is None:
                yield self._frame(rows, done=False)
                continue
            yield self._frame(rows, done=end)
            return

    # -- one step ---------------------------------------------------------------------

    def _advance(self, rows: _Rows) -> None:
        """θ_{t+1} = θ_t + u_t for every live optimizer, then u_{t+1}; one row added."""
        t = self.step + 1
        points = self._points + self._updates
        loss, grad = _evaluate(self._value_fn, self._grad_fn, points)
        # Fast path: two reductions prove every coordinate in range and every loss finite
        # (NaN fails the comparison; a sum that overflows only sends us to the exact check).
        if not (np.abs(points).max() <= self._limit and math.isfinite(loss.sum())):
            self._check(t, points, loss)
        self._points = points
        self._states = self._pending
        self._pending = list(self._states)
        self._step_optimizers(t, grad)
        self.step = t
        self._add_row(rows, t, points, loss, grad)

    def _check(self, t: int, points: np.ndarray, loss: np.ndarray) -> None:
        """Mark live optimizers whose point or loss at step t is not finite or too far."""
        ok = np.isfinite(loss) & (np.abs(points) <= self._limit).all(axis=1)
        for i in map(int, np.flatnonzero(self._alive & ~ok)):
            self.diverged[i] = t
            self._alive[i] = False
            self._live.remove(i)
            self._updates[i] = 0.0
            points[i] = self.start  # keep the surface's inputs finite from now on
            loss[i] = 0.0  # any finite value: the row is written as NaN

    def _step_optimizers(self, t: int, grad: np.ndarray) -> None:
        """u_t and the state after t + 1 steps for each live optimizer; marks overflow."""
        points = self._points
        overflowed = self.overflowed
        # Fast path: a state can only stop being finite after a gradient beyond
        # OVERFLOW_WATCH (or a non-finite one, which fails the comparison).
        watch = not np.abs(grad).max() <= OVERFLOW_WATCH
        for i in self._live:
            update, state = self.optimizers[i].update(grad[i], self._states[i], points[i])
            self._pending[i] = state
            self._updates[i] = update
            if watch and overflowed[i] is None and not _finite_state(state):
                # A non-finite update is divergence on its way (the next _check says so);
                # only a finite one hides the overflow: the point stalls or creeps on.
                if np.isfinite(self._updates[i]).all():
                    overflowed[i] = t

    def _add_row(self, rows: _Rows, t: int, points: np.ndarray, loss: np.ndarray,
                 grad: np.ndarray) -> None:
        rows.add(t, points, loss, grad, self._updates)
        if len(self._live) < len(self.optimizers):
            dead = ~self._alive
            for buf in (rows.points, rows.losses, rows.grads, rows.updates):
                buf.view()[-1, dead] = np.nan

    def _frame(self, rows: _Rows, done: bool) -> RaceFrame:
        steps, points, losses, grads, updates = rows.take()
        return RaceFrame(steps, points, losses, grads, updates,
                         [state_dict(s) for s in self._states], list(self.diverged), done,
                         list(self.overflowed))


def _finite_state(state: Any) -> bool:
    """True when every number and array entry of a state (after `step`) is finite."""
    for value in state[1:]:
        # One reduction per field: a sum is finite only if every entry is (or, rarely,
        # entries near ±1.8e308 overflow the sum: then check them one by one).
        total = float(np.sum(value))
        if not math.isfinite(total) and not np.isfinite(value).all():
            return False
    return True


def run_many(surface: Any, optimizer: Any, starts: np.ndarray, steps: int) -> np.ndarray:
    """Trajectories of one optimizer from m starts at once: `(steps + 1, m, 2)`.

    Row 0 is `starts`. The optimizer's update is elementwise, so one call on the (m, 2)
    batch steps every start. A start whose point stops being finite or leaves the
    divergence limit (see the module doc) is NaN from that step on; the loss is not
    evaluated here, to keep this one surface call per step.
    """
    starts = np.array(starts, dtype=np.float64).reshape(-1, 2)
    m = starts.shape[0]
    out = np.empty((steps + 1, m, 2))
    out[0] = starts
    limit = divergence_limit(surface.bounds)
    points = starts.copy()
    state = optimizer.init(points)
    grad = np.empty((m, 2))
    with np.errstate(all="ignore"):
        for t in range(1, steps + 1):
            gx, gy = surface.grad(points[:, 0], points[:, 1])
            grad = np.empty((m, 2))  # fresh: the state may keep a reference to it
            grad[:, 0] = gx
            grad[:, 1] = gy
            update, state = optimizer.update(grad, state, points)
            points = points + update
            # NaN propagates through every later step on its own; only far points need marking.
            if not np.abs(points).max() <= limit:
                far = ~(np.abs(points) <= limit).all(axis=1)
                points[far] = np.nan
            out[t] = points
    return out
