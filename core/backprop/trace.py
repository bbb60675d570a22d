"""One backpropagation, every intermediate kept: what the Backpropagation tab shows.

`trace(params, activation, x, y, loss)` runs the network once forward and once backward,
by hand, and returns an immutable `Trace` holding each number the textbook equations
produce. Layers are numbered 1..L, layer 0 is the input; a batch of N examples is stored
as rows, so the column-vector equation z = W a + b reads z = a Wᵀ + b. For sample i:

    forward   z_i⁽ˡ⁾ = W⁽ˡ⁾ a_i⁽ˡ⁻¹⁾ + b⁽ˡ⁾,      a_i⁽ˡ⁾ = f(z_i⁽ˡ⁾),   a_i⁽⁰⁾ = x_i
              the output layer is linear: z⁽ᴸ⁾ are the logits, p_i = softmax(z_i⁽ᴸ⁾)
    loss      C = mean_i C_i              (C_i: sample i's own share of the batch loss)
    output    δ_i⁽ᴸ⁾ = ∂C_i/∂z_i⁽ᴸ⁾       (= ∇_a C ⊙ f'(z⁽ᴸ⁾) with f' = 1 at a linear output;
                                            for softmax + cross-entropy, p_i − onehot(y_i))
    nudge     ∂C_i/∂a_i⁽ˡ⁻¹⁾ = (W⁽ˡ⁾)ᵀ δ_i⁽ˡ⁾     (for l = 1 this is ∂C_i/∂x_i, the input gradient)
    hidden    δ_i⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ_i⁽ˡ⁺¹⁾ ⊙ f'(z_i⁽ˡ⁾)
    weights   ∂C/∂W⁽ˡ⁾ = (1/N) Σ_i δ_i⁽ˡ⁾ (a_i⁽ˡ⁻¹⁾)ᵀ,      ∂C/∂b⁽ˡ⁾ = (1/N) Σ_i δ_i⁽ˡ⁾
    update    (Δθ, state') = optimizer.update(∂C/∂θ, state, θ),    θ' = θ + Δθ

δ is kept per sample (each sample's own derivative, not divided by N) because that is
what a learner reads off one example; the batch's ∂C/∂z⁽ˡ⁾ is δ⁽ˡ⁾ / N.

The pieces are GradLab's own: the forward pass is `gradlab.core.mlp.MLP.forward_pass`,
f and f' come from `gradlab.core.activations`, δ⁽ᴸ⁾ from the core loss's analytic `grad`
(of the batch loss, times N: only C_i depends on z_i), and the step from the core
optimizer's pure `init`/`update` on the `[(W, b), ...]` tree. Everything is computed in
float64 and every array of the result is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from gradlab.core import activations as _activations
from gradlab.core import backend as B
from gradlab.core import losses as _losses
from gradlab.core.mlp import MLP
from gradlab.core.optimizers import Optimizer

__all__ = ["CLASSIFICATION_LOSSES", "Trace", "Update", "trace"]

# Losses of logits and integer labels whose batch value is a mean of per-sample terms.
CLASSIFICATION_LOSSES = ("cross_entropy", "weighted_cross_entropy", "focal", "softmax_mse")

Params = list[tuple[np.ndarray, np.ndarray]]


def _frozen(x: Any) -> np.ndarray:
    """A float64 copy that nobody can write to: the caller's arrays stay theirs."""
    out = np.array(x, dtype=np.float64)
    out.setflags(write=False)
    return out


def _shared_or_frozen(x: Any) -> np.ndarray:
    """`x` itself when it is already a read-only float64 array owning its data (a previous
    trace's W and b, passed back as `list(zip(t.W, t.b))`), else a frozen copy.

    The tab re-traces the same 784-512-256-10 weights on every stroke of a drawn digit;
    sharing them skips copying 3.3 MB each time. Nothing can change such an array short of
    its owner turning writing back on (`setflags(write=True)`), which no GradLab code does.
    """
    if (isinstance(x, np.ndarray) and x.dtype == np.float64 and not x.flags.writeable
            and x.flags.owndata):
        return x
    return _frozen(x)


def _freeze_owned(x: np.ndarray) -> np.ndarray:
    """Read-only in place: for arrays this module just computed (no one else holds them)."""
    if x.dtype != np.float64:
        x = x.astype(np.float64)
    x.setflags(write=False)
    return x


@dataclass(frozen=True, eq=False)
class Update:
    """The optimizer's step Δθ per parameter (θ_new = θ + Δθ); index 0 is layer 1."""

    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]


@dataclass(frozen=True, eq=False)
class Trace:
    """Every forward and backward number of one backpropagation (see the module docstring).

    Shapes (N samples, layer widths n_0 .. n_L); tuples are indexed from 0, so the entry
    for layer l of a per-layer tuple (W, b, z, delta, grad_W, grad_b, fprime) is [l − 1],
    while the per-activation tuples (a, dC_da) start at layer 0 and are indexed [l]:

        sizes (n_0, ..., n_L)      x (N, n_0)     y (N,) int64
        W[l−1] (n_l, n_(l−1))      b[l−1] (n_l,)
        z[l−1] (N, n_l), l = 1..L              a[l] (N, n_l), l = 0..L−1 (a[0] = x)
        fprime[l−1] = f'(z⁽ˡ⁾), l = 1..L−1     p (N, n_L) = softmax(z⁽ᴸ⁾)
        loss = C, sample_losses (N,) with C = mean(sample_losses)
        delta[l−1] (N, n_l): δ_i = ∂C_i/∂z_i⁽ˡ⁾
        grad_W[l−1], grad_b[l−1]: ∂C/∂W⁽ˡ⁾, ∂C/∂b⁽ˡ⁾ of the batch loss
        dC_da[l] (N, n_l): ∂C_i/∂a_i⁽ˡ⁾, l = 0..L−1 (dC_da[0] = input_grad)
        update: the optimizer's Δθ, or None; next_state: its state after the step
    """

    sizes: tuple[int, ...]
    activation: str
    loss_name: str
    loss_params: dict
    x: np.ndarray
    y: np.ndarray
    W: tuple[np.ndarray, ...]
    b: tuple[np.ndarray, ...]
    z: tuple[np.ndarray, ...]
    a: tuple[np.ndarray, ...]
    fprime: tuple[np.ndarray, ...]
    p: np.ndarray
    loss: float
    sample_losses: np.ndarray
    delta: tuple[np.ndarray, ...]
    grad_W: tuple[np.ndarray, ...]
    grad_b: tuple[np.ndarray, ...]
    dC_da: tuple[np.ndarray, ...]
    update: Update | None = None
    next_state: Any = None
    # Beyond the contract: what the equation view needs to show the step and f's parameter.
    activation_params: dict | None = None
    optimizer: Optimizer | None = None
    state: Any = None  # the optimizer state the step started from

    @property
    def n_layers(self) -> int:
        """L, the number of weight layers."""
        return len(self.W)

    @property
    def n_samples(self) -> int:
        return int(self.x.shape[0])

    @property
    def input_grad(self) -> np.ndarray:
        """∂C_i/∂x_i, (N, n_0): how each input pixel/feature pushes sample i's loss."""
        return self.dC_da[0]

    def next_params(self) -> Params:
        """θ + Δθ as new, writable `[(W, b), ...]` arrays; ValueError without an optimizer."""
        if self.update is None:
            raise ValueError("this trace has no update: pass optimizer= to trace()")
        return [(W + dW, b + db) for W, b, dW, db in zip(self.W, self.b, self.update.W, self.update.b)]

    def weight_terms(self, layer: int, j: int, k: int) -> np.ndarray:
        """The N per-sample terms δ_ij⁽ˡ⁾ a_ik⁽ˡ⁻¹⁾ whose mean is grad_W[layer − 1][j, k]."""
        L = self.n_layers
        if not isinstance(layer, (int, np.integer)) or not 1 <= layer <= L:
            raise ValueError(f"layer must be 1..{L}, got {layer!r}")
        n_out, n_in = self.W[layer - 1].shape
        if not isinstance(j, (int, np.integer)) or not 0 <= j < n_out:
            raise ValueError(f"unit j must be 0..{n_out - 1} in layer {layer}, got {j!r}")
        if not isinstance(k, (int, np.integer)) or not 0 <= k < n_in:
            raise ValueError(f"input k must be 0..{n_in - 1} of layer {layer - 1}, got {k!r}")
        return self.delta[layer - 1][:, j] * self.a[layer - 1][:, k]

    def to_json(self, include_params: bool = True) -> dict[str, Any]:
        """Plain lists and floats (row-major), the `gradlab backprop` JSON.

        Keys: sizes, activation, loss_name, loss_params, loss, x, y, [W, b], z, a, p,
        sample_losses, delta, grad_W, grad_b, input_grad, update ({"W", "b"} or None).
        """
        def many(arrays: Sequence[np.ndarray]) -> list:
            return [arr.tolist() for arr in arrays]

        out: dict[str, Any] = {
            "sizes": list(self.sizes),
            "activation": self.activation,
            "loss_name": self.loss_name,
            "loss_params": dict(self.loss_params),
            "loss": float(self.loss),
            "x": self.x.tolist(),
            "y": [int(v) for v in self.y],
        }
        if include_params:
            out["W"] = many(self.W)
            out["b"] = many(self.b)
        out.update({
            "z": many(self.z),
            "a": many(self.a),
            "p": self.p.tolist(),
            "sample_losses": self.sample_losses.tolist(),
            "delta": many(self.delta),
            "grad_W": many(self.grad_W),
            "grad_b": many(self.grad_b),
            "input_grad": self.input_grad.tolist(),
            "update": None if self.update is None
            else {"W": many(self.update.W), "b": many(self.update.b)},
        })
        return out


# -- checking what comes in --------------------------------------------------------


def _real_array(value: Any, what: str) -> np.ndarray:
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be an array of numbers") from None
    if arr.dtype.kind not in "fiu":
        raise ValueError(f"{what} must be real numbers, got dtype {arr.dtype}")
    return arr


def _check_params(params: Any) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """(W per layer, b per layer), read-only float64 (copies, unless already read-only
    float64 arrays of their own: see `_shared_or_frozen`); ValueError names the bad one."""
    if not isinstance(params, (list, tuple)) or len(params) == 0:
        raise ValueError("params must be a non-empty list [(W_1, b_1), ..., (W_L, b_L)]")
    Ws, bs = [], []
    for l, layer in enumerate(params, start=1):
        if not isinstance(layer, (list, tuple)) or len(layer) != 2:
            raise ValueError(f"params[{l - 1}] (layer {l}) must be a pair (W, b)")
        W = _real_array(layer[0], f"W of layer {l}")
        b = _real_array(layer[1], f"b of layer {l}")
        if W.ndim != 2 or 0 in W.shape:
            raise ValueError(f"W of layer {l} must be a non-empty 2-D array (n_{l}, n_{l - 1}), got shape {W.shape}")
        if b.shape != (W.shape[0],):
            raise ValueError(f"b of layer {l} must have shape ({W.shape[0]},) to match W {W.shape}, got {b.shape}")
        if Ws and W.shape[1] != Ws[-1].shape[0]:
            raise ValueError(
                f"W of layer {l} takes {W.shape[1]} inputs but layer {l - 1} has {Ws[-1].shape[0]} units"
            )
        W, b = _shared_or_frozen(W), _shared_or_frozen(b)
        if not (np.isfinite(W).all() and np.isfinite(b).all()):
            raise ValueError(f"the parameters of layer {l} contain NaN or inf")
        Ws.append(W)
        bs.append(b)
    return tuple(Ws), tuple(bs)


def _check_batch(x: Any, y: Any, n_in: int, n_out: int) -> tuple[np.ndarray, np.ndarray]:
    x = _real_array(x, "x")
    if x.ndim != 2 or x.shape[0] < 1 or x.shape[1] != n_in:
        raise ValueError(f"x must have shape (N, {n_in}) with N >= 1, got {x.shape}")
    x = _frozen(x)
    if not np.isfinite(x).all():
        raise ValueError("x contains NaN or inf")
    y_arr = np.asarray(y)
    if y_arr.dtype.kind not in "iu":
        raise ValueError(f"y must be integer labels, got dtype {y_arr.dtype}")
    if y_arr.shape != (x.shape[0],):
        raise ValueError(f"y must have shape ({x.shape[0]},), one label per row of x, got {y_arr.shape}")
    bad = y_arr[(y_arr < 0) | (y_arr >= n_out)]
    if bad.size:
        raise ValueError(f"label {int(bad[0])} is out of range for {n_out} classes (0..{n_out - 1})")
    y_arr = np.array(y_arr, dtype=np.int64)
    y_arr.setflags(write=False)
    return x, y_arr


def _activation(activation: Any) -> _activations.Activation:
    if isinstance(activation, str):
        return _activations.get(activation)  # ValueError lists the valid names
    if isinstance(activation, _activations.Activation):
        return activation
    raise ValueError(f"activation must be a name or an Activation, got {activation!r}")


def _loss(loss: Any) -> _losses.Loss:
    if isinstance(loss, str):
        if loss not in CLASSIFICATION_LOSSES:
            raise ValueError(f"unknown loss {loss!r} for a trace; valid: {', '.join(CLASSIFICATION_LOSSES)}")
        return _losses.get(loss)  # weighted_cross_entropy by name: ValueError, it needs weights
    if isinstance(loss, _losses.Loss):
        if loss.name not in CLASSIFICATION_LOSSES:
            raise ValueError(f"loss {loss.name!r} cannot be traced; valid: {', '.join(CLASSIFICATION_LOSSES)}")
        return loss
    raise ValueError(f"loss must be a name or a Loss, got {loss!r}")


def _sample_losses(loss: _losses.Loss, logits: np.ndarray, y: np.ndarray) -> np.ndarray:
    """C_i with C = mean_i C_i.

    cross_entropy, focal and softmax_mse are means over the samples of the same loss of one
    sample, so C_i is the loss of row i alone. Weighted cross-entropy is
    C = Σ_i w_(y_i) ℓ_i / Σ_j w_(y_j) with ℓ_i = −log p_(i, y_i), so C_i = N w_(y_i) ℓ_i / Σ_j w_(y_j).
    """
    n = logits.shape[0]
    rows = [(logits[i : i + 1], y[i : i + 1]) for i in range(n)]
    if loss.name == "weighted_cross_entropy":
        ce = _losses.get("cross_entropy")
        w = np.asarray(loss.params["weights"], dtype=np.float64)[y]
        ell = np.array([ce.value(z_i, y_i) for z_i, y_i in rows])
        return n * w * ell / w.sum()
    return np.array([loss.value(z_i, y_i) for z_i, y_i in rows])


def _leaves(tree: Any) -> list:
    if isinstance(tree, (list, tuple)):
        return [leaf for sub in tree for leaf in _leaves(sub)]
    return [tree]


def _check_state(optimizer: Optimizer, state: Any, W: tuple, b: tuple) -> None:
    if not isinstance(state, optimizer.state_type):
        raise ValueError(
            f"state must be {optimizer.state_type.__name__} (from {optimizer.name}'s init), "
            f"got {type(state).__name__}"
        )
    shapes = [arr.shape for pair in zip(W, b) for arr in pair]
    for name, slot in zip(optimizer.slot_names, state[1:]):
        if not isinstance(slot, (list, tuple)):
            continue  # a scalar slot (NAdam's mu_product)
        got = [np.shape(leaf) for leaf in _leaves(slot)]
        if got != shapes:
            raise ValueError(f"optimizer state {name!r} does not fit these params (shapes {got} vs {shapes})")


def _freeze_tree(tree: Any) -> Any:
    """The same structure with every array leaf a read-only float64 copy."""
    if isinstance(tree, tuple) and hasattr(tree, "_fields"):  # a NamedTuple state
        return type(tree)(*(_freeze_tree(v) for v in tree))
    if isinstance(tree, (list, tuple)):
        return type(tree)(_freeze_tree(v) for v in tree)
    if isinstance(tree, np.ndarray):
        return _frozen(tree)
    return tree


# -- the trace -----------------------------------------------------------------------


def trace(
    params: Sequence[tuple[np.ndarray, np.ndarray]],
    activation: Any,
    x: Any,
    y: Any,
    loss: Any = "cross_entropy",
    *,
    optimizer: Optimizer | None = None,
    state: Any = None,
) -> Trace:
    """Forward, loss, backward and (with `optimizer`) one update, every number kept.

    params: `[(W_1, b_1), ..., (W_L, b_L)]`, W⁽ˡ⁾ of shape (n_l, n_(l−1)), any real dtype;
    copied, except read-only float64 arrays that own their data (a previous trace's:
    `list(zip(t.W, t.b))`), which are shared: re-tracing the same weights costs no copy.
    activation: a core activation name or `Activation` (hidden layers; the output is linear).
    x: (N, n_0) inputs; y: (N,) integer labels in 0..n_L − 1 (the target asked about).
    loss: cross_entropy, weighted_cross_entropy, focal or softmax_mse, by name or as a
    `Loss` carrying its parameters (`losses.get("focal", gamma=2.0)`).
    optimizer / state: a core `Optimizer` and its state for these params (None: a fresh
    `optimizer.init(params)`); the trace then holds Δθ and the state after the step.

    Raises ValueError with one line naming what is wrong.
    """
    W, b = _check_params(params)
    f = _activation(activation)
    loss_fn = _loss(loss)
    sizes = (int(W[0].shape[1]),) + tuple(int(w.shape[0]) for w in W)
    L = len(W)
    x, y = _check_batch(x, y, sizes[0], sizes[-1])
    n = x.shape[0]
    if optimizer is not None and not isinstance(optimizer, Optimizer):
        raise ValueError(f"optimizer must be a core Optimizer (optimizers.get(...)), got {optimizer!r}")
    if state is not None and optimizer is None:
        raise ValueError("state was given without an optimizer")

    # forward: z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾, a⁽ˡ⁾ = f(z⁽ˡ⁾); the output layer stays linear (logits)
    net = MLP(list(zip(W, b)), f)
    acts, zs = net.forward_pass(x)  # acts[0] is x itself, acts[L] the logits z⁽ᴸ⁾
    logits = zs[-1]
    fprime = [np.asarray(f.derivative(z), dtype=np.float64) for z in zs[:-1]]  # f'(z⁽ˡ⁾), l < L

    # loss: C, its per-sample terms C_i, and p = softmax(z⁽ᴸ⁾) for display
    loss_value = float(loss_fn.value(logits, y))
    sample_losses = _sample_losses(loss_fn, logits, y)
    p = np.asarray(B.softmax(logits, axis=1), dtype=np.float64)

    # output: δ_i⁽ᴸ⁾ = ∂C_i/∂z_i⁽ᴸ⁾. The loss's analytic grad is ∂C/∂z⁽ᴸ⁾ of the batch loss,
    # and only C_i depends on row i, which enters C = mean_i C_i with weight 1/N: scale by N.
    deltas: list[np.ndarray] = [None] * L  # type: ignore[list-item]
    dC_da: list[np.ndarray] = [None] * L  # type: ignore[list-item]
    grads_W: list[np.ndarray] = [None] * L  # type: ignore[list-item]
    grads_b: list[np.ndarray] = [None] * L  # type: ignore[list-item]
    deltas[L - 1] = n * np.asarray(loss_fn.grad(logits, y), dtype=np.float64)
    for l in range(L, 0, -1):  # l is the layer number; index l − 1
        delta = deltas[l - 1]
        # ∂C/∂W⁽ˡ⁾ = (1/N) Σ_i δ_i⁽ˡ⁾ (a_i⁽ˡ⁻¹⁾)ᵀ,  ∂C/∂b⁽ˡ⁾ = (1/N) Σ_i δ_i⁽ˡ⁾
        grads_W[l - 1] = (delta.T @ acts[l - 1]) / n
        grads_b[l - 1] = delta.mean(axis=0)
        # ∂C_i/∂a_i⁽ˡ⁻¹⁾ = (W⁽ˡ⁾)ᵀ δ_i⁽ˡ⁾   (rows: δ W)
        dC_da[l - 1] = delta @ W[l - 1]
        if l > 1:
            # δ_i⁽ˡ⁻¹⁾ = (W⁽ˡ⁾)ᵀ δ_i⁽ˡ⁾ ⊙ f'(z_i⁽ˡ⁻¹⁾)
            deltas[l - 2] = dC_da[l - 1] * fprime[l - 2]

    # update: (Δθ, state') = optimizer.update(∂C/∂θ, state, θ) on the [(W, b), ...] tree
    update = next_state = start_state = None
    if optimizer is not None:
        theta = [(W[l], b[l]) for l in range(L)]
        if state is None:
            state = optimizer.init(theta)
        else:
            _check_state(optimizer, state, W, b)
        grads = [(grads_W[l], grads_b[l]) for l in range(L)]
        updates, next_state = optimizer.update(grads, state, theta)
        update = Update(W=tuple(_frozen(u[0]) for u in updates), b=tuple(_frozen(u[1]) for u in updates))
        next_state = _freeze_tree(next_state)
        start_state = _freeze_tree(state)

    owned = _freeze_owned
    return Trace(
        sizes=sizes,
        activation=f.name,
        loss_name=loss_fn.name,
        loss_params=dict(loss_fn.params),
        x=x,
        y=y,
        W=W,
        b=b,
        z=tuple(owned(z) for z in zs),
        a=(x,) + tuple(owned(a) for a in acts[1:L]),
        fprime=tuple(owned(fp) for fp in fprime),
        p=owned(p),
        loss=loss_value,
        sample_losses=owned(sample_losses),
        delta=tuple(owned(d) for d in deltas),
        grad_W=tuple(owned(g) for g in grads_W),
        grad_b=tuple(owned(g) for g in grads_b),
        dC_da=tuple(owned(d) for d in dC_da),
        update=update,
        next_state=next_state,
        activation_params=dict(f.params),
        optimizer=optimizer,
        state=start_state,
    )
