""""Check my gradients": the explorer's demonstration of a finite-difference gradient check.

A small MLP on random data, its backprop gradient compared entry by entry with central
finite differences (`gradlab.core.mlp.compare_gradients`). A learner can also plant one of
the classic backprop bugs and watch the relative error jump from ~1e-9 to ~1e-1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gradlab.core import activations, losses
from gradlab.core.mlp import MLP, compare_gradients, init_params, relative_error

SIZES = (4, 8, 6, 3)
SAMPLES = 16
# Below this the gradients agree to rounding; above it, backprop is wrong somewhere.
TOLERANCE = 1e-6


class _ForgotDerivative:
    """δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾, without the ⊙ f′(z⁽ˡ⁾)."""

    def __init__(self, act) -> None:
        self.forward = act.forward
        self.derivative = np.ones_like


class _BiasMeanMLP(MLP):
    """∂C/∂b⁽ˡ⁾ taken as the batch mean of δ⁽ˡ⁾ instead of its sum (the loss already has 1/N)."""

    def backward(self, delta_out, a, zs):
        return [(dW, db / len(a[0])) for dW, db in super().backward(delta_out, a, zs)]


class _UntransposedMLP(MLP):
    """∂C/∂W⁽ˡ⁾ = a⁽ˡ⁻¹⁾ (δ⁽ˡ⁾)ᵀ reshaped to W's shape instead of δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ (in code,
    whose rows are samples, `a_prev.T @ d` reshaped instead of `d.T @ a_prev`)."""

    def backward(self, delta_out, a, zs):
        return [((a_prev.T @ d).reshape(dW.shape), db)
                for (dW, db), a_prev, d in zip(super().backward(delta_out, a, zs), a, self._deltas(delta_out, a, zs))]

    def _deltas(self, delta_out, a, zs):
        deltas = [delta_out]
        for l in range(len(self.params) - 1, 0, -1):
            deltas.append((deltas[-1] @ self.params[l][0]) * self.activation.derivative(zs[l - 1]))
        return deltas[::-1]


BUGS = {
    "none": "No bug: the textbook equations",
    "forgot_derivative": "Forgot ⊙ f′(z⁽ˡ⁾) in δ⁽ˡ⁾",
    "bias_mean": "∂C/∂b = mean of δ instead of sum",
    "untransposed": "∂C/∂W = a δᵀ reshaped, not δ aᵀ",
}

# δ⁽ᴸ⁾ for the losses the backprop equations (`gradlab.core.backprop.phases`) do not
# write out: MSE on the raw outputs, Cᵢ = (1/K) Σₖ (zₖ⁽ᴸ⁾ − tₖ)² with K outputs.
_OUTPUT_DELTAS = {"mse": "2(zᵢ⁽ᴸ⁾ − tᵢ)/K,  K = number of outputs"}


def output_delta(loss: str, sizes: tuple[int, ...] = SIZES) -> str:
    """δ⁽ᴸ⁾ of the output layer for the loss `loss`, as the equations panel writes it:

        δ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = <the loss's own form>

    (pᵢ − onehot(yᵢ) for cross-entropy only). The output layer is linear, so this is the
    loss's derivative with respect to the logits; the forms are the backprop tab's
    (`phases.output_delta_formula`), written for the general output layer L.
    """
    from gradlab.core.backprop import phases

    L = len(sizes) - 1
    mark = phases.layer_mark(L)
    head = phases.output_delta_formula(None, L)
    full = phases.output_delta_formula(loss, L)
    form = _OUTPUT_DELTAS.get(loss) or (full[len(head) + 3:] if full.startswith(head + " = ") else "")
    if not form:
        raise ValueError(f"no δ⁽ᴸ⁾ formula for loss {loss!r}")
    return f"δᵢ⁽ᴸ⁾ = ∂Cᵢ/∂zᵢ⁽ᴸ⁾ = {form.replace(mark, '⁽ᴸ⁾')}"


def loss_params(loss: str, num_classes: int = SIZES[-1]) -> dict:
    """The parameters the demo gives a loss: unequal class weights, so they matter."""
    return {"weights": [1.0 + k for k in range(num_classes)]} if loss == "weighted_cross_entropy" else {}


@dataclass(frozen=True)
class CheckResult:
    relative_error: float
    analytic: np.ndarray
    numeric: np.ndarray
    n_params: int
    passed: bool


def run(activation: str = "tanh", loss: str = "cross_entropy", bug: str = "none",
        sizes: tuple[int, ...] = SIZES, seed: int = 0) -> CheckResult:
    """Build the net (float64), plant `bug`, compare every gradient entry with finite differences."""
    if bug not in BUGS:
        raise ValueError(f"unknown bug {bug!r}; valid: {', '.join(BUGS)}")
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(SAMPLES, sizes[0]))
    y = rng.normal(size=(SAMPLES, sizes[-1])) if loss == "mse" else rng.integers(0, sizes[-1], SAMPLES)
    params = init_params(sizes, seed=seed, dtype=np.float64)
    act = activations.get(activation)
    loss_fn = losses.get(loss, **loss_params(loss, sizes[-1]))
    if bug == "forgot_derivative":
        net = MLP(params, _ForgotDerivative(act), loss_fn)
    else:
        cls = {"bias_mean": _BiasMeanMLP, "untransposed": _UntransposedMLP}.get(bug, MLP)
        net = cls(params, act, loss_fn)
    analytic, numeric = compare_gradients(net, x, y, loss_fn, n_checks=None)
    err = relative_error(analytic, numeric)
    return CheckResult(err, analytic, numeric, analytic.size, err < TOLERANCE)
