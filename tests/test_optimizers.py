"""gradlab.core.optimizers against torch.optim (float64), across shapes and array kinds."""

from __future__ import annotations

import copy
import inspect
import math
import re
import subprocess
import sys

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from gradlab.core import optimizers as O

torch.set_num_threads(1)

STEPS = 250


pytestmark = pytest.mark.usefixtures("torch_float64")


def torch_oracle(name: str, params, h: dict) -> torch.optim.Optimizer:
    """The torch.optim optimizer that `O.get(name, **h)` claims to be."""
    T, lr, wd = torch.optim, h["lr"], h["weight_decay"]
    betas = (h.get("beta1"), h.get("beta2"))
    make = {
        "sgd": lambda: T.SGD(params, lr=lr, weight_decay=wd),
        "momentum": lambda: T.SGD(params, lr=lr, momentum=h["momentum"], weight_decay=wd),
        "nesterov": lambda: T.SGD(params, lr=lr, momentum=h["momentum"], nesterov=True,
                                  weight_decay=wd),
        "rmsprop": lambda: T.RMSprop(params, lr=lr, alpha=h["alpha"], eps=h["eps"],
                                     weight_decay=wd),
        "adagrad": lambda: T.Adagrad(params, lr=lr, lr_decay=h["lr_decay"], weight_decay=wd,
                                     initial_accumulator_value=h["initial_accumulator_value"],
                                     eps=h["eps"]),
        "adam": lambda: T.Adam(params, lr=lr, betas=betas, eps=h["eps"], weight_decay=wd),
        "adamw": lambda: T.AdamW(params, lr=lr, betas=betas, eps=h["eps"], weight_decay=wd),
        "adamax": lambda: T.Adamax(params, lr=lr, betas=betas, eps=h["eps"], weight_decay=wd),
        "nadam": lambda: T.NAdam(params, lr=lr, betas=betas, eps=h["eps"], weight_decay=wd,
                                 momentum_decay=h["momentum_decay"]),
    }
    return make[name]()


# Each optimizer once near its defaults and once with every knob moved (weight decay on).
# Step sizes stay where the dynamics are not chaotic: there a one-ulp difference in how
# torch's kernels round (seen: first at step ~130) grows past 1e-10 whatever the rule.
CASES = [
    ("sgd", {"lr": 1e-4}),
    ("sgd", {"lr": 2e-4, "weight_decay": 0.3}),
    ("momentum", {"lr": 1e-4, "momentum": 0.9}),
    ("momentum", {"lr": 5e-5, "momentum": 0.5, "weight_decay": 0.2}),
    ("nesterov", {"lr": 1e-4, "momentum": 0.9}),
    ("nesterov", {"lr": 5e-5, "momentum": 0.7, "weight_decay": 0.2}),
    ("rmsprop", {"lr": 1e-3}),
    ("rmsprop", {"lr": 1e-3, "alpha": 0.9, "eps": 1e-3, "weight_decay": 0.1}),
    ("adagrad", {"lr": 0.05}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1,
                 "initial_accumulator_value": 0.5, "eps": 1e-6}),
    ("adam", {"lr": 1e-2}),
    ("adam", {"lr": 2e-2, "beta1": 0.8, "beta2": 0.99, "eps": 1e-4, "weight_decay": 0.1}),
    ("adamw", {"lr": 1e-2}),
    ("adamw", {"lr": 1e-2, "beta1": 0.8, "beta2": 0.99, "eps": 1e-5, "weight_decay": 0.5}),
    ("adamax", {"lr": 1e-2}),
    ("adamax", {"lr": 2e-2, "beta1": 0.8, "beta2": 0.99, "eps": 1e-3, "weight_decay": 0.1}),
    ("nadam", {"lr": 1e-2}),
    ("nadam", {"lr": 2e-2, "beta1": 0.8, "beta2": 0.99, "momentum_decay": 0.05,
               "weight_decay": 0.1}),
]
SHAPES = [(2,), (3, 4), (5,)]


def rosenbrock_grad(x: np.ndarray) -> np.ndarray:
    """Gradient of the chained Rosenbrock Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)² over x.ravel()."""
    z = x.ravel()
    g = np.zeros_like(z)
    r = z[1:] - z[:-1] ** 2
    g[:-1] += -400.0 * z[:-1] * r - 2.0 * (1.0 - z[:-1])
    g[1:] += 200.0 * r
    return g.reshape(x.shape)


def starts(seed: int = 0) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    return [rng.uniform(-1.2, 1.2, size=s) for s in SHAPES]


def run_core(name: str, hyper: dict, x0: list[np.ndarray], steps: int) -> list[list[np.ndarray]]:
    opt = O.get(name, **hyper)
    xs = [x.copy() for x in x0]
    states = [opt.init(x) for x in xs]
    path = [xs]
    for _ in range(steps):
        new = []
        for i, x in enumerate(xs):
            u, states[i] = opt.update(rosenbrock_grad(x), states[i], x)
            new.append(O.apply_updates(x, u))
        xs = new
        path.append(xs)
    return path


def run_torch(name: str, hyper: dict, x0: list[np.ndarray], steps: int) -> list[list[np.ndarray]]:
    ps = [torch.tensor(x, requires_grad=True) for x in x0]
    opt = torch_oracle(name, ps, O.get(name, **hyper).hyper)
    path = [[p.detach().numpy().copy() for p in ps]]
    for _ in range(steps):
        for p in ps:
            p.grad = torch.from_numpy(rosenbrock_grad(p.detach().numpy().copy()))
        opt.step()
        path.append([p.detach().numpy().copy() for p in ps])
    return path


CASE_IDS = [f"{n}-{i % 2}" for i, (n, _) in enumerate(CASES)]


@pytest.mark.parametrize("name, hyper", CASES, ids=CASE_IDS)
def test_matches_torch_optim_on_rosenbrock(name, hyper):
    x0 = starts()
    ours, theirs = run_core(name, hyper, x0, STEPS), run_torch(name, hyper, x0, STEPS)
    for t in range(0, STEPS + 1, 25):
        for a, b in zip(ours[t], theirs[t]):
            np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-10, err_msg=f"step {t}")
    moved = max(np.abs(a - b).max() for a, b in zip(ours[-1], x0))
    assert moved > 1e-2  # a frozen run would match trivially


def test_every_optimizer_has_an_oracle_case():
    assert {n for n, _ in CASES} == set(O.names())
    assert {"sgd", "momentum", "nesterov", "rmsprop", "adam", "adagrad", "adamw"} <= set(O.names())


def test_rmsprop_eps_in_sqrt_is_the_textbook_rule():
    h = {"lr": 1e-3, "alpha": 0.9, "eps": 1e-2}
    x0 = starts(1)
    ours = run_core("rmsprop", {**h, "eps_in_sqrt": True}, x0, STEPS)[-1]
    for x, got in zip(x0, ours):
        v = np.zeros_like(x)
        for _ in range(STEPS):
            g = rosenbrock_grad(x)
            v = h["alpha"] * v + (1 - h["alpha"]) * g * g
            x = x - h["lr"] * g / np.sqrt(v + h["eps"])
        np.testing.assert_allclose(got, x, rtol=1e-10, atol=1e-12)
    outside = run_core("rmsprop", h, x0, STEPS)[-1]
    assert max(np.abs(a - b).max() for a, b in zip(ours, outside)) > 1e-6


def test_textbook_momentum_equals_torch_form_for_constant_lr():
    lr, mu = 1e-4, 0.9
    x = starts(2)[1]
    ours = run_core("momentum", {"lr": lr, "momentum": mu}, [x], 200)[-1][0]
    v = np.zeros_like(x)
    for _ in range(200):
        v = mu * v + lr * rosenbrock_grad(x)
        x = x - v
    np.testing.assert_allclose(ours, x, rtol=1e-10, atol=1e-12)


def rosenbrock2_grad(p):
    """Vectorized 2-D Rosenbrock gradient for (..., 2) arrays or tensors."""
    x, y = p[..., 0], p[..., 1]
    gx = -2.0 * (1.0 - x) - 400.0 * x * (y - x * x)
    gy = 200.0 * (y - x * x)
    return torch.stack([gx, gy], -1) if isinstance(p, torch.Tensor) else np.stack([gx, gy], -1)


def run2(opt, x, steps):
    state = opt.init(x)
    for _ in range(steps):
        u, state = opt.update(rosenbrock2_grad(x), state, x)
        x = O.apply_updates(x, u)
    return x, state


LR2 = {"sgd": 1e-3, "momentum": 1e-4, "nesterov": 1e-4, "rmsprop": 1e-2, "adagrad": 0.1,
       "adam": 2e-2, "adamw": 2e-2, "adamax": 2e-2, "nadam": 2e-2}


@pytest.mark.parametrize("name", O.names())
def test_point_batch_and_tensor_give_the_same_numbers(name):
    opt = O.get(name, lr=LR2[name], weight_decay=0.01)
    batch0 = np.random.default_rng(3).uniform(-1.5, 1.5, size=(6, 2))
    batch, bstate = run2(opt, batch0, 100)
    for i, row in enumerate(batch0):
        point, pstate = run2(opt, row.copy(), 100)
        np.testing.assert_allclose(batch[i], point, rtol=1e-14, atol=0)
        for field, b, p in zip(bstate._fields, bstate, pstate):
            np.testing.assert_allclose(np.asarray(b)[i] if np.ndim(b) else b, p, rtol=1e-14,
                                       err_msg=field)
    tensor, tstate = run2(opt, torch.tensor(batch0), 100)
    assert isinstance(tensor, torch.Tensor) and type(tstate) is type(bstate)
    np.testing.assert_allclose(tensor.numpy(), batch, rtol=1e-12, atol=1e-14)
    assert np.abs(batch - batch0).max() > 1e-2


def test_float32_stays_float32():
    opt = O.get("adam")
    x = np.ones((3, 2), dtype=np.float32)
    u, state = opt.update(x, opt.init(x), x)
    assert u.dtype == np.float32 and state.m.dtype == np.float32
    t = torch.ones(3, dtype=torch.float32)
    u, state = opt.update(t, opt.init(t), t)
    assert u.dtype == torch.float32 and state.v.dtype == torch.float32


def _snapshot(tree):
    return [x.clone() if isinstance(x, torch.Tensor) else copy.deepcopy(x) for x in tree]


def _same(a, b):
    a = a.numpy() if isinstance(a, torch.Tensor) else np.asarray(a)
    b = b.numpy() if isinstance(b, torch.Tensor) else np.asarray(b)
    return np.array_equal(a, b)


@pytest.mark.parametrize("kind", ["numpy", "torch"])
@pytest.mark.parametrize("name", O.names())
def test_update_is_pure(name, kind):
    opt = O.get(name, lr=1e-2, weight_decay=0.1)
    rng = np.random.default_rng(4)
    x, g = rng.normal(size=(4, 3)), rng.normal(size=(4, 3))
    if kind == "torch":
        x, g = torch.tensor(x), torch.tensor(g)
    state = opt.init(x)
    for _ in range(3):  # a state with something in it
        u, state = opt.update(g, state, x)
    before = _snapshot([x, g, *state])
    u1, s1 = opt.update(g, state, x)
    u2, s2 = opt.update(g, state, x)
    assert all(_same(a, b) for a, b in zip(before, [x, g, *state]))
    assert _same(u1, u2) and all(_same(a, b) for a, b in zip(s1, s2))
    assert s1.step == state.step + 1 == 4
    assert not _same(u1, 0 * u1)


def test_nested_params_update_leaf_by_leaf():
    opt = O.get("adam", lr=0.1)
    rng = np.random.default_rng(5)
    def layers():
        return [(rng.normal(size=(3, 2)), rng.normal(size=3)),
                (rng.normal(size=(1, 3)), rng.normal(size=1))]

    params, grads = layers(), layers()
    state = opt.init(params)
    assert isinstance(state.m, list) and isinstance(state.m[0], tuple)
    for _ in range(2):
        updates, state = opt.update(grads, state, params)
    new = O.apply_updates(params, updates)
    for (w, b), (gw, gb), (nw, nb) in zip(params, grads, new):
        for leaf, grad, got in ((w, gw, nw), (b, gb, nb)):
            s = opt.init(leaf)
            for _ in range(2):
                u, s = opt.update(grad, s, leaf)
            np.testing.assert_array_equal(got, leaf + u)


# -- metadata -------------------------------------------------------------------------

TORCH_CLASS = {"sgd": "SGD", "momentum": "SGD", "nesterov": "SGD", "rmsprop": "RMSprop",
               "adagrad": "Adagrad", "adam": "Adam", "adamw": "AdamW", "adamax": "Adamax",
               "nadam": "NAdam"}


@pytest.mark.parametrize("name", O.names())
def test_defaults_are_torchs(name):
    sig = inspect.signature(getattr(torch.optim, TORCH_CLASS[name])).parameters
    d = O.defaults(name)
    for key, value in d.items():
        if key in ("beta1", "beta2"):
            assert value == sig["betas"].default[key == "beta2"]
        elif key in sig and not (key == "momentum" and name != "sgd"):
            assert value == sig[key].default, key
    assert O.get(name).hyper == d and d is not O.defaults(name)


@pytest.mark.parametrize("name", O.names())
def test_metadata_for_the_gui(name):
    opt = O.get(name)
    assert opt.name == name and opt.title == O.title(name) and opt.title
    assert all(isinstance(line, str) and line for line in opt.formula)
    assert "θ" in opt.formula[-1] and "←" in opt.formula[-1]
    for key, value in opt.hyper.items():
        info = O.HYPER_INFO[key]
        assert info.label and info.symbol and info.lo <= info.hi
        if info.kind == "float":
            assert info.lo <= value <= info.hi, key
            assert not info.log or info.lo > 0
    assert opt.init(np.zeros(2))._fields[0] == "step"


def test_doc_carries_the_algorithm_box():
    for name in O.names():
        doc = O.get(name).doc
        assert "input:" in doc and "for t = 1, 2, ..." in doc and "return θ_t" in doc, name
    assert "outside" in O.get("rmsprop").doc and "g₁" in O.get("momentum").doc


def test_importing_optimizers_does_not_import_torch():
    code = "import sys, gradlab.core.optimizers; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_formula_follows_hyperparameters():
    assert "λ" in O.get("sgd", weight_decay=0.1).formula[0]
    assert "λ" not in O.get("sgd").formula[0]
    assert "√(v + ε)" in O.get("rmsprop", eps_in_sqrt=True).formula[-1]
    assert "(√v + ε)" in O.get("rmsprop").formula[-1]


def test_state_field_names():
    fields = {n: O.get(n).init(np.zeros(2))._fields for n in O.names()}
    assert fields["sgd"] == ("step",)
    assert fields["momentum"] == fields["nesterov"] == ("step", "velocity")
    assert fields["rmsprop"] == ("step", "v")
    assert fields["adagrad"] == ("step", "sum_sq")
    assert fields["adam"] == fields["adamw"] == ("step", "m", "v")


# -- validation -----------------------------------------------------------------------

BAD = [
    ("sgd", "lr", 0.0), ("sgd", "lr", -0.1), ("adam", "lr", math.nan), ("adam", "lr", math.inf),
    ("sgd", "lr", "fast"), ("sgd", "lr", None), ("sgd", "lr", True),
    ("momentum", "momentum", 1.0), ("nesterov", "momentum", -0.1),
    ("momentum", "momentum", math.nan),
    ("rmsprop", "alpha", 1.0), ("rmsprop", "alpha", -0.01),
    ("adam", "beta1", 1.0), ("adam", "beta1", -0.5), ("adamw", "beta2", 1.5),
    ("nadam", "beta2", 1.0),
    ("adam", "eps", 0.0), ("rmsprop", "eps", -1e-8), ("adagrad", "eps", math.inf),
    ("sgd", "weight_decay", -0.01), ("adamw", "weight_decay", -1.0),
    ("adam", "weight_decay", math.nan),
    ("adagrad", "lr_decay", -1.0), ("adagrad", "initial_accumulator_value", -0.5),
    ("rmsprop", "eps_in_sqrt", 1), ("nadam", "momentum_decay", -0.1),
]


@pytest.mark.parametrize("name, key, value", BAD)
def test_invalid_hyperparameter_raises_naming_the_value(name, key, value):
    with pytest.raises(ValueError, match=re.escape(repr(value))) as info:
        O.get(name, **{key: value})
    assert key in str(info.value)


@pytest.mark.parametrize("name, key", [("sgd", "momentum"), ("adam", "alpha"), ("rmsprop", "beta1"),
                                       ("adam", "betas"), ("momentum", "nesterov")])
def test_unknown_hyperparameter_raises(name, key):
    with pytest.raises(ValueError, match=f"'{key}'.*{name}"):
        O.get(name, **{key: 0.5})


@pytest.mark.parametrize("call", [O.get, O.defaults, O.title])
def test_unknown_optimizer_lists_the_valid_ones(call):
    valid = "sgd, momentum, nesterov, rmsprop, adagrad, adam, adamw"
    with pytest.raises(ValueError, match=f"'adamm'.*{valid}"):
        call("adamm")


@settings(max_examples=60, deadline=None)
@given(lr=st.floats(min_value=-10, max_value=10) | st.sampled_from([math.nan, math.inf, -math.inf]),
       momentum=st.floats(min_value=-2, max_value=2))
def test_validation_accepts_exactly_the_valid_range(lr, momentum):
    valid = math.isfinite(lr) and lr > 0 and 0 <= momentum < 1
    if valid:
        assert O.get("momentum", lr=lr, momentum=momentum).hyper["lr"] == lr
    else:
        with pytest.raises(ValueError):
            O.get("momentum", lr=lr, momentum=momentum)


@settings(max_examples=40, deadline=None)
@given(name=st.sampled_from(O.names()),
       shape=st.lists(st.integers(1, 4), min_size=0, max_size=3).map(tuple),
       lr=st.floats(1e-4, 1.0), wd=st.floats(0.0, 1.0), seed=st.integers(0, 2**32 - 1))
def test_numpy_and_torch_agree_for_any_shape(name, shape, lr, wd, seed):
    rng = np.random.default_rng(seed)
    opt = O.get(name, lr=lr, weight_decay=wd)
    x = rng.normal(size=shape)
    xt = torch.tensor(x)
    s, st_ = opt.init(x), opt.init(xt)
    for _ in range(3):
        g = rng.normal(size=shape)
        u, s = opt.update(g, s, x)
        ut, st_ = opt.update(torch.tensor(g), st_, xt)
        x, xt = O.apply_updates(x, u), O.apply_updates(xt, ut)
        assert np.shape(u) == shape
    np.testing.assert_allclose(xt.numpy(), x, rtol=1e-12, atol=1e-15)
