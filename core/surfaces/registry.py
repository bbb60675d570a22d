"""Every surface by name: the built-in functions, the model losses, typed formulas.

    get("rosenbrock")                       a built-in surface
    get("logistic_focal:gamma=0.5")         a model-loss surface with its γ
    from_expression("x**2 + 10*sin(y)")     a typed formula, exact gradients (sympy)
"""

from __future__ import annotations

import math
from typing import Any

from gradlab.core.surfaces import expression, logistic
from gradlab.core.surfaces.functions import BUILDERS
from gradlab.core.surfaces.surface import Bounds, Surface


# The loss of a real model over its two parameters (logistic.py): the explorer races on
# these, and a scenario that saved one by name must find it again.
_MODEL_LOSSES: dict[str, str] = {
    "logistic_mse": "mse",
    "logistic_cross_entropy": "cross_entropy",
    "logistic_focal": "focal",
}


def names() -> list[str]:
    """Every surface's name, in menu order: the test functions, then the model losses."""
    return list(BUILDERS) + list(_MODEL_LOSSES)


def _model_loss(name: Any) -> tuple[str, float] | None:
    """("focal", γ) for "logistic_focal:gamma=0.5", (loss, 2.0) for a plain model-surface
    name, None for any other name; ValueError for a bad γ."""
    if not isinstance(name, str):
        return None
    base, _, params = name.partition(":")
    if base not in _MODEL_LOSSES or (params and base != "logistic_focal"):
        return None
    gamma = 2.0
    if params:
        key, _, text = params.partition("=")
        try:
            gamma = float(text) if key == "gamma" else math.nan
        except ValueError:
            gamma = math.nan
        if not (math.isfinite(gamma) and gamma >= 0):
            raise ValueError(f"surface {name!r}: gamma must be a number >= 0 "
                             f"(as in 'logistic_focal:gamma=0.5')")
    return _MODEL_LOSSES[base], gamma


def title(name: str) -> str:
    """The surface's title for a menu, cheaply (a model surface is built on first race)."""
    model = _model_loss(name)
    if model is not None:
        return logistic.surface_title(*model)
    return get(name).title


def get(name: str) -> Surface:
    """The surface called `name`; ValueError naming the known ones otherwise.

    Besides `names()`, "logistic_focal:gamma=G" is the focal model surface with γ = G."""
    model = _model_loss(name)
    if model is not None:
        return logistic.surface(*model)
    try:
        return BUILDERS[name]()
    except (KeyError, TypeError):
        raise ValueError(f"unknown surface {name!r}; known: {', '.join(names())}") from None


def known(name: Any) -> bool:
    """True when `get(name)` finds a surface."""
    try:
        get(name)
    except ValueError:
        return False
    return True


def from_expression(text: str, bounds: Bounds = (-5.0, 5.0, -5.0, 5.0)) -> Surface:
    """A Surface from a formula in x and y, e.g. "x**2 + 10*sin(y)", with exact gradients.

    Validated against a whitelist before sympy sees it; ValueError says what is wrong.
    See `gradlab.core.surfaces.expression.from_expression`.
    """
    return expression.from_expression(text, bounds)
