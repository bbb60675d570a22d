"""GradLab's optimizers: pure `init` / `update` functions that match torch.optim exactly.

    opt = get("adam", lr=0.01)
    state = opt.init(theta)                       # AdamState(step=0, m=0, v=0)
    updates, state = opt.update(grads, state, theta)
    theta = apply_updates(theta, updates)         # theta + updates

`theta` may be a numpy point `(2,)`, a batch of points `(n, 2)` moving independently, a
torch tensor, or a nested list/tuple of these (an MLP's `[(W, b), ...]`). Each algorithm's
docstring (e.g. `adam.adam_rule`) carries its update rule as an algorithm box and
says where torch's convention, which this follows, differs from the paper.

State fields, per optimizer (all but `step` have the params' shape, except NAdam's float
`mu_product`):
    sgd: step | momentum, nesterov: step, velocity | rmsprop: step, v |
    adagrad: step, sum_sq | adam, adamw: step, m, v | adamax: step, m, u |
    nadam: step, mu_product, m, v
"""

from __future__ import annotations

from typing import Any, Callable, NamedTuple

from gradlab.core.optimizers import adam as _adam
from gradlab.core.optimizers import momentum as _mom
from gradlab.core.optimizers import rms as _rms
from gradlab.core.optimizers.adam import AdamaxState, AdamState, NadamState
from gradlab.core.optimizers.base import HYPER_INFO, HyperInfo, Optimizer, apply_updates, validate
from gradlab.core.optimizers.momentum import MomentumState, SgdState
from gradlab.core.optimizers.rms import AdagradState, RmspropState

__all__ = [
    "HYPER_INFO", "HyperInfo", "Optimizer", "apply_updates", "defaults", "get", "names",
    "title", "SgdState", "MomentumState", "RmspropState", "AdagradState", "AdamState",
    "AdamaxState", "NadamState",
]


class _Spec(NamedTuple):
    title: str
    defaults: dict[str, Any]
    state_type: type
    rule: Callable
    init_slots: Callable
    formula: Callable[[dict[str, Any]], list[str]]


_ADAM = {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": 0.0}

# Defaults are torch.optim's, except where torch has none (momentum's μ = 0.9).
_SPECS: dict[str, _Spec] = {
    "sgd": _Spec("SGD", {"lr": 1e-3, "weight_decay": 0.0}, SgdState,
                 _mom.sgd_rule, _mom.sgd_init, _mom.sgd_formula),
    "momentum": _Spec("Momentum", {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0},
                      MomentumState, _mom.momentum_rule, _mom.momentum_init,
                      _mom.momentum_formula),
    "nesterov": _Spec("Nesterov", {"lr": 1e-3, "momentum": 0.9, "weight_decay": 0.0},
                      MomentumState, _mom.nesterov_rule, _mom.momentum_init,
                      _mom.nesterov_formula),
    "rmsprop": _Spec("RMSprop",
                     {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8, "weight_decay": 0.0,
                      "eps_in_sqrt": False},
                     RmspropState, _rms.rmsprop_rule, _rms.rmsprop_init, _rms.rmsprop_formula),
    "adagrad": _Spec("Adagrad",
                     {"lr": 1e-2, "lr_decay": 0.0, "weight_decay": 0.0,
                      "initial_accumulator_value": 0.0, "eps": 1e-10},
                     AdagradState, _rms.adagrad_rule, _rms.adagrad_init, _rms.adagrad_formula),
    "adam": _Spec("Adam", dict(_ADAM), AdamState,
                  _adam.adam_rule, _adam.adam_init, _adam.adam_formula),
    "adamw": _Spec("AdamW", {**_ADAM, "weight_decay": 1e-2}, AdamState,
                   _adam.adamw_rule, _adam.adam_init, _adam.adamw_formula),
    "adamax": _Spec("Adamax", {**_ADAM, "lr": 2e-3}, AdamaxState,
                    _adam.adamax_rule, _adam.adam_init, _adam.adamax_formula),
    "nadam": _Spec("NAdam", {**_ADAM, "lr": 2e-3, "momentum_decay": 4e-3}, NadamState,
                   _adam.nadam_rule, _adam.nadam_init, _adam.nadam_formula),
}


def names() -> list[str]:
    """Every optimizer `get` knows, in teaching order."""
    return list(_SPECS)


def _spec(name: str) -> _Spec:
    try:
        return _SPECS[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown optimizer {name!r}; valid: {', '.join(_SPECS)}") from None


def defaults(name: str) -> dict[str, Any]:
    """Every hyperparameter of `name` with its default value (a fresh dict)."""
    return dict(_spec(name).defaults)


def title(name: str) -> str:
    """The display name, e.g. "RMSprop" for "rmsprop"."""
    return _spec(name).title


def get(name: str, **hyper: Any) -> Optimizer:
    """The optimizer `name` with `hyper` overriding its defaults.

    Raises ValueError naming the value for an unknown optimizer, an unknown
    hyperparameter, or a value its `HYPER_INFO` row refuses (lr <= 0, NaN or inf;
    momentum, alpha, beta1, beta2 outside [0, 1); eps <= 0; negative weight_decay).
    """
    spec = _spec(name)
    h = validate(name, spec.defaults, hyper)
    return Optimizer(name, spec.title, h, spec.formula(h), spec.state_type,
                     spec.rule, spec.init_slots)
