"""The explorer's curves (gradlab.core.explorer_curves) against closed forms and finite differences."""

from __future__ import annotations

import numpy as np
import pytest

from gradlab.core import activations, losses
from gradlab.core import explorer_curves as ec

P = ec.probability_grid(n=199, lo=0.01, hi=0.99)


# --- activations -----------------------------------------------------------------------


def test_activation_curve_samples_the_core_activation():
    x = np.linspace(-4, 4, 81)
    curve = ec.activation_curve("leaky_relu", x, alpha=0.2)
    act = activations.get("leaky_relu", alpha=0.2)
    np.testing.assert_array_equal(curve.f, act.forward(x))
    np.testing.assert_array_equal(curve.df, act.derivative(x))
    assert curve.formula == act.formula and curve.derivative_formula == act.derivative_formula
    assert curve.title == "Leaky ReLU"


def test_relu_has_one_dead_region_ending_at_zero():
    x = ec.activation_x()
    (region,) = ec.activation_curve("relu", x).regions
    step = x[1] - x[0]
    assert region.kind == "dead"
    assert region.lo == x[0] and abs(region.hi - 0.0) <= step


def test_sigmoid_saturates_symmetrically_where_its_slope_is_005():
    x = ec.activation_x()
    lo, hi = ec.activation_curve("sigmoid", x).regions
    # σ(1 − σ) = 0.05  ⇒  σ = (1 − √0.8)/2,  x = log(σ / (1 − σ))
    s = (1 - np.sqrt(0.8)) / 2
    edge = -np.log(s / (1 - s))
    step = x[1] - x[0]
    assert lo.kind == hi.kind == "saturated"
    assert abs(lo.hi + edge) <= step and abs(hi.lo - edge) <= step
    assert lo.lo == x[0] and hi.hi == x[-1]


def test_leaky_relu_alpha_decides_whether_its_negative_side_is_flat():
    assert [r.kind for r in ec.activation_curve("leaky_relu", alpha=0.01).regions] == ["saturated"]
    assert ec.activation_curve("leaky_relu", alpha=0.2).regions == []


def test_flat_regions_edge_cases():
    x = np.arange(6.0)
    assert ec.flat_regions(x, np.ones(6)) == []
    assert ec.flat_regions(x, np.zeros(6)) == [ec.Region(0.0, 5.0, "dead")]
    regions = ec.flat_regions(x, np.array([0.0, 0.0, 1.0, 0.01, 1.0, 0.0]))
    assert regions == [ec.Region(0.0, 1.5, "dead"), ec.Region(2.5, 3.5, "saturated"), ec.Region(4.5, 5.0, "dead")]


def test_activation_at_reads_one_point():
    f, df = ec.activation_at("sigmoid", 0.0)
    assert (f, df) == (0.5, 0.25)


# --- losses against p ------------------------------------------------------------------


@pytest.mark.parametrize("c", [2, 3, 10])
def test_logits_give_back_the_probabilities(c):
    z = ec.logits_for(P, c, true_class=1)
    q = np.exp(z - z.max(axis=1, keepdims=True))
    q /= q.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(q[:, 1], P, rtol=1e-12)
    np.testing.assert_allclose(np.delete(q, 1, axis=1), np.repeat(((1 - P) / (c - 1))[:, None], c - 1, 1), rtol=1e-12)
    with pytest.raises(ValueError):
        ec.logits_for(P, 1)


def test_cross_entropy_curve_is_the_textbook_one():
    ce = ec.loss_curve("cross_entropy", P, 10)
    np.testing.assert_allclose(ce.value, -np.log(P), rtol=1e-12)
    np.testing.assert_allclose(ce.dvalue_dp, -1 / P, rtol=1e-9)
    np.testing.assert_allclose(ce.dvalue_dlogit, P - 1, atol=1e-12)  # p − y


def test_softmax_mse_curves_are_closed_forms():
    two = ec.loss_curve("softmax_mse", P, 2)
    np.testing.assert_allclose(two.value, (1 - P) ** 2, rtol=1e-10)  # ½[(p − 1)² + (1 − p)²]
    np.testing.assert_allclose(two.dvalue_dp, -2 * (1 - P), rtol=1e-9)
    ten = ec.loss_curve("softmax_mse", P, 10)
    np.testing.assert_allclose(ten.value, (1 - P) ** 2 * (1 + 1 / 9) / 10, rtol=1e-10)


def _finite_difference(fn, x, h=1e-6):
    return (fn(x + h) - fn(x - h)) / (2 * h)


@pytest.mark.parametrize("curve_index", range(5))
def test_slopes_equal_finite_differences(curve_index):
    """dL/dp by the chain rule, and ∂L/∂z_y, against central differences of the loss."""
    p = np.linspace(0.05, 0.95, 19)
    curve = ec.standard_curves(p, weight=2.5, gamma=1.5, alpha=0.5)[curve_index]
    num_classes = 10 if curve.key == "softmax_mse_10" else 2
    value_of_p = lambda q: ec.standard_curves(q, weight=2.5, gamma=1.5, alpha=0.5)[curve_index].value
    np.testing.assert_allclose(curve.dvalue_dp, _finite_difference(value_of_p, p), rtol=1e-6, atol=1e-8)

    loss = {"cross_entropy": losses.get("cross_entropy"),
            "softmax_mse_2": losses.get("softmax_mse"), "softmax_mse_10": losses.get("softmax_mse"),
            "weighted_cross_entropy": losses.get("weighted_cross_entropy", weights=[2.5, 1.0]),
            "focal": losses.get("focal", gamma=1.5, alpha=[0.5, 0.5])}[curve.key]
    scale = 2.5 if curve.key == "weighted_cross_entropy" else 1.0
    z = ec.logits_for(p, num_classes)

    def value_of_zy(h):
        out = []
        for i in range(len(p)):
            zi = z[i : i + 1].copy()
            zi[0, 0] += h
            out.append(scale * loss.value(zi, np.array([0])))
        return np.array(out)

    numeric = (value_of_zy(1e-6) - value_of_zy(-1e-6)) / 2e-6
    np.testing.assert_allclose(curve.dvalue_dlogit, numeric, rtol=1e-6, atol=1e-9)


def test_focal_with_gamma_zero_is_cross_entropy():
    focal = ec.focal_curve(P, gamma=0.0, alpha=1.0)
    ce = ec.loss_curve("cross_entropy", P)
    np.testing.assert_allclose(focal.value, ce.value, rtol=1e-12)
    np.testing.assert_allclose(focal.dvalue_dp, ce.dvalue_dp, rtol=1e-9)


def test_focal_down_weights_easy_examples():
    focal, ce = ec.focal_curve(P, gamma=2.0), ec.loss_curve("cross_entropy", P)
    np.testing.assert_allclose(focal.value, (1 - P) ** 2 * ce.value, rtol=1e-9)
    assert ec.at(focal, 0.9) / ec.at(ce, 0.9) == pytest.approx(0.01, rel=5e-3)  # interpolated
    assert ec.at(focal, 0.1) / ec.at(ce, 0.1) == pytest.approx(0.81, rel=5e-3)


def test_weighted_curve_scales_cross_entropy_by_the_weight():
    ce = ec.loss_curve("cross_entropy", P)
    weighted = ec.weighted_curve(P, 4.0)
    np.testing.assert_allclose(weighted.value, 4.0 * ce.value, rtol=1e-12)
    np.testing.assert_allclose(weighted.dvalue_dlogit, 4.0 * ce.dvalue_dlogit, rtol=1e-9)
    assert "4" in weighted.label


def test_softmax_mse_barely_corrects_a_confident_wrong_answer():
    ce, mse = ec.loss_curve("cross_entropy", P), ec.loss_curve("softmax_mse", P, 2)
    assert ec.at(ce, 0.01, "dvalue_dlogit") == pytest.approx(-0.99, rel=1e-3)
    assert abs(ec.at(mse, 0.01, "dvalue_dlogit")) < 0.03 * abs(ec.at(ce, 0.01, "dvalue_dlogit"))
    # MSE's push peaks in the middle and fades at both ends: the softmax's p(1 − p)
    g = np.abs(mse.dvalue_dlogit)
    assert 0.2 < P[np.argmax(g)] < 0.5 and g[0] < 0.1 * g.max()


def test_standard_curves_are_the_five_the_view_draws():
    keys = [c.key for c in ec.standard_curves(P)]
    assert keys == ["cross_entropy", "softmax_mse_2", "softmax_mse_10", "weighted_cross_entropy", "focal"]


# -- issue 18: jumps of f' -------------------------------------------------------------------


@pytest.mark.parametrize("name,params,left", [
    ("relu", {}, 0.0), ("leaky_relu", {"alpha": 0.3}, 0.3), ("elu", {"alpha": 0.5}, 0.5), ("elu", {"alpha": 2.0}, 2.0),
])
@pytest.mark.parametrize("x", [np.linspace(-3, 3, 601), np.linspace(-1, 1.3, 200)])  # 0 a sample, or not
def test_a_jump_of_f_prime_is_found_and_split(name, params, left, x):
    curve = ec.activation_curve(name, x, **params)
    (jump,) = curve.jumps
    assert jump.x == 0.0 and (jump.left, jump.right, jump.value) == pytest.approx((left, 1.0, left))
    assert jump.open_values == [1.0]
    xs, ys = curve.df_pieces()
    (k,) = np.flatnonzero(np.isnan(ys))
    assert xs[k - 1] == xs[k + 1] == 0.0 and ys[k - 1] == pytest.approx(left) and ys[k + 1] == 1.0
    # every original sample is still drawn, in order
    assert np.all(np.diff(xs) >= 0) and set(x).issubset(set(xs))
    finite = np.isfinite(ys)
    both = finite[:-1] & finite[1:]
    assert np.abs(np.diff(ys))[both].max() < 0.1  # no segment crosses the jump


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "gelu", "softplus", "swish", "elu"])
def test_continuous_derivatives_have_no_jump(name):
    curve = ec.activation_curve(name)
    assert curve.jumps == []
    xs, ys = curve.df_pieces()
    np.testing.assert_array_equal(xs, curve.x)


def test_a_jump_at_a_sample_that_takes_the_right_value():
    # f'(x) = 0 for x < 0.5, 1 for x >= 0.5: the sample at 0.5 starts the right piece.
    x = np.linspace(0, 1, 11)
    (jump,) = ec.find_jumps(lambda t: (np.asarray(t) >= 0.5).astype(float), x)
    assert (jump.x, jump.left, jump.right, jump.value) == pytest.approx((0.5, 0.0, 1.0, 1.0))
    assert jump.open_values == [0.0]
    xs, ys = ec.split_at_jumps(x, (x >= 0.5).astype(float), [jump])
    (k,) = np.flatnonzero(np.isnan(ys))
    assert (xs[k - 1], ys[k - 1]) == (0.5, 0.0) and (xs[k + 1], ys[k + 1]) == (0.5, 1.0)
    assert len(xs) == len(x) + 2


def test_mse_output_delta_of_the_gradient_check_is_true():
    """δᵢ⁽ᴸ⁾ = 2(zᵢ − tᵢ)/K, as the equations say, against central differences of Cᵢ."""
    from gradlab.core import gradient_check as gc

    assert gc.output_delta("mse").endswith("= 2(zᵢ⁽ᴸ⁾ − tᵢ)/K,  K = number of outputs")
    rng = np.random.default_rng(1)
    z, t = rng.normal(size=3), rng.normal(size=3)
    c_i = lambda zz: np.mean((zz - t) ** 2)  # noqa: E731  Cᵢ of one sample, K = 3
    h = 1e-6
    fd = np.array([(c_i(z + h * e) - c_i(z - h * e)) / (2 * h) for e in np.eye(3)])
    np.testing.assert_allclose(2 * (z - t) / 3, fd, rtol=1e-6)
