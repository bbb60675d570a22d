"""The quadratic theory (gradlab.core.quadratic) against independent oracles.

Oracles: the eigenvalues numpy computes for the 2×2 iteration matrix that GradLab's own
momentum rule builds (so the convention is checked, not assumed); a fine grid search over
(η, β) with that oracle; races on the ravine run by the core optimizers (theory meets
experiment); central differences of each surface's analytic gradient for every Hessian;
and pinned literals worked out by hand.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gradlab.core import optimizers, quadratic
from gradlab.core.optimizers.momentum import momentum_rule
from gradlab.core.race import Race
from gradlab.core.surfaces import from_expression, get
from gradlab.core.surfaces.functions import BUILDERS
from gradlab.core.surfaces.surface import Surface

QUADRATICS = {"quadratic", "ill_conditioned", "saddle", "booth"}


# --- oracles --------------------------------------------------------------------------------


def iteration_matrix(lr, momentum, lam):
    """(..., 2, 2): one step of GradLab's momentum rule on f = ½λθ², as a linear map of
    (θ, b), built column by column by running the rule itself on the unit states."""
    lr, momentum, lam = np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in (lr, momentum, lam)))
    h = {"lr": lr, "momentum": momentum, "weight_decay": 0.0}
    out = np.empty(lr.shape + (2, 2))
    for col, (theta, b) in enumerate(((1.0, 0.0), (0.0, 1.0))):
        theta = np.full(lr.shape, theta)
        update, (b_new,) = momentum_rule(lam * theta, theta, (np.full(lr.shape, b),), 1, h)
        out[..., 0, col] = theta + update
        out[..., 1, col] = b_new
    return out


def oracle_rate(lr, momentum, eigenvalues):
    """The largest |eigenvalue| of the iteration matrices, worst over the eigenvalues."""
    lr, momentum = np.broadcast_arrays(np.asarray(lr, float), np.asarray(momentum, float))
    rates = [np.abs(np.linalg.eigvals(iteration_matrix(lr, momentum, lam))).max(axis=-1)
             for lam in eigenvalues]
    return np.max(rates, axis=0)


def fd_hessian(surface, x, y, h=1e-5):
    """Central differences of the analytic gradient (not symmetrised: symmetry is checked)."""
    cols = []
    for dx, dy in ((h, 0.0), (0.0, h)):
        gp = np.array(surface.grad(x + dx, y + dy), dtype=float)
        gm = np.array(surface.grad(x - dx, y - dy), dtype=float)
        cols.append((gp - gm) / (2 * h))
    return np.array(cols).T


def race_points(surface, optimizer, steps, start=None):
    race = Race(surface, [optimizer], surface.start if start is None else start)
    frames = [race.initial_frame()] + list(race.frames(steps, frame_seconds=0.0))
    return np.concatenate([f.points[:, 0] for f in frames])  # (steps + 1, 2)


# --- the rate of heavy-ball momentum --------------------------------------------------------


def test_the_iteration_matrix_oracle_is_the_heavy_ball_matrix():
    # The oracle itself, pinned by hand: M = [[1 − ηλ, −ηβ], [λ, β]].
    np.testing.assert_allclose(iteration_matrix(0.1, 0.5, 4.0), [[0.6, -0.05], [4.0, 0.5]], rtol=1e-14)


def test_rate_matches_numpys_eigenvalues_on_a_seeded_sample():
    rng = np.random.default_rng(16)
    n = 4000
    lr = 10 ** rng.uniform(-4, 0, n)
    beta = rng.uniform(0, 0.999, n)
    lam = np.where(rng.random(n) < 0.15, -rng.uniform(0, 10, n), 10 ** rng.uniform(-2, 2, n))
    got = np.array([quadratic.momentum_rate(e, b, [l]) for e, b, l in zip(lr, beta, lam)])
    want = oracle_rate(lr, beta, [lam])
    # A defective (critically damped) matrix's eigenvalues are only good to ~√ε.
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    # The sample covers every regime: spiralling, overdamped, converging and diverging.
    a = 1 + beta - lr * lam
    assert (a * a < 4 * beta).sum() > 100 and (a * a > 4 * beta).sum() > 100
    assert (want < 1).sum() > 100 and (want > 1).sum() > 100


@settings(max_examples=300, deadline=None)
@given(lr=st.floats(1e-5, 2.0), beta=st.floats(0.0, 0.999),
       lams=st.lists(st.floats(-5.0, 200.0), min_size=1, max_size=3))
def test_rate_is_the_worst_spectral_radius_over_the_eigenvalues(lr, beta, lams):
    got = quadratic.momentum_rate(lr, beta, lams)
    assert isinstance(got, float)
    assert got == pytest.approx(float(oracle_rate(lr, beta, lams)), rel=1e-6, abs=1e-7)


def test_without_momentum_the_rate_is_gradient_descents():
    # |1 − ηλ|, worst over λ = 1, 25: η = 0.05 gives max(0.95, 0.25), η = 0.07 max(0.93, 0.75).
    assert quadratic.momentum_rate(0.05, 0.0, [1.0, 25.0]) == pytest.approx(0.95, rel=1e-12)
    assert quadratic.momentum_rate(0.07, 0.0, [1.0, 25.0]) == pytest.approx(0.93, rel=1e-12)
    assert quadratic.momentum_rate(0.1, 0.0, [1.0, 25.0]) == pytest.approx(1.5, rel=1e-12)


def test_rates_are_vectorised_and_the_map_is_momentum_by_learning_rate():
    lams = [1.0, 25.0]
    lrs = np.geomspace(1e-3, 0.2, 7)
    momenta = np.array([0.0, 0.3, 0.6, 0.9, 0.99])
    grid = quadratic.rate_map(lrs, momenta, lams)
    assert grid.shape == (5, 7)
    np.testing.assert_allclose(grid, oracle_rate(lrs[None, :], momenta[:, None], lams), rtol=1e-6, atol=1e-7)
    pair = quadratic.momentum_rate(np.array([0.01, 0.02]), 0.5, lams)
    assert pair.shape == (2,)


def test_negative_hyperparameters_are_refused():
    with pytest.raises(ValueError, match="lr"):
        quadratic.momentum_rate(-0.1, 0.5, [1.0])
    with pytest.raises(ValueError, match="momentum"):
        quadratic.momentum_rate(0.1, np.array([0.5, -0.1]), [1.0])


# --- the optimum, critical damping and the stability limits ---------------------------------


def test_optimum_on_the_ravine_is_the_hand_worked_one():
    # λ = 1, 25: η* = (2 / (1 + 5))² = 1/9, √κ = 5, β* = (4/6)² = 4/9, rate 2/3.
    lr, momentum = quadratic.optimal_momentum([25.0, 1.0])
    assert lr == pytest.approx(1 / 9, rel=1e-12)
    assert momentum == pytest.approx(4 / 9, rel=1e-12)
    assert quadratic.optimal_rate([1.0, 25.0]) == pytest.approx(2 / 3, rel=1e-12)


@pytest.mark.parametrize("lams", [(1.0, 25.0), (0.3, 7.0), (2.0, 18.0), (1.0, 400.0)])
def test_optimum_is_the_minimum_of_a_fine_grid_search(lams):
    lr_star, beta_star = quadratic.optimal_momentum(lams)
    rate_star = float(oracle_rate(lr_star, beta_star, lams))
    assert rate_star == pytest.approx(quadratic.optimal_rate(lams), rel=1e-6)
    # A fine grid over a wide window (the oracle, not the code under test, scores it).
    lrs = np.geomspace(lr_star / 5, lr_star * 5, 601)
    momenta = np.linspace(0.0, 0.995, 600)
    grid = oracle_rate(lrs[None, :], momenta[:, None], lams)
    i, j = np.unravel_index(np.argmin(grid), grid.shape)
    # Nothing on the grid beats the optimum, and the grid's best is next to it.
    assert grid.min() >= rate_star - 1e-7
    assert grid.min() == pytest.approx(rate_star, abs=5e-3)
    assert lrs[j] == pytest.approx(lr_star, rel=0.03)
    assert momenta[i] == pytest.approx(beta_star, abs=0.01)
    # The map that the GUI draws finds the same minimum.
    mapped = quadratic.rate_map(lrs, momenta, lams)
    assert np.unravel_index(np.argmin(mapped), mapped.shape) == (i, j)


def test_optimum_needs_a_convex_surface():
    with pytest.raises(ValueError, match="not convex"):
        quadratic.optimal_momentum([-2.0, 2.0])


@pytest.mark.parametrize("lr, lam", [(0.01, 25.0), (0.02, 1.0), (0.1, 5.0), (0.3, 8.0)])
def test_critical_damping_is_where_the_two_roots_meet(lr, lam):
    beta = quadratic.critical_damping(lr, lam)
    assert beta == pytest.approx((1 - math.sqrt(lr * lam)) ** 2, rel=1e-12)

    def roots(b):
        return np.linalg.eigvals(iteration_matrix(lr, b, lam))

    # Just below: two distinct real roots; just above: a complex pair; at it, one double root.
    below, above = roots(beta * 0.98), roots(beta * 1.02 + 1e-9)
    assert np.all(np.abs(below.imag) < 1e-12) and abs(below[0] - below[1]) > 1e-3
    assert np.all(np.abs(above.imag) > 1e-4)
    at = roots(beta)
    assert abs(at[0] - at[1]) < 1e-6


@pytest.mark.parametrize("lams", [(1.0, 25.0), (2.0, 18.0), (0.5, 3.0)])
@pytest.mark.parametrize("momentum", [0.0, 0.5, 0.9])
def test_stability_limit_is_where_the_rate_reaches_one(lams, momentum):
    limit = quadratic.stability_limit(lams, momentum)
    assert limit == pytest.approx(2 * (1 + momentum) / max(lams), rel=1e-12)
    assert float(oracle_rate(limit * (1 - 1e-4), momentum, lams)) < 1.0
    assert float(oracle_rate(limit * (1 + 1e-4), momentum, lams)) > 1.0


def test_stability_limits_of_the_ravine():
    # 2/25 for gradient descent, 2·1.9/25 for momentum 0.9; none without positive curvature.
    assert quadratic.stability_limit([1.0, 25.0]) == pytest.approx(0.08)
    np.testing.assert_allclose(quadratic.stability_limit([1.0, 25.0], np.array([0.0, 0.9])), [0.08, 0.152])
    assert quadratic.stability_limit([-2.0, -1.0]) == math.inf


# --- Hessians, eigen-directions, condition numbers ------------------------------------------


def test_every_built_in_quadratic_has_an_exact_constant_hessian():
    pinned = {
        "quadratic": [[1, 0], [0, 1]],
        "ill_conditioned": [[1, 0], [0, 25]],
        "saddle": [[2, 0], [0, -2]],
        "booth": [[10, 8], [8, 10]],
    }
    quadratic_names = {name for name in BUILDERS if quadratic.is_quadratic(get(name))}
    assert quadratic_names == QUADRATICS
    rng = np.random.default_rng(3)
    for name, want in pinned.items():
        surface = get(name)
        for x, y in rng.uniform(-3, 3, (5, 2)):
            h, exact = quadratic.hessian(surface, x, y)
            assert exact
            assert h.dtype == np.float64 and h.shape == (2, 2)
            np.testing.assert_array_equal(h, want)


@pytest.mark.parametrize("name", list(BUILDERS))
def test_each_hand_derived_hessian_matches_finite_differences(name):
    surface = get(name)
    xmin, xmax, ymin, ymax = surface.bounds
    rng = np.random.default_rng(len(name))
    points = np.column_stack([rng.uniform(xmin, xmax, 25), rng.uniform(ymin, ymax, 25)])
    points = np.vstack([points, [surface.start], surface.minima or np.zeros((0, 2))])
    for x, y in points:
        h, exact = quadratic.hessian(surface, x, y)
        assert exact == (surface.hessian_fn is not None)
        fd = fd_hessian(surface, x, y)
        scale = max(1.0, float(np.abs(fd).max()))
        np.testing.assert_allclose(h, fd, rtol=1e-5, atol=1e-5 * scale, err_msg=f"{name} at ({x}, {y})")
        assert h[0, 1] == h[1, 0]


def test_only_goldstein_price_falls_back_to_finite_differences():
    assert [name for name in BUILDERS if get(name).hessian_fn is None] == ["goldstein_price"]
    h, exact = quadratic.hessian(get("goldstein_price"), 0.0, -1.0)
    assert not exact
    # At its minimum (0, −1), by hand: P = 0, Q = 36, R = 3, S = −3, so A = 1, B = 3, ∇A = 0
    # and H = B·∇²A + A·∇²B = 3·2Q·[[1, 1], [1, 1]] + [[288, −432], [−432, 648]].
    np.testing.assert_allclose(h, [[504, -216], [-216, 864]], rtol=1e-6)


def test_a_surface_without_a_hessian_gets_finite_differences_and_says_so():
    # f = x³ + 3xy²... written by hand: ∇f = (3x² + 3y², 6xy), H = [[6x, 6y], [6y, 6x]].
    cubic = Surface("cubic", "", "", lambda x, y: x**3 + 3 * x * y * y,
                    lambda x, y: (3 * x * x + 3 * y * y, 6 * x * y), (-2, 2, -2, 2), [], (1, 1))
    for x, y in [(0.7, -1.3), (1.5, 0.2), (-40.0, 25.0)]:
        h, exact = quadratic.hessian(cubic, x, y)
        assert not exact
        np.testing.assert_allclose(h, [[6 * x, 6 * y], [6 * y, 6 * x]], rtol=1e-6)
    assert not quadratic.is_quadratic(cubic)


def test_a_typed_quadratic_is_detected_and_its_hessian_is_exact():
    surface = from_expression("x**2 + 3*x*y + 5*y**2")
    assert quadratic.is_quadratic(surface)
    for x, y in [(0.0, 0.0), (1.5, -2.0), (-4.0, 3.3)]:
        h, exact = quadratic.hessian(surface, x, y)
        assert exact
        np.testing.assert_array_equal(h, [[2, 3], [3, 10]])
    # Its minimum (0, 0) exactly, from anywhere, although the marked one is a grid estimate.
    np.testing.assert_allclose(quadratic.stationary_point(surface, 2.0, -1.0), [0.0, 0.0], atol=1e-12)
    shifted = from_expression("x**2 + 3*x*y + 5*y**2 - x")  # 2x + 3y = 1, 3x + 10y = 0
    np.testing.assert_allclose(quadratic.stationary_point(shifted, 3.0, 4.0), [10 / 11, -3 / 11], rtol=1e-12)


def test_a_typed_quartic_is_not_quadratic_but_its_hessian_is_exact():
    surface = from_expression("x**4 + y**2")
    assert not quadratic.is_quadratic(surface)
    h, exact = quadratic.hessian(surface, 1.0, 2.0)
    assert exact
    np.testing.assert_array_equal(h, [[12, 0], [0, 2]])


@pytest.mark.parametrize("text", ["sin(x)*y**2 + exp(x*y/4)", "log(1 + x**2) * cosh(y/3)", "abs(x) + x*y**3"])
def test_typed_formula_hessians_match_finite_differences(text):
    surface = from_expression(text)
    assert not quadratic.is_quadratic(surface)
    rng = np.random.default_rng(7)
    for x, y in rng.uniform(-3, 3, (10, 2)):
        h, exact = quadratic.hessian(surface, x, y)
        assert exact
        fd = fd_hessian(surface, x, y)
        np.testing.assert_allclose(h, fd, rtol=1e-5, atol=1e-5 * max(1.0, float(np.abs(fd).max())))


def test_a_formula_too_large_to_differentiate_twice_falls_back_to_finite_differences():
    # Twelve nested sigmoids: a 1,700-node gradient, whose derivative sympy takes seconds on.
    text = "x"
    for _ in range(12):
        text = f"sigmoid({text} + y)"
    surface = from_expression(text)
    h, exact = quadratic.hessian(surface, 0.3, 0.2)
    assert not exact
    assert np.all(np.isfinite(h)) and h[0, 1] == h[1, 0]
    np.testing.assert_allclose(h, fd_hessian(surface, 0.3, 0.2), rtol=1e-4, atol=1e-6)
    assert not quadratic.is_quadratic(surface)


def test_eigen_of_booth():
    # [[10, 8], [8, 10]]: λ = 2 along (1, −1)/√2, λ = 18 along (1, 1)/√2; κ = 9.
    lambdas, vectors = quadratic.eigen(np.array([[10.0, 8.0], [8.0, 10.0]]))
    np.testing.assert_allclose(lambdas, [2.0, 18.0], rtol=1e-12)
    r = 1 / math.sqrt(2)
    np.testing.assert_allclose(np.abs(vectors), [[r, r], [r, r]], rtol=1e-12)
    assert vectors[0, 0] * vectors[1, 0] < 0 < vectors[0, 1] * vectors[1, 1]
    np.testing.assert_allclose(vectors @ np.diag(lambdas) @ vectors.T, [[10, 8], [8, 10]], atol=1e-12)
    assert quadratic.condition(lambdas) == pytest.approx(9.0)


def test_eigen_directions_keep_their_sign_and_order():
    rng = np.random.default_rng(5)
    for _ in range(50):
        a = rng.normal(size=(2, 2))
        h = a + a.T
        lambdas, vectors = quadratic.eigen(h)
        assert lambdas[0] <= lambdas[1]
        np.testing.assert_allclose(vectors.T @ vectors, np.eye(2), atol=1e-12)
        np.testing.assert_allclose(h @ vectors, vectors * lambdas, atol=1e-12)
        # The largest entry of each direction is positive, so a nudge does not flip arrows.
        for i in range(2):
            assert vectors[np.argmax(np.abs(vectors[:, i])), i] > 0


def test_condition_number_is_infinite_where_not_convex():
    assert quadratic.condition([1.0, 25.0]) == pytest.approx(25.0)
    assert quadratic.condition([-2.0, 2.0]) == math.inf
    assert quadratic.condition([0.0, 2.0]) == math.inf


# --- theory meets the race ------------------------------------------------------------------


def test_measured_rate_reads_the_slope_of_log_distance():
    steps = np.arange(100)
    d = 3.0 * 0.9**steps
    assert quadratic.measured_rate(d, 10, 90) == pytest.approx(0.9, rel=1e-12)
    d[50] = 0.0  # landed exactly: left out, not log(0)
    d[60] = np.nan  # diverged rows are NaN
    assert quadratic.measured_rate(d, 10, 90) == pytest.approx(0.9, rel=1e-12)
    assert math.isnan(quadratic.measured_rate(d, 50, 50))
    assert math.isnan(quadratic.measured_rate(np.full(10, np.nan), 0, 9))


@pytest.mark.parametrize("lr, momentum", [(0.02, 0.5), (0.03, 0.4), (0.05, 0.0), (0.06, 0.3)])
def test_a_race_on_the_ravine_converges_at_the_predicted_rate(lr, momentum):
    surface = get("ill_conditioned")
    h, _ = quadratic.hessian(surface, *surface.start)
    lambdas, _ = quadratic.eigen(h)
    predicted = quadratic.momentum_rate(lr, momentum, lambdas)
    # Not degenerate: the slow direction's roots are real and distinct, and the other
    # direction's rate is well below, so one geometric mode dominates from step 50 on.
    a = 1 + momentum - lr * lambdas[0]
    assert a * a - 4 * momentum > 0.05
    assert quadratic.momentum_rate(lr, momentum, lambdas[1:]) < 0.85 * predicted
    name = "momentum" if momentum else "sgd"
    hyper = {"lr": lr, "momentum": momentum} if momentum else {"lr": lr}
    points = race_points(surface, optimizers.get(name, **hyper), 300)
    distances = np.linalg.norm(points - np.array(surface.minima[0]), axis=1)
    measured = quadratic.measured_rate(distances, 50, 300)
    assert measured == pytest.approx(predicted, rel=0.01)
    assert distances[300] < 1e-3 * distances[0]  # it did converge: the slope is no artefact


def test_optimal_momentum_beats_the_defaults_on_the_ravine():
    surface = get("ill_conditioned")
    lambdas, _ = quadratic.eigen(quadratic.hessian(surface, 0.0, 0.0)[0])
    lr, momentum = quadratic.optimal_momentum(lambdas)

    def steps_to(optimizer, tol=1e-6):
        d = np.linalg.norm(race_points(surface, optimizer, 2000), axis=1)
        return int(np.argmax(d < tol))

    best = steps_to(optimizers.get("momentum", lr=lr, momentum=momentum))
    default = steps_to(optimizers.get("momentum", lr=0.01, momentum=0.9))
    assert 0 < best < default / 2
    # And every other point of a coarse grid around it converges no faster.
    for f in (0.5, 0.8, 1.25, 2.0):
        assert quadratic.momentum_rate(lr * f, momentum, lambdas) > quadratic.optimal_rate(lambdas)


def test_error_components_shrink_by_one_minus_lr_lambda_along_each_eigen_direction():
    # Booth is tilted: its eigen-directions are the diagonals, so x and y mix, but each
    # component of the error along an eigen-direction shrinks on its own by (1 − ηλᵢ).
    surface = get("booth")
    h, exact = quadratic.hessian(surface, *surface.start)
    lambdas, vectors = quadratic.eigen(h)
    lr = 0.05
    points = race_points(surface, optimizers.get("sgd", lr=lr), 40)
    comps = quadratic.error_components(points, surface.minima[0], vectors)
    assert comps.shape == (41, 2)
    assert np.all(np.abs(comps[0]) > 1.0)  # the start is off both eigen-lines
    ratios = comps[1:] / comps[:-1]
    np.testing.assert_allclose(ratios[:, 0], 1 - lr * 2.0, rtol=1e-6)
    # The fast one shrinks tenfold a step: after 8 it is down to the rounding of the slow one.
    np.testing.assert_allclose(ratios[:8, 1], 1 - lr * 18.0, rtol=1e-6)
    # Together the components are the whole error: Q is a rotation.
    np.testing.assert_allclose(np.linalg.norm(comps, axis=1),
                               np.linalg.norm(points - np.array(surface.minima[0]), axis=1), rtol=1e-12)


def test_importing_the_theory_pulls_in_no_qt_torch_or_sympy():
    # The race tab imports it at start-up: sympy (half a second) only loads for a typed formula.
    code = ("import sys, json, gradlab.core.quadratic; "
            "print(json.dumps(sorted(m for m in ('PySide6', 'pyqtgraph', 'torch', 'numba', 'sympy') "
            "if m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
