"""A small, learnable stand-in for MNIST, for tests and demos without the real files.

Each digit c has a fixed random prototype (a few bright strokes on a 28x28 canvas); a
sample is its prototype, randomly dimmed and shifted by a pixel, plus noise. A network
learns it in a few dozen steps, so tests can check that training works without minutes
of real data.
"""

from __future__ import annotations

import numpy as np

from gradlab.core.mnist.data import MnistData


def _prototypes(rng: np.random.Generator) -> np.ndarray:
    protos = np.zeros((10, 28, 28), np.float64)
    for c in range(10):
        for _ in range(4):  # four strokes per digit
            r, col = rng.integers(4, 24, size=2)
            length = rng.integers(5, 12)
            if rng.random() < 0.5:
                protos[c, r, max(0, col - length // 2):col + length // 2] = 1.0
            else:
                protos[c, max(0, r - length // 2):r + length // 2, col] = 1.0
    return protos


def _samples(protos: np.ndarray, labels: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    x = protos[labels] * rng.uniform(0.6, 1.0, size=(len(labels), 1, 1))
    shifts = rng.integers(-1, 2, size=(len(labels), 2))
    for i, (dr, dc) in enumerate(shifts):
        x[i] = np.roll(x[i], (dr, dc), axis=(0, 1))
    x = x + rng.normal(0.0, 0.15, size=x.shape)
    return (np.clip(x, 0.0, 1.0) * 255).astype(np.uint8)


def synthetic(n_train: int = 1000, n_test: int = 200, seed: int = 0) -> MnistData:
    """MnistData of n_train + n_test synthetic 28x28 digits (labels cycle 0-9, shuffled)."""
    rng = np.random.default_rng(seed)
    protos = _prototypes(rng)
    train_labels = rng.permutation(np.arange(n_train) % 10).astype(np.int64)
    test_labels = rng.permutation(np.arange(n_test) % 10).astype(np.int64)
    return MnistData(_samples(protos, train_labels, rng), train_labels,
                     _samples(protos, test_labels, rng), test_labels)
