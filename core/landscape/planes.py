"""Planes through weight space, θ(α, β) = origin + α d₁ + β d₂: the record (`Plane`), the
plane of two runs (`runs_plane`) and one run's PCA plane (`pca_plane`). The random plane
is in `directions`.

Weights are dicts name → array, keyed like a run file's "model" ("0.weight", ...); a
plane treats them as one long vector (the concatenation of every tensor, in key order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Mapping

import numpy as np

Weights = Mapping[str, np.ndarray]


def dot(a: Weights, b: Weights) -> float:
    """⟨a, b⟩ over every tensor, accumulated in float64."""
    return float(sum(np.dot(np.ravel(a[k]).astype(np.float64), np.ravel(b[k]).astype(np.float64))
                     for k in a))


def combine(origin: Weights, d1: Weights, d2: Weights, alpha: float, beta: float) -> dict[str, np.ndarray]:
    """origin + α d₁ + β d₂, float32."""
    return {k: (origin[k] + np.float32(alpha) * d1[k] + np.float32(beta) * d2[k]).astype(np.float32)
            for k in origin}


@dataclass(frozen=True, eq=False)  # arrays: compared by identity
class Plane:
    """The plane origin + α d₁ + β d₂ (all float32 dicts of the same keys and shapes)."""

    kind: str
    """"random" (Li et al.'s filter-normalised directions around a run's final weights),
    "runs" (through θ₀ and two runs' finals) or "pca" (one run's path, Li et al. §7)."""
    origin: dict[str, np.ndarray]
    d1: dict[str, np.ndarray]
    d2: dict[str, np.ndarray]
    explained: tuple[float, float] | None = None
    """For "pca": the share of the path's variance that d₁ and d₂ explain."""
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    """Named points of the plane and their (α, β), e.g. {"θ₀": (0, 0), "A": (1, 0), ...}."""
    default_span: tuple[float, float, float, float] = (-1.0, 1.0, -1.0, 1.0)
    """(α_min, α_max, β_min, β_max) a grid should cover by default."""

    def at(self, alpha: float, beta: float) -> dict[str, np.ndarray]:
        """θ(α, β) = origin + α d₁ + β d₂ (float32)."""
        return combine(self.origin, self.d1, self.d2, alpha, beta)

    def project(self, theta: Weights) -> tuple[float, float]:
        """(α, β) of the point of the plane nearest `theta` (least squares):
        solve G [α β]ᵀ = [⟨d₁, θ − o⟩, ⟨d₂, θ − o⟩]ᵀ with G the 2×2 Gram matrix of d₁, d₂."""
        o, d, g_inv = self._flat
        diff = _flatten(theta, self.origin) - o
        a, b = g_inv @ (d @ diff)
        return float(a), float(b)

    @cached_property
    def _flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """origin and [d₁; d₂] as float64 vectors, and G⁻¹, computed once per plane."""
        d = np.stack([_flatten(self.d1, self.origin), _flatten(self.d2, self.origin)])
        return _flatten(self.origin, self.origin), d, np.linalg.inv(d @ d.T)


def _flatten(theta: Weights, order: Weights) -> np.ndarray:
    """The tensors of `theta`, in the key order of `order`, as one float64 vector."""
    return np.concatenate([np.ravel(np.asarray(theta[k])) for k in order]).astype(np.float64)


def span_around(coords: list[tuple[float, float]], margin: float = 0.25) -> tuple[float, float, float, float]:
    """(α_min, α_max, β_min, β_max) covering `coords` with `margin` × their larger extent
    on every side (at least 0.1): one margin for both axes, whose units are the same length
    on the planes of the runs and of PCA."""
    c = np.asarray(coords, np.float64).reshape(-1, 2)
    lo, hi = c.min(axis=0), c.max(axis=0)
    pad = max(float((hi - lo).max()) * margin, 0.1)
    return float(lo[0] - pad), float(hi[0] + pad), float(lo[1] - pad), float(hi[1] + pad)


def _norm(a: Weights) -> float:
    return dot(a, a) ** 0.5


def runs_plane(theta0: Weights, final_a: Weights, final_b: Weights,
               names: tuple[str, str] = ("A", "B")) -> Plane:
    """The plane through θ₀, θ_A and θ_B (two runs that share θ₀), origin θ₀:

        d₁ = θ_A − θ₀,   d₂ = u · ‖d₁‖ / ‖u‖   with u = (θ_B − θ₀) − (⟨θ_B − θ₀, d₁⟩ / ‖d₁‖²) d₁,

    so the axes are orthogonal and of one length (the picture is not sheared), and the
    three points lie on it exactly: θ₀ = (0, 0), θ_A = (1, 0), θ_B = (⟨θ_B − θ₀, d₁⟩ / ‖d₁‖², ‖u‖ / ‖d₁‖).
    ValueError when θ_A = θ₀ or θ_B − θ₀ is parallel to θ_A − θ₀ (no plane through them)."""
    o = {k: np.asarray(v, np.float32) for k, v in theta0.items()}
    a = {k: np.asarray(final_a[k], np.float64) - o[k] for k in o}
    b = {k: np.asarray(final_b[k], np.float64) - o[k] for k in o}
    na = _norm(a)
    if na == 0:
        raise ValueError(f"run {names[0]} ends where it started (θ_A = θ₀): no plane through it")
    b1 = dot(b, a) / na ** 2
    u = {k: b[k] - b1 * a[k] for k in o}
    nu = _norm(u)
    if nu <= 1e-6 * max(na, _norm(b)):
        raise ValueError(f"runs {names[0]} and {names[1]} moved along one line from θ₀: no plane through them")
    d1 = {k: v.astype(np.float32) for k, v in a.items()}
    d2 = {k: (v * (na / nu)).astype(np.float32) for k, v in u.items()}
    points = {"θ₀": (0.0, 0.0), names[0]: (1.0, 0.0), names[1]: (float(b1), float(nu / na))}
    return Plane("runs", o, d1, d2, points=points, default_span=span_around(list(points.values())))


def pca_plane(snapshots: list[Weights], final: Weights) -> Plane:
    """One run's PCA plane (Li et al. 2018, §7): origin θ_T, d₁ and d₂ the two leading
    principal directions (unit vectors) of the rows θ_t − θ_T, centred as PCA does
    (sklearn's, which Li et al. use): with M the (k, P) matrix of rows minus their mean,
    M = U S Vᵀ, d_i = V[:, i] and `explained` = (s₁², s₂²) / Σ s_j².

    k ≤ 33 rows of P ≈ 535k numbers: the k × k Gram matrix M Mᵀ = U S² Uᵀ is built tensor
    by tensor and d_i = Mᵀ u_i / s_i, never an SVD of M itself. The plane belongs to one
    run: two runs' PCA planes are different planes, not a comparison."""
    o = {k: np.asarray(v, np.float32) for k, v in final.items()}
    if len(snapshots) < 3:
        raise ValueError(f"a PCA plane needs at least 3 snapshots of the path, got {len(snapshots)}")

    # Per tensor, the rows θ_t − θ_T minus their mean, float32 (33 × 401k numbers for
    # the first layer: 53 MB); the Gram matrix summed in float64, a block of columns at a time.
    kk = len(snapshots)
    rows: dict[str, np.ndarray] = {}
    gram = np.zeros((kk, kk))
    for k in o:
        m = np.stack([np.ravel(np.asarray(s[k], np.float32)) for s in snapshots]) - np.ravel(o[k])
        m -= m.mean(axis=0, dtype=np.float64).astype(np.float32)
        rows[k] = m
        for c in range(0, m.shape[1], 65536):
            block = m[:, c:c + 65536].astype(np.float64)
            gram += block @ block.T
    lam, u = np.linalg.eigh(gram)
    lam, u = lam[::-1].clip(min=0.0), u[:, ::-1]
    total = float(lam.sum())
    if total <= 0 or lam[1] <= 1e-12 * total:
        raise ValueError("the path does not span a plane (its snapshots lie on a line)")
    s = np.sqrt(lam[:2])
    v1, v2 = (u[:, 0] / s[0]).astype(np.float32), (u[:, 1] / s[1]).astype(np.float32)
    d1, d2 = {}, {}
    for k in o:
        m = rows.pop(k)
        d1[k] = (v1 @ m).reshape(o[k].shape)
        d2[k] = (v2 @ m).reshape(o[k].shape)
    plane = Plane("pca", o, d1, d2, explained=(float(lam[0] / total), float(lam[1] / total)))
    coords = [plane.project(t) for t in snapshots] + [(0.0, 0.0)]
    points = {"θ₀": coords[0], "final": (0.0, 0.0)}
    return Plane("pca", o, d1, d2, explained=plane.explained, points=points,
                 default_span=span_around(coords))
