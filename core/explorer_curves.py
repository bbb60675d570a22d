"""The curves the explorer draws: activations with their flat regions, and losses against p.

Activations: f(x) and f'(x) sampled from `gradlab.core.activations`, and the intervals
where f' is exactly 0 ("dead": no gradient at all, ReLU's negative side) or nearly 0
("saturated": |f'| < threshold, sigmoid and tanh far from 0). Backprop multiplies by
f'(z) at every layer (δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)), so a unit sitting there learns
slowly or not at all. Where f' jumps (ReLU, leaky ReLU, ELU with α ≠ 1, all at 0) the
curve is drawn with a gap (`Jump`, `ActivationCurve.df_pieces`): a derivative with a jump
has no vertical segment, only a closed dot at the value it takes and an open one at the
value it approaches.

Losses: one sample whose true class y gets predicted probability p, the other C − 1
classes sharing the rest evenly. The logits are z = log q with q_y = p and
q_k = (1 − p)/(C − 1) (softmax(log q) = q because q sums to 1). The core loss gives L(z)
and ∂L/∂z; the chain rule through z(p) gives the slope against p:

    ∂z_y/∂p = 1/p,    ∂z_k/∂p = −1/(1 − p)  (k ≠ y)
    dL/dp = (∂L/∂z_y)/p − (Σ_{k≠y} ∂L/∂z_k)/(1 − p)

∂L/∂z_y is what backprop actually sends into the network. For cross-entropy it is p − 1:
a confident wrong answer (p → 0) gets the strongest push. For MSE after a softmax it
carries the softmax's slope p(1 − p) and vanishes as p → 0: the confidently wrong sample
barely learns. Focal loss multiplies cross-entropy by (1 − p)ᵞ, which is tiny for easy
samples (p near 1), so the hard ones dominate the gradient.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from gradlab.core import activations, losses

SATURATION = 0.05  # |f'| below this counts as saturated


# --- activations ---------------------------------------------------------------------


@dataclass(frozen=True)
class Region:
    """An interval [lo, hi] of x where f' is 0 ("dead") or nearly 0 ("saturated")."""

    lo: float
    hi: float
    kind: str


@dataclass(frozen=True)
class Jump:
    """f' jumps at x: it approaches `left` from below and `right` from above, and takes
    `value` at x itself (the closed dot; the other side's limit is the open one)."""

    x: float
    left: float
    right: float
    value: float

    @property
    def open_values(self) -> list[float]:
        """The one-sided limits that f' does not take at x (open circles)."""
        return [v for v in (self.left, self.right) if not math.isclose(v, self.value, abs_tol=1e-12)]


@dataclass(frozen=True)
class ActivationCurve:
    name: str
    title: str
    formula: str
    derivative_formula: str
    x: np.ndarray
    f: np.ndarray
    df: np.ndarray
    regions: list[Region]
    jumps: list[Jump] = dataclasses.field(default_factory=list)

    def df_pieces(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, f'(x)) to draw, split at each jump: the left piece ends at (x*, left), a
        NaN breaks the line, the right piece starts at (x*, right), so no vertical segment
        joins them (draw with connect="finite")."""
        return split_at_jumps(self.x, self.df, self.jumps)


def activation_x(lo: float = -6.0, hi: float = 6.0, n: int = 1201) -> np.ndarray:
    """The x grid the explorer samples on (0 is a sample, so ReLU's kink is exact)."""
    return np.linspace(lo, hi, n)


def flat_regions(x: np.ndarray, df: np.ndarray, threshold: float = SATURATION) -> list[Region]:
    """Maximal runs of samples with |f'| < threshold, as intervals.

    A run where f' is exactly 0 throughout is "dead"; any other run is "saturated". Each
    interval reaches halfway to the neighbouring samples outside it (clipped to the grid),
    so adjacent runs touch and nothing is left unshaded between samples.
    """
    x = np.asarray(x, dtype=np.float64)
    df = np.abs(np.asarray(df, dtype=np.float64))
    flat = df < threshold
    if not flat.any():
        return []
    # Run boundaries: where `flat` switches on (starts) and off (ends, exclusive).
    edges = np.diff(np.concatenate([[0], flat.astype(np.int8), [0]]))
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    regions = []
    for s, e in zip(starts, ends):
        lo = x[s] if s == 0 else 0.5 * (x[s - 1] + x[s])
        hi = x[e - 1] if e == len(x) else 0.5 * (x[e - 1] + x[e])
        kind = "dead" if np.all(df[s:e] == 0) else "saturated"
        regions.append(Region(float(lo), float(hi), kind))
    return regions


JUMP_TOLERANCE = 1e-9  # a change in f' this large across a ~1e-14 interval is a jump


def find_jumps(derivative: Any, x: np.ndarray, tolerance: float = JUMP_TOLERANCE) -> list[Jump]:
    """Where `derivative` (a vectorised f') jumps between neighbouring samples of x.

    Each interval [xₖ, xₖ₊₁] is halved 44 times, keeping the half where f' changes more:
    a continuous f' changes by about |f''| × 1e-15 over what is left, a jump keeps its full
    size. The jump's x is where the halving ends (rounded to 12 decimals, so 0 is 0), its
    `value` f'(x) there, `left`/`right` f' just below and above.
    """
    x = np.asarray(x, dtype=np.float64)
    if len(x) < 2:
        return []
    lo, hi = x[:-1].copy(), x[1:].copy()
    d = lambda t: np.asarray(derivative(t), dtype=np.float64)  # noqa: E731
    d_lo, d_hi = d(lo), d(hi)
    with np.errstate(invalid="ignore"):
        for _ in range(44):
            mid = 0.5 * (lo + hi)
            d_mid = d(mid)
            left_half = np.abs(d_mid - d_lo) >= np.abs(d_hi - d_mid)
            hi, d_hi = np.where(left_half, mid, hi), np.where(left_half, d_mid, d_hi)
            lo, d_lo = np.where(left_half, lo, mid), np.where(left_half, d_lo, d_mid)
    jumps = []
    for k in np.flatnonzero(np.abs(d_hi - d_lo) > tolerance):
        at = round(float(0.5 * (lo[k] + hi[k])), 12)
        value = float(d(np.array([at]))[0])
        jumps.append(Jump(at, float(d_lo[k]), float(d_hi[k]), value))
    return jumps


def split_at_jumps(x: np.ndarray, y: np.ndarray, jumps: list[Jump]) -> tuple[np.ndarray, np.ndarray]:
    """x, y with each jump's gap written in: ..., (x*, left), (x*, NaN), (x*, right), ...
    (a sample exactly at x* stays, as the end of the piece whose value it holds)."""
    xs, ys = list(np.asarray(x, dtype=np.float64)), list(np.asarray(y, dtype=np.float64))
    for jump in sorted(jumps, key=lambda j: j.x, reverse=True):
        k = int(np.searchsorted(x, jump.x, side="right"))  # first sample right of x*
        at_sample = k > 0 and x[k - 1] == jump.x
        if at_sample and math.isclose(y[k - 1], jump.right, abs_tol=1e-12):
            # f'(x*) belongs to the right piece: break before it.
            xs[k - 1:k - 1] = [jump.x, jump.x]
            ys[k - 1:k - 1] = [jump.left, math.nan]
            continue
        insert_x = [jump.x, jump.x]
        insert_y = [math.nan, jump.right]
        if not at_sample:
            insert_x, insert_y = [jump.x, *insert_x], [jump.left, *insert_y]
        xs[k:k] = insert_x
        ys[k:k] = insert_y
    return np.array(xs), np.array(ys)


def activation_curve(name: str, x: np.ndarray | None = None, threshold: float = SATURATION,
                     **params: float) -> ActivationCurve:
    """f, f', the flat regions and the jumps of f' of the core activation `name` (with
    its params) over x."""
    act = activations.get(name, **params)
    x = activation_x() if x is None else np.asarray(x, dtype=np.float64)
    f = np.asarray(act.forward(x), dtype=np.float64)
    df = np.asarray(act.derivative(x), dtype=np.float64)
    return ActivationCurve(name, act.title, act.formula, act.derivative_formula, x, f, df,
                           flat_regions(x, df, threshold), find_jumps(act.derivative, x))


def activation_at(name: str, x: float, **params: float) -> tuple[float, float]:
    """(f(x), f'(x)) at one point, for a hover readout."""
    act = activations.get(name, **params)
    xa = np.array([float(x)])
    return float(act.forward(xa)[0]), float(act.derivative(xa)[0])


# --- losses against the probability of the true class ---------------------------------


@dataclass(frozen=True)
class LossCurve:
    """L, dL/dp and ∂L/∂z_y for one sample of true class y, against p = q_y."""

    key: str
    label: str
    p: np.ndarray
    value: np.ndarray
    dvalue_dp: np.ndarray
    dvalue_dlogit: np.ndarray


def probability_grid(n: int = 397, lo: float = 0.005, hi: float = 0.995) -> np.ndarray:
    """p values strictly inside (0, 1), where every loss and slope is finite."""
    return np.linspace(lo, hi, n)


def logits_for(p: np.ndarray, num_classes: int, true_class: int = 0) -> np.ndarray:
    """(len(p), C) logits z = log q, q_y = p, q_k = (1 − p)/(C − 1): softmax(z) = q."""
    if num_classes < 2:
        raise ValueError(f"num_classes must be at least 2, got {num_classes}")
    p = np.asarray(p, dtype=np.float64)
    z = np.repeat(np.log((1.0 - p) / (num_classes - 1))[:, None], num_classes, axis=1)
    z[:, true_class] = np.log(p)
    return z


def loss_curve(loss: Any, p: np.ndarray, num_classes: int = 2, true_class: int = 0,
               scale: float = 1.0, key: str | None = None, label: str | None = None) -> LossCurve:
    """The per-sample loss of the core `loss` (object or name) at each p, and its slopes.

    Each p is one sample: the loss is evaluated on that row alone (a batch of one, so a
    mean over the batch is that sample's loss). `scale` multiplies value and slopes (the
    explorer uses it for the class weight of weighted cross-entropy, see `standard_curves`).
    """
    loss = losses.get(loss) if isinstance(loss, str) else loss
    p = np.asarray(p, dtype=np.float64)
    z = logits_for(p, num_classes, true_class)
    y = np.full(len(p), true_class)
    value = np.array([loss.value(z[i : i + 1], y[i : i + 1]) for i in range(len(p))])
    # The batch's mean loss has ∂/∂z_i = (1/N) ∂L_i/∂z_i: one call, times N, gives every row.
    g = np.asarray(loss.grad(z, y), dtype=np.float64) * len(p)
    g_true = g[:, true_class]
    g_rest = g.sum(axis=1) - g_true
    dvalue_dp = g_true / p - g_rest / (1.0 - p)  # dL/dp = (∂L/∂z_y)/p − Σ_{k≠y} (∂L/∂z_k)/(1 − p)
    return LossCurve(key or loss.name, label or loss.title, p, scale * value, scale * dvalue_dp,
                     scale * g_true)


def fixed_curves(p: np.ndarray | None = None) -> list[LossCurve]:
    """Cross-entropy and MSE on softmax against one-hot (2 and 10 classes): no parameters.

    On the default `probability_grid` they are computed once and shared (read-only arrays).
    """
    if p is None:
        return list(_default_fixed_curves())
    return [
        loss_curve("cross_entropy", p, key="cross_entropy", label="Cross-entropy"),
        loss_curve("softmax_mse", p, 2, key="softmax_mse_2", label="MSE on softmax, 2 classes"),
        loss_curve("softmax_mse", p, 10, key="softmax_mse_10", label="MSE on softmax, 10 classes"),
    ]


@functools.lru_cache(maxsize=1)
def _default_fixed_curves() -> tuple[LossCurve, ...]:
    curves = fixed_curves(probability_grid())
    for curve in curves:
        for array in (curve.p, curve.value, curve.dvalue_dp, curve.dvalue_dlogit):
            array.flags.writeable = False
    return tuple(curves)


def weighted_curve(p: np.ndarray, weight: float) -> LossCurve:
    """Weighted cross-entropy for a sample whose class has weight wₜ = `weight`.

    torch's weighted CE is Σ w_yᵢ ℓᵢ / Σ w_yᵢ. For a lone sample the weight cancels, so the
    curve shows the sample's term w_y ℓ as it enters the numerator: how much this class
    counts against a class of weight 1.
    """
    return loss_curve(losses.get("weighted_cross_entropy", weights=[weight, 1.0]), p, scale=weight,
                      key="weighted_cross_entropy", label=f"Weighted cross-entropy, wₜ = {weight:g}")


def focal_curve(p: np.ndarray, gamma: float, alpha: float = 1.0) -> LossCurve:
    """Focal loss −α (1 − p)ᵞ log p; γ = 0 and α = 1 is cross-entropy."""
    return loss_curve(losses.get("focal", gamma=gamma, alpha=[alpha, alpha]), p, key="focal",
                      label=f"Focal loss, γ = {gamma:g}, α = {alpha:g}")


def standard_curves(p: np.ndarray | None = None, weight: float = 3.0, gamma: float = 2.0,
                    alpha: float = 1.0) -> list[LossCurve]:
    """The explorer's five curves: `fixed_curves`, `weighted_curve`, `focal_curve`."""
    fixed = fixed_curves(p)
    p = fixed[0].p
    return [*fixed, weighted_curve(p, weight), focal_curve(p, gamma, alpha)]


def at(curve: LossCurve, p: float, which: str = "value") -> float:
    """A curve's `value`, `dvalue_dp` or `dvalue_dlogit` at probability p (interpolated)."""
    return float(np.interp(p, curve.p, getattr(curve, which)))
