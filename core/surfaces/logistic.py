"""The loss surface of a real model: logistic regression p = σ(w x + b) on a 1-D dataset.

Two parameters, so the loss is a surface over (w, b) that the race can run on. Each
point's score is s = w x + b and its probability p = σ(s); with t ∈ {0, 1} the target,
p_t = σ(s_t) is the probability of the right answer, s_t = s if t = 1 else −s.

    MSE             ℓ = (p − t)²                   dℓ/ds = 2 (p − t) p (1 − p)
    cross-entropy   ℓ = −log p_t                   dℓ/ds = p − t
    focal           ℓ = −(1 − p_t)^γ log p_t       dℓ/ds_t = (1 − p_t)^γ (γ p_t log p_t + p_t − 1)

    L(w, b) = (1/n) Σᵢ ℓᵢ,   ∂L/∂w = (1/n) Σᵢ (dℓᵢ/dsᵢ) xᵢ,   ∂L/∂b = (1/n) Σᵢ dℓᵢ/dsᵢ

Cross-entropy is convex in (w, b): its Hessian (1/n) Σ p(1 − p) [x, 1][x, 1]ᵀ is positive
semi-definite. MSE's slope carries the sigmoid's p(1 − p), which vanishes wherever the
model is confidently right or confidently wrong: plateaus where gradient descent stalls,
and the surface is not convex. Every function works on arrays of (w, b) at once: the data
axis is the last one, so a whole grid is one call.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np

from gradlab.core.surfaces.surface import Surface

# A small 1-D dataset: class 1 tends to sit right, with two points on the wrong side, so
# no line separates them and every loss has a finite minimum.
X = np.array([-3.0, -2.2, -1.5, -1.0, -0.4, 0.3, 0.8, 1.4, 2.1, 3.0])
T = np.array([0, 0, 0, 1, 0, 1, 0, 1, 1, 1], dtype=np.float64)

BOUNDS = (-6.0, 6.0, -6.0, 6.0)
# A start with the weight's sign wrong: the model is confidently wrong about most points.
START = (-4.0, 3.0)
LOSSES = {"mse": "MSE on sigmoid", "cross_entropy": "Cross-entropy", "focal": "Focal loss"}
LESSONS = {
    "mse": "Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is "
    "confidently right or confidently wrong, and so does the gradient. From the start "
    "(−4, 3), the weight's sign wrong, SGD and Momentum barely move, while RMSprop and "
    "Adam, which divide by the gradient's size, reach the minimum.",
    "cross_entropy": "Convex: one valley, and the gradient (p − t) x stays large exactly where "
    "the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times "
    "larger and SGD gets moving.",
    "focal": "Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets "
    "right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for "
    "cross-entropy): a less confident model.",
}


def _log_sigmoid(s: np.ndarray) -> np.ndarray:
    """log σ(s) = −log(1 + e^(−s)) = min(s, 0) − log(1 + e^(−|s|)), finite for any s."""
    return np.minimum(s, 0.0) - np.log1p(np.exp(-np.abs(s)))


def _scores(w: Any, b: Any, x: np.ndarray) -> np.ndarray:
    """s = w x + b with the data on a new last axis: shape (*broadcast(w, b), n)."""
    w = np.asarray(w, dtype=np.float64)[..., None]
    b = np.asarray(b, dtype=np.float64)[..., None]
    return w * x + b


def _pieces(s: np.ndarray, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sign, s_t, log p_t): sign = +1 for t = 1 and −1 for t = 0, s_t = sign s."""
    sign = 2.0 * t - 1.0
    s_t = sign * s
    return sign, s_t, _log_sigmoid(s_t)


def loss_terms(name: str, s: np.ndarray, t: np.ndarray, gamma: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """(ℓ, dℓ/ds) per point for scores s and targets t (see the module docstring)."""
    sign, s_t, log_pt = _pieces(s, t)
    p_t = np.exp(log_pt)
    if name == "mse":
        p = np.exp(_log_sigmoid(s))  # σ(s), no overflow for any s
        return (p - t) ** 2, 2.0 * (p - t) * p * (1.0 - p)  # ℓ = (p − t)², dℓ/ds = 2(p − t)p(1 − p)
    if name == "cross_entropy":
        return -log_pt, sign * (p_t - 1.0)  # ℓ = −log p_t, dℓ/ds = p − t
    if name == "focal":
        # 1 − p_t = σ(−s_t), exact even when p_t rounds to 1
        q = np.exp(_log_sigmoid(-s_t))
        value = -(q**gamma) * log_pt  # ℓ = −(1 − p_t)^γ log p_t
        return value, sign * q**gamma * (gamma * p_t * log_pt - q)  # dℓ/ds_t = (1−p_t)^γ (γ p_t log p_t + p_t − 1)
    raise ValueError(f"unknown loss {name!r}; valid: {', '.join(LOSSES)}")


def loss_value(name: str, w: Any, b: Any, x: np.ndarray = X, t: np.ndarray = T, gamma: float = 2.0) -> np.ndarray:
    """L(w, b) = (1/n) Σᵢ ℓ(σ(w xᵢ + b), tᵢ), elementwise over arrays of (w, b)."""
    value, _ = loss_terms(name, _scores(w, b, x), t, gamma)
    return value.mean(axis=-1)


def loss_grad(name: str, w: Any, b: Any, x: np.ndarray = X, t: np.ndarray = T,
              gamma: float = 2.0) -> tuple[np.ndarray, np.ndarray]:
    """(∂L/∂w, ∂L/∂b) = ((1/n) Σᵢ (dℓᵢ/dsᵢ) xᵢ, (1/n) Σᵢ dℓᵢ/dsᵢ), elementwise over (w, b)."""
    _, ds = loss_terms(name, _scores(w, b, x), t, gamma)
    return (ds * x).mean(axis=-1), ds.mean(axis=-1)


def predict(w: float, b: float, x: np.ndarray) -> np.ndarray:
    """The model's p = σ(w x + b) at each x (what the explorer draws over the data)."""
    return np.exp(_log_sigmoid(w * np.asarray(x, dtype=np.float64) + b))


def _minimum(name: str, gamma: float) -> tuple[float, float]:
    """The lowest point in BOUNDS: the best of a grid, polished by gradient descent with
    backtracking (the surfaces are smooth; a grid cell is 0.05 wide)."""
    ws = np.linspace(BOUNDS[0], BOUNDS[1], 241)
    bs = np.linspace(BOUNDS[2], BOUNDS[3], 241)
    f = loss_value(name, ws[None, :], bs[:, None], gamma=gamma)
    i, j = np.unravel_index(np.argmin(f), f.shape)
    point = np.array([ws[j], bs[i]])
    value = float(loss_value(name, *point, gamma=gamma))
    step = 1.0
    for _ in range(500):
        g = np.array(loss_grad(name, *point, gamma=gamma), dtype=np.float64)
        if np.linalg.norm(g) < 1e-12:
            break
        while step > 1e-12:
            trial = point - step * g
            trial_value = float(loss_value(name, *trial, gamma=gamma))
            if trial_value < value - 0.5 * step * g @ g:  # Armijo: enough decrease
                point, value = trial, trial_value
                step *= 2.0
                break
            step *= 0.5
    return float(point[0]), float(point[1])


def surface_title(loss: str, gamma: float = 2.0) -> str:
    """The surface's menu title, without building it (its minimum takes a grid search)."""
    return f"Logistic regression, {LOSSES[loss]}" + (f" (γ = {gamma:g})" if loss == "focal" else "")


def surface_name(loss: str, gamma: float = 2.0) -> str:
    """The name `gradlab.core.surfaces.get` rebuilds the surface from: "logistic_focal" for
    the default γ = 2, "logistic_focal:gamma=0.5" otherwise (a saved scenario keeps γ)."""
    if loss == "focal" and float(gamma) != 2.0:
        return f"logistic_focal:gamma={float(gamma)!r}"
    return f"logistic_{loss}"


@functools.lru_cache(maxsize=32)
def surface(loss: str = "cross_entropy", gamma: float = 2.0) -> Surface:
    """The logistic-regression loss over (w, b) as a core `Surface` the race can run on.

    Cached: a Surface is immutable, and finding its minimum takes a grid search."""
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; valid: {', '.join(LOSSES)}")
    data = ", ".join(f"({x:g}, {int(t)})" for x, t in zip(X, T))
    # qᵢ: the probability the model gives sample i's own label (pₜ in the focal-loss paper).
    ell, where = {
        "mse": ("(pᵢ − tᵢ)²", ""),
        "cross_entropy": ("−log qᵢ", ",  qᵢ = pᵢ (tᵢ = 1), 1 − pᵢ (tᵢ = 0)"),
        "focal": ("−(1 − qᵢ)ᵞ log qᵢ", f",  qᵢ = pᵢ (tᵢ = 1), 1 − pᵢ (tᵢ = 0),  γ = {gamma:g}"),
    }[loss]
    title = surface_title(loss, gamma)
    return Surface(
        name=surface_name(loss, gamma),
        title=title,
        formula=f"L(w, b) = (1/n) Σᵢ {ell},  pᵢ = σ(w xᵢ + b){where}",
        value_fn=lambda w, b: loss_value(loss, w, b, gamma=gamma),
        grad_fn=lambda w, b: loss_grad(loss, w, b, gamma=gamma),
        bounds=BOUNDS,
        minima=[_minimum(loss, gamma)],
        start=START,
        # MSE lives in [0, 1]; the log losses grow linearly in |w|, |b| and need the log scale.
        log_scale=loss != "mse",
        description=f"x is the weight w, y the bias b. Data (x, t): {data}. {LESSONS[loss]}",
    )
