"""GradLab's optimizers as a `torch.optim.Optimizer`, to train a real network with them.

    opt = CoreOptimizer(model.parameters(), "adam", lr=1e-3)
    loss.backward(); opt.step(); opt.zero_grad()

The update is the very rule in `gradlab.core.optimizers` (one code path for numpy and
torch). Hyperparameters live in each param group and are read at every step, so LR
schedulers and per-group settings work. The state of each parameter is a plain dict
(`{"step": int, "m": tensor, ...}`) because torch's `load_state_dict` rebuilds tuples
with `type(value)(generator)`, which a NamedTuple does not survive. The state's tensors
are updated in place, as torch.optim's are: copy `state_dict()` to keep a snapshot.

Speed on the CPU. A rule is written with `+ - * /` only, so each operator is one pass
over the array that allocates a new one: Adam makes about a dozen temporaries. On whole
tensors (a 512x784 weight is 1.6 MB in float32) every pass goes out to the L3 cache or
memory, and each torch call costs a few microseconds of dispatch. So a contiguous
float32/float64 CPU parameter is updated through numpy views of its memory (no copies;
numpy's per-operation overhead is a fraction of torch's) in slices of `CHUNK_BYTES`: the
rule runs on each slice in turn, its temporaries stay in the core's L2 cache and are
recycled by the allocator, and the slots' new values are written back into the state's
tensors. The rule is the same function either way: numpy is the other array type it was
written for. Measured on the 784-512-256-10 network (bench/mnist_speed.py, 1 thread):
Adam's step 3.5 ms on whole torch tensors, 3.2 ms in torch slices, 2.5 ms in numpy slices
(torch.optim.Adam: 1.6 ms, with fused in-place kernels). torch's "flat parameter" trick
(every parameter a view into one buffer, one rule call per group) was measured at ~5%:
with six tensors per group dispatch is not the cost, memory passes are.

Only with one torch thread: with more, torch splits each operation on a whole tensor
across them, which single-threaded numpy (and slices below torch's 32K-entry grain)
would forgo. The app runs one thread where it has two cores (one is left to the GUI);
on larger machines it runs more, and the update goes to torch, whole.

Slices are exact because every core rule is elementwise (an entry's update depends on
that entry only): the result is bit for bit the rule on the whole array, which
tests/test_torch_optim.py checks. numpy and torch may round an operation differently in
the last bit (seen for AdamW); both paths match torch.optim to 1e-10 in float64. A rule that reduces over a tensor (a norm, as
LARS/LAMB would) must not be sliced: list its name in `WHOLE_TENSOR_RULES`. Tensors on
an accelerator, in half precision or not contiguous are updated whole, with torch, too.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import torch

from gradlab.core import optimizers
from gradlab.core.optimizer_base import validate

# Bytes of one slice: the rule's few live temporaries fit a core's L2 cache (1-2 MB on
# current x86 CPUs). Measured in training on a Xeon with 2 MB of L2 per core, Adam step
# per batch of the 784-512-256-10 network: 64 KB 2.6 ms, 128 KB 2.45, 256 KB 2.7,
# 512 KB 2.9 (noise about ±0.2).
CHUNK_BYTES = 1 << 17

# False: CPU tensors are updated whole with torch, as on an accelerator (for comparison).
# Either way numpy slices are used only while torch runs one thread (see above).
NUMPY_SLICES = True

# Optimizers whose rule is not elementwise (none today): always updated whole, with torch.
WHOLE_TENSOR_RULES: frozenset[str] = frozenset()

_NUMPY_DTYPES = (torch.float32, torch.float64)
# Tells autograd that numpy changed a tensor (torch >= 2.1); without it, no numpy slices.
_increment_version = getattr(torch.autograd.graph, "increment_version", None)


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
        self._elementwise = name not in WHOLE_TENSOR_RULES
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
        slot_names, init_slots = self._slots, self._core.init_slots
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
                slots = tuple(state[k] for k in slot_names)
                if self._sliceable(p, g, slots):
                    slots = self._update_in_slices(p, g, slots, t, group)
                else:
                    update, slots = self._rule(g, p, slots, t, group)
                    p.add_(update)
                state["step"] = t
                state.update(zip(slot_names, slots))
        return loss

    def _sliceable(self, p: torch.Tensor, g: torch.Tensor, slots: tuple) -> bool:
        """One torch thread, and a CPU float32/float64 parameter whose gradient and slot
        tensors are contiguous arrays of its shape and dtype (flat numpy views exist)."""
        if not (NUMPY_SLICES and self._elementwise and _increment_version is not None
                and p.device.type == "cpu" and p.dtype in _NUMPY_DTYPES
                and torch.get_num_threads() == 1):
            return False
        return all(x.shape == p.shape and x.dtype == p.dtype and x.device == p.device
                   and x.is_contiguous()
                   for x in (p, g, *slots) if isinstance(x, torch.Tensor))

    def _update_in_slices(self, p: torch.Tensor, g: torch.Tensor, slots: tuple, t: int,
                          group: dict[str, Any]) -> tuple:
        """The rule on consecutive slices of flat numpy views of p, g and the slots; the
        slot tensors get their new values in place, and a number slot (NAdam's running
        product) the new value every slice computes alike. Returns the slots."""
        def flat(x: torch.Tensor) -> Any:
            return x.detach().view(-1).numpy()  # shares the tensor's memory

        flat_p, flat_g = flat(p), flat(g)
        flat_slots = [flat(s) if isinstance(s, torch.Tensor) else None for s in slots]
        chunk = max(1, CHUNK_BYTES // p.element_size())
        new: tuple = slots
        for start in range(0, len(flat_p), chunk):
            part = slice(start, start + chunk)
            ins = tuple(s if f is None else f[part] for s, f in zip(slots, flat_slots))
            update, new = self._rule(flat_g[part], flat_p[part], ins, t, group)
            flat_p[part] += update
            for f, value in zip(flat_slots, new):
                if f is not None:
                    f[part] = value
        # numpy wrote p behind autograd's back: a graph that saved p must see it changed.
        _increment_version(p)
        return tuple(s if f is not None else value for s, f, value in zip(slots, flat_slots, new))
