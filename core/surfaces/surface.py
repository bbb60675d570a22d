"""A two-dimensional loss surface: f(x, y), its gradient, where to draw it and where to start.

A `Surface` is f(x, y) with its hand-derived gradient (∂f/∂x, ∂f/∂y), the rectangle to
draw, the points that are its global minima, and a start that makes an instructive race.
Every `value`/`grad` call is vectorized: scalars, (n,) arrays and a 512x512 grid all go
through the same numpy expression in one call.

    surface.value(x, y)      f(x, y), the shape of broadcast(x, y)
    surface.grad(x, y)       (∂f/∂x, ∂f/∂y), each that shape

A surface may also carry its exact Hessian, `hessian_fn(x, y) -> (∂²f/∂x², ∂²f/∂x∂y,
∂²f/∂y²)` (same broadcasting as `grad_fn`); `gradlab.core.quadratic.hessian` uses it, and
falls back to finite differences of the gradient when it is None. A `hessian_fn` whose
`constant` attribute is True says the Hessian is the same everywhere: f is quadratic.

Anyone can build one: the built-in functions (`functions.py`), the explorer's model
losses (`logistic.py`) and typed formulas (`expression.py`) all do.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

Fn = Callable[[np.ndarray, np.ndarray], Any]
GradFn = Callable[[np.ndarray, np.ndarray], tuple[Any, Any]]
HessianFn = Callable[[np.ndarray, np.ndarray], tuple[Any, Any, Any]]
Bounds = tuple[float, float, float, float]


@dataclass(frozen=True, eq=False)
class Surface:
    """f(x, y) with its analytic gradient, drawing bounds, minima and default start.

    `value_fn(x, y)` and `grad_fn(x, y) -> (gx, gy)` receive float64 arrays of one
    broadcast shape; they may return plain numbers for constant terms, which `value` and
    `grad` broadcast back to that shape. `minima` lists every global minimum inside
    `bounds` ([] when f has none there, as on a saddle). `log_scale`: the heatmap should be
    log-scaled because the values span orders of magnitude. `hessian_fn(x, y) ->
    (hxx, hxy, hyy)`: the exact second derivatives, or None when only finite differences
    of the gradient can give them (see the module doc).
    """

    name: str
    title: str
    formula: str
    value_fn: Fn
    grad_fn: GradFn
    bounds: Bounds
    minima: list[tuple[float, float]]
    start: tuple[float, float]
    log_scale: bool = False
    description: str = ""
    hessian_fn: HessianFn | None = None

    def __post_init__(self) -> None:
        xmin, xmax, ymin, ymax = (float(b) for b in self.bounds)
        if not all(math.isfinite(b) for b in (xmin, xmax, ymin, ymax)):
            raise ValueError(f"surface {self.name!r}: bounds must be finite, got {self.bounds}")
        if not (xmin < xmax and ymin < ymax):
            raise ValueError(
                f"surface {self.name!r}: bounds must be (xmin < xmax, ymin < ymax), got {self.bounds}"
            )
        # Normalised to plain floats so the GUI, JSON scenarios and the CSV see the same numbers.
        object.__setattr__(self, "bounds", (xmin, xmax, ymin, ymax))
        object.__setattr__(self, "minima", [(float(x), float(y)) for x, y in self.minima])
        sx, sy = self.start
        object.__setattr__(self, "start", (float(sx), float(sy)))

    def value(self, x: Any, y: Any) -> Any:
        """f(x, y), elementwise over the broadcast of x and y (a scalar in gives a float)."""
        x, y = _inputs(x, y)
        with np.errstate(over="ignore", invalid="ignore"):  # a diverging run overflows; the race flags it
            return _output(self.value_fn(x, y), x.shape)

    def grad(self, x: Any, y: Any) -> tuple[Any, Any]:
        """(∂f/∂x, ∂f/∂y) at (x, y), analytic, each shaped like broadcast(x, y)."""
        x, y = _inputs(x, y)
        with np.errstate(over="ignore", invalid="ignore"):
            gx, gy = self.grad_fn(x, y)
        return _output(gx, x.shape), _output(gy, x.shape)

    def grid(self, n: int = 512) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(xs (n,), ys (n,), Z (n, n)) over `bounds`, row-major: Z[i, j] = f(xs[j], ys[i])."""
        xmin, xmax, ymin, ymax = self.bounds
        xs = np.linspace(xmin, xmax, n)
        ys = np.linspace(ymin, ymax, n)
        return xs, ys, self.value(xs[None, :], ys[:, None])


def _inputs(x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if x.shape != y.shape:
        x, y = np.broadcast_arrays(x, y)
    return x, y


def _output(v: Any, shape: tuple[int, ...]) -> Any:
    # A constant term (e.g. ∂f/∂y = 0) comes back as a number; give it the input's shape.
    v = np.asarray(v, dtype=np.float64)
    if v.shape != shape:
        v = np.broadcast_to(v, shape).copy()
    return v[()] if v.ndim == 0 else v
