"""The run's loss and accuracy at any weights, on a fixed subset of the training set.

A grid point costs one forward pass of the subset (default: the first 2,000 training
samples in file order, normalised as in training), through the run's own network
(`gradlab.core.mnist.model.TorchEngine`, the forward pass training uses) and its own loss
(`make_loss`). Anything with `loss_accuracy(theta) -> (loss, accuracy)` can stand in for
an `Evaluator` in `grid` and `line` (the tests plug in a quadratic with a closed form).

On a plane the first layer is cheap. Its pre-activation is linear in the weights:

    X W₁(α, β)ᵀ + b₁(α, β) = (X W₁ᵀ + b₁) + α (X D₁ᵀ + δ₁) + β (X D₂ᵀ + δ₂)

with (W₁, b₁) the origin's first layer and (D₁, δ₁), (D₂, δ₂) the directions'. The three
products are computed once per plane (`on_plane`); a grid point then costs two axpys
for the first layer (784 × 512, about 75% of the multiplications of a plain forward
pass) and plain matrix products for the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Protocol

import numpy as np

from gradlab.core.mnist.data import MnistData
from gradlab.core.mnist.frames import TrainConfig

if TYPE_CHECKING:
    from gradlab.core.landscape.planes import Plane

DEFAULT_SUBSET = 2000


class LossAccuracy(Protocol):
    """What `grid.compute_plane` and `line.compute_line` evaluate with."""

    def loss_accuracy(self, theta: Mapping[str, np.ndarray]) -> tuple[float, float]: ...


def _device(config: TrainConfig) -> Any:
    """The config's device when this machine has it (a run saved on a GPU may be looked
    at on a laptop), else the CPU."""
    import torch

    from gradlab.core.mnist.config import resolve_device

    if config.engine == "numpy":
        return torch.device("cpu")
    try:
        return resolve_device(config.device)
    except ValueError:
        return torch.device("cpu")


class Evaluator:
    """L(θ) and accuracy(θ) of the network of `config` on the first `subset` training
    samples of `data` (in file order), in the config's dtype on its device (CPU when
    absent); `threads` sets torch's CPU threads (process-wide) when given."""

    def __init__(self, config: TrainConfig, data: MnistData, subset: int = DEFAULT_SUBSET,
                 threads: int | None = None, device: str | None = None) -> None:
        import torch

        from gradlab.core.mnist.config import make_loss
        from gradlab.core.mnist.model import check_labels
        from gradlab.core.mnist.tensors import normalise, train_indices

        if isinstance(subset, bool) or not isinstance(subset, (int, np.integer)) or subset < 1:
            raise ValueError(f"subset must be a whole number >= 1, got {subset!r}")
        if threads is not None:
            torch.set_num_threads(int(threads))
        self.config = config
        self.device = torch.device(device) if device is not None else _device(config)
        self.dtype = torch.float64 if config.dtype == "float64" else torch.float32
        n = min(int(subset), len(data.train_labels))
        self.subset = n
        self.x = normalise(np.asarray(data.train_images[:n]), self.device, self.dtype)
        labels = np.asarray(data.train_labels[:n], np.int64)
        self.y = torch.as_tensor(labels, device=self.device)
        # The run's own loss, its inverse-frequency weights (if any) from the rows it trained on.
        all_labels = np.asarray(data.train_labels)
        rows = train_indices(all_labels, config)
        self.loss = make_loss(config, all_labels if rows is None else all_labels[rows])
        check_labels(self.loss, labels, 10)
        self._engines: dict[str, Any] = {}

    # -- the network -----------------------------------------------------------------

    def _engine(self, params: list[tuple[np.ndarray, np.ndarray]], key: str = "net") -> Any:
        """A TorchEngine holding `params` (kept under `key` and reloaded in place next time)."""
        from gradlab.core.mnist.model import TorchEngine

        engine = self._engines.get(key)
        if engine is None:
            engine = TorchEngine(params, self.config.activation, dict(self.config.activation_params),
                                 self.loss, self.device, self.dtype)
            self._engines[key] = engine
        else:
            import torch

            engine.load([(_tensor(W), _tensor(b)) for W, b in params])
        return engine

    def _score(self, logits: Any) -> tuple[float, float]:
        """(the run's loss, accuracy) of `logits` against the subset's labels."""
        loss = float(self.loss.forward(logits, self.y))
        accuracy = float((logits.argmax(dim=1) == self.y).sum()) / self.subset
        return loss, accuracy

    def loss_accuracy(self, theta: Mapping[str, np.ndarray]) -> tuple[float, float]:
        """(L(θ), accuracy(θ)) on the subset: one forward pass."""
        import torch

        with torch.no_grad():
            return self._score(self._engine(_layers(theta)).logits(self.x))

    def on_plane(self, plane: Plane) -> Callable[[float, float], tuple[float, float]]:
        """f(α, β) = (L, accuracy) at plane.origin + α d₁ + β d₂, with the first layer's
        three products computed now (see the module docstring)."""
        import torch

        t = lambda a: torch.as_tensor(np.asarray(a), dtype=self.dtype, device=self.device)  # noqa: E731
        o, d1, d2 = (_layers(p) for p in (plane.origin, plane.d1, plane.d2))
        with torch.no_grad():
            first = [torch.addmm(t(b), self.x, t(W).t()) for W, b in (o[0], d1[0], d2[0])]
        z = torch.empty_like(first[0])
        # The later layers live in an engine of their own (the same forward pass as
        # training's, from the first hidden activation on), rebuilt in place at every point.
        head = self._engine(o[1:], key="head")
        origin_t, d1_t, d2_t = ([(t(W), t(b)) for W, b in p[1:]] for p in (o, d1, d2))
        act = head._act

        def at(alpha: float, beta: float) -> tuple[float, float]:
            with torch.no_grad():
                torch.add(first[0], first[1], alpha=alpha, out=z)
                z.add_(first[2], alpha=beta)
                for (P, q), (O, ob), (A, ab), (B, bb) in zip(head.params, origin_t, d1_t, d2_t):
                    torch.add(O, A, alpha=alpha, out=P)
                    P.add_(B, alpha=beta)
                    torch.add(ob, ab, alpha=alpha, out=q)
                    q.add_(bb, alpha=beta)
                return self._score(head.logits(act(z)))

        return at


def _layers(theta: Mapping[str, Any]) -> list[tuple[np.ndarray, np.ndarray]]:
    """[(W, b), ...] from a dict keyed "0.weight", "0.bias", "2.weight", ..."""
    n = len([k for k in theta if k.endswith(".weight")])
    return [(np.asarray(theta[f"{2 * i}.weight"]), np.asarray(theta[f"{2 * i}.bias"])) for i in range(n)]


def _tensor(a: np.ndarray) -> Any:
    """A CPU tensor sharing `a`'s memory (a copy when `a` is read-only: torch warns)."""
    import torch

    a = np.asarray(a)
    return torch.from_numpy(a if a.flags.writeable else a.copy())
