"""gradlab.core.backprop.trace against torch autograd, torch.optim and finite differences.

Every intermediate the tab shows (z, a, f'(z), p, δ per sample, ∂C/∂a per sample, the
gradients, the sample losses, the update) is compared in float64 with an oracle that
shares none of our formulas: torch's own functions and autograd, torch.optim's steps.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from gradlab.core import activations, losses, optimizers
from gradlab.core.backprop import Trace, Update, trace
from gradlab.core.mlp import init_params

torch.set_num_threads(1)

ARCHS = [(3, 4, 3, 2), (2, 3, 3, 3)]

# torch's own functions, not ours: the oracle must not share our formulas.
TORCH_ACT = {
    "sigmoid": lambda z, p: torch.sigmoid(z),
    "tanh": lambda z, p: torch.tanh(z),
    "relu": lambda z, p: torch.relu(z),
    "leaky_relu": lambda z, p: F.leaky_relu(z, p.get("alpha", 0.01)),
    "elu": lambda z, p: F.elu(z, p.get("alpha", 1.0)),
    "gelu": lambda z, p: F.gelu(z),
    "softplus": lambda z, p: F.softplus(z),
    "swish": lambda z, p: F.silu(z),
}
WEIGHTS = [0.5, 2.0, 1.25]
FOCAL_ALPHA = [0.25, 0.5, 1.0]
LOSS_NAMES = ["cross_entropy", "weighted_cross_entropy", "focal", "softmax_mse"]


def _loss(name: str, c: int) -> losses.Loss:
    if name == "weighted_cross_entropy":
        return losses.get(name, weights=WEIGHTS[:c])
    if name == "focal":
        return losses.get(name, gamma=2.0, alpha=FOCAL_ALPHA[:c])
    return losses.get(name)


def _torch_losses(name: str, z: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(batch loss C, per-sample C_i with C = mean C_i), from torch's functions."""
    n, c = z.shape
    if name == "cross_entropy":
        return F.cross_entropy(z, y), F.cross_entropy(z, y, reduction="none")
    if name == "weighted_cross_entropy":
        w = torch.tensor(WEIGHTS[:c], dtype=torch.float64)
        ell = F.cross_entropy(z, y, reduction="none")
        return F.cross_entropy(z, y, weight=w), n * w[y] * ell / w[y].sum()
    if name == "focal":
        logp = F.log_softmax(z, dim=1).gather(1, y.view(-1, 1)).squeeze(1)
        terms = -torch.tensor(FOCAL_ALPHA[:c], dtype=torch.float64)[y] * (1 - logp.exp()) ** 2.0 * logp
        return terms.mean(), terms
    if name == "softmax_mse":
        hot = F.one_hot(y, c).to(z.dtype)
        return F.mse_loss(z.softmax(1), hot), ((z.softmax(1) - hot) ** 2).mean(1)
    raise AssertionError(name)


def _problem(sizes, n: int, seed: int = 0):
    rng = np.random.default_rng(seed + 17 * n)
    # Weights 2.5× torch's default so hidden units sit on both sides of every kink/bend.
    params = [(2.5 * W, 2.5 * b) for W, b in init_params(sizes, seed, np.float64)]
    x = rng.normal(scale=1.5, size=(n, sizes[0]))
    y = rng.integers(0, sizes[-1], size=n)
    return params, x, y


def _oracle(params, act: activations.Activation, x, y, loss_name: str) -> dict:
    """Everything recomputed by torch: forward, autograd per sample and for the batch."""
    with torch.enable_grad():
        Ws = [torch.tensor(W, dtype=torch.float64, requires_grad=True) for W, _ in params]
        bs = [torch.tensor(b, dtype=torch.float64, requires_grad=True) for _, b in params]
        xt = torch.tensor(x, dtype=torch.float64, requires_grad=True)
        yt = torch.tensor(y, dtype=torch.int64)
        a = [xt]
        zs = []
        for l, (W, b) in enumerate(zip(Ws, bs)):
            z = F.linear(a[-1], W, b)
            zs.append(z)
            if l < len(Ws) - 1:
                a.append(TORCH_ACT[act.name](z, act.params))
        batch, per_sample = _torch_losses(loss_name, zs[-1], yt)
        n = x.shape[0]
        # δ_i = ∂C_i/∂z_i and ∂C_i/∂a_i, one autograd pass per sample, row i kept
        deltas = [np.zeros(z.shape) for z in zs]
        dC_da = [np.zeros(t.shape) for t in a]
        per_W = np.zeros((n,) + tuple(Ws[0].shape))
        for i in range(n):
            g = torch.autograd.grad(per_sample[i], zs + a + [Ws[0]], retain_graph=True)
            for l in range(len(zs)):
                deltas[l][i] = g[l][i].numpy()
            for l in range(len(a)):
                dC_da[l][i] = g[len(zs) + l][i].numpy()
            per_W[i] = g[-1].numpy()
        gW = torch.autograd.grad(batch, Ws + bs, retain_graph=True)
        fprime = [torch.autograd.grad(TORCH_ACT[act.name](z, act.params).sum(), z, retain_graph=True)[0]
                  for z in zs[:-1]]
    return {
        "z": [z.detach().numpy() for z in zs], "a": [t.detach().numpy() for t in a],
        "p": zs[-1].detach().softmax(1).numpy(), "loss": float(batch.detach()),
        "sample_losses": per_sample.detach().numpy(), "delta": deltas, "dC_da": dC_da,
        "grad_W": [g.numpy() for g in gW[: len(Ws)]], "grad_b": [g.numpy() for g in gW[len(Ws):]],
        "fprime": [f.numpy() for f in fprime], "per_sample_grad_W1": per_W,
    }


def close(ours, ref, tol: float = 1e-10) -> None:
    """Equal to `tol` relative, or absolute on the scale of the reference."""
    ours, ref = np.asarray(ours), np.asarray(ref)
    assert ours.shape == ref.shape, (ours.shape, ref.shape)
    scale = max(1.0, float(np.max(np.abs(ref)))) if ref.size else 1.0
    np.testing.assert_allclose(ours, ref, rtol=tol, atol=tol * scale)


def _check_against_oracle(t: Trace, ref: dict) -> None:
    L = len(ref["z"])
    assert len(t.z) == len(t.delta) == len(t.grad_W) == len(t.grad_b) == L
    assert len(t.a) == len(t.dC_da) == L and len(t.fprime) == L - 1
    for l in range(L):
        close(t.z[l], ref["z"][l])
        close(t.delta[l], ref["delta"][l])
        close(t.grad_W[l], ref["grad_W"][l])
        close(t.grad_b[l], ref["grad_b"][l])
        close(t.a[l], ref["a"][l])
        close(t.dC_da[l], ref["dC_da"][l])
    for l in range(L - 1):
        close(t.fprime[l], ref["fprime"][l])
    close(t.p, ref["p"])
    close(t.input_grad, ref["dC_da"][0])
    close(t.sample_losses, ref["sample_losses"])
    close(t.loss, ref["loss"])


def test_every_activation_is_covered_by_the_oracle():
    assert set(activations.names()) == set(TORCH_ACT)


@pytest.mark.parametrize("n", [1, 5])
@pytest.mark.parametrize("sizes", ARCHS)
@pytest.mark.parametrize("loss_name", LOSS_NAMES)
@pytest.mark.parametrize("act_name", activations.names())
def test_every_intermediate_equals_torch_autograd(act_name, loss_name, sizes, n):
    params, x, y = _problem(sizes, n)
    act = activations.get(act_name)
    loss = _loss(loss_name, sizes[-1])
    t = trace(params, act_name, x, y, loss)
    _check_against_oracle(t, _oracle(params, act, x, y, loss_name))
    assert t.sizes == tuple(sizes) and t.activation == act_name and t.loss_name == loss_name
    assert t.loss_params == loss.params
    assert t.y.dtype == np.int64 and t.y.tolist() == list(y)
    close(t.a[0], x)
    close(t.sample_losses.mean(), t.loss, 1e-12)  # C = mean_i C_i


@settings(max_examples=30, deadline=None)
@given(
    hidden=st.lists(st.integers(1, 5), min_size=0, max_size=3),
    n_in=st.integers(1, 4), n_out=st.integers(1, 3), n=st.integers(1, 4),
    act_name=st.sampled_from(activations.names()), loss_name=st.sampled_from(LOSS_NAMES),
    seed=st.integers(0, 10_000),
)
def test_any_small_network_equals_torch_autograd(hidden, n_in, n_out, n, act_name, loss_name, seed):
    sizes = (n_in, *hidden, n_out)
    params, x, y = _problem(sizes, n, seed)
    act = activations.get(act_name)
    t = trace(params, act, x, y, _loss(loss_name, n_out))
    _check_against_oracle(t, _oracle(params, act, x, y, loss_name))


def test_activation_and_loss_objects_carry_their_parameters():
    params, x, y = _problem((3, 4, 3, 2), 5, seed=3)
    act = activations.get("leaky_relu", alpha=0.2)
    t = trace(params, act, x, y, losses.get("focal", gamma=2.0, alpha=FOCAL_ALPHA[:2]))
    _check_against_oracle(t, _oracle(params, act, x, y, "focal"))
    assert t.activation_params == {"alpha": 0.2}


def test_cross_entropy_output_delta_is_p_minus_one_hot():
    params, x, y = _problem((2, 3, 3, 3), 5)
    t = trace(params, "tanh", x, y)
    close(t.delta[-1], t.p - np.eye(3)[y])
    # and one pinned number: a 1-input, 2-class linear net, z = (w x + b) per class
    t1 = trace([(np.array([[1.0], [-1.0]]), np.array([0.0, 0.0]))], "relu", [[0.5]], [0])
    close(t1.z[0], [[0.5, -0.5]])
    close(t1.p, [[1 / (1 + np.exp(-1.0)), 1 - 1 / (1 + np.exp(-1.0))]])
    close(t1.loss, np.log1p(np.exp(-1.0)))


def test_single_sample_weighted_cross_entropy_is_plain_cross_entropy():
    params, x, y = _problem((3, 4, 3, 2), 1)
    w = trace(params, "relu", x, y, losses.get("weighted_cross_entropy", weights=[0.3, 3.0]))
    c = trace(params, "relu", x, y, "cross_entropy")
    close(w.sample_losses, c.sample_losses)
    close(w.delta[0], c.delta[0])


@pytest.mark.parametrize("sizes", ARCHS)
def test_weight_terms_average_to_the_batch_gradient(sizes):
    params, x, y = _problem(sizes, 5, seed=2)
    act = activations.get("swish")
    t = trace(params, act, x, y, "cross_entropy")
    ref = _oracle(params, act, x, y, "cross_entropy")
    for layer in range(1, len(sizes)):
        n_out, n_in = t.W[layer - 1].shape
        means = np.array([[t.weight_terms(layer, j, k).mean() for k in range(n_in)] for j in range(n_out)])
        close(means, ref["grad_W"][layer - 1])
    # each term is sample i's own ∂C_i/∂W⁽¹⁾_jk
    for j, k in [(0, 0), (1, 1), (2, 0)]:
        close(t.weight_terms(1, j, k), ref["per_sample_grad_W1"][:, j, k])
    with pytest.raises(ValueError, match="layer must be 1..3"):
        t.weight_terms(0, 0, 0)
    with pytest.raises(ValueError, match="unit j"):
        t.weight_terms(1, sizes[1], 0)
    with pytest.raises(ValueError, match="input k"):
        t.weight_terms(2, 0, -1)


def test_finite_differences_of_weights_and_input_pixels():
    sizes = (3, 4, 3, 2)
    params, x, y = _problem(sizes, 5, seed=4)
    loss = _loss("focal", 2)
    t = trace(params, "gelu", x, y, loss)
    eps = 1e-6

    def batch_loss(ps, xs) -> float:
        return trace(ps, "gelu", xs, y, loss).loss

    for layer, j, k in [(1, 0, 0), (1, 3, 2), (2, 1, 3), (3, 1, 2)]:
        plus = [(W.copy(), b.copy()) for W, b in params]
        minus = [(W.copy(), b.copy()) for W, b in params]
        plus[layer - 1][0][j, k] += eps
        minus[layer - 1][0][j, k] -= eps
        fd = (batch_loss(plus, x) - batch_loss(minus, x)) / (2 * eps)
        assert abs(fd - t.grad_W[layer - 1][j, k]) < 1e-7 * max(1.0, abs(fd))
    for i, k in [(0, 0), (2, 1), (4, 2)]:
        xp, xm = x.copy(), x.copy()
        xp[i, k] += eps
        xm[i, k] -= eps
        # the input gradient is per sample: C_i's own derivative
        fd = (trace(params, "gelu", xp, y, loss).sample_losses[i]
              - trace(params, "gelu", xm, y, loss).sample_losses[i]) / (2 * eps)
        assert abs(fd - t.input_grad[i, k]) < 1e-7 * max(1.0, abs(fd))


# -- the update, against torch.optim's own step ----------------------------------------

TORCH_OPT = {
    "sgd": ({"lr": 0.1}, lambda ps: torch.optim.SGD(ps, lr=0.1)),
    "momentum": ({"lr": 0.1, "momentum": 0.9}, lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)),
    "nesterov": ({"lr": 0.1, "momentum": 0.8},
                 lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.8, nesterov=True)),
    "adam": ({"lr": 0.05, "weight_decay": 0.01},
             lambda ps: torch.optim.Adam(ps, lr=0.05, weight_decay=0.01)),
    "rmsprop": ({"lr": 0.01}, lambda ps: torch.optim.RMSprop(ps, lr=0.01)),
}


@pytest.mark.parametrize("name", list(TORCH_OPT))
def test_update_equals_torch_optim_over_two_steps(name, torch_float64):
    hyper, make = TORCH_OPT[name]
    sizes = (2, 3, 3, 3)
    params, x, y = _problem(sizes, 5, seed=5)
    opt = optimizers.get(name, **hyper)
    tp = [torch.tensor(a, requires_grad=True) for W, b in params for a in (W, b)]
    torch_opt = make(tp)

    def torch_step() -> list[np.ndarray]:
        """torch.optim's Δθ for the torch autograd gradient at its current params."""
        torch_opt.zero_grad()
        with torch.enable_grad():
            a = torch.tensor(x)
            for l in range(0, len(tp), 2):
                z = F.linear(a, tp[l], tp[l + 1])
                a = torch.sigmoid(z) if l < len(tp) - 2 else z
            F.cross_entropy(a, torch.tensor(y)).backward()
        before = [p.detach().clone() for p in tp]
        torch_opt.step()
        return [(p.detach() - q).numpy() for p, q in zip(tp, before)]

    t1 = trace(params, "sigmoid", x, y, optimizer=opt)
    ref1 = torch_step()
    assert isinstance(t1.update, Update) and t1.next_state.step == 1
    for l in range(3):
        close(t1.update.W[l], ref1[2 * l])
        close(t1.update.b[l], ref1[2 * l + 1])
    # the second step starts from next_params and next_state, as the tab's "Step" does
    p2 = t1.next_params()
    t2 = trace(p2, "sigmoid", x, y, optimizer=opt, state=t1.next_state)
    ref2 = torch_step()
    assert t2.next_state.step == 2
    for l in range(3):
        close(t2.update.W[l], ref2[2 * l])
        close(t2.update.b[l], ref2[2 * l + 1])
        close(t2.next_params()[l][0], tp[2 * l].detach().numpy())


def test_next_params_is_theta_plus_delta_and_needs_an_optimizer():
    params, x, y = _problem((3, 4, 3, 2), 1)
    t = trace(params, "relu", x, y, optimizer=optimizers.get("sgd", lr=0.5))
    new = t.next_params()
    for (W, b), (W2, b2), gW, gb in zip(params, new, t.grad_W, t.grad_b):
        close(W2, W - 0.5 * gW)
        close(b2, b - 0.5 * gb)
        assert W2.flags.writeable
    bare = trace(params, "relu", x, y)
    assert bare.update is None and bare.next_state is None
    with pytest.raises(ValueError, match="no update"):
        bare.next_params()


# -- immutability ------------------------------------------------------------------------


def _arrays(t: Trace):
    for field in dataclasses.fields(t):
        value = getattr(t, field.name)
        if isinstance(value, np.ndarray):
            yield field.name, value
        elif isinstance(value, tuple) and value and isinstance(value[0], np.ndarray):
            for i, v in enumerate(value):
                yield f"{field.name}[{i}]", v
    for i, v in enumerate(t.update.W + t.update.b):
        yield f"update[{i}]", v
    for i, slot in enumerate(t.next_state[1:]):
        for j, pair in enumerate(slot):
            for v in pair:
                yield f"next_state[{i}][{j}]", v


def test_every_array_is_float64_read_only_and_the_callers_are_untouched():
    params, x, y = _problem((3, 4, 3, 2), 5)
    params32 = [(W.astype(np.float32), b.astype(np.float32)) for W, b in params]
    x_in = x.astype(np.float32)
    t = trace(params32, "elu", x_in, list(y), optimizer=optimizers.get("adam", lr=0.1))
    names = []
    for name, arr in _arrays(t):
        names.append(name)
        assert arr.dtype == (np.int64 if name == "y" else np.float64), name
        assert not arr.flags.writeable, name
        with pytest.raises(ValueError):
            arr[(0,) * arr.ndim] = 1.0
    assert {"x", "y", "p", "sample_losses", "W[0]", "delta[2]", "grad_W[1]", "dC_da[0]", "fprime[1]",
            "update[0]", "next_state[0][0]"} <= set(names)
    assert isinstance(t.W, tuple) and isinstance(t.delta, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.loss = 0.0  # type: ignore[misc]
    # the caller keeps writable arrays, and changing them later does not change the trace
    assert x_in.flags.writeable and params32[0][0].flags.writeable
    before = t.W[0].copy()
    params32[0][0][:] = 7.0
    x_in[:] = 7.0
    assert np.array_equal(t.W[0], before) and not np.any(t.x == 7.0)
    # float32 in, float64 out: the same numbers as tracing the float32 values in float64
    again = trace([(W.astype(np.float64), b.astype(np.float64)) for W, b in params],
                  "elu", x.astype(np.float32).astype(np.float64), y)
    assert t.x.dtype == np.float64
    assert np.all(np.abs(t.sample_losses - again.sample_losses) < 1e-5)


def test_a_previous_traces_weights_are_shared_not_copied():
    params, x, y = _problem((3, 4, 3, 2), 2)
    t = trace(params, "relu", x, y)
    assert all(W is not P for W, (P, _) in zip(t.W, params))  # the caller's writable arrays: copied
    again = trace(list(zip(t.W, t.b)), "relu", x[::-1], y[::-1])
    assert all(a is b for a, b in zip(again.W + again.b, t.W + t.b))
    view = t.W[0][:, :]  # read-only, but a view of someone's array: copied
    assert trace([(view, t.b[0])] + list(zip(t.W[1:], t.b[1:])), "relu", x, y).W[0] is not view


# -- bad inputs ----------------------------------------------------------------------------

GOOD = _problem((3, 4, 3, 2), 2)


def _bad(**changes):
    params, x, y = GOOD
    kw = {"params": params, "activation": "relu", "x": x, "y": y, "loss": "cross_entropy"}
    kw.update(changes)
    return kw


BAD_CASES = [
    (_bad(params=[]), "params must be a non-empty list"),
    (_bad(params=[(np.zeros((4, 3)),)]), r"layer 1\) must be a pair"),
    (_bad(params=[(np.zeros((4, 3)), np.zeros(3))]), r"b of layer 1 must have shape \(4,\)"),
    (_bad(params=[(np.zeros((4, 3)), np.zeros(4)), (np.zeros((2, 5)), np.zeros(2))]),
     "W of layer 2 takes 5 inputs but layer 1 has 4 units"),
    (_bad(params=[(np.full((4, 3), np.nan), np.zeros(4))]), "layer 1 contain NaN"),
    (_bad(params=[(np.zeros(3), np.zeros(3))]), "W of layer 1 must be a non-empty 2-D array"),
    (_bad(x=np.zeros((2, 4))), r"x must have shape \(N, 3\)"),
    (_bad(x=np.zeros(3)), r"x must have shape \(N, 3\)"),
    (_bad(x=np.zeros((0, 3)), y=np.zeros(0, dtype=int)), r"x must have shape \(N, 3\) with N >= 1"),
    (_bad(x=np.array([[1.0, np.inf, 0.0], [0.0, 0.0, 0.0]])), "x contains NaN or inf"),
    (_bad(y=[0]), r"y must have shape \(2,\)"),
    (_bad(y=[0.0, 1.0]), "y must be integer labels"),
    (_bad(y=[0, 2]), r"label 2 is out of range for 2 classes \(0..1\)"),
    (_bad(y=[-1, 0]), "label -1 is out of range"),
    (_bad(activation="sigmoidal"), "unknown activation 'sigmoidal'"),
    (_bad(activation=3), "activation must be a name or an Activation"),
    (_bad(loss="mse"), "unknown loss 'mse' for a trace"),
    (_bad(loss="hinge"), "unknown loss 'hinge'"),
    (_bad(loss=losses.get("mse")), "loss 'mse' cannot be traced"),
    (_bad(loss="weighted_cross_entropy"), "needs weights"),
    (_bad(loss=losses.get("weighted_cross_entropy", weights=[1, 1, 1])), "weights has 3 entries"),
    (_bad(optimizer="adam"), "optimizer must be a core Optimizer"),
    (_bad(state=optimizers.get("adam").init(GOOD[0])), "state was given without an optimizer"),
    (_bad(optimizer=optimizers.get("adam"), state=optimizers.get("momentum").init(GOOD[0])),
     "state must be AdamState"),
    (_bad(optimizer=optimizers.get("adam"),
          state=optimizers.get("adam").init(init_params((3, 5, 3, 2), 0, np.float64))),
     "optimizer state 'm' does not fit these params"),
]


@pytest.mark.parametrize("kwargs, message", BAD_CASES)
def test_bad_inputs_raise_one_clear_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message) as info:
        trace(**kwargs)
    assert "\n" not in str(info.value)


def test_json_is_plain_lists_with_the_contract_keys():
    import json

    params, x, y = _problem((2, 3, 3, 3), 5)
    t = trace(params, "tanh", x, y, optimizer=optimizers.get("momentum", lr=0.1))
    d = json.loads(json.dumps(t.to_json()))
    assert {"sizes", "activation", "loss_name", "loss", "x", "y", "W", "b", "z", "a", "p",
            "sample_losses", "delta", "grad_W", "grad_b", "input_grad", "update"} <= set(d)
    assert d["sizes"] == [2, 3, 3, 3] and len(d["z"]) == 3 and len(d["a"]) == 3
    assert np.array(d["delta"][1]).shape == (5, 3) and np.array(d["input_grad"]).shape == (5, 2)
    assert np.array_equal(np.array(d["update"]["W"][2]), t.update.W[2])
    assert "W" not in t.to_json(include_params=False)
