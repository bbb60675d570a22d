"""Gradient descent and its momentum variants, with torch.optim.SGD's conventions."""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from gradlab.core.backend import zeros_like

Array = Any


class SgdState(NamedTuple):
    step: int


class MomentumState(NamedTuple):
    step: int
    velocity: Array  # b, the running sum of gradients (torch's momentum_buffer)


def _decayed(g: Array, p: Array, h: Mapping[str, Any]) -> Array:
    """Coupled L2 weight decay, as torch: the gradient of f(θ) + λ/2 ‖θ‖²."""
    wd = h["weight_decay"]
    return g + wd * p if wd else g


def _grad_line(h: Mapping[str, Any]) -> str:
    return "g ← ∇f(θ) + λ θ" if h["weight_decay"] else "g ← ∇f(θ)"


def sgd_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""Plain gradient descent.

    .. code-block:: text

        input: η (lr), θ₀ (params), f(θ) (objective), λ (weight_decay)
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            θ_t ← θ_{t−1} − η g_t
        return θ_t
    """
    return -h["lr"] * _decayed(g, p, h), ()


def sgd_init(p: Array, h: Mapping[str, Any]) -> tuple:
    return ()


def sgd_formula(h: Mapping[str, Any]) -> list[str]:
    return [_grad_line(h), "θ ← θ − η g"]


def momentum_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""Heavy-ball momentum, exactly torch.optim.SGD(momentum=μ).

    .. code-block:: text

        input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)
        initialize: b₀ ← 0 (velocity)
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            b_t ← μ b_{t−1} + g_t
            θ_t ← θ_{t−1} − η b_t
        return θ_t

    Note: as in torch, the buffer holds a sum of gradients, not of steps, and its first
    value is g₁ (Sutskever et al. and many texts start from a zero *step*; with b₀ = 0 the
    two agree). The textbook form v_t = γ v_{t−1} + η g_t, θ_t = θ_{t−1} − v_t is the same
    algorithm for a constant learning rate: v_t = η b_t. They differ once η changes (a
    scheduler): the textbook velocity keeps the old η baked into its past steps, while
    torch's b is rescaled by the new η at once.
    """
    (b,) = slots
    b = h["momentum"] * b + _decayed(g, p, h)
    return -h["lr"] * b, (b,)


def momentum_init(p: Array, h: Mapping[str, Any]) -> tuple:
    return (zeros_like(p),)


def momentum_formula(h: Mapping[str, Any]) -> list[str]:
    return [_grad_line(h), "b ← μ b + g", "θ ← θ − η b"]


def nesterov_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""Nesterov momentum, exactly torch.optim.SGD(momentum=μ, nesterov=True).

    .. code-block:: text

        input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)
        initialize: b₀ ← 0 (velocity)
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            b_t ← μ b_{t−1} + g_t
            θ_t ← θ_{t−1} − η (g_t + μ b_t)
        return θ_t

    Note: Nesterov's original method evaluates the gradient at a look-ahead point
    θ − ημb; this is the equivalent reformulation (Sutskever et al., 2013; Bengio et al.)
    that needs the gradient at θ only, as in torch. The look-ahead shows up as the extra
    μ b_t in the step.
    """
    (b,) = slots
    g = _decayed(g, p, h)
    b = h["momentum"] * b + g
    return -h["lr"] * (g + h["momentum"] * b), (b,)


def nesterov_formula(h: Mapping[str, Any]) -> list[str]:
    return [_grad_line(h), "b ← μ b + g", "θ ← θ − η (g + μ b)"]
