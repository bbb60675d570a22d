"""Issue 15's JSON record of a plane or a line (`gradlab landscape --json`, the view's export).

Plane: {"plane": "random" | "runs" | "pca", "alphas": [...], "betas": [...],
        "loss": [[...]] (len(betas) rows × len(alphas) columns), "accuracy": [[...]],
        "center_loss": float, "paths": {run: [[α, β], ...]}, "subset": n, "seed": s,
        and "explained": [r₁, r₂] for a PCA plane, "points": {name: [α, β]}}
Line:  {"plane": "line", "alphas": [...], "loss": [...], "accuracy": [...], "subset": n,
        "seed": s, and "runs": {run: {"loss": [...], "accuracy": [...]}} (the first run's
        lists are "loss" and "accuracy")}
A non-finite number (a point not computed, or a diverging loss) is null: JSON has no NaN.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

import numpy as np


def _num(x: Any) -> float | None:
    x = float(x)
    return x if math.isfinite(x) else None


def _list(a: Any) -> Any:
    a = np.asarray(a, np.float64)
    if a.ndim == 0:
        return _num(a)
    return [_list(v) for v in a]


def to_json(*, plane: str, alphas: Sequence[float], loss: Any, accuracy: Any, subset: int,
            seed: int | None, betas: Sequence[float] | None = None, center_loss: float | None = None,
            paths: Mapping[str, Any] | None = None, explained: Sequence[float] | None = None,
            points: Mapping[str, Sequence[float]] | None = None) -> dict[str, Any]:
    """The record (see the module docstring). For plane="line", `loss` and `accuracy` are
    {run: array} (one entry or several) or a single array."""
    out: dict[str, Any] = {"plane": plane, "alphas": _list(alphas)}
    if plane == "line":
        if not isinstance(loss, Mapping):
            loss, accuracy = {"run": loss}, {"run": accuracy}
        runs = {r: {"loss": _list(loss[r]), "accuracy": _list(accuracy[r])} for r in loss}
        first = next(iter(runs.values()))
        out.update(loss=first["loss"], accuracy=first["accuracy"], runs=runs)
    else:
        out.update(betas=_list(betas), loss=_list(loss), accuracy=_list(accuracy),
                   center_loss=None if center_loss is None else _num(center_loss),
                   paths={r: _list(p) for r, p in (paths or {}).items()})
        if explained is not None:
            out["explained"] = _list(explained)
        if points:
            out["points"] = {k: _list(v) for k, v in points.items()}
    out.update(subset=int(subset), seed=None if seed is None else int(seed))
    return out
