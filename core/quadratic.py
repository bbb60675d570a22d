"""Why momentum works: the closed-form theory of gradient descent on a quadratic.

Near a point θ₀ every smooth surface is the quadratic f(θ) ≈ f(θ₀) + gᵀ(θ − θ₀) +
½ (θ − θ₀)ᵀ H (θ − θ₀); on a quadratic surface that model is exact everywhere. Write the
Hessian as H = Q diag(λ₁, λ₂) Qᵀ (λ₁ ≤ λ₂, the columns of Q its eigen-directions) and
the error e = Qᵀ(θ − θ*) splits into two independent one-dimensional problems, one per
eigenvalue. Along direction i:

    gradient descent   eᵢ ← (1 − ηλᵢ) eᵢ                     rate |1 − ηλᵢ| per step
    heavy-ball momentum (GradLab's convention, which is torch.optim.SGD's)
                       b ← β b + g,  θ ← θ − η b
                       (eᵢ, bᵢ) ← M (eᵢ, bᵢ),  M = [[1 − ηλᵢ, −ηβ], [λᵢ, β]]

M's characteristic polynomial is z² − (1 + β − ηλ) z + β, so its eigenvalues are

    z = (a ± √(a² − 4β)) / 2,   a = 1 + β − ηλ

and the rate of direction i is the spectral radius max |z|: √β when a² < 4β (complex
roots: the error spirals, under-damped), (|a| + √(a² − 4β)) / 2 otherwise. β = 0 gives
|1 − ηλ|. The rate of the whole race is the worst direction's.

Conventions. Eliminating b gives θ_{t+1} = θ_t − η g_t + β(θ_t − θ_{t−1}): Polyak's heavy
ball with step size α = η. Distill's "Why Momentum Really Works" (Goh, 2017) writes
z ← βz + ∇f, w ← w − αz: the same recurrence, with α = η and z = b. So its formulas hold
here unchanged: the optimum η* = (2 / (√λ₁ + √λ₂))², β* = ((√κ − 1)/(√κ + 1))², κ = λ₂/λ₁,
the critical damping β = (1 − √(ηλ))² and the stability limit η < 2(1 + β)/λ_max. (The
textbook form v ← γv + ηg, θ ← θ − v is the same again with v = ηb, for a constant η.)

    H, exact = hessian(surface, x, y)       exact from the surface's hessian_fn, else
                                            central differences of its gradient
    lambdas, vectors = eigen(H)             λ₁ ≤ λ₂, eigen-directions as columns
    momentum_rate(lr, momentum, lambdas)    the spectral radius above (vectorised)
    rate_map(lrs, momenta, lambdas)         (k, m) rates for the convergence map
    optimal_momentum(lambdas)               (η*, β*)
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

# Central differences of the gradient: the truncation error ~h² and the rounding error
# ~ε/h balance at h ~ ε^(1/3) ≈ 6e-6 (relative to the size of the coordinates).
FD_STEP = 6e-6


def hessian(surface: Any, x: float, y: float) -> tuple[np.ndarray, bool]:
    """(H (2, 2) float64, exact) at (x, y): the matrix of second derivatives of f.

    exact is True when the surface carries its own `hessian_fn` (hand-derived for the
    built-in functions, sympy's for typed formulas); otherwise H comes from central
    differences of the analytic gradient, H[:, j] ≈ (∇f(θ + h eⱼ) − ∇f(θ − h eⱼ)) / 2h,
    symmetrised, and exact is False.
    """
    x, y = float(x), float(y)
    fn = getattr(surface, "hessian_fn", None)
    if fn is not None:
        try:
            with np.errstate(all="ignore"):
                hxx, hxy, hyy = (float(np.asarray(v, dtype=np.float64)) for v in fn(x, y))
            return np.array([[hxx, hxy], [hxy, hyy]]), True
        except Exception:  # noqa: BLE001 - the picture must not fail with the theory
            pass  # a typed formula too deep for sympy to differentiate twice: differences below
    return _finite_difference_hessian(surface, x, y), False


def _finite_difference_hessian(surface: Any, x: float, y: float) -> np.ndarray:
    hx = FD_STEP * max(1.0, abs(x))
    hy = FD_STEP * max(1.0, abs(y))
    xs = np.array([x + hx, x - hx, x, x])
    ys = np.array([y, y, y + hy, y - hy])
    with np.errstate(all="ignore"):
        gx, gy = (np.asarray(g, dtype=np.float64) * np.ones(4) for g in surface.grad(xs, ys))
    # Column j: the change of the gradient along coordinate j.
    jac = np.array([[(gx[0] - gx[1]) / (2 * hx), (gx[2] - gx[3]) / (2 * hy)],
                    [(gy[0] - gy[1]) / (2 * hx), (gy[2] - gy[3]) / (2 * hy)]])
    return 0.5 * (jac + jac.T)


def is_quadratic(surface: Any) -> bool:
    """True when f's Hessian is the same everywhere, exactly (f is a quadratic).

    Read from the surface's `hessian_fn`: a built-in quadratic carries a `ConstantHessian`,
    and a typed formula's `SympyHessian` checks that every third derivative is exactly 0
    (x**2 + 3*x*y + 5*y**2 is quadratic, x**4 + y**2 is not). Finite differences never
    prove a Hessian constant, so a surface without `hessian_fn` is not.
    """
    fn = getattr(surface, "hessian_fn", None)
    try:
        return bool(getattr(fn, "constant", False))
    except Exception:  # noqa: BLE001 - sympy could not differentiate it three times
        return False


def eigen(h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(λ (2,) ascending, Q (2, 2)) with H = Q diag(λ) Qᵀ: column i is λᵢ's eigen-direction.

    Each column's sign is fixed (its largest entry positive, the first on a tie) so the
    arrows drawn from it do not flip between two calls on nearly the same H.
    """
    h = np.asarray(h, dtype=np.float64).reshape(2, 2)
    lambdas, vectors = np.linalg.eigh(0.5 * (h + h.T))
    for i in range(2):
        j = int(np.argmax(np.abs(vectors[:, i]) + np.array([1e-12, 0.0])))
        if vectors[j, i] < 0:
            vectors[:, i] = -vectors[:, i]
    return lambdas, vectors


def condition(lambdas: Sequence[float]) -> float:
    """κ = λ₂/λ₁, the condition number; inf when λ₁ ≤ 0 (f is not convex there)."""
    lo, hi = float(np.min(lambdas)), float(np.max(lambdas))
    return math.inf if lo <= 0 else hi / lo


def momentum_rate(lr: Any, momentum: Any, eigenvalues: Sequence[float]) -> Any:
    """The spectral radius of heavy-ball momentum's iteration, worst over `eigenvalues`.

    For each λ, with a = 1 + β − ηλ (see the module doc for the convention):

        rate(λ) = √β                       when a² < 4β (complex roots, under-damped)
                = (|a| + √(a² − 4β)) / 2   otherwise (real roots)

    so β = 0 gives |1 − ηλ|, plain gradient descent. The error shrinks by about this factor
    per step once the transient has died out; a rate ≥ 1 diverges (or stalls, at exactly
    1). `lr` and `momentum` broadcast against each other; a float comes back for scalars.
    """
    eta = np.asarray(lr, dtype=np.float64)
    beta = np.asarray(momentum, dtype=np.float64)
    lam = np.asarray(eigenvalues, dtype=np.float64).reshape(-1)
    if lam.size == 0:
        raise ValueError("momentum_rate needs at least one eigenvalue")
    if np.any(eta < 0) or np.any(beta < 0):
        raise ValueError(f"lr and momentum must be >= 0, got lr={lr!r}, momentum={momentum!r}")
    eta, beta = np.broadcast_arrays(eta, beta)
    a = 1.0 + beta[..., None] - eta[..., None] * lam
    disc = a * a - 4.0 * beta[..., None]
    real = (np.abs(a) + np.sqrt(np.maximum(disc, 0.0))) / 2.0
    rate = np.where(disc < 0, np.sqrt(beta)[..., None], real).max(axis=-1)
    return float(rate) if rate.ndim == 0 else rate


def rate_map(lrs: Any, momenta: Any, eigenvalues: Sequence[float]) -> np.ndarray:
    """(k, m) rates for the convergence map: row i is momentum momenta[i], column j lrs[j]."""
    lrs = np.asarray(lrs, dtype=np.float64).reshape(-1)
    momenta = np.asarray(momenta, dtype=np.float64).reshape(-1)
    return np.asarray(momentum_rate(lrs[None, :], momenta[:, None], eigenvalues))


def optimal_momentum(eigenvalues: Sequence[float]) -> tuple[float, float]:
    """(η*, β*), the learning rate and momentum with the smallest rate (Goh, 2017):

        η* = (2 / (√λ₁ + √λ₂))²,   β* = ((√κ − 1)/(√κ + 1))²,   κ = λ₂/λ₁

    over the smallest and largest eigenvalue. There both directions sit exactly on the
    edge of critical damping and spiral in at the same rate √β* = (√κ − 1)/(√κ + 1),
    against (κ − 1)/(κ + 1) for the best plain gradient descent. In GradLab's (torch's)
    convention η* is the step size itself (see the module doc). ValueError when λ₁ ≤ 0:
    no step size converges on a surface that is not convex.
    """
    lo, hi = _extremes(eigenvalues)
    if not lo > 0:
        raise ValueError(f"no optimal momentum: the smallest eigenvalue is {lo:g} <= 0 (not convex)")
    s1, s2 = math.sqrt(lo), math.sqrt(hi)
    lr = (2.0 / (s1 + s2)) ** 2
    momentum = ((s2 - s1) / (s2 + s1)) ** 2  # ((√κ − 1)/(√κ + 1))², multiplied through by √λ₁
    return lr, momentum


def optimal_rate(eigenvalues: Sequence[float]) -> float:
    """√β* = (√κ − 1)/(√κ + 1): the rate at `optimal_momentum` (ValueError when λ₁ ≤ 0)."""
    return math.sqrt(optimal_momentum(eigenvalues)[1])


def critical_damping(lr: Any, eigenvalue: float) -> Any:
    """β = (1 − √(ηλ))²: the momentum where direction λ's two roots meet (a² = 4β).

    For ηλ < 1: below it the error decays without oscillating, above it it spirals at
    rate √β. For 1 < ηλ < 4 the same formula is the other edge of the spiralling region:
    below it two negative real roots flip the error's sign every step. NaN when ηλ < 0.
    Vectorised over `lr`.
    """
    with np.errstate(invalid="ignore"):
        beta = (1.0 - np.sqrt(np.asarray(lr, dtype=np.float64) * float(eigenvalue))) ** 2
    return float(beta) if np.ndim(beta) == 0 else beta


def stability_limit(eigenvalues: Sequence[float], momentum: Any = 0.0) -> Any:
    """η_max = 2(1 + β)/λ_max: the largest learning rate that does not diverge.

    At ηλ_max = 2(1 + β) a root of the steepest direction reaches −1 (β = 0: gradient
    descent's 2/λ_max). inf when λ_max ≤ 0: no positive curvature limits the step.
    Vectorised over `momentum`.
    """
    hi = _extremes(eigenvalues)[1]
    beta = np.asarray(momentum, dtype=np.float64)
    limit = 2.0 * (1.0 + beta) / hi if hi > 0 else np.full(beta.shape, math.inf)
    return float(limit) if np.ndim(limit) == 0 else limit


def stationary_point(surface: Any, x: float, y: float) -> np.ndarray | None:
    """θ − H⁻¹∇f(θ) (2,): where the local quadratic model at θ = (x, y) is flat.

    On a quadratic surface this is its minimum (or saddle) exactly, from any θ: use it as
    θ* for typed formulas, whose marked minimum is only a grid estimate. None when H is
    singular (no single stationary point).
    """
    h, _ = hessian(surface, x, y)
    g = np.array([float(v) for v in surface.grad(float(x), float(y))])
    if not (np.all(np.isfinite(h)) and np.all(np.isfinite(g))):
        return None
    scale = max(float(np.max(np.abs(h))), 1e-300)
    if abs(float(np.linalg.det(h))) <= 1e-12 * scale * scale:
        return None
    return np.array([float(x), float(y)]) - np.linalg.solve(h, g)


def error_components(points: Any, minimum: Sequence[float], vectors: np.ndarray) -> np.ndarray:
    """(k, 2): the error θ − θ* of each of the k points along each eigen-direction,
    Qᵀ(θ − θ*), column i along `vectors[:, i]` (NaN rows stay NaN)."""
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    return (points - np.asarray(minimum, dtype=np.float64).reshape(1, 2)) @ np.asarray(vectors)


def measured_rate(distances: Any, start: int, stop: int) -> float:
    """The measured rate per step: exp(slope) of the least-squares line through
    log ‖θ_t − θ*‖ over steps start..stop (inclusive, indices into `distances`).

    Steps whose distance is 0 or not finite are left out; NaN when fewer than two remain.
    """
    d = np.asarray(distances, dtype=np.float64).reshape(-1)
    stop = min(int(stop), d.size - 1)
    steps = np.arange(int(start), stop + 1)
    if steps.size < 2:
        return math.nan
    d = d[steps]
    keep = np.isfinite(d) & (d > 0)
    if keep.sum() < 2:
        return math.nan
    slope = np.polyfit(steps[keep].astype(np.float64), np.log(d[keep]), 1)[0]
    return float(math.exp(slope))


def _extremes(eigenvalues: Sequence[float]) -> tuple[float, float]:
    lam = np.asarray(eigenvalues, dtype=np.float64).reshape(-1)
    if lam.size == 0:
        raise ValueError("need at least one eigenvalue")
    return float(lam.min()), float(lam.max())
