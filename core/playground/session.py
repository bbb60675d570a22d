"""One Playground network learning 2-D data: its settings, training, and what it draws.

    config = PlaygroundConfig(dataset="spiral", hidden=(8, 8), activation="tanh",
                              optimizer="adam", hyper={"lr": 0.03})
    X, y = datasets.make(config.dataset, config.n_points, config.noise, config.seed)
    session = Session(config, X, y)
    stats = session.epoch()                  # EpochStats(epoch=1, train_loss=..., ...)
    probs = session.regions(64)              # (64, 64, C) class probabilities over the plane

The network is the core's `MLP` (hand-written backpropagation) on the chosen features,
hidden layers of the chosen activation and a softmax output with one unit per class
(its logits z_L go to a core loss). One step on a batch B of the training points is

    δ_L = ∂C/∂z_L                        the core loss's analytic gradient (`Loss.grad`)
    g   = backprop(δ_L) + λ [θ is a weight] θ      (L2 on weights only, as TF Playground)
    u, state = optimizer.update(g, state, θ)       the core optimizer's pure update
    θ ← θ + u

and an epoch is one pass over the shuffled training points in batches (epoch e's order
is the e-th permutation drawn from `default_rng(weight_seed)`, so a comparison's
networks, sharing the weight seed, see the same batches). These are the
steps of `MLP.loss_and_grads` with two things moved out of the loop, for speed on a tiny
network where Python's overhead is the cost, not the arithmetic: the labels are checked
once (not per batch), and the loss is measured once per epoch on all the points (what
TF Playground shows too) instead of per batch. The parameters live in one flat vector
θ, and the layers `[(W, b), ...]` are views into it, so the optimizer updates θ in a
single call instead of once per array (`tests/test_playground_core.py` checks an epoch
against `loss_and_grads` with the optimizer on the list of arrays).

A network whose loss or weights become non-finite stops: `diverged` holds its epoch.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np

from gradlab.core import activations, losses, optimizers
from gradlab.core.mlp import MLP, Params, flatten, init_params, unflatten
from gradlab.core.playground import datasets, features

# The losses a softmax classifier can use here (all take class labels).
LOSSES = ("cross_entropy", "weighted_cross_entropy", "focal", "softmax_mse")
INVERSE = "inverse_frequency"
MAX_LAYERS = 6
MAX_UNITS = 8
BOUNDS = (-6.0, 6.0, -6.0, 6.0)


@dataclass(frozen=True)
class PlaygroundConfig:
    """Everything that defines one Playground run; `validate()` checks it.

    Data: `dataset`, `classes`, `noise` (0..0.5), `n_points`, `train_share` (0.1..0.9),
    `seed` (the data's draw and the train/test split). Network: `features`, `hidden`
    (0 to 6 layers of 1 to 8 units; () is no hidden layer), `activation` (a core name).
    Training: `loss` with `loss_params` (weights or alpha may be "inverse_frequency",
    counted on the training labels), `optimizer` with `hyper`, `batch_size`, `l2`
    (λ, added to the weights' gradient), `weight_seed` (initial weights and batch order).
    """

    dataset: str = "circle"
    classes: int = 2
    noise: float = 0.0
    n_points: int = 500
    train_share: float = 0.5
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activation: str = "tanh"
    loss: str = "cross_entropy"
    loss_params: Mapping[str, Any] = field(default_factory=dict)
    optimizer: str = "sgd"
    hyper: Mapping[str, Any] = field(default_factory=lambda: {"lr": 0.03})
    batch_size: int = 10
    l2: float = 0.0
    weight_seed: int = 0

    def validate(self) -> PlaygroundConfig:
        """Self, after checking every field; ValueError (one line naming the value) if not."""
        datasets.check(self.dataset, self.n_points, self.noise, self.classes)
        _number("train share", self.train_share, 0.1, 0.9)
        for name in ("seed", "weight_seed"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
                raise ValueError(f"{name.replace('_', ' ')} must be a whole number >= 0, got {value!r}")
        features.check(self.features)
        hidden = tuple(self.hidden)
        if len(hidden) > MAX_LAYERS:
            raise ValueError(f"hidden: at most {MAX_LAYERS} layers, got {len(hidden)}")
        for units in hidden:
            if isinstance(units, bool) or not isinstance(units, (int, np.integer)) \
                    or not 1 <= units <= MAX_UNITS:
                raise ValueError(f"hidden: a layer has 1 to {MAX_UNITS} units, got {units!r}")
        activations.get(self.activation)
        make_loss(self, np.arange(self.classes))
        optimizers.get(self.optimizer, **dict(self.hyper))
        if isinstance(self.batch_size, bool) or not isinstance(self.batch_size, (int, np.integer)) \
                or self.batch_size < 1:
            raise ValueError(f"batch size must be a whole number >= 1, got {self.batch_size!r}")
        _number("l2", self.l2, 0.0, math.inf)
        return self

    @property
    def sizes(self) -> list[int]:
        """Layer widths [inputs, hidden..., classes]."""
        return [len(self.features), *self.hidden, self.classes]

    @property
    def lr(self) -> float:
        return float(optimizers.get(self.optimizer, **dict(self.hyper)).hyper["lr"])

    def replace(self, **changes: Any) -> PlaygroundConfig:
        """A copy with `changes` (not validated)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (tuples as lists)."""
        out = asdict(self)
        out["features"] = list(self.features)
        out["hidden"] = list(self.hidden)
        out["loss_params"] = dict(self.loss_params)
        out["hyper"] = dict(self.hyper)
        return out


def _number(what: str, value: Any, lo: float, hi: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)) \
            or not math.isfinite(value) or not lo <= value <= hi:
        span = f">= {lo}" if hi == math.inf else f"from {lo} to {hi}"
        raise ValueError(f"{what} must be a number {span}, got {value!r}")
    return float(value)


def inverse_frequency(labels: np.ndarray, classes: int) -> list[float]:
    """w_c = N / (C · count_c): each class weighs the same in total; 0 for an absent class."""
    counts = np.bincount(np.asarray(labels, dtype=np.int64), minlength=classes).astype(np.float64)
    with np.errstate(divide="ignore"):
        return np.where(counts > 0, len(labels) / (classes * counts), 0.0).tolist()


def make_loss(config: PlaygroundConfig, train_labels: np.ndarray) -> Any:
    """The core loss of `config`, "inverse_frequency" resolved on `train_labels`."""
    if config.loss not in LOSSES:
        raise ValueError(f"unknown loss {config.loss!r}; valid: {', '.join(LOSSES)}")
    params = dict(config.loss_params)
    for key in ("weights", "alpha"):
        value = params.get(key)
        if isinstance(value, str):
            if value != INVERSE:
                raise ValueError(f"{key} must be {config.classes} numbers or {INVERSE!r}, got {value!r}")
            params[key] = inverse_frequency(train_labels, config.classes)
        elif value is not None and np.size(value) != config.classes:
            raise ValueError(f"{key} needs one number per class ({config.classes}), got {value!r}")
    return losses.get(config.loss, **params)


@dataclass(frozen=True)
class EpochStats:
    """Where a network stands after `epoch` epochs (losses and accuracies on all points)."""

    epoch: int
    train_loss: float
    test_loss: float
    train_accuracy: float
    test_accuracy: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TrainingState:
    """What training changes in a `Session`, to carry it to a copy of the same network
    (another process trains it: `process.py`) and back: θ, the optimizer's state, the
    batch order's generator, the stats of the epochs after the first `start`, and the
    epoch it diverged at (or None)."""

    theta: np.ndarray
    optimizer_state: Any
    order: dict
    start: int
    history: list[EpochStats]
    diverged: int | None


def softmax(z: np.ndarray) -> np.ndarray:
    """p_k = e^{z_k − max z} / Σ_j e^{z_j − max z}, row by row (no overflow)."""
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def grid(n: int, bounds: Sequence[float] = BOUNDS) -> np.ndarray:
    """(n·n, 2) points of an n × n grid over `bounds` = (x_min, x_max, y_min, y_max), row
    major with y along the rows: point i·n + j is (x_j, y_i), x_j and y_i from linspace."""
    xmin, xmax, ymin, ymax = (float(b) for b in bounds)
    gx, gy = np.meshgrid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n))
    return np.column_stack([gx.ravel(), gy.ravel()])


class Session:
    """One network training on (X, y): the data is given (a teacher's clicked points work),
    split into train and test by `config.train_share` and `config.seed`, or by `train`
    ((n,) bool, True for a training point, one at least: a split kept while points are
    clicked in or out, `datasets.split_without`; one that does not fit is ignored).

    `initial` gives the starting weights (a comparison shares them); else they are drawn
    from `config.weight_seed` as torch's nn.Linear draws them (`mlp.init_params`).
    The training loop owns the session while it runs; `set_lr` is the one call that may
    come from another thread (it swaps one attribute, read at each epoch's start).
    """

    def __init__(self, config: PlaygroundConfig, X: np.ndarray, y: np.ndarray,
                 initial: Params | None = None, train: np.ndarray | None = None) -> None:
        self.config = config.validate()
        X = np.asarray(X, dtype=np.float64).reshape(-1, 2)
        y = np.asarray(y).reshape(-1)
        if y.dtype.kind not in "iu":
            raise ValueError(f"data: labels must be whole numbers, got dtype {y.dtype}")
        y = y.astype(np.int64)
        if len(X) != len(y) or len(y) < 2:
            raise ValueError(f"data: need at least 2 points with one label each, got {len(X)} and {len(y)}")
        if not np.isfinite(X).all():
            raise ValueError("data: every coordinate must be finite")
        if y.min() < 0 or y.max() >= config.classes:
            raise ValueError(f"data: labels must be 0..{config.classes - 1}, got {int(y.min())}..{int(y.max())}")
        self.X, self.y = X, y
        train = None if train is None else np.asarray(train)
        if train is None or train.dtype != bool or train.shape != y.shape or not train.any():
            # A mask that does not fit (made by code, not typed in) yields to the config's split.
            train = datasets.split_mask(len(y), config.train_share, config.seed)
        self.train_mask = train.copy()
        self.X_train, self.y_train = X[train], y[train]
        self.X_test, self.y_test = X[~train], y[~train]
        self.F_train = features.compute(self.X_train, config.features)
        self.F_test = features.compute(self.X_test, config.features)
        # Train and test in one forward pass per epoch: half the per-call overhead.
        self._F_all = np.vstack([self.F_train, self.F_test])
        self.loss = make_loss(config, self.y_train)
        self.optimizer = optimizers.get(config.optimizer, **dict(config.hyper))
        self._delta_out = output_gradient(self.loss)

        sizes = config.sizes
        like = init_params(sizes, config.weight_seed, np.float64)
        if initial is not None:
            shapes = [(W.shape, b.shape) for W, b in like]
            if [(np.shape(W), np.shape(b)) for W, b in initial] != shapes:
                raise ValueError(f"initial weights do not fit the layers {sizes}")
            like = [(np.array(W, dtype=np.float64), np.array(b, dtype=np.float64)) for W, b in initial]
        self._theta0 = flatten(like)
        self._theta = self._theta0.copy()
        # L2 reaches the weights only (TF Playground leaves biases alone): λ·mask·θ.
        self._weight_mask = flatten([(np.ones_like(W), np.zeros_like(b)) for W, b in like])
        self.mlp = MLP(unflatten(self._theta, like), config.activation, self.loss)
        self._grid_cache: dict[tuple, np.ndarray] = {}
        self._start()

    # -- state -------------------------------------------------------------------------

    def _start(self) -> None:
        self._state = self.optimizer.init(self._theta)
        self._order_rng = np.random.default_rng(self.config.weight_seed)
        self.history: list[EpochStats] = []
        self.diverged: int | None = None

    @property
    def epoch_count(self) -> int:
        """Epochs trained since the start or the last reset."""
        return len(self.history)

    @property
    def params(self) -> Params:
        """The live layers [(W, b), ...] (views into θ: copy them to keep them)."""
        return self.mlp.params

    @property
    def initial_params(self) -> Params:
        """A copy of the weights the network starts from (and `reset` returns to)."""
        return [(W.copy(), b.copy()) for W, b in unflatten(self._theta0, self.mlp.params)]

    @property
    def lr(self) -> float:
        return float(self.optimizer.hyper["lr"])

    def set_lr(self, lr: float) -> None:
        """Change the learning rate from the next epoch on; weights and optimizer state stay."""
        hyper = {**self.optimizer.hyper, "lr": lr}
        self.optimizer = optimizers.get(self.config.optimizer, **hyper)
        self.config = self.config.replace(hyper={**dict(self.config.hyper), "lr": float(lr)})

    def training_state(self, since: int = 0) -> TrainingState:
        """A copy of where training stands, with the stats of the epochs after `since`
        (the other side already has the ones before). The optimizer's state is shared,
        not copied: the core's updates are pure and make a new one each step."""
        return TrainingState(self._theta.copy(), self._state, dict(self._order_rng.bit_generator.state),
                             since, list(self.history[since:]), self.diverged)

    def load_training_state(self, state: TrainingState) -> None:
        """Continue from `state`, taken from a copy of this network (same config, data and
        initial weights): the next epoch is the one that copy would have trained next.

        The history keeps its first `state.start` epochs and takes `state.history` after
        them; a copy that never had those first epochs (a process handed this network to
        train on) holds None in their place: it needs their count (the epoch numbers),
        not their stats."""
        self._theta[:] = state.theta  # in place: the MLP's layers are views of θ
        self._state = state.optimizer_state
        self._order_rng.bit_generator.state = state.order
        kept = self.history[:state.start]
        self.history = kept + [None] * (state.start - len(kept)) + list(state.history)
        self.diverged = state.diverged

    def reset(self) -> None:
        """Back to the initial weights exactly, a fresh optimizer state and batch order."""
        self._theta[:] = self._theta0
        self._start()

    def new_weights(self, seed: int) -> None:
        """New initial weights drawn from `seed` (also the batch order), then `reset`."""
        self.config = self.config.replace(weight_seed=int(seed)).validate()
        self._theta0 = flatten(init_params(self.config.sizes, self.config.weight_seed, np.float64))
        self.reset()

    # -- training ------------------------------------------------------------------------

    def epoch(self) -> EpochStats | None:
        """Train one epoch (one pass over the shuffled training points in batches) and
        return its stats; None, doing nothing, once the network has diverged."""
        if self.diverged is not None:
            return None
        mlp, theta = self.mlp, self._theta
        opt, state = self.optimizer, self._state
        l2, mask = float(self.config.l2), self._weight_mask
        grad_fn = self._delta_out
        forward, backward = mlp.forward_pass, mlp.backward
        n = len(self.y_train)
        b = min(int(self.config.batch_size), n)
        order = self._order_rng.permutation(n)
        F, Y = self.F_train[order], self.y_train[order]
        with np.errstate(all="ignore"):  # a diverging run is caught below, not warned about
            for start in range(0, n, b):
                xb, yb = F[start:start + b], Y[start:start + b]
                a, zs = forward(xb)
                grads = backward(grad_fn(a[-1], yb), a, zs)
                g = np.concatenate([p.ravel() for layer in grads for p in layer])
                if l2:
                    g += l2 * mask * theta
                updates, state = opt.update(g, state, theta)
                theta += updates  # in place: the MLP's layers are views of θ
            self._state = state
            stats = self._measure(self.epoch_count + 1)
        self.history.append(stats)
        if not (math.isfinite(stats.train_loss) and np.isfinite(theta).all()):
            self.diverged = stats.epoch
        return stats

    def evaluate(self) -> EpochStats:
        """Losses and accuracies on all training and test points now, numbered with the
        epochs trained so far (0 before any)."""
        return self._measure(self.epoch_count)

    def _measure(self, epoch: int) -> EpochStats:
        n_train = len(self.y_train)
        with np.errstate(all="ignore"):
            z = self.mlp.forward(self._F_all)
            z_tr, z_te = z[:n_train], z[n_train:]
            train_loss = _value(self.loss, z_tr, self.y_train)
            test_loss = _value(self.loss, z_te, self.y_test) if len(self.y_test) else math.nan
        return EpochStats(epoch, train_loss, test_loss, _accuracy(z_tr, self.y_train),
                          _accuracy(z_te, self.y_test) if len(self.y_test) else math.nan)

    def gradients(self) -> Params:
        """∂C/∂W_l, ∂C/∂b_l over all training points (without L2), by `MLP.loss_and_grads`."""
        with np.errstate(all="ignore"):
            return self.mlp.loss_and_grads(self.F_train, self.y_train)[1]

    # -- what it draws -------------------------------------------------------------------

    def _grid_features(self, n: int, bounds: Sequence[float]) -> np.ndarray:
        key = (int(n), tuple(float(v) for v in bounds))
        F = self._grid_cache.get(key)
        if F is None:
            if len(self._grid_cache) > 8:
                self._grid_cache.clear()
            F = self._grid_cache[key] = features.compute(grid(n, bounds), self.config.features)
        return F

    def predict(self, X: np.ndarray) -> np.ndarray:
        """(n, C) class probabilities softmax(z_L) at the points X (n, 2)."""
        with np.errstate(all="ignore"):
            return softmax(self.mlp.forward(features.compute(X, self.config.features)))

    def regions(self, n: int = 64, bounds: Sequence[float] = BOUNDS) -> np.ndarray:
        """(n, n, C) class probabilities over the `grid(n, bounds)`: [i, j] is at (x_j, y_i)."""
        with np.errstate(all="ignore"):
            z = self.mlp.forward(self._grid_features(n, bounds))
            return softmax(z).reshape(n, n, -1)

    def unit_maps(self, n: int = 24, bounds: Sequence[float] = BOUNDS) -> list[np.ndarray]:
        """Per hidden layer, (units, n, n): each hidden unit's output a_l over the grid."""
        with np.errstate(all="ignore"):
            a, _ = self.mlp.forward_pass(self._grid_features(n, bounds))
        return [np.ascontiguousarray(h.T).reshape(-1, n, n) for h in a[1:-1]]


def output_gradient(loss: Any) -> Any:
    """δ_L = ∂C/∂z_L as a function (z, y) -> (N, C), for a loss whose labels are checked.

    The core loss's analytic `grad_fn` (skipping `Loss.grad`'s per-call label checks), or,
    for cross-entropy and weighted cross-entropy, the same formula in plain numpy: the
    core's version dispatches every operation between numpy and torch, which costs more
    than the arithmetic on a batch of ten (half an epoch's time). The tests hold these
    equal to `Loss.grad`.

        cross-entropy           C = −(1/N) Σᵢ log pᵢ,yᵢ           δ = (p − Y) / N
        weighted cross-entropy  C = Σᵢ w_yᵢ (−log pᵢ,yᵢ) / Σᵢ w_yᵢ    δᵢ = w_yᵢ (pᵢ − Yᵢ) / Σⱼ w_yⱼ
    """
    if loss.name == "cross_entropy":
        def delta(z: np.ndarray, y: np.ndarray) -> np.ndarray:
            p = softmax(z)
            p[np.arange(len(y)), y] -= 1.0
            p /= len(y)
            return p
        return delta
    if loss.name == "weighted_cross_entropy":
        weights = np.asarray(loss.params["weights"], dtype=np.float64)

        def weighted(z: np.ndarray, y: np.ndarray) -> np.ndarray:
            p = softmax(z)
            p[np.arange(len(y)), y] -= 1.0
            w = weights[y]
            p *= (w / w.sum())[:, None]
            return p
        return weighted
    return loss.grad_fn


def _value(loss: Any, z: np.ndarray, y: np.ndarray) -> float:
    if not np.isfinite(z).all():
        return math.nan
    return float(loss.value(z, y))


def _accuracy(z: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.argmax(z, axis=1) == y)) if len(y) else math.nan
