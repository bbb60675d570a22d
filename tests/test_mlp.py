"""Hand-written backprop (gradlab.core.mlp) against torch autograd and finite differences."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from gradlab.core import activations, losses, optimizers
from gradlab.core.mlp import MLP, flatten, gradient_check, init_params, unflatten

torch.set_num_threads(1)

SIZES = [6, 5, 4, 3]
N, C = 7, SIZES[-1]

# torch's own functions, not ours: the oracle must not share our formulas.
TORCH_ACT = {
    "sigmoid": lambda a, p: torch.sigmoid(a),
    "tanh": lambda a, p: torch.tanh(a),
    "relu": lambda a, p: torch.relu(a),
    "leaky_relu": lambda a, p: F.leaky_relu(a, p.get("alpha", 0.01)),
    "elu": lambda a, p: F.elu(a, p.get("alpha", 1.0)),
    "gelu": lambda a, p: F.gelu(a),
    "softplus": lambda a, p: F.softplus(a),
    "swish": lambda a, p: F.silu(a),
}
CLASS_WEIGHTS = [0.5, 2.0, 1.25]
FOCAL_ALPHA = [0.25, 0.5, 1.0]


def _focal(z, y, gamma, alpha):
    logp = F.log_softmax(z, dim=1).gather(1, y.view(-1, 1)).squeeze(1)
    a = torch.as_tensor(alpha, dtype=z.dtype)[y] if alpha is not None else 1.0
    return (-a * (1 - logp.exp()) ** gamma * logp).mean()


# (name, params, torch oracle, targets are float)
LOSS_CASES = {
    "mse": ({}, lambda z, t: F.mse_loss(z, t), True),
    "cross_entropy": ({}, lambda z, t: F.cross_entropy(z, t), False),
    "weighted_cross_entropy": (
        {"weights": CLASS_WEIGHTS},
        lambda z, t: F.cross_entropy(z, t, weight=torch.tensor(CLASS_WEIGHTS, dtype=z.dtype)),
        False,
    ),
    "focal": ({"gamma": 2.0, "alpha": FOCAL_ALPHA}, lambda z, t: _focal(z, t, 2.0, FOCAL_ALPHA), False),
    "softmax_mse": ({}, lambda z, t: F.mse_loss(z.softmax(1), F.one_hot(t, C).to(z.dtype)), False),
}


def _data(float_targets: bool, seed: int = 1):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(N, SIZES[0]))
    y = rng.normal(size=(N, C)) if float_targets else rng.integers(0, C, size=N)
    return x, y


def _torch_grads(params, act, act_params, torch_loss, x, y):
    tp = [(torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True)) for W, b in params]
    a = torch.tensor(x)
    for l, (W, b) in enumerate(tp):
        a = a @ W.T + b
        if l < len(tp) - 1:
            a = TORCH_ACT[act](a, act_params)
    value = torch_loss(a, torch.tensor(y))
    value.backward()
    return value.item(), [(W.grad.numpy(), b.grad.numpy()) for W, b in tp]


def test_every_activation_and_loss_is_covered_by_the_oracle():
    assert set(activations.names()) <= set(TORCH_ACT)
    assert set(losses.names()) <= set(LOSS_CASES)


@pytest.mark.parametrize("loss_name", sorted(LOSS_CASES))
@pytest.mark.parametrize("act", sorted(TORCH_ACT))
def test_gradients_equal_torch_autograd(act, loss_name):
    act_params = {"alpha": 0.2} if act == "leaky_relu" else {}
    loss_params, torch_loss, float_targets = LOSS_CASES[loss_name]
    params = init_params(SIZES, seed=3, dtype=np.float64)
    x, y = _data(float_targets)
    net = MLP(params, activations.get(act, **act_params), losses.get(loss_name, **loss_params))
    value, grads = net.loss_and_grads(x, y)
    t_value, t_grads = _torch_grads(params, act, act_params, torch_loss, x, y)
    assert value == pytest.approx(t_value, rel=1e-12, abs=1e-14)
    for (dW, db), (tW, tb), (W, b) in zip(grads, t_grads, params):
        assert dW.shape == W.shape and db.shape == b.shape
        np.testing.assert_allclose(dW, tW, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(db, tb, rtol=1e-10, atol=1e-12)


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    n=st.integers(1, 5),
    act=st.sampled_from(sorted(TORCH_ACT)),
    seed=st.integers(0, 2**31 - 1),
)
def test_any_architecture_matches_torch(sizes, n, act, seed):
    """Shapes vary: one layer (no hidden f), width 1, a batch of one."""
    sizes = sizes if sizes[-1] >= 2 else sizes[:-1] + [2]  # cross-entropy needs two classes
    params = init_params(sizes, seed=seed % 1000, dtype=np.float64)
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, sizes[0])) * 2
    y = rng.integers(0, sizes[-1], size=n)
    _, grads = MLP(params, act, "cross_entropy").loss_and_grads(x, y)
    _, t_grads = _torch_grads(params, act, {}, lambda z, t: F.cross_entropy(z, t), x, y)
    for (dW, db), (tW, tb) in zip(grads, t_grads):
        np.testing.assert_allclose(dW, tW, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(db, tb, rtol=1e-10, atol=1e-12)


def test_forward_equals_torch_linear_layers():
    params = init_params([784, 32, 10], seed=0, dtype=np.float64)
    x = np.random.default_rng(0).normal(size=(5, 784))
    model = torch.nn.Sequential(torch.nn.Linear(784, 32), torch.nn.Tanh(), torch.nn.Linear(32, 10)).double()
    with torch.no_grad():
        for lin, (W, b) in zip([model[0], model[2]], params):
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b))
        expected = model(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(MLP(params, "tanh").forward(x), expected, rtol=1e-12, atol=1e-14)


def test_init_params_follows_torch_default_distribution():
    params = init_params([784, 512, 10], seed=0)
    (W1, b1), (W2, b2) = params
    assert W1.shape == (512, 784) and b1.shape == (512,) and W2.shape == (10, 512) and b2.shape == (10,)
    assert W1.dtype == np.float32
    k = 1 / np.sqrt(784)
    assert np.abs(W1).max() <= k and np.abs(b1).max() <= k
    # uniform on (−k, k): mean 0, variance k²/3, and it fills the interval
    assert abs(W1.mean()) < 0.01 * k
    assert W1.var() == pytest.approx(k * k / 3, rel=0.01)
    assert np.abs(W1).max() > 0.999 * k
    assert np.abs(W2).max() <= 1 / np.sqrt(512)
    # torch draws the same distribution: compare its variance on the same shape
    torch.manual_seed(0)
    tw = torch.nn.Linear(784, 512).weight.detach().numpy()
    assert W1.var() == pytest.approx(tw.var(), rel=0.02)


def test_init_params_is_seeded_and_float32_equals_float64_rounded():
    a = init_params(SIZES, seed=5)
    b = init_params(SIZES, seed=5, dtype=np.float64)
    c = init_params(SIZES, seed=6)
    for (Wa, ba), (Wb, bb), (Wc, _) in zip(a, b, c):
        np.testing.assert_array_equal(Wa, Wb.astype(np.float32))
        np.testing.assert_array_equal(ba, bb.astype(np.float32))
        assert not np.array_equal(Wa, Wc)
    with pytest.raises(ValueError, match="sizes"):
        init_params([5], seed=0)


@pytest.mark.parametrize("act", ["sigmoid", "relu", "leaky_relu", "gelu"])
def test_float32_net_stays_float32_and_matches_float64(act):
    p32 = init_params(SIZES, seed=2)
    p64 = init_params(SIZES, seed=2, dtype=np.float64)
    x, y = _data(False)
    loss = losses.get("cross_entropy")
    v32, g32 = MLP(p32, act).loss_and_grads(x.astype(np.float32), y, loss)
    v64, g64 = MLP(p64, act).loss_and_grads(x, y, loss)
    assert v32 == pytest.approx(v64, rel=1e-5)
    for (dW32, db32), (dW64, db64) in zip(g32, g64):
        assert dW32.dtype == np.float32 and db32.dtype == np.float32
        np.testing.assert_allclose(dW32, dW64, rtol=1e-3, atol=1e-6)


def test_gradient_check_is_tiny_for_correct_backprop():
    x, y = _data(False)
    for act in ["tanh", "relu", "softplus"]:
        net = MLP(init_params(SIZES, seed=4), act, "cross_entropy")  # float32 net, checked in float64
        assert gradient_check(net, x, y, net.loss, n_checks=None) < 1e-7
        assert net.gradient_check(x, y) < 1e-7


class _ForgotDerivative:
    """A classic bug: δ_l = Wᵀ δ_{l+1} without the ⊙ f'(z_l)."""

    def __init__(self, act):
        self.forward = act.forward
        self.derivative = np.ones_like


class _WrongBiasGrad(MLP):
    """Another: ∂C/∂b taken as the mean over the batch instead of the sum."""

    def backward(self, delta_out, a, zs):
        grads = super().backward(delta_out, a, zs)
        return [(dW, db / len(a[0])) for dW, db in grads]


def test_gradient_check_catches_broken_backprop():
    x, y = _data(False)
    loss = losses.get("cross_entropy")
    params = init_params(SIZES, seed=4, dtype=np.float64)
    forgot = MLP(params, _ForgotDerivative(activations.get("tanh")), loss)
    assert gradient_check(forgot, x, y, loss, n_checks=None) > 1e-2
    assert gradient_check(_WrongBiasGrad(params, "tanh", loss), x, y, loss, n_checks=None) > 1e-2


def test_flatten_and_unflatten_are_inverse_views():
    params = init_params(SIZES, seed=0)
    theta = flatten(params)
    assert theta.size == sum(W.size + b.size for W, b in params)
    views = unflatten(theta, params)
    for (W, b), (Wv, bv) in zip(params, views):
        np.testing.assert_array_equal(W, Wv)
        np.testing.assert_array_equal(b, bv)
    theta[0] = 123.0
    assert views[0][0][0, 0] == 123.0  # a view, not a copy
    with pytest.raises(ValueError):
        unflatten(theta[:-1], params)


def test_core_adam_trains_the_net():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, SIZES[0]))
    y = (x[:, 0] > 0).astype(int) + (x[:, 1] > 0)  # three classes from two features
    net = MLP(init_params(SIZES, seed=0, dtype=np.float64), "tanh", "cross_entropy")
    adam = optimizers.get("adam", lr=0.02)
    state = adam.init(net.params)  # the optimizers take the [(W, b), ...] list as it is
    first, _ = net.loss_and_grads(x, y)
    for _ in range(60):
        _, grads = net.loss_and_grads(x, y)
        updates, state = adam.update(grads, state, net.params)
        net.params = optimizers.apply_updates(net.params, updates)
    last, _ = net.loss_and_grads(x, y)
    assert last < 0.5 * first
    assert [W.shape for W, _ in net.params] == [(5, 6), (4, 5), (3, 4)]


def test_one_sgd_step_moves_against_the_gradient():
    x, y = _data(False)
    params = init_params(SIZES, seed=0, dtype=np.float64)
    net = MLP(params, "sigmoid", "cross_entropy")
    _, grads = net.loss_and_grads(x, y)
    theta = flatten(params)
    sgd = optimizers.get("sgd", lr=0.1)
    updates, _ = sgd.update(flatten(grads), sgd.init(theta), theta)
    np.testing.assert_allclose(optimizers.apply_updates(theta, updates), theta - 0.1 * flatten(grads))


def test_missing_loss_is_a_clear_error():
    with pytest.raises(ValueError, match="loss"):
        MLP(init_params(SIZES, seed=0), "relu").loss_and_grads(*_data(False))


def test_forward_pass_exposes_every_layer():
    x, _ = _data(False)
    params = init_params(SIZES, seed=0, dtype=np.float64)
    net = MLP(params, "relu")
    a, zs = net.forward_pass(x)
    assert [t.shape for t in a] == [(N, 6), (N, 5), (N, 4), (N, 3)]
    np.testing.assert_allclose(zs[0], x @ params[0][0].T + params[0][1])
    np.testing.assert_allclose(a[1], np.maximum(zs[0], 0))
    np.testing.assert_array_equal(a[-1], zs[-1])  # linear output: the logits
    np.testing.assert_array_equal(net.forward(x), a[-1])
    assert net.sizes == SIZES


def test_numpy_engine_learns_real_mnist(mnist_dir):
    """A short float32 run on real digits (100 Adam steps): far above chance."""
    from gradlab.core.mnist import data as mnist_data

    data = mnist_data.load(mnist_dir)
    x = ((data.train_images[:12800].reshape(-1, 784) / 255.0 - 0.1307) / 0.3081).astype(np.float32)
    y = data.train_labels[:12800].astype(np.int64)
    xt = ((data.test_images[:2000].reshape(-1, 784) / 255.0 - 0.1307) / 0.3081).astype(np.float32)
    net = MLP(init_params([784, 128, 10], seed=0), "relu", "cross_entropy")
    adam = optimizers.get("adam", lr=1e-3)
    state = adam.init(net.params)
    for i in range(0, len(x), 128):
        _, grads = net.loss_and_grads(x[i : i + 128], y[i : i + 128])
        assert grads[0][0].dtype == np.float32
        updates, state = adam.update(grads, state, net.params)
        net.params = optimizers.apply_updates(net.params, updates)
    accuracy = np.mean(net.forward(xt).argmax(axis=1) == data.test_labels[:2000])
    assert accuracy > 0.75, accuracy  # about 0.86; chance is 0.1


@pytest.mark.parametrize("loss_name", sorted(LOSS_CASES))
def test_explorer_demo_passes_for_every_loss_and_catches_every_planted_bug(loss_name):
    from gradlab.core import gradient_check as gc

    clean = gc.run("tanh", loss_name, "none")
    assert clean.passed and clean.relative_error < 1e-7
    assert clean.analytic.shape == clean.numeric.shape == (clean.n_params,)
    for bug in gc.BUGS:
        if bug != "none":
            result = gc.run("tanh", loss_name, bug)
            assert not result.passed and result.relative_error > 1e-2, bug
    with pytest.raises(ValueError, match="unknown bug"):
        gc.run("tanh", loss_name, "typo")
