"""The loss landscape's core (issue 15) against independent oracles.

The oracle of a loss is a plain torch forward pass written here (nn.Sequential of the
run's layers, the normalisation (pixel / 255 − 0.1307) / 0.3081 written out, torch's own
F.cross_entropy), never the code under test. Runs are tiny (hidden 16-8) on the synthetic
digits, trained once per module.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from gradlab.core.landscape.directions import random_plane
from gradlab.core.landscape.evaluate import Evaluator
from gradlab.core.landscape.grid import compute_plane, grid_order
from gradlab.core.landscape.line import compute_line
from gradlab.core.landscape.paths import project_path
from gradlab.core.landscape.planes import Plane, pca_plane, runs_plane
from gradlab.core.mlp import init_params
from gradlab.core.mnist.frames import TrainConfig
from gradlab.core.mnist.synthetic import synthetic
from gradlab.core.mnist.train import train

DATA = synthetic(400, 50, seed=3)
SUBSET = 300
WEIGHTS = [1.0, 2.0, 0.5, 1.0, 3.0, 1.0, 1.0, 0.25, 1.0, 2.0]
BASE = TrainConfig(hidden=(16, 8), batch_size=50, epochs=2, eval_every=0, grid_size=0, threads=1,
                   device="cpu", schedule="constant", seed=5)
ADAM = BASE.replace(optimizer="adam", hyper={"lr": 3e-3}, loss="weighted_cross_entropy",
                    loss_params={"weights": WEIGHTS})
SGD = BASE.replace(optimizer="sgd", hyper={"lr": 0.05})


def _train(config: TrainConfig):
    frame = None
    for frame in train(config, DATA):
        pass
    return frame.checkpoint


@pytest.fixture(scope="module")
def runs():
    return {"adam": _train(ADAM), "sgd": _train(SGD)}


def weights(ck) -> dict[str, np.ndarray]:
    return {k: v.numpy().copy() for k, v in ck.state["model"].items()}


def oracle(theta: dict, config: TrainConfig, n: int = SUBSET, dtype=torch.float64) -> tuple[float, float]:
    """A plain torch forward pass of the first n training samples and the run's loss."""
    x = torch.tensor(DATA.train_images[:n].reshape(n, -1), dtype=dtype)
    x = (x / 255.0 - 0.1307) / 0.3081
    y = torch.tensor(DATA.train_labels[:n], dtype=torch.int64)
    act = {"relu": torch.relu, "tanh": torch.tanh}[config.activation]
    layers = len(theta) // 2
    a = x
    for i in range(layers):
        a = a @ torch.tensor(theta[f"{2 * i}.weight"], dtype=dtype).T + torch.tensor(theta[f"{2 * i}.bias"], dtype=dtype)
        if i < layers - 1:
            a = act(a)
    weight = torch.tensor(config.loss_params["weights"], dtype=dtype) if config.loss == "weighted_cross_entropy" else None
    loss = F.cross_entropy(a, y, weight=weight)
    return float(loss), float((a.argmax(1) == y).double().mean())


def test_the_centre_of_a_random_plane_is_the_runs_loss_on_the_subset(runs):
    final = weights(runs["adam"])
    plane = random_plane(final, seed=0)
    axis = np.linspace(-1, 1, 5)
    last = list(compute_plane(plane, axis, axis, Evaluator(ADAM, DATA, subset=SUBSET)))[-1]
    loss, acc = oracle(final, ADAM)
    assert last.loss[2, 2] == pytest.approx(loss, rel=1e-5)
    assert last.accuracy[2, 2] == pytest.approx(acc, abs=1e-9)
    # And away from the centre: θ(α, β) through the oracle (row i = β_i, column j = α_j).
    theta = {k: final[k] + 0.5 * plane.d1[k] - 1.0 * plane.d2[k] for k in final}
    assert last.loss[0, 3] == pytest.approx(oracle(theta, ADAM)[0], rel=1e-4)
    assert not np.isnan(last.loss).any() and last.done == last.total == 25


def test_the_line_ends_are_the_losses_at_theta0_and_the_final_weights(runs):
    theta0 = {}
    for i, (W, b) in enumerate(init_params([784, 16, 8, 10], BASE.seed, np.float32)):
        theta0[f"{2 * i}.weight"], theta0[f"{2 * i}.bias"] = W, b
    assert np.array_equal(runs["sgd"].trajectory.origin["0.weight"], theta0["0.weight"])
    finals = {name: weights(ck) for name, ck in runs.items()}
    configs = {"adam": ADAM, "sgd": SGD}
    last = list(compute_line(theta0, finals, [0.0, 0.5, 1.0],
                             lambda name: Evaluator(configs[name], DATA, subset=SUBSET)))[-1]
    assert last.done == last.total == 6
    for name in finals:
        assert last.loss[name][0] == pytest.approx(oracle(theta0, configs[name])[0], rel=1e-5)
        assert last.loss[name][2] == pytest.approx(oracle(finals[name], configs[name])[0], rel=1e-5)
        half = {k: (theta0[k] + finals[name][k]) / 2 for k in theta0}
        assert last.loss[name][1] == pytest.approx(oracle(half, configs[name])[0], rel=1e-4)
    # Both lines start at θ₀, each with its own loss: weighted and plain CE differ there.
    assert last.loss["adam"][0] != pytest.approx(last.loss["sgd"][0], rel=1e-3)


def test_the_slope_at_the_centre_along_d1_is_autograds_gradient_dot_d1():
    config = BASE.replace(dtype="float64", activation="tanh", optimizer="momentum",
                          hyper={"lr": 0.05, "momentum": 0.9})
    final = weights(_train(config))
    plane = random_plane(final, seed=4)
    plane = Plane("random", {k: v.astype(np.float64) for k, v in final.items()}, plane.d1, plane.d2)
    h = 1e-4
    last = list(compute_plane(plane, [-h, 0.0, h], [0.0], Evaluator(config, DATA, subset=SUBSET)))[-1]
    slope = (last.loss[0, 2] - last.loss[0, 0]) / (2 * h)
    theta = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in final.items()}
    x = torch.tensor(DATA.train_images[:SUBSET].reshape(SUBSET, -1), dtype=torch.float64)
    x = (x / 255.0 - 0.1307) / 0.3081
    y = torch.tensor(DATA.train_labels[:SUBSET])
    a = torch.tanh(x @ theta["0.weight"].T + theta["0.bias"])
    a = torch.tanh(a @ theta["2.weight"].T + theta["2.bias"])
    F.cross_entropy(a @ theta["4.weight"].T + theta["4.bias"], y).backward()
    grad_dot_d1 = sum(float((theta[k].grad * torch.tensor(plane.d1[k], dtype=torch.float64)).sum())
                      for k in theta)
    assert abs(grad_dot_d1) > 1e-3  # a slope worth comparing
    assert slope == pytest.approx(grad_dot_d1, rel=1e-5)


def test_filter_normalisation_holds_row_by_row(runs):
    final = weights(runs["adam"])
    plane = random_plane(final, seed=7)
    for d in (plane.d1, plane.d2):
        for k, w in final.items():
            if w.ndim == 2:
                np.testing.assert_allclose(np.linalg.norm(d[k], axis=1), np.linalg.norm(w, axis=1), rtol=1e-5)
            else:
                assert not d[k].any()  # biases' directions are zero
    assert np.dot(plane.d1["0.weight"].ravel(), plane.d2["0.weight"].ravel()) != 0  # two draws
    again = random_plane({k: final[k] for k in reversed(list(final))}, seed=7)
    assert all(np.array_equal(again.d1[k], plane.d1[k]) for k in final)  # same seed, same plane
    other = random_plane(final, seed=8)
    assert not np.array_equal(other.d1["0.weight"], plane.d1["0.weight"])


class Quadratic:
    """L(θ) = ½ θᵀ A θ + bᵀ θ over the flattened θ; accuracy is a constant."""

    def __init__(self, a: np.ndarray, b: np.ndarray) -> None:
        self.a, self.b, self.calls = a, b, 0

    def loss_accuracy(self, theta: dict) -> tuple[float, float]:
        self.calls += 1
        t = np.concatenate([np.ravel(theta[k]) for k in sorted(theta)]).astype(np.float64)
        return float(0.5 * t @ self.a @ t + self.b @ t), 0.5


def _toy_plane(rng: np.random.Generator) -> tuple[Plane, np.ndarray, np.ndarray]:
    shapes = {"0.weight": (3, 4), "0.bias": (3,)}
    vec = lambda: {k: rng.standard_normal(s).astype(np.float32) for k, s in shapes.items()}  # noqa: E731
    m = rng.standard_normal((15, 15))
    return Plane("random", vec(), vec(), vec()), m @ m.T, rng.standard_normal(15)


def test_on_a_quadratic_the_slice_is_the_closed_form():
    plane, a, b = _toy_plane(np.random.default_rng(0))
    flat = lambda d: np.concatenate([np.ravel(d[k]) for k in sorted(d)]).astype(np.float64)  # noqa: E731
    o, d1, d2 = flat(plane.origin), flat(plane.d1), flat(plane.d2)
    g = a @ o + b
    alphas, betas = np.linspace(-1, 1, 9), np.linspace(-0.5, 1.5, 7)
    last = list(compute_plane(plane, alphas, betas, Quadratic(a, b)))[-1]
    A, B = np.meshgrid(alphas, betas)  # rows β, columns α
    closed = (0.5 * o @ a @ o + b @ o + A * (g @ d1) + B * (g @ d2)
              + 0.5 * (A ** 2 * (d1 @ a @ d1) + 2 * A * B * (d1 @ a @ d2) + B ** 2 * (d2 @ a @ d2)))
    np.testing.assert_allclose(last.loss, closed, rtol=1e-5, atol=1e-4)


def test_grid_order_is_coarse_first_and_covers_every_point_once():
    passes = grid_order(21, 21)
    points = [p for rows in passes for row in rows for p in row]
    assert sorted(points) == [(j, i) for j in range(21) for i in range(21)]
    assert [len(rows) for rows in passes] == [6, 11, 21]
    assert all(j % 4 == 0 and i % 4 == 0 for row in passes[0] for j, i in row)
    assert len([p for row in passes[0] for p in row]) == 36
    assert grid_order(1, 1) == [[[(0, 0)]]]


def test_cancel_stops_within_a_grid_row():
    plane, a, b = _toy_plane(np.random.default_rng(1))
    toy = Quadratic(a, b)
    asked = [False]
    updates = []
    for u in compute_plane(plane, np.linspace(-1, 1, 21), np.linspace(-1, 1, 21), toy, lambda: asked[0]):
        updates.append(u)
        if len(updates) == 3:
            asked[0] = True  # the consumer cancels after the third row
    assert len(updates) == 3  # nothing after the cancel
    assert toy.calls == updates[-1].done == 18  # not one point more (3 coarse rows of 6)
    # A cancel from another thread lands between points, in the middle of a row.
    toy2, calls = Quadratic(a, b), [0]

    def stop() -> bool:
        calls[0] += 1
        return calls[0] > 4

    ups = list(compute_plane(plane, np.linspace(-1, 1, 21), np.linspace(-1, 1, 21), toy2, stop))
    assert toy2.calls == 3 and ups == []  # stopped inside the first row, which is never yielded


def test_the_plane_of_the_runs_holds_theta0_and_both_finals_exactly(runs):
    theta0 = runs["adam"].trajectory.origin
    fa, fb = weights(runs["adam"]), weights(runs["sgd"])
    plane = runs_plane(theta0, fa, fb, names=("adam", "sgd"))
    assert plane.project(theta0) == pytest.approx((0.0, 0.0), abs=1e-9)
    assert plane.project(fa) == pytest.approx((1.0, 0.0), abs=1e-6)
    assert plane.project(fb) == pytest.approx(plane.points["sgd"], abs=1e-6)
    for name, final in (("adam", fa), ("sgd", fb)):
        back = plane.at(*plane.points[name])
        for k in final:
            np.testing.assert_allclose(back[k], final[k], atol=1e-6 * max(1.0, np.abs(final[k]).max()))
    # Orthogonal axes of one length: the picture is not sheared.
    d1 = np.concatenate([plane.d1[k].ravel() for k in plane.d1]).astype(np.float64)
    d2 = np.concatenate([plane.d2[k].ravel() for k in plane.d2]).astype(np.float64)
    assert abs(d1 @ d2) <= 1e-5 * (d1 @ d1)
    assert d2 @ d2 == pytest.approx(d1 @ d1, rel=1e-5)
    # Each run's path starts at θ₀ and ends at its final weights on this plane.
    for name in ("adam", "sgd"):
        path = project_path(plane, runs[name].trajectory)
        assert path[0] == pytest.approx((0.0, 0.0), abs=1e-9)
        assert path[-1] == pytest.approx(plane.points[name], abs=1e-6)
    span = plane.default_span
    assert span[0] < 0 < 1 < span[1] and span[2] < min(0, plane.points["sgd"][1])
    with pytest.raises(ValueError, match="no plane"):
        runs_plane(theta0, fa, {k: theta0[k] + 2 * (fa[k] - theta0[k]) for k in fa})


def test_pca_directions_are_orthonormal_and_explain_the_variance_they_claim(runs):
    traj = runs["adam"].trajectory
    final = weights(runs["adam"])
    snaps = [th for _, th in traj.points()][:-1]
    plane = pca_plane(snaps, final)
    flat = lambda d: np.concatenate([np.ravel(d[k]) for k in final]).astype(np.float64)  # noqa: E731
    d1, d2 = flat(plane.d1), flat(plane.d2)
    assert d1 @ d1 == pytest.approx(1.0, abs=1e-5) and d2 @ d2 == pytest.approx(1.0, abs=1e-5)
    assert abs(d1 @ d2) < 1e-5
    # Oracle: numpy's SVD of the same centred matrix of θ_t − θ_T.
    m = np.stack([flat(s) - flat(final) for s in snaps])
    m -= m.mean(axis=0)
    _, s, vt = np.linalg.svd(m, full_matrices=False)
    share = s ** 2 / (s ** 2).sum()
    assert plane.explained == pytest.approx((share[0], share[1]), abs=1e-6)
    assert abs(vt[0] @ d1) == pytest.approx(1.0, abs=1e-5)
    assert abs(vt[1] @ d2) == pytest.approx(1.0, abs=1e-4)
    assert plane.points["final"] == (0.0, 0.0)
    path = project_path(plane, traj)
    assert path[-1] == pytest.approx((0.0, 0.0), abs=1e-6)
    a0, a1, b0, b1 = plane.default_span
    assert (a0 < path[:, 0].min()) and (path[:, 0].max() < a1) and (b0 < path[:, 1].min()) and (path[:, 1].max() < b1)
    with pytest.raises(ValueError, match="at least 3"):
        pca_plane(snaps[:2], final)


def test_real_mnist_centre(mnist_dir):
    from gradlab.core.mnist.data import load

    data = load(mnist_dir)
    config = TrainConfig(hidden=(32, 16), device="cpu")
    theta = {}
    for i, (W, b) in enumerate(init_params([784, 32, 16, 10], 0, np.float32)):
        theta[f"{2 * i}.weight"], theta[f"{2 * i}.bias"] = W, b
    ev = Evaluator(config, data, subset=500)
    x = torch.tensor(np.asarray(data.train_images[:500]).reshape(500, -1), dtype=torch.float64)
    x = (x / 255.0 - 0.1307) / 0.3081
    y = torch.tensor(np.asarray(data.train_labels[:500]), dtype=torch.int64)
    a = x
    for i in range(3):
        a = a @ torch.tensor(theta[f"{2 * i}.weight"], dtype=torch.float64).T + torch.tensor(theta[f"{2 * i}.bias"], dtype=torch.float64)
        a = torch.relu(a) if i < 2 else a
    last = list(compute_plane(random_plane(theta, 0), [0.0], [0.0], ev))[-1]
    assert last.loss[0, 0] == pytest.approx(float(F.cross_entropy(a, y)), rel=1e-5)
