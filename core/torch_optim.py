"""GradLab's optimizers as a `torch.optim.Optimizer`, to train a real network with them.

    opt = CoreOptimizer(model.parameters(), "adam", lr=1e-3)
    loss.backward(); opt.step(); opt.zero_grad()

The update is the very rule in `gradlab.core.optimizers` (one code path for numpy and
torch). Hyperparameters live in each param group and are read at every step, so LR
schedulers and per-group settings work. The state of each parameter is a plain dict
(`{"step": int, "m": tensor, ...}`) because torch's `load_state_dict` rebuilds tuples
with `type(value)(generator)`, which a NamedTuple does not survive.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import torch

from gradlab.core import optimizers
from gradlab.core.optimizer_base import validate


class CoreOptimizer(torch.optim.Optimizer):
    """A torch optimizer that steps with `gradlab.core.optimizers.get(name, **hyper)`.

    Args:
        params: parameters or param-group dicts, as for any torch optimizer.
        name: an optimizer from `gradlab.core.optimizers.names()`.
        **hyper: its hyperparameters (defaults from `optimizers.defaults(name)`); a param
            group may override any of them.
    """

    def __init__(self, params: Iterable[Any], name: str, **hyper: Any) -> None:
        core = optimizers.get(name, **hyper)  # validates name and values
        self.name = name
        self._core = core
        self._rule = core.rule
        self._slots = core.slot_names
        super().__init__(params, dict(core.hyper))

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        # Check a group's own overrides now, not at its first step.
        own = {k: v for k, v in param_group.items() if k != "params"}
        validate(self.name, self.defaults, {k: v for k, v in own.items() if k in self.defaults})
        super().add_param_group(param_group)

    @torch.no_grad()
    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter that has a gradient; returns closure's loss."""
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        rule, slot_names, init_slots = self._rule, self._slots, self._core.init_slots
        for group in self.param_groups:
            for p in group["params"]:
                g = p.grad
                if g is None:
                    continue
                if g.is_sparse:
                    raise RuntimeError(f"{self.name} does not support sparse gradients")
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state.update(zip(slot_names, init_slots(p, group)))
                t = state["step"] + 1
                update, slots = rule(g, p, tuple(state[k] for k in slot_names), t, group)
                p.add_(update)
                state["step"] = t
                state.update(zip(slot_names, slots))
        return loss
