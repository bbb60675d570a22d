"""The Playground's 2-D classification data sets, made as TensorFlow Playground makes them.

    X, y = make("spiral", n_points=500, noise=0.1, seed=0, classes=2)

X is (n, 2) float64 in about [−6, 6]², y is (n,) int64 class labels 0..C−1. The formulas
are those of TensorFlow Playground's `src/dataset.ts` (Apache 2.0), with its ±1 labels
mapped to classes (TF's positive class, +1, is class 1 here; −1 is class 0):

    circle   class 1: r ~ U(0, 2.5), class 0: r ~ U(3.5, 5), angle ~ U(0, 2π),
             (x, y) = (r sin a, r cos a); the label is that of the *noisy* point
             (x + 5u·noise, y + 5v·noise), u, v ~ U(−1, 1): inside r < 2.5 is class 1
    xor      x, y ~ U(−5, 5), each pushed 0.3 away from 0 (the padding);
             class 1 when (x + 5u·noise)(y + 5v·noise) ≥ 0
    gauss    class 1 ~ N((2, 2), σ²I), class 0 ~ N((−2, −2), σ²I), σ² = 0.5 + 7·noise
             (TF's linear scale from noise 0..0.5 to variance 0.5..4)
    spiral   arm k, point i of m:  r = 5 i/m,  t = 1.75 · 2π i/m + Δ_k,
             (x, y) = (r sin t + u·noise, r cos t + v·noise), u, v ~ U(−1, 1);
             with 2 arms Δ = 0 for class 1 and π for class 0 (TF's), with C arms
             Δ_k = 2π ((k + 1) mod C) / C

Noise is 0..0.5 ("0-50 %" in TF). `moons` is not in TF Playground; it follows its scale:
two interleaved half circles of radius 3 (sklearn's `make_moons` shape, scaled 3× and
centred), class 0 above: (3 cos t − 1.5, 3 sin t − 0.75), class 1 below:
(1.5 − 3 cos t, 0.75 − 3 sin t), t ~ U(0, π), plus N(0, (2·noise)²) on each coordinate.

Every draw comes from `numpy.random.default_rng(seed)`, so a seed gives the same points on
every machine (not TF's numbers: TF uses seedrandom). `n_points` points are made in all
(TF makes ⌈n/2⌉ per class): class k gets n // C, plus one for the first n mod C classes.
"""

from __future__ import annotations

import math

import numpy as np

NAMES = ("circle", "xor", "gauss", "spiral", "moons")
TITLES = {"circle": "Circle", "xor": "Exclusive or", "gauss": "Two Gaussians",
          "spiral": "Spiral", "moons": "Moons"}
MAX_NOISE = 0.5
MAX_POINTS = 10_000
RADIUS = 5.0  # TF's circle and spiral radius; the plane shown is [−6, 6]²


def class_sizes(n_points: int, classes: int) -> list[int]:
    """How many of `n_points` each class gets: as equal as possible, the first ones first."""
    return [n_points // classes + (1 if k < n_points % classes else 0) for k in range(classes)]


def check(name: str, n_points: int, noise: float, classes: int) -> None:
    """ValueError (one line naming the value) unless these make a data set."""
    if name not in NAMES:
        raise ValueError(f"unknown data set {name!r}; valid: {', '.join(NAMES)}")
    if isinstance(n_points, bool) or not isinstance(n_points, (int, np.integer)) \
            or not 2 <= n_points <= MAX_POINTS:
        raise ValueError(f"points must be a whole number from 2 to {MAX_POINTS}, got {n_points!r}")
    if isinstance(noise, bool) or not isinstance(noise, (int, float)) or not math.isfinite(noise) \
            or not 0.0 <= noise <= MAX_NOISE:
        raise ValueError(f"noise must be from 0 to {MAX_NOISE}, got {noise!r}")
    allowed = (2, 3) if name == "spiral" else (2,)
    if classes not in allowed:
        raise ValueError(f"{name} has {' or '.join(map(str, allowed))} classes, got {classes!r}")


def make(name: str, n_points: int, noise: float, seed: int, classes: int = 2,
         ) -> tuple[np.ndarray, np.ndarray]:
    """(X (n, 2) float64, y (n,) int64) for the data set `name` (see the module docstring)."""
    check(name, n_points, noise, classes)
    rng = np.random.default_rng(seed)
    sizes = class_sizes(n_points, classes)
    X, y = _MAKERS[name](rng, sizes, float(noise))
    return np.ascontiguousarray(X, dtype=np.float64), np.asarray(y, dtype=np.int64)


def _circle(rng: np.random.Generator, sizes: list[int], noise: float) -> tuple[np.ndarray, np.ndarray]:
    parts = []
    for n, (lo, hi) in zip(sizes, ((RADIUS * 0.7, RADIUS), (0.0, RADIUS * 0.5))):
        r = rng.uniform(lo, hi, n)
        angle = rng.uniform(0.0, 2 * np.pi, n)
        parts.append(np.column_stack([r * np.sin(angle), r * np.cos(angle)]))
    X = np.vstack(parts)
    shifted = X + rng.uniform(-RADIUS, RADIUS, X.shape) * noise
    # The label is the noisy point's side of r = 2.5: noise moves labels, not points.
    y = (np.hypot(shifted[:, 0], shifted[:, 1]) < RADIUS * 0.5).astype(np.int64)
    return X, y


def _xor(rng: np.random.Generator, sizes: list[int], noise: float) -> tuple[np.ndarray, np.ndarray]:
    n = sum(sizes)  # TF draws xor's points anywhere; the labels fall where they fall
    X = rng.uniform(-5.0, 5.0, (n, 2))
    X += np.where(X > 0, 0.3, -0.3)  # the padding keeps points off the axes
    shifted = X + rng.uniform(-5.0, 5.0, X.shape) * noise
    y = (shifted[:, 0] * shifted[:, 1] >= 0).astype(np.int64)
    return X, y


def _gauss(rng: np.random.Generator, sizes: list[int], noise: float) -> tuple[np.ndarray, np.ndarray]:
    sigma = math.sqrt(0.5 + (4.0 - 0.5) * noise / 0.5)  # TF: variance 0.5..4 over noise 0..0.5
    X0 = rng.normal(-2.0, sigma, (sizes[0], 2))
    X1 = rng.normal(2.0, sigma, (sizes[1], 2))
    return np.vstack([X0, X1]), np.repeat([0, 1], sizes)


def spiral_turn(k: int, classes: int) -> float:
    """Δ_k, the angle arm k starts at: TF's 0 (class 1) and π (class 0) for two arms."""
    return 2 * np.pi * ((k + 1) % classes) / classes


def _spiral(rng: np.random.Generator, sizes: list[int], noise: float) -> tuple[np.ndarray, np.ndarray]:
    parts = []
    for k, m in enumerate(sizes):
        i = np.arange(m)
        r = i / m * RADIUS
        t = 1.75 * i / m * 2 * np.pi + spiral_turn(k, len(sizes))
        u = rng.uniform(-1.0, 1.0, (m, 2)) * noise
        parts.append(np.column_stack([r * np.sin(t) + u[:, 0], r * np.cos(t) + u[:, 1]]))
    return np.vstack(parts), np.repeat(np.arange(len(sizes)), sizes)


def _moons(rng: np.random.Generator, sizes: list[int], noise: float) -> tuple[np.ndarray, np.ndarray]:
    t0 = rng.uniform(0.0, np.pi, sizes[0])
    t1 = rng.uniform(0.0, np.pi, sizes[1])
    X0 = np.column_stack([3 * np.cos(t0) - 1.5, 3 * np.sin(t0) - 0.75])
    X1 = np.column_stack([1.5 - 3 * np.cos(t1), 0.75 - 3 * np.sin(t1)])
    X = np.vstack([X0, X1])
    X += rng.normal(0.0, 2 * noise, X.shape) if noise > 0 else 0.0
    return X, np.repeat([0, 1], sizes)


_MAKERS = {"circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral, "moons": _moons}


def split(X: np.ndarray, y: np.ndarray, train_share: float, seed: int,
          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, y_train, X_test, y_test): a random `train_share` of the points to train on.

    round(share · n) points train, at least one, and at least one is left to test when there
    are two or more; the order is a permutation from `default_rng(seed)`.
    """
    train = split_mask(len(y), train_share, seed)
    return X[train], y[train], X[~train], y[~train]


def split_mask(n: int, train_share: float, seed: int) -> np.ndarray:
    """`split`'s choice as a mask: (n,) bool, True for a training point.

    round(share · n) points train, at least one, and at least one is left to test when there
    are two or more; which ones: the first of a permutation from `default_rng(seed)`.
    """
    if not 0.0 < train_share < 1.0:
        raise ValueError(f"train share must be between 0 and 1, got {train_share!r}")
    train = np.zeros(n, dtype=bool)
    train[np.random.default_rng(seed).permutation(n)[:_train_count(n, train_share)]] = True
    return train


def _train_count(n: int, train_share: float) -> int:
    return min(max(int(round(train_share * n)), 1), max(n - 1, 1))


def split_without(train: np.ndarray, i: int, train_share: float, seed: int) -> np.ndarray:
    """The mask `train` without point i; the others keep their side, unless that leaves
    no training point, or no test point among two or more: then `split_mask` anew."""
    train = np.delete(np.asarray(train, dtype=bool), i)
    if not train.any() or (len(train) >= 2 and train.all()):
        return split_mask(len(train), train_share, seed)
    return train


def imbalance(X: np.ndarray, y: np.ndarray, cls: int, keep_fraction: float, seed: int,
              ) -> tuple[np.ndarray, np.ndarray]:
    """The data with only `keep_fraction` of class `cls` kept (a random round(f·count), at
    least one), the other classes untouched, in the original order: something for weighted
    cross-entropy and focal loss to fix."""
    if not 0.0 < keep_fraction <= 1.0:
        raise ValueError(f"keep fraction must be in (0, 1], got {keep_fraction!r}")
    members = np.flatnonzero(y == cls)
    if members.size == 0:
        raise ValueError(f"class {cls!r} has no points")
    keep_n = max(int(round(keep_fraction * members.size)), 1)
    kept = np.random.default_rng(seed).choice(members, keep_n, replace=False)
    mask = y != cls
    mask[kept] = True
    return X[mask], y[mask]
