"""GradLab's optimizers as a `torch.optim.Optimizer`, to train a real network with them.

    opt = CoreOptimizer(model.parameters(), "adam", lr=1e-3)
    loss.backward(); opt.step(); opt.zero_grad()

The update is the very rule in `gradlab.core.optimizers` (one code path for numpy and
torch). Hyperparameters live in each param group and are read at every step, so LR
schedulers and per-group settings work. The state of each parameter is a plain dict
(`{"step": int, "m": tensor, ...}`) because torch's `load_state_dict` rebuilds tuples
with `type(value)(generator)`, which a NamedTuple does not survive. The state's tensors
are updated in place, as torch.optim's are: copy `state_dict()` to keep a snapshot.

Speed on the CPU. A rule is written with `+ - * /` only, so on whole tensors each
operator is one pass over memory that allocates a new tensor: Adam makes about fifteen,
and on a 512x784 weight (1.6 MB in float32) every pass goes out to the L3 cache. So a
contiguous float32/float64 CPU parameter is updated through numpy views of its memory
(no copies), in one of two ways:

1. compiled (`rule_kernel`, when numba imports): the rule is recorded once on symbolic
   entries and compiled into one loop that reads g, θ and the slots once and writes θ
   and the slots once. Its result is the rule on numpy arrays, bit for bit.
2. numpy slices (without numba, one torch thread; or while `prepare(wait=False)` is
   still making the loop, whatever the thread count): the rule runs on consecutive
   slices of `CHUNK_BYTES`, so its temporaries stay in the core's L2 cache.

Measured on the 784-512-256-10 network (bench/mnist_speed.py, 1 thread): Adam's step
0.7 ms compiled (0.4 ms of it in the loop), 2.3 ms in numpy slices, 3.3 ms on whole torch
tensors (torch.optim.Adam: 1.5 ms; with fused=True 0.6 ms). The compiled loop runs on one
core whatever torch's thread count; numpy slices only while torch runs one thread (with
more, torch splits each operation on a whole tensor across them, which single-threaded
numpy would forgo).

Both are exact because every core rule is elementwise (an entry's update depends on that
entry only); tests/test_torch_optim.py checks every path against the others and against
torch.optim. numpy and torch may round an operation differently in the last bit (seen for
AdamW); every path matches torch.optim to 1e-10 in float64. A rule that reduces over a
tensor (a norm, as LARS/LAMB would) must not be sliced: list its name in
`WHOLE_TENSOR_RULES` (the recorder would refuse it anyway). Tensors on an accelerator, in
half precision or not contiguous are updated whole, with torch.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

import torch

from gradlab.core import optimizers
from gradlab.core.optimizers import rule_kernel
from gradlab.core.optimizers.base import validate

# Bytes of one slice: the rule's few live temporaries fit a core's L2 cache (1-2 MB on
# current x86 CPUs). Measured in training on a Xeon with 2 MB of L2 per core, Adam step
# per batch of the 784-512-256-10 network: 64 KB 2.6 ms, 128 KB 2.45, 256 KB 2.7,
# 512 KB 2.9 (noise about ±0.2).
CHUNK_BYTES = 1 << 17

# False: no compiled loops (numpy slices or torch instead), for comparison.
COMPILED = True
# False: without compiled loops, CPU tensors are updated whole with torch, as on an
# accelerator. Either way numpy slices are used only while torch runs one thread.
NUMPY_SLICES = True

# Optimizers whose rule is not elementwise (none today): always updated whole, with torch.
WHOLE_TENSOR_RULES: frozenset[str] = frozenset()

_NUMPY_DTYPES = (torch.float32, torch.float64)
# In CoreOptimizer._loading: the loop is held back until `prepare` (slices_until_prepared).
_LATER = object()
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
        self._compilable = self._elementwise  # until the recorder refuses the rule
        # Per parameter: (data pointers of p and its slot tensors, flat numpy views of
        # them). Building the views costs ~3 us a tensor; they stay valid while the
        # pointers do (load_state_dict makes new slot tensors, and new views).
        self._views: dict[torch.Tensor, tuple[list[int], Any, tuple]] = {}
        # dtype -> the thread making its loop (prepare(wait=False)), or _LATER, until made.
        self._loading: dict[torch.dtype, Any] = {}
        super().__init__(params, dict(core.hyper))

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        # Check a group's own overrides now, not at its first step.
        own = {k: v for k, v in param_group.items() if k != "params"}
        validate(self.name, self.defaults, {k: v for k, v in own.items() if k in self.defaults})
        _undecorated(torch.optim.Optimizer.add_param_group)(self, param_group)

    # torch.optim.Optimizer wraps these four in `torch._disable_dynamo`, whose first call
    # imports torch._dynamo: 1.2 s, at every launch, before the first step (issue 19's
    # slow start). They only keep torch.compile from tracing into them, and GradLab
    # never compiles an optimizer with torch.compile, so the plain methods are called.
    def zero_grad(self, set_to_none: bool = True) -> None:
        _undecorated(torch.optim.Optimizer.zero_grad)(self, set_to_none)

    def state_dict(self) -> dict[str, Any]:
        return _undecorated(torch.optim.Optimizer.state_dict)(self)

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        _undecorated(torch.optim.Optimizer.load_state_dict)(self, state_dict)

    @torch.no_grad()
    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """One update of every parameter that has a gradient; returns closure's loss."""
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        slot_names, init_slots = self._slots, self._core.init_slots
        recordings: dict[Any, rule_kernel.Recording] = {}  # this step's, shared by params
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
                slots = self._update(p, g, slots, t, group, recordings)
                state["step"] = t
                state.update(zip(slot_names, slots))
        return loss

    def prepare(self, wait: bool = True) -> None:
        """Compile the rule's loop now for the dtypes of the CPU parameters (the first
        time in a process about 0.5 s: numba's import and set-up, and the compilation or
        a load from `rule_kernel`'s disk cache), so that the first step is as fast as the
        others and a timed epoch does not include it. Does nothing where no loop would
        run.

        wait=False: the loop is made in a thread of its own (`rule_kernel.in_background`)
        and the steps go on meanwhile, through numpy slices whatever torch's thread
        count, until it is ready: the first step does not wait for numba (the MNIST
        tab's Start, issue 19). The loop's result is the rule on numpy arrays bit for bit
        (tests/test_rule_kernel.py), so which steps took which path changes nothing."""
        if not (self._compilable and COMPILED):
            self._loading.clear()  # nothing held back for a loop that will not come
            return
        dtypes = {p.dtype for group in self.param_groups for p in group["params"]
                  if p.device.type == "cpu" and p.dtype in _NUMPY_DTYPES}
        if not wait:
            for dtype in dtypes:
                if self._loading.get(dtype, _LATER) is _LATER:
                    self._loading[dtype] = rule_kernel.in_background(
                        lambda dtype=dtype: self._compile_for(dtype), f"gradlab loop {self.name}")
            return
        for dtype in dtypes:
            self._compile_for(dtype)
            self._loading.pop(dtype, None)

    def slices_until_prepared(self) -> None:
        """Until `prepare` is called, the steps take numpy slices (whatever the thread
        count) and do not make the loop: a first step that neither waits for numba nor
        shares the CPU with it (`prepare(wait=False)` after the first frame). Only where
        the loop would serve: without numba nothing changes (no run mixes numpy's and
        torch's rounding)."""
        if not (self._compilable and COMPILED and rule_kernel.installed()):
            return
        for group in self.param_groups:
            for p in group["params"]:
                if p.device.type == "cpu" and p.dtype in _NUMPY_DTYPES:
                    self._loading.setdefault(p.dtype, _LATER)

    def _compile_for(self, dtype: torch.dtype) -> None:
        """The loop of every group's rule for `dtype`, compiled (or loaded) once; a rule
        the recorder or numba refuses turns the loop off for good (numpy serves)."""
        if not (self._compilable and rule_kernel.available()):
            return
        for group in self.param_groups:
            empty = torch.empty(0, dtype=dtype)
            slots = tuple(_flat(s) if isinstance(s, torch.Tensor) else s
                          for s in self._core.init_slots(empty, group))
            try:
                recording = rule_kernel.record(self._rule, slots, 1, group, _flat(empty).dtype)
                rule_kernel.apply(recording, _flat(empty), _flat(empty.clone()), slots)
            except rule_kernel.Untraceable:
                self._compilable = False
                return

    def _loop_loading(self, dtype: torch.dtype) -> bool:
        """True while `prepare(wait=False)`'s thread is still making `dtype`'s loop, or
        `slices_until_prepared` holds it back."""
        thread = self._loading.get(dtype)
        if thread is None:
            return False
        if thread is _LATER or thread.is_alive():
            return True
        del self._loading[dtype]
        return False

    def _numpy_views_ok(self, p: torch.Tensor, g: torch.Tensor, slots: tuple) -> bool:
        """An elementwise rule on a CPU float32/float64 parameter whose gradient and slot
        tensors are contiguous arrays of its shape and dtype (flat numpy views exist)."""
        if not (self._elementwise and _increment_version is not None
                and p.device.type == "cpu" and p.dtype in _NUMPY_DTYPES):
            return False
        return all(x.shape == p.shape and x.dtype == p.dtype and x.device == p.device
                   and x.is_contiguous()
                   for x in (p, g, *slots) if isinstance(x, torch.Tensor))

    def _update(self, p: torch.Tensor, g: torch.Tensor, slots: tuple, t: int,
                group: dict[str, Any], recordings: dict[Any, Any]) -> tuple:
        """p updated in place by the fastest path that applies; returns the new slots."""
        if self._loop_loading(p.dtype):
            # The loop is on its way: numpy slices meanwhile, equal to it bit for bit
            # (the thread count only decides speed between these two and torch).
            if self._numpy_views_ok(p, g, slots):
                return self._update_in_slices(p, g, slots, t, group)
        elif self._compilable and COMPILED and rule_kernel.available():
            views = self._flat_views(p, g, slots)
            if views is not None:
                try:
                    return self._update_compiled(p, g, slots, views, t, group, recordings)
                except rule_kernel.Untraceable:
                    self._compilable = False  # for good: the paths below from now on
        if NUMPY_SLICES and torch.get_num_threads() == 1 and self._numpy_views_ok(p, g, slots):
            return self._update_in_slices(p, g, slots, t, group)
        update, slots = self._rule(g, p, slots, t, group)
        p.add_(update)
        return slots

    def _flat_views(self, p: torch.Tensor, g: torch.Tensor, slots: tuple) -> tuple | None:
        """(flat p, flat g, the slots with flat views for tensors), or None when
        `_numpy_views_ok` says no. p's and the slots' views are kept between steps."""
        # g is new at every step: check it; p and the slots were checked with their views.
        if not (g.is_cpu and g.dtype is p.dtype and g.shape == p.shape and g.is_contiguous()):
            return None
        ptrs = [p.data_ptr()]
        ptrs.extend(s.data_ptr() for s in slots if isinstance(s, torch.Tensor))
        kept = self._views.get(p)
        if kept is None or kept[0] != ptrs:
            if not self._numpy_views_ok(p, g, slots):
                return None
            kept = self._views[p] = (ptrs, _flat(p), tuple(
                _flat(s) if isinstance(s, torch.Tensor) else None for s in slots))
        _, flat_p, flat_slots = kept
        return flat_p, _flat(g), tuple(s if f is None else f for s, f in zip(slots, flat_slots))

    def _update_compiled(self, p: torch.Tensor, g: torch.Tensor, slots: tuple, views: tuple,
                         t: int, group: dict[str, Any], recordings: dict[Any, Any]) -> tuple:
        """The rule's compiled loop on flat numpy views of p, g and the slots, in place.
        One recording serves every parameter of a step with the same t, group, dtype and
        number slots (recording costs ~30 us of Python; the loop on a bias, ~1 us).
        Raises Untraceable, having changed nothing, when the rule cannot be recorded."""
        flat_p, flat_g, flat_slots = views
        key = (t, id(group), p.dtype, tuple(s for s in slots if not isinstance(s, torch.Tensor)))
        recording = recordings.get(key)
        if recording is None:
            recording = recordings[key] = rule_kernel.record(
                self._rule, flat_slots, t, group, flat_p.dtype)
        new = rule_kernel.apply(recording, flat_p, flat_g, flat_slots)
        _increment_version(p)  # numpy wrote p behind autograd's back
        return tuple(s if isinstance(s, torch.Tensor) else n for s, n in zip(slots, new))

    def _update_in_slices(self, p: torch.Tensor, g: torch.Tensor, slots: tuple, t: int,
                          group: dict[str, Any]) -> tuple:
        """The rule on consecutive slices of flat numpy views of p, g and the slots; the
        slot tensors get their new values in place, and a number slot (NAdam's running
        product) the new value every slice computes alike. Returns the slots."""
        flat_p, flat_g = _flat(p), _flat(g)
        flat_slots = [_flat(s) if isinstance(s, torch.Tensor) else None for s in slots]
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


def _undecorated(method: Callable) -> Callable:
    """`method` without torch's `_disable_dynamo` wrapper (functools.wraps keeps the
    plain function as `__wrapped__`); the method itself where a torch has no wrapper."""
    return getattr(method, "__wrapped__", method)


def _flat(x: torch.Tensor) -> Any:
    """A flat numpy view of a contiguous CPU tensor (shares its memory)."""
    return x.detach().view(-1).numpy()
