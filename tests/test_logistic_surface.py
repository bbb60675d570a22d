"""Logistic regression's loss surface: values against the core losses, gradients against finite
differences, and the shapes the explorer teaches (MSE non-convex with plateaus, CE convex)."""

from __future__ import annotations

import numpy as np
import pytest

from gradlab.core.surfaces import logistic as ls
from gradlab.core import losses
from gradlab.core.surfaces import Surface

CASES = [("mse", 2.0), ("cross_entropy", 2.0), ("focal", 2.0), ("focal", 0.5), ("focal", 0.0)]
GRID = np.linspace(-5.5, 5.5, 12)


def _points():
    w, b = np.meshgrid(GRID, GRID)
    return w.ravel(), b.ravel()


@pytest.mark.parametrize("loss, gamma", CASES)
def test_value_equals_the_core_loss(loss, gamma):
    """p = σ(s) is softmax([0, s])[1], so the binary losses are the core's on logits (0, s)."""
    surface = ls.surface(loss, gamma=gamma)
    for w, b in [(0.7, -0.3), (-4.0, 3.0), (5.5, 5.5)]:
        s = w * ls.X + b
        if loss == "mse":
            expected = losses.get("mse").value(1 / (1 + np.exp(-s)), ls.T)
        else:
            core = losses.get("focal", gamma=gamma) if loss == "focal" else losses.get("cross_entropy")
            expected = core.value(np.stack([np.zeros_like(s), s], axis=1), ls.T.astype(int))
        assert surface.value(w, b) == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("loss, gamma", CASES)
def test_gradient_equals_finite_differences(loss, gamma):
    surface = ls.surface(loss, gamma=gamma)
    w, b = _points()
    h = 1e-6
    gw, gb = surface.grad(w, b)
    nw = (surface.value(w + h, b) - surface.value(w - h, b)) / (2 * h)
    nb = (surface.value(w, b + h) - surface.value(w, b - h)) / (2 * h)
    np.testing.assert_allclose(gw, nw, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(gb, nb, rtol=1e-5, atol=1e-8)


def _min_hessian_eigenvalue(surface: Surface, w, b, h=1e-4):
    """Smallest eigenvalue of the Hessian, by central differences of the analytic gradient."""
    gw_w = (surface.grad(w + h, b)[0] - surface.grad(w - h, b)[0]) / (2 * h)
    gw_b = (surface.grad(w, b + h)[0] - surface.grad(w, b - h)[0]) / (2 * h)
    gb_b = (surface.grad(w, b + h)[1] - surface.grad(w, b - h)[1]) / (2 * h)
    H = np.stack([np.stack([gw_w, gw_b], -1), np.stack([gw_b, gb_b], -1)], -2)
    return np.linalg.eigvalsh(H)[..., 0]


def test_cross_entropy_is_convex_and_mse_is_not():
    w, b = _points()
    ce = _min_hessian_eigenvalue(ls.surface("cross_entropy"), w, b)
    mse = _min_hessian_eigenvalue(ls.surface("mse"), w, b)
    assert ce.min() > -1e-7
    assert mse.min() < -1e-3
    assert np.mean(mse < -1e-4) > 0.1  # not a corner case: a good part of the plane


def test_mse_has_plateaus_where_cross_entropy_still_pulls():
    mse, ce = ls.surface("mse"), ls.surface("cross_entropy")
    w, b = ls.START
    mse_min = mse.value(*mse.minima[0])
    assert mse.value(w, b) - mse_min > 0.4  # far from the bottom ...
    assert np.hypot(*mse.grad(w, b)) < 0.02  # ... yet nearly flat
    assert np.hypot(*ce.grad(w, b)) > 1.0  # cross-entropy gives a strong push from there


@pytest.mark.parametrize("loss", ["mse", "cross_entropy", "focal"])
def test_listed_minimum_is_the_lowest_point(loss):
    surface = ls.surface(loss)
    (mw, mb), = surface.minima
    assert np.hypot(*surface.grad(mw, mb)) < 1e-6
    xs, ys, Z = surface.grid(201)
    assert surface.value(mw, mb) <= Z.min() + 1e-12
    xmin, xmax, ymin, ymax = surface.bounds
    assert xmin < mw < xmax and ymin < mb < ymax


def test_surface_is_vectorized_and_finite_at_extremes():
    surface = ls.surface("focal")
    w = np.full((3, 4), 1e3)
    b = np.linspace(-1e3, 1e3, 12).reshape(3, 4)
    assert surface.value(w, b).shape == (3, 4)
    gw, gb = surface.grad(w, b)
    assert gw.shape == (3, 4) and np.all(np.isfinite(surface.value(w, b)))
    assert np.all(np.isfinite(gw)) and np.all(np.isfinite(gb))
    for loss in ls.LOSSES:
        s = ls.surface(loss)
        assert np.all(np.isfinite(s.value(-1e4, 1e4))) and np.all(np.isfinite(s.grad(-1e4, 1e4)))


def test_surface_metadata():
    mse, ce = ls.surface("mse"), ls.surface("cross_entropy")
    assert isinstance(mse, Surface) and mse.name == "logistic_mse" and ce.name == "logistic_cross_entropy"
    assert not mse.log_scale and ce.log_scale
    assert "σ" in mse.formula and "Data" in mse.description
    assert ls.predict(0.0, 0.0, ls.X).tolist() == [0.5] * len(ls.X)
    with pytest.raises(ValueError, match="unknown loss"):
        ls.surface("hinge")
