"""Random directions, filter-normalised (Li et al. 2018, §4).

A Gaussian direction d has no natural scale: the same step means a lot for a layer of
small weights and nothing for one of large weights. Li et al. scale d filter by filter to
the weights: for a fully connected layer a filter is one row (one unit's incoming weights),

    d_{l,i} ← d_{l,i} · ‖θ_{l,i}‖ / ‖d_{l,i}‖      for every row i of every weight matrix l,

and set the biases' directions to 0, so α = 1 moves every unit by its own weights' norm
and two runs' minima can be compared at one scale (sharp versus flat).
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from gradlab.core.landscape.planes import Plane


def filter_normalise(direction: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Each row of `direction` scaled to the norm of the same row of `weights` (a row of
    zeros stays zero); a 1-D tensor (a bias) gives zeros."""
    weights = np.asarray(weights, np.float64)
    if weights.ndim < 2:
        return np.zeros(weights.shape, np.float32)
    d = np.asarray(direction, np.float64).reshape(weights.shape[0], -1)
    w = weights.reshape(weights.shape[0], -1)
    dn = np.linalg.norm(d, axis=1, keepdims=True)
    scale = np.divide(np.linalg.norm(w, axis=1, keepdims=True), dn, out=np.zeros_like(dn), where=dn > 0)
    return (d * scale).reshape(weights.shape).astype(np.float32)


def random_direction(final: Mapping[str, np.ndarray], rng: np.random.Generator) -> dict[str, np.ndarray]:
    """One filter-normalised Gaussian direction for `final` (keys in sorted order: the
    same seed gives the same direction whatever order the dict was built in)."""
    out = {}
    for k in sorted(final):
        w = np.asarray(final[k])
        d = rng.standard_normal(w.shape) if w.ndim >= 2 else np.zeros(w.shape)
        out[k] = filter_normalise(d, w)
    return {k: out[k] for k in final}


def random_plane(final: Mapping[str, np.ndarray], seed: int) -> Plane:
    """The plane final + α d₁ + β d₂, d₁ and d₂ filter-normalised Gaussian directions from
    `np.random.default_rng(seed)` (d₁ first); spans ±1."""
    rng = np.random.default_rng(seed)
    origin = {k: np.asarray(v, np.float32) for k, v in final.items()}
    d1 = random_direction(origin, rng)
    d2 = random_direction(origin, rng)
    return Plane("random", origin, d1, d2, points={"final": (0.0, 0.0)})
