"""Activations against torch (float64), finite differences, and each other.

Oracles: torch's own functions (torch.sigmoid, F.gelu, F.elu, ...) for values, torch
autograd of those functions for derivatives, central finite differences of our forward.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gradlab.core import activations

torch.set_num_threads(1)

# (name, params, torch's own function). softplus: torch.logaddexp(x, 0) = log(1 + e^x)
# exactly; F.softplus returns x itself above x = 20 (checked separately below).
CASES = [
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("relu", {}, F.relu),
    ("leaky_relu", {}, lambda x: F.leaky_relu(x, 0.01)),
    ("leaky_relu", {"alpha": 0.2}, lambda x: F.leaky_relu(x, 0.2)),
    ("elu", {}, F.elu),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, alpha=0.5)),
    ("gelu", {}, F.gelu),
    ("softplus", {}, lambda x: torch.logaddexp(x, torch.zeros_like(x))),
    ("swish", {}, F.silu),
]
IDS = [f"{n}{p.get('alpha', '')}" for n, p, _ in CASES]
KINKED = {"relu", "leaky_relu", "elu"}

EXTREMES = np.array([-1000.0, -100.0, -40.0, -20.0, -1.0, -1e-300, 0.0, 1e-300, 1.0, 20.0, 40.0, 100.0, 1000.0])
RANDOM = np.random.default_rng(0).normal(scale=4.0, size=200)
INPUTS = np.concatenate([RANDOM, EXTREMES])


def torch_derivative(fn, x: np.ndarray) -> np.ndarray:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    fn(t).sum().backward()
    return t.grad.numpy()


def torch_value(fn, x: np.ndarray) -> np.ndarray:
    return fn(torch.tensor(x, dtype=torch.float64)).numpy()


def test_names_are_the_documented_set():
    assert activations.names() == ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "gelu", "softplus", "swish"]


@pytest.mark.parametrize("name", activations.names())
def test_each_has_name_title_and_formulas(name):
    a = activations.get(name)
    assert a.name == name and a.title and a.formula and a.derivative_formula
    assert a.formula != a.derivative_formula


@pytest.mark.parametrize(("name", "params", "fn"), CASES, ids=IDS)
def test_forward_matches_torch(name, params, fn):
    ours = activations.get(name, **params).forward(INPUTS)
    # atol 1e-300: torch's sigmoid is 1/(1 + e^(−x)), 0 once e^(−x) overflows (x < −709),
    # where ours keeps the subnormal e^x/(1 + e^x).
    np.testing.assert_allclose(ours, torch_value(fn, INPUTS), rtol=1e-10, atol=1e-300)


@pytest.mark.parametrize(("name", "params", "fn"), CASES, ids=IDS)
def test_derivative_matches_torch_autograd(name, params, fn):
    ours = activations.get(name, **params).derivative(INPUTS)
    # Absolute 1e-15 only for sigmoid and tanh: torch's backwards are y(1 − y) and
    # 1 − y², which lose their relative precision as y nears 1 (absolute error ~1e-16)
    # and round to 0 beyond; ours are σ(x)σ(−x) and 4e^(−2|x|)/(1 + e^(−2|x|))², exact
    # there (see the tails test). Everywhere else the match is relative, 1e-10.
    # (1e-300 elsewhere: torch's results underflow to 0 a little before ours, x < −709.)
    atol = 1e-15 if name in ("sigmoid", "tanh") else 1e-300
    np.testing.assert_allclose(ours, torch_derivative(fn, INPUTS), rtol=1e-10, atol=atol)


def test_sigmoid_derivative_is_exact_in_the_tails():
    # σ'(x) = σ(x)σ(−x) is even; torch's y(1 − y) is exact on the negative side only.
    x = np.array([20.0, 40.0, 100.0, 700.0])
    ours = activations.get("sigmoid").derivative(x)
    np.testing.assert_allclose(ours, torch_derivative(torch.sigmoid, -x), rtol=1e-10, atol=0)
    assert np.all(ours > 0)


def test_tanh_derivative_is_exact_in_the_tails():
    x = np.array([-300.0, -40.0, -8.0, 8.0, 20.0, 300.0])
    ours = activations.get("tanh").derivative(x)
    np.testing.assert_allclose(ours, 1.0 / np.cosh(x) ** 2, rtol=1e-13, atol=0)


def test_softplus_matches_torch_softplus_below_its_threshold():
    x = INPUTS[INPUTS <= 20.0]
    sp = activations.get("softplus")
    np.testing.assert_allclose(sp.forward(x), torch_value(F.softplus, x), rtol=1e-10, atol=0)
    np.testing.assert_allclose(sp.derivative(x), torch_derivative(F.softplus, x), rtol=1e-10, atol=0)


@pytest.mark.parametrize(("name", "params", "fn"), CASES, ids=IDS)
def test_derivative_matches_central_finite_differences(name, params, fn):
    a = activations.get(name, **params)
    x = np.random.default_rng(1).uniform(-8.0, 8.0, size=100)
    if name in KINKED:
        x = x[np.abs(x) > 1e-3]  # the difference quotient straddles the kink otherwise
    h = 1e-6
    fd = (a.forward(x + h) - a.forward(x - h)) / (2 * h)
    # Central differences: truncation h²f'''/6 ≈ 1e-13, rounding ε|f|/h ≈ 1e-9 for |f| ≤ 8.
    np.testing.assert_allclose(a.derivative(x), fd, rtol=1e-7, atol=1e-8)


@pytest.mark.parametrize(("name", "params", "fn"), CASES, ids=IDS)
def test_autograd_through_forward_equals_derivative(name, params, fn):
    """The trainer backpropagates through `forward`; that must agree with `derivative`,
    including at 0 (the kinks) and at ±1000."""
    a = activations.get(name, **params)
    t = torch.tensor(INPUTS, dtype=torch.float64, requires_grad=True)
    a.forward(t).sum().backward()
    assert torch.isfinite(t.grad).all()
    # atol 1e-15: torch differentiates tanh and expm1 (in ELU) through their outputs,
    # 1 − y² and y + 1, which round to 0 in the tails (x ≤ −37) where ours are exact.
    np.testing.assert_allclose(t.grad.numpy(), a.derivative(INPUTS), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(("name", "params", "fn"), CASES, ids=IDS)
def test_numpy_and_torch_give_the_same_numbers(name, params, fn):
    a = activations.get(name, **params)
    t = torch.tensor(INPUTS, dtype=torch.float64)
    # 1e-14: numpy's erf is math.erf, torch's its own (one or two ulps apart).
    np.testing.assert_allclose(a.forward(t).numpy(), a.forward(INPUTS), rtol=1e-14, atol=0)
    np.testing.assert_allclose(a.derivative(t).numpy(), a.derivative(INPUTS), rtol=1e-14, atol=0)


@pytest.mark.parametrize("name", activations.names())
def test_tensor_in_tensor_out_keeps_dtype_and_shape(name):
    a = activations.get(name)
    t = torch.linspace(-3, 3, 12, dtype=torch.float32).reshape(3, 4)
    for out in (a.forward(t), a.derivative(t)):
        assert isinstance(out, torch.Tensor) and out.dtype == torch.float32 and out.shape == (3, 4)
        assert out.device == t.device
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    for dtype in (np.float64, np.float32):
        for out in (a.forward(x.astype(dtype)), a.derivative(x.astype(dtype))):
            assert isinstance(out, np.ndarray) and out.shape == (3, 4) and out.dtype == dtype


@pytest.mark.parametrize("name", activations.names())
def test_integers_and_scalars_become_floats(name):
    a = activations.get(name)
    np.testing.assert_allclose(a.forward([-2, 0, 3]), a.forward(np.array([-2.0, 0.0, 3.0])), rtol=0)
    assert float(a.derivative(1.5)) == pytest.approx(float(a.derivative(np.array([1.5]))[0]), rel=1e-15)


@pytest.mark.parametrize("name", activations.names())
def test_no_overflow_or_nan_at_plus_minus_1000(name):
    # Underflow to 0 (e^(−1000)) is the right answer, so only overflow, 0/0 and x/0 raise.
    a = activations.get(name)
    x = np.array([-1000.0, 1000.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        f, d = a.forward(x), a.derivative(x)
    assert np.all(np.isfinite(f)) and np.all(np.isfinite(d))


def test_sigmoid_is_stable_under_warnings_as_errors():
    x = np.array([-1000.0, -745.0, 0.0, 745.0, 1000.0])
    with np.errstate(all="raise", under="ignore"):
        s = activations.get("sigmoid").forward(x)
    np.testing.assert_array_equal(s[[0, 2, 4]], [0.0, 0.5, 1.0])


def test_kinks_follow_torch():
    x = np.zeros(1)
    assert activations.get("relu").derivative(x)[0] == 0.0 == torch_derivative(F.relu, x)[0]
    for alpha in (0.01, 0.3):
        ours = activations.get("leaky_relu", alpha=alpha).derivative(x)[0]
        assert ours == alpha == torch_derivative(lambda t: F.leaky_relu(t, alpha), x)[0]
    assert activations.get("elu", alpha=0.7).derivative(x)[0] == pytest.approx(0.7, rel=1e-15)


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match="softmaxx") as info:
        activations.get("softmaxx")
    for name in activations.names():
        assert name in str(info.value)


@pytest.mark.parametrize("name", ["leaky_relu", "elu"])
@pytest.mark.parametrize("alpha", [-0.1, math.nan, math.inf, "0.1", True])
def test_bad_alpha_raises_naming_it(name, alpha):
    with pytest.raises(ValueError, match="alpha"):
        activations.get(name, alpha=alpha)


def test_elu_alpha_zero_rejected_leaky_zero_allowed():
    with pytest.raises(ValueError, match="alpha"):
        activations.get("elu", alpha=0.0)
    assert activations.get("leaky_relu", alpha=0.0).params == {"alpha": 0.0}


def test_unknown_parameter_raises_naming_it():
    with pytest.raises(ValueError, match="beta"):
        activations.get("relu", beta=1.0)


def test_params_record_defaults():
    assert activations.get("leaky_relu").params == {"alpha": 0.01}
    assert activations.get("elu").params == {"alpha": 1.0}


_finite = st.floats(-1000.0, 1000.0, allow_nan=False, allow_subnormal=True)


@settings(max_examples=40, deadline=None)
@given(case=st.sampled_from(CASES), x=hnp.arrays(np.float64, st.integers(1, 20), elements=_finite))
def test_property_matches_torch_on_any_input(case, x):
    name, params, fn = case
    a = activations.get(name, **params)
    f, d = a.forward(x), a.derivative(x)
    assert f.shape == x.shape == d.shape
    np.testing.assert_allclose(f, torch_value(fn, x), rtol=1e-10, atol=1e-300)  # see test_forward_matches_torch
    atol = 1e-15 if name in ("sigmoid", "tanh") else 1e-300  # see test_derivative_matches_torch_autograd
    np.testing.assert_allclose(d, torch_derivative(fn, x), rtol=1e-10, atol=atol)
