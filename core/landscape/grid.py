"""The loss on a grid of a plane, coarse first: a generator of `GridUpdate`s.

    for update in compute_plane(plane, alphas, betas, evaluator, stop):
        ...  # update.loss (len(betas), len(alphas)), NaN where not computed yet

The points come in three passes (`grid_order`): every 4th point of every 4th row, then
every 2nd of every 2nd, then the rest, so a coarse picture of the whole plane appears
after 1/16 of the work and fills in. An update follows every row of every pass; `stop()`
is checked before every point, and after it returns True nothing more is yielded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

import numpy as np

from gradlab.core.landscape.evaluate import LossAccuracy
from gradlab.core.landscape.planes import Plane

STRIDES = (4, 2, 1)


@dataclass(frozen=True)
class GridUpdate:
    """The grid so far (copies: the generator goes on filling its own)."""

    loss: np.ndarray
    """(len(betas), len(alphas)) float64: L(θ(α_j, β_i)) at [i, j]; NaN where not computed."""
    accuracy: np.ndarray
    """Likewise, the accuracy (0..1)."""
    done: int
    """Points computed so far."""
    total: int
    """Points of the whole grid."""
    pass_index: int
    """Which pass this row belongs to (0 coarsest)."""


def grid_order(n_alpha: int, n_beta: int) -> list[list[tuple[int, int]]]:
    """Passes, coarse first, each a list of rows, each row a list of (j, i): j indexes
    alphas (the column), i betas (the row). Pass p holds the points on every STRIDES[p]-th
    row and column not in an earlier pass; every point is in exactly one pass."""
    seen = np.zeros((n_beta, n_alpha), bool)
    passes = []
    for stride in STRIDES:
        rows = []
        for i in range(0, n_beta, stride):
            row = [(j, i) for j in range(0, n_alpha, stride) if not seen[i, j]]
            for j, _ in row:
                seen[i, j] = True
            if row:
                rows.append(row)
        if rows:
            passes.append(rows)
    return passes


def compute_plane(plane: Plane, alphas: Sequence[float], betas: Sequence[float],
                  evaluator: LossAccuracy, stop: Callable[[], bool] = lambda: False) -> Iterator[GridUpdate]:
    """L and accuracy at plane.origin + α d₁ + β d₂ for every α of `alphas` and β of
    `betas`, in `grid_order`, one `GridUpdate` per row of each pass. An evaluator with
    `on_plane(plane)` (the MNIST `Evaluator`) computes the plane's shared products once;
    any other `loss_accuracy(theta)` gets θ(α, β) built for each point."""
    alphas, betas = [float(a) for a in alphas], [float(b) for b in betas]
    loss = np.full((len(betas), len(alphas)), np.nan)
    accuracy = np.full_like(loss, np.nan)
    total, done = loss.size, 0
    if stop():
        return
    on_plane = getattr(evaluator, "on_plane", None)
    at = on_plane(plane) if on_plane is not None else (
        lambda a, b: evaluator.loss_accuracy(plane.at(a, b)))
    for p, rows in enumerate(grid_order(len(alphas), len(betas))):
        for row in rows:
            for j, i in row:
                if stop():
                    return
                loss[i, j], accuracy[i, j] = at(alphas[j], betas[i])
                done += 1
            yield GridUpdate(loss.copy(), accuracy.copy(), done, total, p)
