"""The two engines that compute an MNIST step's loss and gradients.

Both hold the same parameters, `[(W, b), ...]` with W (out, in) as `nn.Linear`, loaded
from `gradlab.core.mlp.init_params`, and both expose them as torch tensors so one torch
optimizer (a `CoreOptimizer` or a torch.optim reference) and one LR scheduler update
either engine. They differ only in how the gradient is found:

- `TorchEngine`: autograd through z = a Wᵀ + b, a = f(z) and the core loss's `forward`
  (the four hidden activations and plain cross-entropy in torch's own kernels, below).
- `NumpyEngine`: `gradlab.core.mlp.MLP`'s hand-written backpropagation. Its numpy arrays
  and the optimizer's tensors share memory (`torch.from_numpy`), so the optimizer's
  in-place update is the numpy network's update, with no copies.

`step(x, y)` leaves the gradients in each parameter's `.grad` and returns one small
tensor `[loss, grad norm per layer..., dead fraction per hidden layer...]`, so reading all
the per-step statistics costs one device sync.

Labels are validated once per dataset (`check_labels`), not per batch: `TorchEngine` built
with `labels_checked=True` calls the loss's formula (`loss.forward_fn`) directly, skipping
`Loss.forward`'s per-call checks (two reductions and two reads of the label range on
every batch, about 1% of a CPU step). The formula is the same; only the checking moves.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import torch
import torch.nn.functional as F

from gradlab.core import activations as core_activations

# The four hidden activations in torch's own kernels (the same functions as the core's,
# which the tests check, but with fused backward passes: the step is matmul-bound).
_TORCH_ACT = {
    "relu": lambda x, p: torch.relu(x),
    "sigmoid": lambda x, p: torch.sigmoid(x),
    "tanh": lambda x, p: torch.tanh(x),
    "leaky_relu": lambda x, p: F.leaky_relu(x, p.get("alpha", 0.01)),
}

# Likewise plain cross-entropy: F.cross_entropy is the core's formula (mean over the batch
# of −log softmax(z)_y, checked in tests/test_mnist_train.py) in one fused kernel with a
# fused backward, where the core's formula is about ten small autograd nodes (0.3 ms of a
# 3 ms CPU step). The other losses run through their core formulas.
_TORCH_LOSS = {"cross_entropy": F.cross_entropy}


def _grad_norms(params: Sequence[tuple[torch.Tensor, torch.Tensor]]) -> torch.Tensor:
    """‖(∂C/∂W_l, ∂C/∂b_l)‖₂ per layer."""
    # One fused norm kernel per tensor (no squared temporaries), then √(‖∇W‖² + ‖∇b‖²).
    norms = torch.stack([torch.linalg.vector_norm(t.grad) for layer in params for t in layer])
    return norms.view(-1, 2).square().sum(dim=1).sqrt()


def _dead(hidden: Sequence[torch.Tensor], non_negative: bool = False) -> torch.Tensor:
    """Per hidden layer, the fraction of units that output exactly 0 for the whole batch.
    `non_negative` (ReLU): a column is all 0 when its max is 0, one reduction, 4x cheaper
    than comparing every element."""
    if non_negative:
        return torch.stack([(h.amax(dim=0) <= 0).to(h.dtype).mean() for h in hidden])
    out = []
    for h in hidden:
        lo, hi = torch.aminmax(h, dim=0)
        out.append(((lo == 0) & (hi == 0)).to(h.dtype).mean())
    return torch.stack(out)


def check_labels(loss: Any, labels: np.ndarray, classes: int) -> None:
    """The loss's own validation of a whole dataset's `labels` against (N, classes)
    outputs, once, on the CPU (ValueError naming what is wrong). For weighted
    cross-entropy it checks the weights of all labels together; a batch whose labels all
    have weight 0 then gives a NaN loss, which ends the run as diverged."""
    labels = np.asarray(labels)
    outputs = np.broadcast_to(np.zeros((1, classes), np.float32), (len(labels), classes))
    loss.check_fn(outputs, labels)  # it reads the outputs' shape only: no (N, C) array


class TorchEngine:
    """Autograd on torch tensors, on `device`. `labels_checked`: every label `step` will
    see was validated with `check_labels`, so the loss skips its per-batch checks."""

    name = "torch"

    def __init__(self, params: list[tuple[np.ndarray, np.ndarray]], activation: str,
                 activation_params: dict, loss: Any, device: torch.device, dtype: torch.dtype,
                 labels_checked: bool = False) -> None:
        self.params = [
            (torch.tensor(W, dtype=dtype, device=device).requires_grad_(),
             torch.tensor(b, dtype=dtype, device=device).requires_grad_())
            for W, b in params
        ]
        act = _TORCH_ACT.get(activation)
        if act is None:  # any other core activation, through its own formula
            core = core_activations.get(activation, **activation_params)
            self._act = core.forward
        else:
            self._act = lambda x: act(x, activation_params)
        self.loss = loss
        # forward_fn expects float outputs and int64 labels on their device, as prepared.
        self._loss_value = loss.forward_fn if labels_checked else loss.forward
        if labels_checked and loss.name in _TORCH_LOSS:
            self._loss_value = _TORCH_LOSS[loss.name]
        self.device = device
        self._relu = activation == "relu"

    def tensors(self) -> list[torch.Tensor]:
        return [t for layer in self.params for t in layer]

    def _forward(self, x: torch.Tensor) -> tuple[torch.Tensor, list[torch.Tensor]]:
        hidden = []
        a = x
        last = len(self.params) - 1
        for i, (W, b) in enumerate(self.params):
            z = torch.addmm(b, a, W.t())  # z = a Wᵀ + b
            a = z if i == last else self._act(z)
            if i != last:
                hidden.append(a)
        return a, hidden

    def step(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        """Forward, loss, backward; returns [loss, norms..., dead...] (not synced)."""
        for t in self.tensors():
            t.grad = None
        logits, hidden = self._forward(x)
        loss = self._loss_value(logits, y)
        loss.backward()
        with torch.no_grad():
            return torch.cat([loss.detach().reshape(1), _grad_norms(self.params),
                              _dead([h.detach() for h in hidden], self._relu)])

    @torch.no_grad()
    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return self._forward(x)[0]

    def state_dict(self) -> dict[str, torch.Tensor]:
        return state_dict(self.params)

    def load(self, params: Sequence[Sequence[torch.Tensor]]) -> None:
        with torch.no_grad():
            for (W, b), (W0, b0) in zip(self.params, params):
                W.copy_(W0)
                b.copy_(b0)


class NumpyEngine:
    """`gradlab.core.mlp.MLP` (numpy, hand-written backprop) on the CPU."""

    name = "numpy"

    def __init__(self, params: list[tuple[np.ndarray, np.ndarray]], activation: str,
                 activation_params: dict, loss: Any, dtype: np.dtype) -> None:
        from gradlab.core.mlp import MLP

        arrays = [(np.ascontiguousarray(W, dtype), np.ascontiguousarray(b, dtype)) for W, b in params]
        self.mlp = MLP(arrays, core_activations.get(activation, **activation_params), loss)
        self._relu = activation == "relu"
        # Tensors that share the arrays' memory: the optimizer updates the MLP in place.
        self.params = [(torch.from_numpy(W), torch.from_numpy(b)) for W, b in arrays]
        self.loss = loss
        self.device = torch.device("cpu")

    def tensors(self) -> list[torch.Tensor]:
        return [t for layer in self.params for t in layer]

    def step(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        xn, yn = x.numpy(), y.numpy()
        # The MLP's own passes, kept apart (rather than loss_and_grads) so the hidden
        # activations are at hand for the dead-unit count.
        a, zs = self.mlp.forward_pass(xn)
        logits = a[-1]
        delta = np.asarray(self.loss.grad(logits, yn), dtype=self.mlp.dtype)
        value = float(self.loss.value(logits, yn))
        grads = self.mlp.backward(delta, a, zs)
        for (W, b), (gW, gb) in zip(self.params, grads):
            W.grad = torch.from_numpy(np.ascontiguousarray(gW))
            b.grad = torch.from_numpy(np.ascontiguousarray(gb))
        hidden = [torch.from_numpy(h) for h in a[1:-1]]
        return torch.cat([torch.tensor([value], dtype=self.params[0][0].dtype),
                          _grad_norms(self.params), _dead(hidden, self._relu)])

    def logits(self, x: torch.Tensor) -> torch.Tensor:
        return torch.from_numpy(self.mlp.forward(x.numpy()))

    def state_dict(self) -> dict[str, torch.Tensor]:
        return state_dict(self.params)

    def load(self, params: Sequence[Sequence[torch.Tensor]]) -> None:
        for (W, b), (W0, b0) in zip(self.params, params):
            W.copy_(W0)
            b.copy_(b0)


def state_dict(params: Sequence[tuple[torch.Tensor, torch.Tensor]]) -> dict[str, torch.Tensor]:
    """CPU copies keyed like `nn.Sequential(Linear, f, Linear, f, Linear)`: "0.weight",
    "0.bias", "2.weight", ... so `model.load_state_dict` of that Sequential accepts them."""
    out = {}
    for i, (W, b) in enumerate(params):
        out[f"{2 * i}.weight"] = W.detach().to("cpu", copy=True)
        out[f"{2 * i}.bias"] = b.detach().to("cpu", copy=True)
    return out


def params_from_state_dict(sd: dict[str, torch.Tensor]) -> list[tuple[torch.Tensor, torch.Tensor]]:
    """Inverse of `state_dict`."""
    n = len([k for k in sd if k.endswith(".weight")])
    return [(sd[f"{2 * i}.weight"], sd[f"{2 * i}.bias"]) for i in range(n)]
