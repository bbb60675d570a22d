"""A handful of labelled points for the small network (numpy only).

Class c's centre sits on the unit circle at angle θ_c = 2πc / C + π/4 (C classes), and
each sample is its class's centre plus Gaussian noise (σ = 0.35):

    (x₁, x₂) = (cos θ_c, sin θ_c) + ε,  ε ~ N(0, σ² I)

so the classes are separable by eye yet overlap a little. Inputs beyond two are built
from the first two: x₃ = x₁ x₂ (a product, as in a feature cross) and x₄ = pure noise
(an input the network should learn to ignore).

Labels are 0, 1, ..., C − 1, 0, 1, ... in a seeded random order, so every class has
⌊N / C⌋ or ⌈N / C⌉ samples; the same seed always gives the same batch.
"""

from __future__ import annotations

import numpy as np

INPUTS = (2, 4)  # allowed n_inputs, inclusive
CLASSES = (2, 3)
SAMPLES = (1, 8)
NOISE = 0.35


def _check(name: str, value: int, limits: tuple[int, int]) -> int:
    lo, hi = limits
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not lo <= value <= hi:
        raise ValueError(f"{name} must be an integer from {lo} to {hi}, got {value!r}")
    return int(value)


def small_batch(n_inputs: int, n_classes: int, n_samples: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(x (N, n_inputs) float64, y (N,) int64): N = n_samples points of n_classes classes.

    Limits: n_inputs 2..4, n_classes 2..3, n_samples 1..8 (ValueError otherwise).
    """
    n_inputs = _check("n_inputs", n_inputs, INPUTS)
    n_classes = _check("n_classes", n_classes, CLASSES)
    n_samples = _check("n_samples", n_samples, SAMPLES)
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    rng = np.random.default_rng(int(seed))
    y = rng.permutation(np.arange(n_samples) % n_classes).astype(np.int64)
    angles = 2 * np.pi * y / n_classes + np.pi / 4
    centres = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    xy = centres + NOISE * rng.standard_normal((n_samples, 2))
    extra = [xy[:, 0] * xy[:, 1], rng.standard_normal(n_samples)][: n_inputs - 2]
    x = np.column_stack([xy, *extra]) if extra else xy
    return np.ascontiguousarray(x, dtype=np.float64), y
