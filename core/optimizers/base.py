"""The shape every GradLab optimizer shares: pure `init` / `update` over arrays.

An optimizer is two functions, as in optax:

    state = opt.init(params)
    updates, state = opt.update(grads, state, params)
    params = apply_updates(params, updates)        # params + updates

Each algorithm is written once as a *rule* over one array (a leaf):

    rule(g, p, slots, t, h) -> (update, new_slots)

with `slots` the state's arrays in field order (after `step`), `t` the step being taken
(1, 2, ...) and `h` a mapping of hyperparameters. Rules use only `+ - * /`, `** 0.5`
and Python floats, so one rule serves a numpy point `(2,)`, a batch of points `(n, 2)`
and a torch tensor. `update` maps the rule over nested lists/tuples of arrays (an MLP's
`[(W, b), ...]`) so a hand-written network can be trained with the same optimizers.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, NamedTuple

Array = Any  # np.ndarray or torch.Tensor
Rule = Callable[[Array, Array, tuple, int, Mapping[str, Any]], "tuple[Array, tuple]"]
InitSlots = Callable[[Array, Mapping[str, Any]], tuple]


def _real(name: str, value: Any) -> float:
    # float("0.1") and float(True) would pass silently; a typed text or a flag is a mistake.
    if isinstance(value, (bool, str, bytes)) or value is None:
        raise ValueError(f"{name} must be a number, got {_short(value)}")
    try:
        out = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {_short(value)}") from None
    except OverflowError:  # an int beyond float's range (10**400 from a JSON file)
        raise ValueError(f"{name} must be finite, got a number beyond ±1.8e308") from None
    if not math.isfinite(out):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _positive(name: str, value: Any) -> float:
    out = _real(name, value)
    if out <= 0.0:
        raise ValueError(f"{name} must be > 0, got {value!r}")
    return out


def _non_negative(name: str, value: Any) -> float:
    out = _real(name, value)
    if out < 0.0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return out


def _unit(name: str, value: Any) -> float:
    out = _real(name, value)
    if not 0.0 <= out < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return out


def _flag(name: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be True or False, got {value!r}")
    return value


class HyperInfo(NamedTuple):
    """One hyperparameter: how the GUI shows it (a label, its symbol and a sensible
    range) and how a value is checked (`check(name, value)` returns the value as a
    float or bool, or raises ValueError naming it)."""

    label: str
    symbol: str
    lo: float
    hi: float
    log: bool
    check: Callable[[str, Any], Any]

    @property
    def kind(self) -> str:
        """"bool" for a flag (a check box), else "float" (a spin box)."""
        return "bool" if self.check is _flag else "float"


HYPER_INFO: dict[str, HyperInfo] = {
    "lr": HyperInfo("learning rate", "η", 1e-5, 10.0, True, _positive),
    "momentum": HyperInfo("momentum", "μ", 0.0, 0.999, False, _unit),
    "alpha": HyperInfo("smoothing constant", "α", 0.5, 0.9999, False, _unit),
    "beta1": HyperInfo("first-moment decay", "β₁", 0.0, 0.999, False, _unit),
    "beta2": HyperInfo("second-moment decay", "β₂", 0.5, 0.99999, False, _unit),
    "eps": HyperInfo("epsilon", "ε", 1e-12, 1.0, True, _positive),
    "weight_decay": HyperInfo("weight decay", "λ", 0.0, 1.0, False, _non_negative),
    "lr_decay": HyperInfo("learning-rate decay", "η_decay", 0.0, 1.0, False, _non_negative),
    "initial_accumulator_value": HyperInfo("initial accumulator", "G₀", 0.0, 1.0, False, _non_negative),
    "momentum_decay": HyperInfo("momentum decay", "ψ", 0.0, 0.1, False, _non_negative),
    "eps_in_sqrt": HyperInfo("ε inside the square root", "ε in √", 0.0, 1.0, False, _flag),
}


def validate(name: str, defaults: Mapping[str, Any], hyper: Mapping[str, Any]) -> dict[str, Any]:
    """`defaults` overridden by `hyper`, every value checked; ValueError names the bad one."""
    unknown = sorted(set(hyper) - set(defaults))
    if unknown:
        raise ValueError(
            f"unknown hyperparameter {unknown[0]!r} for {name}; valid: {', '.join(defaults)}"
        )
    merged = {**defaults, **hyper}
    return {key: HYPER_INFO[key].check(key, value) for key, value in merged.items()}


# -- nested lists/tuples of arrays --------------------------------------------------


def _is_tree(x: Any) -> bool:
    return isinstance(x, (list, tuple))


def _leaves(tree: Any) -> list:
    if _is_tree(tree):
        return [leaf for sub in tree for leaf in _leaves(sub)]
    return [tree]


def _rebuild(like: Any, leaves: Any) -> Any:
    """`like`'s structure filled from the iterator `leaves`."""
    if _is_tree(like):
        return type(like)(_rebuild(sub, leaves) for sub in like)
    return next(leaves)


@dataclass(frozen=True)
class Optimizer:
    """One configured optimizer: `init(params) -> state`, `update(grads, state, params)`.

    `hyper` holds every hyperparameter (defaults filled in); `formula` is the update rule
    as Unicode lines for display; `state_type` is the NamedTuple `init` returns (an int
    `step`, then one array per `slot_names`, each the same shape as the params).
    """

    name: str
    title: str
    hyper: dict[str, Any]
    formula: list[str]
    state_type: type
    rule: Rule = field(repr=False)
    init_slots: InitSlots = field(repr=False)

    @property
    def slot_names(self) -> tuple[str, ...]:
        return self.state_type._fields[1:]

    @property
    def doc(self) -> str:
        """The rule's docstring: its algorithm box and how it differs from the paper."""
        return inspect.cleandoc(self.rule.__doc__ or "")

    def init(self, params: Any) -> Any:
        """The state before the first step (`step` = 0)."""
        if not _is_tree(params):
            return self.state_type(0, *self.init_slots(params, self.hyper))
        per_leaf = [self.init_slots(p, self.hyper) for p in _leaves(params)]
        slots = [_rebuild(params, iter(column)) for column in zip(*per_leaf)]
        return self.state_type(0, *slots)

    def update(self, grads: Any, state: Any, params: Any) -> tuple[Any, Any]:
        """`(updates, new_state)` for one step; the inputs are left untouched."""
        t = int(state[0]) + 1
        if not _is_tree(params):
            update, slots = self.rule(grads, params, tuple(state[1:]), t, self.hyper)
            return update, self.state_type(t, *slots)
        slot_leaves = [_leaves(s) for s in state[1:]]
        outs = [
            self.rule(g, p, tuple(s[i] for s in slot_leaves), t, self.hyper)
            for i, (g, p) in enumerate(zip(_leaves(grads), _leaves(params)))
        ]
        updates = _rebuild(params, (u for u, _ in outs))
        slots = [_rebuild(params, (s[k] for _, s in outs)) for k in range(len(slot_leaves))]
        return updates, self.state_type(t, *slots)


def apply_updates(params: Any, updates: Any) -> Any:
    """`params + updates`, leaf by leaf; new arrays, the inputs are left untouched."""
    if _is_tree(params):
        return _rebuild(params, iter([p + u for p, u in zip(_leaves(params), _leaves(updates))]))
    return params + updates
