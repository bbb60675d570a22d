"""The Playground's input features: what the network sees of a point (x₁, x₂).

    compute(X, ("x1", "x2", "x1x2"))  ->  columns x₁, x₂, x₁x₂

A network with features x₁, x₂ and no hidden layer draws straight lines; x₁x₂ alone lets
it separate XOR, x₁² + x₂² a circle: features are the hand-made part of a representation.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FEATURES = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1", "sin_x2")
TITLES = {"x1": "x₁", "x2": "x₂", "x1sq": "x₁²", "x2sq": "x₂²", "x1x2": "x₁x₂",
          "sin_x1": "sin x₁", "sin_x2": "sin x₂"}

_FORMULAS = {
    "x1": lambda x1, x2: x1,
    "x2": lambda x1, x2: x2,
    "x1sq": lambda x1, x2: x1 * x1,
    "x2sq": lambda x1, x2: x2 * x2,
    "x1x2": lambda x1, x2: x1 * x2,
    "sin_x1": lambda x1, x2: np.sin(x1),
    "sin_x2": lambda x1, x2: np.sin(x2),
}


def check(names: Sequence[str]) -> tuple[str, ...]:
    """`names` as a tuple; ValueError naming an unknown or repeated one, or none at all."""
    names = tuple(names)
    if not names:
        raise ValueError("features: pick at least one")
    for name in names:
        if name not in _FORMULAS:
            raise ValueError(f"unknown feature {name!r}; valid: {', '.join(FEATURES)}")
    if len(set(names)) != len(names):
        raise ValueError(f"features: {[n for n in names if names.count(n) > 1][0]!r} given twice")
    return names


def compute(X: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """(n, k) float64: column j is feature names[j] of each row (x₁, x₂) of X (n, 2)."""
    names = check(names)
    X = np.asarray(X, dtype=np.float64)
    x1, x2 = X[:, 0], X[:, 1]
    out = np.empty((X.shape[0], len(names)))
    for j, name in enumerate(names):
        out[:, j] = _FORMULAS[name](x1, x2)
    return out
