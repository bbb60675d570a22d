"""A multilayer perceptron with hand-written backpropagation (numpy only).

The forward and backward passes are the textbook equations, written for a batch of N
examples stored as rows (so the column-vector equation z = W a + b reads z = a Wᵀ + b):

    forward   z_l = W_l a_{l−1} + b_l,        a_l = f(z_l),       a_0 = x,  a_L = z_L (logits)
    output    δ_L = ∇_{z_L} C                 (= ∇_a C ⊙ f'(z_L) with a linear output, f' = 1;
                                                for softmax + cross-entropy this is p − y)
    hidden    δ_l = (W_{l+1})ᵀ δ_{l+1} ⊙ f'(z_l)
    weights   ∂C/∂W_l = δ_l a_{l−1}ᵀ,         ∂C/∂b_l = δ_l      (summed over the batch)

C is a core loss (`gradlab.core.losses`); its analytic `grad` gives δ_L, so every core loss
works, and its mean over the batch already carries the 1/N. f is a core activation.

Parameters are `[(W_1, b_1), ..., (W_L, b_L)]` with W of shape (out, in), the layout of
torch's `nn.Linear`, so the torch engine can load the very same numbers. The core
optimizers take this list as it is (a tree of arrays: `opt.update(grads, state, params)`
with grads in the same structure); `flatten` and `unflatten` turn it into one vector and
back (views, no copies) for the finite-difference check, which nudges one entry at a time.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import numpy as np

Params = list[tuple[np.ndarray, np.ndarray]]


def init_params(sizes: Sequence[int], seed: int, dtype: Any = np.float32) -> Params:
    """Weights and biases for layer sizes `[n_in, h_1, ..., n_out]`, as torch's nn.Linear draws them.

    torch's default is kaiming_uniform_(a=√5) for W and U(−1/√fan_in, 1/√fan_in) for b; both are
    U(−k, k) with k = 1/√fan_in. Drawn in float64 from numpy's Generator(seed), layer by layer
    (W, then b), then cast, so float32 and float64 nets start from the same numbers.
    """
    if len(sizes) < 2 or any(int(n) < 1 for n in sizes):
        raise ValueError(f"sizes must be at least two positive layer widths, got {list(sizes)}")
    rng = np.random.default_rng(seed)
    params: Params = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        k = 1.0 / np.sqrt(n_in)
        W = rng.uniform(-k, k, size=(n_out, n_in)).astype(dtype)
        b = rng.uniform(-k, k, size=n_out).astype(dtype)
        params.append((W, b))
    return params


def flatten(params: Params) -> np.ndarray:
    """All parameters in one vector θ = [vec W_1, b_1, ..., vec W_L, b_L] (a copy)."""
    return np.concatenate([p.ravel() for layer in params for p in layer])


def unflatten(theta: np.ndarray, like: Params) -> Params:
    """The inverse of `flatten`: views into `theta` shaped like `like`."""
    out: Params = []
    i = 0
    for W, b in like:
        Wv = theta[i : i + W.size].reshape(W.shape)
        i += W.size
        bv = theta[i : i + b.size]
        i += b.size
        out.append((Wv, bv))
    if i != theta.size:
        raise ValueError(f"theta has {theta.size} entries, the parameters need {i}")
    return out


def _as(x: np.ndarray, dtype: np.dtype) -> np.ndarray:
    # A core formula may hand back float64 for float32 input (np.where(x > 0, 1.0, 0.0));
    # cast once here so a float32 net never silently computes its backward pass in float64.
    return x if x.dtype == dtype else x.astype(dtype)


def _activation(activation: Any) -> Any:
    if isinstance(activation, str):
        from gradlab.core import activations

        return activations.get(activation)
    return activation


def _loss(loss: Any) -> Any:
    if isinstance(loss, str):
        from gradlab.core import losses

        return losses.get(loss)
    return loss


class MLP:
    """Fully connected layers with activation f between them and a linear output (logits).

    `activation` and `loss` are core objects or their names ("relu", "cross_entropy").
    `params` may be replaced at any time (an optimizer step makes a new list).
    """

    def __init__(self, params: Params, activation: Any, loss: Any = None) -> None:
        self.params = params
        self.activation = _activation(activation)
        self.loss = _loss(loss) if loss is not None else None

    @property
    def sizes(self) -> list[int]:
        return [self.params[0][0].shape[1]] + [W.shape[0] for W, _ in self.params]

    @property
    def dtype(self) -> np.dtype:
        return self.params[0][0].dtype

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Logits a_L = z_L for a batch x of shape (N, n_in)."""
        return self.forward_pass(x)[0][-1]

    def forward_pass(self, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """(a, zs): a[0] = x, then a_l for each layer (the last one is the logits z_L), and
        zs[l − 1] = z_l. What `backward` needs, and the hidden activations for inspection."""
        f = self.activation.forward
        dtype = self.dtype
        a = [np.asarray(x, dtype=dtype)]
        zs: list[np.ndarray] = []
        last = len(self.params) - 1
        for l, (W, b) in enumerate(self.params):
            z = a[-1] @ W.T + b  # z_l = W_l a_{l−1} + b_l   (rows: a Wᵀ + b)
            zs.append(z)
            a.append(z if l == last else _as(f(z), dtype))  # a_l = f(z_l); the output stays linear
        return a, zs

    def backward(self, delta_out: np.ndarray, a: list[np.ndarray], zs: list[np.ndarray]) -> Params:
        """Gradients [(∂C/∂W_l, ∂C/∂b_l)] from δ_L = ∂C/∂z_L and the forward pass's a and z."""
        df = self.activation.derivative
        dtype = self.dtype
        grads: Params = []
        delta = delta_out  # δ_L = ∇_{z_L} C
        for l in range(len(self.params) - 1, -1, -1):
            W = self.params[l][0]
            dW = delta.T @ a[l]  # ∂C/∂W_l = δ_l a_{l−1}ᵀ   (summed over the batch rows)
            db = delta.sum(axis=0)  # ∂C/∂b_l = δ_l
            grads.append((dW, db))
            if l > 0:
                delta = (delta @ W) * _as(df(zs[l - 1]), dtype)  # δ_{l−1} = W_lᵀ δ_l ⊙ f'(z_{l−1})
        grads.reverse()
        return grads

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray, loss: Any = None) -> tuple[float, Params]:
        """C(x, y) and its gradient with respect to every parameter, same structure as `params`."""
        loss = _loss(loss) if loss is not None else self.loss
        if loss is None:
            raise ValueError("no loss: pass one here or to MLP(..., loss=...)")
        a, zs = self.forward_pass(x)
        logits = a[-1]
        # δ_L = ∇_{z_L} C: the loss's analytic gradient w.r.t. the logits ((p − y)/N for CE)
        delta = _as(np.asarray(loss.grad(logits, y)), self.dtype)
        value = float(loss.value(logits, y))
        return value, self.backward(delta, a, zs)

    def gradient_check(
        self, x: np.ndarray, y: np.ndarray, loss: Any = None, eps: float = 1e-6,
        n_checks: int | None = 200, seed: int = 0,
    ) -> float:
        """See `gradient_check`."""
        return gradient_check(self, x, y, loss if loss is not None else self.loss, eps, n_checks, seed)


def compare_gradients(
    mlp: MLP, x: np.ndarray, y: np.ndarray, loss: Any, eps: float = 1e-6,
    n_checks: int | None = 200, seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """(backprop's g_i, finite differences' ĝ_i) for `n_checks` random entries i of θ, in float64.

        ĝ_i = (C(θ + ε e_i) − C(θ − ε e_i)) / (2ε)

    All entries when `n_checks` is None or at least their number. `mlp` is copied (same class,
    so a subclass with a broken backward stays broken) and run in float64.
    """
    probe = copy.copy(mlp)
    probe.params = [(W.astype(np.float64), b.astype(np.float64)) for W, b in mlp.params]
    x = np.asarray(x, dtype=np.float64)
    if np.issubdtype(np.asarray(y).dtype, np.floating):
        y = np.asarray(y, dtype=np.float64)
    loss = _loss(loss)
    _, grads = probe.loss_and_grads(x, y, loss)
    theta = flatten(probe.params)
    probe.params = unflatten(theta, probe.params)  # views: nudging theta[i] nudges the net
    n = theta.size
    rng = np.random.default_rng(seed)
    idx = np.arange(n) if n_checks is None or n_checks >= n else np.sort(rng.choice(n, n_checks, replace=False))
    numeric = np.empty(idx.size)
    for k, i in enumerate(idx):
        orig = theta[i]
        theta[i] = orig + eps
        plus = loss.value(probe.forward(x), y)
        theta[i] = orig - eps
        minus = loss.value(probe.forward(x), y)
        theta[i] = orig
        numeric[k] = (plus - minus) / (2 * eps)
    return flatten(grads)[idx], numeric


def relative_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    """‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂): 0 when equal, 1 when opposite or one is 0; 0 if both vanish."""
    denom = np.linalg.norm(analytic) + np.linalg.norm(numeric)
    return 0.0 if denom == 0 else float(np.linalg.norm(analytic - numeric) / denom)


def gradient_check(
    mlp: MLP, x: np.ndarray, y: np.ndarray, loss: Any, eps: float = 1e-6,
    n_checks: int | None = 200, seed: int = 0,
) -> float:
    """Relative error between backprop's gradient and central finite differences, in float64.

        ĝ_i = (C(θ + ε e_i) − C(θ − ε e_i)) / (2ε)
        error = ‖g − ĝ‖₂ / (‖g‖₂ + ‖ĝ‖₂)       over the checked entries i

    `n_checks` entries of θ are drawn at random (all of them when None). Correct backprop gives
    about 1e-8 or less (the finite difference's own error is O(ε²) plus rounding O(u/ε)); a
    wrong backward pass gives something of order 1e-2 or more.
    """
    return relative_error(*compare_gradients(mlp, x, y, loss, eps, n_checks, seed))
