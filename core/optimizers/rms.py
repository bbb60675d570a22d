"""Per-coordinate step sizes from squared gradients: RMSprop and Adagrad (torch conventions)."""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from gradlab.core.backend import zeros_like
from gradlab.core.optimizers.momentum import _decayed, _grad_line

Array = Any


class RmspropState(NamedTuple):
    step: int
    v: Array  # running mean of g ⊙ g (torch's square_avg)


class AdagradState(NamedTuple):
    step: int
    sum_sq: Array  # G, the sum of every g ⊙ g so far (torch's sum)


def rmsprop_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""RMSprop, exactly torch.optim.RMSprop (no momentum, not centered).

    .. code-block:: text

        input: η (lr), α (alpha), ε (eps), λ (weight_decay), θ₀ (params), f(θ) (objective)
        initialize: v₀ ← 0
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            v_t ← α v_{t−1} + (1 − α) g_t²
            θ_t ← θ_{t−1} − η g_t / (√v_t + ε)
        return θ_t

    Note: torch (and this code) put ε outside the square root; Hinton's lecture and many
    texts write √(v_t + ε). With ``eps_in_sqrt=True`` the step is η g_t / √(v_t + ε),
    the textbook form. The two differ only while v_t is of the order of ε.
    """
    (v,) = slots
    g = _decayed(g, p, h)
    alpha, eps = h["alpha"], h["eps"]
    v = alpha * v + (1.0 - alpha) * g * g
    denom = (v + eps) ** 0.5 if h["eps_in_sqrt"] else v**0.5 + eps
    return -h["lr"] * g / denom, (v,)


def rmsprop_init(p: Array, h: Mapping[str, Any]) -> tuple:
    return (zeros_like(p),)


def rmsprop_formula(h: Mapping[str, Any]) -> list[str]:
    step = "θ ← θ − η g / √(v + ε)" if h["eps_in_sqrt"] else "θ ← θ − η g / (√v + ε)"
    return [_grad_line(h), "v ← α v + (1 − α) g ⊙ g", step]


def adagrad_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""Adagrad, exactly torch.optim.Adagrad.

    .. code-block:: text

        input: η (lr), η_decay (lr_decay), ε (eps), λ (weight_decay),
               G₀ (initial_accumulator_value), θ₀ (params), f(θ) (objective)
        initialize: G ← G₀ (sum_sq)
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            η̃ ← η / (1 + (t − 1) η_decay)
            G_t ← G_{t−1} + g_t²
            θ_t ← θ_{t−1} − η̃ g_t / (√G_t + ε)
        return θ_t

    Note: Duchi et al. divide by √G_t (with ε only to avoid 0/0); as torch, ε is added
    outside the root and defaults to 1e-10. The sum only grows, so steps only shrink.
    """
    (s,) = slots
    g = _decayed(g, p, h)
    lr = h["lr"] / (1.0 + (t - 1) * h["lr_decay"])
    s = s + g * g
    return -lr * g / (s**0.5 + h["eps"]), (s,)


def adagrad_init(p: Array, h: Mapping[str, Any]) -> tuple:
    return (zeros_like(p) + h["initial_accumulator_value"],)


def adagrad_formula(h: Mapping[str, Any]) -> list[str]:
    lines = [_grad_line(h), "G ← G + g ⊙ g"]
    if h["lr_decay"]:
        lines.append("η̃ ← η / (1 + (t − 1) η_decay)")
        lines.append("θ ← θ − η̃ g / (√G + ε)")
    else:
        lines.append("θ ← θ − η g / (√G + ε)")
    return lines
