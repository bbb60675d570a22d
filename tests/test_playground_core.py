"""The Playground's core: data sets, features, training, regions, comparisons, frames.

Oracles are independent: TF Playground's formulas written out here, pinned literals, a
forward pass written here, and the core's `MLP.loss_and_grads` with the optimizer on the
list of arrays (the slow path the session's flat vector replaces).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from gradlab.core import losses, optimizers
from gradlab.core.mlp import MLP
from gradlab.core.playground import datasets, features
from gradlab.core.playground.compare import sessions_for
from gradlab.core.playground.frames import frames
from gradlab.core.playground.session import (
    EpochStats, PlaygroundConfig, Session, output_gradient,
)


def session(config: PlaygroundConfig) -> Session:
    X, y = datasets.make(config.dataset, config.n_points, config.noise, config.seed, config.classes)
    return Session(config, X, y)


# -- data sets -------------------------------------------------------------------------


@pytest.mark.parametrize("name", datasets.NAMES)
def test_every_data_set_is_reproducible_in_range_and_sized(name):
    X, y = datasets.make(name, 301, 0.2, seed=5)
    assert X.shape == (301, 2) and X.dtype == np.float64 and y.dtype == np.int64
    assert np.abs(X).max() < 9.0 and np.abs(X).max() > 2.0  # about [−6, 6]
    assert set(np.unique(y)) == {0, 1}
    X2, y2 = datasets.make(name, 301, 0.2, seed=5)
    assert np.array_equal(X, X2) and np.array_equal(y, y2)
    X3, _ = datasets.make(name, 301, 0.2, seed=6)
    assert not np.array_equal(X, X3)


def test_spiral_points_are_tf_playgrounds_formula():
    # TF: r = i/n · 5, t = 1.75 · i/n · 2π + Δ, (r sin t, r cos t); Δ = 0 for the positive
    # arm (class 1 here), π for the negative one (class 0); no noise, no randomness.
    X, y = datasets.make("spiral", 200, 0.0, seed=0)
    assert np.bincount(y).tolist() == [100, 100]
    for cls, delta in ((1, 0.0), (0, math.pi)):
        pts = X[y == cls]
        for i in (0, 1, 37, 99):
            r, t = i / 100 * 5, 1.75 * i / 100 * 2 * math.pi + delta
            assert pts[i] == pytest.approx([r * math.sin(t), r * math.cos(t)], abs=1e-12)


def test_three_arm_spiral_has_three_classes_a_third_of_a_turn_apart():
    assert np.bincount(datasets.make("spiral", 301, 0.0, seed=0, classes=3)[1]).tolist() == [101, 100, 100]
    X, y = datasets.make("spiral", 300, 0.0, seed=0, classes=3)
    starts = [math.atan2(*X[y == k][1]) % (2 * math.pi) for k in range(3)]  # atan2(x, y) = t
    gaps = sorted((b - a) % (2 * math.pi) for a, b in zip(starts, starts[1:] + starts[:1]))
    assert gaps == pytest.approx([2 * math.pi / 3] * 3, abs=1e-9)


def test_circle_without_noise_is_inside_and_ring():
    X, y = datasets.make("circle", 400, 0.0, seed=1)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.bincount(y).tolist() == [200, 200]
    assert r[y == 1].max() < 2.5 and r[y == 0].min() >= 3.5 and r.max() <= 5.0


def test_circle_noise_moves_labels_like_tf():
    # TF labels by the noisy point (shift up to 5·noise per coordinate): with noise 0.5
    # many ring points and inner points take the other side's label; with 0 none do.
    X, y = datasets.make("circle", 2000, 0.5, seed=2)
    r = np.hypot(X[:, 0], X[:, 1])
    wrong = np.mean((r < 2.5) != (y == 1))
    assert 0.1 < wrong < 0.5


def test_xor_has_padding_and_quadrant_labels():
    X, y = datasets.make("xor", 1000, 0.0, seed=3)
    assert np.abs(X).min() >= 0.3 and np.abs(X).max() <= 5.3
    assert np.array_equal(y, (X[:, 0] * X[:, 1] >= 0).astype(int))
    Xn, yn = datasets.make("xor", 2000, 0.5, seed=3)
    assert 0.1 < np.mean(yn != (Xn[:, 0] * Xn[:, 1] >= 0)) < 0.5


@pytest.mark.parametrize("noise, sd", [(0.0, math.sqrt(0.5)), (0.5, 2.0)])
def test_gaussians_have_tf_means_and_spread(noise, sd):
    X, y = datasets.make("gauss", 8000, noise, seed=4)
    for cls, centre in ((1, 2.0), (0, -2.0)):
        pts = X[y == cls]
        assert pts.mean(axis=0) == pytest.approx([centre, centre], abs=0.1)
        assert pts.std(axis=0) == pytest.approx([sd, sd], rel=0.05)


def test_moons_are_two_interleaved_half_circles():
    X, y = datasets.make("moons", 400, 0.0, seed=0)
    upper, lower = X[y == 0], X[y == 1]
    assert np.hypot(upper[:, 0] + 1.5, upper[:, 1] + 0.75) == pytest.approx(3.0)
    assert np.hypot(lower[:, 0] - 1.5, lower[:, 1] - 0.75) == pytest.approx(3.0)


@pytest.mark.parametrize("args, word", [
    (("nope", 100, 0.0), "nope"), (("xor", 100, 0.9), "0.9"), (("xor", 1, 0.0), "1"),
])
def test_bad_data_set_arguments_name_the_value(args, word):
    with pytest.raises(ValueError, match=word):
        datasets.make(*args, seed=0)
    with pytest.raises(ValueError, match="3"):
        datasets.make("circle", 100, 0.0, 0, classes=3)


def test_split_and_imbalance():
    X, y = datasets.make("gauss", 200, 0.1, seed=0)
    Xtr, ytr, Xte, yte = datasets.split(X, y, 0.3, seed=1)
    assert len(ytr) == 60 and len(yte) == 140
    rows = {tuple(p) for p in np.vstack([Xtr, Xte])}
    assert rows == {tuple(p) for p in X}
    Xi, yi = datasets.imbalance(X, y, 1, 0.1, seed=0)
    assert np.bincount(yi).tolist() == [100, 10]
    assert {tuple(p) for p in Xi} <= {tuple(p) for p in X}


# -- features --------------------------------------------------------------------------


def test_features_are_pinned_values():
    X = np.array([[1.0, 2.0], [-0.5, 3.0]])
    got = features.compute(X, features.FEATURES)
    assert got == pytest.approx(np.array([
        [1.0, 2.0, 1.0, 4.0, 2.0, 0.8414709848078965, 0.9092974268256817],
        [-0.5, 3.0, 0.25, 9.0, -1.5, -0.479425538604203, 0.1411200080598672],
    ]), abs=1e-15)
    assert features.compute(X, ("x1x2", "x1")).tolist() == [[2.0, 1.0], [-1.5, -0.5]]
    assert features.TITLES["x1sq"] == "x₁²"
    with pytest.raises(ValueError, match="x3"):
        features.compute(X, ("x1", "x3"))


# -- learning is real ------------------------------------------------------------------


XOR = PlaygroundConfig(dataset="xor", n_points=400, noise=0.0, train_share=0.5, hidden=(),
                       optimizer="adam", hyper={"lr": 0.05}, batch_size=10)


def test_xor_is_not_linearly_separable_but_x1x2_separates_it():
    linear = session(XOR.replace(features=("x1", "x2")))
    product = session(XOR.replace(features=("x1", "x2", "x1x2")))
    for _ in range(100):
        linear.epoch()
        product.epoch()
    # A line cannot do better than chance on average over XOR's four quadrants: the loss
    # stays near log 2 = 0.693 (a coin flip) and test accuracy wanders around one half.
    assert min(s.train_loss for s in linear.history) > 0.6
    assert np.mean([s.test_accuracy for s in linear.history[-20:]]) < 0.7
    assert product.history[-1].test_accuracy >= 0.95
    assert product.history[-1].train_loss < 0.3


def test_tanh_8_8_learns_the_spiral():
    s = session(PlaygroundConfig(dataset="spiral", n_points=500, noise=0.0, hidden=(8, 8),
                                 activation="tanh", optimizer="adam", hyper={"lr": 0.03}))
    for _ in range(500):
        s.epoch()
    assert max(h.train_accuracy for h in s.history) >= 0.9
    assert s.history[0].train_accuracy < 0.8  # it was learned, not given


def test_an_epoch_is_backprop_and_the_optimizer_on_the_layers():
    # Full batch (the order inside a batch changes only rounding), momentum, L2 on weights.
    config = PlaygroundConfig(dataset="circle", n_points=120, noise=0.1, hidden=(5, 3),
                              activation="sigmoid", loss="focal", loss_params={"gamma": 2.0},
                              optimizer="momentum", hyper={"lr": 0.1}, batch_size=1000, l2=0.01)
    s = session(config)
    net = MLP(s.initial_params, "sigmoid", losses.get("focal", gamma=2.0))
    opt = optimizers.get("momentum", lr=0.1)
    state = opt.init(net.params)
    for _ in range(3):
        s.epoch()
        _, grads = net.loss_and_grads(s.F_train, s.y_train)
        grads = [(dW + 0.01 * W, db) for (dW, db), (W, _) in zip(grads, net.params)]
        updates, state = opt.update(grads, state, net.params)
        net.params = optimizers.apply_updates(net.params, updates)
    for (W, b), (W2, b2) in zip(s.params, net.params):
        assert W == pytest.approx(W2, rel=1e-9, abs=1e-12)
        assert b == pytest.approx(b2, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("name, params", [
    ("cross_entropy", {}), ("weighted_cross_entropy", {"weights": [0.3, 2.0, 1.0]}),
    ("focal", {"gamma": 1.5}), ("softmax_mse", {}),
])
def test_output_gradient_is_the_core_losses_gradient(name, params):
    rng = np.random.default_rng(0)
    z, y = rng.normal(size=(10, 3)) * 3, rng.integers(0, 3, 10)
    loss = losses.get(name, **params)
    assert output_gradient(loss)(z, y) == pytest.approx(np.asarray(loss.grad(z, y)), abs=1e-14)


# -- what it draws ---------------------------------------------------------------------


def test_regions_and_unit_maps_are_the_forward_pass_on_the_grid():
    s = session(PlaygroundConfig(dataset="spiral", classes=3, n_points=150, hidden=(4, 3),
                                 features=("x1", "x2", "sin_x1"), activation="tanh"))
    for _ in range(3):
        s.epoch()
    n = 9
    xs = np.linspace(-6, 6, n)
    probs = s.regions(n)
    maps = s.unit_maps(n)
    assert probs.shape == (n, n, 3) and [m.shape for m in maps] == [(4, n, n), (3, n, n)]
    (W1, b1), (W2, b2), (W3, b3) = s.params
    for i in (0, 4, 8):          # row i: y = ys[i]
        for j in (0, 3, 8):      # column j: x = xs[j]
            x1, x2 = xs[j], xs[i]
            h1 = np.tanh(W1 @ np.array([x1, x2, math.sin(x1)]) + b1)
            h2 = np.tanh(W2 @ h1 + b2)
            z = W3 @ h2 + b3
            p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
            assert probs[i, j] == pytest.approx(p, abs=1e-12)
            assert maps[0][:, i, j] == pytest.approx(h1, abs=1e-12)
            assert maps[1][:, i, j] == pytest.approx(h2, abs=1e-12)


# -- control ---------------------------------------------------------------------------


BASE = PlaygroundConfig(dataset="gauss", n_points=100, noise=0.2, hidden=(3,),
                        optimizer="sgd", hyper={"lr": 0.03}, batch_size=1000)


def test_set_lr_changes_the_step_without_a_reset():
    a, b = session(BASE), session(BASE)
    for _ in range(3):
        a.epoch(), b.epoch()
    before = a.params[0][0].copy()
    a.set_lr(0.3)
    a.epoch(), b.epoch()
    assert a.epoch_count == 4 and a.lr == 0.3
    # Full-batch SGD from the same θ: the same gradient, ten times the step.
    assert a.params[0][0] - before == pytest.approx(10 * (b.params[0][0] - before), rel=1e-9)


def test_reset_restores_the_initial_weights_exactly_and_replays():
    s = session(BASE.replace(batch_size=10, optimizer="adam"))
    start = s.initial_params
    first = s.epoch()
    for _ in range(4):
        s.epoch()
    assert not np.array_equal(s.params[0][0], start[0][0])
    s.reset()
    assert all(np.array_equal(W, W0) and np.array_equal(b, b0)
               for (W, b), (W0, b0) in zip(s.params, start))
    assert s.history == [] and s.diverged is None
    assert s.epoch() == first
    s.new_weights(7)
    assert not np.array_equal(s.initial_params[0][0], start[0][0])
    assert s.epoch_count == 0


def test_divergence_stops_training_and_names_the_epoch():
    s = session(BASE.replace(hidden=(8, 8), activation="relu", hyper={"lr": 1e100}, batch_size=10))
    s.epoch()
    assert s.diverged == 1 and not math.isfinite(s.history[-1].train_loss)
    assert s.epoch() is None and s.epoch_count == 1
    assert list(frames([s], stop=lambda: False)) == []  # nothing left to train


def test_comparisons_start_from_identical_weights():
    configs = [BASE.replace(optimizer=o, hyper={"lr": 0.1}) for o in ("sgd", "adam", "rmsprop")]
    configs.append(BASE.replace(activation="relu", weight_seed=0))
    runs = sessions_for(configs, *datasets.make("gauss", 100, 0.2, 0))
    for other in runs[1:]:
        for (W, b), (W0, b0) in zip(other.params, runs[0].params):
            assert np.array_equal(W, W0) and np.array_equal(b, b0)
    for r in runs:
        r.epoch()
    assert not np.array_equal(runs[0].params[0][0], runs[1].params[0][0])
    with pytest.raises(ValueError, match="hidden"):
        sessions_for([BASE, BASE.replace(hidden=(4,))], *datasets.make("gauss", 100, 0.2, 0))


def test_frames_are_copies_paced_by_epochs_and_stop():
    runs = sessions_for([BASE, BASE.replace(optimizer="adam")], *datasets.make("gauss", 100, 0.2, 0))
    got = list(frames(runs, stop=lambda: False, epochs_per_frame=3, max_frames=2, regions_n=8))
    assert [f.epoch for f in got] == [[3, 3], [6, 6]]
    assert [[s.epoch for s in stats] for stats in got[1].stats] == [[4, 5, 6], [4, 5, 6]]
    assert all(isinstance(s, EpochStats) for s in got[0].stats[0])
    assert got[0].regions[0].shape == (8, 8, 2) and got[0].diverged == [None, None]
    assert [m.shape[0] for m in got[0].unit_maps] == [3]
    got[1].params[0][0][0][...] = 99.0
    assert not np.any(runs[0].params[0][0] == 99.0)
    assert list(frames(runs, stop=lambda: True)) == []
    assert runs[0].epoch_count == 6


@pytest.mark.parametrize("change, word", [
    ({"hidden": (9,)}, "9"), ({"hidden": (2,) * 7}, "7"), ({"features": ("x3",)}, "x3"),
    ({"noise": 0.9}, "0.9"), ({"dataset": "nope"}, "nope"), ({"loss": "mse"}, "mse"),
    ({"loss": "weighted_cross_entropy", "loss_params": {"weights": [1, 2, 3]}}, "per class"),
    ({"hyper": {"lr": -1}}, "lr"), ({"batch_size": 0}, "batch"), ({"train_share": 0.95}, "0.95"),
])
def test_bad_configs_raise_one_line_naming_the_value(change, word):
    with pytest.raises(ValueError, match=word) as info:
        BASE.replace(**change).validate()
    assert "\n" not in str(info.value)
