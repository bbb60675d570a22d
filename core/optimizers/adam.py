"""Adam and its relatives (AdamW, Adamax, NAdam), with torch.optim's conventions."""

from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from gradlab.core.backend import abs as _abs
from gradlab.core.backend import maximum, zeros_like
from gradlab.core.optimizers.momentum import _decayed, _grad_line

Array = Any


class AdamState(NamedTuple):
    step: int
    m: Array  # first moment: running mean of g (torch's exp_avg)
    v: Array  # second moment: running mean of g ⊙ g (torch's exp_avg_sq)


class AdamaxState(NamedTuple):
    step: int
    m: Array  # running mean of g
    u: Array  # running infinity norm: max(β₂ u, |g| + ε) (torch's exp_inf)


class NadamState(NamedTuple):
    step: int
    mu_product: float  # ∏ μ_i, the product of every momentum coefficient so far
    m: Array
    v: Array


def _moments(g: Array, m: Array, v: Array, h: Mapping[str, Any]) -> tuple[Array, Array]:
    b1, b2 = h["beta1"], h["beta2"]
    return b1 * m + (1.0 - b1) * g, b2 * v + (1.0 - b2) * g * g


def _adam_step(m: Array, v: Array, t: int, h: Mapping[str, Any]) -> Array:
    """−η m̂ / (√v̂ + ε), in torch's order of operations."""
    step_size = h["lr"] / (1.0 - h["beta1"] ** t)
    root_bc2 = (1.0 - h["beta2"] ** t) ** 0.5
    return -step_size * m / (v**0.5 / root_bc2 + h["eps"])


def adam_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""Adam, exactly torch.optim.Adam (amsgrad off).

    .. code-block:: text

        input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
               θ₀ (params), f(θ) (objective)
        initialize: m₀ ← 0 (first moment), v₀ ← 0 (second moment)
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            m_t ← β₁ m_{t−1} + (1 − β₁) g_t
            v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
            m̂_t ← m_t / (1 − β₁ᵗ)
            v̂_t ← v_t / (1 − β₂ᵗ)
            θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
        return θ_t

    Note: this is Algorithm 1 of Kingma & Ba, ε outside the root of the bias-corrected
    v̂. The paper's "efficient" variant (and TensorFlow's Keras default) adds ε to √v
    before bias correction instead, which differs while v is tiny. Weight decay here is
    coupled L2 (added to g, so it is rescaled by v); see AdamW for the decoupled kind.
    """
    m, v = _moments(_decayed(g, p, h), *slots, h)
    return _adam_step(m, v, t, h), (m, v)


def adam_init(p: Array, h: Mapping[str, Any]) -> tuple:
    return zeros_like(p), zeros_like(p)


def adam_formula(h: Mapping[str, Any]) -> list[str]:
    return [
        _grad_line(h),
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g ⊙ g",
        "m̂ ← m / (1 − β₁ᵗ),  v̂ ← v / (1 − β₂ᵗ)",
        "θ ← θ − η m̂ / (√v̂ + ε)",
    ]


def adamw_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""AdamW, exactly torch.optim.AdamW (amsgrad off).

    .. code-block:: text

        input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
               θ₀ (params), f(θ) (objective)
        initialize: m₀ ← 0, v₀ ← 0
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1})
            θ_{t−1} ← θ_{t−1} − η λ θ_{t−1}
            m_t ← β₁ m_{t−1} + (1 − β₁) g_t
            v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
            θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)      (m̂, v̂ as in Adam)
        return θ_t

    Note: Loshchilov & Hutter scale the decay by a schedule multiplier only (θ ← θ − λθ);
    torch, and this code, multiply it by η as well. The decay is *decoupled*: it never
    enters m or v, so every weight shrinks at the same rate.
    """
    m, v = _moments(g, *slots, h)
    return -h["lr"] * h["weight_decay"] * p + _adam_step(m, v, t, h), (m, v)


def adamw_formula(h: Mapping[str, Any]) -> list[str]:
    return [
        "g ← ∇f(θ)",
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g ⊙ g",
        "m̂ ← m / (1 − β₁ᵗ),  v̂ ← v / (1 − β₂ᵗ)",
        "θ ← θ − η λ θ − η m̂ / (√v̂ + ε)",
    ]


def adamax_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""Adamax (Adam with the infinity norm), exactly torch.optim.Adamax.

    .. code-block:: text

        input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
               θ₀ (params), f(θ) (objective)
        initialize: m₀ ← 0, u₀ ← 0
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            m_t ← β₁ m_{t−1} + (1 − β₁) g_t
            u_t ← max(β₂ u_{t−1}, |g_t| + ε)
            θ_t ← θ_{t−1} − η m_t / ((1 − β₁ᵗ) u_t)
        return θ_t

    Note: Kingma & Ba write max(β₂ u, |g|) and divide by u alone; torch adds ε inside
    the max so u is never 0.
    """
    m, u = slots
    g = _decayed(g, p, h)
    m = h["beta1"] * m + (1.0 - h["beta1"]) * g
    u = maximum(h["beta2"] * u, _abs(g) + h["eps"])
    return -(h["lr"] / (1.0 - h["beta1"] ** t)) * m / u, (m, u)


def adamax_formula(h: Mapping[str, Any]) -> list[str]:
    return [
        _grad_line(h),
        "m ← β₁ m + (1 − β₁) g",
        "u ← max(β₂ u, |g| + ε)",
        "θ ← θ − η m / ((1 − β₁ᵗ) u)",
    ]


def nadam_rule(g: Array, p: Array, slots: tuple, t: int, h: Mapping[str, Any]) -> tuple:
    r"""NAdam (Adam with Nesterov momentum), exactly torch.optim.NAdam.

    .. code-block:: text

        input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
               ψ (momentum_decay), θ₀ (params), f(θ) (objective)
        initialize: m₀ ← 0, v₀ ← 0, Π₀ ← 1 (mu_product)
        for t = 1, 2, ...
            g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
            μ_t ← β₁ (1 − ½ · 0.96^(t ψ)),  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1) ψ))
            Π_t ← Π_{t−1} μ_t
            m_t ← β₁ m_{t−1} + (1 − β₁) g_t
            v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
            v̂_t ← v_t / (1 − β₂ᵗ)
            θ_t ← θ_{t−1} − η (1 − μ_t) / (1 − Π_t) · g_t / (√v̂_t + ε)
                          − η μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂_t + ε)
        return θ_t

    Note: Dozat's momentum schedule μ_t, as torch implements it (ψ = 0.004).
    """
    mu_product, m, v = slots
    b1, psi = h["beta1"], h["momentum_decay"]
    mu = b1 * (1.0 - 0.5 * 0.96 ** (t * psi))
    mu_next = b1 * (1.0 - 0.5 * 0.96 ** ((t + 1) * psi))
    mu_product = mu_product * mu
    g = _decayed(g, p, h)
    m, v = _moments(g, m, v, h)
    denom = (v / (1.0 - h["beta2"] ** t)) ** 0.5 + h["eps"]
    lr = h["lr"]
    update = (-lr * (1.0 - mu) / (1.0 - mu_product)) * g / denom
    update = update + (-lr * mu_next / (1.0 - mu_product * mu_next)) * m / denom
    return update, (mu_product, m, v)


def nadam_init(p: Array, h: Mapping[str, Any]) -> tuple:
    return 1.0, zeros_like(p), zeros_like(p)


def nadam_formula(h: Mapping[str, Any]) -> list[str]:
    return [
        _grad_line(h),
        "μₜ ← β₁ (1 − ½ · 0.96^(t ψ)),  Π ← Π μₜ",
        "m ← β₁ m + (1 − β₁) g",
        "v ← β₂ v + (1 − β₂) g ⊙ g,  v̂ ← v / (1 − β₂ᵗ)",
        "θ ← θ − η [(1 − μₜ) g / (1 − Π) + μₜ₊₁ m / (1 − Π μₜ₊₁)] / (√v̂ + ε)",
    ]
