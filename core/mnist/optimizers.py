"""The optimizer of an MNIST run: GradLab's own (`CoreOptimizer`) or torch.optim's reference.

A name from `gradlab.core.optimizers.names()` trains with the core's update rule;
`"torch:<name>"` trains with torch.optim's implementation of the same algorithm, with
the same hyperparameter names and defaults, so a learner can overlay the two and see the
curves coincide.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

import torch

from gradlab.core import optimizers
from gradlab.core.mnist.frames import TORCH_PREFIX


def _torch_reference(name: str, params: Iterable[Any], h: Mapping[str, Any]) -> torch.optim.Optimizer:
    """torch.optim's class for a core name, arguments translated from the core's names.
    foreach=False: the plain per-tensor loop, the same order of operations as the core."""
    wd = h["weight_decay"]
    betas = (h.get("beta1", 0.9), h.get("beta2", 0.999))
    common = {"lr": h["lr"], "weight_decay": wd, "foreach": False}
    if name == "sgd":
        return torch.optim.SGD(params, **common)
    if name in ("momentum", "nesterov"):
        return torch.optim.SGD(params, momentum=h["momentum"], nesterov=name == "nesterov", **common)
    if name == "rmsprop":
        if h.get("eps_in_sqrt"):
            raise ValueError("torch:rmsprop has no eps_in_sqrt (torch adds eps outside the root)")
        return torch.optim.RMSprop(params, alpha=h["alpha"], eps=h["eps"], **common)
    if name == "adagrad":
        return torch.optim.Adagrad(params, lr_decay=h["lr_decay"], eps=h["eps"],
                                   initial_accumulator_value=h["initial_accumulator_value"], **common)
    if name == "adam":
        return torch.optim.Adam(params, betas=betas, eps=h["eps"], **common)
    if name == "adamw":
        return torch.optim.AdamW(params, betas=betas, eps=h["eps"], **common)
    if name == "adamax":
        return torch.optim.Adamax(params, betas=betas, eps=h["eps"], **common)
    if name == "nadam":
        return torch.optim.NAdam(params, betas=betas, eps=h["eps"],
                                 momentum_decay=h["momentum_decay"], **common)
    raise ValueError(f"no torch.optim reference for {name!r}")


def names() -> list[str]:
    """Every optimizer an MNIST run accepts: the core's, then the torch references."""
    return optimizers.names() + [TORCH_PREFIX + n for n in optimizers.names()]


def make_optimizer(name: str, params: Iterable[torch.Tensor], hyper: Mapping[str, Any]) -> torch.optim.Optimizer:
    """`CoreOptimizer(params, name, **hyper)`, or for "torch:<name>" torch.optim's class.
    ValueError names an unknown optimizer or a bad hyperparameter."""
    params = list(params)
    if name.startswith(TORCH_PREFIX):
        core = name[len(TORCH_PREFIX):]
        h = optimizers.get(core, **hyper).hyper  # the core validates and fills defaults
        return _torch_reference(core, params, h)
    from gradlab.core.optimizers.torch_optim import CoreOptimizer

    return CoreOptimizer(params, name, **hyper)


def check(name: str, hyper: Mapping[str, Any]) -> None:
    """Raise ValueError when `name` or `hyper` is not acceptable (without building it)."""
    core = name[len(TORCH_PREFIX):] if name.startswith(TORCH_PREFIX) else name
    h = optimizers.get(core, **hyper).hyper
    if name.startswith(TORCH_PREFIX) and core == "rmsprop" and h.get("eps_in_sqrt"):
        raise ValueError("torch:rmsprop has no eps_in_sqrt (torch adds eps outside the root)")
