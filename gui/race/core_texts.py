"""The core's English texts the race tab shows, marked for translation.

Surface titles and descriptions (`gradlab.core.surfaces`), the model losses' names and
lessons (`core.surfaces.logistic`), and each optimizer's update-rule note (its rule's
docstring, the card's tooltip) live in `core`, which knows no Qt. This module lists
them as `QT_TRANSLATE_NOOP("RaceSurface" | "RaceOptimizer", ...)` calls so that
pyside6-lupdate finds them; `gui.race.words` shows each through `translate`.

Generated from the core; after changing one of those texts run

    python -m gradlab.gui.race.core_texts --write

(`--check` exits 1 when this file is out of date; tests/test_i18n_race.py checks too).
"""

from __future__ import annotations

import sys
from pathlib import Path

from gradlab.resources.scenario_texts import QT_TRANSLATE_NOOP, main, marked, rewrite  # noqa: F401

# --- generated texts: do not edit by hand (see the module's docstring) ---
SURFACE_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("RaceSurface", "Quadratic bowl"),
    QT_TRANSLATE_NOOP("RaceSurface", "A round bowl (Hessian = I, λ = 1): the gradient points straight at the centre, so SGD and Momentum run straight in, while RMSprop and Adam scale each coordinate on its own and their paths bend; gradient descent is stable for η < 2/λ = 2."),
    QT_TRANSLATE_NOOP("RaceSurface", "Ill-conditioned quadratic (ravine)"),
    QT_TRANSLATE_NOOP("RaceSurface", "A narrow ravine with Hessian eigenvalues λ = 1 and λₘₐₓ = 25 (condition number 25): SGD is stable only for η < 2/λₘₐₓ = 0.08, and near that limit it zig-zags across the ravine while crawling along it. At the same η, Momentum reaches the minimum many times sooner than SGD."),
    QT_TRANSLATE_NOOP("RaceSurface", "Rosenbrock's banana"),
    QT_TRANSLATE_NOOP("RaceSurface", "Finding the curved valley is easy; following its flat floor to (1, 1) is slow, and too large a learning rate bounces off its steep walls: SGD with η = 0.002 zig-zags across the floor, and with η = 0.003 it is thrown out within a few steps."),
    QT_TRANSLATE_NOOP("RaceSurface", "Beale's function"),
    QT_TRANSLATE_NOOP("RaceSurface", "Flat plateaus next to walls that climb steeply to the corners: watch which optimizers find the narrow valley to (3, 0.5) and which stall on the flat (SGD, with η = 0.001)."),
    QT_TRANSLATE_NOOP("RaceSurface", "Himmelblau's function"),
    QT_TRANSLATE_NOOP("RaceSurface", "Four equally good minima around a hill at (−0.27, −0.92): starting near its top, optimizers with different step rules roll into different minima."),
    QT_TRANSLATE_NOOP("RaceSurface", "Rastrigin's function"),
    QT_TRANSLATE_NOOP("RaceSurface", "An egg-crate of local minima on a bowl: small steps get trapped in the nearest dimple (from (−3.3, 2.8), with η ≤ 0.05, every optimizer stops in the one at (−2.98, 2.98)); only larger steps or momentum can hop towards (0, 0), as the Rastrigin scenario shows."),
    QT_TRANSLATE_NOOP("RaceSurface", "Saddle point"),
    QT_TRANSLATE_NOOP("RaceSurface", "No minimum (minima = []): the origin is a saddle. Started just off the x-axis, SGD slides towards the saddle, slowing as |∇f| shrinks, and stays near the x-axis, while RMSprop and Adam amplify the tiny y-gradient and escape downhill within a few dozen steps."),
    QT_TRANSLATE_NOOP("RaceSurface", "Monkey saddle"),
    QT_TRANSLATE_NOOP("RaceSurface", "No minimum (minima = []): a saddle with three valleys and a Hessian of zero at the origin, so the gradient vanishes quadratically (|∇f| = 3r² at distance r): SGD slows to a crawl as it nears the origin before it slides off down a valley, long after Momentum, RMSprop and Adam have left."),
    QT_TRANSLATE_NOOP("RaceSurface", "Styblinski–Tang function"),
    QT_TRANSLATE_NOOP("RaceSurface", "Four basins of different depths: from the corner, plain descent settles in the shallowest basin at (2.75, 2.75); the deepest is at (−2.90, −2.90)."),
    QT_TRANSLATE_NOOP("RaceSurface", "Goldstein–Price function"),
    QT_TRANSLATE_NOOP("RaceSurface", "Values span six orders of magnitude (3 to ~10⁶) with local minima on the way. The start (1.5, 1.5) is on a steep wall: even η = 0.001 makes SGD and Momentum explode within two steps, while Adam, whose steps are about η whatever the slope, comes down the wall and stops in the local minimum near (1.2, 0.8) (f = 840, against 3 at (0, −1))."),
    QT_TRANSLATE_NOOP("RaceSurface", "Booth's function"),
    QT_TRANSLATE_NOOP("RaceSurface", "A tilted quadratic (Hessian eigenvalues 18 and 2): from (−6, 4) the gradient points 45° away from the minimum, so SGD first drops into the valley along the steep direction, then turns and curves in along the gentle one; it is stable for η < 2/18 ≈ 0.11."),
    QT_TRANSLATE_NOOP("RaceSurface", "Six-hump camel function"),
    QT_TRANSLATE_NOOP("RaceSurface", "Two global minima near (±0.09, ∓0.71) among four local ones: from the start (−1.5, −1), careful descent settles in the local minimum at (−1.61, −0.57)."),
    QT_TRANSLATE_NOOP("RaceSurface", "Plateau and cliff"),
    QT_TRANSLATE_NOOP("RaceSurface", "On the plateau |∇f| is a few 10⁻³, so SGD barely moves while Adam steps about η per iteration whatever the slope, and RMSprop several η (its average of g² starts from zero and lags behind the growing slope); a learning rate large enough for SGD to cross the plateau flings it off the cliff (slope ≈ 2.6) round the well."),
    QT_TRANSLATE_NOOP("RaceSurface", "MSE on sigmoid"),
    QT_TRANSLATE_NOOP("RaceSurface", "Cross-entropy"),
    QT_TRANSLATE_NOOP("RaceSurface", "Focal loss"),
    QT_TRANSLATE_NOOP("RaceSurface", "Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is confidently right or confidently wrong, and so does the gradient. From the start (−4, 3), the weight's sign wrong, SGD and Momentum barely move, while RMSprop and Adam, which divide by the gradient's size, reach the minimum."),
    QT_TRANSLATE_NOOP("RaceSurface", "Convex: one valley, and the gradient (p − t) x stays large exactly where the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times larger and SGD gets moving."),
    QT_TRANSLATE_NOOP("RaceSurface", "Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for cross-entropy): a less confident model."),
)
OPTIMIZER_TEXTS: tuple[str, ...] = (
    QT_TRANSLATE_NOOP("RaceOptimizer", "Plain gradient descent.\n\n.. code-block:: text\n\n    input: η (lr), θ₀ (params), f(θ) (objective), λ (weight_decay)\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        θ_t ← θ_{t−1} − η g_t\n    return θ_t"),
    QT_TRANSLATE_NOOP("RaceOptimizer", "Heavy-ball momentum, exactly torch.optim.SGD(momentum=μ).\n\n.. code-block:: text\n\n    input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)\n    initialize: b₀ ← 0 (velocity)\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        b_t ← μ b_{t−1} + g_t\n        θ_t ← θ_{t−1} − η b_t\n    return θ_t\n\nNote: as in torch, the buffer holds a sum of gradients, not of steps, and its first\nvalue is g₁ (Sutskever et al. and many texts start from a zero *step*; with b₀ = 0 the\ntwo agree). The textbook form v_t = γ v_{t−1} + η g_t, θ_t = θ_{t−1} − v_t is the same\nalgorithm for a constant learning rate: v_t = η b_t. They differ once η changes (a\nscheduler): the textbook velocity keeps the old η baked into its past steps, while\ntorch's b is rescaled by the new η at once."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "Nesterov momentum, exactly torch.optim.SGD(momentum=μ, nesterov=True).\n\n.. code-block:: text\n\n    input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)\n    initialize: b₀ ← 0 (velocity)\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        b_t ← μ b_{t−1} + g_t\n        θ_t ← θ_{t−1} − η (g_t + μ b_t)\n    return θ_t\n\nNote: Nesterov's original method evaluates the gradient at a look-ahead point\nθ − ημb; this is the equivalent reformulation (Sutskever et al., 2013; Bengio et al.)\nthat needs the gradient at θ only, as in torch. The look-ahead shows up as the extra\nμ b_t in the step."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "RMSprop, exactly torch.optim.RMSprop (no momentum, not centered).\n\n.. code-block:: text\n\n    input: η (lr), α (alpha), ε (eps), λ (weight_decay), θ₀ (params), f(θ) (objective)\n    initialize: v₀ ← 0\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        v_t ← α v_{t−1} + (1 − α) g_t²\n        θ_t ← θ_{t−1} − η g_t / (√v_t + ε)\n    return θ_t\n\nNote: torch (and this code) put ε outside the square root; Hinton's lecture and many\ntexts write √(v_t + ε). With ``eps_in_sqrt=True`` the step is η g_t / √(v_t + ε),\nthe textbook form. The two differ only while v_t is of the order of ε."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "Adagrad, exactly torch.optim.Adagrad.\n\n.. code-block:: text\n\n    input: η (lr), η_decay (lr_decay), ε (eps), λ (weight_decay),\n           G₀ (initial_accumulator_value), θ₀ (params), f(θ) (objective)\n    initialize: G ← G₀ (sum_sq)\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        η̃ ← η / (1 + (t − 1) η_decay)\n        G_t ← G_{t−1} + g_t²\n        θ_t ← θ_{t−1} − η̃ g_t / (√G_t + ε)\n    return θ_t\n\nNote: Duchi et al. divide by √G_t (with ε only to avoid 0/0); as torch, ε is added\noutside the root and defaults to 1e-10. The sum only grows, so steps only shrink."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "Adam, exactly torch.optim.Adam (amsgrad off).\n\n.. code-block:: text\n\n    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),\n           θ₀ (params), f(θ) (objective)\n    initialize: m₀ ← 0 (first moment), v₀ ← 0 (second moment)\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        m_t ← β₁ m_{t−1} + (1 − β₁) g_t\n        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²\n        m̂_t ← m_t / (1 − β₁ᵗ)\n        v̂_t ← v_t / (1 − β₂ᵗ)\n        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)\n    return θ_t\n\nNote: this is Algorithm 1 of Kingma & Ba, ε outside the root of the bias-corrected\nv̂. The paper's \"efficient\" variant (and TensorFlow's Keras default) adds ε to √v\nbefore bias correction instead, which differs while v is tiny. Weight decay here is\ncoupled L2 (added to g, so it is rescaled by v); see AdamW for the decoupled kind."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "AdamW, exactly torch.optim.AdamW (amsgrad off).\n\n.. code-block:: text\n\n    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),\n           θ₀ (params), f(θ) (objective)\n    initialize: m₀ ← 0, v₀ ← 0\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1})\n        θ_{t−1} ← θ_{t−1} − η λ θ_{t−1}\n        m_t ← β₁ m_{t−1} + (1 − β₁) g_t\n        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²\n        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)      (m̂, v̂ as in Adam)\n    return θ_t\n\nNote: Loshchilov & Hutter scale the decay by a schedule multiplier only (θ ← θ − λθ);\ntorch, and this code, multiply it by η as well. The decay is *decoupled*: it never\nenters m or v, so every weight shrinks at the same rate."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "Adamax (Adam with the infinity norm), exactly torch.optim.Adamax.\n\n.. code-block:: text\n\n    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),\n           θ₀ (params), f(θ) (objective)\n    initialize: m₀ ← 0, u₀ ← 0\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        m_t ← β₁ m_{t−1} + (1 − β₁) g_t\n        u_t ← max(β₂ u_{t−1}, |g_t| + ε)\n        θ_t ← θ_{t−1} − η m_t / ((1 − β₁ᵗ) u_t)\n    return θ_t\n\nNote: Kingma & Ba write max(β₂ u, |g|) and divide by u alone; torch adds ε inside\nthe max so u is never 0."),
    QT_TRANSLATE_NOOP("RaceOptimizer", "NAdam (Adam with Nesterov momentum), exactly torch.optim.NAdam.\n\n.. code-block:: text\n\n    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),\n           ψ (momentum_decay), θ₀ (params), f(θ) (objective)\n    initialize: m₀ ← 0, v₀ ← 0, Π₀ ← 1 (mu_product)\n    for t = 1, 2, ...\n        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}\n        μ_t ← β₁ (1 − ½ · 0.96^(t ψ)),  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1) ψ))\n        Π_t ← Π_{t−1} μ_t\n        m_t ← β₁ m_{t−1} + (1 − β₁) g_t\n        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²\n        v̂_t ← v_t / (1 − β₂ᵗ)\n        θ_t ← θ_{t−1} − η (1 − μ_t) / (1 − Π_t) · g_t / (√v̂_t + ε)\n                      − η μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂_t + ε)\n    return θ_t\n\nNote: Dozat's momentum schedule μ_t, as torch implements it (ψ = 0.004)."),
)
# --- end of generated texts ---


def surface_texts() -> list[str]:
    """Each built-in surface's title and description, then the model losses' names and lessons."""
    from gradlab.core.surfaces import logistic
    from gradlab.core.surfaces.functions import BUILDERS

    out: list[str] = []
    for build in BUILDERS.values():
        surface = build()
        out += [surface.title, surface.description]
    return out + list(logistic.LOSSES.values()) + list(logistic.LESSONS.values())


def optimizer_texts() -> list[str]:
    """Each optimizer's update-rule note (its docstring), in teaching order."""
    from gradlab.core import optimizers

    return [optimizers.get(name).doc for name in optimizers.names()]


def generated() -> str:
    """This module's text as it should be for the core as it is now."""
    body = "\n".join([marked("RaceSurface", surface_texts(), "SURFACE_TEXTS"),
                      marked("RaceOptimizer", optimizer_texts(), "OPTIMIZER_TEXTS")])
    return rewrite(Path(__file__), body)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], Path(__file__), generated(), "gradlab.gui.race.core_texts"))
