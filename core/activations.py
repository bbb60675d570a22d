"""Activation functions, each with its derivative written beside it.

    get("leaky_relu", alpha=0.1).forward(x)      f(x)
    get("leaky_relu", alpha=0.1).derivative(x)   f'(x), elementwise

Every formula is written once with `gradlab.core.backend` operations, so it runs on numpy
arrays and on torch tensors (a tensor in gives a tensor of the same dtype and device out,
and autograd flows through `forward`). The derivatives are analytic; the tests hold them
against torch autograd of torch's own functions and against finite differences.

Two habits keep everything finite at x = ±1000:
- `exp` only ever sees a non-positive number. Functions that need e^(−|x|) are written as
  two branches, each fed a clamped input (`pos = max(x, 0)`, `neg = min(x, 0)`), rather
  than with |x|: torch's gradient of |x| at 0 is 0, which would make autograd through
  `forward` wrong exactly at x = 0.
- Kinks follow torch's convention: ReLU'(0) = 0, LeakyReLU'(0) = α, ELU'(0) = α.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable

from gradlab.core import backend as B

Array = Any  # np.ndarray or torch.Tensor

_SQRT1_2 = math.sqrt(0.5)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


@dataclass(frozen=True)
class Activation:
    """An elementwise function f with its derivative f'.

    `formula` and `derivative_formula` are Unicode text for the GUI, e.g.
    `σ(x) = 1 / (1 + e^(−x))` and `σ'(x) = σ(x)(1 − σ(x))`.
    """

    name: str
    title: str
    params: dict[str, float]
    formula: str
    derivative_formula: str
    forward_fn: Callable[[Array], Array] = field(repr=False)
    derivative_fn: Callable[[Array], Array] = field(repr=False)

    def forward(self, x: Array) -> Array:
        """f(x), elementwise; integers become float64."""
        return self.forward_fn(B.as_float_array(x))

    def derivative(self, x: Array) -> Array:
        """f'(x) = df/dx at x, elementwise, same shape as x."""
        return self.derivative_fn(B.as_float_array(x))

    __call__ = forward


# --- the functions: forward and derivative side by side ------------------------------


def _split(x: Array) -> tuple[Array, Array]:
    """(max(x, 0), min(x, 0)): inputs that keep exp(−pos) and exp(neg) at most 1."""
    return B.maximum(x, 0.0), B.minimum(x, 0.0)


def _sigmoid(x: Array) -> Array:
    """σ(x) = 1 / (1 + e^(−x)) for x ≥ 0, and e^x / (1 + e^x) for x < 0 (the same
    number, written so that exp never overflows)."""
    pos, neg = _split(x)
    e_neg = B.exp(neg)
    return B.where(x >= 0, 1.0 / (1.0 + B.exp(-pos)), e_neg / (1.0 + e_neg))


def _sigmoid_d(x: Array) -> Array:
    """σ'(x) = σ(x)(1 − σ(x)) = σ(x)σ(−x): the second form stays exact for large x,
    where 1 − σ(x) would round to 0."""
    return _sigmoid(x) * _sigmoid(-x)


def _tanh(x: Array) -> Array:
    """tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x))."""
    return B.tanh(x)


def _tanh_d(x: Array) -> Array:
    """tanh'(x) = 1 − tanh²(x) = 1 / cosh²(x) = 4e^(−2|x|) / (1 + e^(−2|x|))².

    The last form (the same number) stays exact for large |x|, where tanh² rounds to 1
    and 1 − tanh² loses every digit."""
    e = B.exp(-2.0 * B.abs(x))
    return 4.0 * e / ((1.0 + e) * (1.0 + e))


def _relu(x: Array) -> Array:
    """ReLU(x) = max(0, x). (`where`, not `maximum`: torch's gradient of a clamp at the
    kink is 1, of this `where` 0, which is ReLU'(0) = 0 as torch defines it.)"""
    return B.where(x > 0, x, B.zeros_like(x))


def _relu_d(x: Array) -> Array:
    """ReLU'(x) = 1 if x > 0 else 0 (0 at x = 0, as torch)."""
    return B.where(x > 0, B.ones_like(x), B.zeros_like(x))


def _leaky_relu(alpha: float) -> tuple[Callable, Callable]:
    def forward(x: Array) -> Array:
        """f(x) = x if x > 0 else αx."""
        return B.where(x > 0, x, alpha * x)

    def derivative(x: Array) -> Array:
        """f'(x) = 1 if x > 0 else α (α at x = 0, as torch)."""
        return B.where(x > 0, B.ones_like(x), alpha * B.ones_like(x))

    return forward, derivative


def _elu(alpha: float) -> tuple[Callable, Callable]:
    def forward(x: Array) -> Array:
        """f(x) = x if x > 0 else α(e^x − 1); expm1 keeps e^x − 1 exact near 0."""
        return B.where(x > 0, x, alpha * B.expm1(B.minimum(x, 0.0)))

    def derivative(x: Array) -> Array:
        """f'(x) = 1 if x > 0 else αe^x (α at x = 0, as torch)."""
        return B.where(x > 0, B.ones_like(x), alpha * B.exp(B.minimum(x, 0.0)))

    return forward, derivative


def _gelu(x: Array) -> Array:
    """GELU(x) = x Φ(x), Φ(x) = ½(1 + erf(x/√2)) the standard normal CDF (torch's exact,
    non-tanh form)."""
    return x * (0.5 * (1.0 + B.erf(x * _SQRT1_2)))


def _gelu_d(x: Array) -> Array:
    """GELU'(x) = Φ(x) + x φ(x), φ(x) = e^(−x²/2) / √(2π) the normal density."""
    cdf = 0.5 * (1.0 + B.erf(x * _SQRT1_2))
    return cdf + x * (_INV_SQRT_2PI * B.exp(-0.5 * x * x))


def _softplus(x: Array) -> Array:
    """softplus(x) = log(1 + e^x) = x + log(1 + e^(−x)) for x > 0, log(1 + e^x) otherwise.

    Exact everywhere (torch's F.softplus instead returns x itself above x = 20)."""
    pos, neg = _split(x)
    return B.where(x > 0, pos + B.log1p(B.exp(-pos)), B.log1p(B.exp(neg)))


def _softplus_d(x: Array) -> Array:
    """softplus'(x) = e^x / (1 + e^x) = σ(x)."""
    return _sigmoid(x)


def _swish(x: Array) -> Array:
    """swish(x) = x σ(x) (also called SiLU)."""
    return x * _sigmoid(x)


def _swish_d(x: Array) -> Array:
    """swish'(x) = σ(x) + x σ(x)(1 − σ(x)) = σ(x)(1 + x(1 − σ(x)))."""
    s = _sigmoid(x)
    return s * (1.0 + x * (1.0 - s))


# --- the registry -------------------------------------------------------------------


def _alpha(name: str, params: dict, default: float, lo_open: bool) -> float:
    alpha = params.pop("alpha", default)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not math.isfinite(alpha):
        raise ValueError(f"{name}: alpha must be a finite number, got {alpha!r}")
    if alpha < 0 or (lo_open and alpha == 0):
        bound = "> 0" if lo_open else ">= 0"
        raise ValueError(f"{name}: alpha must be {bound}, got {alpha!r}")
    return float(alpha)


def _make_sigmoid(p: dict) -> Activation:
    return Activation("sigmoid", "Sigmoid", {}, "σ(x) = 1 / (1 + e⁻ˣ)",
                      "σ'(x) = σ(x)(1 − σ(x))", _sigmoid, _sigmoid_d)


def _make_tanh(p: dict) -> Activation:
    return Activation("tanh", "Tanh", {}, "tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)",
                      "tanh'(x) = 1 − tanh²(x)", _tanh, _tanh_d)


def _make_relu(p: dict) -> Activation:
    return Activation("relu", "ReLU", {}, "ReLU(x) = max(0, x)",
                      "ReLU'(x) = 1 (x > 0), 0 (x ≤ 0)", _relu, _relu_d)


def _make_leaky_relu(p: dict) -> Activation:
    alpha = _alpha("leaky_relu", p, 0.01, lo_open=False)
    f, d = _leaky_relu(alpha)
    return Activation("leaky_relu", "Leaky ReLU", {"alpha": alpha},
                      "f(x) = x (x > 0), αx (x ≤ 0)", "f'(x) = 1 (x > 0), α (x ≤ 0)", f, d)


def _make_elu(p: dict) -> Activation:
    alpha = _alpha("elu", p, 1.0, lo_open=True)
    f, d = _elu(alpha)
    return Activation("elu", "ELU", {"alpha": alpha}, "f(x) = x (x > 0), α(eˣ − 1) (x ≤ 0)",
                      "f'(x) = 1 (x > 0), α eˣ (x ≤ 0)", f, d)


def _make_gelu(p: dict) -> Activation:
    return Activation("gelu", "GELU", {}, "GELU(x) = x Φ(x),  Φ(x) = ½(1 + erf(x / √2))",
                      "GELU'(x) = Φ(x) + x φ(x),  φ(x) = exp(−x²/2) / √(2π)", _gelu, _gelu_d)


def _make_softplus(p: dict) -> Activation:
    return Activation("softplus", "Softplus", {}, "softplus(x) = ln(1 + eˣ)",
                      "softplus'(x) = σ(x) = 1 / (1 + e⁻ˣ)", _softplus, _softplus_d)


def _make_swish(p: dict) -> Activation:
    return Activation("swish", "Swish (SiLU)", {}, "swish(x) = x σ(x)",
                      "swish'(x) = σ(x)(1 + x(1 − σ(x)))", _swish, _swish_d)


_MAKERS: dict[str, Callable[[dict], Activation]] = {
    "sigmoid": _make_sigmoid,
    "tanh": _make_tanh,
    "relu": _make_relu,
    "leaky_relu": _make_leaky_relu,
    "elu": _make_elu,
    "gelu": _make_gelu,
    "softplus": _make_softplus,
    "swish": _make_swish,
}


def names() -> list[str]:
    """The activation names `get` accepts, in display order."""
    return list(_MAKERS)


def get(name: str, **params: float) -> Activation:
    """The activation called `name`; `alpha` is the only parameter (leaky_relu: slope for
    x ≤ 0, default 0.01, ≥ 0; elu: scale of the negative side, default 1.0, > 0)."""
    if name not in _MAKERS:
        raise ValueError(f"unknown activation {name!r}; valid names: {', '.join(_MAKERS)}")
    rest = dict(params)
    activation = _MAKERS[name](rest)
    if rest:
        raise ValueError(f"{name}: unknown parameter(s) {', '.join(map(repr, rest))}")
    return activation
