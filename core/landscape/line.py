"""The loss along the straight line from θ₀ to a run's final weights (Goodfellow et al. 2015):

    θ(α) = θ₀ + α (θ_T − θ₀),   α from −0.5 to 1.5 by default,

for several runs that share θ₀ at once (α = 0 is the same point for all of them), as a
generator of `LineUpdate`s: one after every point, `stop()` checked before each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Sequence

import numpy as np

from gradlab.core.landscape.evaluate import LossAccuracy

DEFAULT_ALPHAS = tuple(np.round(np.linspace(-0.5, 1.5, 41), 10).tolist())


@dataclass(frozen=True)
class LineUpdate:
    """The lines so far (copies)."""

    loss: dict[str, np.ndarray]
    """Run → (len(alphas),) float64 losses, NaN where not computed yet."""
    accuracy: dict[str, np.ndarray]
    """Run → accuracies (0..1), likewise."""
    done: int
    total: int


def point(theta0: Mapping[str, np.ndarray], final: Mapping[str, np.ndarray], alpha: float) -> dict[str, np.ndarray]:
    """θ₀ + α (θ_T − θ₀), float32 (computed in float64: α = 1 gives θ_T to rounding)."""
    return {k: (np.asarray(theta0[k], np.float64) * (1 - alpha) + np.asarray(final[k], np.float64) * alpha
                ).astype(np.float32) for k in theta0}


def compute_line(theta0: Mapping[str, np.ndarray], finals: Mapping[str, Mapping[str, np.ndarray]],
                 alphas: Sequence[float], evaluator_for: Callable[[str], LossAccuracy],
                 stop: Callable[[], bool] = lambda: False) -> Iterator[LineUpdate]:
    """For each run of `finals` (name → θ_T), L and accuracy at θ₀ + α (θ_T − θ₀) for every α,
    evaluated by `evaluator_for(name)` (each run with its own loss)."""
    alphas = [float(a) for a in alphas]
    loss = {r: np.full(len(alphas), np.nan) for r in finals}
    accuracy = {r: np.full(len(alphas), np.nan) for r in finals}
    total, done = len(alphas) * len(finals), 0
    for run, final in finals.items():
        evaluator = None
        for j, a in enumerate(alphas):
            if stop():
                return
            evaluator = evaluator or evaluator_for(run)
            loss[run][j], accuracy[run][j] = evaluator.loss_accuracy(point(theta0, final, a))
            done += 1
            yield LineUpdate({r: v.copy() for r, v in loss.items()},
                             {r: v.copy() for r, v in accuracy.items()}, done, total)
