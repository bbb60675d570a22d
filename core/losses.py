"""Loss functions, each with its gradient derived by hand beside it.

    loss = get("cross_entropy")
    loss.value(logits, labels)    a float
    loss.grad(logits, labels)     dL/d logits, same shape as logits

`forward` is written with `gradlab.core.backend` operations, so it runs on numpy arrays
and on torch tensors (the MNIST trainer backpropagates through it); `grad` is the
analytic gradient, derived in each docstring, which the tests hold against torch
autograd and finite differences.

Notation for the classification losses: outputs z are (N, C) logits, y are (N,) integer
labels, p = softmax(z) row by row, Y = one_hot(y), and for each sample i the log
probability of its true class is s_i = log p_t = z_{i,y_i} − logsumexp(z_i), computed
without overflow for logits of ±1000 and to full precision when p_t ≈ 1 (see `_log_pt`).
Every classification gradient is built on

    ∂s_i / ∂z_i = Y_i − p_i,

the derivative of log softmax.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from gradlab.core import backend as B

Array = Any  # np.ndarray or torch.Tensor


@dataclass(frozen=True)
class Loss:
    """A scalar loss L(outputs, targets) with its analytic gradient dL/d outputs."""

    name: str
    title: str
    params: dict[str, Any]
    formula: str
    forward_fn: Callable[[Array, Array], Array] = field(repr=False)
    grad_fn: Callable[[Array, Array], Array] = field(repr=False)
    check_fn: Callable[[Array, Array], None] = field(repr=False)
    takes_labels: bool = True  # targets are (N,) class labels; else values shaped like outputs

    def _prepare(self, outputs: Array, targets: Array) -> tuple[Array, Array]:
        """Validated outputs (floats) and targets of the same kind (numpy or torch, device)."""
        outputs = B.as_float_array(outputs)
        self.check_fn(outputs, targets)
        if self.takes_labels:
            return outputs, B.labels_like(targets, outputs)
        return outputs, B.as_like(targets, outputs)

    def forward(self, outputs: Array, targets: Array) -> Array:
        """L as a 0-d array, or a 0-d tensor that autograd can differentiate."""
        return self.forward_fn(*self._prepare(outputs, targets))

    def value(self, outputs: Array, targets: Array) -> float:
        """L as a Python float."""
        return B.to_float(self.forward(outputs, targets))

    def grad(self, outputs: Array, targets: Array) -> Array:
        """dL/d outputs, analytic, the same shape (and kind) as outputs."""
        return self.grad_fn(*self._prepare(outputs, targets))

    __call__ = forward


# --- validation ---------------------------------------------------------------------


def _shape(x: Array) -> tuple[int, ...]:
    return tuple(x.shape) if hasattr(x, "shape") else np.shape(x)


def _check_same_shape(outputs: Array, targets: Array) -> None:
    if _shape(targets) != _shape(outputs):
        raise ValueError(f"mse: targets have shape {_shape(targets)}, outputs {_shape(outputs)}")
    if int(np.prod(_shape(outputs))) == 0:
        raise ValueError("mse: outputs are empty")


def _check_labels(name: str, outputs: Array, labels: Array) -> None:
    """outputs (N, C) with N, C ≥ 1; labels (N,) integers in [0, C)."""
    if len(_shape(outputs)) != 2 or 0 in _shape(outputs):
        raise ValueError(f"{name}: outputs must be (N, C) logits with N, C ≥ 1, got shape {_shape(outputs)}")
    n, c = _shape(outputs)
    if B.is_torch(labels):
        if labels.is_floating_point() or labels.is_complex() or labels.dtype == B._torch().bool:
            raise ValueError(f"{name}: labels must be integers, got dtype {labels.dtype}")
        # On an accelerator, reading min/max would stall the training loop every batch
        # (a device sync); there torch's own indexing asserts on a label out of range.
        on_cpu = labels.device.type == "cpu"
        lo, hi = (int(labels.min()), int(labels.max())) if labels.numel() and on_cpu else (0, 0)
    else:
        labels = np.asarray(labels)
        if labels.dtype.kind not in "iu":
            raise ValueError(f"{name}: labels must be integers, got dtype {labels.dtype}")
        lo, hi = (int(labels.min()), int(labels.max())) if labels.size else (0, 0)
    if _shape(labels) != (n,):
        raise ValueError(f"{name}: labels must have shape ({n},) to match outputs {(n, c)}, got {_shape(labels)}")
    if lo < 0 or hi >= c:
        bad = lo if lo < 0 else hi
        raise ValueError(f"{name}: label {bad} is out of range for {c} classes (0..{c - 1})")


def _per_class(name: str, what: str, values: Any) -> np.ndarray:
    """A non-empty 1-D vector of finite, non-negative per-class numbers."""
    if B.is_torch(values):
        values = values.detach().cpu().numpy()
    try:
        arr = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: {what} must be numbers, one per class, got {values!r}") from None
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name}: {what} must be a 1-D list, one per class, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"{name}: {what} must be finite and ≥ 0, got {arr.tolist()}")
    return arr


def _check_per_class(name: str, what: str, values: np.ndarray, outputs: Array, labels: Array) -> None:
    c = _shape(outputs)[1]
    if values.size != c:
        raise ValueError(f"{name}: {what} has {values.size} entries but outputs have {c} classes")


# --- the losses: forward and gradient side by side ----------------------------------


def _mse(o: Array, t: Array) -> Array:
    """L = (1/n) Σ (o − t)², n = number of elements (torch's MSELoss())."""
    return B.mean((o - t) ** 2)


def _mse_grad(o: Array, t: Array) -> Array:
    """∂L/∂o = 2(o − t) / n."""
    return 2.0 * (o - t) / float(np.prod(_shape(o)))


def _log_pt(z: Array, y: Array) -> Array:
    """s_i = log softmax(z_i)[y_i] = z_{i,y_i} − logsumexp(z_i), stable and accurate.

    With m = max_j z_ij:  logsumexp(z_i) − m = log(1 + r),  r = Σ_{j ≠ one argmax} e^(z_ij − m),
    so s_i = (z_{i,y_i} − m) − log1p(r). For a confident right answer (p_t ≈ 1) both parts
    are exact, where z_y − logsumexp(z) would cancel (s ≈ −1e-13 from two numbers ≈ 30
    keeps only a few digits). r counts the other maxima (ties) as exactly 1 each.
    m is not detached: its gradient (shared among ties) is what makes autograd give p.
    """
    m = B.amax(z, axis=1, keepdims=True)
    below = z < m
    zeros = B.zeros_like(z)
    rest = B.sum(B.where(below, B.exp(z - m), zeros), axis=1)
    ties = (_shape(z)[1] - 1) - B.sum(B.where(below, B.ones_like(z), zeros), axis=1)
    return (B.take_labels(z, y) - m[:, 0]) - B.log1p(rest + ties)


def _cross_entropy(z: Array, y: Array) -> Array:
    """L = (1/N) Σ_i −log p_{i,y_i} = −(1/N) Σ_i s_i."""
    return -B.mean(_log_pt(z, y))


def _y_minus_p(z: Array, y: Array, s: Array) -> Array:
    """∂s_i/∂z_i = Y_i − p_i, with the true class's entry 1 − p_t taken as −expm1(s_i):
    exact even when p_t rounds to 1 (1 − p_t would then cancel to a few digits)."""
    c = _shape(z)[1]
    y_hot = B.one_hot(y, c, like=z)
    return B.where(y_hot > 0, -B.expm1(s)[:, None] * y_hot, -B.softmax(z, axis=1))


def _cross_entropy_grad(z: Array, y: Array) -> Array:
    """∂L/∂z_i = −(1/N) ∂s_i/∂z_i = (p_i − Y_i) / N."""
    return -_y_minus_p(z, y, _log_pt(z, y)) / float(_shape(z)[0])


def _weighted_ce(weights: np.ndarray) -> tuple[Callable, Callable]:
    def forward(z: Array, y: Array) -> Array:
        """L = Σ_i w_{y_i} (−s_i) / Σ_i w_{y_i} (torch's F.cross_entropy(weight=w))."""
        w = B.gather_weights(weights, y, like=z)
        return -B.sum(w * _log_pt(z, y)) / B.sum(w)

    def grad(z: Array, y: Array) -> Array:
        """∂L/∂z_i = w_{y_i} (p_i − Y_i) / Σ_j w_{y_j} (the denominator does not depend on z)."""
        w = B.gather_weights(weights, y, like=z)
        return -w[:, None] * _y_minus_p(z, y, _log_pt(z, y)) / B.sum(w)

    return forward, grad


def _focal(gamma: float, alpha: np.ndarray | None) -> tuple[Callable, Callable]:
    def pieces(z: Array, y: Array) -> tuple[Array, Array, Array]:
        """s = log p_t (≤ 0), u = 1 − p_t = −expm1(s) (exact even when p_t ≈ 1), α_y."""
        s = B.minimum(_log_pt(z, y), 0.0)
        u = B.maximum(-B.expm1(s), 0.0)
        a = B.gather_weights(alpha, y, like=z) if alpha is not None else B.ones_like(s)
        return s, u, a

    def forward(z: Array, y: Array) -> Array:
        """L = (1/N) Σ_i −α_{y_i} (1 − p_t)^γ log p_t,  p_t = softmax(z_i)[y_i]."""
        s, u, a = pieces(z, y)
        if gamma == 0.0:
            modulating = B.ones_like(u)  # (1 − p_t)^0 = 1, even at p_t = 1
        else:
            # Below the dtype's smallest normal number, 1 − p_t counts as 0: autograd of u^γ
            # would meet u^(γ−1) = inf for γ < 1 (0·∞ = nan). The term dropped,
            # |α u^γ s| ≈ α u^(1+γ), is below 1e-38 (float32) or 1e-308 (float64).
            live = u > B.tiny(u)
            safe_u = B.where(live, u, B.ones_like(u))  # keeps the unused branch's gradient finite
            modulating = B.where(live, safe_u**gamma, B.zeros_like(u))
        return B.mean(-a * modulating * s)

    def grad(z: Array, y: Array) -> Array:
        """With ℓ = −α u^γ s, u = 1 − e^s:  du/ds = −p_t, so

            dℓ/ds = −α u^γ + α γ p_t s u^(γ−1) = −α u^γ (1 + γ p_t h),  h = −s/u = s / expm1(s),

        using s u^(γ−1) = (s/u) u^γ; h → 1 as p_t → 1 (no u^(γ−1), so no 0·∞ for γ < 1)
        and h = −s when p_t → 0 (where p_t h → 0). Then ∂L/∂z_i = (1/N) dℓ_i/ds_i (Y_i − p_i).
        """
        n = _shape(z)[0]
        s, u, a = pieces(z, y)
        nonzero = s < 0
        safe_s = B.where(nonzero, s, -B.ones_like(s))
        h = B.where(nonzero, safe_s / B.expm1(safe_s), B.ones_like(s))
        dl_ds = -a * u**gamma * (1.0 + gamma * B.exp(s) * h)
        return dl_ds[:, None] * _y_minus_p(z, y, s) / float(n)

    return forward, grad


def _softmax_mse(z: Array, y: Array) -> Array:
    """L = (1/(NC)) Σ_{i,k} (p_{ik} − Y_{ik})²."""
    c = _shape(z)[1]
    return B.mean((B.softmax(z, axis=1) - B.one_hot(y, c, like=z)) ** 2)


def _softmax_mse_grad(z: Array, y: Array) -> Array:
    """g = ∂L/∂p = 2(p − Y)/(NC); through softmax (∂p_k/∂z_j = p_k(δ_kj − p_j)):

        ∂L/∂z_j = p_j (g_j − Σ_k g_k p_k).
    """
    n, c = _shape(z)
    p = B.softmax(z, axis=1)
    g = 2.0 * (p - B.one_hot(y, c, like=z)) / float(n * c)
    return p * (g - B.sum(g * p, axis=1, keepdims=True))


# --- the registry -------------------------------------------------------------------


def _no_params(name: str, params: dict) -> None:
    if params:
        raise ValueError(f"{name}: unknown parameter(s) {', '.join(map(repr, params))}")


def _labels_checker(name: str, *per_class: tuple[str, np.ndarray]) -> Callable:
    def check(outputs: Array, labels: Array) -> None:
        _check_labels(name, outputs, labels)
        for what, values in per_class:
            _check_per_class(name, what, values, outputs, labels)

    return check


def _make_mse(p: dict) -> Loss:
    _no_params("mse", p)
    return Loss("mse", "Mean squared error", {}, "L = (1/n) Σ (o − t)²",
                _mse, _mse_grad, _check_same_shape, takes_labels=False)


def _make_cross_entropy(p: dict) -> Loss:
    _no_params("cross_entropy", p)
    return Loss("cross_entropy", "Cross-entropy", {},
                "L = −(1/N) Σᵢ log softmax(zᵢ)[yᵢ]",
                _cross_entropy, _cross_entropy_grad, _labels_checker("cross_entropy"))


def _make_weighted_ce(p: dict) -> Loss:
    name = "weighted_cross_entropy"
    if "weights" not in p:
        raise ValueError(f"{name}: needs weights, one per class")
    weights = _per_class(name, "weights", p.pop("weights"))
    _no_params(name, p)
    if weights.sum() == 0:
        raise ValueError(f"{name}: weights are all 0, got {weights.tolist()}")
    forward, grad = _weighted_ce(weights)

    def check(outputs: Array, labels: Array) -> None:
        _labels_checker(name, ("weights", weights))(outputs, labels)
        if B.is_torch(labels) and labels.device.type != "cpu":
            return  # no device sync per batch (see _check_labels); 0/0 gives nan there
        y = labels.numpy() if B.is_torch(labels) else np.asarray(labels)
        if weights[y].sum() == 0:
            raise ValueError(f"{name}: the weights of these labels sum to 0 (the loss is 0/0)")

    return Loss(name, "Weighted cross-entropy", {"weights": weights.tolist()},
                "L = Σᵢ w_yᵢ (−log softmax(zᵢ)[yᵢ]) / Σᵢ w_yᵢ", forward, grad, check)


def _make_focal(p: dict) -> Loss:
    gamma = p.pop("gamma", 2.0)
    if isinstance(gamma, bool) or not isinstance(gamma, (int, float)) or not math.isfinite(gamma) or gamma < 0:
        raise ValueError(f"focal: gamma must be a finite number ≥ 0, got {gamma!r}")
    alpha = p.pop("alpha", None)
    alpha = None if alpha is None else _per_class("focal", "alpha", alpha)
    _no_params("focal", p)
    forward, grad = _focal(float(gamma), alpha)
    per_class = () if alpha is None else (("alpha", alpha),)
    return Loss("focal", "Focal loss",
                {"gamma": float(gamma), "alpha": None if alpha is None else alpha.tolist()},
                "L = −(1/N) Σᵢ α_yᵢ (1 − pₜ)^γ log pₜ,  pₜ = softmax(zᵢ)[yᵢ]",
                forward, grad, _labels_checker("focal", *per_class))


def _make_softmax_mse(p: dict) -> Loss:
    _no_params("softmax_mse", p)
    return Loss("softmax_mse", "MSE on softmax", {},
                "L = (1/(NC)) Σᵢₖ (softmax(zᵢ)ₖ − onehot(yᵢ)ₖ)²",
                _softmax_mse, _softmax_mse_grad, _labels_checker("softmax_mse"))


_MAKERS: dict[str, Callable[[dict], Loss]] = {
    "mse": _make_mse,
    "cross_entropy": _make_cross_entropy,
    "weighted_cross_entropy": _make_weighted_ce,
    "focal": _make_focal,
    "softmax_mse": _make_softmax_mse,
}


def names() -> list[str]:
    """The loss names `get` accepts, in display order."""
    return list(_MAKERS)


def get(name: str, **params: Any) -> Loss:
    """The loss called `name`. Parameters: weighted_cross_entropy `weights` (one per
    class, ≥ 0, not all 0); focal `gamma` (≥ 0, default 2.0) and `alpha` (None, or one
    per class, ≥ 0)."""
    if name not in _MAKERS:
        raise ValueError(f"unknown loss {name!r}; valid names: {', '.join(_MAKERS)}")
    return _MAKERS[name](dict(params))
