"""Debiased exponential moving average: the smoothing slider of a noisy loss curve.

For raw values x₁, x₂, ... and a smoothing weight w in [0, 1):

    m_t = w m_{t−1} + (1 − w) x_t,    m_0 = 0
    s_t = m_t / (1 − w^t)                          (debiased, as Adam debiases m)

Without the division the curve would start near 0 and crawl up, because m_0 = 0 pulls the
first values down; dividing by 1 − w^t (the total weight given so far) removes that bias,
so s_1 = x_1 exactly. w = 0 returns the raw values.

Non-finite values (a run that diverged) give NaN and leave the average untouched, so a
single inf does not poison the rest of the curve.

`EmaState` lets a live view smooth only the values that arrived since the last redraw:
`smoothed, state = debiased_ema(new_values, w, state)`.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np


class EmaState(NamedTuple):
    """Where a smoothing pass stopped: the biased average m and the weight 1 − w^t so far."""

    average: float = 0.0
    total_weight: float = 0.0


def debiased_ema(
    values: np.ndarray, weight: float, state: EmaState | None = None
) -> tuple[np.ndarray, EmaState]:
    """Smooth `values` (1-D) with weight `weight`; returns `(smoothed, state)`.

    Passing the returned state back with the next values continues the same curve:
    smoothing [a, b] then [c] equals smoothing [a, b, c].
    """
    if not 0.0 <= weight < 1.0:
        raise ValueError(f"smoothing weight must be in [0, 1), got {weight!r}")
    x = np.asarray(values, dtype=np.float64).ravel()
    average, total = state if state is not None else EmaState()
    out = np.empty_like(x)
    keep = 1.0 - weight
    # A Python loop: the recurrence is sequential, and a few thousand points per redraw
    # (only the new ones, thanks to `state`) cost well under a millisecond.
    for i, value in enumerate(x.tolist()):
        if not math.isfinite(value):
            out[i] = math.nan
            continue
        average = weight * average + keep * value
        total = weight * total + keep
        out[i] = average / total
    return out, EmaState(average, total)
