"""Backpropagation, step by step: the numbers behind the Backpropagation tab (Qt-free).

    from gradlab.core.backprop import trace
    t = trace(params, "sigmoid", x, y, "cross_entropy", optimizer=optimizers.get("sgd", lr=0.1))
    t.z, t.a, t.delta, t.grad_W, t.input_grad, t.update      # every intermediate, read-only

- `trace`: one forward + backward pass (+ optimizer step) with every intermediate kept
- `phases`, `equations`: the steps of the algorithm and their equations with numbers in
- `data`: small data sets for the small network; `drawing`: a drawn digit made MNIST-like
- `real`: the 784-512-256-10 MNIST network's parameters (fresh or from a saved run)

Only `trace` is imported here; the other modules load on first use
(`gradlab.core.backprop.real` may import torch inside its functions, never at import).
"""

from __future__ import annotations

import importlib
from typing import Any

from gradlab.core.backprop.trace import Trace, Update, trace

__all__ = ["Trace", "Update", "trace"]

_SUBMODULES = ("phases", "equations", "data", "drawing", "real")


def __getattr__(name: str) -> Any:
    # `backprop.real` etc. without importing every module (and what they import) up front.
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
