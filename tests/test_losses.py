"""Losses against torch (float64), finite differences, and each other.

Oracles: torch's MSELoss and F.cross_entropy (with and without weight), an independent
focal loss written from F.log_softmax, MSELoss on softmax; torch autograd of each for
gradients; central finite differences of our value.
"""

from __future__ import annotations

import math
import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from gradlab.core import losses

torch.set_num_threads(1)

C = 4
WEIGHTS = [0.5, 2.0, 1.0, 3.0]
ALPHA = [0.25, 1.0, 0.5, 2.0]


def torch_focal(z, y, gamma=2.0, alpha=None):
    """Focal loss as the paper writes it, from torch's log_softmax (independent of ours)."""
    logp = F.log_softmax(z, dim=1).gather(1, y[:, None]).squeeze(1)
    a = 1.0 if alpha is None else torch.as_tensor(alpha, dtype=z.dtype)[y]
    return (-a * (1.0 - logp.exp()) ** gamma * logp).mean()


def torch_softmax_mse(z, y):
    return torch.nn.MSELoss()(F.softmax(z, dim=1), F.one_hot(y, z.shape[1]).to(z.dtype))


# (id, name, params, torch reference of (logits, labels))
CLASSIFIERS = [
    ("ce", "cross_entropy", {}, lambda z, y: F.cross_entropy(z, y)),
    ("wce", "weighted_cross_entropy", {"weights": WEIGHTS},
     lambda z, y: F.cross_entropy(z, y, weight=torch.tensor(WEIGHTS, dtype=z.dtype))),
    ("focal", "focal", {}, torch_focal),
    ("focal_g0.5_alpha", "focal", {"gamma": 0.5, "alpha": ALPHA},
     lambda z, y: torch_focal(z, y, 0.5, ALPHA)),
    ("focal_g0", "focal", {"gamma": 0.0}, lambda z, y: torch_focal(z, y, 0.0)),
    ("focal_g3.5", "focal", {"gamma": 3.5}, lambda z, y: torch_focal(z, y, 3.5)),
    ("softmax_mse", "softmax_mse", {}, torch_softmax_mse),
]
CIDS = [c[0] for c in CLASSIFIERS]

RNG = np.random.default_rng(0)
Z = RNG.normal(scale=3.0, size=(9, C))
Y = np.array([0, 1, 2, 3, 3, 2, 1, 0, 1])
# Logits of ±1000: a sure right answer, a sure wrong one, ties, and a mixture.
Z_EXTREME = np.array([
    [1000.0, -1000.0, 0.0, 0.0],
    [1000.0, -1000.0, 0.0, 0.0],
    [-1000.0, 1000.0, 1000.0, -1000.0],
    [0.0, 0.0, 0.0, 0.0],
    [1000.0, 1000.0, 1000.0, 1000.0],
    [-1000.0, -1000.0, -1000.0, -1000.0],
])
Y_EXTREME = np.array([0, 1, 2, 3, 1, 0])


def torch_value_and_grad(ref, z: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    t = torch.tensor(z, dtype=torch.float64, requires_grad=True)
    value = ref(t, torch.tensor(y))
    value.backward()
    return value.item(), t.grad.numpy()


def fd_grad(loss, z: np.ndarray, y: np.ndarray, h: float = 1e-6) -> np.ndarray:
    g = np.zeros_like(z)
    for idx in np.ndindex(z.shape):
        e = np.zeros_like(z)
        e[idx] = h
        g[idx] = (loss.value(z + e, y) - loss.value(z - e, y)) / (2 * h)
    return g


def test_names_are_the_documented_set():
    assert losses.names() == ["mse", "cross_entropy", "weighted_cross_entropy", "focal", "softmax_mse"]


def test_each_has_name_title_formula_and_params():
    for name in losses.names():
        params = {"weights": WEIGHTS} if name == "weighted_cross_entropy" else {}
        loss = losses.get(name, **params)
        assert loss.name == name and loss.title and loss.formula
    assert losses.get("focal").params == {"gamma": 2.0, "alpha": None}
    assert losses.get("focal", alpha=ALPHA).params["alpha"] == ALPHA
    assert losses.get("weighted_cross_entropy", weights=WEIGHTS).params == {"weights": WEIGHTS}


# --- mse ----------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [(7,), (5, 3), (2, 3, 4)])
def test_mse_value_and_grad_match_torch(shape):
    rng = np.random.default_rng(len(shape))
    o, t = rng.normal(size=shape), rng.normal(size=shape)
    mse = losses.get("mse")
    ot = torch.tensor(o, requires_grad=True)
    ref = torch.nn.MSELoss()(ot, torch.tensor(t))
    ref.backward()
    assert mse.value(o, t) == pytest.approx(ref.item(), rel=1e-12)
    np.testing.assert_allclose(mse.grad(o, t), ot.grad.numpy(), rtol=1e-12, atol=0)
    np.testing.assert_allclose(mse.grad(o, t), fd_grad(mse, o, t), rtol=1e-6, atol=1e-9)


def test_mse_at_extremes_and_on_tensors():
    o = np.array([1000.0, -1000.0, 0.0, 1e-300])
    t = np.array([-1000.0, 1000.0, 0.0, 0.0])
    mse = losses.get("mse")
    assert mse.value(o, t) == pytest.approx(2e6, rel=1e-15)
    ot = torch.tensor(o, requires_grad=True)
    out = mse.forward(ot, torch.tensor(t))
    assert isinstance(out, torch.Tensor) and out.dim() == 0
    out.backward()
    np.testing.assert_allclose(ot.grad.numpy(), mse.grad(o, t), rtol=1e-15, atol=0)


# --- classification: values and gradients -------------------------------------------


@pytest.mark.parametrize(("_id", "name", "params", "ref"), CLASSIFIERS, ids=CIDS)
def test_value_and_grad_match_torch(_id, name, params, ref):
    loss = losses.get(name, **params)
    value, grad = torch_value_and_grad(ref, Z, Y)
    assert loss.value(Z, Y) == pytest.approx(value, rel=1e-10)
    np.testing.assert_allclose(loss.grad(Z, Y), grad, rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize(("_id", "name", "params", "ref"), CLASSIFIERS, ids=CIDS)
def test_grad_matches_central_finite_differences(_id, name, params, ref):
    loss = losses.get(name, **params)
    z, y = Z[:5], Y[:5]
    # Central differences with h = 1e-6: rounding ε·L/h ≈ 1e-10, truncation h² ≈ 1e-12.
    np.testing.assert_allclose(loss.grad(z, y), fd_grad(loss, z, y), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(("_id", "name", "params", "ref"), CLASSIFIERS, ids=CIDS)
def test_autograd_through_forward_equals_grad(_id, name, params, ref):
    """The MNIST trainer backpropagates through `forward`; it must agree with `grad`."""
    loss = losses.get(name, **params)
    for z, y in ((Z, Y), (Z_EXTREME, Y_EXTREME)):
        t = torch.tensor(z, requires_grad=True)
        out = loss.forward(t, torch.tensor(y))
        assert isinstance(out, torch.Tensor) and out.dim() == 0 and out.dtype == torch.float64
        out.backward()
        assert torch.isfinite(t.grad).all()
        np.testing.assert_allclose(t.grad.numpy(), loss.grad(z, y), rtol=1e-10, atol=1e-15)


@pytest.mark.parametrize(("_id", "name", "params", "ref"), CLASSIFIERS, ids=CIDS)
def test_numpy_and_torch_give_the_same_numbers(_id, name, params, ref):
    loss = losses.get(name, **params)
    zt, yt = torch.tensor(Z), torch.tensor(Y)
    assert loss.value(zt, yt) == pytest.approx(loss.value(Z, Y), rel=1e-14)
    g = loss.grad(zt, yt)
    assert isinstance(g, torch.Tensor) and g.shape == zt.shape
    np.testing.assert_allclose(g.numpy(), loss.grad(Z, Y), rtol=1e-13, atol=1e-17)


@pytest.mark.parametrize(("_id", "name", "params", "ref"), CLASSIFIERS, ids=CIDS)
def test_float32_tensors_stay_float32(_id, name, params, ref):
    loss = losses.get(name, **params)
    zt = torch.tensor(Z, dtype=torch.float32)
    assert loss.forward(zt, torch.tensor(Y)).dtype == torch.float32
    assert loss.grad(zt, torch.tensor(Y)).dtype == torch.float32


# --- stability ----------------------------------------------------------------------


@pytest.mark.parametrize(("_id", "name", "params", "ref"), CLASSIFIERS, ids=CIDS)
def test_extreme_logits_give_finite_values_and_grads(_id, name, params, ref):
    loss = losses.get(name, **params)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        value, grad = loss.value(Z_EXTREME, Y_EXTREME), loss.grad(Z_EXTREME, Y_EXTREME)
    assert np.isfinite(value) and np.all(np.isfinite(grad))
    # The oracles are stable here too (log_softmax; (1 − p)^γ with p exactly 0 or 1),
    # except the focal oracle's gradient for γ < 1 at p_t = 1: 0 · ∞ = NaN, the very
    # thing ours avoids. There the true gradient is below e^(−1000): ours must be 0.
    ref_value, ref_grad = torch_value_and_grad(ref, Z_EXTREME, Y_EXTREME)
    assert value == pytest.approx(ref_value, rel=1e-10)
    bad_rows = ~np.isfinite(ref_grad).all(axis=1)
    assert not bad_rows.any() or (name == "focal" and params["gamma"] < 1)
    np.testing.assert_array_equal(grad[bad_rows], 0.0)
    np.testing.assert_allclose(grad[~bad_rows], ref_grad[~bad_rows], rtol=1e-10, atol=1e-15)


def test_cross_entropy_at_extremes_is_exact():
    ce = losses.get("cross_entropy")
    # -log softmax: 0 for the sure right row, 2000 for the sure wrong one.
    assert ce.value(Z_EXTREME[:1], Y_EXTREME[:1]) == 0.0
    assert ce.value(np.array([[-1000.0, 1000.0]]), np.array([0])) == 2000.0
    np.testing.assert_array_equal(ce.grad(np.array([[-1000.0, 1000.0]]), np.array([0])), [[-1.0, 1.0]])


@pytest.mark.parametrize("gamma", [0.0, 0.01, 0.3, 0.5, 1.0, 2.0])
def test_focal_has_no_nan_gradients_as_p_t_nears_1_or_0(gamma):
    """(1 − p_t)^γ has an infinite slope at p_t = 1 when γ < 1; the loss's slope does not."""
    focal = losses.get("focal", gamma=gamma)
    margins = np.array([0.0, 5.0, 20.0, 40.0, 100.0, 700.0, 1000.0])
    z = np.zeros((2 * len(margins), 3))
    z[: len(margins), 0] = margins  # label 0: p_t → 1
    z[len(margins):, 0] = -margins  # label 0: p_t → 0
    y = np.zeros(len(z), dtype=int)
    g = focal.grad(z, y)
    t = torch.tensor(z, requires_grad=True)
    focal.forward(t, torch.tensor(y)).backward()
    assert np.all(np.isfinite(g)) and torch.isfinite(t.grad).all()
    np.testing.assert_allclose(t.grad.numpy(), g, rtol=1e-10, atol=1e-15)
    # Confident and right: the pull vanishes; confident and wrong: it is α(Y − p)/N, as CE.
    assert np.all(np.abs(g[len(margins) - 1]) < 1e-300)
    np.testing.assert_allclose(g[-1], [-1 / len(z), 0.5 / len(z), 0.5 / len(z)], rtol=1e-12)


@pytest.mark.parametrize("gamma", [0.01, 0.1, 0.5])
def test_focal_autograd_is_finite_in_float32(gamma):
    """float32 training: 1 − p_t = e^(−100) is subnormal there, and u^(γ−1) overflows."""
    focal = losses.get("focal", gamma=gamma)
    t = torch.tensor([[100.0, 0.0], [87.0, 0.0], [80.0, 0.0], [1.0, 0.0]], dtype=torch.float32, requires_grad=True)
    y = torch.tensor([0, 0, 0, 0])
    focal.forward(t, y).backward()
    assert torch.isfinite(t.grad).all()
    np.testing.assert_allclose(t.grad.numpy(), focal.grad(t.detach(), y).numpy(), rtol=1e-4, atol=1e-12)
    np.testing.assert_allclose(t.grad[3].numpy(), focal.grad(t.detach().double(), y)[3].numpy(), rtol=1e-5)


def test_focal_grad_near_p_t_1_matches_the_limit():
    """For u = 1 − p_t → 0, dℓ/ds → −(1 + γ)u^γ: checked where the oracle's 1 − p is inexact."""
    gamma = 0.5
    z = np.array([[30.0, 0.0]])  # u = e^-30 / (1 + e^-30)
    u = np.exp(-30.0) / (1 + np.exp(-30.0))
    s = np.log1p(-u)
    p = 1 - u
    dl_ds = -(u**gamma) + gamma * p * s * u ** (gamma - 1)  # the textbook form, fine here
    expected = dl_ds * np.array([u, -u])  # Y − p, with 1 − p_0 = u exactly
    np.testing.assert_allclose(losses.get("focal", gamma=gamma).grad(z, np.array([0]))[0], expected, rtol=1e-10)


@pytest.mark.parametrize("z", [Z, Z_EXTREME])
def test_focal_with_gamma_zero_is_cross_entropy(z):
    y = Y if z is Z else Y_EXTREME
    focal, ce = losses.get("focal", gamma=0.0), losses.get("cross_entropy")
    assert focal.value(z, y) == pytest.approx(ce.value(z, y), rel=1e-14)
    np.testing.assert_allclose(focal.grad(z, y), ce.grad(z, y), rtol=1e-14, atol=1e-300)
    weighted = losses.get("focal", gamma=0.0, alpha=ALPHA)
    # Focal averages over N (torch's convention for alpha too), not over Σα as weighted CE does.
    nll = F.cross_entropy(torch.tensor(z), torch.tensor(y), reduction="none").numpy()
    assert weighted.value(z, y) == pytest.approx(np.mean(np.array(ALPHA)[y] * nll), rel=1e-12)


def test_confident_right_answers_keep_their_digits():
    """log p_t for p_t ≈ 1 is −log1p(e^(−30)) ≈ −9.4e-14; z_y − logsumexp(z) would keep
    only a few digits of it (two numbers ≈ 30 cancelling)."""
    z, y = np.array([[30.0, 0.0]]), np.array([0])
    u = math.exp(-30.0) / (1.0 + math.exp(-30.0))  # 1 − p_t
    assert losses.get("cross_entropy").value(z, y) == pytest.approx(math.log1p(math.exp(-30.0)), rel=1e-14)
    np.testing.assert_allclose(losses.get("cross_entropy").grad(z, y), [[-u, u]], rtol=1e-14)
    focal = losses.get("focal", gamma=2.0)
    assert focal.value(z, y) == pytest.approx(u**2 * math.log1p(math.exp(-30.0)), rel=1e-13)


def test_weighted_ce_with_equal_weights_is_cross_entropy():
    wce = losses.get("weighted_cross_entropy", weights=[3.0] * C)
    ce = losses.get("cross_entropy")
    assert wce.value(Z, Y) == pytest.approx(ce.value(Z, Y), rel=1e-14)
    np.testing.assert_allclose(wce.grad(Z, Y), ce.grad(Z, Y), rtol=1e-14)


def test_labels_may_be_lists_or_tensors_and_outputs_lists():
    ce = losses.get("cross_entropy")
    expected = ce.value(Z, Y)
    assert ce.value(Z, Y.tolist()) == expected
    assert ce.value(Z.tolist(), Y) == expected
    assert ce.value(torch.tensor(Z), Y) == pytest.approx(expected, rel=1e-14)
    assert ce.value(Z, torch.tensor(Y)) == expected


# --- validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outputs", "labels", "match"),
    [
        (np.zeros((3, 4)), np.array([0, 1]), r"shape \(3,\)"),
        (np.zeros((3, 4)), np.array([[0], [1], [2]]), r"shape \(3,\)"),
        (np.zeros(4), np.array([0]), r"\(N, C\)"),
        (np.zeros((0, 4)), np.zeros(0, dtype=int), r"\(N, C\)"),
        (np.zeros((3, 4)), np.array([0, 4, 1]), "label 4"),
        (np.zeros((3, 4)), np.array([0, -1, 1]), "label -1"),
        (np.zeros((3, 4)), np.array([0.0, 1.0, 1.0]), "integers"),
        (torch.zeros(3, 4), torch.tensor([0.0, 1.0, 1.0]), "integers"),
        (torch.zeros(3, 4), torch.tensor([0, 1, 7]), "label 7"),
    ],
)
@pytest.mark.parametrize("name", ["cross_entropy", "focal", "softmax_mse", "weighted_cross_entropy"])
def test_bad_classification_inputs_raise(name, outputs, labels, match):
    params = {"weights": WEIGHTS} if name == "weighted_cross_entropy" else {}
    loss = losses.get(name, **params)
    for call in (loss.value, loss.grad, loss.forward):
        with pytest.raises(ValueError, match=match):
            call(outputs, labels)


def test_mse_shape_mismatch_and_empty_raise():
    mse = losses.get("mse")
    with pytest.raises(ValueError, match=r"\(3,\).*\(4,\)"):
        mse.value(np.zeros(4), np.zeros(3))
    with pytest.raises(ValueError, match="empty"):
        mse.grad(np.zeros(0), np.zeros(0))


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({}, "weights"),
        ({"weights": [1.0, -1.0, 1.0, 1.0]}, "weights"),
        ({"weights": [1.0, float("nan"), 1.0, 1.0]}, "weights"),
        ({"weights": [[1.0, 2.0]]}, "weights"),
        ({"weights": []}, "weights"),
        ({"weights": ["a", "b"]}, "weights"),
        ({"weights": [0.0, 0.0]}, "all 0"),
        ({"weights": WEIGHTS, "gamma": 2.0}, "gamma"),
    ],
)
def test_bad_weights_raise(params, match):
    with pytest.raises(ValueError, match=match):
        losses.get("weighted_cross_entropy", **params)


def test_weights_of_the_wrong_length_raise_at_call():
    loss = losses.get("weighted_cross_entropy", weights=[1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="3 entries.*4 classes"):
        loss.value(Z, Y)
    zero_for_present = losses.get("weighted_cross_entropy", weights=[0.0, 1.0])
    with pytest.raises(ValueError, match="sum to 0"):
        zero_for_present.value(np.zeros((2, 2)), np.array([0, 0]))


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"gamma": -1.0}, "gamma"),
        ({"gamma": float("nan")}, "gamma"),
        ({"gamma": "2"}, "gamma"),
        ({"alpha": [1.0, -0.5]}, "alpha"),
        ({"alpha": [float("inf")]}, "alpha"),
        ({"beta": 1.0}, "beta"),
    ],
)
def test_bad_focal_params_raise(params, match):
    with pytest.raises(ValueError, match=match):
        losses.get("focal", **params)


def test_focal_alpha_of_the_wrong_length_raises_at_call():
    with pytest.raises(ValueError, match="alpha has 2 entries"):
        losses.get("focal", alpha=[1.0, 2.0]).grad(Z, Y)


def test_unknown_loss_lists_the_valid_ones():
    with pytest.raises(ValueError, match="hinge") as info:
        losses.get("hinge")
    for name in losses.names():
        assert name in str(info.value)


# --- properties ---------------------------------------------------------------------


@st.composite
def logits_and_labels(draw):
    n, c = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    values = st.one_of(st.floats(-30.0, 30.0), st.sampled_from([-1000.0, 0.0, 1000.0, 1e-300]))
    z = np.array(draw(st.lists(values, min_size=n * c, max_size=n * c))).reshape(n, c)
    y = np.array(draw(st.lists(st.integers(0, c - 1), min_size=n, max_size=n)))
    return z, y


@settings(max_examples=60, deadline=None)
@given(data=logits_and_labels(), case=st.sampled_from(CLASSIFIERS))
def test_property_value_and_grad_match_torch(data, case):
    z, y = data
    _, name, params, ref = case
    if "weights" in params or "alpha" in params:
        per_class = (np.arange(z.shape[1]) + 1.0) / 2.0
        key = "weights" if "weights" in params else "alpha"
        params = {**params, key: per_class.tolist()}
        ref = (lambda z_, y_: F.cross_entropy(z_, y_, weight=torch.tensor(per_class))) if key == "weights" \
            else (lambda z_, y_: torch_focal(z_, y_, params["gamma"], per_class))
    loss = losses.get(name, **params)
    value, grad = loss.value(z, y), loss.grad(z, y)
    assert grad.shape == z.shape and np.isfinite(value) and np.all(np.isfinite(grad))
    ref_value, ref_grad = torch_value_and_grad(ref, z, y)
    # Focal's oracle computes 1 − p as 1 − e^s, which cancels as p → 1 (ours uses expm1):
    # there the two agree only to ~ε/(1 − p), so compare where 1 − p_t > 1e-4 in every row.
    if name == "focal" and params.get("gamma", 2.0) != 0.0:
        p_t = torch.softmax(torch.tensor(z), 1)[np.arange(len(y)), y].numpy()
        if np.any(1 - p_t < 1e-4):
            return
    # torch's log_softmax computes z_y − logsumexp(z), with an absolute rounding error of
    # ~ε·max|z|; for a confident right answer that is all of a tiny loss (ours is exact,
    # test_confident_right_answers_keep_their_digits), so allow that much.
    assert value == pytest.approx(ref_value, rel=1e-10, abs=1e-15 * max(1.0, np.abs(z).max()))
    np.testing.assert_allclose(grad, ref_grad, rtol=1e-9, atol=1e-14)
