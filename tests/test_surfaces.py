"""The built-in loss surfaces: gradients against finite differences, minima that are minima,
vectorized evaluation, and the races their descriptions promise (simulated here with
plain SGD, heavy-ball momentum and Adam written out in a few lines)."""

from __future__ import annotations

import dataclasses
import math
import subprocess
import sys
import time

import numpy as np
import pytest

from gradlab.core import surfaces
from gradlab.core.surfaces import Surface

NAMES = [
    "quadratic", "ill_conditioned", "rosenbrock", "beale", "himmelblau", "rastrigin", "saddle",
    "monkey_saddle", "styblinski_tang", "goldstein_price", "booth", "six_hump_camel", "plateau_cliff",
]

# Known global minimum values (literature), f at every listed minimum.
MIN_VALUE = {
    "quadratic": 0.0, "ill_conditioned": 0.0, "rosenbrock": 0.0, "beale": 0.0, "himmelblau": 0.0,
    "rastrigin": 0.0, "styblinski_tang": -78.33233140754282, "goldstein_price": 3.0, "booth": 0.0,
    "six_hump_camel": -1.0316284534898774, "plateau_cliff": 0.0,
}
MIN_COUNT = {"himmelblau": 4, "six_hump_camel": 2, "saddle": 0, "monkey_saddle": 0}


def fd_mismatch(surface: Surface, n: int = 41) -> float:
    """Worst |analytic − finite difference| over an n x n grid across the bounds, in units of
    the tolerance: ≤ 1 passes. The difference is the 4th-order central one,
    f'(t) ≈ (−f(t+2h) + 8f(t+h) − 8f(t−h) + f(t−2h)) / 12h, whose truncation error h⁴f⁽⁵⁾/30
    is negligible here; the tolerance is 1e-6·|g| plus the quotient's round-off."""
    xmin, xmax, ymin, ymax = surface.bounds
    x, y = np.meshgrid(np.linspace(xmin, xmax, n), np.linspace(ymin, ymax, n))
    gx, gy = surface.grad(x, y)
    worst = 0.0
    for g, (ex, ey), span in ((gx, (1.0, 0.0), xmax - xmin), (gy, (0.0, 1.0), ymax - ymin)):
        h = 1e-5 * span
        f = {k: surface.value(x + k * h * ex, y + k * h * ey) for k in (-2, -1, 1, 2)}
        fd = (-f[2] + 8 * f[1] - 8 * f[-1] + f[-2]) / (12 * h)
        roundoff = 100 * np.finfo(float).eps * sum(np.abs(v) for v in f.values()) / h
        tol = 1e-6 * np.abs(g) + roundoff + 1e-9
        worst = max(worst, float(np.max(np.abs(g - fd) / tol)))
    return worst


MODEL_SURFACES = ["logistic_mse", "logistic_cross_entropy", "logistic_focal"]


def test_names_are_the_documented_set():
    assert surfaces.names() == NAMES + MODEL_SURFACES


@pytest.mark.parametrize("name", MODEL_SURFACES)
def test_model_surfaces_are_found_by_name(name):
    """A scenario saved while racing on the explorer's model loss names it; get finds it."""
    s = surfaces.get(name)
    assert s.name == name and surfaces.title(name) == s.title
    assert fd_mismatch(s) <= 1.0


def test_a_focal_model_surface_carries_its_gamma_in_its_name():
    from gradlab.core.surfaces import logistic as logistic_surface

    s = logistic_surface.surface("focal", gamma=0.5)
    assert s.name == "logistic_focal:gamma=0.5" and surfaces.known(s.name)
    assert surfaces.get(s.name) is surfaces.get(s.name)  # built once: its minimum takes a grid search
    again = surfaces.get(s.name)
    w, b = np.linspace(-3, 3, 7), np.linspace(-2, 2, 7)
    np.testing.assert_array_equal(again.value(w, b), s.value(w, b))
    assert surfaces.title(s.name) == s.title and "0.5" in s.title
    assert logistic_surface.surface("focal").name == "logistic_focal"  # γ = 2, the default
    for bad in ("logistic_focal:gamma=-1", "logistic_focal:gamma=x", "logistic_focal:alpha=1"):
        with pytest.raises(ValueError, match="gamma must be a number >= 0"):
            surfaces.get(bad)
        assert not surfaces.known(bad)
    assert not surfaces.known("logistic_mse:gamma=1") and not surfaces.known(["x"])


def test_unknown_surface_is_a_value_error_naming_it():
    with pytest.raises(ValueError, match="'nope'.*rosenbrock"):
        surfaces.get("nope")


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name):
    assert fd_mismatch(surfaces.get(name)) <= 1.0


def test_the_gradient_check_catches_a_wrong_gradient():
    good = surfaces.get("beale")
    # A slip of 0.1 % in one coefficient must not pass.
    def slightly_wrong(x, y):
        gx, gy = good.grad_fn(x, y)
        return gx * 1.001, gy

    bad = dataclasses.replace(good, grad_fn=slightly_wrong)
    assert fd_mismatch(good) <= 1.0 < fd_mismatch(bad)


@pytest.mark.parametrize("name", NAMES)
def test_listed_minima_are_global_minima(name):
    s = surfaces.get(name)
    assert len(s.minima) == MIN_COUNT.get(name, 1)
    if not s.minima:
        return
    xmin, xmax, ymin, ymax = s.bounds
    _, _, z = s.grid(301)
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    for mx, my in s.minima:
        assert xmin <= mx <= xmax and ymin <= my <= ymax
        f = s.value(mx, my)
        assert f == pytest.approx(MIN_VALUE[name], abs=1e-9)
        gx, gy = s.grad(mx, my)
        assert math.hypot(gx, gy) < 1e-6
        for r in (1e-4, 1e-2):  # higher than the minimum all around it
            ring = s.value(mx + r * np.cos(angles), my + r * np.sin(angles))
            assert np.all(ring > f)
        assert f <= z.min() + 1e-12  # nothing in the bounds is lower: a global minimum


@pytest.mark.parametrize("name", ["saddle", "monkey_saddle"])
def test_saddles_have_no_minimum_only_a_flat_point(name):
    s = surfaces.get(name)
    assert s.minima == []
    assert s.grad(0.0, 0.0) == (0.0, 0.0)
    _, _, z = s.grid(101)
    assert z.min() < s.value(0.0, 0.0) < z.max()  # downhill and uphill on both sides
    assert "minima = []" in s.description


def test_multiple_global_minima_are_all_listed():
    himmelblau = surfaces.get("himmelblau").minima
    assert sorted((round(x, 6), round(y, 6)) for x, y in himmelblau) == [
        (-3.77931, -3.283186), (-2.805118, 3.131313), (3.0, 2.0), (3.584428, -1.848127)]
    camel = surfaces.get("six_hump_camel").minima
    assert sorted((round(x, 4), round(y, 4)) for x, y in camel) == [(-0.0898, 0.7127), (0.0898, -0.7127)]
    assert surfaces.get("styblinski_tang").minima == [(-2.903534027771178, -2.903534027771178)]


@pytest.mark.parametrize("name", NAMES)
def test_metadata_is_complete(name):
    s = surfaces.get(name)
    assert s.name == name
    assert s.title and s.description.endswith(".")
    assert s.formula.startswith("f(x, y) = ")
    xmin, xmax, ymin, ymax = s.bounds
    assert xmin <= s.start[0] <= xmax and ymin <= s.start[1] <= ymax
    assert math.hypot(*s.grad(*s.start)) > 1e-4  # a race from here goes somewhere


def test_log_scale_where_values_span_orders_of_magnitude():
    logged = {n for n in NAMES if surfaces.get(n).log_scale}
    assert logged == {"rosenbrock", "beale", "himmelblau", "goldstein_price"}
    for n in logged:
        _, _, z = surfaces.get(n).grid(101)
        assert z.min() >= 0 and z.max() > 100 * max(z.min(), 1.0)


@pytest.mark.parametrize("name", NAMES)
def test_a_512_grid_in_one_call(name):
    s = surfaces.get(name)
    xmin, xmax, ymin, ymax = s.bounds
    x, y = np.meshgrid(np.linspace(xmin, xmax, 512), np.linspace(ymin, ymax, 512))
    t0 = time.perf_counter()
    z = s.value(x, y)
    gx, gy = s.grad(x, y)
    elapsed = time.perf_counter() - t0
    for a in (z, gx, gy):
        assert isinstance(a, np.ndarray) and a.shape == (512, 512) and a.dtype == np.float64
        assert np.all(np.isfinite(a))
    assert elapsed < 0.5  # ~10 ms on a quiet machine; generous for a shared one
    # One call over the grid gives the same numbers as point by point.
    i, j = 137, 401
    assert z[i, j] == s.value(float(x[i, j]), float(y[i, j]))
    assert (gx[i, j], gy[i, j]) == s.grad(float(x[i, j]), float(y[i, j]))


def test_shapes_scalars_vectors_and_broadcasting():
    s = surfaces.get("quadratic")  # ∂f/∂y = y: a constant term would be a plain number
    v = s.value(1.0, 2.0)
    assert isinstance(v, float) and v == 2.5
    gx, gy = s.grad(np.arange(3.0), np.zeros(3))
    assert gx.shape == gy.shape == (3,)
    assert s.value(1.0, np.zeros((2, 5))).shape == (2, 5)
    assert s.grid(8)[2].shape == (8, 8)
    # A constant gradient component comes back with the input's shape.
    flat_y = Surface("t", "t", "f(x, y) = x", lambda x, y: x, lambda x, y: (1.0, 0.0),
                     (-1, 1, -1, 1), [], (0, 0))
    gx, gy = flat_y.grad(np.zeros((4, 3)), np.zeros((4, 3)))
    assert gx.shape == gy.shape == (4, 3) and gx.sum() == 12 and gy.sum() == 0


def test_surface_is_frozen_and_checks_its_bounds():
    s = surfaces.get("booth")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = (0.0, 0.0)  # type: ignore[misc]
    with pytest.raises(ValueError, match="xmin < xmax"):
        Surface("b", "b", "f", lambda x, y: x, lambda x, y: (1, 0), (1, -1, 0, 1), [], (0, 0))
    with pytest.raises(ValueError, match="finite"):
        Surface("b", "b", "f", lambda x, y: x, lambda x, y: (1, 0), (0, math.inf, 0, 1), [], (0, 0))


def test_importing_surfaces_pulls_in_no_sympy_torch_or_qt():
    code = ("import sys, gradlab.core.surfaces; "
            "print(sorted(m for m in ('sympy', 'torch', 'PySide6', 'pyqtgraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the races the descriptions promise -----------------------------------------------------


def descend(s: Surface, lr: float, steps: int, momentum: float = 0.0, start=None) -> np.ndarray:
    """Heavy-ball descent as torch.optim.SGD: b = momentum·b + g, p ← p − lr·b. Returns the path."""
    p = np.array(s.start if start is None else start, dtype=float)
    b = np.zeros(2)
    path = [p]
    for _ in range(steps):
        b = momentum * b + np.array(s.grad(*p))
        p = p - lr * b
        path.append(p)
    return np.array(path)


def adam(s: Surface, lr: float, steps: int, beta1=0.9, beta2=0.999, eps=1e-8) -> np.ndarray:
    """Adam (bias-corrected, eps outside the root). Returns the path."""
    p = np.array(s.start, dtype=float)
    m = v = np.zeros(2)
    path = [p]
    for t in range(1, steps + 1):
        g = np.array(s.grad(*p))
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        p = p - lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
        path.append(p)
    return np.array(path)


def test_ill_conditioned_learning_rate_limit_is_two_over_lambda_max():
    s = surfaces.get("ill_conditioned")
    assert "2/λₘₐₓ = 0.08" in s.description
    assert s.value(*descend(s, 0.079, 600)[-1]) < 1e-3
    assert s.value(*descend(s, 0.081, 600)[-1]) > 1e3
    # Between 1/λ_max and 2/λ_max SGD zig-zags across the ravine: y flips sign every step.
    y = descend(s, 0.07, 10)[:, 1]
    assert np.all(y[1:] * y[:-1] < 0)


def test_ill_conditioned_momentum_beats_sgd_at_the_same_learning_rate():
    s = surfaces.get("ill_conditioned")
    sgd = s.value(*descend(s, 0.07, 100)[-1])
    heavy_ball = s.value(*descend(s, 0.07, 100, momentum=0.5)[-1])
    assert heavy_ball < 1e-6 * sgd


def test_plateau_cliff_adaptive_crosses_the_plateau_sgd_does_not():
    s = surfaces.get("plateau_cliff")
    assert s.value(*s.start) > 0.99
    assert 1e-4 < math.hypot(*s.grad(*s.start)) < 1e-2  # tiny, but above Adam's eps
    sgd_path = descend(s, 0.05, 300)
    assert s.value(*sgd_path[-1]) > 0.99
    assert np.linalg.norm(sgd_path[-1] - sgd_path[0]) < 0.2
    assert s.value(*adam(s, 0.05, 300)[-1]) < 1e-3


def test_plateau_cliff_flings_sgd_with_a_learning_rate_big_enough_to_cross():
    s = surfaces.get("plateau_cliff")
    path = descend(s, 20.0, 300)
    r = np.hypot(path[:, 0], path[:, 1])
    xmax = s.bounds[1]
    assert r.min() < 1.0  # it crossed the plateau to the cliff ...
    assert r[np.argmin(r):].max() > 3 * xmax  # ... and the cliff threw it far out of the picture
    assert s.value(*path[-1]) > 0.99


def test_plateau_cliff_with_the_core_optimizers_when_present():
    optimizers = pytest.importorskip("gradlab.core.optimizers")
    s = surfaces.get("plateau_cliff")
    final = {}
    for name in ("sgd", "adam", "rmsprop"):
        opt = optimizers.get(name, lr=0.05)
        p = np.array(s.start)
        state = opt.init(p)
        for _ in range(300):
            updates, state = opt.update(np.array(s.grad(*p)), state, p)
            p = optimizers.apply_updates(p, updates)
        final[name] = s.value(*p)
    assert final["sgd"] > 0.99
    assert final["adam"] < 0.01 and final["rmsprop"] < 0.05


def test_saddle_sgd_lingers_adam_escapes():
    s = surfaces.get("saddle")
    assert abs(s.start[1]) < 0.05 < abs(s.start[0])
    sgd = descend(s, 0.01, 150)[-1]
    fast = adam(s, 0.01, 150)[-1]
    assert abs(sgd[1]) < 0.25 and abs(fast[1]) > 1.0


def test_local_minima_trap_plain_descent_where_described():
    camel = surfaces.get("six_hump_camel")
    end = descend(camel, 0.001, 3000)[-1]
    assert end == pytest.approx((-1.6071, -0.5687), abs=1e-3)
    tang = surfaces.get("styblinski_tang")
    end = descend(tang, 0.001, 3000)[-1]
    assert end == pytest.approx((2.7468, 2.7468), abs=1e-3)
    rastrigin = surfaces.get("rastrigin")
    assert rastrigin.value(*descend(rastrigin, 0.001, 500)[-1]) > 1.0


def test_himmelblau_optimizers_end_in_different_minima():
    s = surfaces.get("himmelblau")
    ends = [descend(s, 0.001, 3000)[-1], descend(s, 0.001, 3000, momentum=0.9)[-1]]
    nearest = [min(range(4), key=lambda k: np.hypot(*(e - np.array(s.minima[k])))) for e in ends]
    assert all(s.value(*e) < 1e-8 for e in ends)
    assert nearest[0] != nearest[1]
